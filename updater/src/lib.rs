//! The kiosk's privileged installer. The kiosk runs as its own unprivileged user and never
//! installs anything: when a downloaded update may go in (a quiet hour, nobody about) it
//! writes `install-request.json` into its updates folder, and systemd starts this program as
//! root (a path unit watches the file). It then:
//!
//! 1. reads the request and checks it: plain file names, the release list signed with the
//!    server key it trusts (pinned the first time, in a folder only root can write), both
//!    packages' hashes and control fields, the new version above the installed one and the
//!    previous one equal to it;
//! 2. copies both packages into its own folder, so the kiosk's user cannot swap them later;
//! 3. stops the kiosk, keeps a copy of its database (a new version may change its schema,
//!    which the old one could not read), installs the new package, runs the new binary's
//!    self-check, restarts the kiosk and waits for the new version to say it is healthy;
//! 4. on any failure, puts the database copy back (records the new version wrote in those
//!    few minutes at a quiet hour are availability and heartbeat notes; any it had already
//!    sent are on the server), installs the previous package again and restarts the kiosk;
//! 5. writes `result.json` for the kiosk (which never tries a rolled-back version again) and
//!    removes the request.
//!
//! What it does to the system goes through [`System`]: [`Debian`] (dpkg, systemctl) in
//! service, tested for real by `scripts/package-test`; a recording stand-in in unit tests.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use wire::{InstallRequest, InstallResult, ReleaseManifest};

/// The request file the kiosk writes.
pub const REQUEST_FILE: &str = "install-request.json";
/// The result file this writes.
pub const RESULT_FILE: &str = "result.json";
/// The marker the kiosk writes (its version) once it has run healthily.
pub const HEALTHY_FILE: &str = "healthy";
/// The server key, pinned on first use.
const KEY_FILE: &str = "server-key";

/// Why an update did not go ahead (before anything was installed).
#[derive(Debug, thiserror::Error)]
pub enum UpdaterError {
    /// A file could not be read or written.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// There is nothing to do.
    #[error("no install request in {0}")]
    NoRequest(PathBuf),
}

fn io<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(std::io::Error) -> UpdaterError + 'a {
    move |source| UpdaterError::Io {
        action,
        path: path.to_owned(),
        source,
    }
}

/// What installing touches on the machine.
pub trait System {
    /// The installed version of the kiosk package (None if not installed).
    fn installed_version(&self) -> Result<Option<String>, String>;
    /// The `Package` and `Version` a package file declares.
    fn package_fields(&self, deb: &Path) -> Result<(String, String), String>;
    /// Installs a package file (upgrading or downgrading).
    fn install(&self, deb: &Path) -> Result<(), String>;
    /// Runs the installed kiosk's self-check (as the kiosk's user).
    fn self_check(&self) -> Result<(), String>;
    /// Stops the kiosk's service (Ok(false) when there is no service manager to ask).
    fn stop_kiosk(&self) -> Result<bool, String>;
    /// Restarts the kiosk's service (Ok(false) when there is no service manager to ask).
    fn restart_kiosk(&self) -> Result<bool, String>;
    /// Waits a moment.
    fn sleep(&self, duration: Duration);
}

/// Where things are, and how long to wait for health.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The kiosk's updates folder (`/var/lib/inclusion-kiosk/updates`).
    pub updates: PathBuf,
    /// This program's own folder, root only (`/var/lib/inclusion-kiosk-updater`).
    pub state: PathBuf,
    /// How long a restarted kiosk has to say it is healthy.
    pub health_wait: Duration,
}

/// Handles the waiting request, if any: checks, installs, rolls back if needed, and writes
/// the result for the kiosk. Returns the result.
pub fn apply(
    settings: &Settings,
    system: &dyn System,
    now: i64,
) -> Result<InstallResult, UpdaterError> {
    let request_path = settings.updates.join(REQUEST_FILE);
    if !request_path.exists() {
        return Err(UpdaterError::NoRequest(settings.updates.clone()));
    }
    let outcome = match read_request(&request_path) {
        Ok(request) => handle(settings, system, &request, now),
        Err(why) => InstallResult {
            state: "blocked".into(),
            version: "0".into(),
            detail: why,
            at: now,
        },
    };
    write_result(&settings.updates, &outcome)?;
    std::fs::remove_file(&request_path).map_err(io("cannot remove", &request_path))?;
    Ok(outcome)
}

