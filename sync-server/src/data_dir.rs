//! The server's data directory: its database, its TLS identity and what it last announced.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ServerError;
use crate::store::Store;
use crate::tls::TlsIdentity;

const DATABASE_FILE: &str = "sync-server.sqlite3";
/// Names the PostgreSQL database when the data lives there (mode 0600: it may hold a
/// password). Without it, the data is in [`DATABASE_FILE`].
pub(crate) const DATABASE_URL_FILE: &str = "database-url";
/// The environment variable of the test suite's PostgreSQL pass (see
/// `DataDir::place_new_city_for_tests`).
pub const TEST_POSTGRES_VARIABLE: &str = "SYNC_SERVER_TEST_POSTGRES";
const TLS_DIR: &str = "tls";
const ANNOUNCEMENT_FILE: &str = "server.json";
const SEALING_KEY_FILE: &str = "sealing.key";

/// Where the server keeps everything it owns.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

/// What a running server tells other tools (the CLI, install scripts) about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    /// The URL kiosks use to reach this server.
    pub url: String,
    /// The SHA-256 fingerprint of its certificate.
    pub fingerprint: String,
}

impl DataDir {
    /// Opens a data directory that must already exist (every command but `serve`, `demo`
    /// and `restore`: a mistyped `--data-dir` is an error, not a new empty server).
    pub fn open_existing(path: &Path) -> Result<DataDir, ServerError> {
        if !path.is_dir() {
            return Err(ServerError::DataDir {
                path: path.to_owned(),
                reason: if path.exists() {
                    "it exists but is not a directory".into()
                } else {
                    "there is no such directory (check --data-dir; `sync-server serve` makes a new one)".into()
                },
            });
        }
        DataDir::open(path)
    }

