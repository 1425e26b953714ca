//! The server's storage. Every SQL statement of the server lives under this module; the rest
//! of the server sees only typed methods, so the embedded SQLite default can later be joined
//! by PostgreSQL without touching the API or the pages.

mod digests;
mod enrolment;
mod kiosks;
mod migrations;
mod open311_keys;
pub mod open311_pushes;
mod places;
mod privacy;
pub mod published;
mod records;
pub mod requests;
#[cfg(test)]
mod rollup_time_tests;
pub mod rollups;
mod staff;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

pub use enrolment::{DeviceState, EnrolledKiosk, EnrolmentCode, KioskCredential, MAX_KIOSKS};
pub use kiosks::{FleetKiosk, KioskPlace, KioskSummary};
pub use open311_keys::Open311Key;
pub use places::Site;
pub use privacy::LedgerLine;
pub use records::IncomingRecord;
pub use requests::{RequestFilter, RequestScope, RequestStatus, RequestSummary, StatusChange};
pub use rollups::RollupCount;
pub use staff::{AuditEntry, LoginFailures, Role, StaffSession, StaffUser};

/// A handle on the server's database. Cheap to clone; all clones share one connection.
///
/// Methods block on SQLite: async callers run them with [`Store::call`].
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
    path: PathBuf,
}

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or created.
    #[error("cannot open the database {path}: {source}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The schema could not be brought up to date.
    #[error("cannot update the database schema in {path}: {source}")]
    Migrate {
        /// The database file.
        path: PathBuf,
        /// What the migration said.
        source: rusqlite_migration::Error,
    },
    /// A query failed (disk full, corrupt file, …).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The request contradicts what is stored (said in plain words).
    #[error("{0}")]
    Refused(String),
    /// Something stored could not be read back (a row that does not decode).
    #[error("stored data cannot be read: {0}")]
    Unreadable(String),
    /// A value could not be encoded to be stored or written out.
    #[error("cannot encode: {0}")]
    Encode(String),
    /// A number does not fit the database's integers.
    #[error("{0} is too large to store")]
    TooLarge(String),
    /// The background task running a query was cancelled or panicked.
    #[error("a database task stopped unexpectedly: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to the latest schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let open_error = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        let mut connection = Connection::open(path).map_err(open_error)?;
        // Only the server's user reads the database; SQLite gives its WAL and shared-memory
        // files the database file's mode.
        make_private(path).map_err(|e| {
            StoreError::Refused(format!(
                "cannot make the database {} private (mode 0600): {e}",
                path.display()
            ))
        })?;
        configure(&connection).map_err(open_error)?;
        migrations::MIGRATIONS
            .to_latest(&mut connection)
            .map_err(|source| StoreError::Migrate {
                path: path.to_owned(),
                source,
            })?;
        let store = Store {
            connection: Arc::new(Mutex::new(connection)),
            path: path.to_owned(),
        };
        store.build_rollups_once()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs blocking store work on Tokio's blocking pool, so request handlers never stall
    /// the async workers on disk I/O.
    pub async fn call<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || work(&store))
            .await
            .map_err(StoreError::Task)?
    }

    /// Copies the whole database, consistent as of one moment, into a new file at `to`
    /// (SQLite's online backup API, in one step: writers carry on meanwhile).
    pub fn backup_to(&self, to: &Path) -> Result<(), StoreError> {
        let source = self.lock();
        let mut destination = Connection::open(to)?;
        let backup = rusqlite::backup::Backup::new(&source, &mut destination)?;
        backup.step(-1)?;
        drop(backup);
        destination.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// SQLite's own check of the whole file (`PRAGMA integrity_check`): `Ok` when it says "ok".
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let problems: Vec<String> = self
            .lock()
            .prepare("PRAGMA integrity_check")?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        if problems == ["ok"] {
            Ok(())
        } else {
            Err(StoreError::Refused(format!(
                "the database is damaged: {}",
                problems.join("; ")
            )))
        }
    }

    /// Checks the database answers a trivial query.
    pub fn ping(&self) -> Result<(), StoreError> {
        self.lock().query_row("SELECT 1", [], |_| Ok(()))?;
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back on drop), so a poisoned lock is safe to keep using.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Mode 0600 on the database file and, if they exist, its `-wal` and `-shm` files.
fn make_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = Path::new(&name);
        if file.exists() {
            std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(())
}

fn configure(connection: &Connection) -> rusqlite::Result<()> {
    // WAL lets the CLI (`sync-server kiosks`, `enrol`) read and write while `serve` runs.
    connection.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    // An acknowledged record must survive a power cut: the kiosk deletes nothing it was told
    // is stored, so commit means on disk.
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    connection.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// A store in a fresh temporary directory (kept alive by the returned guard).
    pub fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("test.sqlite3")).expect("open store");
        (dir, store)
    }

    /// Enrols kiosk `k1` at a library in Old Town.
    pub fn enrol_k1(store: &Store) -> Result<(), StoreError> {
        store.add_enrolment_code(
            &EnrolmentCode {
                code_hash: "c".into(),
                site: "Library".into(),
                neighbourhood: "Old Town".into(),
                expires_at: 10,
            },
            0,
        )?;
        store.redeem_enrolment_code("c", "k1", "t1", "0", None, 1)?;
        Ok(())
    }

    /// An event of visit `visit` (its id is the byte repeated), as a kiosk would send it.
    pub fn event(seq: u64, visit: u8, hour: i64, kind: wire::EventKind) -> IncomingRecord {
        let body = wire::RecordBody::Event(wire::EventRecord {
            session: format!("{visit:02x}").repeat(16),
            hour,
            kind,
        });
        IncomingRecord {
            seq,
            bytes: body.encode(),
            body,
        }
    }

    /// A roll-up count of `month`, summed over neighbourhoods (0 if none).
    pub fn rollup_count(
        store: &Store,
        month: &str,
        counter: &str,
        dim: &str,
    ) -> Result<i64, StoreError> {
        Ok(store
            .rollup_counts(month, i64::MAX)?
            .into_iter()
            .filter(|c| c.counter == counter && c.dim == dim)
            .map(|c| c.n)
            .sum())
    }

    /// Runs one statement (for tests outside this module that set up rows directly).
    pub fn execute(store: &Store, sql: &str, params: impl rusqlite::Params) -> usize {
        store
            .lock()
            .execute(sql, params)
            .expect("the statement runs")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_twice_keeps_the_schema() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("db.sqlite3");
        Store::open(&path)?.ping()?;
        Store::open(&path)?.ping()?;
        Ok(())
    }

    #[test]
    fn database_files_are_private() -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("db.sqlite3");
        std::fs::write(&path, b"")?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644))?;
        let store = Store::open(&path)?;
        store.ping()?;
        store.set_setting("probe", Some("1"))?;
        // The WAL and shared-memory files exist while the database is open.
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{}{suffix}", path.display());
            let mode = std::fs::metadata(&file)?.permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{file}");
        }
        Ok(())
    }

    #[test]
    fn a_directory_in_place_of_the_file_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let error = Store::open(dir.path()).expect_err("must fail");
        let message = error.to_string();
        assert!(message.starts_with("cannot open the database"), "{message}");
    }
}
