//! The sysfs power and link drivers reading fake `/sys/class/power_supply` and
//! `/sys/class/net` trees in temporary folders, laid out as the kernel lays them out.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use hardware::link::{InterfaceKind, LinkHandle, LinkMonitor, SysfsLink};
use hardware::power::{PowerLevel, PowerMonitor, PowerSource, SysfsPower, Thresholds};

fn write(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, content) in files {
        std::fs::write(dir.join(name), format!("{content}\n")).unwrap();
    }
}

const THRESHOLDS: Thresholds = Thresholds {
    low_percent: 25,
    critical_percent: 10,
};

fn power(root: &Path) -> SysfsPower {
    SysfsPower::new(root.to_owned(), Vec::new(), THRESHOLDS)
}

#[test]
fn a_desktop_without_batteries_is_on_mains() {
    let root = tempfile::tempdir().unwrap();
    let state = power(root.path()).read().unwrap();
    assert_eq!(state.source, PowerSource::Mains);
    assert_eq!(state.capacity_percent, None);
    assert_eq!(state.level, PowerLevel::Normal);
}

#[test]
fn a_tablet_on_battery_goes_low_then_critical_and_back_on_mains() {
    let root = tempfile::tempdir().unwrap();
    let ac = root.path().join("AC");
    let bat = root.path().join("BAT0");
    write(&ac, &[("type", "Mains"), ("online", "0")]);
    write(
        &bat,
        &[
            ("type", "Battery"),
            ("present", "1"),
            ("status", "Discharging"),
            ("capacity", "41"),
            ("capacity_level", "Normal"),
        ],
    );
    let mut monitor = power(root.path());
    let state = monitor.read().unwrap();
    assert_eq!(state.source, PowerSource::Battery);
    assert_eq!(state.capacity_percent, Some(41));
    assert_eq!(state.level, PowerLevel::Normal);
    assert_eq!(state.to_string(), "on battery, 41 %");

    write(&bat, &[("capacity", "25")]);
    assert_eq!(monitor.read().unwrap().level, PowerLevel::Low);
    write(&bat, &[("capacity", "9")]);
    assert_eq!(monitor.read().unwrap().level, PowerLevel::Critical);

    write(&ac, &[("online", "1")]);
    write(&bat, &[("status", "Charging")]);
    let state = monitor.read().unwrap();
    assert_eq!(state.source, PowerSource::Mains);
    assert!(state.charging);
    assert_eq!(
        state.level,
        PowerLevel::Normal,
        "low charge on mains is no worry"
    );
}

#[test]
fn two_batteries_combine_by_energy_and_device_batteries_are_ignored() {
    let root = tempfile::tempdir().unwrap();
    write(
        &root.path().join("BAT0"),
        &[
            ("type", "Battery"),
            ("status", "Discharging"),
            ("capacity", "90"),
            ("energy_now", "45000000"),
            ("energy_full", "50000000"),
        ],
    );
    write(
        &root.path().join("BAT1"),
        &[
            ("type", "Battery"),
            ("status", "Discharging"),
            ("capacity", "10"),
            ("energy_now", "1000000"),
            ("energy_full", "10000000"),
        ],
    );
    // A wireless mouse at 3 %: not the kiosk's power.
    write(
        &root.path().join("hid-mouse-battery"),
        &[
            ("type", "Battery"),
            ("scope", "Device"),
            ("status", "Discharging"),
            ("capacity", "3"),
        ],
    );
    let state = power(root.path()).read().unwrap();
    assert_eq!(state.capacity_percent, Some(76)); // 46 of 60 Wh
    assert_eq!(state.level, PowerLevel::Normal);
}

