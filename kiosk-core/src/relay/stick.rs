//! A USB stick (or any folder) as a relay: `kiosk relay export --to DIR` writes this kiosk's
//! waiting records as bundles, the bundles it carries for others, the acknowledgements it
//! holds for others and its signed content; `kiosk relay import --from DIR` takes in what
//! is there (bundles to carry, acknowledgements for this kiosk or to pass on, newer signed
//! content) and writes back the acknowledgements and content it holds. Everything lives in
//! `DIR/inclusion-kiosk-relay/`; nothing on the stick is trusted: bundles are checked by the
//! server, acknowledgements and content against the key pinned at enrolment.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use wire::{RelayBundle, SignedRelayAck};

use super::{AckTaken, RelayError, own_bundles, take_ack};
use crate::content_dir::ContentDir;
use crate::store::{Carried, LocalStore};

/// The folder on the stick.
pub const FOLDER: &str = "inclusion-kiosk-relay";

/// An acknowledgement file is never larger than this.
const MAX_ACK_FILE: u64 = 64 * 1024;

/// A signed content manifest on a stick is never larger than this.
const MAX_MANIFEST_FILE: u64 = 4 * 1024 * 1024;

/// The most files of one kind read from a stick.
const MAX_FILES: usize = 10_000;

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    /// Bundles of this kiosk's own records.
    pub own_bundles: u64,
    /// This kiosk's records in them.
    pub own_records: u64,
    /// This kiosk's records that did not fit and wait for the next export.
    pub left: u64,
    /// Bundles carried for other kiosks.
    pub carried_bundles: u64,
    /// Acknowledgements for other kiosks.
    pub acks: u64,
    /// The content version written, if the stick's was older.
    pub content: Option<u64>,
}

/// What an import took in and handed back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Bundles taken to carry to the server.
    pub bundles_taken: u64,
    /// Bundles already carried or already delivered.
    pub bundles_known: u64,
    /// Bundles the server refused for good before: not taken again.
    pub bundles_refused_before: u64,
    /// Bundles not taken: this kiosk carries all it may.
    pub bundles_no_room: u64,
    /// Files that are not bundles.
    pub bundles_unreadable: u64,
    /// This kiosk's own records newly marked sent by acknowledgements found.
    pub own_records_acked: u64,
    /// Acknowledgements for other kiosks, kept to pass on.
    pub acks_carried: u64,
    /// Files that are not acknowledgements from this kiosk's server.
    pub acks_refused: u64,
    /// A newer content version installed from the stick.
    pub content_installed: Option<u64>,
    /// Why the stick's content was not installed, if it was newer and refused.
    pub content_refused: Option<String>,
    /// Acknowledgements and content this kiosk wrote back onto the stick.
    pub handed_back: Exported,
}

fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> RelayError + 'a {
    move |source| RelayError::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// Writes this kiosk's records, what it carries for others and its content to `dir`.
pub fn export_to(store: &LocalStore, data_dir: &Path, dir: &Path) -> Result<Exported, RelayError> {
    let enrolment = store.enrolment()?.ok_or(RelayError::NotEnrolled)?;
    let root = dir.join(FOLDER);
    let bundles_dir = root.join("bundles");
    stick_dir(&root, &bundles_dir)?;
    // Everything waiting: a stick is carried on purpose.
    let own = own_bundles(store, data_dir, None)?;
    // This kiosk's older bundles on the stick are superseded by the new ones (same records,
    // or fewer: those acknowledged meanwhile).
    for (path, bytes) in read_files(&bundles_dir, "bundle", wire::MAX_RELAY_BUNDLE as u64)? {
        if RelayBundle::decode(&bytes).is_ok_and(|b| b.kiosk == enrolment.kiosk_id) {
            fs::remove_file(&path).map_err(io("remove", &path))?;
        }
    }
    store.note_own_bundles(&own.ids, crate::clock::now())?;
    let mut exported = Exported {
        own_records: own.records(),
        left: own.left,
        ..Exported::default()
    };
    for bundle in &own.bundles {
        write_file(
            &bundles_dir,
            &format!("{}.bundle", blake3::hash(bundle).to_hex()),
            bundle,
            false,
        )?;
        exported.own_bundles += 1;
    }
    for (id, _) in store.carried_bundles()? {
        if let Some(bytes) = store.carried_bundle(&id)? {
            write_file(&bundles_dir, &format!("{id}.bundle"), &bytes, false)?;
            exported.carried_bundles += 1;
        }
    }
    hand_back(store, data_dir, &root, &mut exported)?;
    sync_dir(&bundles_dir);
    Ok(exported)
}

