//! Putting the server together: the routes, the token check, the limits (body size, request
//! time, concurrency), security headers and request logs; binding and graceful shutdown.

use crate::config::{ConfigError, ServeConfig};
use crate::state::AppState;
use crate::{api, assets, auth, pages};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower::limit::ConcurrencyLimitLayer;
use tower::ServiceBuilder;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// What stops a server from starting.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot listen on {bind}: {cause}")]
    Bind { bind: SocketAddr, cause: std::io::Error },
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

/// Every route with its layers, on `state`.
pub fn router(state: AppState, config: &ServeConfig) -> Router {
    let (api, openapi) = api::routes();
    let document = Arc::new(openapi.to_pretty_json().unwrap_or_else(|_| "{}".to_string()));
    let api = api.route(
        "/api/openapi.json",
        get(move || {
            let document = Arc::clone(&document);
            async move { ([(header::CONTENT_TYPE, "application/json")], document.as_str().to_owned()) }
        }),
    );
    Router::new()
        .merge(api)
        .merge(pages::routes())
        .merge(assets::routes())
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::cache::reuse_answers))
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::require_token))
        .layer(axum::middleware::map_response(security_headers))
        .layer(axum::middleware::from_fn_with_state(config.request_timeout, answer_in_time))
        .with_state(state)
        .layer(
            ServiceBuilder::new()
                // One line per request (method, path, status, latency); a 5xx is a warning, since
                // "the watch is still fitting" is one and is no fault.
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                        .on_response(DefaultOnResponse::new().level(Level::INFO))
                        .on_failure(DefaultOnFailure::new().level(Level::WARN)),
                )
                .layer(RequestBodyLimitLayer::new(config.body_limit))
                .layer(ConcurrencyLimitLayer::new(config.concurrency.max(1)))
                .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, config.request_timeout))
                .layer(DefaultBodyLimit::max(config.body_limit)),
        )
}

/// A request the store could not answer in time gets a message saying why — most often another
/// process holding the store locked — rather than the bare 408 of the outer time limit, which
/// stays as a backstop.
async fn answer_in_time(
    axum::extract::State(limit): axum::extract::State<std::time::Duration>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let inner = limit.saturating_sub(std::time::Duration::from_millis(250)).max(std::time::Duration::from_millis(100));
    match tokio::time::timeout(inner, next.run(request)).await {
        Ok(response) => response,
        Err(_) => crate::error::ApiError::unavailable(format!(
            "the store did not answer within {} s: another process may hold it locked; try again shortly",
            inner.as_secs_f64().round()
        ))
        .into_response(),
    }
}

/// No page runs script from anywhere but this server, nor inline: an article's text that slips
/// past escaping still cannot execute.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response.into_response()
}

/// A bound server, not yet answering.
pub struct Server {
    listener: TcpListener,
    router: Router,
    addr: SocketAddr,
}

impl Server {
    /// Checks the configuration, binds its address and starts fitting the watch in the
    /// background.
    pub async fn bind(config: &ServeConfig) -> Result<Server, ServeError> {
        config.check()?;
        let listener =
            TcpListener::bind(config.bind).await.map_err(|cause| ServeError::Bind { bind: config.bind, cause })?;
        let addr = listener.local_addr().map_err(|cause| ServeError::Bind { bind: config.bind, cause })?;
        let state = AppState::new(config);
        let probe = state.clone();
        tokio::spawn(async move {
            if let Err(error) = probe.store_status().await {
                tracing::warn!("{}", error.message);
            }
        });
        if config.fit_watch {
            state.watch().refit();
        } else {
            state.watch().disable();
        }
        Ok(Server { listener, router: router(state, config), addr })
    }

    /// The address it listens on (the port the system chose for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers until `shutdown` completes, then finishes the requests in flight.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<(), ServeError> {
        tracing::info!(addr = %self.addr, "tripwire server listening");
        axum::serve(self.listener, self.router).with_graceful_shutdown(shutdown).await.map_err(ServeError::Serve)
    }
}

/// Binds and answers until `shutdown` completes.
pub async fn serve(
    config: &ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    Server::bind(config).await?.run(shutdown).await
}