#[test]
fn a_ups_named_in_configuration_counts_even_as_a_device_battery() {
    let root = tempfile::tempdir().unwrap();
    write(
        &root.path().join("hid-0001-ups"),
        &[
            ("type", "Battery"),
            ("scope", "Device"),
            ("status", "Discharging"),
            ("capacity_level", "Critical"),
        ],
    );
    let mut monitor = SysfsPower::new(
        root.path().to_owned(),
        vec!["hid-0001-ups".into()],
        THRESHOLDS,
    );
    let state = monitor.read().unwrap();
    assert_eq!(state.source, PowerSource::Battery);
    assert_eq!(state.capacity_percent, None);
    assert_eq!(
        state.level,
        PowerLevel::Critical,
        "the battery's own word is used"
    );
}

#[test]
fn a_missing_power_folder_is_an_error_that_names_it() {
    let root = tempfile::tempdir().unwrap();
    let error = power(&root.path().join("absent")).read().unwrap_err();
    assert!(error.to_string().contains("absent"), "{error}");
}

fn interface(root: &Path, name: &str, files: &[(&str, &str)], physical: bool) {
    let dir = root.join(name);
    write(&dir, files);
    if physical {
        std::fs::create_dir_all(dir.join("device")).unwrap();
    }
}

#[test]
fn the_link_is_up_when_a_physical_interface_is() {
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    interface(
        r,
        "lo",
        &[("operstate", "unknown"), ("carrier", "1"), ("type", "772")],
        false,
    );
    interface(r, "docker0", &[("operstate", "up"), ("type", "1")], false);
    interface(r, "eth0", &[("operstate", "down"), ("type", "1")], true);
    interface(r, "wlan0", &[("operstate", "down"), ("type", "1")], true);
    std::fs::create_dir_all(r.join("wlan0/wireless")).unwrap();
    let mut link = SysfsLink::new(r.to_owned(), Vec::new());
    let status = link.read().unwrap();
    assert!(!status.up, "loopback and bridges do not count: {status:?}");

    write(&r.join("wlan0"), &[("operstate", "up")]);
    let status = link.read().unwrap();
    assert!(status.up);
    assert_eq!(status.interface.as_deref(), Some("wlan0"));
    assert_eq!(status.kind, InterfaceKind::Wireless);

    write(&r.join("eth0"), &[("operstate", "up")]);
    let status = link.read().unwrap();
    assert_eq!(
        status.interface.as_deref(),
        Some("eth0"),
        "wired is preferred"
    );
    assert_eq!(status.kind, InterfaceKind::Wired);
}

#[test]
fn a_modem_that_says_unknown_counts_by_its_carrier() {
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    interface(
        r,
        "wwan0",
        &[
            ("operstate", "unknown"),
            ("carrier", "0"),
            ("type", "65534"),
            ("uevent", "DEVTYPE=wwan\nINTERFACE=wwan0"),
        ],
        true,
    );
    let mut link = SysfsLink::new(r.to_owned(), vec!["wwan0".into()]);
    assert!(!link.read().unwrap().up);
    write(&r.join("wwan0"), &[("carrier", "1")]);
    let status = link.read().unwrap();
    assert!(status.up);
    assert_eq!(status.kind, InterfaceKind::Mobile);
}

#[test]
fn the_link_state_joins_interfaces_configuration_and_measured_speed() {
    let root = tempfile::tempdir().unwrap();
    interface(
        root.path(),
        "eth0",
        &[("operstate", "up"), ("type", "1")],
        true,
    );
    let mut monitor = SysfsLink::new(root.path().to_owned(), Vec::new());
    let handle = LinkHandle::new(true);
    assert!(!handle.state().up, "down until read");
    assert!(handle.update(monitor.read().unwrap()));
    assert!(
        !handle.update(monitor.read().unwrap()),
        "no change, no update"
    );
    let sync_worker = handle.clone();
    sync_worker.record_transfer(2_000_000, Duration::from_secs(4));
    let state = handle.state();
    assert!(state.up && state.metered);
    assert_eq!(state.interface.as_deref(), Some("eth0"));
    assert_eq!(state.throughput.unwrap().bytes_per_second, 500_000.0);
    assert_eq!(state.to_string(), "up on eth0, metered, 500 kB/s measured");
}
