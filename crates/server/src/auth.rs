//! The token check: every request that could change data — any method but GET, HEAD and
//! OPTIONS, except the few posts that only compute (a brief) — must present the configured
//! token, as `Authorization: Bearer TOKEN` or `X-Tripwire-Token: TOKEN`. Checking by method
//! rather than by route means a data-changing route added later is guarded without anyone
//! remembering to guard it.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

/// Posts that read or compute but store nothing.
const READ_ONLY_POSTS: [&str; 1] = ["/api/brief"];

pub async fn require_token(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || READ_ONLY_POSTS.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let Some(expected) = state.token() else { return next.run(request).await };
    match presented(request.headers()) {
        Some(token) if bool::from(token.as_bytes().ct_eq(expected.as_bytes())) => next.run(request).await,
        Some(_) => ApiError::new(StatusCode::FORBIDDEN, "the token presented is not this server's").into_response(),
        None => {
            let mut response = ApiError::new(
                StatusCode::UNAUTHORIZED,
                "this request changes data: present the server's token as `Authorization: Bearer TOKEN`",
            )
            .into_response();
            response.headers_mut().insert("www-authenticate", axum::http::HeaderValue::from_static("Bearer"));
            response
        }
    }
}

fn presented(headers: &HeaderMap) -> Option<&str> {
    if let Some(value) = headers.get("x-tripwire-token").and_then(|v| v.to_str().ok()) {
        return Some(value.trim());
    }
    let value = headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}
