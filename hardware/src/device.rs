//! What every driver says about itself: which device it serves, which driver it is, where it
//! talks to, and (for `kiosk hardware check` and the admin page) a one-line health report.

use std::fmt;

/// The kinds of peripheral a kiosk may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeviceKind {
    /// The receipt printer.
    Printer,
    /// The barcode/QR scanner.
    Scanner,
    /// Battery or UPS.
    Power,
    /// The presence sensor.
    Presence,
    /// The network uplink.
    Link,
    /// Text to speech.
    Speech,
}

impl DeviceKind {
    /// Every kind, in the order `kiosk hardware check` lists them.
    pub const ALL: [DeviceKind; 6] = [
        DeviceKind::Printer,
        DeviceKind::Scanner,
        DeviceKind::Power,
        DeviceKind::Presence,
        DeviceKind::Link,
        DeviceKind::Speech,
    ];

    /// The configuration table and display name, e.g. `printer`.
    pub fn name(self) -> &'static str {
        match self {
            DeviceKind::Printer => "printer",
            DeviceKind::Scanner => "scanner",
            DeviceKind::Power => "power",
            DeviceKind::Presence => "presence",
            DeviceKind::Link => "link",
            DeviceKind::Speech => "speech",
        }
    }
}

impl fmt::Display for DeviceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which driver serves a device and what it is connected to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverInfo {
    /// The driver's name as configuration spells it, e.g. `escpos-tcp`, `simulated`.
    pub driver: &'static str,
    /// The device path, address or program it uses, if any.
    pub target: Option<String>,
}

impl DriverInfo {
    /// A driver with no target (simulated devices, "none").
    pub fn new(driver: &'static str) -> DriverInfo {
        DriverInfo {
            driver,
            target: None,
        }
    }

    /// A driver talking to `target`.
    pub fn with_target(driver: &'static str, target: impl Into<String>) -> DriverInfo {
        DriverInfo {
            driver,
            target: Some(target.into()),
        }
    }
}

impl fmt::Display for DriverInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Some(target) => write!(f, "{} ({target})", self.driver),
            None => f.write_str(self.driver),
        }
    }
}

/// One line of `kiosk hardware check`: a device, its driver and how it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceReport {
    /// Which device.
    pub device: DeviceKind,
    /// Its driver and target.
    pub driver: DriverInfo,
    /// True when the device works (or is absent by configuration, which is fine).
    pub ok: bool,
    /// Its state in words, e.g. "ready", "paper out", "on battery, 41 %".
    pub status: String,
}

impl fmt::Display for DeviceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<9} {:<4} {}: {}",
            self.device.name(),
            if self.ok { "ok" } else { "FAIL" },
            self.driver,
            self.status
        )
    }
}
