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
    /// A device failed or went away; the message says what to do.
    Problem {
        /// Which device.
        device: DeviceKind,
        /// What went wrong.
        message: String,
    },
}
