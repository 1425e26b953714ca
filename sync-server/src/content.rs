//! Signed content distribution, the server's side: `sync-server content publish DIR` checks a
//! bundle, stores its files by BLAKE3 hash under `<data-dir>/content/files/`, and writes a
//! manifest with the next version number, signed with the server's Ed25519 content key
//! (`<data-dir>/content.key`, mode 0600). Kiosks fetch the manifest and the files they lack.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey};
use wire::{ContentFile, ContentManifest, SignedManifest};

use crate::sealing::{SealingError, secret_file};

const KEY_FILE: &str = "content.key";
const CONTENT_DIR: &str = "content";
const MANIFEST_FILE: &str = "manifest.json";

/// Deltas kept at once (each a pair of files kiosks asked for); past it, whole files go.
pub const MAX_KEPT_DELTAS: usize = 2_000;

/// Why content could not be published or served.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    /// The bundle does not load or does not pass its checks.
    #[error(transparent)]
    Bundle(#[from] content::ContentError),
    /// The key could not be read or made.
    #[error(transparent)]
    Key(#[from] SealingError),
    /// A file could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        /// What we were doing.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A file in the bundle has a name kiosks would refuse.
    #[error(
        "{0}: content files are lower-case .toml names inside the bundle's folder, translations locales/<tag>/<name>.ftl"
    )]
    BadPath(String),
    /// The batch dictionary could not be read.
    #[error(transparent)]
    Dictionary(#[from] crate::dictionaries::DictionaryShelfError),
    /// A UI translation does not parse.
    #[error("a translation does not parse: {0}")]
    Translation(String),
}

fn io<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> ContentError + 'a {
    move |source| ContentError::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// The published content of one server.
#[derive(Debug, Clone)]
pub struct ContentShelf {
    dir: PathBuf,
    key_path: PathBuf,
    /// The batch dictionaries; the newest goes out with each version.
    pub dictionaries: std::sync::Arc<crate::dictionaries::DictionaryShelf>,
    /// Held while a delta is made: one at a time, whatever kiosks ask.
    making_delta: std::sync::Arc<std::sync::Mutex<()>>,
}

impl ContentShelf {
    /// The shelf in a server's data directory.
    pub fn new(data_dir: &Path) -> ContentShelf {
        ContentShelf {
            dir: data_dir.join(CONTENT_DIR),
            key_path: data_dir.join(KEY_FILE),
            dictionaries: std::sync::Arc::new(crate::dictionaries::DictionaryShelf::new(data_dir)),
            making_delta: Default::default(),
        }
    }

    fn key(&self) -> Result<SigningKey, ContentError> {
        Ok(SigningKey::from_bytes(&secret_file(&self.key_path)?))
    }

    /// Signs `message` with the server's long-lived key (the one kiosks pin at enrolment as
    /// the content key); standard base64.
    pub fn sign(&self, message: &[u8]) -> Result<String, ContentError> {
        use ed25519_dalek::Signer as _;
        Ok(base64::engine::general_purpose::STANDARD.encode(self.key()?.sign(message).to_bytes()))
    }

    /// The public half of the content key, as kiosks pin it (standard base64).
    pub fn public_key(&self) -> Result<String, ContentError> {
        Ok(
            base64::engine::general_purpose::STANDARD
                .encode(self.key()?.verifying_key().as_bytes()),
        )
    }

    /// The file holding the content with this hash, if published.
    pub fn file(&self, hash: &str) -> Option<PathBuf> {
        let path = self.dir.join("files").join(hash);
        (wire::is_content_hash(hash) && path.is_file()).then_some(path)
    }

