//! The uplink from `/sys/class/net`: each interface is a folder with `operstate` (up, down,
//! unknown…), `carrier`, and hints of its kind (`wireless/`, `DEVTYPE=wwan` in `uevent`).
//! Without a configured list, only physical interfaces (with a `device` link) count, so
//! loopback, bridges and container veths never make the kiosk think it is online.

use std::path::{Path, PathBuf};

use super::{InterfaceKind, LinkError, LinkMonitor, LinkStatus};
use crate::device::DriverInfo;

/// Reads the network class folder.
#[derive(Debug, Clone)]
pub struct SysfsLink {
    root: PathBuf,
    interfaces: Vec<String>,
}

impl SysfsLink {
    /// Reads interfaces under `root`; only `interfaces` when that is not empty.
    pub fn new(root: PathBuf, interfaces: Vec<String>) -> SysfsLink {
        SysfsLink { root, interfaces }
    }
}

fn read_trimmed(path: &Path) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_owned())
}

fn kind_of(folder: &Path, name: &str) -> InterfaceKind {
    let uevent = read_trimmed(&folder.join("uevent")).unwrap_or_default();
    if folder.join("wireless").exists() || folder.join("phy80211").exists() {
        InterfaceKind::Wireless
    } else if uevent.lines().any(|l| l == "DEVTYPE=wwan") || name.starts_with("wwan") {
        InterfaceKind::Mobile
    } else if read_trimmed(&folder.join("type")).as_deref() == Some("1") {
        InterfaceKind::Wired
    } else {
        InterfaceKind::Other
    }
}

fn is_up(folder: &Path) -> bool {
    match read_trimmed(&folder.join("operstate")).as_deref() {
        Some("up") => true,
        // Point-to-point and some modem drivers never say "up"; the carrier tells.
        Some("unknown") => read_trimmed(&folder.join("carrier")).as_deref() == Some("1"),
        _ => false,
    }
}

impl LinkMonitor for SysfsLink {
    fn driver(&self) -> DriverInfo {
        DriverInfo::with_target("sysfs", self.root.display().to_string())
    }

    fn read(&mut self) -> Result<LinkStatus, LinkError> {
        let entries = std::fs::read_dir(&self.root).map_err(|source| LinkError::Read {
            path: self.root.clone(),
            source,
        })?;
        let mut up: Vec<(InterfaceKind, String)> = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let folder = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let counted = if self.interfaces.is_empty() {
                name != "lo" && folder.join("device").exists()
            } else {
                self.interfaces.contains(&name)
            };
            if counted && is_up(&folder) {
                up.push((kind_of(&folder, &name), name));
            }
        }
        // Prefer wired, then wireless, then mobile; by name within a kind.
        up.sort();
        Ok(match up.into_iter().next() {
            Some((kind, name)) => LinkStatus {
                up: true,
                interface: Some(name),
                kind,
            },
            None => LinkStatus::down(),
        })
    }
}
