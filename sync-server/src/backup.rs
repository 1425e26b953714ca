//! Backup and restore of a whole server in one file: the database (copied with SQLite's
//! online backup API while the server runs), the keys, the published content and settings,
//! as a zstd-compressed tar with a last entry `backup.json` that lists every file with its
//! size and BLAKE3 hash. Restoring checks the whole archive before writing anything, writes
//! into a new folder beside the target, checks the database, and only then moves it into
//! place; it never writes into a folder that holds anything.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::Store;
use crate::{DataDir, clock};

/// The name of the database inside the data directory and the archive.
const DATABASE: &str = "sync-server.sqlite3";
/// The archive's own listing, always its last entry.
const MANIFEST: &str = "backup.json";
/// The layout this code writes.
const FORMAT: u32 = 1;

/// What a backup holds, as listed in its `backup.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupManifest {
    /// The archive layout (1).
    pub format: u32,
    /// The server version that wrote it.
    pub server_version: String,
    /// Unix seconds when it was taken.
    pub created_at: i64,
    /// Every file, database first.
    pub files: Vec<BackedUpFile>,
}

/// One file of a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackedUpFile {
    /// Its path inside the data directory (`/`-separated).
    pub path: String,
    /// Its length in bytes.
    pub size: u64,
    /// BLAKE3 of its bytes, hex.
    pub blake3: String,
}

impl BackupManifest {
    /// Bytes in all.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// Why a backup or a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// Reading or writing a file failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The archive is damaged, truncated, or not a backup of this server.
    #[error("{path} is not a usable backup: {reason}; nothing was written")]
    BadArchive {
        /// The archive.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// The target of a restore already holds something.
    #[error(
        "{0} is not empty: restore only into a new or empty folder (move the old one aside first)"
    )]
    NotEmpty(PathBuf),
    /// The destination of a backup exists already.
    #[error("{0} exists already: choose another file name")]
    Exists(PathBuf),
    /// The database could not be copied or checked.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> BackupError + 'a {
    move |source| BackupError::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// How far a backup or restore has got, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// The database copy is being made.
    CopyingDatabase,
    /// Files are going in (or out): this many bytes of this many.
    Files {
        /// Bytes done.
        done: u64,
        /// Bytes in all.
        total: u64,
    },
    /// The archive is being checked.
    Checking,
}