    /// The file `to` of the published version as a delta against the stored file `from`
    /// (made once, then kept until the next version is published); `None` when there is no
    /// delta to send: either file unknown, `to` not in the published version, a file over
    /// `wire::MAX_DELTA_FILE_BYTES`, [`MAX_KEPT_DELTAS`] already kept, or a delta not much
    /// smaller than the file. The kiosk then fetches the whole file.
    pub fn delta(&self, from: &str, to: &str) -> Result<Option<PathBuf>, ContentError> {
        let (Some(old_path), Some(new_path)) = (self.file(from), self.file(to)) else {
            return Ok(None);
        };
        let deltas = self.dir.join("deltas");
        let kept = deltas.join(format!("{from}-{to}"));
        let not_worth_it = deltas.join(format!("{from}-{to}.none"));
        let _one_at_a_time = self
            .making_delta
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if kept.is_file() {
            return Ok(Some(kept));
        }
        if not_worth_it.exists() {
            return Ok(None);
        }
        let published = self.published_manifest()?;
        if !published.is_some_and(|manifest| manifest.files.iter().any(|f| f.hash == to)) {
            return Ok(None);
        }
        let small =
            |path: &Path| fs::metadata(path).is_ok_and(|m| m.len() <= wire::MAX_DELTA_FILE_BYTES);
        if !small(&old_path) || !small(&new_path) {
            return Ok(None);
        }
        fs::create_dir_all(&deltas).map_err(io("cannot create", &deltas))?;
        let count = fs::read_dir(&deltas)
            .map_err(io("cannot read", &deltas))?
            .count();
        if count >= MAX_KEPT_DELTAS {
            return Ok(None);
        }
        let old = fs::read(&old_path).map_err(io("cannot read", &old_path))?;
        let new = fs::read(&new_path).map_err(io("cannot read", &new_path))?;
        match wire::make_delta(&old, &new) {
            Ok(delta) if delta.len() < new.len() / 2 => {
                write_atomically(&kept, &delta)?;
                Ok(Some(kept))
            }
            outcome => {
                if let Err(error) = outcome {
                    tracing::warn!(%error, "cannot make a content delta");
                }
                write_atomically(&not_worth_it, b"")?;
                Ok(None)
            }
        }
    }

