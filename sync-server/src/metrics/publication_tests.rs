//! A published month stays what it was for everyone but analysts: after late records, a
//! moved and a revoked kiosk, and from a fresh cache; late visits are published in the month
//! they arrived.

use super::{FiguresCache, Noise};
use crate::places::Baseline;
use crate::store::test_support::{enrol_k1, temp_store};
use crate::store::{DeviceState, IncomingRecord, Store, StoreError};
use wire::{EventKind, EventRecord, RecordBody};

const OCTOBER_15: i64 = 1_792_022_400;
const NOVEMBER_10: i64 = 1_794_268_800;
const NOVEMBER_15: i64 = 1_794_700_800; // October closes: 14 days after its end
const DAY: i64 = 86_400;

fn visits(store: &Store, first_seq: u64, n: u64, received: i64) -> Result<(), StoreError> {
    let records: Vec<IncomingRecord> = (first_seq..first_seq + n)
        .map(|seq| {
            let body = RecordBody::Event(EventRecord {
                session: format!("{seq:032x}"),
                hour: OCTOBER_15,
                kind: EventKind::SessionStarted,
            });
            IncomingRecord {
                seq,
                bytes: body.encode(),
                body,
            }
        })
        .collect();
    store.ingest_records("k1", &records, 0, received)?;
    Ok(())
}

fn place(name: &str) -> Baseline {
    Baseline {
        neighbourhood: name.into(),
        population: 10_000,
        offline_share: None,
        opening_hours: "Mo-Su 00:00-24:00".into(),
        default_locale: "en".into(),
    }
}

#[test]
fn a_published_month_never_moves_and_late_visits_are_published_where_they_arrived()
-> Result<(), Box<dyn std::error::Error>> {
    let (_dir, store) = temp_store();
    store.import_baselines(&[place("Old Town"), place("Riverside")], 0)?;
    enrol_k1(&store)?;
    visits(&store, 1, 30, OCTOBER_15 + 3600)?;
    let cache = FiguresCache::default();
    let reach = |figures: &super::MonthFigures, place: &str| {
        figures.find(place, "M1").and_then(|row| row.numerator)
    };

    // Until October closes, city staff see nothing of it (analysts see it all along).
    let (nothing, noise) = cache.shown(&store, "2026-10", NOVEMBER_10, false)?;
    assert_eq!(noise, Noise::NotPublished { on: NOVEMBER_15 });
    assert!(nothing.rows.is_empty());
    let (analyst, _) = cache.shown(&store, "2026-10", NOVEMBER_10, true)?;
    assert_eq!(reach(&analyst, "Old Town"), Some(30.0));

    // Closed: published, and frozen at this first view.
    let (first, noise) = cache.shown(&store, "2026-10", NOVEMBER_15, false)?;
    assert_eq!(noise, Noise::Off);
    assert_eq!(reach(&first, "Old Town"), Some(30.0));

    // Then 12 more October visits arrive, the kiosk moves and is revoked.
    visits(&store, 31, 12, NOVEMBER_15 + DAY)?;
    assert!(store.move_kiosk("k1", "Riverside Library", "Riverside", NOVEMBER_15 + DAY)?);
    assert!(store.set_device_state("k1", DeviceState::Revoked, NOVEMBER_15 + 2 * DAY)?);
    let (again, _) =
        FiguresCache::default().shown(&store, "2026-10", NOVEMBER_15 + 3 * DAY, false)?;
    assert_eq!(first.rows, again.rows, "the same figures at every view");
    // Analysts see the late visits, still in Old Town where the kiosk stood in October.
    let (analyst, _) = cache.shown(&store, "2026-10", NOVEMBER_15 + 3 * DAY, true)?;
    assert_eq!(reach(&analyst, "Old Town"), Some(42.0));
    assert_eq!(reach(&analyst, "Riverside"), Some(0.0));

    // November publishes them as late visits, where the kiosk stood when November ended.
    let december_20 = NOVEMBER_15 + 36 * DAY;
    let (november, _) = cache.shown(&store, "2026-11", december_20, false)?;
    let late = november
        .find("Riverside", "M12[late_visits]")
        .and_then(|row| row.value);
    assert_eq!(late, Some(12.0));
    Ok(())
}