    /// Opens the data directory (mode 0700), creating it if needed, and checks it is a
    /// writable directory.
    pub fn open(path: &Path) -> Result<DataDir, ServerError> {
        let fail = |reason: String| ServerError::DataDir {
            path: path.to_owned(),
            reason,
        };
        if path.exists() && !path.is_dir() {
            return Err(fail("it exists but is not a directory".into()));
        }
        fs::create_dir_all(path).map_err(|e| fail(format!("cannot create it: {e}")))?;
        let root = path
            .canonicalize()
            .map_err(|e| fail(format!("cannot resolve it: {e}")))?;
        // Keys, tokens and residents' sealed data live here: only the server's user enters.
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(&root, fs::Permissions::from_mode(0o700))
                .map_err(|e| fail(format!("cannot make it private (mode 0700): {e}")))?;
        }
        // A name of this process's own: several server processes may open the directory at
        // once.
        let probe = root.join(format!(
            ".write-test-{}-{}",
            std::process::id(),
            hex::encode(rand::random::<[u8; 4]>())
        ));
        fs::write(&probe, b"ok").map_err(|e| fail(format!("cannot write into it: {e}")))?;
        fs::remove_file(&probe).map_err(|e| fail(format!("cannot remove files in it: {e}")))?;
        Ok(DataDir { root })
    }

    /// The directory itself (absolute).
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Opens the database, running any pending migrations: the PostgreSQL database this
    /// directory names, else its SQLite file.
    pub fn open_store(&self) -> Result<Store, ServerError> {
        self.place_new_city_for_tests()?;
        match self.database_url()? {
            Some(url) => Ok(Store::open_postgres(&url)?),
            None => Ok(Store::open(&self.sqlite_file())?),
        }
    }

    /// [`DataDir::open_store`] for callers whose errors are the store's: an unreadable
    /// `database-url` file is a refusal.
    pub fn store_or_error(&self) -> Result<Store, crate::store::StoreError> {
        match self.open_store() {
            Ok(store) => Ok(store),
            Err(ServerError::Store(error)) => Err(error),
            Err(other) => Err(crate::store::StoreError::Refused(other.to_string())),
        }
    }

    /// The test suite's PostgreSQL pass (`scripts/test`): with [`TEST_POSTGRES_VARIABLE`] set
    /// to a PostgreSQL server's admin URL, a data directory that holds no city yet gets a new
    /// database of its own there, so every test, command and server process started on it
    /// runs on PostgreSQL. Unset (always, outside that pass), nothing happens.
    fn place_new_city_for_tests(&self) -> Result<(), ServerError> {
        let Ok(admin_url) = std::env::var(TEST_POSTGRES_VARIABLE) else {
            return Ok(());
        };
        if self.database_url()?.is_some() || self.sqlite_file().exists() {
            return Ok(());
        }
        let name = format!("city_{}", hex::encode(rand::random::<[u8; 8]>()));
        let url = crate::store::create_postgres_database(&admin_url, &name)?;
        self.write_database_url(Some(&url))
    }

    /// The SQLite database file (whether or not the data lives there).
    pub fn sqlite_file(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// The PostgreSQL database this directory's data lives in, if it is not in SQLite.
    pub fn database_url(&self) -> Result<Option<String>, ServerError> {
        let path = self.root.join(DATABASE_URL_FILE);
        match fs::read_to_string(&path) {
            Ok(url) if !url.trim().is_empty() => Ok(Some(url.trim().to_owned())),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ServerError::DataDir {
                path,
                reason: format!("cannot read it: {e}"),
            }),
        }
    }

    /// Keeps the data in `database` from now on (`--database`, `database_url`): a
    /// `postgres://` URL, or `sqlite` for the file in this directory. Refused when it would
    /// leave data behind: a directory whose SQLite file holds a city is moved with
    /// `sync-server migrate`, not switched.
    pub fn use_database(&self, database: &str) -> Result<(), ServerError> {
        let wanted = match database {
            "sqlite" => None,
            url if crate::store::is_postgres_url(url) => Some(url.to_owned()),
            other => {
                return Err(ServerError::DataDir {
                    path: self.root.clone(),
                    reason: format!(
                        "--database must be a postgres://user:password@host/database URL or \
                         `sqlite`, not {:?}",
                        crate::store::redact_url(other)
                    ),
                });
            }
        };
        let current = self.database_url()?;
        if current == wanted {
            return Ok(());
        }
        let holds_a_city = match &current {
            None => self.sqlite_file().exists(),
            Some(_) => true,
        };
        if holds_a_city {
            let from = current
                .as_deref()
                .map_or_else(|| "SQLite".to_owned(), crate::store::redact_url);
            return Err(ServerError::DataDir {
                path: self.root.clone(),
                reason: format!(
                    "its data is in {from}; to move it, run `sync-server migrate --to {}`",
                    wanted
                        .as_deref()
                        .map_or_else(|| "sqlite".to_owned(), crate::store::redact_url)
                ),
            });
        }
        self.write_database_url(wanted.as_deref())
    }

    /// Records where the data lives (`None`: the SQLite file), privately.
    pub fn write_database_url(&self, url: Option<&str>) -> Result<(), ServerError> {
        let path = self.root.join(DATABASE_URL_FILE);
        let fail = |e: std::io::Error| ServerError::DataDir {
            path: path.clone(),
            reason: format!("cannot write it: {e}"),
        };
        let Some(url) = url else {
            return match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(fail(e)),
                _ => Ok(()),
            };
        };
        // It holds the password: mode 0600, and never left behind under another name.
        crate::files::write_whole(&path, format!("{url}\n").as_bytes(), 0o600).map_err(fail)
    }

    /// Loads the TLS identity, making one on first use.
    pub fn tls_identity(&self, names: &[String]) -> Result<TlsIdentity, ServerError> {
        Ok(TlsIdentity::load_or_create(
            &self.root.join(TLS_DIR),
            names,
        )?)
    }

    /// Loads the key residents' personal data is sealed to, making one on first use.
    pub fn sealing_key(&self) -> Result<crate::sealing::SealingKey, ServerError> {
        Ok(crate::sealing::SealingKey::load_or_create(
            &self.root.join(SEALING_KEY_FILE),
        )?)
    }

    /// Records how the running server can be reached.
    pub fn write_announcement(&self, announcement: &Announcement) -> Result<(), ServerError> {
        let path = self.root.join(ANNOUNCEMENT_FILE);
        let json = serde_json::to_vec_pretty(announcement).map_err(|e| ServerError::DataDir {
            path: path.clone(),
            reason: format!("cannot encode: {e}"),
        })?;
        // Whole or not at all, whichever of several processes starting together wrote last.
        crate::files::write_whole(&path, &json, 0o644).map_err(|e| ServerError::DataDir {
            path,
            reason: format!("cannot write: {e}"),
        })
    }

    /// How the server announced itself when it last started, if it ever did.
    pub fn announcement(&self) -> Option<Announcement> {
        let bytes = fs::read(self.root.join(ANNOUNCEMENT_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_the_way_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("not-a-dir");
        fs::write(&file, "x").expect("write");
        let message = DataDir::open(&file).expect_err("must fail").to_string();
        assert!(
            message.contains("not-a-dir") && message.contains("not a directory"),
            "{message}"
        );
    }

    #[test]
    fn the_directory_is_private_and_must_exist_unless_made() -> Result<(), ServerError> {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("typo");
        let message = DataDir::open_existing(&missing)
            .expect_err("must fail")
            .to_string();
        assert!(message.contains("no such directory"), "{message}");
        assert!(!missing.exists(), "nothing was made");
        let made = DataDir::open(&missing)?;
        let mode = fs::metadata(made.path())
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
        fs::set_permissions(made.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
        let again = DataDir::open_existing(&missing)?;
        let mode = fs::metadata(again.path())
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "tightened when opened");
        Ok(())
    }

    #[test]
    fn announcements_round_trip() -> Result<(), ServerError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(&dir.path().join("nested/data"))?;
        assert_eq!(data.announcement(), None);
        let announcement = Announcement {
            url: "https://127.0.0.1:8443".into(),
            fingerprint: "AB:CD".into(),
        };
        data.write_announcement(&announcement)?;
        assert_eq!(data.announcement(), Some(announcement));
        Ok(())
    }
}
