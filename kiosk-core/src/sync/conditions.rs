//! What the kiosk's hardware tells the sync worker: whether the uplink is up and metered,
//! whether the kiosk runs on a low battery, and each device's status for the heartbeat.
//! Updated from hardware events on their own thread; read by the worker before each pass.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use hardware::power::PowerLevel;
use hardware::{DeviceKind, HardwareEvent};

/// The conditions a sync pass runs under.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncConditions {
    /// The uplink is up, as the hardware last said (None: not reported yet).
    pub link_up: Option<bool>,
    /// The uplink is paid by the byte.
    pub metered: bool,
    /// On battery at or below the low threshold.
    pub low_battery: bool,
    /// Device name → its status in a few words, for the fleet page.
    pub devices: BTreeMap<String, String>,
    /// Device name → why a simulated driver serves it. Such a device's status says so
    /// ("simulated (no printer found at /dev/usb/lp0)"), whatever the simulated driver reports.
    pub simulated: BTreeMap<String, String>,
    /// The same as codes and numbers, for the fleet page's alerts (disk filled in per pass).
    pub health: wire::DeviceHealth,
    /// What the last sync pass left, for the staff screen (filled by the worker).
    pub sync: Option<SyncFacts>,
    /// Unix seconds when the recorder last wrote something (a resident was here then).
    pub last_recorded_at: i64,
}

/// The kiosk's sync status as `kiosk status` tells it, kept in memory for the staff screen
/// (so the UI thread never reads the disk).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncFacts {
    /// Records waiting to be sent.
    pub waiting: u64,
    /// Unix seconds of the last successful sync.
    pub last_success_at: Option<i64>,
    /// Bytes put on the wire since midnight (UTC).
    pub bytes_today: u64,
    /// The server's clock minus the kiosk's at the last successful sync, in seconds.
    pub clock_offset: Option<i64>,
    /// The last attempt, in plain words.
    pub last_message: Option<String>,
}

impl SyncFacts {
    /// Reads the facts from the store (on the worker's thread).
    pub fn read(store: &crate::store::LocalStore) -> Result<SyncFacts, crate::store::StoreError> {
        let last_success = store.last_successful_sync()?;
        let midnight = crate::clock::now().div_euclid(86_400) * 86_400;
        Ok(SyncFacts {
            waiting: store.unsent_count()?,
            last_success_at: last_success.as_ref().map(|a| a.finished_at),
            bytes_today: store.bytes_sent_since(midnight)?,
            clock_offset: last_success.map(|a| a.clock_offset),
            last_message: store.last_sync_attempt()?.map(|a| a.message),
        })
    }
}

impl SyncConditions {
    /// Content downloads wait for mains power and an unmetered link.
    pub fn defer_content(&self) -> bool {
        self.metered || self.low_battery
    }
}

/// Conditions shared between the hardware's event thread and the worker.
pub type SharedConditions = Arc<Mutex<SyncConditions>>;

/// What a hardware event changes. Returns true when the uplink has just come up (the worker
/// should try at once instead of waiting out its backoff).
pub fn apply(conditions: &SharedConditions, event: &HardwareEvent) -> bool {
    let Ok(mut now) = conditions.lock() else {
        return false;
    };
    match event {
        HardwareEvent::Link(link) => {
            now.metered = link.metered;
            now.describe(DeviceKind::Link, link.to_string());
            let was_up = now.link_up.replace(link.up) == Some(true);
            link.up && !was_up
        }
        HardwareEvent::Power(power) => {
            now.low_battery = power.level != PowerLevel::Normal;
            now.health.on_battery = power.source == hardware::power::PowerSource::Battery;
            now.health.battery_percent = power.capacity_percent;
            now.describe(DeviceKind::Power, power.to_string());
            false
        }
        HardwareEvent::PrinterStatus(status) => {
            // A simulated printer's "ready" says nothing about a real one.
            if !now.simulated.contains_key(DeviceKind::Printer.name()) {
                now.health.printer = Some(printer_code(status).to_owned());
                now.describe(DeviceKind::Printer, status.to_string());
            }
            false
        }
        HardwareEvent::Simulated { device, reason } => {
            now.simulated
                .insert(device.name().to_owned(), reason.clone());
            now.devices.insert(
                device.name().to_owned(),
                short(&hardware::device::simulated_status(reason)),
            );
            if *device == DeviceKind::Printer {
                // No real printer: nothing to raise alerts on.
                now.health.printer = None;
            }
            false
        }
        HardwareEvent::Problem { device, message } => {
            now.devices.insert(device.name().to_owned(), short(message));
            if *device == DeviceKind::Printer {
                // A printer that is configured or was found, and cannot be reached.
                now.health.printer = Some("offline".to_owned());
            }
            false
        }
        _ => false,
    }
}

impl SyncConditions {
    /// Sets a device's status, unless a simulated driver serves it (then it keeps saying so).
    fn describe(&mut self, device: DeviceKind, status: String) {
        if !self.simulated.contains_key(device.name()) {
            self.devices
                .insert(device.name().to_owned(), short(&status));
        }
    }
}

