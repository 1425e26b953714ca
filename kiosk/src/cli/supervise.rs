//! `kiosk supervise -- COMMAND…`: what the systemd unit starts. It runs COMMAND (the cage
//! compositor running `kiosk run`) as its child and passes the notifications `kiosk run` sends
//! (`READY=1`, `WATCHDOG=1`, `STATUS=…`, `STOPPING=1`) on to systemd as the service's main
//! process.
//!
//! Why a go-between: the unit opens a PAM session (so that logind gives cage the seat's screen
//! and input devices), and logind moves the session's processes into a session scope, where
//! systemd no longer takes notifications from them, however `NotifyAccess=` is set; it still
//! takes them from the service's main process, which this is. It also stops COMMAND's whole
//! process group (cage and the kiosk) when systemd stops the service or its watchdog fires
//! (SIGTERM, then SIGKILL after a grace period), and when COMMAND ends, so that no hung kiosk
//! outlives its session holding the database; and it exits with COMMAND's status when COMMAND
//! ends by itself (systemd then restarts the session), 0 when asked to stop.

use std::ffi::OsString;
use std::os::unix::net::UnixDatagram;
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::path::PathBuf;
use std::process::{Child, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

/// How long the session has to end after SIGTERM before it is killed (cage and a healthy
/// kiosk end at once; a hung one never does).
const GRACE: Duration = Duration::from_secs(1);

/// The notifications passed on; anything else (`MAINPID=`, file descriptors) is not the
/// kiosk's to say.
const PASSED_ON: [&str; 5] = [
    "READY=",
    "STATUS=",
    "WATCHDOG=",
    "STOPPING=",
    "EXTEND_TIMEOUT_USEC=",
];

/// Runs `command` under supervision until it ends or systemd stops the service.
pub fn supervise(command: &[OsString]) -> anyhow::Result<ExitCode> {
    let (program, args) = command
        .split_first()
        .context("supervise needs a command to run")?;
    let relay = Relay::bind()?;
    let stop = stop_on_signals()?;
    let mut child = std::process::Command::new(program);
    child.args(args).env_remove("WATCHDOG_PID").process_group(0);
    match &relay {
        Some(relay) => child.env("NOTIFY_SOCKET", &relay.path),
        None => child.env_remove("NOTIFY_SOCKET"),
    };
    let mut child = child
        .spawn()
        .with_context(|| format!("cannot start {}", program.to_string_lossy()))?;
    let group = Pid::from_raw(i32::try_from(child.id()).context("a process id")?);
    let status = loop {
        if child
            .try_wait()
            .context("cannot watch the session")?
            .is_some()
        {
            // Whatever ended the session, nothing of it stays behind (a hung kiosk would
            // hold the database and the seat).
            break end_session(&mut child, group)?;
        }
        if stop.load(Ordering::Relaxed) {
            // Asked to stop: a clean stop, whatever the session's processes said on the way.
            tracing::info!("stopping the kiosk session");
            end_session(&mut child, group)?;
            return Ok(ExitCode::SUCCESS);
        }
        match &relay {
            Some(relay) => relay.pass_on_one(Duration::from_millis(200)),
            None => std::thread::sleep(Duration::from_millis(200)),
        }
    };
    drop(relay);
    Ok(match (status.code(), status.signal()) {
        (Some(code), _) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        (None, Some(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        (None, None) => ExitCode::FAILURE,
    })
}

/// Ends the session's whole process group: SIGTERM, then SIGKILL to whatever is left after
/// the grace period (a hung or stopped kiosk). Returns how COMMAND ended.
fn end_session(child: &mut Child, group: Pid) -> anyhow::Result<std::process::ExitStatus> {
    let _ = killpg(group, Signal::SIGTERM);
    let deadline = Instant::now() + GRACE;
    let mut status = None;
    while Instant::now() < deadline {
        if status.is_none() {
            status = child.try_wait()?;
        }
        if status.is_some() && killpg(group, None).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = killpg(group, Signal::SIGKILL);
    match status {
        Some(status) => Ok(status),
        None => Ok(child.wait()?),
    }
}

/// A flag raised by SIGTERM, SIGINT or SIGHUP (a thread of its own waits for them).
fn stop_on_signals() -> anyhow::Result<Arc<AtomicBool>> {
    use tokio::signal::unix::{SignalKind, signal};
    let stop = Arc::new(AtomicBool::new(false));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Registered here, before the session starts, so that no signal is missed.
    let (mut term, mut int, mut hup) = runtime.block_on(async {
        Ok::<_, std::io::Error>((
            signal(SignalKind::terminate())?,
            signal(SignalKind::interrupt())?,
            signal(SignalKind::hangup())?,
        ))
    })?;
    let raised = stop.clone();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            runtime.block_on(async {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                    _ = hup.recv() => {}
                }
            });
            raised.store(true, Ordering::Relaxed);
        })?;
    Ok(stop)
}

/// The socket the session notifies, whose messages go on to systemd's.
struct Relay {
    socket: UnixDatagram,
    path: PathBuf,
}

impl Relay {
    /// A socket in the session's runtime directory, or `None` when systemd gave us no
    /// notification socket.
    fn bind() -> anyhow::Result<Option<Relay>> {
        if std::env::var_os("NOTIFY_SOCKET").is_none_or(|socket| socket.is_empty()) {
            return Ok(None);
        }
        let dir = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        let path = dir.join(format!("kiosk-notify-{}.sock", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let socket = UnixDatagram::bind(&path)
            .with_context(|| format!("cannot make the notification socket {}", path.display()))?;
        Ok(Some(Relay { socket, path }))
    }

    /// Waits up to `wait` for one notification and passes on what may be.
    fn pass_on_one(&self, wait: Duration) {
        let mut buffer = [0u8; 4096];
        if self.socket.set_read_timeout(Some(wait)).is_err() {
            std::thread::sleep(wait);
            return;
        }
        let Ok(length) = self.socket.recv(&mut buffer) else {
            return;
        };
        let text = String::from_utf8_lossy(&buffer[..length]);
        let lines: Vec<&str> = text
            .lines()
            .filter(|line| PASSED_ON.iter().any(|prefix| line.starts_with(prefix)))
            .collect();
        if lines.is_empty() {
            return;
        }
        let message = lines.join("\n");
        if let Err(error) = sd_notify::notify(&[sd_notify::NotifyState::Custom(&message)]) {
            tracing::warn!(%error, "cannot pass a notification on to systemd");
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
