//! The real `kiosk run` on a virtual display (Xvfb), with every log level on (`RUST_LOG=trace`):
//! a learner card, a staff card and an enrolment ticket scanned through the scanner driver
//! `hardware.toml` chooses do what they should (a wrong try counted, staff mode opened, an
//! enrolment tried), and none of their codes appears anywhere in what the kiosk logs.
//!
//! The scanner is the evdev driver reading a FIFO without grabbing it (as the hardware crate's
//! own tests do): the test writes the key presses a USB scanner would send. Needs Xvfb
//! (`scripts/setup --display`).

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/display.rs"]
mod display;

use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use display::{Killed, virtual_display};

const BIN: &str = env!("CARGO_BIN_EXE_kiosk");
const STAFF_CARD: &str = "STAFF-RIVERTON-0042";
const ENROLMENT_CODE: &str = "K7PQ-M3XZ-R9AB";

fn kiosk(data_dir: &Path, args: &[&str], input: &str) {
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kiosk runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    let output = child.wait_with_output().expect("kiosk ends");
    assert!(
        output.status.success(),
        "kiosk {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read_log(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned()
}

/// Waits until the log has `needle` in it at least `times` times.
fn wait_for(log: &Path, needle: &str, times: usize, kiosk: &mut Killed) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while read_log(log).matches(needle).count() < times {
        if let Ok(Some(status)) = kiosk.0.try_wait() {
            panic!("kiosk run stopped ({status}):\n{}", read_log(log));
        }
        assert!(
            Instant::now() < deadline,
            "no {needle:?} in the log:\n{}",
            read_log(log)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens the FIFO for writing once the kiosk's scanner thread has it open for reading.
fn open_scanner(fifo: &Path, kiosk: &mut Killed, log: &Path) -> std::fs::File {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let opened = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(nix::fcntl::OFlag::O_NONBLOCK.bits())
            .open(fifo);
        match opened {
            Ok(file) => return file,
            Err(_) if Instant::now() < deadline => {
                if let Ok(Some(status)) = kiosk.0.try_wait() {
                    panic!("kiosk run stopped ({status}):\n{}", read_log(log));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(error) => panic!(
                "the kiosk never read its scanner: {error}\n{}",
                read_log(log)
            ),
        }
    }
}

fn scan(scanner: &mut std::fs::File, text: &str) {
    let records: Vec<u8> = hardware::scanner::keymap::key_events_for(text)
        .iter()
        .flat_map(|event| event.to_bytes())
        .collect();
    scanner.write_all(&records).expect("the scan is written");
}

#[test]
fn scanned_codes_never_reach_the_log_even_at_trace_level() {
    let dir = tempfile::tempdir().unwrap();
    let data: PathBuf = dir.path().join("kiosk-data");
    std::fs::create_dir_all(&data).unwrap();
    let fifo = dir.path().join("usb-Barcode_Scanner-event-kbd");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();
    std::fs::write(
        data.join("hardware.toml"),
        format!(
            "[printer]\ndriver = \"simulated\"\n\n[scanner]\ndriver = \"evdev\"\ndevice = {:?}\n\
             grab = false\n\n[speech]\ndriver = \"simulated\"\n",
            fifo.display().to_string()
        ),
    )
    .unwrap();
    kiosk(&data, &["admin", "set-pin"], "482913\n");
    kiosk(&data, &["admin", "add-card", STAFF_CARD], "");

    let learner_code = kiosk::codes::LearnerCode::new().to_string();
    let ticket = format!(
        "KIOSK-ENROL https://127.0.0.1:9 {} {ENROLMENT_CODE}",
        "AB".repeat(32)
    );
    let (_xvfb, display) = virtual_display();
    let log = dir.path().join("kiosk.log");
    let log_file = std::fs::File::create(&log).unwrap();
    let mut run = Killed(
        Command::new(BIN)
            .arg("--data-dir")
            .arg(&data)
            .args(["run", "--windowed", "1366x768"])
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env("SLINT_BACKEND", "winit-software")
            .env("RUST_LOG", "trace")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .expect("kiosk run starts"),
    );
    wait_for(&log, "the kiosk window is open", 1, &mut run);
    let mut scanner = open_scanner(&fifo, &mut run, &log);

    // On the attract screen a learner card is not a staff card: a wrong try.
    scan(&mut scanner, &learner_code);
    wait_for(&log, "wrong staff sign-in", 1, &mut run);
    // The staff card opens staff mode, where a scanned ticket enrols the kiosk (its server is
    // not there: the enrolment fails, and says so in the log).
    scan(&mut scanner, STAFF_CARD);
    wait_for(&log, "staff mode opened", 1, &mut run);
    scan(&mut scanner, &ticket);
    wait_for(&log, "enrolment from the staff screen failed", 1, &mut run);
    drop(run);

    let text = read_log(&log);
    assert!(
        text.contains(" TRACE "),
        "the log was at trace level:\n{text}"
    );
    assert!(
        text.contains(&format!(
            "scan ({} characters)",
            learner_code.chars().count()
        )) && text.contains("scan (19 characters)"),
        "each scan is logged by its length:\n{text}"
    );
    let learner_plain: String = learner_code.chars().filter(|c| *c != '-').collect();
    for secret in [
        STAFF_CARD,
        "RIVERTON",
        learner_code.as_str(),
        learner_plain.as_str(),
        ENROLMENT_CODE,
        "K7PQM3XZR9AB",
    ] {
        assert!(
            !text.contains(secret),
            "{secret:?} is in the log:\n{}",
            text.lines()
                .filter(|line| line.contains(secret))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
