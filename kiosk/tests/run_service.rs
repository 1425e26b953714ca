//! The real `kiosk run` as the packaged systemd unit starts it: settings from a `kiosk.toml`
//! (`--config`), on a virtual display (Xvfb), with a real unix datagram socket as
//! `NOTIFY_SOCKET`. The kiosk says `READY=1` once its window is up, then `WATCHDOG=1` every
//! half watchdog period; it uses the data directory and hardware file the configuration names.
//! Needs Xvfb (`scripts/setup --display`).

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/display.rs"]
mod display;

use std::os::unix::net::UnixDatagram;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use display::{Killed, virtual_display};

const BIN: &str = env!("CARGO_BIN_EXE_kiosk");

#[test]
fn ready_then_watchdog_pings_with_the_settings_of_kiosk_toml() {
    let dir = tempfile::tempdir().unwrap();
    let etc = dir.path().join("etc");
    std::fs::create_dir_all(&etc).unwrap();
    let config = etc.join("kiosk.toml");
    std::fs::write(
        &config,
        "data_dir = \"../var/lib/kiosk\"\nwindow = \"1024x600\"\ndaily_byte_budget = 1000000\n",
    )
    .unwrap();
    // hardware.toml beside kiosk.toml is the one used: a printer that is switched off.
    std::fs::write(etc.join("hardware.toml"), "[printer]\ndriver = \"none\"\n").unwrap();
    let socket_path = dir.path().join("notify.sock");
    let socket = UnixDatagram::bind(&socket_path).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();

    let (_xvfb, display) = virtual_display();
    let log = dir.path().join("kiosk.log");
    let log_file = std::fs::File::create(&log).unwrap();
    let started = Instant::now();
    let mut run = Killed(
        Command::new(BIN)
            .arg("--config")
            .arg(&config)
            .arg("run")
            .env_remove("KIOSK_DATA_DIR")
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env("SLINT_BACKEND", "winit-software")
            .env("NOTIFY_SOCKET", &socket_path)
            .env("WATCHDOG_USEC", "500000")
            .env_remove("WATCHDOG_PID")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .expect("kiosk run starts"),
    );
    let log_text =
        || String::from_utf8_lossy(&std::fs::read(&log).unwrap_or_default()).into_owned();

    let mut messages: Vec<(Duration, String)> = Vec::new();
    let mut buffer = [0u8; 4096];
    let mut ready_at = None;
    while ready_at.is_none_or(|at| started.elapsed() < at + Duration::from_secs(2)) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no READY=1 within a minute: {messages:?}\n{}",
            log_text()
        );
        if let Ok(Some(status)) = run.0.try_wait() {
            panic!("kiosk run stopped ({status}):\n{}", log_text());
        }
        if let Ok(length) = socket.recv(&mut buffer) {
            let message = String::from_utf8_lossy(&buffer[..length]).into_owned();
            if message.starts_with("READY=1") {
                ready_at = Some(started.elapsed());
            }
            messages.push((started.elapsed(), message));
        }
    }
    let first = &messages[0].1;
    assert!(
        first.starts_with("READY=1\n"),
        "READY=1 comes first: {messages:?}"
    );
    assert!(
        log_text().contains("the kiosk window is open"),
        "READY=1 after the window: {}",
        log_text()
    );
    let pings: Vec<Duration> = messages
        .iter()
        .filter(|(_, m)| m == "WATCHDOG=1\n")
        .map(|(at, _)| *at)
        .collect();
    assert_eq!(
        pings.len() + 1,
        messages.len(),
        "only pings after READY=1: {messages:?}"
    );
    // Two seconds at one ping per 250 ms.
    assert!(
        (6..=9).contains(&pings.len()),
        "a ping every half period: {messages:?}"
    );
    assert!(
        pings
            .windows(2)
            .all(|w| w[1] - w[0] < Duration::from_millis(500)),
        "no gap of a whole period between pings: {pings:?}"
    );

    // The settings of kiosk.toml were used: its data directory (relative to the file) ...
    let data = dir.path().join("var/lib/kiosk");
    assert!(
        data.join("kiosk.sqlite3").is_file(),
        "the database is in the configured data directory"
    );
    drop(run);
    // ... and the hardware file beside it (the printer is off, not simulated).
    let check = Command::new(BIN)
        .arg("--config")
        .arg(&config)
        .args(["hardware", "check"])
        .env_remove("KIOSK_DATA_DIR")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&check.stdout);
    let beside = etc.join("hardware.toml");
    assert!(
        text.contains(&format!("Hardware configuration: {}", beside.display()))
            && text.contains("none: no printer configured"),
        "{text}"
    );
}

