//! `POST /api/ingest`: code posted articles and store their events — the one request that
//! changes data, so it needs the token whenever one is configured. Articles already stored are
//! skipped, as `tripwire ingest` skips them; after a store the watch is fitted again.

use super::model::{ArticleIn, IngestIn, IngestOut};
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::filters::clip;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use std::sync::Arc;
use tripwire_coder::{Article, Coder};
use tripwire_store::{EventRecord, Store};

/// Articles one request may carry.
pub const MAX_ARTICLES: usize = 1_000;

/// Codes the articles and stores their events.
#[utoipa::path(post, path = "/api/ingest", tag = "events", request_body = IngestIn,
    security(("token" = [])),
    responses((status = 200, body = IngestOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody),
        (status = 503, body = ErrorBody)))]
pub async fn ingest(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<IngestIn>,
) -> Result<Json<IngestOut>, ApiError> {
    let coder = state.coder().ok_or_else(|| ApiError::unavailable("this server was started without a coder"))?;
    if body.articles.is_empty() {
        return Err(ApiError::bad_request("articles: none given"));
    }
    if body.articles.len() > MAX_ARTICLES {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("articles: {} in one request, at most {MAX_ARTICLES}", body.articles.len()),
        ));
    }
    let received = body.articles.len();
    let articles =
        body.articles.into_iter().enumerate().map(|(i, a)| to_article(i, a)).collect::<Result<Vec<_>, _>>()?;
    let _writer = state.writer().lock().await;
    let db = state.db().to_path_buf();
    let stats = tokio::task::spawn_blocking(move || code_and_store(&coder, &db, &articles))
        .await
        .map_err(|e| ApiError::internal("the ingest stopped", &e))??;
    state.volume().forget();
    state.watch().refit();
    Ok(Json(IngestOut {
        articles_received: received,
        articles_stored: stats.articles_stored,
        articles_already_stored: stats.articles_duplicate,
        events_stored: stats.events_stored,
    }))
}

/// A posted article as the coder takes it; a bad one is a 422 naming its place and id.
pub fn to_article(index: usize, posted: ArticleIn) -> Result<Article, ApiError> {
    let bad = |what: String| {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, format!("articles[{index}] ({:?}): {what}", clip(&posted.id)))
    };
    if posted.id.trim().is_empty() {
        return Err(bad("an article needs an id".to_string()));
    }
    if posted.text.trim().is_empty() {
        return Err(bad("an article needs a text".to_string()));
    }
    let date = match posted.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(text) => Some(
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| bad(format!("date {:?} is not YYYY-MM-DD", clip(text))))?,
        ),
    };
    Ok(Article {
        id: posted.id.clone(),
        date,
        source: posted.source,
        url: posted.url,
        title: posted.title,
        text: posted.text,
    })
}

fn code_and_store(
    coder: &Arc<Coder>,
    db: &std::path::Path,
    articles: &[Article],
) -> Result<tripwire_store::IngestStats, ApiError> {
    let mut coded: Vec<(Article, Vec<EventRecord>)> = Vec::with_capacity(articles.len());
    for article in articles {
        let events = coder.code_article(article).map_err(|e| {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, format!("article {:?}: {e}", clip(&article.id)))
        })?;
        let records = events.iter().map(|e| EventRecord::from_coded(e, article)).collect();
        coded.push((article.clone(), records));
    }
    let mut store = Store::open(db)?;
    Ok(store.ingest(&coded)?)
}