    /// The current signed manifest, if anything was published.
    pub fn signed_manifest(&self) -> Result<Option<SignedManifest>, ContentError> {
        let path = self.dir.join(MANIFEST_FILE);
        match fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| ContentError::Io {
                    action: "cannot read",
                    path,
                    source: std::io::Error::other(e),
                }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(ContentError::Io {
                action: "cannot read",
                path,
                source,
            }),
        }
    }

    /// The manifest published now, if any (and if it reads).
    fn published_manifest(&self) -> Result<Option<ContentManifest>, ContentError> {
        Ok(self
            .signed_manifest()?
            .and_then(|signed| serde_json::from_str(&signed.manifest).ok()))
    }

    /// The version currently published (0 if none).
    pub fn current_version(&self) -> Result<u64, ContentError> {
        Ok(self
            .published_manifest()?
            .map_or(0, |manifest| manifest.version))
    }

    /// The id of the batch dictionary the published content carries, if any.
    pub fn published_dictionary(&self) -> Result<Option<u32>, ContentError> {
        let manifest = self.published_manifest()?;
        let file = manifest.as_ref().and_then(|manifest| {
            manifest
                .files
                .iter()
                .find(|f| f.path == wire::BATCH_DICTIONARY_PATH)
        });
        Ok(file
            .and_then(|file| self.file(&file.hash))
            .and_then(|path| fs::read(path).ok())
            .and_then(|bytes| wire::BatchDictionary::parse(bytes).ok())
            .map(|dictionary| dictionary.id()))
    }

    /// The bundle published now (its content files, not its translations) and the locales
    /// its translations cover; `None` if nothing is published.
    pub fn published_bundle(&self) -> Result<Option<(content::Bundle, Vec<String>)>, ContentError> {
        let Some(signed) = self.signed_manifest()? else {
            return Ok(None);
        };
        let path = self.dir.join(MANIFEST_FILE);
        let manifest: ContentManifest =
            serde_json::from_str(&signed.manifest).map_err(|e| ContentError::Io {
                action: "cannot read",
                path: path.clone(),
                source: std::io::Error::other(e),
            })?;
        let mut texts = Vec::new();
        let mut locales = Vec::new();
        for file in &manifest.files {
            if file.path == wire::BATCH_DICTIONARY_PATH {
                continue;
            }
            if let Some(tag) = file
                .path
                .strip_prefix("locales/")
                .and_then(|rest| rest.split('/').next())
            {
                if !locales.iter().any(|known| known == tag) {
                    locales.push(tag.to_owned());
                }
                continue;
            }
            let stored = self.file(&file.hash).ok_or_else(|| ContentError::Io {
                action: "cannot find",
                path: self.dir.join("files").join(&file.hash),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            })?;
            let text = fs::read_to_string(&stored).map_err(io("cannot read", &stored))?;
            texts.push((file.path.clone(), text));
        }
        let bundle =
            content::Bundle::from_files(texts.iter().map(|(p, t)| (p.as_str(), t.as_str())))?;
        Ok(Some((bundle, locales)))
    }

    /// Checks the bundle in `source` (and the UI translations in `locales`, one folder per
    /// locale of `.ftl` files, if given), stores its files and publishes it as the next version.
    pub fn publish(
        &self,
        source: &Path,
        locales: Option<&Path>,
        now: i64,
    ) -> Result<ContentManifest, ContentError> {
        content::Bundle::load_dir(source)?;
        let mut paths = Vec::new();
        collect(source, source, &mut paths)?;
        let mut sources: Vec<(String, PathBuf)> = paths
            .into_iter()
            .map(|relative| (relative.clone(), source.join(relative)))
            .collect();
        if let Some(locales) = locales {
            sources.extend(translations(locales)?);
        }
        sources.sort();
        let files_dir = self.dir.join("files");
        fs::create_dir_all(&files_dir).map_err(io("cannot create", &files_dir))?;
        let mut contents: Vec<(String, Vec<u8>)> = Vec::new();
        for (relative, full) in sources {
            contents.push((relative, fs::read(&full).map_err(io("cannot read", &full))?));
        }
        if let Some(dictionary) = self.dictionaries.newest()? {
            contents.push((
                wire::BATCH_DICTIONARY_PATH.to_owned(),
                dictionary.bytes().to_vec(),
            ));
        }
        let mut files = Vec::new();
        for (relative, bytes) in contents {
            let hash = blake3::hash(&bytes).to_hex().to_string();
            let stored = files_dir.join(&hash);
            if !stored.is_file() {
                write_atomically(&stored, &bytes)?;
            }
            files.push(ContentFile {
                path: relative,
                hash,
                size: bytes.len() as u64,
            });
        }
        let manifest = ContentManifest {
            version: self.current_version()? + 1,
            published_at: now,
            files,
        };
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| ContentError::Io {
            action: "cannot encode",
            path: self.dir.join(MANIFEST_FILE),
            source: std::io::Error::other(e),
        })?;
        let signature = self.key()?.sign(text.as_bytes());
        let signed = SignedManifest {
            manifest: text,
            signature: base64::engine::general_purpose::STANDARD.encode(signature.to_bytes()),
        };
        let path = self.dir.join(MANIFEST_FILE);
        let json = serde_json::to_vec_pretty(&signed).map_err(|e| ContentError::Io {
            action: "cannot encode",
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        write_atomically(&path, &json)?;
        // Deltas lead to the files of older versions: made again as kiosks ask.
        let _ = fs::remove_dir_all(self.dir.join("deltas"));
        Ok(manifest)
    }
}

/// The UI translations under `locales` (`<tag>/<name>.ftl`), each checked to parse, as
/// (bundle path, file) pairs.
fn translations(locales: &Path) -> Result<Vec<(String, PathBuf)>, ContentError> {
    let mut found = Vec::new();
    for entry in fs::read_dir(locales).map_err(io("cannot read", locales))? {
        let folder = entry.map_err(io("cannot read", locales))?.path();
        if !folder.is_dir() {
            continue;
        }
        let tag = folder
            .file_name()
            .map(|name| name.to_string_lossy().to_string())
            .unwrap_or_default();
        for file in fs::read_dir(&folder).map_err(io("cannot read", &folder))? {
            let path = file.map_err(io("cannot read", &folder))?.path();
            if path.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().to_string())
                .unwrap_or_default();
            let relative = format!("locales/{tag}/{name}");
            if !wire::is_content_path(&relative) {
                return Err(ContentError::BadPath(relative));
            }
            let text = fs::read_to_string(&path).map_err(io("cannot read", &path))?;
            if let Err((_, errors)) = fluent_syntax::parser::parse(text.as_str()) {
                return Err(ContentError::Translation(format!(
                    "{}: {} syntax error(s), the first at byte {}",
                    path.display(),
                    errors.len(),
                    errors.first().map_or(0, |e| e.pos.start)
                )));
            }
            found.push((relative, path));
        }
    }
    Ok(found)
}