/// Takes in what `dir` holds for this kiosk and writes back what this kiosk holds for others.
pub fn import_from(
    store: &mut LocalStore,
    data_dir: &Path,
    dir: &Path,
    now: i64,
) -> Result<Imported, RelayError> {
    let enrolment = store.enrolment()?.ok_or(RelayError::NotEnrolled)?;
    let root = dir.join(FOLDER);
    if !root.is_dir() {
        return Err(RelayError::Io {
            action: "find relayed records in",
            path: root,
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such folder (nothing was exported there)",
            ),
        });
    }
    let mut imported = Imported::default();
    for (_, bytes) in read_files(&root.join("acks"), "json", MAX_ACK_FILE)? {
        let Ok(signed) = serde_json::from_slice::<SignedRelayAck>(&bytes) else {
            imported.acks_refused += 1;
            continue;
        };
        match take_ack(store, &signed, now)? {
            AckTaken::Mine(marked) => imported.own_records_acked += marked,
            AckTaken::Carried => imported.acks_carried += 1,
            AckTaken::Refused(why) => {
                tracing::warn!(%why, "an acknowledgement on the stick was ignored");
                imported.acks_refused += 1;
            }
        }
    }
    for (_, bytes) in read_files(
        &root.join("bundles"),
        "bundle",
        wire::MAX_RELAY_BUNDLE as u64,
    )? {
        let Ok(bundle) = RelayBundle::decode(&bytes) else {
            imported.bundles_unreadable += 1;
            continue;
        };
        if bundle.kiosk == enrolment.kiosk_id {
            // This kiosk's own, coming back: its records are still here.
            continue;
        }
        match store.carry_bundle(&bundle.id(), &bundle.kiosk, &bytes, now)? {
            Carried::Taken => imported.bundles_taken += 1,
            Carried::AlreadyCarried | Carried::AlreadyDelivered => imported.bundles_known += 1,
            Carried::Refused => imported.bundles_refused_before += 1,
            Carried::Full => imported.bundles_no_room += 1,
        }
    }
    match import_content(&root.join("content"), data_dir, &enrolment.content_key) {
        Ok(version) => imported.content_installed = version,
        Err(why) => imported.content_refused = Some(why),
    }
    hand_back(store, data_dir, &root, &mut imported.handed_back)?;
    Ok(imported)
}

/// Writes the acknowledgements this kiosk holds for others, and its content if the stick
/// has none or an older version.
fn hand_back(
    store: &LocalStore,
    data_dir: &Path,
    root: &Path,
    exported: &mut Exported,
) -> Result<(), RelayError> {
    let acks_dir = root.join("acks");
    stick_dir(root, &acks_dir)?;
    for ack in store.carried_acks()? {
        let json = serde_json::to_vec(&ack.signed).map_err(|e| RelayError::Io {
            action: "encode",
            path: acks_dir.clone(),
            source: std::io::Error::other(e),
        })?;
        write_file(&acks_dir, &format!("{}.json", ack.bundle), &json, false)?;
        exported.acks += 1;
    }
    sync_dir(&acks_dir);
    exported.content = export_content(&root.join("content"), data_dir)?;
    Ok(())
}

