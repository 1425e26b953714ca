//! The evdev scanner driver reading real input-event records (24 bytes each) from a FIFO and a
//! file in a temporary folder: the same reader and decoder as on a kiosk, minus the grab.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::time::{Duration, Instant};

use hardware::scanner::input_event::InputEvent;
use hardware::scanner::keymap::{Layout, key_events_for};
use hardware::scanner::{EvdevScanner, Scan, Scanner, ScannerError};

fn bytes(events: &[InputEvent]) -> Vec<u8> {
    events.iter().flat_map(|e| e.to_bytes()).collect()
}

#[test]
fn each_scan_from_a_live_event_stream_is_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("event-kbd");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut device = std::fs::OpenOptions::new()
            .write(true)
            .open(&writer_path)
            .unwrap();
        // A learner card, then a staff card, written in pieces that split records.
        let mut stream = bytes(&key_events_for("K7PQM3XZR"));
        stream.extend(bytes(&key_events_for("STAFF:0042-ab")));
        for piece in stream.chunks(37) {
            device.write_all(piece).unwrap();
            device.flush().unwrap();
            std::thread::sleep(Duration::from_millis(1));
        }
        // The scanner is unplugged: the writer goes away.
    });
    let mut scanner = EvdevScanner::open(&fifo, false, &Layout::us()).unwrap();
    assert_eq!(scanner.driver().driver, "evdev");
    let first = scanner.next_scan(Duration::from_secs(5)).unwrap();
    assert_eq!(
        first,
        Some(Scan {
            text: "K7PQM3XZR".into()
        })
    );
    let second = scanner.next_scan(Duration::from_secs(5)).unwrap();
    assert_eq!(
        second,
        Some(Scan {
            text: "STAFF:0042-ab".into()
        })
    );
    writer.join().unwrap();
    let end = scanner.next_scan(Duration::from_secs(5));
    assert!(
        matches!(end, Err(ScannerError::Disconnected { .. })),
        "{end:?}"
    );
    assert!(
        scanner.next_scan(Duration::from_millis(1)).is_err(),
        "stays disconnected"
    );
}

#[test]
fn waiting_for_a_scan_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("event-kbd");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
    let writer_path = fifo.clone();
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        let _device = std::fs::OpenOptions::new()
            .write(true)
            .open(&writer_path)
            .unwrap();
        let _ = wait.recv();
    });
    let mut scanner = EvdevScanner::open(&fifo, false, &Layout::us()).unwrap();
    let started = Instant::now();
    assert_eq!(scanner.next_scan(Duration::from_millis(200)).unwrap(), None);
    assert!(started.elapsed() < Duration::from_secs(2));
    done.send(()).unwrap();
    writer.join().unwrap();
}

#[test]
fn a_recorded_stream_in_a_file_gives_its_scans_then_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recorded");
    let mut stream = bytes(&key_events_for("https://city.example/c/K7PQ"));
    stream.extend(bytes(&key_events_for("")));
    stream.extend(bytes(&key_events_for("LRN-42")));
    stream.extend_from_slice(&[0u8; 10]); // half a record at the end
    std::fs::write(&path, stream).unwrap();
    let mut scanner = EvdevScanner::open(&path, false, &Layout::us()).unwrap();
    let mut scans = Vec::new();
    while let Ok(Some(scan)) = scanner.next_scan(Duration::from_secs(5)) {
        scans.push(scan.text);
    }
    assert_eq!(scans, vec!["https://city.example/c/K7PQ", "LRN-42"]);
}

#[test]
fn grabbing_something_that_is_not_an_input_device_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-an-input-device");
    std::fs::write(&path, b"").unwrap();
    let error = EvdevScanner::open(&path, true, &Layout::us()).unwrap_err();
    assert!(error.to_string().contains("not-an-input-device"), "{error}");
    let error = EvdevScanner::open(&dir.path().join("absent"), false, &Layout::us()).unwrap_err();
    assert!(matches!(error, ScannerError::Open { .. }));
}
