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

/// How a device is, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceState {
    /// The device works (or is absent by configuration, which is fine).
    Ok,
    /// A simulated driver serves it: none was found where `auto` looked, or `hardware.toml`
    /// asks for one. The kiosk carries on (prints show their QR code on screen instead).
    Simulated,
    /// The device is configured or was found, and does not work.
    Failed,
}

impl DeviceState {
    /// `ok`, `sim` or `FAIL`, as `kiosk hardware check` prints it.
    pub fn word(self) -> &'static str {
        match self {
            DeviceState::Ok => "ok",
            DeviceState::Simulated => "sim",
            DeviceState::Failed => "FAIL",
        }
    }
}

/// Why a simulated driver serves a device whose configuration chose it explicitly.
pub const SIMULATED_BY_CONFIGURATION: &str = "as set in hardware.toml";

/// A device served by a simulated driver, in words: `simulated (no printer found at
/// /dev/usb/lp0)`. The same text goes to `kiosk hardware check`, the staff screen and the
/// heartbeat (so the fleet page never shows a simulated printer as ready).
pub fn simulated_status(reason: &str) -> String {
    format!("simulated ({reason})")
}

/// One line of `kiosk hardware check`: a device, its driver and how it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceReport {
    /// Which device.
    pub device: DeviceKind,
    /// Its driver and target.
    pub driver: DriverInfo,
    /// Working, simulated or failed.
    pub state: DeviceState,
    /// Its state in words, e.g. "ready", "paper out", "on battery, 41 %", "simulated (no
    /// printer found at /dev/usb/lp0)".
    pub status: String,
}

impl DeviceReport {
    /// True unless the device failed (a simulated stand-in lets the kiosk carry on).
    pub fn usable(&self) -> bool {
        self.state != DeviceState::Failed
    }
}

impl fmt::Display for DeviceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.device.name();
        let state = self.state.word();
        match self.state {
            // "simulated: simulated (…)" would say it twice.
            DeviceState::Simulated => write!(f, "{name:<9} {state:<4} {}", self.status),
            _ => write!(f, "{name:<9} {state:<4} {}: {}", self.driver, self.status),
        }
    }
}
