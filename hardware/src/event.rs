//! What the hardware tells the kiosk, one event at a time, over the channel
//! [`crate::Hardware::start`] returns.

use crate::device::DeviceKind;
use crate::link::LinkState;
use crate::power::PowerState;
use crate::presence::Presence;
use crate::printer::{PrinterError, PrinterStatus};
use crate::scanner::Scan;

/// Identifies a print job queued with [`crate::Hardware::print`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PrintJob(pub u64);

/// Something happened to a peripheral.
#[derive(Debug, Clone)]
pub enum HardwareEvent {
    /// A card or code was scanned (one event per scan).
    Scanned(Scan),
    /// Someone arrived (wake the attract screen) or left.
    Presence(Presence),
    /// The power state changed (source, level or charge).
    Power(PowerState),
    /// The uplink went up or down, or moved to another interface.
    Link(LinkState),
    /// The printer's status changed (background polling).
    PrinterStatus(PrinterStatus),
    /// A queued print finished: the status seen before printing, or why it failed (then the
    /// kiosk offers the QR code on screen).
    Printed {
        /// The job.
        job: PrintJob,
        /// How it went.
        result: Result<PrinterStatus, PrinterError>,
    },
    /// A simulated driver serves this device (sent once, at start): `auto` found no real one,
    /// or `hardware.toml` asks for it. Its statuses mean nothing about a real device.
    Simulated {
        /// Which device.
        device: DeviceKind,
        /// Why, e.g. "no printer found at /dev/usb/lp0" or [`crate::device::SIMULATED_BY_CONFIGURATION`].
        reason: String,
    },
    /// A device failed or went away; the message says what to do.
    Problem {
        /// Which device.
        device: DeviceKind,
        /// What went wrong.
        message: String,
    },
}

/// One line for a log: what happened, never what was scanned (see [`Scan`]).
impl std::fmt::Display for HardwareEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HardwareEvent::Scanned(scan) => write!(f, "{scan}"),
            HardwareEvent::Presence(Presence::Arrived) => f.write_str("presence: someone arrived"),
            HardwareEvent::Presence(Presence::Left) => f.write_str("presence: nobody there"),
            HardwareEvent::Power(power) => write!(f, "power: {power}"),
            HardwareEvent::Link(link) => write!(f, "link: {link}"),
            HardwareEvent::PrinterStatus(status) => write!(f, "printer: {status}"),
            HardwareEvent::Printed { job, result: Ok(_) } => write!(f, "print job {} done", job.0),
            HardwareEvent::Printed {
                job,
                result: Err(error),
            } => write!(f, "print job {} failed: {error}", job.0),
            HardwareEvent::Simulated { device, reason } => {
                write!(f, "{device}: {}", crate::device::simulated_status(reason))
            }
            HardwareEvent::Problem { device, message } => write!(f, "{device}: {message}"),
        }
    }
}
