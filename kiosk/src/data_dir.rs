//! The kiosk's data directory: where its database lives.

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use crate::store::{LocalStore, StoreError};

const DATABASE_FILE: &str = "kiosk.sqlite3";

/// Why the data directory cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("cannot use the kiosk data directory {path}: {reason}")]
pub struct DataDirError {
    /// The directory as given.
    pub path: PathBuf,
    /// What is wrong.
    pub reason: String,
}

/// Where the kiosk keeps everything it owns. Readable only by the kiosk's user: it holds the
/// device credential.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Opens the directory, creating it (mode 0700) if needed.
    pub fn open(path: &Path) -> Result<DataDir, DataDirError> {
        let fail = |reason: String| DataDirError {
            path: path.to_owned(),
            reason,
        };
        if path.exists() && !path.is_dir() {
            return Err(fail("it exists but is not a directory".into()));
        }
        if !path.exists() {
            fs::create_dir_all(path).map_err(|e| fail(format!("cannot create it: {e}")))?;
            fs::set_permissions(path, fs::Permissions::from_mode(0o700))
                .map_err(|e| fail(format!("cannot restrict its permissions: {e}")))?;
        }
        let root = path
            .canonicalize()
            .map_err(|e| fail(format!("cannot resolve it: {e}")))?;
        Ok(DataDir { root })
    }

    /// The directory (absolute).
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// The database file.
    pub fn database_path(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// Opens a new connection to the database.
    pub fn open_store(&self) -> Result<LocalStore, StoreError> {
        LocalStore::open(&self.database_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_directories_are_private() -> Result<(), DataDirError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(&dir.path().join("kiosk-data"))?;
        let mode = fs::metadata(data.path())
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
        Ok(())
    }

    #[test]
    fn a_file_in_the_way_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("f");
        fs::write(&file, "x").expect("write");
        let error = DataDir::open(&file).expect_err("must fail");
        assert!(error.to_string().contains("not a directory"), "{error}");
    }
}