/// Writes a backup of `data_dir` to `to` (a new file, mode 0600: it holds the server's keys).
pub fn create(
    data_dir: &DataDir,
    to: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupManifest, BackupError> {
    if to.exists() {
        return Err(BackupError::Exists(to.to_owned()));
    }
    let parent = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let work = tempfile::Builder::new()
        .prefix(".sync-server-backup-")
        .tempdir_in(parent)
        .map_err(io("cannot make a working folder beside", to))?;
    progress(Progress::CopyingDatabase);
    let database = work.path().join(DATABASE);
    // The data as one SQLite file, whichever database holds it (a restore is a SQLite city;
    // `sync-server migrate` moves it to PostgreSQL again).
    data_dir.store_or_error()?.backup_to(&database)?;
    // Everything else the server keeps, except unfinished uploads (kiosks send them again).
    let mut files: Vec<(String, PathBuf)> = vec![(DATABASE.to_owned(), database)];
    collect(data_dir.path(), data_dir.path(), &mut files)?;
    let total: u64 = files
        .iter()
        .filter_map(|(_, path)| fs::metadata(path).ok())
        .map(|m| m.len())
        .sum();
    let partial = work.path().join("backup.partial");
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode_private()
        .open(&partial)
        .map_err(io("cannot create", &partial))?;
    let encoder = zstd::stream::write::Encoder::new(file, 3).map_err(io("cannot compress", to))?;
    let mut archive = tar::Builder::new(encoder);
    let mut manifest = BackupManifest {
        format: FORMAT,
        server_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at: clock::now(),
        files: Vec::new(),
    };
    let mut done = 0;
    for (name, path) in &files {
        let (size, hash) = hash_file(path)?;
        let mut header = tar::Header::new_gnu();
        header.set_size(size);
        header.set_mode(0o600);
        header.set_mtime(u64::try_from(manifest.created_at).unwrap_or(0));
        header.set_entry_type(tar::EntryType::Regular);
        let reader = fs::File::open(path).map_err(io("cannot read", path))?;
        archive
            .append_data(&mut header, name, reader.take(size))
            .map_err(io("cannot write", to))?;
        manifest.files.push(BackedUpFile {
            path: name.clone(),
            size,
            blake3: hash,
        });
        done += size;
        progress(Progress::Files { done, total });
    }
    let listing = serde_json::to_vec_pretty(&manifest).map_err(|e| BackupError::Io {
        action: "cannot encode the listing of",
        path: to.to_owned(),
        source: std::io::Error::other(e),
    })?;
    let mut header = tar::Header::new_gnu();
    header.set_size(listing.len() as u64);
    header.set_mode(0o600);
    header.set_entry_type(tar::EntryType::Regular);
    archive
        .append_data(&mut header, MANIFEST, listing.as_slice())
        .map_err(io("cannot write", to))?;
    let encoder = archive.into_inner().map_err(io("cannot write", to))?;
    let file = encoder.finish().map_err(io("cannot write", to))?;
    file.sync_all().map_err(io("cannot write", to))?;
    drop(file);
    // Checked like a restore would check it, before it is given its name.
    progress(Progress::Checking);
    verify(&partial)?;
    fs::rename(&partial, to).map_err(io("cannot name", to))?;
    Ok(manifest)
}

/// Private files, whatever the umask.
trait PrivateMode {
    fn mode_private(&mut self) -> &mut Self;
}

impl PrivateMode for fs::OpenOptions {
    fn mode_private(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt as _;
        self.mode(0o600)
    }
}

/// Every regular file under `dir` worth keeping, as (archive path, file).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> Result<(), BackupError> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(io("cannot read", dir))?
        .collect::<Result<_, _>>()
        .map_err(io("cannot read", dir))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = path
            .strip_prefix(root)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let skip = name.starts_with('.')
            || relative == "staging"
            || relative.starts_with(DATABASE)
            || relative == crate::data_dir::DATABASE_URL_FILE
            || name.ends_with(".partial")
            || name.ends_with(".tmp");
        if skip {
            continue;
        }
        let kind = entry.file_type().map_err(io("cannot read", &path))?;
        if kind.is_dir() {
            collect(root, &path, files)?;
        } else if kind.is_file() {
            files.push((relative, path));
        }
    }
    Ok(())
}

fn hash_file(path: &Path) -> Result<(u64, String), BackupError> {
    let mut file = fs::File::open(path).map_err(io("cannot read", path))?;
    let mut hasher = blake3::Hasher::new();
    let size = std::io::copy(&mut file, &mut hasher).map_err(io("cannot read", path))?;
    Ok((size, hasher.finalize().to_hex().to_string()))
}

/// A path from an archive that stays inside the folder it is restored into.
fn safe_path(name: &str) -> Option<PathBuf> {
    let path = Path::new(name);
    (!name.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_))))
        .then(|| path.to_owned())
}

/// Reads the whole archive, checking every file against the listing; returns the listing.
pub fn verify(archive: &Path) -> Result<BackupManifest, BackupError> {
    walk(archive, &mut |_, _| Ok(()))
}