/// Copies the content in use, with its signed manifest, unless the stick holds the same
/// version or a newer one.
fn export_content(dir: &Path, data_dir: &Path) -> Result<Option<u64>, RelayError> {
    let content = ContentDir::new(data_dir);
    let Some((signed, manifest)) = content.signed_manifest() else {
        return Ok(None);
    };
    if stick_content_version(dir) >= manifest.version {
        return Ok(None);
    }
    let files = dir.join("files");
    stick_dir(dir, &files)?;
    for file in &manifest.files {
        let target = files.join(&file.hash);
        if fs::symlink_metadata(&target).is_ok_and(|m| m.is_file() && m.len() == file.size) {
            continue;
        }
        let source = content.file(&file.hash);
        let bytes = fs::read(&source).map_err(io("read", &source))?;
        write_file(&files, &file.hash, &bytes, true)?;
    }
    sync_dir(&files);
    let json = serde_json::to_vec(&signed).map_err(|e| RelayError::Io {
        action: "encode",
        path: dir.to_owned(),
        source: std::io::Error::other(e),
    })?;
    // The manifest last: a stick pulled out half-way holds files but no manifest naming them.
    write_file(dir, "manifest.json", &json, true)?;
    sync_dir(dir);
    Ok(Some(manifest.version))
}

/// The content version on the stick (0 for none or unreadable).
fn stick_content_version(dir: &Path) -> u64 {
    read_bounded(&dir.join("manifest.json"), MAX_MANIFEST_FILE)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<wire::SignedManifest>(&bytes).ok())
        .and_then(|signed| wire::ContentManifest::parse_checked(&signed.manifest).ok())
        .map_or(0, |manifest| manifest.version)
}

/// Installs the stick's content if it is newer than this kiosk's and signed by its server;
/// the version installed, or why not.
fn import_content(dir: &Path, data_dir: &Path, content_key: &str) -> Result<Option<u64>, String> {
    let path = dir.join("manifest.json");
    let Ok(bytes) = read_bounded(&path, MAX_MANIFEST_FILE) else {
        return Ok(None);
    };
    let signed: wire::SignedManifest =
        serde_json::from_slice(&bytes).map_err(|e| format!("its manifest cannot be read: {e}"))?;
    let content = ContentDir::new(data_dir);
    let running = content.current_version();
    let manifest = match crate::sync::content::verify(&signed, content_key, running) {
        Ok(manifest) if manifest.version > running => manifest,
        // The same version as here, or an older one: nothing to do.
        Ok(_) => return Ok(None),
        Err(crate::sync::SyncError::ContentRefused(why)) if why.contains("older version") => {
            return Ok(None);
        }
        Err(error) => return Err(error.to_string()),
    };
    for file in manifest.files.iter().filter(|file| !content.has(file)) {
        let source = dir.join("files").join(&file.hash);
        let bytes =
            read_bounded(&source, file.size).map_err(|e| format!("{}: {e}", source.display()))?;
        content
            .accept_rebuilt(file, &bytes)
            .map_err(|e| e.to_string())?;
    }
    content
        .install_signed(&signed, &manifest)
        .map_err(|e| e.to_string())?;
    Ok(Some(manifest.version))
}

/// Reads a regular file of at most `limit` bytes. Nothing on a stick is trusted: a symbolic
/// link is not followed, and a device or a pipe is not read (it could be endless, or hang).
fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_NONBLOCK)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("more than the {limit} bytes expected"),
        ));
    }
    Ok(bytes)
}

/// Makes `dir` under the stick's folder `root` (and `root`), refusing any that is a symbolic
/// link: what this kiosk writes goes onto the stick, nowhere else.
fn stick_dir(root: &Path, dir: &Path) -> Result<(), RelayError> {
    fs::create_dir_all(dir).map_err(io("create", dir))?;
    for folder in [root, dir] {
        let real = fs::symlink_metadata(folder).map_err(io("check", folder))?;
        if !real.is_dir() {
            return Err(RelayError::Io {
                action: "use",
                path: folder.to_owned(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "not a folder of its own (a link?)",
                ),
            });
        }
    }
    Ok(())
}

