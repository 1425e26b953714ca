//! The kiosk's side of software updates, on disk in `<data-dir>/updates/` (the kiosk's own
//! folder, mode 0700): downloaded packages by hash, the signed release list they came with,
//! where the update stands (for the heartbeat and the staff screen), versions that failed
//! and were rolled back (never tried again), and the two files shared with the privileged
//! helper that installs: `install-request.json` (written here) and `result.json` (written
//! by the helper). The kiosk itself never runs as root and never installs anything.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use wire::{SignedManifest, UpdateStatus};

/// The folder inside the data directory.
pub const UPDATES_DIR: &str = "updates";
/// What the kiosk asks the helper to install.
pub const REQUEST_FILE: &str = "install-request.json";
/// What the helper did.
pub const RESULT_FILE: &str = "result.json";
/// Written by the kiosk once a version has run healthily; the helper waits for it.
pub const HEALTHY_FILE: &str = "healthy";
const STATE_FILE: &str = "state.json";
const RELEASE_FILE: &str = "release.json";

/// Why the updates folder could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{action} {path}: {source}")]
pub struct UpdateDirError {
    action: &'static str,
    path: PathBuf,
    source: std::io::Error,
}

fn io<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> UpdateDirError + 'a {
    move |source| UpdateDirError {
        action,
        path: path.to_owned(),
        source,
    }
}

/// What the kiosk keeps about updates between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateState {
    /// Where the current update stands, if any.
    pub status: Option<UpdateStatus>,
    /// Versions that were installed and rolled back: never tried again.
    #[serde(default)]
    pub failed_versions: Vec<String>,
}

pub use wire::{InstallRequest, InstallResult};

/// The updates folder of one kiosk.
#[derive(Debug, Clone)]
pub struct UpdateDir {
    dir: PathBuf,
}

impl UpdateDir {
    /// The folder in a kiosk's data directory (made, mode 0700, when first written).
    pub fn new(data_dir: &Path) -> UpdateDir {
        UpdateDir {
            dir: data_dir.join(UPDATES_DIR),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    fn ensure(&self) -> Result<(), UpdateDirError> {
        if !self.dir.is_dir() {
            fs::create_dir_all(&self.dir).map_err(io("cannot create", &self.dir))?;
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700))
                .map_err(io("cannot make private", &self.dir))?;
        }
        Ok(())
    }

