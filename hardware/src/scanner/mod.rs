//! The barcode/QR scanner: learner cards and staff cards. One scan (the characters up to
//! Enter) is one [`Scan`]. Drivers: [`EvdevScanner`] for keyboard-emulating USB scanners,
//! [`SimulatedScanner`] when there is none.

mod evdev;
pub mod input_event;
pub mod keymap;
mod simulated;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use self::evdev::EvdevScanner;
pub use simulated::{SimulatedScanner, SimulatedScannerHandle};

use crate::config::{ScannerConfig, ScannerDriver};
use crate::device::DriverInfo;

/// What was scanned.
///
/// Its text is a learner code, a staff card or an enrolment ticket: a secret or a way to
/// find a person. `Debug` and `Display` therefore say only how long it is ("scan (14
/// characters)"), so no log line can carry it; read [`Scan::text`] to act on it.
#[derive(Clone, PartialEq, Eq)]
pub struct Scan {
    /// The code's text, e.g. a learner code.
    pub text: String,
}

impl std::fmt::Display for Scan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "scan ({} characters)", self.text.chars().count())
    }
}

impl std::fmt::Debug for Scan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

/// Why the scanner cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ScannerError {
    /// The device cannot be opened.
    #[error("cannot open the scanner at {path}: {source} (is it plugged in, and may the kiosk user read input devices?)", path = .path.display())]
    Open {
        /// The device.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The device cannot be grabbed (another program holds it).
    #[error("cannot take the scanner at {path} for the kiosk alone: {source}", path = .path.display())]
    Grab {
        /// The device.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The keyboard layout named in `hardware.toml` is not one XKB knows.
    #[error(
        "the scanner's keyboard layout {layout:?} (variant {variant:?}) is unknown: set [scanner] layout to an XKB layout such as us, fr or de (the package xkb-data lists them)"
    )]
    UnknownLayout {
        /// The layout.
        layout: String,
        /// The variant.
        variant: String,
    },
    /// The device went away.
    #[error("the scanner at {path} stopped: {reason}", path = .path.display())]
    Disconnected {
        /// The device.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// A scanner.
pub trait Scanner: Send {
    /// The driver and its device.
    fn driver(&self) -> DriverInfo;

    /// The next scan, waiting at most `timeout`; `Ok(None)` when nothing was scanned.
    fn next_scan(&mut self, timeout: Duration) -> Result<Option<Scan>, ScannerError>;
}

/// No scanner, by configuration.
#[derive(Debug, Default)]
pub struct NoScanner;

impl Scanner for NoScanner {
    fn driver(&self) -> DriverInfo {
        DriverInfo::new("none")
    }

    fn next_scan(&mut self, timeout: Duration) -> Result<Option<Scan>, ScannerError> {
        std::thread::sleep(timeout);
        Ok(None)
    }
}

/// The scanner `config` chooses. `auto` takes the first event device in `search_dir` whose
/// name says barcode or scanner, and the simulated scanner when there is none.
pub fn open(config: &ScannerConfig) -> Result<Box<dyn Scanner>, ScannerError> {
    use keymap::Layout;
    match config.driver {
        ScannerDriver::None => Ok(Box::new(NoScanner)),
        ScannerDriver::Simulated => Ok(Box::new(SimulatedScanner::new())),
        ScannerDriver::Evdev => {
            let path = config.device.clone().unwrap_or_default();
            Ok(Box::new(EvdevScanner::open(
                &path,
                config.grab,
                &Layout::of(config),
            )?))
        }
        ScannerDriver::Auto => {
            let found = config.device.clone().or_else(|| find(&config.search_dir));
            match found {
                Some(path) => Ok(Box::new(EvdevScanner::open(
                    &path,
                    config.grab,
                    &Layout::of(config),
                )?)),
                None => Ok(Box::new(SimulatedScanner::new())),
            }
        }
    }
}

/// The first keyboard event device in `dir` (e.g. `/dev/input/by-id`) whose name mentions a
/// barcode or a scanner, in name order.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            name.ends_with("-event-kbd")
                && ["barcode", "scanner", "scan", "qr"]
                    .iter()
                    .any(|word| name.contains(word))
        })
        .collect();
    candidates.sort();
    candidates.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_finds_a_scanner_by_name_or_falls_back_to_simulated() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(find(dir.path()), None);
        for name in [
            "usb-Logitech_USB_Keyboard-event-kbd",
            "usb-Honeywell_Barcode_Scanner_123-event-kbd",
            "usb-Honeywell_Barcode_Scanner_123-if01-event-mouse",
        ] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        assert_eq!(
            find(dir.path()),
            Some(
                dir.path()
                    .join("usb-Honeywell_Barcode_Scanner_123-event-kbd")
            )
        );
        let config = ScannerConfig {
            search_dir: dir.path().join("absent"),
            ..ScannerConfig::default()
        };
        assert_eq!(open(&config).unwrap().driver().driver, "simulated");
    }

    #[test]
    fn a_scan_never_shows_its_text_in_debug_or_display() {
        let scan = Scan {
            text: "STAFF-RIVERTON-0042".into(),
        };
        let event = crate::HardwareEvent::Scanned(scan.clone());
        for shown in [
            format!("{scan}"),
            format!("{scan:?}"),
            format!("{scan:#?}"),
            format!("{event:?}"),
            format!("{event:#?}"),
            format!("{event}"),
        ] {
            assert!(!shown.contains("RIVERTON"), "{shown}");
            assert!(shown.contains("scan (19 characters)"), "{shown}");
        }
    }

    #[test]
    fn the_simulated_scanner_scans_what_it_is_given() {
        let mut scanner = SimulatedScanner::new();
        scanner.handle().scan("K7PQM3XZR");
        assert_eq!(
            scanner.next_scan(Duration::from_millis(10)).unwrap(),
            Some(Scan {
                text: "K7PQM3XZR".into()
            })
        );
        assert_eq!(scanner.next_scan(Duration::from_millis(10)).unwrap(), None);
    }
}
