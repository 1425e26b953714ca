//! Power from `/sys/class/power_supply`: each supply is a folder with `type` (Mains, USB,
//! Battery, UPS…), `online` for chargers, and `status`, `capacity`, `capacity_level`,
//! `energy_now`/`energy_full` (or `charge_*`) for batteries. Device batteries (`scope` =
//! Device, e.g. a wireless mouse) are ignored unless named in configuration.

use std::path::{Path, PathBuf};

use super::{PowerError, PowerLevel, PowerMonitor, PowerSource, PowerState, Thresholds};
use crate::device::DriverInfo;

/// Reads the power-supply class folder.
#[derive(Debug, Clone)]
pub struct SysfsPower {
    root: PathBuf,
    supplies: Vec<String>,
    thresholds: Thresholds,
}

/// One battery's readings.
#[derive(Debug, Default)]
struct Battery {
    status: String,
    capacity: Option<u8>,
    level: Option<PowerLevel>,
    energy: Option<(u64, u64)>,
}

impl SysfsPower {
    /// Reads supplies under `root`; only those named in `supplies` when it is not empty.
    pub fn new(root: PathBuf, supplies: Vec<String>, thresholds: Thresholds) -> SysfsPower {
        SysfsPower {
            root,
            supplies,
            thresholds,
        }
    }
}

fn read_trimmed(path: &Path) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_owned())
}

fn read_number(path: &Path) -> Option<u64> {
    read_trimmed(path)?.parse().ok()
}

impl PowerMonitor for SysfsPower {
    fn driver(&self) -> DriverInfo {
        DriverInfo::with_target("sysfs", self.root.display().to_string())
    }

    fn read(&mut self) -> Result<PowerState, PowerError> {
        let entries = std::fs::read_dir(&self.root).map_err(|source| PowerError::Read {
            path: self.root.clone(),
            source,
        })?;
        let mut folders: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        folders.sort();
        let mut mains_listed = false;
        let mut mains_online = false;
        let mut batteries: Vec<Battery> = Vec::new();
        for folder in folders {
            let name = folder
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let named = self.supplies.contains(&name);
            if !self.supplies.is_empty() && !named {
                continue;
            }
            if !named && read_trimmed(&folder.join("scope")).as_deref() == Some("Device") {
                continue;
            }
            let kind = read_trimmed(&folder.join("type")).unwrap_or_default();
            match kind.as_str() {
                "Battery" | "UPS" => {
                    if read_trimmed(&folder.join("present")).as_deref() == Some("0") {
                        continue;
                    }
                    let pair = |now: &str, full: &str| {
                        Some((
                            read_number(&folder.join(now))?,
                            read_number(&folder.join(full))?,
                        ))
                    };
                    batteries.push(Battery {
                        status: read_trimmed(&folder.join("status")).unwrap_or_default(),
                        capacity: read_number(&folder.join("capacity")).map(|c| c.min(100) as u8),
                        level: match read_trimmed(&folder.join("capacity_level")).as_deref() {
                            Some("Critical") => Some(PowerLevel::Critical),
                            Some("Low") => Some(PowerLevel::Low),
                            Some("Normal" | "High" | "Full") => Some(PowerLevel::Normal),
                            _ => None,
                        },
                        energy: pair("energy_now", "energy_full")
                            .or_else(|| pair("charge_now", "charge_full")),
                    });
                }
                _ => {
                    // Mains, USB, USB_C, USB_PD, Wireless…: a charger.
                    mains_listed = true;
                    if read_trimmed(&folder.join("online")).as_deref() == Some("1") {
                        mains_online = true;
                    }
                }
            }
        }
        if batteries.is_empty() {
            return Ok(PowerState::mains());
        }
        let discharging = batteries.iter().any(|b| b.status == "Discharging");
        let charging = batteries.iter().any(|b| b.status == "Charging");
        let on_mains_by_status = batteries
            .iter()
            .any(|b| matches!(b.status.as_str(), "Charging" | "Full" | "Not charging"));
        let source = if mains_online {
            PowerSource::Mains
        } else if discharging || mains_listed {
            PowerSource::Battery
        } else if on_mains_by_status {
            PowerSource::Mains
        } else {
            PowerSource::Unknown
        };
        let capacity = combined_capacity(&batteries);
        let reported = batteries.iter().filter_map(|b| b.level).max();
        Ok(PowerState {
            source,
            capacity_percent: capacity,
            charging,
            level: self.thresholds.level(source, capacity, reported),
        })
    }
}

/// Charge of all batteries together: by energy when every battery reports it, else the mean
/// of their percentages.
fn combined_capacity(batteries: &[Battery]) -> Option<u8> {
    let energies: Option<Vec<(u64, u64)>> = batteries.iter().map(|b| b.energy).collect();
    if let Some(energies) = energies {
        let now: u64 = energies.iter().map(|(n, _)| n).sum();
        let full: u64 = energies.iter().map(|(_, f)| f).sum();
        if let Some(percent) = now.saturating_mul(100).checked_div(full) {
            return Some(percent.min(100) as u8);
        }
    }
    let percents: Vec<u64> = batteries
        .iter()
        .filter_map(|b| b.capacity.map(u64::from))
        .collect();
    if percents.is_empty() {
        return None;
    }
    Some((percents.iter().sum::<u64>() / percents.len() as u64) as u8)
}
