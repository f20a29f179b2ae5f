//! The dashboard: server-rendered pages, one module each, from the templates in `templates/`
//! (minijinja, escaping every value it prints into HTML). Each page's state is in its URL, so
//! any view can be bookmarked; each chart has a table beside it.

mod backtest;
mod brief;
mod dyad;
mod events;
mod overview;
mod sparkline;

use crate::error::ApiError;
use crate::state::AppState;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use minijinja::Environment;
use serde::Serialize;

const TEMPLATES: [(&str, &str); 9] = [
    ("brief.html", include_str!("../../templates/brief.html")),
    ("base.html", include_str!("../../templates/base.html")),
    ("overview.html", include_str!("../../templates/overview.html")),
    ("dyad.html", include_str!("../../templates/dyad.html")),
    ("events.html", include_str!("../../templates/events.html")),
    ("events_table.html", include_str!("../../templates/events_table.html")),
    ("event.html", include_str!("../../templates/event.html")),
    ("backtest.html", include_str!("../../templates/backtest.html")),
    ("error.html", include_str!("../../templates/error.html")),
];

/// The compiled templates.
pub struct Templates {
    env: Environment<'static>,
}

impl Default for Templates {
    fn default() -> Self {
        Templates::new()
    }
}

impl Templates {
    pub fn new() -> Templates {
        let mut env = Environment::new();
        env.add_global("version", env!("CARGO_PKG_VERSION"));
        env.add_filter("fixed", |value: f64, digits: usize| format!("{value:.digits$}"));
        env.add_filter("signed", |value: f64, digits: usize| format!("{value:+.digits$}"));
        env.add_filter("percent", |value: f64| percent(value));
        env.add_filter("http_url", http_url);
        for (name, source) in TEMPLATES {
            // The templates are part of the binary and checked by the tests: one that does not
            // parse is a build mistake, reported when the page is rendered.
            if let Err(error) = env.add_template(name, source) {
                tracing::error!(%error, "template {name}");
            }
        }
        Templates { env }
    }

    pub fn render(&self, name: &str, context: impl Serialize) -> Result<Html<String>, ApiError> {
        let template = self.env.get_template(name).map_err(|e| ApiError::internal("a template", &e))?;
        template.render(context).map(Html).map_err(|e| ApiError::internal("rendering a page", &e))
    }
}

/// `url` when it is an http(s) URL, else nothing: an article's link must not be a
/// `javascript:` URL or anything else a browser would act on.
fn http_url(url: Option<String>) -> String {
    match url {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => url,
        _ => String::new(),
    }
}

/// An error shown as a page: the same message and status the API would give.
pub struct PageError {
    error: ApiError,
    templates: Option<Html<String>>,
}

impl PageError {
    pub fn rendered(state: &AppState, error: ApiError) -> PageError {
        let context =
            minijinja::context! { title => "Error", status => error.status.as_u16(), message => &error.message };
        let page = state.templates().render("error.html", context).ok();
        PageError { error, templates: page }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self.templates {
            Some(page) => (self.error.status, page).into_response(),
            None => {
                (self.error.status, Html(format!("<!doctype html><title>Error</title><p>{}</p>", self.error.status)))
                    .into_response()
            }
        }
    }
}

/// Renders a page, or the error page for what went wrong on the way.
pub async fn page<F>(state: &AppState, render: F) -> Response
where
    F: std::future::Future<Output = Result<Html<String>, ApiError>>,
{
    match render.await {
        Ok(html) => html.into_response(),
        Err(error) => PageError::rendered(state, error).into_response(),
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(overview::overview))
        .route("/dyads/{dyad}", get(dyad::dyad))
        .route("/events", get(events::events))
        .route("/events/{id}", get(events::event))
        .route("/backtest", get(backtest::backtest))
        .route("/brief", get(brief::brief))
}

/// A 404: JSON under `/api`, a page elsewhere.
pub async fn not_found(axum::extract::State(state): axum::extract::State<AppState>, uri: Uri) -> Response {
    let error = ApiError::not_found(format!("nothing at {}", crate::filters::clip(uri.path())));
    if uri.path().starts_with("/api") {
        error.into_response()
    } else {
        PageError::rendered(&state, error).into_response()
    }
}

/// The status a page answers when the data behind it is not ready: the page still renders.
pub fn waiting_status(error: &ApiError) -> Option<String> {
    (error.status == StatusCode::SERVICE_UNAVAILABLE).then(|| error.message.clone())
}

/// A probability in percent with two decimals: onset probabilities are mostly below one in a
/// hundred, where three decimals of the fraction read as zero.
pub fn percent(probability: f64) -> String {
    format!("{:.2}%", 100.0 * probability)
}

/// A change of probability in percentage points, signed.
pub fn points(change: f64) -> String {
    format!("{:+.2} pts", 100.0 * change)
}
