//! `tripwire serve`: the dashboard and JSON API on a store (`tripwire_server`), until Ctrl-C or
//! SIGTERM. Loopback by default; `--bind` opens it to others, and then a token
//! (`TRIPWIRE_TOKEN` or `--token-file`) guards every request that changes data.

use crate::store_cmds::DbArgs;
use anyhow::{Context, Result};
use clap::Args;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tripwire_server::{ServeConfig, Server};

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on; anything but loopback needs a token.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// A file holding the token (else $TRIPWIRE_TOKEN) required on data-changing requests.
    #[arg(long)]
    pub token_file: Option<PathBuf>,
    /// The conflict ground-truth folder the backtest page scores against.
    #[arg(long, default_value = "../shared/data/conflict")]
    pub conflict: PathBuf,
    /// The day the watch forecasts from (YYYY-MM-DD) [default: the store's last day].
    #[arg(long)]
    pub date: Option<String>,
    /// Do not fit the watch (alarm and forecast endpoints then say it is off).
    #[arg(long)]
    pub no_watch: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// The token from `--token-file`, else `$TRIPWIRE_TOKEN`.
fn token(file: Option<&Path>) -> Result<Option<String>> {
    if let Some(file) = file {
        let text =
            std::fs::read_to_string(file).with_context(|| format!("{}: cannot read the token file", file.display()))?;
        let token = text.trim().to_string();
        anyhow::ensure!(!token.is_empty(), "{}: the token file is empty", file.display());
        return Ok(Some(token));
    }
    Ok(std::env::var("TRIPWIRE_TOKEN").ok().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()))
}

pub fn serve(args: ServeArgs) -> Result<()> {
    let mut config = ServeConfig::new(args.db.path()?);
    config.bind = args.bind;
    config.token = token(args.token_file.as_deref())?;
    config.fit_watch = !args.no_watch;
    config.watch_date = args
        .date
        .as_deref()
        .map(|d| tripwire_sources::parse_date(d).with_context(|| format!("--date {d:?}: expected YYYY-MM-DD")))
        .transpose()?;
    config.conflict = args.conflict.join("gml_part.csv").is_file().then_some(args.conflict);
    run(config)
}

/// Serves `db` on `bind` with the shipped coder, the watch at `watch_date`: what `demo --serve`
/// ends with.
pub fn serve_store(db: &Path, bind: SocketAddr, watch_date: Option<chrono::NaiveDate>) -> Result<()> {
    let mut config = ServeConfig::new(db);
    config.bind = bind;
    config.watch_date = watch_date;
    config.token = token(None)?;
    let conflict = PathBuf::from("../shared/data/conflict");
    config.conflict = conflict.join("gml_part.csv").is_file().then_some(conflict);
    run(config)
}

fn run(mut config: ServeConfig) -> Result<()> {
    init_logs();
    config.coder = Some(Arc::new(crate::commands::build_coder(None)?));
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the server's runtime")?;
    runtime.block_on(async {
        let server = Server::bind(&config).await?;
        println!(
            "tripwire: dashboard at http://{}/ (API: http://{}/api/openapi.json); Ctrl-C stops it",
            server.local_addr(),
            server.local_addr()
        );
        server.run(shutdown_signal()).await?;
        eprintln!("tripwire: server stopped");
        Ok(())
    })
}

/// Structured logs on standard error; `RUST_LOG` chooses what (default: info).
fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