/// Every `.toml` file under `dir`, as paths relative to `root` with `/` separators.
fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), ContentError> {
    for entry in fs::read_dir(dir).map_err(io("cannot read", dir))? {
        let entry = entry.map_err(io("cannot read", dir))?;
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let relative = path
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if !wire::is_content_path(&relative) {
                return Err(ContentError::BadPath(relative));
            }
            out.push(relative);
        }
    }
    Ok(())
}

/// Writes a file so that readers see the old one or the whole new one, never half.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ContentError> {
    crate::files::write_whole(path, bytes, 0o666).map_err(io("cannot write", path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/sample")
    }

    #[test]
    fn publishing_signs_a_growing_version_of_every_file() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let shelf = ContentShelf::new(dir.path());
        assert!(shelf.signed_manifest()?.is_none());
        let first = shelf.publish(&sample_dir(), None, 100)?;
        assert_eq!(first.version, 1);
        assert!(first.files.iter().any(|f| f.path == "bundle.toml"));
        assert!(first.files.len() > 40);
        for file in &first.files {
            let stored = shelf.file(&file.hash).ok_or("not stored")?;
            assert_eq!(
                blake3::hash(&fs::read(stored)?).to_hex().as_str(),
                file.hash
            );
        }
        let signed = shelf.signed_manifest()?.ok_or("no manifest")?;
        let key: [u8; 32] = base64::engine::general_purpose::STANDARD
            .decode(shelf.public_key()?)?
            .try_into()
            .map_err(|_| "key length")?;
        let signature: [u8; 64] = base64::engine::general_purpose::STANDARD
            .decode(&signed.signature)?
            .try_into()
            .map_err(|_| "signature length")?;
        ed25519_dalek::VerifyingKey::from_bytes(&key)?.verify_strict(
            signed.manifest.as_bytes(),
            &ed25519_dalek::Signature::from_bytes(&signature),
        )?;
        assert_eq!(shelf.publish(&sample_dir(), None, 200)?.version, 2);
        // With the UI translations: every locale's file, under locales/.
        let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
        let third = shelf.publish(&sample_dir(), Some(&locales), 300)?;
        assert!(
            third
                .files
                .iter()
                .any(|f| f.path == "locales/zh-Hans/kiosk.ftl")
        );
        assert!(third.files.iter().any(|f| f.path == "locales/ar/kiosk.ftl"));
        // A translation that does not parse is refused, and nothing is published.
        let broken = tempfile::tempdir()?;
        fs::create_dir_all(broken.path().join("es"))?;
        fs::write(
            broken.path().join("es/kiosk.ftl"),
            "attract-welcome = { $\n",
        )?;
        let error = shelf
            .publish(&sample_dir(), Some(broken.path()), 400)
            .err()
            .ok_or("published")?;
        assert!(error.to_string().contains("es/kiosk.ftl"), "{error}");
        assert_eq!(shelf.current_version()?, 3);
        Ok(())
    }

    #[test]
    fn a_broken_bundle_is_refused_and_nothing_is_published()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let broken = tempfile::tempdir()?;
        fs::write(broken.path().join("bundle.toml"), "this is = not [valid")?;
        let shelf = ContentShelf::new(dir.path());
        let error = shelf
            .publish(broken.path(), None, 100)
            .err()
            .ok_or("published")?;
        assert!(error.to_string().contains("bundle.toml"), "{error}");
        assert!(shelf.signed_manifest()?.is_none());
        Ok(())
    }
}