fn read_request(path: &Path) -> Result<InstallRequest, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("the request cannot be read: {e}"))?;
    if bytes.len() > 1024 * 1024 {
        return Err("the request is too large".into());
    }
    serde_json::from_slice(&bytes).map_err(|e| format!("the request is malformed: {e}"))
}

fn write_result(updates: &Path, result: &InstallResult) -> Result<(), UpdaterError> {
    let path = updates.join(RESULT_FILE);
    let temporary = updates.join(".result.json.new");
    let bytes = serde_json::to_vec_pretty(result).map_err(|e| UpdaterError::Io {
        action: "cannot encode",
        path: path.clone(),
        source: std::io::Error::other(e),
    })?;
    std::fs::write(&temporary, bytes).map_err(io("cannot write", &temporary))?;
    std::fs::rename(&temporary, &path).map_err(io("cannot write", &path))
}

/// A package file name as requests carry them: `<64 hex>.deb`, nothing else.
fn is_package_name(name: &str) -> bool {
    name.strip_suffix(".deb").is_some_and(wire::is_content_hash)
}

fn handle(
    settings: &Settings,
    system: &dyn System,
    request: &InstallRequest,
    now: i64,
) -> InstallResult {
    let result = |state: &str, detail: String| InstallResult {
        state: state.into(),
        version: request.version.clone(),
        detail: detail.chars().take(200).collect(),
        at: now,
    };
    let checked = match check(settings, system, request) {
        Ok(checked) => checked,
        Err(why) => return result("blocked", why),
    };
    let database = settings
        .updates
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let snapshot = settings.state.join("database");
    let roll_back = |why: String| {
        let back = system
            .stop_kiosk()
            .and_then(|_| restore_database(&snapshot, &database))
            .and_then(|()| system.install(&checked.previous))
            .and_then(|()| system.restart_kiosk().map(|_| ()));
        match back {
            Ok(()) => result("rolled_back", why),
            Err(error) => result(
                "rolled_back",
                format!(
                    "{why}; going back to {} also failed: {error}",
                    request.previous_version
                ),
            ),
        }
    };
    if let Err(error) = system
        .stop_kiosk()
        .and_then(|_| snapshot_database(&database, &snapshot))
    {
        return result(
            "blocked",
            format!("the kiosk's database could not be kept aside: {error}"),
        );
    }
    if let Err(error) = system.install(&checked.new) {
        return roll_back(format!("it did not install: {error}"));
    }
    if let Err(error) = system.self_check() {
        return roll_back(format!("its self-check failed: {error}"));
    }
    let healthy_marker = settings.updates.join(HEALTHY_FILE);
    let _ = std::fs::remove_file(&healthy_marker);
    match system.restart_kiosk() {
        Ok(true) => {
            let step = Duration::from_secs(2);
            let mut waited = Duration::ZERO;
            loop {
                let said = std::fs::read_to_string(&healthy_marker).unwrap_or_default();
                if said.trim() == request.version {
                    break;
                }
                if waited >= settings.health_wait {
                    return roll_back(format!(
                        "it did not come up healthy within {} s",
                        settings.health_wait.as_secs()
                    ));
                }
                system.sleep(step);
                waited += step;
            }
        }
        Ok(false) => {}
        Err(error) => return roll_back(format!("the kiosk did not restart: {error}")),
    }
    result("installed", String::new())
}

/// The kiosk's database files (`kiosk.sqlite3` and its `-wal` and `-shm`, if any).
const DATABASE_FILES: [&str; 3] = ["kiosk.sqlite3", "kiosk.sqlite3-wal", "kiosk.sqlite3-shm"];

/// Copies the (stopped) kiosk's database files into `snapshot`.
fn snapshot_database(data: &Path, snapshot: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(snapshot);
    std::fs::create_dir_all(snapshot)
        .map_err(|e| format!("cannot create {}: {e}", snapshot.display()))?;
    for name in DATABASE_FILES {
        let from = data.join(name);
        if from.exists() {
            std::fs::copy(&from, snapshot.join(name))
                .map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
        }
    }
    Ok(())
}

