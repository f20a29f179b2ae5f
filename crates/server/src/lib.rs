//! tripwire-server: the store and the watch over HTTP — a JSON API described by an OpenAPI
//! document generated from the handlers, and a server-rendered dashboard — for one analyst's
//! machine.
//!
//! A [`ServeConfig`] names the store, the address and the token; [`serve`] binds it and answers
//! until its shutdown future completes. Requests read through the store's
//! [`Reader`](tripwire_store::Reader) on blocking threads; the watch is fitted once, in the
//! background, by [`watch_cache::WatchCache`], so health and events answer at once and the alarm
//! endpoints say "still fitting" until it is ready. Data-changing requests (ingest) need the
//! token whenever one is configured, and one must be when the server listens beyond loopback.
//!
//! - [`api`]: the JSON endpoints and the OpenAPI document (`/api/openapi.json`).
//! - [`pages`]: the dashboard's HTML pages, rendered from the templates in `templates/`.
//! - [`assets`]: the stylesheet, the chart script and the vendored uPlot, served from the binary.

pub mod api;
pub mod assets;
mod auth;
mod cache;
mod config;
mod error;
mod extract;
mod filters;
mod highlight;
pub mod pages;
mod run;
mod state;
pub mod watch_cache;

pub use config::{ConfigError, ServeConfig};
pub use run::{router, serve, ServeError, Server};
pub use state::AppState;
