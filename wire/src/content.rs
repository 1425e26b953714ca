//! Signed content distribution: the manifest a server publishes (every file of a content
//! bundle by BLAKE3 hash), signed with the server's Ed25519 content key.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One published version of the content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ContentManifest {
    /// Grows by one with each publication; kiosks refuse anything older than what they run.
    pub version: u64,
    /// Unix seconds of publication.
    pub published_at: i64,
    /// Every file of the bundle.
    pub files: Vec<ContentFile>,
}

/// A file of a content bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ContentFile {
    /// Where it goes in the bundle, e.g. `services/library-card.toml`.
    pub path: String,
    /// BLAKE3 of its bytes, 64 hex digits: also how it is fetched.
    pub hash: String,
    /// Its length in bytes.
    pub size: u64,
}

/// `GET /api/v2/content/manifest`: the manifest exactly as signed, and its signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignedManifest {
    /// The manifest's JSON text (the signed bytes).
    pub manifest: String,
    /// Ed25519 signature of `manifest`, standard base64.
    pub signature: String,
}

/// True for a path a bundle may hold: relative, never leaving the bundle's folder, and either
/// a content file (lower-case names, `.toml`), a UI translation (`locales/<tag>/<name>.ftl`)
/// or the batch dictionary ([`crate::BATCH_DICTIONARY_PATH`]).
pub fn is_content_path(path: &str) -> bool {
    if path == crate::BATCH_DICTIONARY_PATH {
        return true;
    }
    let plain = |part: &str| {
        !part.is_empty()
            && part != "."
            && part != ".."
            && part.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
            })
    };
    if path.len() > 200 {
        return false;
    }
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["locales", tag, file] => {
            crate::is_locale_tag(tag) && file.ends_with(".ftl") && plain(file)
        }
        _ => path.ends_with(".toml") && parts.iter().all(|part| plain(part)),
    }
}

/// True for a content hash (64 lowercase hex digits).
pub fn is_content_hash(text: &str) -> bool {
    crate::is_upload_id(text)
}

/// The most files one content version may have.
pub const MAX_CONTENT_FILES: usize = 10_000;

/// The largest content file (the kiosk stores and checks each whole).
pub const MAX_CONTENT_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a manifest's text is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestError {
    /// Not the JSON a server writes.
    #[error("the signed manifest is malformed: {0}")]
    Malformed(String),
    /// A path that leaves the bundle or is not content, or a hash that is not one.
    #[error("the manifest names an unsafe file: {0}")]
    UnsafeFile(String),
    /// More files, or larger ones, than a kiosk takes.
    #[error("the manifest is too large: {0}")]
    TooLarge(String),
}

impl ContentManifest {
    /// Reads a manifest's signed text and checks every file it names: a safe path, a real
    /// hash, each path once, within [`MAX_CONTENT_FILES`] and [`MAX_CONTENT_FILE_BYTES`].
    /// (The signature is checked before this, by whoever holds the key.)
    pub fn parse_checked(text: &str) -> Result<ContentManifest, ManifestError> {
        let manifest: ContentManifest =
            serde_json::from_str(text).map_err(|e| ManifestError::Malformed(e.to_string()))?;
        if manifest.files.len() > MAX_CONTENT_FILES {
            return Err(ManifestError::TooLarge(format!(
                "{} files; at most {MAX_CONTENT_FILES}",
                manifest.files.len()
            )));
        }
        let mut paths = std::collections::HashSet::new();
        for file in &manifest.files {
            if !is_content_path(&file.path) || !is_content_hash(&file.hash) {
                return Err(ManifestError::UnsafeFile(
                    file.path.chars().take(200).collect(),
                ));
            }
            if !paths.insert(file.path.as_str()) {
                return Err(ManifestError::UnsafeFile(format!("{} (twice)", file.path)));
            }
            if file.size > MAX_CONTENT_FILE_BYTES {
                return Err(ManifestError::TooLarge(format!(
                    "{} is {} bytes; at most {MAX_CONTENT_FILE_BYTES}",
                    file.path, file.size
                )));
            }
        }
        Ok(manifest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_are_checked_file_by_file() {
        let hash = "ab".repeat(32);
        let good = format!(
            r#"{{"version":3,"published_at":0,"files":[{{"path":"bundle.toml","hash":"{hash}","size":10}}]}}"#
        );
        assert_eq!(
            ContentManifest::parse_checked(&good).map(|m| m.version),
            Ok(3)
        );
        let escape = good.replace("bundle.toml", "../../etc/cron.d/x.toml");
        assert!(matches!(
            ContentManifest::parse_checked(&escape),
            Err(ManifestError::UnsafeFile(_))
        ));
        let twice = good.replace(
            "]}",
            &format!(r#",{{"path":"bundle.toml","hash":"{hash}","size":1}}]}}"#),
        );
        assert!(matches!(
            ContentManifest::parse_checked(&twice),
            Err(ManifestError::UnsafeFile(_))
        ));
        let huge = good.replace("\"size\":10", "\"size\":99999999999");
        assert!(matches!(
            ContentManifest::parse_checked(&huge),
            Err(ManifestError::TooLarge(_))
        ));
        assert!(matches!(
            ContentManifest::parse_checked("{\"version\":"),
            Err(ManifestError::Malformed(_))
        ));
    }

    #[test]
    fn only_plain_paths_inside_the_bundle_are_allowed() {
        assert!(is_content_path("services/library-card.toml"));
        assert!(is_content_path("bundle.toml"));
        assert!(!is_content_path("../etc/passwd.toml"));
        assert!(!is_content_path("/etc/x.toml"));
        assert!(!is_content_path("services//x.toml"));
        assert!(!is_content_path("services/x.sh"));
        assert!(!is_content_path("Services/X.toml"));
        assert!(is_content_path("locales/zh-Hans/kiosk.ftl"));
        assert!(!is_content_path("locales/../kiosk.ftl"));
        assert!(!is_content_path("locales/zh-Hans/kiosk.sh"));
    }
}
