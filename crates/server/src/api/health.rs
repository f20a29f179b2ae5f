//! `GET /api/health`: whether the server, its store and its watch are ready.

use super::model::HealthOut;
use crate::state::AppState;
use crate::watch_cache::Fit;
use axum::extract::State;
use axum::Json;

fn describe<T>(fit: &Fit<T>) -> String {
    match fit {
        Fit::Running => "fitting".to_string(),
        Fit::Ready(_) => "ready".to_string(),
        Fit::Unavailable { message } => message.clone(),
    }
}

/// The server's health.
#[utoipa::path(get, path = "/api/health", tag = "server", responses((status = 200, body = HealthOut)))]
pub async fn health(State(state): State<AppState>) -> Json<HealthOut> {
    let store_state = match state.store_status().await {
        Ok(()) => "ok".to_string(),
        Err(error) => error.message,
    };
    Json(HealthOut {
        status: if store_state == "ok" { "ok" } else { "degraded" }.to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        store: state.db().display().to_string(),
        store_state,
        watch: describe(&state.watch().watch_state()),
        backtest: describe(&state.watch().backtest_state()),
    })
}
