//! The events table (`/events?…`, the filters of `tripwire events`) and one event's provenance
//! (`/events/{id}`): each mention's sentence with the actors and verb marked, the article link,
//! the dictionary entries that matched and the other outlets that reported it.

use super::dyad::ShownEvent;
use super::page;
use crate::api::events::{detail, page as events_page};
use crate::api::model::MentionOut;
use crate::error::ApiError;
use crate::extract::{ApiPath, ApiQuery};
use crate::filters::EventParams;
use crate::highlight::{pieces, Piece};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use serde_json::json;

pub async fn events(State(state): State<AppState>, query: Result<ApiQuery<EventParams>, ApiError>) -> Response {
    let render = async {
        let ApiQuery(params) = query?;
        let found = events_page(&state, params.clone()).await?;
        let next = found
            .next
            .as_ref()
            .and_then(|c| c.parse().ok())
            .map(|c| format!("/events?{}", params.query_string(Some(c))));
        let first = params
            .after
            .as_deref()
            .is_some_and(|a| !a.trim().is_empty())
            .then(|| format!("/events?{}", params.query_string(None)));
        let rows: Vec<ShownEvent> = found.events.into_iter().map(ShownEvent::of).collect();
        let context = json!({
            "title": "Events", "params": params, "rows": rows, "next": next, "first": first,
            "api": format!("/api/events?{}", params.query_string(params.after.as_deref().and_then(|a| a.parse().ok()))),
        });
        state.templates().render("events.html", context)
    };
    page(&state, render).await
}

#[derive(Serialize)]
struct ShownMention {
    mention: MentionOut,
    pieces: Vec<Piece>,
}

pub async fn event(State(state): State<AppState>, path: Result<ApiPath<i64>, ApiError>) -> Response {
    let render = async {
        let ApiPath(id) = path?;
        let found = detail(&state, id).await?;
        let mentions: Vec<ShownMention> = found
            .mentions
            .iter()
            .map(|m| ShownMention {
                pieces: m
                    .sentence
                    .as_deref()
                    .map(|s| pieces(s, m.source_text.as_deref(), m.target_text.as_deref(), m.verb_text.as_deref()))
                    .unwrap_or_default(),
                mention: m.clone(),
            })
            .collect();
        let mut outlets: Vec<&str> = found.mentions.iter().filter_map(|m| m.outlet.as_deref()).collect();
        outlets.sort_unstable();
        outlets.dedup();
        let context = json!({
            "title": format!("Event {id}"), "event": found.event, "mentions": mentions, "outlets": outlets,
            "dyad": found.event.source_country.as_ref().zip(found.event.target_country.as_ref())
                .filter(|(a, b)| a != b).map(|(a, b)| format!("{a}-{b}")),
        });
        state.templates().render("event.html", context)
    };
    page(&state, render).await
}
