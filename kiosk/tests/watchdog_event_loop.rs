//! The systemd watchdog pings come from the UI's event loop: under Slint's testing backend
//! (whose clock moves only when the test says so), `READY=1` arrives once the loop turns, then
//! `WATCHDOG=1` every half period while it turns, and nothing at all while it stands still, as
//! a hung UI would. The notification socket is a real unix datagram socket.
//!
//! One test in this file: it sets `NOTIFY_SOCKET` for the whole process.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use kiosk::systemd::ServiceManager;

/// Every datagram waiting on the socket.
fn received(socket: &UnixDatagram) -> Vec<String> {
    let mut messages = Vec::new();
    let mut buffer = [0u8; 4096];
    while let Ok(length) = socket.recv(&mut buffer) {
        messages.push(String::from_utf8_lossy(&buffer[..length]).into_owned());
    }
    messages
}

#[test]
fn pings_only_while_the_event_loop_turns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notify.sock");
    let socket = UnixDatagram::bind(&path).unwrap();
    socket.set_nonblocking(true).unwrap();
    // SAFETY: the only test in this file, before Slint or any other thread starts.
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("NOTIFY_SOCKET", &path);
        std::env::set_var("WATCHDOG_USEC", "2000000");
        std::env::set_var("WATCHDOG_PID", std::process::id().to_string());
    }
    i_slint_backend_testing::init_integration_test_with_mock_time();

    let manager = ServiceManager::from_env().expect("NOTIFY_SOCKET is set");
    assert_eq!(manager.watchdog(), Some(Duration::from_secs(2)));
    let heartbeat = manager.announce_on_event_loop("ready for residents".into());
    assert!(
        received(&socket).is_empty(),
        "nothing before the loop turns"
    );

    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(1));
    assert_eq!(received(&socket), ["READY=1\nSTATUS=ready for residents\n"]);

    // The loop turns for five seconds: a ping every second (half the period).
    for _ in 0..50 {
        i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(100));
    }
    let pings = received(&socket);
    assert!(
        (4..=6).contains(&pings.len()) && pings.iter().all(|m| m == "WATCHDOG=1\n"),
        "{pings:?}"
    );

    // The loop stands still (a hung UI) for three real seconds: not one ping.
    std::thread::sleep(Duration::from_secs(3));
    assert!(received(&socket).is_empty(), "a stalled loop pinged");

    // It turns again: the pings resume.
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(1100));
    assert_eq!(received(&socket), ["WATCHDOG=1\n"]);

    // Once the heartbeat is dropped (the window closed), nothing more.
    drop(heartbeat);
    i_slint_backend_testing::mock_elapsed_time(Duration::from_secs(5));
    assert!(received(&socket).is_empty());
}