/// Goes through every entry of `archive`, handing each file's bytes to `each`, and checks
/// them against the listing at the end.
fn walk(
    archive: &Path,
    each: &mut dyn FnMut(&str, &mut dyn Read) -> Result<(), BackupError>,
) -> Result<BackupManifest, BackupError> {
    let bad = |reason: String| BackupError::BadArchive {
        path: archive.to_owned(),
        reason,
    };
    let file = fs::File::open(archive).map_err(io("cannot read", archive))?;
    let decoder = zstd::stream::read::Decoder::new(file)
        .map_err(|e| bad(format!("not a compressed backup ({e})")))?;
    let mut tar = tar::Archive::new(decoder);
    let mut seen: Vec<BackedUpFile> = Vec::new();
    let mut listing: Option<BackupManifest> = None;
    let entries = tar
        .entries()
        .map_err(|e| bad(format!("unreadable ({e})")))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| bad(format!("unreadable ({e})")))?;
        if listing.is_some() {
            return Err(bad("something follows the listing".into()));
        }
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(bad("it holds something other than plain files".into()));
        }
        let name = entry
            .path()
            .map_err(|e| bad(format!("a file name is unreadable ({e})")))?
            .to_string_lossy()
            .into_owned();
        if safe_path(&name).is_none() {
            return Err(bad(format!("the file name {name:?} leaves the folder")));
        }
        if name == MANIFEST {
            let mut text = Vec::new();
            entry
                .by_ref()
                .take(16 * 1024 * 1024)
                .read_to_end(&mut text)
                .map_err(|e| bad(format!("the listing is unreadable ({e})")))?;
            listing = Some(
                serde_json::from_slice(&text)
                    .map_err(|e| bad(format!("the listing is malformed ({e})")))?,
            );
            continue;
        }
        let mut hashing = HashingReader {
            inner: &mut entry,
            hasher: blake3::Hasher::new(),
            size: 0,
        };
        each(&name, &mut hashing)?;
        // Whatever `each` did not read still counts.
        std::io::copy(&mut hashing, &mut std::io::sink())
            .map_err(|e| bad(format!("{name} is truncated ({e})")))?;
        seen.push(BackedUpFile {
            path: name,
            size: hashing.size,
            blake3: hashing.hasher.finalize().to_hex().to_string(),
        });
    }
    let listing = listing
        .ok_or_else(|| bad("its listing (backup.json) is missing: the file is cut short".into()))?;
    if listing.format != FORMAT {
        return Err(bad(format!(
            "it is in format {}, which this version does not read",
            listing.format
        )));
    }
    if listing.files != seen {
        let damaged = listing
            .files
            .iter()
            .find(|f| !seen.contains(f))
            .map(|f| f.path.clone())
            .unwrap_or_else(|| "an extra file".into());
        return Err(bad(format!(
            "{damaged} does not match its listing (damaged)"
        )));
    }
    if !seen.iter().any(|f| f.path == DATABASE) {
        return Err(bad("it holds no database".into()));
    }
    Ok(listing)
}

struct HashingReader<'a> {
    inner: &'a mut dyn Read,
    hasher: blake3::Hasher,
    size: u64,
}

impl Read for HashingReader<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buffer)?;
        self.hasher.update(&buffer[..n]);
        self.size += n as u64;
        Ok(n)
    }
}

