//! The kiosk's content on disk, `<data-dir>/content/`: verified files by BLAKE3 hash
//! (`files/`), downloads in progress (`partial/`), whole versions (`versions/<n>/`), and the
//! `current` and `previous` pointers. A new version is assembled and checked beside the old
//! one and switched in by renaming one small file, so a power cut at any moment leaves a
//! version that works; the previous one is kept for rollback.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use wire::{ContentFile, ContentManifest};

/// Why content could not be installed.
#[derive(Debug, thiserror::Error)]
pub enum ContentDirError {
    /// A file could not be read or written.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What we were doing.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A file's bytes do not match the hash the signed manifest gives.
    #[error(
        "content file {0} does not match its hash (damaged or tampered with); it was discarded"
    )]
    HashMismatch(String),
    /// The assembled version does not load.
    #[error("the new content does not load, so the old version stays: {0}")]
    Invalid(#[from] content::ContentError),
    /// The version's UI translations do not load.
    #[error("the new translations do not load, so the old version stays: {0}")]
    Translations(String),
}

fn io<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> ContentDirError + 'a {
    move |source| ContentDirError::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// Where the signed manifest of the version in use is kept.
const SIGNED_MANIFEST: &str = "manifest.signed.json";

/// The content folder of one kiosk.
#[derive(Debug, Clone)]
pub struct ContentDir {
    dir: PathBuf,
}

impl ContentDir {
    /// The content folder in a kiosk's data directory.
    pub fn new(data_dir: &Path) -> ContentDir {
        ContentDir {
            dir: data_dir.join("content"),
        }
    }

    fn pointer(&self, name: &str) -> u64 {
        fs::read_to_string(self.dir.join(name))
            .ok()
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(0)
    }

    /// The version in use (0: none downloaded, the built-in sample).
    pub fn current_version(&self) -> u64 {
        self.pointer("current")
    }

    /// The version before it, kept for rollback (0: none).
    pub fn previous_version(&self) -> u64 {
        self.pointer("previous")
    }

    fn version_dir(&self, version: u64) -> PathBuf {
        self.dir.join("versions").join(version.to_string())
    }

    /// The content to run: the current version, else the previous one, else the sample the
    /// kiosk ships with; with its version number (0 for the sample).
    pub fn load(&self) -> (u64, Result<content::Bundle, content::ContentError>) {
        for version in [self.current_version(), self.previous_version()] {
            if version == 0 {
                continue;
            }
            match content::Bundle::load_dir(&self.version_dir(version)) {
                Ok(bundle) => return (version, Ok(bundle)),
                Err(error) => tracing::error!(version, %error, "content version does not load"),
            }
        }
        (0, content::Bundle::sample())
    }

    /// The UI translations that came with a version, as (locale, file name, Fluent source);
    /// empty for the built-in sample or a version without any.
    pub fn translations(&self, version: u64) -> Vec<(String, String, String)> {
        if version == 0 {
            return Vec::new();
        }
        read_translations(&self.version_dir(version))
    }

    /// The batch dictionary the current version carries, if any and if it loads.
    pub fn batch_dictionary(&self) -> Option<wire::BatchDictionary> {
        let version = self.current_version();
        if version == 0 {
            return None;
        }
        let path = self.version_dir(version).join(wire::BATCH_DICTIONARY_PATH);
        let bytes = fs::read(&path).ok()?;
        match wire::BatchDictionary::parse(bytes) {
            Ok(dictionary) => Some(dictionary),
            Err(error) => {
                tracing::warn!(%error, "the content's batch dictionary does not load; batches go without it");
                None
            }
        }
    }

    /// The file at `path` in the current version, as (hash, bytes), if it is small enough to
    /// make a delta against (`wire::MAX_DELTA_FILE_BYTES`).
    pub fn delta_base(&self, path: &str) -> Option<(String, Vec<u8>)> {
        let version = self.current_version();
        if version == 0 || !wire::is_content_path(path) {
            return None;
        }
        let file = self.version_dir(version).join(path);
        if fs::metadata(&file).ok()?.len() > wire::MAX_DELTA_FILE_BYTES {
            return None;
        }
        let bytes = fs::read(&file).ok()?;
        Some((blake3::hash(&bytes).to_hex().to_string(), bytes))
    }

    /// Keeps a file rebuilt from a delta among the verified files, if its bytes match the
    /// hash the signed manifest gives.
    pub fn accept_rebuilt(&self, file: &ContentFile, bytes: &[u8]) -> Result<(), ContentDirError> {
        if blake3::hash(bytes).to_hex().as_str() != file.hash {
            return Err(ContentDirError::HashMismatch(file.path.clone()));
        }
        let files = self.dir.join("files");
        fs::create_dir_all(&files).map_err(io("create", &files))?;
        write_synced(&self.file(&file.hash), bytes)
    }

    /// Where a verified file with this hash lives.
    pub fn file(&self, hash: &str) -> PathBuf {
        self.dir.join("files").join(hash)
    }

    /// True if a file is already here (with the right size; its hash is checked on install).
    pub fn has(&self, file: &ContentFile) -> bool {
        fs::metadata(self.file(&file.hash)).is_ok_and(|m| m.len() == file.size)
    }

    /// Where a download in progress is kept (to resume it).
    pub fn partial(&self, hash: &str) -> Result<PathBuf, ContentDirError> {
        let dir = self.dir.join("partial");
        fs::create_dir_all(&dir).map_err(io("create", &dir))?;
        Ok(dir.join(hash))
    }

