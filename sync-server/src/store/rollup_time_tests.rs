//! When records count: corrected for the kiosk's clock (or flagged past the bound), every
//! event of a visit in the month it began, late visits in the month they arrived, and a
//! moved kiosk's past months where it stood then.

use wire::{AccessibilityFeature, EventKind};

use super::rollups::counter;
use super::test_support::{enrol_k1, event, rollup_count as count, temp_store};
use super::{EnrolmentCode, Store, StoreError};

const OCTOBER_31_22H: i64 = 1_793_484_000; // 2026-10-31 22:00 UTC
const NOVEMBER_1: i64 = 1_793_491_200; // 2026-11-01 00:00 UTC
const NOVEMBER_10: i64 = 1_794_268_800;
const NOVEMBER_20: i64 = NOVEMBER_10 + 10 * 86_400;
const HOUR: i64 = 3600;

fn enrol(store: &Store, kiosk: &str) -> Result<(), StoreError> {
    store.add_enrolment_code(
        &EnrolmentCode {
            code_hash: format!("code-{kiosk}"),
            site: "Library".into(),
            neighbourhood: "Old Town".into(),
            expires_at: 10,
        },
        0,
    )?;
    store.redeem_enrolment_code(&format!("code-{kiosk}"), kiosk, kiosk, "0", None, 1)?;
    Ok(())
}

#[test]
fn a_clock_hours_off_is_corrected_and_one_a_year_off_keeps_its_times_flagged()
-> Result<(), StoreError> {
    let (_dir, store) = temp_store();
    enrol_k1(&store)?;
    enrol(&store, "k2")?;
    // k1's clock is 2 h 40 min slow: its 22:00 on 31 October was 00:40 on 1 November.
    store.hello("k1", 0, 2 * HOUR + 40 * 60, NOVEMBER_10)?;
    store.ingest_records(
        "k1",
        &[event(1, 1, OCTOBER_31_22H, EventKind::SessionStarted)],
        0,
        NOVEMBER_10,
    )?;
    assert_eq!(count(&store, "2026-10", counter::SESSIONS, "")?, 0);
    assert_eq!(count(&store, "2026-11", counter::SESSIONS, "")?, 1);
    // Its age is counted from the corrected time too: 9 days less 3 hours.
    let age = (NOVEMBER_10 - (OCTOBER_31_22H + 3 * HOUR)) / HOUR;
    assert_eq!(
        count(&store, "2026-11", counter::AGE_HOURS, &age.to_string())?,
        1
    );

    // k2's clock is a year fast: no correction that large is trusted.
    let year = 365 * 86_400;
    store.hello("k2", 0, -year, NOVEMBER_10)?;
    store.ingest_records(
        "k2",
        &[
            event(1, 2, OCTOBER_31_22H + year, EventKind::SessionStarted),
            event(2, 2, OCTOBER_31_22H + year, EventKind::StaffAssisted),
        ],
        0,
        NOVEMBER_10,
    )?;
    assert_eq!(
        count(&store, "2027-10", counter::SESSIONS, "")?,
        1,
        "not moved"
    );
    let flagged = store
        .kiosks()?
        .into_iter()
        .find(|k| k.kiosk_id == "k2")
        .map(|k| k.clock_flagged);
    assert_eq!(flagged, Some(2));
    Ok(())
}