/// Puts the kept database files back, with the owner and mode the kiosk's files have.
fn restore_database(snapshot: &Path, data: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt as _;
    let owner =
        std::fs::metadata(data).map_err(|e| format!("cannot read {}: {e}", data.display()))?;
    for name in DATABASE_FILES {
        let (kept, live) = (snapshot.join(name), data.join(name));
        let _ = std::fs::remove_file(&live);
        if kept.exists() {
            std::fs::copy(&kept, &live)
                .map_err(|e| format!("cannot restore {}: {e}", live.display()))?;
            std::os::unix::fs::chown(&live, Some(owner.uid()), Some(owner.gid()))
                .map_err(|e| format!("cannot give {} back to the kiosk: {e}", live.display()))?;
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&live, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| format!("cannot make {} private: {e}", live.display()))?;
        }
    }
    Ok(())
}

/// Both packages, copied into the installer's own folder and checked.
struct Checked {
    new: PathBuf,
    previous: PathBuf,
}

fn check(
    settings: &Settings,
    system: &dyn System,
    request: &InstallRequest,
) -> Result<Checked, String> {
    if !is_package_name(&request.package) || !is_package_name(&request.previous_package) {
        return Err("the request names files outside the updates folder".into());
    }
    let key = trusted_key(&settings.state, &request.server_key)?;
    let manifest = verify(&request.release, &key)?;
    let new = manifest
        .release(&request.version)
        .ok_or("the version asked for is not in the signed list")?;
    let previous = manifest
        .release(&request.previous_version)
        .ok_or("the version to go back to is not in the signed list")?;
    if format!("{}.deb", new.blake3) != request.package
        || format!("{}.deb", previous.blake3) != request.previous_package
    {
        return Err("the request's files are not the signed list's".into());
    }
    let installed = system
        .installed_version()?
        .ok_or("the kiosk package is not installed")?;
    if installed != request.previous_version {
        return Err(format!(
            "{installed} is installed, not {} as the kiosk said",
            request.previous_version
        ));
    }
    if wire::compare_versions(&request.version, &installed) != std::cmp::Ordering::Greater {
        return Err(format!("{} is not newer than {installed}", request.version));
    }
    let own = settings.state.join("packages");
    private_dir(&settings.state)?;
    private_dir(&own)?;
    let mut copies = Vec::new();
    for (release, name) in [
        (new, &request.package),
        (previous, &request.previous_package),
    ] {
        let copy = own.join(name);
        std::fs::copy(settings.updates.join(name), &copy)
            .map_err(|e| format!("cannot copy {name}: {e}"))?;
        let mut file =
            std::fs::File::open(&copy).map_err(|e| format!("cannot read {name}: {e}"))?;
        let mut hasher = blake3::Hasher::new();
        let size = std::io::copy(&mut file, &mut hasher)
            .map_err(|e| format!("cannot read {name}: {e}"))?;
        if size != release.size || hasher.finalize().to_hex().as_str() != release.blake3 {
            return Err(format!(
                "the package of {} does not match its hash",
                release.version
            ));
        }
        let (package, version) = system.package_fields(&copy)?;
        if package != wire::KIOSK_PACKAGE || version != release.version {
            return Err(format!(
                "{name} is {package} {version}, not {} {}",
                wire::KIOSK_PACKAGE,
                release.version
            ));
        }
        copies.push(copy);
    }
    // Older copies are not needed any more.
    if let Ok(entries) = std::fs::read_dir(&own) {
        for entry in entries.flatten() {
            if !copies.contains(&entry.path()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let previous = copies.pop().ok_or("no package")?;
    let new = copies.pop().ok_or("no package")?;
    Ok(Checked { new, previous })
}

/// A folder only its owner (root) can enter.
fn private_dir(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::create_dir_all(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| format!("cannot make {} private: {e}", path.display()))
}

/// The server key: the one pinned before, or (the first time) the request's, pinned now.
fn trusted_key(state: &Path, offered: &str) -> Result<VerifyingKey, String> {
    let path = state.join(KEY_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(pinned) => {
            if pinned.trim() != offered.trim() {
                return Err(
                    "the kiosk now trusts another server than this installer does; after enrolling it with a new server, run `inclusion-kiosk-updater forget-server` as root"
                        .into(),
                );
            }
            pinned
        }
        Err(_) => {
            private_dir(state)?;
            std::fs::write(&path, offered.trim())
                .map_err(|e| format!("cannot pin the server key: {e}"))?;
            offered.to_owned()
        }
    };
    let bytes: [u8; 32] = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or("the server key is not a key")?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| "the server key is not a key".into())
}

fn verify(signed: &wire::SignedManifest, key: &VerifyingKey) -> Result<ReleaseManifest, String> {
    let signature = base64::engine::general_purpose::STANDARD
        .decode(signed.signature.trim())
        .ok()
        .and_then(|b| Signature::from_slice(&b).ok())
        .ok_or("the release list is not signed")?;
    key.verify_strict(
        wire::release_signing_message(&signed.manifest).as_bytes(),
        &signature,
    )
    .map_err(|_| "the release list is not signed with the trusted server key")?;
    ReleaseManifest::parse_checked(&signed.manifest)
}

/// Forgets the pinned server key (after the kiosk was enrolled with another server).
pub fn forget_server(state: &Path) -> Result<bool, UpdaterError> {
    let path = state.join(KEY_FILE);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(io("cannot remove", &path)(error)),
    }
}

/// The real machine: Debian's dpkg and systemd.
#[derive(Debug, Clone)]
pub struct Debian {
    /// The kiosk's binary (`/usr/bin/kiosk`).
    pub kiosk_binary: PathBuf,
    /// The kiosk's user, for its self-check.
    pub kiosk_user: String,
    /// The kiosk's systemd unit.
    pub kiosk_unit: String,
}

impl Default for Debian {
    fn default() -> Self {
        Debian {
            kiosk_binary: PathBuf::from("/usr/bin/kiosk"),
            kiosk_user: "kiosk".into(),
            kiosk_unit: "inclusion-kiosk.service".into(),
        }
    }
}

fn run(command: &mut std::process::Command) -> Result<String, String> {
    let shown = format!("{command:?}");
    let output = command
        .output()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let error = String::from_utf8_lossy(&output.stderr);
        let last = error
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        Err(format!("{shown} failed ({}): {last}", output.status))
    }
}

