//! What a server is started with, and the one rule checked before it binds: listening beyond
//! loopback needs a token, since anyone who can reach the port could otherwise change the store.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tripwire_coder::Coder;

/// How a server runs.
#[derive(Clone)]
pub struct ServeConfig {
    /// The store's database file (it may not exist yet: pages then say how to fill it).
    pub db: PathBuf,
    pub bind: SocketAddr,
    /// Required on every data-changing request when set.
    pub token: Option<String>,
    /// Codes posted articles (ingest, brief); without it those endpoints answer 503.
    pub coder: Option<Arc<Coder>>,
    /// The conflict ground truth the backtest scores against (cow_states.csv, gml_part.csv);
    /// without it the backtest page says so.
    pub conflict: Option<PathBuf>,
    /// Fit the watch at start (off for a server that only lists events).
    pub fit_watch: bool,
    /// The day the watch forecasts from [default: the store's last day].
    pub watch_date: Option<chrono::NaiveDate>,
    /// Keep answers until the store or the watch changes ([`crate::cache`]).
    pub cache_answers: bool,
    /// Largest request body accepted.
    pub body_limit: usize,
    /// Longest a request may take before it is answered 408.
    pub request_timeout: Duration,
    /// Requests handled at once; more wait their turn.
    pub concurrency: usize,
}

impl ServeConfig {
    /// A loopback server on `db` with the default limits.
    pub fn new(db: impl Into<PathBuf>) -> ServeConfig {
        ServeConfig {
            db: db.into(),
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            coder: None,
            conflict: None,
            fit_watch: true,
            watch_date: None,
            cache_answers: true,
            body_limit: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            concurrency: 256,
        }
    }

    /// Refuses a configuration that would let anyone who reaches the port change the store.
    pub fn check(&self) -> Result<(), ConfigError> {
        if let Some(token) = &self.token {
            if token.trim().len() < 16 {
                return Err(ConfigError::WeakToken);
            }
        }
        if !self.bind.ip().is_loopback() && self.token.is_none() {
            return Err(ConfigError::OpenWithoutToken { bind: self.bind });
        }
        Ok(())
    }
}

/// A configuration [`ServeConfig::check`] refuses.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "{bind} is reachable beyond this machine: set TRIPWIRE_TOKEN or pass --token-file so that only holders of the token can change the store"
    )]
    OpenWithoutToken { bind: SocketAddr },
    #[error("the token is shorter than 16 characters: choose a longer one")]
    WeakToken,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_addresses_need_a_token_and_loopback_does_not() {
        let mut config = ServeConfig::new("x.db");
        assert!(config.check().is_ok());
        config.bind = "0.0.0.0:8080".parse().unwrap();
        assert!(matches!(config.check(), Err(ConfigError::OpenWithoutToken { .. })));
        config.token = Some("short".into());
        assert!(matches!(config.check(), Err(ConfigError::WeakToken)));
        config.token = Some("a-long-enough-secret-token".into());
        assert!(config.check().is_ok());
        config.bind = "[::1]:9000".parse().unwrap();
        config.token = None;
        assert!(config.check().is_ok());
    }
}
