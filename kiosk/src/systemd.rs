//! Telling systemd that `kiosk run` is up (`READY=1`, once the window's first frame is shown)
//! and alive (`WATCHDOG=1`, from a timer on the UI's event loop, so a hung UI stops the pings
//! and systemd restarts the kiosk). Nothing is sent unless systemd asked for it by setting
//! `NOTIFY_SOCKET` (and `WATCHDOG_USEC` for the pings).
//!
//! The packaged unit runs the kiosk inside the `cage` compositor, under `kiosk supervise`
//! (which gives it a socket of its own and passes the notifications on to systemd: see
//! `cli/supervise.rs`). Run straight under cage by another unit, the kiosk is the main
//! process's child, so the pings are sent when `WATCHDOG_PID` names this process *or its
//! parent* (systemd names the main process).

use std::time::Duration;

use sd_notify::NotifyState;

/// The service manager that started this process, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceManager {
    watchdog: Option<Duration>,
}

impl ServiceManager {
    /// `Some` when systemd gave this process a notification socket (`NOTIFY_SOCKET`).
    pub fn from_env() -> Option<ServiceManager> {
        std::env::var_os("NOTIFY_SOCKET").filter(|socket| !socket.is_empty())?;
        let watchdog = watchdog_interval(
            std::env::var("WATCHDOG_USEC").ok().as_deref(),
            std::env::var("WATCHDOG_PID").ok().as_deref(),
            std::process::id(),
            std::os::unix::process::parent_id(),
        );
        Some(ServiceManager { watchdog })
    }

    /// How long systemd waits for a ping before it restarts the service.
    pub fn watchdog(&self) -> Option<Duration> {
        self.watchdog
    }

    /// `READY=1`: the kiosk is up.
    pub fn ready(&self, status: &str) -> std::io::Result<()> {
        sd_notify::notify(&[NotifyState::Ready, NotifyState::Status(status)])
    }

    /// `WATCHDOG=1`: the kiosk is alive.
    pub fn ping(&self) -> std::io::Result<()> {
        sd_notify::notify(&[NotifyState::Watchdog])
    }

    /// `STOPPING=1`: the kiosk is closing on purpose.
    pub fn stopping(&self) -> std::io::Result<()> {
        sd_notify::notify(&[NotifyState::Stopping])
    }

    /// On the current thread's Slint event loop: `READY=1` once the loop has shown the window
    /// and drawn what was pending (the software renderer has no frame notifier, so a zero
    /// timer stands in for it), then `WATCHDOG=1` every half watchdog period. Keep the
    /// returned timers for as long as the pings should go.
    pub fn announce_on_event_loop(self, status: String) -> Heartbeat {
        let ready = slint::Timer::default();
        let pings = std::rc::Rc::new(slint::Timer::default());
        let manager = std::rc::Rc::new(self);
        let (ready_manager, ready_pings) = (manager.clone(), pings.clone());
        ready.start(slint::TimerMode::SingleShot, Duration::ZERO, move || {
            match ready_manager.ready(&status) {
                Ok(()) => tracing::info!("told systemd the kiosk is ready"),
                Err(error) => tracing::warn!(%error, "cannot tell systemd the kiosk is ready"),
            }
            let Some(period) = ready_manager.watchdog() else {
                return;
            };
            let interval = (period / 2).max(Duration::from_millis(50));
            tracing::info!(?interval, "pinging the systemd watchdog");
            let ping_manager = ready_manager.clone();
            let mut failed = false;
            ready_pings.start(slint::TimerMode::Repeated, interval, move || {
                match ping_manager.ping() {
                    Ok(()) => failed = false,
                    // Said once per run of failures, not at every ping.
                    Err(error) if !failed => {
                        failed = true;
                        tracing::warn!(%error, "cannot ping the systemd watchdog");
                    }
                    Err(_) => {}
                }
            });
        });
        Heartbeat {
            _ready: ready,
            _pings: pings,
        }
    }
}

/// The timers [`ServiceManager::announce_on_event_loop`] started; dropping it stops them.
pub struct Heartbeat {
    _ready: slint::Timer,
    _pings: std::rc::Rc<slint::Timer>,
}

impl std::fmt::Debug for Heartbeat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Heartbeat")
            .field("pinging", &self._pings.running())
            .finish()
    }
}

/// The watchdog period from `WATCHDOG_USEC`, if systemd meant it for this process: when
/// `WATCHDOG_PID` is absent, ours, or our parent's (the compositor we run in).
pub fn watchdog_interval(
    usec: Option<&str>,
    pid: Option<&str>,
    own_pid: u32,
    parent_pid: u32,
) -> Option<Duration> {
    let usec: u64 = usec?.trim().parse().ok().filter(|&usec| usec > 0)?;
    match pid.map(|pid| pid.trim().parse::<u32>()) {
        None => {}
        Some(Ok(pid)) if pid == own_pid || pid == parent_pid => {}
        Some(_) => return None,
    }
    Some(Duration::from_micros(usec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watchdog_is_ours_or_our_parents() {
        let five = Some(Duration::from_secs(5));
        assert_eq!(watchdog_interval(Some("5000000"), None, 10, 1), five);
        assert_eq!(watchdog_interval(Some("5000000"), Some("10"), 10, 1), five);
        assert_eq!(watchdog_interval(Some("5000000"), Some("7"), 10, 7), five);
        assert_eq!(watchdog_interval(Some("5000000"), Some("8"), 10, 7), None);
        assert_eq!(watchdog_interval(Some("0"), None, 10, 7), None);
        assert_eq!(watchdog_interval(Some("soon"), None, 10, 7), None);
        assert_eq!(watchdog_interval(None, Some("10"), 10, 7), None);
    }
}
