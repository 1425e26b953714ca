//! Kiosk software releases as the server publishes them: each version of the
//! `inclusion-kiosk` Debian package by BLAKE3 hash, listed in a manifest signed with the
//! server's long-lived key (the key kiosks pin at enrolment), and how a kiosk reports where
//! its update stands. Versions compare as Debian's do.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The only package a kiosk installs.
pub const KIOSK_PACKAGE: &str = "inclusion-kiosk";

/// The largest kiosk package the server takes and a kiosk downloads.
pub const MAX_RELEASE_BYTES: u64 = 512 * 1024 * 1024;

/// One published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReleaseInfo {
    /// The package's version, e.g. `0.2.0` or `0.2.0-1`.
    pub version: String,
    /// The Debian architecture (`amd64`, or `all`).
    pub architecture: String,
    /// BLAKE3 of the `.deb`, 64 hex digits: also how it is fetched.
    pub blake3: String,
    /// Its length in bytes.
    pub size: u64,
    /// Unix seconds of publication.
    pub published_at: i64,
}

/// Every published version, and the one kiosks should run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReleaseManifest {
    /// The version kiosks should run (the latest published).
    pub latest: String,
    /// Every version the server keeps (a kiosk fetches the one it runs too, to roll back to).
    pub releases: Vec<ReleaseInfo>,
}

impl ReleaseManifest {
    /// The release of a version, if published.
    pub fn release(&self, version: &str) -> Option<&ReleaseInfo> {
        self.releases.iter().find(|r| r.version == version)
    }

    /// Reads a manifest's signed text and checks it: versions well formed and each once,
    /// hashes real, sizes within [`MAX_RELEASE_BYTES`], the latest among them.
    pub fn parse_checked(text: &str) -> Result<ReleaseManifest, String> {
        let manifest: ReleaseManifest =
            serde_json::from_str(text).map_err(|e| format!("malformed: {e}"))?;
        if manifest.releases.len() > 1000 {
            return Err("more than 1,000 releases".into());
        }
        let mut seen = std::collections::HashSet::new();
        for release in &manifest.releases {
            if !is_version(&release.version) || !seen.insert(release.version.as_str()) {
                return Err(format!("bad or repeated version {:?}", release.version));
            }
            if !crate::is_content_hash(&release.blake3) || release.size > MAX_RELEASE_BYTES {
                return Err(format!(
                    "release {} has a bad hash or size",
                    release.version
                ));
            }
            if !matches!(release.architecture.as_str(), "amd64" | "all" | "arm64") {
                return Err(format!(
                    "release {} is for {}",
                    release.version, release.architecture
                ));
            }
        }
        if manifest.release(&manifest.latest).is_none() {
            return Err("the latest version is not among the releases".into());
        }
        Ok(manifest)
    }
}

/// What the server signs for a release manifest: a prefix of its own (so no other signed
/// text of the server's can pass for one), then the manifest's JSON text.
pub fn release_signing_message(manifest: &str) -> String {
    format!("inclusion-kiosk-release/1\n{manifest}")
}

/// Where a kiosk's software update stands, in its heartbeat (the fleet page shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UpdateStatus {
    /// `downloading`, `ready` (waiting for a quiet hour), `installing`, `installed`,
    /// `rolled_back` or `blocked` (cannot go ahead; `detail` says why).
    pub state: String,
    /// The version concerned.
    pub version: String,
    /// A few words or a number (percent downloaded, why it rolled back).
    #[serde(default)]
    pub detail: String,
}

impl UpdateStatus {
    /// The states a kiosk reports.
    pub const STATES: [&'static str; 6] = [
        "downloading",
        "ready",
        "installing",
        "installed",
        "rolled_back",
        "blocked",
    ];

    /// Whether it is one a server accepts (known state, short fields).
    pub fn is_valid(&self) -> bool {
        Self::STATES.contains(&self.state.as_str())
            && is_version(&self.version)
            && self.detail.len() <= 200
    }
}

/// A kiosk's request to its privileged installer: install `package` (version `version`), and
/// go back to `previous_package` if it does not come up healthy. Package names are files in
/// the kiosk's updates folder (`<blake3>.deb`); the installer checks both against `release`
/// with the server key it trusts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallRequest {
    /// The server's long-lived key the kiosk pinned at enrolment (standard base64); the
    /// installer pins it the first time and refuses any other afterwards.
    pub server_key: String,
    /// The version to install.
    pub version: String,
    /// Its package file in the updates folder.
    pub package: String,
    /// The version running now, to roll back to.
    pub previous_version: String,
    /// Its package file in the updates folder.
    pub previous_package: String,
    /// The signed release list both come from.
    pub release: crate::SignedManifest,
    /// Unix seconds of the request.
    pub requested_at: i64,
}