    /// Moves a completed download into the verified files, if its bytes match its hash.
    pub fn accept_download(&self, file: &ContentFile) -> Result<(), ContentDirError> {
        let partial = self.partial(&file.hash)?;
        let bytes = fs::read(&partial).map_err(io("read", &partial))?;
        if blake3::hash(&bytes).to_hex().as_str() != file.hash {
            let _ = fs::remove_file(&partial);
            return Err(ContentDirError::HashMismatch(file.path.clone()));
        }
        let files = self.dir.join("files");
        fs::create_dir_all(&files).map_err(io("create", &files))?;
        fs::rename(&partial, self.file(&file.hash)).map_err(io("store", &partial))?;
        Ok(())
    }

    /// Assembles `manifest`'s version from verified files, checks that it loads, and switches
    /// to it; the version that was current becomes the previous one, older ones are removed.
    pub fn install(&self, manifest: &ContentManifest) -> Result<(), ContentDirError> {
        let target = self.version_dir(manifest.version);
        let building = self
            .dir
            .join("versions")
            .join(format!("{}.building", manifest.version));
        let _ = fs::remove_dir_all(&building);
        for file in &manifest.files {
            let source = self.file(&file.hash);
            let bytes = fs::read(&source).map_err(io("read", &source))?;
            if blake3::hash(&bytes).to_hex().as_str() != file.hash {
                let _ = fs::remove_file(&source);
                return Err(ContentDirError::HashMismatch(file.path.clone()));
            }
            let destination = building.join(&file.path);
            if let Some(parent) = destination.parent() {
                fs::create_dir_all(parent).map_err(io("create", parent))?;
            }
            write_synced(&destination, &bytes)?;
        }
        content::Bundle::load_dir(&building)?;
        let translations = read_translations(&building);
        if !translations.is_empty() {
            crate::i18n::Catalog::with_overrides(&translations)
                .map_err(|e| ContentDirError::Translations(e.to_string()))?;
        }
        let _ = fs::remove_dir_all(&target);
        fs::rename(&building, &target).map_err(io("move", &building))?;
        let current = self.current_version();
        if current != 0 && current != manifest.version {
            self.set_pointer("previous", current)?;
        }
        // The switch: one rename of a small file.
        self.set_pointer("current", manifest.version)?;
        self.prune();
        Ok(())
    }

    /// [`ContentDir::install`], keeping the signed manifest beside the version so this kiosk
    /// can hand it on to kiosks that reach the server through it (without it the kiosk still
    /// runs the version, it only cannot pass it on).
    pub fn install_signed(
        &self,
        signed: &wire::SignedManifest,
        manifest: &ContentManifest,
    ) -> Result<(), ContentDirError> {
        self.install(manifest)?;
        if let Err(error) = self.save_signed_manifest(signed) {
            tracing::warn!(%error, "cannot keep the signed manifest");
        }
        Ok(())
    }

    /// Keeps the signed manifest of the version just installed, so this kiosk can hand the
    /// version on to a kiosk that reaches the server only through it.
    pub fn save_signed_manifest(
        &self,
        signed: &wire::SignedManifest,
    ) -> Result<(), ContentDirError> {
        let path = self.dir.join(SIGNED_MANIFEST);
        let temporary = self.dir.join(format!("{SIGNED_MANIFEST}.new"));
        let json = serde_json::to_vec(signed).map_err(|e| ContentDirError::Io {
            action: "encode",
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        write_synced(&temporary, &json)?;
        fs::rename(&temporary, &path).map_err(io("move", &temporary))
    }

    /// The signed manifest of the version in use, if it came with one (content installed
    /// before manifests were kept, or the built-in sample, has none).
    pub fn signed_manifest(&self) -> Option<(wire::SignedManifest, ContentManifest)> {
        let bytes = fs::read(self.dir.join(SIGNED_MANIFEST)).ok()?;
        let signed: wire::SignedManifest = serde_json::from_slice(&bytes).ok()?;
        let manifest = ContentManifest::parse_checked(&signed.manifest).ok()?;
        (manifest.version == self.current_version()).then_some((signed, manifest))
    }

    fn set_pointer(&self, name: &str, version: u64) -> Result<(), ContentDirError> {
        let path = self.dir.join(name);
        let temporary = self.dir.join(format!("{name}.new"));
        write_synced(&temporary, version.to_string().as_bytes())?;
        fs::rename(&temporary, &path).map_err(io("switch", &path))?;
        if let Ok(dir) = fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// Removes versions other than the current and previous ones, and unfinished builds.
    fn prune(&self) {
        let keep = [self.current_version(), self.previous_version()].map(|v| v.to_string());
        let Ok(entries) = fs::read_dir(self.dir.join("versions")) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if !keep.contains(&name) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Every `locales/<tag>/<name>.ftl` under a version's folder.
fn read_translations(version_dir: &Path) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let Ok(tags) = fs::read_dir(version_dir.join("locales")) else {
        return found;
    };
    for tag in tags.flatten() {
        let Ok(files) = fs::read_dir(tag.path()) else {
            continue;
        };
        let tag = tag.file_name().to_string_lossy().to_string();
        for file in files.flatten() {
            let name = file.file_name().to_string_lossy().to_string();
            if let (true, Ok(text)) = (name.ends_with(".ftl"), fs::read_to_string(file.path())) {
                found.push((tag.clone(), name, text));
            }
        }
    }
    found.sort();
    found
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), ContentDirError> {
    let mut file = fs::File::create(path).map_err(io("write", path))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(io("write", path))
}
