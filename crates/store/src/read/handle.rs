//! [`Reader`]: a read-only handle on a store file, shared by many threads.
//!
//! A reader never creates, migrates or writes a store: opening a path that does not exist is an
//! error, and every connection is opened `SQLITE_OPEN_READ_ONLY` with `query_only` set. Clones
//! share one pool of connections; a call takes an idle connection (or opens one), runs inside a
//! single read transaction so everything it returns comes from one snapshot, and gives the
//! connection back. Readers never block the writer, nor each other (WAL mode).
//!
//! A store in a folder the reader cannot write to is still readable. SQLite needs the `-shm`
//! file beside a WAL-mode database; when no writer has it open (it is removed on close) and the
//! folder refuses to create it, the store is opened as immutable — which is only correct while
//! nobody writes, so that fallback is taken only when there is no `-wal` file with content, and
//! such a connection is reopened normally as soon as a `-wal` file appears.

use crate::db::StoreError;
use crate::schema;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The oldest schema a reader understands: version 2 added the clusters that deduplicated views
/// read. An older store is brought up to date by opening it once for writing.
pub const OLDEST_READABLE_VERSION: u32 = 2;

/// Idle connections kept for reuse; more threads than this still read at once, their extra
/// connections are closed when they finish.
const MAX_IDLE: usize = 16;

/// A read-only, cheaply cloned handle on a store: `Send + Sync`, one pooled SQLite connection
/// per concurrent call.
#[derive(Clone)]
pub struct Reader {
    shared: Arc<Shared>,
}

struct Shared {
    path: PathBuf,
    idle: Mutex<Vec<Pooled>>,
}

/// A connection and how it was opened.
struct Pooled {
    conn: Connection,
    immutable: bool,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader").field("path", &self.shared.path).finish_non_exhaustive()
    }
}

impl Reader {
    /// Opens the store at `path` for reading. Fails, creating nothing, when there is no such
    /// file, when it is not a tripwire store, or when its schema is one this build cannot read.
    pub fn open(path: impl AsRef<Path>) -> Result<Reader, StoreError> {
        let path = path.as_ref().to_path_buf();
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => return Err(StoreError::NotAStore { path, reason: "it is a folder".to_string() }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(StoreError::NotFound { path }),
            Err(source) => return Err(StoreError::Unreadable { path, source }),
        }
        let first = open_while_created(&path)?;
        let shared = Shared { path, idle: Mutex::new(vec![first]) };
        Ok(Reader { shared: Arc::new(shared) })
    }

    /// The store file this reader reads.
    pub fn path(&self) -> &Path {
        &self.shared.path
    }

    /// Runs `read` on a pooled connection inside one read transaction: every query it makes sees
    /// the same snapshot of the store.
    pub(crate) fn with_snapshot<T, E: From<StoreError>>(
        &self,
        read: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        let pooled = self.take()?;
        let guard = Lease { shared: &self.shared, pooled: Some(pooled) };
        let conn = guard.connection();
        conn.execute_batch("BEGIN").map_err(StoreError::from)?;
        let outcome = read(conn);
        // A read transaction has nothing to keep: ending it only releases the snapshot.
        conn.execute_batch("COMMIT").map_err(StoreError::from)?;
        outcome
    }

    /// An idle connection, or a new one. An immutable connection is dropped once a writer has
    /// started (its `-wal` file exists), since it would not see what that writer commits.
    fn take(&self) -> Result<Pooled, StoreError> {
        while let Some(pooled) = lock(&self.shared.idle).pop() {
            if !pooled.immutable || !wal_has_content(&self.shared.path) {
                return Ok(pooled);
            }
        }
        open_connection(&self.shared.path)
    }
}

/// Gives the connection back to the pool when the call ends, also when it panics.
struct Lease<'a> {
    shared: &'a Shared,
    pooled: Option<Pooled>,
}

impl Lease<'_> {
    fn connection(&self) -> &Connection {
        // Set at construction and taken only in `drop`.
        match &self.pooled {
            Some(pooled) => &pooled.conn,
            None => unreachable!("a lease holds its connection until dropped"),
        }
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(pooled) = self.pooled.take() {
            if !pooled.conn.is_autocommit() {
                // The call ended inside its transaction (a panic): end it before reuse.
                let _ = pooled.conn.execute_batch("ROLLBACK");
            }
            let mut idle = lock(&self.shared.idle);
            if idle.len() < MAX_IDLE {
                idle.push(pooled);
            }
        }
    }
}