/// What the installer did with a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallResult {
    /// `installed`, `rolled_back`, or `blocked` (the request did not pass its checks).
    pub state: String,
    /// The version it was about.
    pub version: String,
    /// Why, in a few words.
    #[serde(default)]
    pub detail: String,
    /// Unix seconds.
    pub at: i64,
}

/// True for a Debian version as packages here carry: 1 to 64 characters, starting with a
/// digit, of letters, digits and `.+~-:`.
pub fn is_version(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '~' | '-' | ':'))
}

/// Compares two Debian versions as dpkg does (epoch, upstream version, revision; `~` sorts
/// before anything, even the end).
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let (epoch_a, rest_a) = split_epoch(a);
    let (epoch_b, rest_b) = split_epoch(b);
    epoch_a.cmp(&epoch_b).then_with(|| {
        let (upstream_a, revision_a) = split_revision(rest_a);
        let (upstream_b, revision_b) = split_revision(rest_b);
        compare_part(upstream_a, upstream_b).then_with(|| compare_part(revision_a, revision_b))
    })
}

fn split_epoch(version: &str) -> (u64, &str) {
    match version.split_once(':') {
        Some((epoch, rest)) => (epoch.parse().unwrap_or(0), rest),
        None => (0, version),
    }
}

fn split_revision(version: &str) -> (&str, &str) {
    match version.rsplit_once('-') {
        Some((upstream, revision)) => (upstream, revision),
        None => (version, ""),
    }
}

fn order(c: Option<char>) -> i32 {
    match c {
        Some('~') => -1,
        None => 0,
        Some(c) if c.is_ascii_alphabetic() => c as i32,
        Some(c) => c as i32 + 256,
    }
}

fn compare_part(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        // Non-digit prefixes, character by character in dpkg's order.
        loop {
            let (x, y) = (a.peek().copied(), b.peek().copied());
            let x_digit = x.is_none_or(|c| c.is_ascii_digit());
            let y_digit = y.is_none_or(|c| c.is_ascii_digit());
            if x_digit && y_digit {
                break;
            }
            let (ox, oy) = (
                if x_digit { order(None) } else { order(x) },
                if y_digit { order(None) } else { order(y) },
            );
            if ox != oy {
                return ox.cmp(&oy);
            }
            if !x_digit {
                a.next();
            }
            if !y_digit {
                b.next();
            }
        }
        // Then numbers, by value.
        let number = |it: &mut std::iter::Peekable<std::str::Chars<'_>>| {
            let mut digits = String::new();
            while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                digits.push(c);
                it.next();
            }
            digits.trim_start_matches('0').to_owned()
        };
        let (x, y) = (number(&mut a), number(&mut b));
        let by_value = x.len().cmp(&y.len()).then_with(|| x.cmp(&y));
        if by_value != Ordering::Equal {
            return by_value;
        }
        if a.peek().is_none() && b.peek().is_none() {
            return Ordering::Equal;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_dpkg_does() {
        use Ordering::*;
        for (a, b, expected) in [
            ("0.1.0", "0.2.0", Less),
            ("0.10.0", "0.9.9", Greater),
            ("1.0", "1.0", Equal),
            ("1.0~rc1", "1.0", Less),
            ("1.0", "1.0+deb1", Less),
            ("1.0-1", "1.0-2", Less),
            ("1.0-10", "1.0-9", Greater),
            ("1:0.1", "2.0", Greater),
            ("1.0a", "1.0", Greater),
            ("1.0", "1.0.1", Less),
            ("007", "7", Equal),
        ] {
            assert_eq!(compare_versions(a, b), expected, "{a} vs {b}");
            assert_eq!(compare_versions(b, a), expected.reverse(), "{b} vs {a}");
        }
        assert!(is_version("0.2.0-1") && !is_version("v0.2") && !is_version("0.2 0"));
    }

    #[test]
    fn manifests_are_checked() {
        let hash = "ab".repeat(32);
        let good = format!(
            r#"{{"latest":"0.2.0","releases":[{{"version":"0.2.0","architecture":"amd64","blake3":"{hash}","size":10,"published_at":0}}]}}"#
        );
        assert_eq!(
            ReleaseManifest::parse_checked(&good).map(|m| m.latest),
            Ok("0.2.0".to_owned())
        );
        assert!(
            ReleaseManifest::parse_checked(
                &good.replace("\"latest\":\"0.2.0\"", "\"latest\":\"0.3.0\"")
            )
            .is_err()
        );
        assert!(ReleaseManifest::parse_checked(&good.replace("amd64", "sparc")).is_err());
        assert!(ReleaseManifest::parse_checked(&good.replace(&hash, "nothex")).is_err());
    }
}
