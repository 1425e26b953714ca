//! The server's storage. Every SQL statement of the server lives under this module; the rest
//! of the server sees only typed methods, on the embedded SQLite default or on PostgreSQL
//! (`db.rs` runs one dialect on both; `postgres.rs` connects and migrates PostgreSQL).

pub(crate) mod db;
mod digests;
mod enrolment;
mod jobs;
mod kiosks;
mod migrations;
mod open311_keys;
pub mod open311_pushes;
mod partitions;
mod places;
mod postgres;
mod postgres_tls;
mod privacy;
pub mod published;
mod records;
pub mod requests;
#[cfg(test)]
mod rollup_time_tests;
pub mod rollups;
mod staff;
mod transfer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use db::SqlExt as _;

pub use enrolment::{DeviceState, EnrolledKiosk, EnrolmentCode, KioskCredential, MAX_KIOSKS};
pub use jobs::JobLock;
pub use kiosks::{FleetKiosk, KioskPlace, KioskSummary};
pub use open311_keys::Open311Key;
pub use places::Site;
pub use postgres::{
    create_database as create_postgres_database, is_url as is_postgres_url, redact_url,
};
pub use privacy::LedgerLine;
pub use records::IncomingRecord;
pub use requests::{RequestFilter, RequestScope, RequestStatus, RequestSummary, StatusChange};
pub use rollups::RollupCount;
pub use staff::{AuditEntry, LoginFailures, Removal, Removed, Role, StaffSession, StaffUser};
pub use transfer::TransferReport;

/// A handle on the server's database. Cheap to clone; all clones share one SQLite
/// connection or one PostgreSQL pool.
///
/// Methods block on the database: async callers run them with [`Store::call`].
#[derive(Clone)]
pub struct Store {
    backend: Arc<Backend>,
}

