//! The JSON API under `/api`, and its OpenAPI document at `/api/openapi.json`, generated from
//! the handlers' annotations and the records' schemas, so the document and the code cannot
//! drift apart.

pub mod brief;
pub mod dyads;
pub mod events;
pub mod health;
pub mod ingest;
pub mod model;
pub mod watch;

use crate::state::AppState;
use axum::Router;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "tripwire",
        description = "Political events coded from news text, their dyad series, change points, forecasts, alarms and backtest. Errors are JSON: {\"error\": message, \"status\": code}. Requests that change data need the server's token as `Authorization: Bearer TOKEN` when one is configured."
    ),
    components(schemas(crate::error::ErrorBody))
)]
struct ApiDoc;

/// The API's routes and the OpenAPI document describing them.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(events::list_events))
        .routes(routes!(events::get_event))
        .routes(routes!(dyads::series))
        .routes(routes!(dyads::changes))
        .routes(routes!(dyads::forecast))
        .routes(routes!(watch::alarms))
        .routes(routes!(watch::backtest))
        .routes(routes!(ingest::ingest))
        .routes(routes!(brief::post_brief))
        .split_for_parts()
}