/// The pool survives a thread that panicked while holding its lock: the list is valid at every
/// step.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn open_connection(path: &Path) -> Result<Pooled, StoreError> {
    let open_err = |cause| StoreError::Open { path: path.to_path_buf(), cause };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    // SQLite opens lazily: the first statement that reads is where a missing `-shm` shows.
    let attempt = Connection::open_with_flags(path, flags).and_then(|conn| {
        configure(&conn)?;
        schema::version(&conn)?;
        Ok(conn)
    });
    match attempt {
        Ok(conn) => Ok(Pooled { conn, immutable: false }),
        Err(error) if cannot_open_wal_index(&error) && !wal_has_content(path) => {
            let conn = Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
                .map_err(open_err)?;
            configure(&conn).map_err(open_err)?;
            Ok(Pooled { conn, immutable: true })
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::NotADatabase => {
            Err(StoreError::NotAStore { path: path.to_path_buf(), reason: "it is not an SQLite database".to_string() })
        }
        Err(error) => Err(open_err(error)),
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.execute_batch(
        "PRAGMA query_only = ON;
         PRAGMA cache_size = -65536;
         PRAGMA temp_store = MEMORY;
         PRAGMA mmap_size = 268435456;",
    )
}

/// The errors SQLite gives when a read-only connection cannot open or create the WAL index.
fn cannot_open_wal_index(error: &rusqlite::Error) -> bool {
    use rusqlite::ffi::ErrorCode;
    matches!(error.sqlite_error_code(), Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied))
}

/// Whether the store's `-wal` file exists with content: a writer has it open, or one stopped
/// before checkpointing, and an immutable open would miss what it holds.
fn wal_has_content(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// `file:` URI opening `path` immutable, with the characters URIs reserve percent-encoded.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'%' | b'?' | b'#' | b' ' => uri.push_str(&format!("%{byte:02X}")),
            _ => uri.push(char::from(byte)),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// How long a reader waits for a writer that is creating the store to commit its schema.
const CREATION_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The first connection, once the store's schema is readable. A writer creating the store has
/// the file before its schema is committed; a reader that comes in between waits for it rather
/// than calling a store in the making "not a tripwire store".
fn open_while_created(path: &Path) -> Result<Pooled, StoreError> {
    let deadline = std::time::Instant::now() + CREATION_WAIT;
    loop {
        let pooled = open_connection(path)?;
        match check_schema(&pooled.conn, path) {
            Ok(()) => return Ok(pooled),
            Err(StoreError::NotAStore { .. } | StoreError::TooOld { .. })
                if std::time::Instant::now() < deadline && being_written(path) =>
            {
                drop(pooled);
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(error) => return Err(error),
        }
    }
}

/// Whether a writer is creating the store at `path`: it has opened the store's write-ahead log,
/// or the file is still empty and was made a moment ago (SQLite writes the first page when the
/// creating connection sets its journal mode).
fn being_written(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::path::Path::new(&wal).exists() {
        return true;
    }
    std::fs::metadata(path).is_ok_and(|m| {
        m.len() == 0 && m.modified().ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age.as_millis() < 1000)
    })
}

/// Refuses a file that is not a tripwire store, or whose schema this build cannot read.
fn check_schema(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let not_a_store = |reason: String| StoreError::NotAStore { path: path.to_path_buf(), reason };
    let found = schema::version(conn).map_err(|cause| StoreError::Open { path: path.to_path_buf(), cause })?;
    if found == 0 {
        return Err(not_a_store("it holds no tripwire schema".to_string()));
    }
    if found > schema::CURRENT_VERSION {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found, known: schema::CURRENT_VERSION });
    }
    if found < OLDEST_READABLE_VERSION {
        return Err(StoreError::TooOld { path: path.to_path_buf(), found, oldest: OLDEST_READABLE_VERSION });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_is_send_sync_and_clone() {
        fn shareable<T: Send + Sync + Clone + 'static>() {}
        shareable::<Reader>();
    }

    #[test]
    fn immutable_uris_escape_what_uris_reserve() {
        let uri = immutable_uri(Path::new("/data/a b/50%?#.db"));
        assert_eq!(uri, "file:/data/a%20b/50%25%3F%23.db?immutable=1");
    }
}