/// The files `*.{extension}` in `dir` (none if it does not exist), at most [`MAX_FILES`], in
/// name order, each read only when its turn comes: at most `limit` bytes (a larger or
/// unreadable one is skipped, with a warning).
fn read_files(
    dir: &Path,
    extension: &str,
    limit: u64,
) -> Result<impl Iterator<Item = (PathBuf, Vec<u8>)>, RelayError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => Some(entries),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(io("read", dir)(source)),
    };
    let mut paths: Vec<PathBuf> = entries
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    paths.sort();
    paths.truncate(MAX_FILES);
    Ok(paths
        .into_iter()
        .filter_map(move |path| match read_bounded(&path, limit) {
            Ok(bytes) => Some((path, bytes)),
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "skipped on the stick");
                None
            }
        }))
}

/// Writes `dir/file_name` whole (under a temporary name, then renamed); a file already
/// there is kept unless `replace`.
fn write_file(dir: &Path, file_name: &str, bytes: &[u8], replace: bool) -> Result<(), RelayError> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let path = dir.join(file_name);
    if !replace && fs::symlink_metadata(&path).is_ok() {
        return Ok(());
    }
    // A new file of its own (never through a link left on the stick), renamed over the name.
    let temporary = dir.join(format!(".{file_name}.partial"));
    let _ = fs::remove_file(&temporary);
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(nix::libc::O_NOFOLLOW)
        .open(&temporary)
        .map_err(io("write", &temporary))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(io("write", &temporary))?;
    fs::rename(&temporary, &path).map_err(io("write", &path))
}

/// Makes a folder's new entries durable (best effort: some file systems cannot).
fn sync_dir(dir: &Path) {
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_of_their_own_are_read_from_a_stick() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let plain = dir.path().join("a.bundle");
        fs::write(&plain, b"bytes")?;
        assert_eq!(read_bounded(&plain, 5)?, b"bytes");
        assert!(read_bounded(&plain, 4).is_err(), "over the limit");
        // A link is not followed, to a file of the kiosk's or to an endless device.
        let secret = dir.path().join("kiosk.sqlite3");
        fs::write(&secret, b"private")?;
        std::os::unix::fs::symlink(&secret, dir.path().join("b.bundle"))?;
        assert!(read_bounded(&dir.path().join("b.bundle"), 1 << 20).is_err());
        assert!(read_bounded(Path::new("/dev/zero"), 1 << 20).is_err());
        nix::unistd::mkfifo(&dir.path().join("c.bundle"), nix::sys::stat::Mode::S_IRWXU)
            .map_err(std::io::Error::from)?;
        assert!(
            read_bounded(&dir.path().join("c.bundle"), 1 << 20).is_err(),
            "a pipe"
        );
        let read: Vec<_> = read_files(dir.path(), "bundle", 1 << 20)
            .map_err(|e| std::io::Error::other(e.to_string()))?
            .map(|(path, _)| path)
            .collect();
        assert_eq!(read, [plain]);
        Ok(())
    }

    #[test]
    fn nothing_is_written_through_a_link_on_the_stick() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let elsewhere = tempfile::tempdir()?;
        let root = dir.path().join(FOLDER);
        fs::create_dir_all(&root)?;
        std::os::unix::fs::symlink(elsewhere.path(), root.join("acks"))?;
        assert!(stick_dir(&root, &root.join("acks")).is_err());
        // A link left where a file is written is replaced, and its target untouched.
        let target = elsewhere.path().join("kiosk.sqlite3");
        fs::write(&target, b"private")?;
        std::os::unix::fs::symlink(&target, root.join("manifest.json"))?;
        std::os::unix::fs::symlink(&target, root.join(".manifest.json.partial"))?;
        write_file(&root, "manifest.json", b"{}", true)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        assert_eq!(fs::read(&target)?, b"private");
        assert_eq!(fs::read(root.join("manifest.json"))?, b"{}");
        assert!(!fs::symlink_metadata(root.join("manifest.json"))?.is_symlink());
        Ok(())
    }
}
