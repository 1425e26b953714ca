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
    // UTC+10: 09:00 local is 23:00 UTC the day before. k1 gains 1 April 09:00–10:00 local
    // (31 March 23:00 UTC); k2 starts at 10:00 local on the 16th (−60) and gains the same
    // hour (+60); k3 keeps 9 March 09:00–10:00 local (8 March 23:00 UTC, before revocation).
    store.set_setting(settings::UTC_OFFSET_HOURS, Some("10"))?;
    let (scheduled, _) = minutes(&store)?;
    assert_eq!(scheduled, (22.0 + 12.0 + 5.0) * 480.0 + 60.0 + 60.0);
    Ok(())
}
