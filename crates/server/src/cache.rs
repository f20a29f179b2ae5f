//! Answers kept for reuse: a page or a series is recomputed only when the store or the watch has
//! changed since it was made. Whether the store changed is read from its files (the database and
//! its write-ahead log: sizes and modification times), so a commit by any process — this
//! server's ingest or a `tripwire ingest` beside it — makes every kept answer stale at once.
//!
//! Only successful GETs of pages and read endpoints are kept (not health, which reports the
//! live state, nor the static files), at most [`MAX_ENTRIES`] answers of at
//! most [`MAX_BODY`] bytes each; when full, the oldest half is dropped.

use crate::state::AppState;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

pub const MAX_ENTRIES: usize = 1_024;
pub const MAX_BODY: usize = 4 * 1024 * 1024;

/// The state an answer was computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    files: [(u64, Option<SystemTime>); 2],
    watch: u64,
}

impl Stamp {
    pub fn now(db: &Path, watch_generation: u64) -> Stamp {
        let of = |path: &Path| match std::fs::metadata(path) {
            Ok(meta) => (meta.len(), meta.modified().ok()),
            Err(_) => (0, None),
        };
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        Stamp { files: [of(db), of(Path::new(&wal))], watch: watch_generation }
    }
}

struct Entry {
    stamp: Stamp,
    content_type: HeaderValue,
    body: Bytes,
}

/// The kept answers, by path and query.
#[derive(Default)]
pub struct ResponseCache {
    inner: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    entries: HashMap<String, Entry>,
    order: VecDeque<String>,
}

impl ResponseCache {
    fn get(&self, key: &str, stamp: Stamp) -> Option<(HeaderValue, Bytes)> {
        let kept = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        kept.entries.get(key).filter(|e| e.stamp == stamp).map(|e| (e.content_type.clone(), e.body.clone()))
    }

    fn put(&self, key: String, entry: Entry) {
        let mut kept = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.entries.len() >= MAX_ENTRIES {
            for _ in 0..MAX_ENTRIES / 2 {
                if let Some(old) = kept.order.pop_front() {
                    kept.entries.remove(&old);
                }
            }
        }
        if kept.entries.insert(key.clone(), entry).is_none() {
            kept.order.push_back(key);
        }
    }
}

/// Whether answers at `path` depend only on the store and the watch.
fn cacheable(path: &str) -> bool {
    !(path == "/api/health" || path == "/api/openapi.json" || path.starts_with("/assets/"))
}

pub async fn reuse_answers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.caching() || request.method() != Method::GET || !cacheable(request.uri().path()) {
        return next.run(request).await;
    }
    let key = request.uri().path_and_query().map_or_else(String::new, |p| p.as_str().to_string());
    let stamp = Stamp::now(state.db(), state.watch().generation());
    if let Some((content_type, body)) = state.cache().get(&key, stamp) {
        return ([(header::CONTENT_TYPE, content_type)], Body::from(body)).into_response();
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    if body.size_hint().exact().is_none_or(|n| n > MAX_BODY as u64) {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the answer could not be read").into_response();
    };
    if let Some(content_type) = parts.headers.get(header::CONTENT_TYPE) {
        let entry = Entry { stamp, content_type: content_type.clone(), body: bytes.clone() };
        state.cache().put(key, entry);
    }
    Response::from_parts(parts, Body::from(bytes))
}
