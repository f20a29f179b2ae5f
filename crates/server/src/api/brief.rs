//! `POST /api/brief`: the brief of a posted article — its events, the dyads it involves, what
//! the store says of each, and a verdict (countdown, false alarm or unclear) with the evidence.
//! It stores nothing, so it needs no token. The dashboard's brief page asks the same function.

use super::model::EventOut;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::filters::{clip, date};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use tripwire_coder::Article;
use tripwire_store::EventRecord;
use tripwire_watch::brief::{brief, ArticleInfo, History};
use utoipa::{IntoParams, ToSchema};

/// The longest article briefed, in characters.
pub const MAX_BRIEF_CHARS: usize = 20_000;

/// An article to brief.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BriefIn {
    /// The article's text.
    pub text: Option<String>,
    pub title: Option<String>,
    /// Publication date, YYYY-MM-DD [default: the watch's date].
    pub date: Option<String>,
}

/// A brief.
#[derive(Serialize, ToSchema)]
pub struct BriefOut {
    /// "countdown", "false alarm" or "unclear".
    pub verdict: String,
    /// The dyad the verdict is about.
    pub dyad: Option<String>,
    /// The verdict in one line, naming the events that decided it.
    pub summary: String,
    /// The events coded from the article.
    pub events: Vec<EventOut>,
    /// Every dyad with its pushes, history and verdict, and the evidence sentence by sentence,
    /// as `tripwire brief --format json` prints them.
    #[schema(value_type = Object)]
    pub brief: serde_json::Value,
}

/// Briefs the posted article.
#[utoipa::path(post, path = "/api/brief", tag = "watch", request_body = BriefIn,
    responses((status = 200, body = BriefOut), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn post_brief(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<BriefIn>,
) -> Result<Json<BriefOut>, ApiError> {
    Ok(Json(brief_of(&state, input).await?))
}

pub async fn brief_of(state: &AppState, input: BriefIn) -> Result<BriefOut, ApiError> {
    let text = input
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::bad_request("text: the article's text is needed"))?;
    if text.chars().count() > MAX_BRIEF_CHARS {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("text: longer than {MAX_BRIEF_CHARS} characters"),
        ));
    }
    let coder = state.coder().ok_or_else(|| ApiError::unavailable("this server was started without a coder"))?;
    let results = state.watch().results().ok();
    let day = match date("date", &input.date)? {
        Some(day) => day,
        None => results
            .as_ref()
            .map(|r| r.watch.date)
            .ok_or_else(|| ApiError::bad_request("date: needed while the watch has no date of its own"))?,
    };
    let title = input.title.clone().unwrap_or_default();
    let article = Article {
        id: "posted-brief".to_string(),
        date: Some(day),
        source: String::new(),
        url: String::new(),
        title: title.clone(),
        text: text.to_string(),
    };
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let reader = state.reader().ok();
        let events = coder.code_article(&article).map_err(|e| {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, format!("the article: {}", clip(&e.to_string())))
        })?;
        let records: Vec<EventRecord> = events.iter().map(|e| EventRecord::from_coded(e, &article)).collect();
        let info = ArticleInfo { id: article.id.clone(), title, date: day };
        let history = reader.as_ref().map(|reader| History { reader, watch: results.as_ref().map(|r| &r.watch) });
        let found = brief(&info, &records, history.as_ref()).map_err(|e| ApiError::internal("the brief", &e))?;
        let shown: Vec<EventOut> = records.iter().map(event_out).collect();
        Ok(BriefOut {
            verdict: found.verdict.as_str().to_string(),
            dyad: found.dyad.as_ref().map(ToString::to_string),
            summary: found.summary.clone(),
            events: shown,
            brief: serde_json::to_value(&found).map_err(|e| ApiError::internal("the brief", &e))?,
        })
    })
    .await
    .map_err(|e| ApiError::internal("the brief stopped", &e))?
}

/// A coded (not stored) event as the API shows events: no id yet.
fn event_out(record: &EventRecord) -> EventOut {
    let stored = tripwire_store::StoredEvent {
        id: 0,
        cluster_id: None,
        mentions: 1,
        articles: 1,
        outlets: Vec::new(),
        urls: Vec::new(),
        first_date: record.date,
        last_date: record.date,
        first_seen: record.date,
        last_seen: record.date,
        record: record.clone(),
    };
    EventOut::from(&stored)
}
