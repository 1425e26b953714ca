//! The whole hub: devices chosen by configuration, started together, reporting events over
//! one channel; and the defaults on a PC with no peripherals.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use hardware::config::{LinkDriver, PowerDriver, PrinterDriver, ScannerDriver, SpeechDriver};
use hardware::device::SIMULATED_BY_CONFIGURATION;
use hardware::power::PowerLevel;
use hardware::printer::templates;
use hardware::scanner::keymap::key_events_for;
use hardware::{DeviceKind, DeviceState, Hardware, HardwareConfig, HardwareEvent};

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
        // Printer and speech are simulated, as configured, and said to be.
        let expected = match report.device {
            DeviceKind::Printer | DeviceKind::Speech => DeviceState::Simulated,
            _ => DeviceState::Ok,
        };
        assert_eq!(report.state, expected, "{report}");
    }
    assert_eq!(reports[0].status, "simulated (as set in hardware.toml)");
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
    assert_eq!(hardware.check()[1].state, DeviceState::Failed);
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
        assert_eq!(printer.state, DeviceState::Simulated, "{printer}");
        assert_eq!(
            printer.status,
            "simulated (no printer found at /dev/usb/lp0)"
        );
        assert!(printer.usable());
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
    assert_eq!(reports[3].state, DeviceState::Ok);
    for report in &reports {
        assert!(!report.status.is_empty(), "{report}");
    }
}

/// Every event that arrives within `wait`.
fn events_within(events: &Receiver<HardwareEvent>, wait: Duration) -> Vec<HardwareEvent> {
    let deadline = Instant::now() + wait;
    let mut seen = Vec::new();
    while let Ok(event) = events.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        seen.push(event);
    }
    seen
}

#[test]
fn devices_auto_does_not_find_are_simulated_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let absent = dir.path().join("absent");
    let mut config = HardwareConfig::default();
    config.printer.device = absent.join("lp0");
    config.scanner.search_dir = absent.join("by-id");
    config.power.root = absent.join("power_supply");
    config.link.root = absent.join("net");
    config.speech.driver = SpeechDriver::None;
    config.presence.driver = hardware::config::PresenceDriver::Simulated;
    let (mut hardware, events) = Hardware::start(&config, &common::fonts());
    let expected = [
        (
            DeviceKind::Printer,
            format!("no printer found at {}", absent.join("lp0").display()),
        ),
        (
            DeviceKind::Scanner,
            format!("no scanner found in {}", absent.join("by-id").display()),
        ),
        (
            DeviceKind::Power,
            format!(
                "no power supply readings in {}",
                absent.join("power_supply").display()
            ),
        ),
        (DeviceKind::Presence, SIMULATED_BY_CONFIGURATION.to_owned()),
        (
            DeviceKind::Link,
            format!("no network interfaces in {}", absent.join("net").display()),
        ),
    ];
    let seen = events_within(&events, Duration::from_millis(500));
    for (device, reason) in &expected {
        assert!(
            seen.iter().any(|e| matches!(
                e,
                HardwareEvent::Simulated { device: d, reason: r } if d == device && r == reason
            )),
            "{device}: {seen:?}"
        );
        assert_eq!(hardware.simulated().get(device), Some(reason));
    }
    let reports = hardware.check();
    for report in &reports {
        match expected.iter().find(|(device, _)| *device == report.device) {
            Some((_, reason)) => {
                assert_eq!(report.state, DeviceState::Simulated, "{report}");
                assert_eq!(report.status, format!("simulated ({reason})"));
                assert_eq!(
                    report.to_string(),
                    format!("{:<9} sim  simulated ({reason})", report.device.name())
                );
            }
            None => {
                assert_eq!(report.device, DeviceKind::Speech);
                assert_eq!(report.state, DeviceState::Ok, "{report}");
                assert_eq!(report.status, "no speech configured");
            }
        }
    }
}

#[test]
fn a_configured_printer_that_cannot_be_reached_is_an_error_naming_it() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    drop(listener);
    let dir = tempfile::tempdir().unwrap();
    let device = dir.path().join("lp0");
    let printers = [
        (PrinterDriver::Tcp, true, address.clone()),
        (PrinterDriver::Tcp, false, address.clone()),
        (PrinterDriver::Device, true, device.display().to_string()),
        (PrinterDriver::Device, false, device.display().to_string()),
    ];
    for (driver, status_query, target) in printers {
        let mut config = HardwareConfig::default();
        config.printer.driver = driver;
        config.printer.address = Some(address.clone());
        config.printer.device = device.clone();
        config.printer.status_query = status_query;
        config.printer.timeout_seconds = 2.0;
        config.speech.driver = SpeechDriver::None;
        let (mut hardware, events) = Hardware::start(&config, &common::fonts());
        let problem = wait_for(&events, Duration::from_secs(10), |e| {
            matches!(
                e,
                HardwareEvent::Problem {
                    device: DeviceKind::Printer,
                    ..
                }
            )
        });
        let wanted = format!("the printer at {target} cannot be reached");
        assert!(
            matches!(&problem, HardwareEvent::Problem { message, .. } if message.starts_with(&wanted)),
            "{problem:?}"
        );
        let printer = &hardware.check()[0];
        assert_eq!(printer.state, DeviceState::Failed, "{printer}");
        assert!(printer.status.starts_with(&wanted), "{printer}");
        assert!(!printer.usable());
        assert!(!hardware.simulated().contains_key(&DeviceKind::Printer));
    }
}