impl System for Debian {
    fn installed_version(&self) -> Result<Option<String>, String> {
        let output = std::process::Command::new("dpkg-query")
            .args([
                "--show",
                "--showformat=${Status}\t${Version}",
                wire::KIOSK_PACKAGE,
            ])
            .output()
            .map_err(|e| format!("cannot run dpkg-query: {e}"))?;
        let text = String::from_utf8_lossy(&output.stdout);
        Ok(text
            .split_once('\t')
            .filter(|(status, _)| status.ends_with(" installed"))
            .map(|(_, version)| version.trim().to_owned()))
    }

    fn package_fields(&self, deb: &Path) -> Result<(String, String), String> {
        let text = run(std::process::Command::new("dpkg-deb")
            .arg("--field")
            .arg(deb)
            .args(["Package", "Version"]))?;
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        Ok((field("Package"), field("Version")))
    }

    fn install(&self, deb: &Path) -> Result<(), String> {
        run(std::process::Command::new("dpkg")
            .args(["--install", "--force-confold"])
            .arg(deb)
            .env("DEBIAN_FRONTEND", "noninteractive"))
        .map(|_| ())
    }

    fn self_check(&self) -> Result<(), String> {
        run(std::process::Command::new("runuser")
            .args(["-u", &self.kiosk_user, "--"])
            .arg(&self.kiosk_binary)
            .arg("self-check"))
        .map(|_| ())
    }

    fn stop_kiosk(&self) -> Result<bool, String> {
        if !Path::new("/run/systemd/system").is_dir() {
            return Ok(false);
        }
        run(std::process::Command::new("systemctl").args(["stop", &self.kiosk_unit])).map(|_| true)
    }

    fn restart_kiosk(&self) -> Result<bool, String> {
        if !Path::new("/run/systemd/system").is_dir() {
            return Ok(false);
        }
        run(std::process::Command::new("systemctl").args(["restart", &self.kiosk_unit]))
            .map(|_| true)
    }

    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

#[cfg(test)]
mod tests;