/// Restores `archive` into `target` (a folder that does not exist or is empty). The archive
/// is checked whole first; the files go into a new folder beside `target`, are checked again
/// as they are written, the database is opened and checked, and only then does the folder
/// take `target`'s name. Any failure leaves `target` as it was.
pub fn restore(
    archive: &Path,
    target: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupManifest, BackupError> {
    if target.exists() {
        let empty = fs::read_dir(target)
            .map_err(io("cannot read", target))?
            .next()
            .is_none();
        if !empty || !target.is_dir() {
            return Err(BackupError::NotEmpty(target.to_owned()));
        }
    }
    progress(Progress::Checking);
    let listing = verify(archive)?;
    let total = listing.total_bytes();
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io("cannot create", parent))?;
    let work = tempfile::Builder::new()
        .prefix(".sync-server-restore-")
        .tempdir_in(parent)
        .map_err(io("cannot make a working folder in", parent))?;
    let mut done = 0u64;
    let written = walk(archive, &mut |name, bytes| {
        let Some(relative) = safe_path(name) else {
            return Ok(());
        };
        let path = work.path().join(relative);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(io("cannot create", folder))?;
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode_private()
            .open(&path)
            .map_err(io("cannot create", &path))?;
        let copied = std::io::copy(bytes, &mut file).map_err(io("cannot write", &path))?;
        file.sync_all().map_err(io("cannot write", &path))?;
        done += copied;
        progress(Progress::Files { done, total });
        Ok(())
    })?;
    if written != listing {
        return Err(BackupError::BadArchive {
            path: archive.to_owned(),
            reason: "it changed while it was being restored".into(),
        });
    }
    // The database opens (migrating it if it is from an older version) and is whole.
    Store::open(&work.path().join(DATABASE))?.integrity_check()?;
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(work.path(), fs::Permissions::from_mode(0o700))
            .map_err(io("cannot make private", work.path()))?;
    }
    if target.exists() {
        fs::remove_dir(target).map_err(io("cannot replace the empty folder", target))?;
    }
    let kept = work.keep();
    fs::rename(&kept, target).map_err(io("cannot move the restored data to", target))?;
    if let Ok(folder) = fs::File::open(parent) {
        let _ = folder.sync_all();
    }
    Ok(listing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_dir() -> (tempfile::TempDir, DataDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(&dir.path().join("data")).expect("data dir");
        let store = data.open_store().expect("store");
        store
            .set_setting("utc_offset_hours", Some("2"))
            .expect("setting");
        fs::create_dir_all(data.path().join("content/files")).expect("content");
        fs::write(data.path().join("content/files/abc"), b"a content file").expect("write");
        fs::write(data.path().join("content.key"), [7u8; 32]).expect("write");
        fs::create_dir_all(data.path().join("staging/k1")).expect("staging");
        fs::write(data.path().join("staging/k1/x.part"), b"unfinished").expect("write");
        (dir, data)
    }

    #[test]
    fn a_backup_restores_everything_but_unfinished_uploads() -> Result<(), BackupError> {
        let (dir, data) = server_dir();
        let archive = dir.path().join("backup.tar.zst");
        let mut steps = Vec::new();
        let listing = create(&data, &archive, &mut |p| steps.push(p))?;
        assert!(steps.contains(&Progress::CopyingDatabase));
        let paths: Vec<&str> = listing.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, [DATABASE, "content/files/abc", "content.key"]);
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = fs::metadata(&archive)
                .map_err(io("stat", &archive))?
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "it holds the keys");
        }
        assert!(matches!(
            create(&data, &archive, &mut |_| {}),
            Err(BackupError::Exists(_))
        ));
        let target = dir.path().join("restored");
        restore(&archive, &target, &mut |_| {})?;
        let store = Store::open(&target.join(DATABASE))?;
        assert_eq!(store.setting("utc_offset_hours")?, Some("2".into()));
        assert_eq!(
            fs::read(target.join("content/files/abc")).map_err(io("read", &target))?,
            b"a content file"
        );
        assert!(!target.join("staging").exists());
        // Never into a folder that holds something.
        assert!(matches!(
            restore(&archive, &target, &mut |_| {}),
            Err(BackupError::NotEmpty(_))
        ));
        Ok(())
    }

    #[test]
    fn a_damaged_or_cut_archive_is_refused_before_anything_is_written() -> Result<(), BackupError> {
        let (dir, data) = server_dir();
        let archive = dir.path().join("backup.tar.zst");
        create(&data, &archive, &mut |_| {})?;
        let bytes = fs::read(&archive).map_err(io("read", &archive))?;
        let cut = dir.path().join("cut.tar.zst");
        fs::write(&cut, &bytes[..bytes.len() / 2]).map_err(io("write", &cut))?;
        let flipped = dir.path().join("flipped.tar.zst");
        let mut damaged = bytes.clone();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0x55;
        fs::write(&flipped, &damaged).map_err(io("write", &flipped))?;
        let garbage = dir.path().join("garbage");
        fs::write(&garbage, b"not a backup at all").map_err(io("write", &garbage))?;
        for bad in [&cut, &flipped, &garbage] {
            let target = dir.path().join("target");
            let result = restore(bad, &target, &mut |_| {});
            assert!(
                matches!(result, Err(BackupError::BadArchive { .. })),
                "{bad:?}: {result:?}"
            );
            assert!(!target.exists(), "nothing written for {bad:?}");
        }
        Ok(())
    }
}
