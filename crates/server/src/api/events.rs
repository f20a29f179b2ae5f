//! `GET /api/events` (the filters of `tripwire events`, cursor paging) and `GET
//! /api/events/{id}` (an event with its provenance and every mention).

use super::model::{EventDetailOut, EventOut, PageOut};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiPath, ApiQuery};
use crate::filters::EventParams;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;

/// One page of the events the filters select, oldest first unless `newest`.
#[utoipa::path(get, path = "/api/events", tag = "events", params(EventParams),
    responses((status = 200, body = PageOut), (status = 400, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn list_events(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<EventParams>,
) -> Result<Json<PageOut>, ApiError> {
    Ok(Json(page(&state, params).await?))
}

pub async fn page(state: &AppState, params: EventParams) -> Result<PageOut, ApiError> {
    let query = params.page_query()?;
    let page = state.read(move |reader| Ok(reader.page(&query)?)).await?;
    Ok(PageOut {
        events: page.events.iter().map(EventOut::from).collect(),
        next: page.next.map(|c| c.to_string()),
        next_url: page.next.map(|c| format!("/api/events?{}", params.query_string(Some(c)))),
    })
}

/// An event (a representative or any of its mentions' ids) with every mention: sentence,
/// article, outlet, URL and the dictionary entries that matched.
#[utoipa::path(get, path = "/api/events/{id}", tag = "events", params(("id" = i64, Path, description = "Event id")),
    responses((status = 200, body = EventDetailOut), (status = 404, body = ErrorBody)))]
pub async fn get_event(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<EventDetailOut>, ApiError> {
    Ok(Json(detail(&state, id).await?))
}

pub async fn detail(state: &AppState, id: i64) -> Result<EventDetailOut, ApiError> {
    let detail = state.read(move |reader| Ok(reader.event(id)?)).await?;
    detail.as_ref().map(EventDetailOut::from).ok_or_else(|| ApiError::not_found(format!("no event {id} in the store")))
}
