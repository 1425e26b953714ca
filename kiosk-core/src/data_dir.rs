//! The kiosk's data directory: where its database lives.

use std::fs;
use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
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

    /// Opens a new connection to the database. The database file (and SQLite's `-wal` and
    /// `-shm` files beside it, which take its mode) is readable by this user only: it is made
    /// with mode 0600, and a wider one found is narrowed.
    pub fn open_store(&self) -> Result<LocalStore, StoreError> {
        let database = self.database_path();
        let restrict = |source| StoreError::Private {
            path: database.clone(),
            source,
        };
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&database)
        {
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(restrict(error)),
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut name = database.clone().into_os_string();
            name.push(suffix);
            let path = PathBuf::from(name);
            let Ok(metadata) = fs::metadata(&path) else {
                continue;
            };
            if metadata.permissions().mode() & 0o077 != 0 {
                fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).map_err(restrict)?;
            }
        }
        LocalStore::open(&database)
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
    fn database_files_are_private() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let data = DataDir::open(&dir.path().join("kiosk-data"))?;
        let store = data.open_store()?;
        let mode = |path: &Path| fs::metadata(path).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode(&data.database_path())?, 0o600);
        let wal = data.path().join("kiosk.sqlite3-wal");
        assert_eq!(
            mode(&wal)?,
            0o600,
            "SQLite gives the WAL the database's mode"
        );
        drop(store);
        // A database left readable by others (an older kiosk) is narrowed when next opened.
        fs::set_permissions(data.database_path(), fs::Permissions::from_mode(0o644))?;
        drop(data.open_store()?);
        assert_eq!(mode(&data.database_path())?, 0o600);
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
