//! The brief page (`/brief?text=…&date=…`): paste an article, see its events, the dyads it
//! involves and the verdict with its evidence. The article travels in the URL (the form uses
//! GET), so a brief can be bookmarked and shared like any other page.

use super::dyad::ShownEvent;
use super::page;
use crate::api::brief::{brief_of, BriefIn, MAX_BRIEF_CHARS};
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use serde_json::json;

pub async fn brief(State(state): State<AppState>, query: Result<ApiQuery<BriefIn>, ApiError>) -> Response {
    let render = async {
        let ApiQuery(input) = query?;
        let mut context = json!({"title": "Brief", "input": input, "max_chars": MAX_BRIEF_CHARS});
        if input.text.as_deref().is_some_and(|t| !t.trim().is_empty()) {
            let found = brief_of(&state, input).await?;
            context["events"] =
                serde_json::to_value(found.events.iter().cloned().map(ShownEvent::of).collect::<Vec<_>>())
                    .unwrap_or_default();
            context["result"] = serde_json::to_value(&found).unwrap_or_default();
        }
        state.templates().render("brief.html", context)
    };
    page(&state, render).await
}
