//! `month_inputs` against minutes worked out by hand: opening hours in the city's offset from
//! UTC, each kiosk's enrolment window, a revoked kiosk, kiosks not heard from.

use super::{month_inputs, settings};
use crate::places::Baseline;
use crate::store::test_support::temp_store;
use crate::store::{DeviceState, EnrolmentCode, Store, StoreError};

const MARCH_1: i64 = 1_772_323_200; // 2026-03-01 00:00 UTC, a Sunday
const DAY: i64 = 86_400;

fn enrol(store: &Store, kiosk: &str, at: i64) -> Result<(), StoreError> {
    store.add_enrolment_code(
        &EnrolmentCode {
            code_hash: format!("code-{kiosk}"),
            site: "Library".into(),
            neighbourhood: "Old Town".into(),
            expires_at: at + DAY,
        },
        at,
    )?;
    store.redeem_enrolment_code(&format!("code-{kiosk}"), kiosk, kiosk, "0", None, at)?;
    Ok(())
}

#[test]
fn scheduled_minutes_follow_the_offset_the_enrolment_window_and_revocation()
-> Result<(), Box<dyn std::error::Error>> {
    let (_dir, store) = temp_store();
    store.import_baselines(
        &[Baseline {
            neighbourhood: "Old Town".into(),
            population: 10_000,
            offline_share: None,
            opening_hours: "Mo-Fr 09:00-17:00".into(),
            default_locale: "en".into(),
        }],
        0,
    )?;
    // k1 all month; k2 from Monday 16 March; k3 revoked on Monday 9 March.
    enrol(&store, "k1", 0)?;
    enrol(&store, "k2", MARCH_1 + 15 * DAY)?;
    enrol(&store, "k3", 0)?;
    assert!(store.set_device_state("k3", DeviceState::Revoked, MARCH_1 + 8 * DAY)?);
    let april_10 = MARCH_1 + 40 * DAY;
    let minutes = |store: &Store| -> Result<(f64, u64), Box<dyn std::error::Error>> {
        let inputs = month_inputs(store, "2026-03", april_10)?;
        let old_town = inputs
            .iter()
            .find(|i| i.name == "Old Town")
            .ok_or("no Old Town")?;
        Ok((old_town.scheduled_minutes, old_town.kiosks_unseen))
    };
    // UTC: 22 weekdays of 480 minutes for k1; 12 (16–31 March) for k2; 5 (2–6) for k3.
    let (scheduled, unseen) = minutes(&store)?;
    assert_eq!(scheduled, (22.0 + 12.0 + 5.0) * 480.0);
    assert_eq!(unseen, 2, "k1 and k2 never heard from; k3 is revoked");
    // UTC+10: the month is March in local time too; k2 was enrolled at 10:00 local on the
    // 16th (−60) and k3 revoked at 10:00 local on the 9th (+60, its first hour that day).
    store.set_setting(settings::UTC_OFFSET_HOURS, Some("10"))?;
    let (scheduled, _) = minutes(&store)?;
    assert_eq!(scheduled, (22.0 + 12.0 + 5.0) * 480.0 - 60.0 + 60.0);
    // UTC−10: k2 was enrolled at 14:00 local on the 15th, a Sunday (no change); k3 revoked at
    // 14:00 local on Sunday the 8th (no change); the month starts and ends 10 hours later.
    store.set_setting(settings::UTC_OFFSET_HOURS, Some("-10"))?;
    let (scheduled, _) = minutes(&store)?;
    assert_eq!(scheduled, (22.0 + 12.0 + 5.0) * 480.0);
    Ok(())
}

/// Monday 30 March 2026, 07:00 UTC: 09:00 in Paris (summer time since the 29th).
const PARIS_MONDAY_9: i64 = 1_774_854_000;

/// A kiosk enrolled at 09:00 Paris time on Monday 30 March, usable for its first hour, counted
/// with the city's clock set by `setting`: (usable, scheduled) minutes of March.
fn first_hour_in_march(setting: (&str, &str)) -> Result<(f64, f64), Box<dyn std::error::Error>> {
    let (_dir, store) = temp_store();
    store.import_baselines(
        &[Baseline {
            neighbourhood: "Old Town".into(),
            population: 10_000,
            offline_share: None,
            opening_hours: "Mo-Fr 09:00-17:00".into(),
            default_locale: "fr".into(),
        }],
        0,
    )?;
    enrol(&store, "k1", PARIS_MONDAY_9)?;
    store.set_setting(setting.0, Some(setting.1))?;
    let body = wire::RecordBody::Availability(wire::AvailabilityRecord {
        hour: PARIS_MONDAY_9,
        usable_minutes: 60,
    });
    let record = crate::store::IncomingRecord {
        seq: 1,
        bytes: body.encode(),
        body,
    };
    store.ingest_records("k1", &[record], 0, PARIS_MONDAY_9 + 3600)?;
    let inputs = month_inputs(&store, "2026-03", MARCH_1 + 40 * DAY)?;
    let old_town = inputs.first().ok_or("no Old Town")?;
    Ok((old_town.usable_minutes, old_town.scheduled_minutes))
}

#[test]
fn opening_hours_follow_daylight_saving_in_the_citys_time_zone()
-> Result<(), Box<dyn std::error::Error>> {
    // Paris: the kiosk's first hour, 09:00–10:00 on Monday 30 March, was open and usable;
    // March ends with Tuesday the 31st, 16 hours in all.
    let (usable, scheduled) = first_hour_in_march((settings::TIME_ZONE, "Europe/Paris"))?;
    assert_eq!((usable, scheduled), (60.0, 16.0 * 60.0));
    Ok(())
}

#[test]
fn a_fixed_offset_is_an_hour_off_in_summer() -> Result<(), Box<dyn std::error::Error>> {
    // The same kiosk counted with the winter offset (UTC+1) all year: its 07:00 UTC hour
    // looks like 08:00, before opening, so the usable hour is lost.
    let (usable, _) = first_hour_in_march((settings::UTC_OFFSET_HOURS, "1"))?;
    assert_eq!(usable, 0.0);
    Ok(())
}
