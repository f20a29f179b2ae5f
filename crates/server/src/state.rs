//! What every request shares: the store (opened lazily, so a server started before its store
//! exists begins answering once it does), the watch's cache, the token and the coder.

use crate::cache::Stamp;
use crate::config::ServeConfig;
use crate::error::ApiError;
use crate::pages::Templates;
use crate::watch_cache::WatchCache;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use tripwire_coder::Coder;
use tripwire_store::Reader;
use tripwire_watch::load::Volume;

/// Shared by every handler (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    db: PathBuf,
    reader: Mutex<Option<Reader>>,
    watch: WatchCache,
    token: Option<String>,
    coder: Option<Arc<Coder>>,
    templates: Templates,
    volume: VolumeCache,
    answers: crate::cache::ResponseCache,
    caching: bool,
    /// One ingest at a time: SQLite has one writer, and a second would only wait for the lock.
    writer: tokio::sync::Mutex<()>,
}

impl AppState {
    pub fn new(config: &ServeConfig) -> AppState {
        let watch = WatchCache::new(config.db.clone(), config.conflict.clone(), config.watch_date);
        AppState {
            inner: Arc::new(Inner {
                db: config.db.clone(),
                reader: Mutex::new(None),
                watch,
                token: config.token.clone(),
                coder: config.coder.clone(),
                templates: Templates::new(),
                volume: VolumeCache { db: config.db.clone(), volume: Mutex::new(None) },
                answers: crate::cache::ResponseCache::default(),
                caching: config.cache_answers,
                writer: tokio::sync::Mutex::new(()),
            }),
        }
    }

    pub fn db(&self) -> &std::path::Path {
        &self.inner.db
    }

    /// The store's reader, opened on first use; a store that is missing or unreadable is a 503
    /// saying why. Opening reads the store, which can wait on a lock: call it on a blocking
    /// thread ([`AppState::read`], [`AppState::store_status`]).
    pub fn reader(&self) -> Result<Reader, ApiError> {
        let mut slot = self.inner.reader.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(reader) = slot.as_ref() {
            return Ok(reader.clone());
        }
        let reader = Reader::open(&self.inner.db)?;
        *slot = Some(reader.clone());
        Ok(reader)
    }

    /// Runs a blocking read on the store on tokio's blocking pool.
    pub async fn read<T: Send + 'static>(
        &self,
        read: impl FnOnce(&Reader) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let state = self.clone();
        tokio::task::spawn_blocking(move || read(&state.reader()?))
            .await
            .map_err(|e| ApiError::internal("a store read stopped", &e))?
    }

    /// Whether the store can be read, asked on a blocking thread.
    pub async fn store_status(&self) -> Result<(), ApiError> {
        self.read(|_| Ok(())).await
    }

    pub fn watch(&self) -> &WatchCache {
        &self.inner.watch
    }

    pub fn token(&self) -> Option<&str> {
        self.inner.token.as_deref()
    }

    pub fn coder(&self) -> Option<Arc<Coder>> {
        self.inner.coder.clone()
    }

    pub fn templates(&self) -> &Templates {
        &self.inner.templates
    }

    pub fn cache(&self) -> &crate::cache::ResponseCache {
        &self.inner.answers
    }

    /// Whether answers are kept for reuse ([`crate::cache`]).
    pub fn caching(&self) -> bool {
        self.inner.caching
    }

    pub fn volume(&self) -> &VolumeCache {
        &self.inner.volume
    }

    pub fn writer(&self) -> &tokio::sync::Mutex<()> {
        &self.inner.writer
    }
}

/// The daily volume of every stored event, which normalizes the dyad series: one scan of the
/// whole store, so it is read once and kept until the store's files change.
pub struct VolumeCache {
    db: PathBuf,
    volume: Mutex<Option<(Stamp, Arc<Volume>)>>,
}

impl VolumeCache {
    /// The volume over the store's whole range; `None` for an empty store.
    pub fn get(&self, reader: &Reader) -> Result<Option<Arc<Volume>>, ApiError> {
        let stamp = Stamp::now(&self.db, 0);
        let mut slot = self.volume.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((made, volume)) = slot.as_ref() {
            if *made == stamp {
                return Ok(Some(Arc::clone(volume)));
            }
        }
        let Some(volume) = Volume::read(reader, None)? else { return Ok(None) };
        let volume = Arc::new(volume);
        *slot = Some((stamp, Arc::clone(&volume)));
        Ok(Some(volume))
    }

    pub fn forget(&self) {
        *self.volume.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

/// The volume on `date`, 0 outside the store's range.
pub fn volume_on(volume: &Volume, date: chrono::NaiveDate) -> u64 {
    let offset = (date - volume.from).num_days();
    usize::try_from(offset).ok().and_then(|i| volume.mentions.get(i)).copied().unwrap_or(0)
}
