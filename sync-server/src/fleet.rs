//! Which kiosks need a visit: alerts from a kiosk's last contact and last heartbeat. Pure, so
//! the fleet page, `/metrics` and tests agree.

use crate::store::FleetKiosk;

/// A kiosk not heard from for longer than this is offline.
pub const OFFLINE_AFTER_SECONDS: i64 = 24 * 3600;
/// Free disk below this share of the disk is nearly full…
pub const DISK_LOW_SHARE: f64 = 0.10;
/// …and so is free disk below this many bytes.
pub const DISK_LOW_BYTES: u64 = 2_000_000_000;
/// A battery below this (while on battery) needs mains.
pub const BATTERY_LOW_PERCENT: u8 = 20;

/// Something a librarian should go and fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Alert {
    /// Not heard from for over 24 hours.
    Offline,
    /// The printer has no paper.
    PrinterOutOfPaper,
    /// The printer is offline, open or faulty.
    PrinterFault,
    /// The data disk is nearly full.
    DiskNearlyFull,
    /// Running on a low battery.
    BatteryLow,
    /// Enrolled before device keys: refused until enrolled again.
    ReEnrol,
}

impl Alert {
    /// Every alert, most urgent first.
    pub const ALL: [Alert; 6] = [
        Alert::ReEnrol,
        Alert::Offline,
        Alert::PrinterOutOfPaper,
        Alert::PrinterFault,
        Alert::DiskNearlyFull,
        Alert::BatteryLow,
    ];

    /// A stable code (`offline`, `printer_out_of_paper`, …).
    pub fn code(self) -> &'static str {
        match self {
            Alert::Offline => "offline",
            Alert::PrinterOutOfPaper => "printer_out_of_paper",
            Alert::PrinterFault => "printer_fault",
            Alert::DiskNearlyFull => "disk_nearly_full",
            Alert::BatteryLow => "battery_low",
            Alert::ReEnrol => "re_enrol",
        }
    }
}

/// The alerts a kiosk raises now. Revoked kiosks raise none.
pub fn alerts(kiosk: &FleetKiosk, now: i64) -> Vec<Alert> {
    let mut alerts = Vec::new();
    if kiosk.place.state == "revoked" {
        return alerts;
    }
    if kiosk.needs_reenrolment {
        alerts.push(Alert::ReEnrol);
    }
    if kiosk
        .place
        .last_seen_at
        .is_none_or(|seen| now - seen > OFFLINE_AFTER_SECONDS)
    {
        alerts.push(Alert::Offline);
    }
    if let Some(health) = kiosk.heartbeat.as_ref().map(|h| &h.health) {
        match health.printer.as_deref() {
            Some("paper_out") => alerts.push(Alert::PrinterOutOfPaper),
            Some("offline" | "cover_open" | "fault") => alerts.push(Alert::PrinterFault),
            _ => {}
        }
        if let (Some(free), Some(total)) = (health.disk_free_bytes, health.disk_total_bytes)
            && total > 0
            && (free < DISK_LOW_BYTES || (free as f64) < DISK_LOW_SHARE * total as f64)
        {
            alerts.push(Alert::DiskNearlyFull);
        }
        if health.on_battery
            && health
                .battery_percent
                .is_some_and(|p| p < BATTERY_LOW_PERCENT)
        {
            alerts.push(Alert::BatteryLow);
        }
    }
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::KioskPlace;
    use wire::{DeviceHealth, Heartbeat};

    fn kiosk(last_seen: Option<i64>, health: DeviceHealth) -> FleetKiosk {
        FleetKiosk {
            place: KioskPlace {
                kiosk_id: "k".into(),
                site: "s".into(),
                neighbourhood: "n".into(),
                enrolled_at: 0,
                last_seen_at: last_seen,
                state: "active".into(),
                revoked_at: None,
            },
            heartbeat: Some(Heartbeat {
                at: 0,
                waiting: 0,
                software_version: "1".into(),
                devices: Default::default(),
                content_version: 1,
                health,
                update: None,
            }),
            last_problem: None,
            needs_reenrolment: false,
            records_received: 0,
        }
    }

    #[test]
    fn alerts_for_silence_paper_disk_and_battery() {
        let now = 100 * 86_400;
        let fine = DeviceHealth {
            printer: Some("ok".into()),
            disk_free_bytes: Some(40_000_000_000),
            disk_total_bytes: Some(64_000_000_000),
            ..DeviceHealth::default()
        };
        assert!(alerts(&kiosk(Some(now - 3600), fine.clone()), now).is_empty());
        assert_eq!(
            alerts(&kiosk(Some(now - 25 * 3600), fine.clone()), now),
            [Alert::Offline]
        );
        assert_eq!(alerts(&kiosk(None, fine.clone()), now), [Alert::Offline]);
        let paper = DeviceHealth {
            printer: Some("paper_out".into()),
            ..fine.clone()
        };
        assert_eq!(
            alerts(&kiosk(Some(now), paper), now),
            [Alert::PrinterOutOfPaper]
        );
        let disk = DeviceHealth {
            disk_free_bytes: Some(1_000_000_000),
            ..fine.clone()
        };
        assert_eq!(
            alerts(&kiosk(Some(now), disk), now),
            [Alert::DiskNearlyFull]
        );
        let battery = DeviceHealth {
            on_battery: true,
            battery_percent: Some(12),
            ..fine
        };
        assert_eq!(alerts(&kiosk(Some(now), battery), now), [Alert::BatteryLow]);
        let keyless = FleetKiosk {
            needs_reenrolment: true,
            ..kiosk(Some(now), DeviceHealth::default())
        };
        assert_eq!(alerts(&keyless, now), [Alert::ReEnrol]);
    }
}
