//! Errors as the API answers them: a status code and a JSON body `{"error": message, "status":
//! code}` naming what was wrong, never a stack trace. Store errors are sorted into what the user
//! can act on (missing store, locked store, bad cursor) and what is the server's fault (500,
//! logged in full, answered in brief).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use tripwire_store::StoreError;
use utoipa::ToSchema;

/// An error answer.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

/// The body of every error answer.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in words.
    pub error: String,
    /// The HTTP status, repeated for clients that only see the body.
    pub status: u16,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }

    /// A failure that is not the client's: logged with its cause, answered without it.
    pub fn internal(context: &str, cause: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "{context}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{context}: the server's log has the cause"))
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match &error {
            StoreError::NotFound { path } => ApiError::unavailable(format!(
                "there is no store at {} yet: fill one with `tripwire ingest` or `tripwire import`, or post articles to /api/ingest",
                path.display()
            )),
            StoreError::NotAStore { .. } | StoreError::TooNew { .. } | StoreError::TooOld { .. } => {
                ApiError::unavailable(error.to_string())
            }
            StoreError::Unreadable { .. } => ApiError::unavailable(error.to_string()),
            StoreError::BadCursor { .. } | StoreError::SeriesTooLong { .. } => ApiError::bad_request(error.to_string()),
            _ if is_locked(&error) => {
                ApiError::unavailable("the store is locked by another process: try again in a moment")
            }
            _ => ApiError::internal("reading the store failed", &error),
        }
    }
}

/// Whether SQLite gave up waiting for a lock another process holds.
fn is_locked(error: &StoreError) -> bool {
    let text = error.to_string();
    text.contains("database is locked") || text.contains("database table is locked")
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: self.message, status: self.status.as_u16() };
        (self.status, Json(body)).into_response()
    }
}