/// The pids of `parent`'s children.
fn children(parent: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|pid| pid.parse().ok())
        .collect()
}

fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| !stat.contains(") Z "))
        .unwrap_or(false)
}

/// `kiosk supervise`, as the unit's main process: the session's READY=1 and pings reach
/// systemd's socket through it (the session itself is given another socket); a stopped
/// (hung) kiosk sends nothing; SIGTERM ends the whole session and the supervisor exits 0;
/// a session that ends by itself ends the supervisor.
#[test]
fn supervise_passes_notifications_on_and_ends_the_whole_session() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kiosk-data");
    let socket_path = dir.path().join("notify.sock");
    let socket = UnixDatagram::bind(&socket_path).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let (_xvfb, display) = virtual_display();
    let start = || {
        Command::new(BIN)
            .arg("supervise")
            .arg("--")
            .arg(BIN)
            .arg("--data-dir")
            .arg(&data)
            .args(["run", "--windowed", "800x600"])
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env("SLINT_BACKEND", "winit-software")
            .env("NOTIFY_SOCKET", &socket_path)
            .env("WATCHDOG_USEC", "400000")
            .env("WATCHDOG_PID", "1")
            .env("XDG_RUNTIME_DIR", dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("kiosk supervise starts")
    };
    let receive = |within: Duration| -> Vec<String> {
        let deadline = Instant::now() + within;
        let mut messages = Vec::new();
        let mut buffer = [0u8; 4096];
        while Instant::now() < deadline {
            if let Ok(length) = socket.recv(&mut buffer) {
                messages.push(String::from_utf8_lossy(&buffer[..length]).into_owned());
            }
        }
        messages
    };

    let mut supervisor = Killed(start());
    let supervisor_pid = supervisor.0.id();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut messages = Vec::new();
    while !messages.iter().any(|m: &String| m.starts_with("READY=1")) {
        assert!(Instant::now() < deadline, "no READY=1: {messages:?}");
        assert!(
            supervisor.0.try_wait().unwrap().is_none(),
            "supervise ended"
        );
        messages.extend(receive(Duration::from_millis(200)));
    }
    // The session was given the supervisor's socket, not systemd's, and no WATCHDOG_PID.
    let kiosk = children(supervisor_pid)[0];
    let environment = std::fs::read(format!("/proc/{kiosk}/environ")).unwrap();
    let environment = String::from_utf8_lossy(&environment);
    assert!(
        !environment.contains(&format!("NOTIFY_SOCKET={}", socket_path.display()))
            && environment.contains("NOTIFY_SOCKET=")
            && !environment.contains("WATCHDOG_PID="),
        "{environment}"
    );
    let pings = receive(Duration::from_secs(1));
    assert!(
        pings
            .iter()
            .filter(|m| m.trim_end() == "WATCHDOG=1")
            .count()
            >= 3,
        "pings every 200 ms: {pings:?}"
    );

    // The kiosk hangs: nothing more reaches systemd.
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(kiosk as i32),
        nix::sys::signal::Signal::SIGSTOP,
    )
    .unwrap();
    let _ = receive(Duration::from_millis(300));
    assert_eq!(receive(Duration::from_secs(1)), Vec::<String>::new());
    // systemd stops the service: the hung kiosk is killed too, and the stop is clean.
    let asked = Instant::now();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(supervisor_pid as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let status = supervisor.0.wait().unwrap();
    assert!(status.success(), "{status}");
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "{:?}",
        asked.elapsed()
    );
    let deadline = Instant::now() + Duration::from_secs(2);
    while alive(kiosk) {
        assert!(
            Instant::now() < deadline,
            "the hung kiosk outlived its session"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    // A session that ends by itself (the kiosk killed) ends the supervisor, not cleanly.
    let mut supervisor = Killed(start());
    let deadline = Instant::now() + Duration::from_secs(60);
    while !receive(Duration::from_millis(200))
        .iter()
        .any(|m| m.starts_with("READY=1"))
    {
        assert!(Instant::now() < deadline, "no READY=1 the second time");
    }
    let kiosk = children(supervisor.0.id())[0];
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(kiosk as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    let status = supervisor.0.wait().unwrap();
    assert!(!status.success(), "{status}");
}
