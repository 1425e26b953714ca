//! Battery or UPS: whether the kiosk runs on mains or on battery, how much charge is left,
//! and whether that is low (defer large downloads, dim) or critical (sync what can be synced,
//! show a notice), against thresholds from configuration.

mod simulated;
mod sysfs;

use std::path::PathBuf;

pub use simulated::SimulatedPower;
pub use sysfs::SysfsPower;

use crate::config::{PowerConfig, PowerDriver};
use crate::device::DriverInfo;

/// Where power comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PowerSource {
    /// Mains (including a battery that is charging or full on mains).
    Mains,
    /// The battery or UPS is feeding the kiosk.
    Battery,
    /// Batteries are present but say neither.
    Unknown,
}

/// How worried the kiosk should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PowerLevel {
    /// On mains, or on battery above the low threshold.
    Normal,
    /// On battery at or below `low_percent`: defer large downloads and dim.
    Low,
    /// On battery at or below `critical_percent`: sync what can be synced, show a notice.
    Critical,
}

/// The power state at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PowerState {
    /// Mains or battery.
    pub source: PowerSource,
    /// Charge left in percent, when a battery reports it.
    pub capacity_percent: Option<u8>,
    /// A battery is charging.
    pub charging: bool,
    /// Normal, low or critical.
    pub level: PowerLevel,
}

impl PowerState {
    /// On mains with no battery: a desktop PC.
    pub fn mains() -> PowerState {
        PowerState {
            source: PowerSource::Mains,
            capacity_percent: None,
            charging: false,
            level: PowerLevel::Normal,
        }
    }
}

impl std::fmt::Display for PowerState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = match self.source {
            PowerSource::Mains => "on mains",
            PowerSource::Battery => "on battery",
            PowerSource::Unknown => "power source unknown",
        };
        f.write_str(source)?;
        if let Some(capacity) = self.capacity_percent {
            write!(f, ", {capacity} %")?;
        }
        if self.charging {
            f.write_str(", charging")?;
        }
        match self.level {
            PowerLevel::Normal => Ok(()),
            PowerLevel::Low => f.write_str(" (low)"),
            PowerLevel::Critical => f.write_str(" (critical)"),
        }
    }
}

/// Thresholds from configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Low at or below this charge on battery.
    pub low_percent: u8,
    /// Critical at or below this charge on battery.
    pub critical_percent: u8,
}

impl Thresholds {
    /// The level for a source and charge; `reported` is the battery's own word
    /// (`capacity_level`) for when it gives no percentage.
    pub fn level(
        &self,
        source: PowerSource,
        capacity: Option<u8>,
        reported: Option<PowerLevel>,
    ) -> PowerLevel {
        if source != PowerSource::Battery {
            return PowerLevel::Normal;
        }
        match capacity {
            Some(c) if c <= self.critical_percent => PowerLevel::Critical,
            Some(c) if c <= self.low_percent => PowerLevel::Low,
            Some(_) => PowerLevel::Normal,
            None => reported.unwrap_or(PowerLevel::Normal),
        }
    }
}

/// Why the power state cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum PowerError {
    /// The power-supply folder cannot be read.
    #[error("cannot read {path}: {source}", path = .path.display())]
    Read {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// Reads the power state.
pub trait PowerMonitor: Send {
    /// The driver and where it reads.
    fn driver(&self) -> DriverInfo;

    /// The state now.
    fn read(&mut self) -> Result<PowerState, PowerError>;
}

/// The monitor `config` chooses (`None` when configured off). `auto` reads sysfs where the
/// folder exists, and simulates mains elsewhere.
pub fn open(config: &PowerConfig) -> Option<Box<dyn PowerMonitor>> {
    let thresholds = Thresholds {
        low_percent: config.low_percent,
        critical_percent: config.critical_percent,
    };
    let sysfs = || SysfsPower::new(config.root.clone(), config.supplies.clone(), thresholds);
    match config.driver {
        PowerDriver::None => None,
        PowerDriver::Simulated => Some(Box::new(SimulatedPower::new())),
        PowerDriver::Sysfs => Some(Box::new(sysfs())),
        PowerDriver::Auto if config.root.is_dir() => Some(Box::new(sysfs())),
        PowerDriver::Auto => Some(Box::new(SimulatedPower::new())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_apply_only_on_battery() {
        let t = Thresholds {
            low_percent: 25,
            critical_percent: 10,
        };
        assert_eq!(
            t.level(PowerSource::Battery, Some(50), None),
            PowerLevel::Normal
        );
        assert_eq!(
            t.level(PowerSource::Battery, Some(25), None),
            PowerLevel::Low
        );
        assert_eq!(
            t.level(PowerSource::Battery, Some(10), None),
            PowerLevel::Critical
        );
        assert_eq!(
            t.level(PowerSource::Mains, Some(5), None),
            PowerLevel::Normal
        );
        assert_eq!(
            t.level(PowerSource::Battery, None, Some(PowerLevel::Critical)),
            PowerLevel::Critical
        );
    }
}