/// At most 120 characters, as the heartbeat allows.
fn short(text: &str) -> String {
    text.chars().take(120).collect()
}

/// The printer's state as one of [`wire::PRINTER_CODES`].
pub fn printer_code(status: &hardware::printer::PrinterStatus) -> &'static str {
    use hardware::printer::PrinterStatus;
    match status {
        PrinterStatus::Unknown => "unknown",
        PrinterStatus::Known(flags) if flags.paper_out => "paper_out",
        PrinterStatus::Known(flags) if flags.cover_open => "cover_open",
        PrinterStatus::Known(flags) if flags.fault.is_some() => "fault",
        PrinterStatus::Known(flags) if flags.offline => "offline",
        PrinterStatus::Known(flags) if flags.paper_near_end => "paper_low",
        PrinterStatus::Known(_) => "ok",
    }
}

/// Free and total bytes of the file system holding `path`, if the system says.
pub fn disk_space(path: &std::path::Path) -> Option<(u64, u64)> {
    let stats = nix::sys::statvfs::statvfs(path).ok()?;
    let block = stats.fragment_size() as u64;
    Some((
        (stats.blocks_available() as u64).saturating_mul(block),
        (stats.blocks() as u64).saturating_mul(block),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hardware::link::{InterfaceKind, LinkState};
    use hardware::power::PowerState;

    fn link(up: bool, metered: bool) -> HardwareEvent {
        HardwareEvent::Link(LinkState {
            up,
            interface: up.then(|| "wwan0".to_owned()),
            kind: InterfaceKind::Mobile,
            metered,
            throughput: None,
        })
    }

    #[test]
    fn the_link_coming_back_is_noticed_once_and_metered_links_defer_content() {
        let conditions = SharedConditions::default();
        assert!(apply(&conditions, &link(true, true)), "up: try now");
        assert!(
            !apply(&conditions, &link(true, true)),
            "still up: nothing new"
        );
        assert!(conditions.lock().unwrap().defer_content());
        assert!(!apply(&conditions, &link(false, true)));
        assert!(apply(&conditions, &link(true, false)), "back again");
        assert!(!conditions.lock().unwrap().defer_content());
        assert_eq!(conditions.lock().unwrap().devices["link"], "up on wwan0");
    }

    #[test]
    fn a_low_battery_defers_content_and_statuses_go_to_the_heartbeat() {
        let conditions = SharedConditions::default();
        let mut low = PowerState::mains();
        low.level = PowerLevel::Low;
        apply(&conditions, &HardwareEvent::Power(low));
        assert!(conditions.lock().unwrap().defer_content());
        apply(&conditions, &HardwareEvent::Power(PowerState::mains()));
        assert!(!conditions.lock().unwrap().defer_content());
        apply(
            &conditions,
            &HardwareEvent::Problem {
                device: hardware::DeviceKind::Printer,
                message: "the printer is out of paper".into(),
            },
        );
        let devices = conditions.lock().unwrap().devices.clone();
        assert_eq!(devices["printer"], "the printer is out of paper");
        for (name, status) in &devices {
            assert!(
                wire::is_code(name) && status.len() <= 120,
                "{name}: {status}"
            );
        }
    }

    #[test]
    fn a_simulated_device_says_so_whatever_it_reports() {
        let conditions = SharedConditions::default();
        let ready = hardware::printer::PrinterStatus::Known(Default::default());
        apply(&conditions, &HardwareEvent::PrinterStatus(ready));
        assert_eq!(conditions.lock().unwrap().devices["printer"], "ready");
        apply(
            &conditions,
            &HardwareEvent::Simulated {
                device: DeviceKind::Printer,
                reason: "no printer found at /dev/usb/lp0".into(),
            },
        );
        apply(&conditions, &HardwareEvent::PrinterStatus(ready));
        apply(&conditions, &link(true, false));
        let now = conditions.lock().unwrap().clone();
        assert_eq!(
            now.devices["printer"],
            "simulated (no printer found at /dev/usb/lp0)"
        );
        assert_eq!(now.health.printer, None, "no printer to raise alerts on");
        assert_eq!(
            now.devices["link"], "up on wwan0",
            "real devices still report"
        );

        // A simulated link still says it is up, so the worker syncs; its text says simulated.
        apply(
            &conditions,
            &HardwareEvent::Simulated {
                device: DeviceKind::Link,
                reason: "no network interfaces in /sys/class/net".into(),
            },
        );
        apply(&conditions, &link(false, false));
        assert!(apply(&conditions, &link(true, false)));
        assert_eq!(
            conditions.lock().unwrap().devices["link"],
            "simulated (no network interfaces in /sys/class/net)"
        );
    }

    #[test]
    fn an_unreachable_printer_is_offline_for_the_fleet_page() {
        let conditions = SharedConditions::default();
        apply(
            &conditions,
            &HardwareEvent::Problem {
                device: DeviceKind::Printer,
                message: "the printer at 192.0.2.7:9100 cannot be reached".into(),
            },
        );
        let now = conditions.lock().unwrap().clone();
        assert_eq!(now.health.printer.as_deref(), Some("offline"));
        assert!(now.devices["printer"].contains("192.0.2.7:9100"));
    }
}