enum Backend {
    Sqlite {
        connection: Mutex<Connection>,
        path: PathBuf,
    },
    Postgres(postgres::Pool),
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
    /// PostgreSQL could not be reached or refused a statement.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    /// PostgreSQL refused a statement.
    #[error("PostgreSQL refused a statement ({detail}): {statement}")]
    Statement {
        /// The statement, shortened.
        statement: String,
        /// What PostgreSQL said.
        detail: String,
        /// The driver's error.
        source: tokio_postgres::Error,
    },
    /// No PostgreSQL connection could be had from the pool (the server is down, every
    /// connection is busy, or the address or password is wrong).
    #[error("cannot connect to PostgreSQL: {0}")]
    Connect(String),
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

impl StoreError {
    /// Whether trying the same work again may succeed: PostgreSQL gave up a transaction to
    /// break a deadlock, or to keep serializable transactions apart; or another process held
    /// SQLite's write lock for longer than the busy timeout.
    pub fn is_retryable(&self) -> bool {
        use tokio_postgres::error::SqlState;
        if let StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _)) = self {
            return failure.code == rusqlite::ErrorCode::DatabaseBusy;
        }
        let code = match self {
            StoreError::Statement { source, .. } | StoreError::Postgres(source) => source.code(),
            _ => None,
        };
        code == Some(&SqlState::T_R_DEADLOCK_DETECTED)
            || code == Some(&SqlState::T_R_SERIALIZATION_FAILURE)
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("database", &self.describe())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the SQLite database at `path` and migrates it to the latest
    /// schema.
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
        // Switching a new file to WAL needs it to itself: a process that finds another doing
        // the same is told "locked" at once, without the busy timeout, so it tries again.
        let mut tries = 0;
        while let Err(error) = configure(&connection) {
            tries += 1;
            if tries == 50 || error.sqlite_error_code() != Some(rusqlite::ErrorCode::DatabaseBusy) {
                return Err(open_error(error));
            }
            std::thread::sleep(std::time::Duration::from_millis(20 * tries.min(10)));
        }
        // Processes opening a new file together (two servers, a server and a command) race
        // to migrate it: each step is one transaction, so the loser's step fails whole and,
        // tried again, finds the schema moved on.
        let mut tries = 0;
        while let Err(source) = migrations::MIGRATIONS.to_latest(&mut connection) {
            tries += 1;
            if tries == 5 {
                return Err(StoreError::Migrate {
                    path: path.to_owned(),
                    source,
                });
            }
            std::thread::sleep(std::time::Duration::from_millis(50 * tries));
        }
        let store = Store {
            backend: Arc::new(Backend::Sqlite {
                connection: Mutex::new(connection),
                path: path.to_owned(),
            }),
        };
        store.build_rollups_once()?;
        Ok(store)
    }

    /// Connects to PostgreSQL at `url` (`postgres://user:password@host:port/database`) and
    /// brings its schema up to date; several server processes may do so at once.
    pub fn open_postgres(url: &str) -> Result<Store, StoreError> {
        let store = Store {
            backend: Arc::new(Backend::Postgres(postgres::Pool::connect(url)?)),
        };
        store.build_rollups_once()?;
        Ok(store)
    }

    /// Where the data lives, safe to print: the SQLite file, or the PostgreSQL server and
    /// database without user or password.
    pub fn describe(&self) -> String {
        match &*self.backend {
            Backend::Sqlite { path, .. } => format!("SQLite {}", path.display()),
            Backend::Postgres(pool) => pool.describe(),
        }
    }

    /// Which database this store runs on.
    pub fn dialect(&self) -> db::Dialect {
        match &*self.backend {
            Backend::Sqlite { .. } => db::Dialect::Sqlite,
            Backend::Postgres(_) => db::Dialect::Postgres,
        }
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

    /// Copies the whole database, consistent as of one moment, into a new SQLite file at
    /// `to`: SQLite's online backup API, in one step (writers carry on meanwhile), or from
    /// PostgreSQL a table-by-table copy read in one snapshot.
    pub fn backup_to(&self, to: &Path) -> Result<(), StoreError> {
        let source = self.conn()?;
        let Some(source) = source.sqlite() else {
            // PostgreSQL: a copy into a new SQLite file, read in one snapshot.
            drop(source);
            let copy = Store::open(to)?;
            self.copy_to(&copy, |_, _| {})?;
            drop(copy);
            Connection::open(to)?.pragma_update(None, "journal_mode", "DELETE")?;
            return Ok(());
        };
        let mut destination = Connection::open(to)?;
        let backup = rusqlite::backup::Backup::new(source, &mut destination)?;
        backup.step(-1)?;
        drop(backup);
        destination.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// SQLite's own check of the whole file (`PRAGMA integrity_check`): `Ok` when it says "ok".
    /// On PostgreSQL, `Ok` when the server answers.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let connection = self.conn()?;
        if self.dialect() == db::Dialect::Postgres {
            return connection.query_row("SELECT 1", &[], |_| Ok(()));
        }
        let problems: Vec<String> =
            connection.query_map("PRAGMA integrity_check", &[], |row| row.get(0))?;
        if problems == ["ok"] {
            Ok(())
        } else {
            Err(StoreError::Refused(format!(
                "the database is damaged: {}",
                problems.join("; ")
            )))
        }
    }

    /// The database's size in bytes: SQLite's pages in use, or PostgreSQL's
    /// `pg_database_size`.
    pub fn database_size(&self) -> Result<u64, StoreError> {
        let connection = self.conn()?;
        let bytes: i64 = match self.dialect() {
            db::Dialect::Sqlite => connection.query_row(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
                &[],
                |row| row.get(0),
            )?,
            db::Dialect::Postgres => {
                connection.query_row("SELECT pg_database_size(current_database())", &[], |row| {
                    row.get(0)
                })?
            }
        };
        Ok(bytes.max(0) as u64)
    }

    /// Checks the database answers a trivial query.
    pub fn ping(&self) -> Result<(), StoreError> {
        self.conn()?.query_row("SELECT 1", &[], |_| Ok(()))
    }

    /// A connection for one piece of work: SQLite's, locked, or one from the pool.
    fn conn(&self) -> Result<db::Conn<'_>, StoreError> {
        match &*self.backend {
            // A panic while holding the lock cannot leave SQLite half-written (transactions
            // roll back on drop), so a poisoned lock is safe to keep using.
            Backend::Sqlite { connection, .. } => Ok(db::Conn::Sqlite(
                connection
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()),
            )),
            Backend::Postgres(pool) => Ok(db::Conn::Postgres(Box::new(pool.get()?))),
        }
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
    // First, so that every step below waits for a process busy with the same file (servers
    // started together on a new one) instead of failing with "database is locked".
    connection.busy_timeout(std::time::Duration::from_secs(10))?;
    // WAL lets the CLI (`sync-server kiosks`, `enrol`) read and write while `serve` runs.
    connection.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    // An acknowledged record must survive a power cut: the kiosk deletes nothing it was told
    // is stored, so commit means on disk.
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// The environment variable naming a PostgreSQL server (an admin URL) to run the store's
    /// tests on instead of SQLite: `scripts/test` sets it for its second pass.
    pub const POSTGRES_VARIABLE: &str = crate::data_dir::TEST_POSTGRES_VARIABLE;

    /// A store in a fresh temporary directory (kept alive by the returned guard): a SQLite
    /// file, or a new database on the PostgreSQL server [`POSTGRES_VARIABLE`] names.
    pub fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = match std::env::var(POSTGRES_VARIABLE) {
            Ok(admin_url) => {
                let name = format!("t_{}", hex::encode(rand::random::<[u8; 8]>()));
                let url = create_postgres_database(&admin_url, &name).expect("create a database");
                Store::open_postgres(&url).expect("open store")
            }
            Err(_) => Store::open(&dir.path().join("test.sqlite3")).expect("open store"),
        };
        (dir, store)
    }

    /// Another store on the database of `store` (made by [`temp_store`] in `dir`), as a
    /// second server process opens it: its own connections.
    pub fn second_handle(dir: &tempfile::TempDir, store: &Store) -> Store {
        match &*store.backend {
            Backend::Postgres(pool) => Store::open_postgres(pool.url()).expect("open store"),
            Backend::Sqlite { .. } => {
                Store::open(&dir.path().join("test.sqlite3")).expect("open store")
            }
        }
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
    pub fn execute(store: &Store, sql: &str, params: &[&dyn db::ToValue]) -> usize {
        store
            .conn()
            .and_then(|connection| db::Sql::execute(&connection, sql, params))
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
    fn processes_starting_together_on_a_new_database_all_start()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let url = match std::env::var(test_support::POSTGRES_VARIABLE) {
            Ok(admin) => Some(create_postgres_database(
                &admin,
                &format!("t_{}", hex::encode(rand::random::<[u8; 8]>())),
            )?),
            Err(_) => None,
        };
        let file = dir.path().join("db.sqlite3");
        let starting: Vec<_> = (0..3)
            .map(|_| {
                let (url, file) = (url.clone(), file.clone());
                std::thread::spawn(move || match url {
                    Some(url) => Store::open_postgres(&url),
                    None => Store::open(&file),
                })
            })
            .collect();
        for start in starting {
            let store = start.join().map_err(|_| "a start panicked")??;
            store.ping()?;
            assert_eq!(store.rollup_months()?, Vec::<String>::new());
        }
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
