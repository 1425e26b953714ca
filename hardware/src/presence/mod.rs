//! The presence sensor, which wakes the attract screen when someone comes near. Drivers:
//! [`GpioPresence`] (a GPIO line through the character-device API), [`SimulatedPresence`];
//! no sensor at all is the default and is fine.

mod gpio;
mod simulated;
pub mod tracker;

use std::path::PathBuf;
use std::time::Duration;

pub use gpio::GpioPresence;
pub use simulated::{SimulatedPresence, SimulatedPresenceHandle};
pub use tracker::PresenceTracker;

use crate::config::{PresenceConfig, PresenceDriver};
use crate::device::DriverInfo;

/// Someone came or went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Someone is in front of the kiosk.
    Arrived,
    /// Nobody has been seen for the hold time.
    Left,
}

/// Why the sensor cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum PresenceError {
    /// The GPIO line cannot be requested or read.
    #[error("presence sensor on {chip} line {line}: {reason} (check [presence] chip and line, and that the kiosk user may open the chip)", chip = .chip.display())]
    Gpio {
        /// The chip.
        chip: PathBuf,
        /// The line offset.
        line: u32,
        /// What the GPIO library said.
        reason: String,
    },
}

/// A presence sensor.
pub trait PresenceSensor: Send {
    /// The driver and its line.
    fn driver(&self) -> DriverInfo;

    /// The next change, waiting at most `timeout`; `Ok(None)` when nothing changed.
    fn next_change(&mut self, timeout: Duration) -> Result<Option<Presence>, PresenceError>;
}

/// The sensor `config` chooses, or `None` when there is none.
pub fn open(config: &PresenceConfig) -> Result<Option<Box<dyn PresenceSensor>>, PresenceError> {
    match config.driver {
        PresenceDriver::None => Ok(None),
        PresenceDriver::Simulated => Ok(Some(Box::new(SimulatedPresence::new()))),
        PresenceDriver::Gpio => {
            let line = config.line.unwrap_or_default();
            Ok(Some(Box::new(GpioPresence::open(
                &config.chip,
                line,
                config.active_low,
                Duration::from_millis(config.debounce_ms),
                Duration::from_secs(config.absent_after_seconds),
            )?)))
        }
    }
}
