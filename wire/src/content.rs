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
/// a content file (lower-case names, `.toml`) or a UI translation (`locales/<tag>/<name>.ftl`).
pub fn is_content_path(path: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
