//! The whole hub: devices chosen by configuration, started together, reporting events over
//! one channel; and the defaults on a PC with no peripherals.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use hardware::config::{LinkDriver, PowerDriver, PrinterDriver, ScannerDriver, SpeechDriver};
use hardware::power::PowerLevel;
use hardware::printer::templates;
use hardware::scanner::keymap::key_events_for;
use hardware::{DeviceKind, Hardware, HardwareConfig, HardwareEvent};

fn write(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, content) in files {
        std::fs::write(dir.join(name), format!("{content}\n")).unwrap();
    }
}

/// The first event `matches` accepts within `timeout`, skipping others.
fn wait_for(
    events: &Receiver<HardwareEvent>,
    timeout: Duration,
    matches: impl Fn(&HardwareEvent) -> bool,
) -> HardwareEvent {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let event = events
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no matching event within {timeout:?}"));
        if matches(&event) {
            return event;
        }
    }
}

#[test]
fn devices_report_through_one_channel() {
    let dir = tempfile::tempdir().unwrap();
    let power_root = dir.path().join("power_supply");
    write(
        &power_root.join("AC"),
        &[("type", "Mains"), ("online", "1")],
    );
    write(
        &power_root.join("BAT0"),
        &[("type", "Battery"), ("status", "Full"), ("capacity", "100")],
    );
    let net_root = dir.path().join("net");
    write(
        &net_root.join("eth0"),
        &[("operstate", "up"), ("type", "1")],
    );
    std::fs::create_dir_all(net_root.join("eth0/device")).unwrap();
    let scanner = dir.path().join("event-kbd");
    nix::unistd::mkfifo(&scanner, nix::sys::stat::Mode::from_bits_truncate(0o600)).unwrap();

    let mut config = HardwareConfig::default();
    config.printer.driver = PrinterDriver::Simulated;
    config.scanner.driver = ScannerDriver::Evdev;
    config.scanner.device = Some(scanner.clone());
    config.scanner.grab = false;
    config.power.driver = PowerDriver::Sysfs;
    config.power.root = power_root.clone();
    config.power.poll_seconds = 1;
    config.link.driver = LinkDriver::Sysfs;
    config.link.root = net_root;
    config.link.poll_seconds = 1;
    config.speech.driver = SpeechDriver::Simulated;

    let (mut hardware, events) = Hardware::start(&config, &common::fonts());
    let power = wait_for(&events, Duration::from_secs(5), |e| {
        matches!(e, HardwareEvent::Power(_))
    });
    assert!(matches!(power, HardwareEvent::Power(p) if p.level == PowerLevel::Normal));
    let link = wait_for(&events, Duration::from_secs(5), |e| {
        matches!(e, HardwareEvent::Link(_))
    });
    assert!(
        matches!(link, HardwareEvent::Link(l) if l.up && l.interface.as_deref() == Some("eth0"))
    );

    let mut device = std::fs::OpenOptions::new()
        .write(true)
        .open(&scanner)
        .unwrap();
    let records: Vec<u8> = key_events_for("K7PQM3XZR")
        .iter()
        .flat_map(|e| e.to_bytes())
        .collect();
    device.write_all(&records).unwrap();
    let scan = wait_for(&events, Duration::from_secs(5), |e| {
        matches!(e, HardwareEvent::Scanned(_))
    });
    assert!(matches!(scan, HardwareEvent::Scanned(s) if s.text == "K7PQM3XZR"));

    let job = hardware.print(templates::ticket("ar", &common::ticket("ar")));
    let printed = wait_for(&events, Duration::from_secs(5), |e| {
        matches!(e, HardwareEvent::Printed { .. })
    });
    assert!(matches!(printed, HardwareEvent::Printed { job: j, result: Ok(_) } if j == job));

    // The mains goes: the UPS carries on, and runs low.
    write(&power_root.join("AC"), &[("online", "0")]);
    write(
        &power_root.join("BAT0"),
        &[("status", "Discharging"), ("capacity", "20")],
    );
    let low = wait_for(&events, Duration::from_secs(5), |e| {
        matches!(e, HardwareEvent::Power(_))
    });
    assert!(
        matches!(low, HardwareEvent::Power(p) if p.level == PowerLevel::Low),
        "{low:?}"
    );

    let reports = hardware.check();
    let kinds: Vec<DeviceKind> = reports.iter().map(|r| r.device).collect();
    assert_eq!(kinds, DeviceKind::ALL.to_vec());
    for report in &reports {
        assert!(report.ok, "{report}");
    }
    assert_eq!(reports[0].driver.driver, "simulated");
    assert_eq!(reports[1].driver.driver, "evdev");
    assert_eq!(reports[2].status, "on battery, 20 % (low)");
    assert_eq!(reports[4].status, "up on eth0");

    // The scanner is unplugged: reported as a problem, not a crash.
    drop(device);
    let problem = wait_for(&events, Duration::from_secs(5), |e| {
        matches!(e, HardwareEvent::Problem { .. })
    });
    assert!(matches!(
        problem,
        HardwareEvent::Problem {
            device: DeviceKind::Scanner,
            ..
        }
    ));
    assert!(!hardware.check()[1].ok);
}

#[test]
fn a_bare_pc_runs_on_defaults() {
    let started = Instant::now();
    let (mut hardware, _events) = Hardware::start(&HardwareConfig::default(), &common::fonts());
    let reports = hardware.check();
    assert!(started.elapsed() < Duration::from_secs(10));
    let printer = &reports[0];
    if !Path::new("/dev/usb/lp0").exists() {
        assert_eq!(printer.driver.driver, "simulated");
        assert!(printer.ok, "{printer}");
        let doc = templates::learner_card("zh-Hans", &common::learner_card("zh-Hans"));
        assert!(hardware.print_now(&doc).is_ok());
    }
    if !Path::new("/dev/input/by-id").exists() {
        assert_eq!(reports[1].driver.driver, "simulated");
    }
    assert_eq!(
        reports[3].driver.driver, "none",
        "no presence sensor by default"
    );
    assert!(reports[3].ok);
    for report in &reports {
        assert!(!report.status.is_empty(), "{report}");
    }
}
