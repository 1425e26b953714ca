//! The server's data directory: its database, its TLS identity and what it last announced.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ServerError;
use crate::store::Store;
use crate::tls::TlsIdentity;

const DATABASE_FILE: &str = "sync-server.sqlite3";
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
        let probe = root.join(".write-test");
        fs::write(&probe, b"ok").map_err(|e| fail(format!("cannot write into it: {e}")))?;
        fs::remove_file(&probe).map_err(|e| fail(format!("cannot remove files in it: {e}")))?;
        Ok(DataDir { root })
    }

    /// The directory itself (absolute).
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Opens the database, running any pending migrations.
    pub fn open_store(&self) -> Result<Store, ServerError> {
        Ok(Store::open(&self.root.join(DATABASE_FILE))?)
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
        fs::write(&path, json).map_err(|e| ServerError::DataDir {
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
