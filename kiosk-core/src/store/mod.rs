//! The kiosk's local store: one SQLite file in its data directory holding the outbox of
//! records waiting to be synced, what residents left (requests, feedback, learner progress),
//! the enrolment, and a ledger of sync attempts.
//! Every SQL statement of the kiosk lives under this module.

mod enrolment;
mod ledger;
mod legacy;
mod migrations;
mod outbox;
mod records;
mod relay;
mod staff;
mod statuses;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use enrolment::Enrolment;
pub use ledger::SyncAttempt;
pub use outbox::{LocalEvent, OutboxView, describe as describe_ranges};
pub use records::{FeedbackKind, LocalRecord, ModuleProgress, StoredFeedback, StoredRequest};
pub use relay::{Carried, CarriedAck, KEEP_ACKS_DAYS};
pub use staff::{
    FIRST_LOCKOUT_SECONDS, Found, LOCK_AFTER, Lockout, MAX_LOCKOUT_SECONDS, MIN_PIN_DIGITS,
    PinProblem, StaffAccess, StaffPin, is_valid_pin,
};
pub use statuses::{KEEP_STATUS_NOTES_DAYS, KnownStatus};

/// A connection to the kiosk's database. Each thread that needs the store opens its own.
pub struct LocalStore {
    connection: Connection,
    path: PathBuf,
}

/// Why a local storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened or created.
    #[error("cannot open the kiosk database {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The database file could not be made readable by the kiosk's user only.
    #[error("cannot make the kiosk database {path} private (mode 0600): {source}")]
    Private {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The schema could not be brought up to date.
    #[error("cannot update the kiosk database schema in {path}: {source}")]
    Migrate {
        /// The file.
        path: PathBuf,
        /// What the migration said.
        source: rusqlite_migration::Error,
    },
    /// A query failed (disk full, corrupt file, …).
    #[error("kiosk database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A staff PIN or card could not be hashed.
    #[error("cannot hash a staff secret: {0}")]
    Hash(String),
    /// A stored row cannot be decoded.
    #[error("a stored record is unreadable: {0}")]
    Corrupt(String),
}

impl LocalStore {
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub fn open(path: &Path) -> Result<LocalStore, StoreError> {
        let open_error = |source| StoreError::Open {
            path: path.to_owned(),
            source,
        };
        let mut connection = Connection::open(path).map_err(open_error)?;
        connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .map_err(open_error)?;
        // A recorded event must survive a power cut.
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(open_error)?;
        connection
            .busy_timeout(Duration::from_secs(10))
            .map_err(open_error)?;
        migrations::MIGRATIONS
            .to_latest(&mut connection)
            .map_err(|source| StoreError::Migrate {
                path: path.to_owned(),
                source,
            })?;
        legacy::move_events_to_outbox(&mut connection)?;
        Ok(LocalStore {
            connection,
            path: path.to_owned(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
pub(crate) fn temp_store() -> (tempfile::TempDir, LocalStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = LocalStore::open(&dir.path().join("kiosk.sqlite3")).expect("open");
    (dir, store)
}

#[cfg(test)]
impl LocalStore {
    /// Shortens how long writes wait for a lock, so lock tests finish quickly.
    pub(crate) fn set_busy_timeout_for_tests(&mut self, timeout: Duration) -> rusqlite::Result<()> {
        self.connection.busy_timeout(timeout)
    }
}