    /// The kept state (empty if none yet, or unreadable).
    pub fn state(&self) -> UpdateState {
        fs::read(self.dir.join(STATE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Replaces the kept state.
    pub fn save_state(&self, state: &UpdateState) -> Result<(), UpdateDirError> {
        self.write_json(STATE_FILE, state)
    }

    /// Sets where the update stands.
    pub fn set_status(&self, status: Option<UpdateStatus>) -> Result<(), UpdateDirError> {
        let mut state = self.state();
        state.status = status;
        self.save_state(&state)
    }

    /// Notes a version as failed (it is never tried again).
    pub fn mark_failed(&self, version: &str) -> Result<(), UpdateDirError> {
        let mut state = self.state();
        if !state.failed_versions.iter().any(|v| v == version) {
            state.failed_versions.push(version.to_owned());
        }
        self.save_state(&state)
    }

    /// Where a package with this hash is kept once complete.
    pub fn package(&self, hash: &str) -> PathBuf {
        self.dir.join(format!("{hash}.deb"))
    }

    /// Where a package with this hash is kept while downloading.
    pub fn partial(&self, hash: &str) -> Result<PathBuf, UpdateDirError> {
        self.ensure()?;
        Ok(self.dir.join(format!("{hash}.part")))
    }

    /// Checks a finished download against its hash and size and keeps it under its name;
    /// a damaged one is deleted (and will be fetched again whole). Returns whether it was
    /// whole.
    pub fn accept_download(&self, hash: &str, size: u64) -> Result<bool, UpdateDirError> {
        let partial = self.partial(hash)?;
        let mut file = fs::File::open(&partial).map_err(io("cannot read", &partial))?;
        let mut hasher = blake3::Hasher::new();
        let length = std::io::copy(&mut file, &mut hasher).map_err(io("cannot read", &partial))?;
        if length != size || hasher.finalize().to_hex().as_str() != hash {
            fs::remove_file(&partial).map_err(io("cannot delete", &partial))?;
            return Ok(false);
        }
        let target = self.package(hash);
        fs::rename(&partial, &target).map_err(io("cannot keep", &target))?;
        Ok(true)
    }

    /// Keeps the signed release list the packages came from (the helper checks it again).
    pub fn save_release(&self, signed: &SignedManifest) -> Result<(), UpdateDirError> {
        self.write_json(RELEASE_FILE, signed)
    }

    /// The kept signed release list.
    pub fn release(&self) -> Option<SignedManifest> {
        fs::read(self.dir.join(RELEASE_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
    }

    /// Asks the helper to install (it watches for this file).
    pub fn request_install(&self, request: &InstallRequest) -> Result<(), UpdateDirError> {
        self.write_json(REQUEST_FILE, request)
    }

    /// Whether an install request is waiting for the helper.
    pub fn install_requested(&self) -> bool {
        self.dir.join(REQUEST_FILE).exists()
    }

    /// What the helper did last, taken (the file is removed once read).
    pub fn take_result(&self) -> Option<InstallResult> {
        let path = self.dir.join(RESULT_FILE);
        let result = serde_json::from_slice(&fs::read(&path).ok()?).ok();
        let _ = fs::remove_file(&path);
        result
    }

    /// Notes that `version` runs healthily (what the helper waits for after installing).
    pub fn mark_healthy(&self, version: &str) -> Result<(), UpdateDirError> {
        self.ensure()?;
        let path = self.dir.join(HEALTHY_FILE);
        fs::write(&path, version).map_err(io("cannot write", &path))
    }

    /// Deletes packages and partial downloads other than `keep` (hashes).
    pub fn prune(&self, keep: &[&str]) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let hash = name
                .strip_suffix(".deb")
                .or_else(|| name.strip_suffix(".part"));
            if let Some(hash) = hash
                && !keep.contains(&hash)
            {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    fn write_json(&self, name: &str, value: &impl Serialize) -> Result<(), UpdateDirError> {
        self.ensure()?;
        let path = self.dir.join(name);
        let temporary = self.dir.join(format!(".{name}.new"));
        let bytes = serde_json::to_vec_pretty(value).map_err(|e| UpdateDirError {
            action: "cannot encode",
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        fs::write(&temporary, bytes).map_err(io("cannot write", &temporary))?;
        fs::rename(&temporary, &path).map_err(io("cannot write", &path))
    }
}

/// The version this kiosk runs, as the release list names versions: the installed Debian
/// package's (`0.2.0-1`, from dpkg's status file), or the build's own when it was not
/// installed from a package (a developer's machine).
pub fn running_version() -> String {
    std::fs::read_to_string("/var/lib/dpkg/status")
        .ok()
        .and_then(|status| package_version(&status, wire::KIOSK_PACKAGE))
        .unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_owned())
}

/// The version of an installed package in a dpkg status file.
fn package_version(status: &str, package: &str) -> Option<String> {
    status.split("\n\n").find_map(|stanza| {
        let field = |name: &str| {
            stanza.lines().find_map(|line| {
                line.strip_prefix(name)
                    .and_then(|rest| rest.strip_prefix(':'))
                    .map(str::trim)
            })
        };
        (field("Package") == Some(package)
            && field("Status").is_some_and(|s| s.ends_with(" installed")))
        .then(|| field("Version").map(str::to_owned))
        .flatten()
    })
}

/// Whether a ready update may be installed now: within the quiet hours (local time, `from`
/// to `to`, wrapping past midnight when `from > to`) and with nobody at the kiosk for long
/// enough.
pub fn quiet_now(hour: u8, idle_for_seconds: i64, settings: &crate::sync::WorkerSettings) -> bool {
    let (from, to) = settings.quiet_hours;
    let in_window = if from <= to {
        (from..to).contains(&hour)
    } else {
        hour >= from || hour < to
    };
    in_window
        && idle_for_seconds >= i64::try_from(settings.quiet_after.as_secs()).unwrap_or(i64::MAX)
}

/// Takes the installer's last result into the kept state: a rolled-back version is never
/// tried again. Returns it, if there was one.
pub fn take_installer_result(updates: &UpdateDir) -> Result<Option<InstallResult>, UpdateDirError> {
    let Some(result) = updates.take_result() else {
        return Ok(None);
    };
    if result.state == "rolled_back" {
        updates.mark_failed(&result.version)?;
    }
    updates.set_status(Some(UpdateStatus {
        state: result.state.clone(),
        version: result.version.clone(),
        detail: result.detail.chars().take(200).collect(),
    }))?;
    Ok(Some(result))
}

/// Hands a ready update to the installer if now is a quiet moment: writes the install
/// request and notes the update as installing. Also takes the installer's last result.
/// Returns the version asked for.
pub fn request_if_due(
    updates: &UpdateDir,
    server_key: &str,
    running: &str,
    hour: u8,
    idle_for_seconds: i64,
    settings: &crate::sync::WorkerSettings,
) -> Result<Option<String>, UpdateDirError> {
    take_installer_result(updates)?;
    if !quiet_now(hour, idle_for_seconds, settings) {
        return Ok(None);
    }
    request_install_now(updates, server_key, running)
}

/// Hands a ready update to the installer now, whatever the hour (staff asking for it, or a
/// quiet moment). Returns the version asked for; None if no update is ready or one is
/// already asked for.
pub fn request_install_now(
    updates: &UpdateDir,
    server_key: &str,
    running: &str,
) -> Result<Option<String>, UpdateDirError> {
    let state = updates.state();
    let Some(status) = state.status.filter(|s| s.state == "ready") else {
        return Ok(None);
    };
    if updates.install_requested() {
        return Ok(None);
    }
    let Some(release) = updates.release() else {
        return Ok(None);
    };
    let Ok(manifest) = wire::ReleaseManifest::parse_checked(&release.manifest) else {
        return Ok(None);
    };
    let (Some(new), Some(old)) = (manifest.release(&status.version), manifest.release(running))
    else {
        return Ok(None);
    };
    if !updates.package(&new.blake3).is_file() || !updates.package(&old.blake3).is_file() {
        return Ok(None);
    }
    updates.request_install(&InstallRequest {
        server_key: server_key.to_owned(),
        version: new.version.clone(),
        package: format!("{}.deb", new.blake3),
        previous_version: old.version.clone(),
        previous_package: format!("{}.deb", old.blake3),
        release,
        requested_at: crate::clock::now(),
    })?;
    updates.set_status(Some(UpdateStatus {
        state: "installing".into(),
        version: new.version.clone(),
        detail: String::new(),
    }))?;
    Ok(Some(new.version.clone()))
}

/// Where an update stands, in a few words: `downloading 0.2.0-1 (40 % of 12 MB)`.
pub fn describe(status: &wire::UpdateStatus) -> String {
    let detail = if status.detail.is_empty() {
        String::new()
    } else {
        format!(" ({})", status.detail)
    };
    format!(
        "{} {}{detail}",
        status.state.replace('_', " "),
        status.version
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_version_is_the_installed_packages() {
        let status = "Package: cage\nStatus: install ok installed\nVersion: 0.1.4-4\n\n\
                      Package: inclusion-kiosk\nStatus: install ok installed\nVersion: 0.2.0-1\n\n\
                      Package: gone\nStatus: deinstall ok config-files\nVersion: 9\n";
        assert_eq!(
            package_version(status, "inclusion-kiosk"),
            Some("0.2.0-1".into())
        );
        assert_eq!(package_version(status, "gone"), None, "removed");
        assert_eq!(package_version(status, "other"), None);
        assert!(wire::is_version(&running_version()));
    }

    #[test]
    fn updates_go_in_only_in_the_quiet_hours_with_nobody_about() {
        let settings = crate::sync::WorkerSettings::default();
        let quarter = 15 * 60;
        for (hour, idle, expected) in [
            (3, quarter, true),
            (2, quarter, true),
            (5, quarter, false),
            (14, quarter * 8, false),
            (3, 60, false),
        ] {
            assert_eq!(
                quiet_now(hour, idle, &settings),
                expected,
                "{hour} h, idle {idle} s"
            );
        }
        let overnight = crate::sync::WorkerSettings {
            quiet_hours: (22, 6),
            ..settings
        };
        assert!(quiet_now(23, quarter, &overnight) && quiet_now(1, quarter, &overnight));
        assert!(!quiet_now(12, quarter, &overnight));
    }

    #[test]
    fn downloads_are_kept_only_whole_and_state_survives() -> Result<(), UpdateDirError> {
        let dir = tempfile::tempdir().map_err(io("tempdir", Path::new("/tmp")))?;
        let updates = UpdateDir::new(dir.path());
        let bytes = b"a package";
        let hash = blake3::hash(bytes).to_hex().to_string();
        fs::write(updates.partial(&hash)?, &bytes[..5]).map_err(io("write", dir.path()))?;
        assert!(
            !updates.accept_download(&hash, bytes.len() as u64)?,
            "cut short"
        );
        fs::write(updates.partial(&hash)?, bytes).map_err(io("write", dir.path()))?;
        assert!(updates.accept_download(&hash, bytes.len() as u64)?);
        assert!(updates.package(&hash).is_file());
        updates.mark_failed("0.3.0")?;
        updates.set_status(Some(UpdateStatus {
            state: "ready".into(),
            version: "0.2.0".into(),
            detail: String::new(),
        }))?;
        let state = UpdateDir::new(dir.path()).state();
        assert_eq!(state.failed_versions, ["0.3.0"]);
        assert_eq!(state.status.map(|s| s.state), Some("ready".into()));
        updates.prune(&[]);
        assert!(!updates.package(&hash).exists());
        Ok(())
    }
}