#[test]
fn every_event_of_a_visit_counts_in_the_month_it_began() -> Result<(), StoreError> {
    let (_dir, store) = temp_store();
    enrol_k1(&store)?;
    let before_midnight = NOVEMBER_1 - HOUR;
    store.ingest_records(
        "k1",
        &[
            event(1, 1, before_midnight, EventKind::SessionStarted),
            event(
                2,
                1,
                NOVEMBER_1,
                EventKind::LanguageChosen {
                    locale: "ar".into(),
                },
            ),
            event(
                3,
                1,
                NOVEMBER_1,
                EventKind::AccessibilityUsed {
                    feature: AccessibilityFeature::LargeText,
                },
            ),
            event(
                4,
                1,
                NOVEMBER_1,
                EventKind::RequestStarted {
                    topic: "housing".into(),
                },
            ),
        ],
        0,
        NOVEMBER_1 + HOUR,
    )?;
    // A later batch of the same visit still counts in October.
    store.ingest_records(
        "k1",
        &[event(
            5,
            1,
            NOVEMBER_1 + HOUR,
            EventKind::RequestSubmitted {
                topic: "housing".into(),
            },
        )],
        0,
        NOVEMBER_1 + 2 * HOUR,
    )?;
    for (counter, dim) in [
        (counter::SESSIONS, ""),
        (counter::LOCALE, "ar"),
        (counter::FEATURE, "large_text"),
        (counter::REQ_STARTED, "housing"),
        (counter::REQ_SUBMITTED, "housing"),
    ] {
        assert_eq!(count(&store, "2026-10", counter, dim)?, 1, "{counter}");
        assert_eq!(count(&store, "2026-11", counter, dim)?, 0, "{counter}");
    }
    Ok(())
}

#[test]
fn visits_that_arrive_after_their_month_closed_are_late_visits_where_they_arrive()
-> Result<(), StoreError> {
    let (_dir, store) = temp_store();
    enrol_k1(&store)?;
    let october = OCTOBER_31_22H - 86_400;
    // 10 November: October is still open (it closes on the 15th).
    store.ingest_records(
        "k1",
        &[event(1, 1, october, EventKind::SessionStarted)],
        0,
        NOVEMBER_10,
    )?;
    // 20 November: October has closed.
    store.ingest_records(
        "k1",
        &[event(2, 2, october, EventKind::SessionStarted)],
        0,
        NOVEMBER_20,
    )?;
    assert_eq!(count(&store, "2026-10", counter::SESSIONS, "")?, 2);
    assert_eq!(count(&store, "2026-10", counter::LATE_VISITS, "")?, 0);
    assert_eq!(count(&store, "2026-11", counter::LATE_VISITS, "")?, 1);
    Ok(())
}

#[test]
fn a_moved_kiosk_leaves_its_past_months_where_it_stood() -> Result<(), StoreError> {
    let (_dir, store) = temp_store();
    enrol_k1(&store)?;
    let october = OCTOBER_31_22H - 86_400;
    store.ingest_records(
        "k1",
        &[event(1, 1, october, EventKind::SessionStarted)],
        0,
        NOVEMBER_10,
    )?;
    assert!(store.move_kiosk("k1", "Riverside Library", "Riverside", NOVEMBER_10)?);
    assert!(!store.move_kiosk("k9", "Riverside Library", "Riverside", NOVEMBER_10)?);
    store.ingest_records(
        "k1",
        &[event(2, 2, NOVEMBER_10, EventKind::SessionStarted)],
        0,
        NOVEMBER_10 + HOUR,
    )?;
    let places = |month: &str, end: i64| -> Result<Vec<(String, i64)>, StoreError> {
        Ok(store
            .rollup_counts(month, end)?
            .into_iter()
            .filter(|c| c.counter == counter::SESSIONS)
            .map(|c| (c.neighbourhood, c.n))
            .collect())
    };
    assert_eq!(places("2026-10", NOVEMBER_1)?, [("Old Town".to_owned(), 1)]);
    assert_eq!(
        places("2026-11", NOVEMBER_20 + 30 * 86_400)?,
        [("Riverside".to_owned(), 1)]
    );
    let at = |when: i64| -> Result<Vec<String>, StoreError> {
        Ok(store
            .kiosk_places_at(when)?
            .into_iter()
            .map(|k| format!("{} / {}", k.site, k.neighbourhood))
            .collect())
    };
    assert_eq!(at(NOVEMBER_1)?, ["Library / Old Town"]);
    assert_eq!(at(NOVEMBER_20)?, ["Riverside Library / Riverside"]);
    assert_eq!(
        store.site_neighbourhood("Riverside Library")?.as_deref(),
        Some("Riverside")
    );
    Ok(())
}
