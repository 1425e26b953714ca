//! The noise has the distribution it claims; noisy counts cover fixed domains, drop events
//! past the per-visit cap and never go negative; releases are stored, cost their tables and
//! stop at the yearly budget; roles see what they should.

use rand::SeedableRng as _;
use rand::rngs::StdRng;

use super::*;
use crate::metrics::{FiguresCache, Noise};
use crate::places::Baseline;
use crate::store::IncomingRecord;
use crate::store::test_support::{enrol_k1, temp_store};
use wire::{EventKind, EventRecord, RecordBody};

/// Empirical frequency of `k`, mean and variance of `n` samples.
fn moments(scale: f64, n: usize, seed: u64) -> (BTreeMap<i64, usize>, f64, f64) {
    let mut rng = StdRng::seed_from_u64(seed);
    let samples: Vec<i64> = (0..n).map(|_| discrete_laplace(&mut rng, scale)).collect();
    let mut frequency = BTreeMap::new();
    for sample in &samples {
        *frequency.entry(*sample).or_insert(0) += 1;
    }
    let mean = samples.iter().sum::<i64>() as f64 / n as f64;
    let variance = samples
        .iter()
        .map(|s| (*s as f64 - mean).powi(2))
        .sum::<f64>()
        / n as f64;
    (frequency, mean, variance)
}

#[test]
fn the_noise_is_two_sided_geometric() {
    for (epsilon, sensitivity) in [(1.0, 1.0), (1.0, PER_VISIT_CAP as f64), (0.5, 1.0)] {
        let alpha: f64 = (-epsilon / sensitivity).exp();
        let n = 200_000;
        let (frequency, mean, variance) = moments(epsilon / sensitivity, n, 7);
        // P(k) = (1 − α)/(1 + α) · α^|k|; the variance is 2α/(1 − α)².
        for k in [-2_i64, -1, 0, 1, 2] {
            let expected = (1.0 - alpha) / (1.0 + alpha) * alpha.powi(k.abs() as i32);
            let seen = frequency.get(&k).copied().unwrap_or(0) as f64 / n as f64;
            assert!(
                (seen - expected).abs() < 0.006,
                "ε/Δ = {}: P({k}) is {seen}, expected {expected}",
                epsilon / sensitivity
            );
        }
        let expected_variance = 2.0 * alpha / (1.0 - alpha).powi(2);
        assert!(
            (variance / expected_variance - 1.0).abs() < 0.05,
            "variance {variance}, expected {expected_variance}"
        );
        assert!(
            mean.abs() < 4.0 * (expected_variance / n as f64).sqrt(),
            "mean {mean}"
        );
    }
}

fn domains() -> Domains {
    Domains {
        locales: ["en", "es", "ar"].iter().map(|s| (*s).to_owned()).collect(),
        modules: ["email"].iter().map(|s| (*s).to_owned()).collect(),
        topics: ["housing.repairs"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    }
}

#[test]
fn noisy_counts_cover_fixed_domains_without_events_past_the_cap() {
    let mut exact = Counts::default();
    exact.add(c::SESSIONS, "", 100);
    exact.add(c::SEARCHES, "", 40);
    exact.add(c::overflow(c::SEARCHES), "", 8);
    exact.add(c::LOCALE, "es", 30);
    // A language outside every list is left out, not published with its count.
    exact.add(c::LOCALE, "xx", 50);
    exact.add(c::EVENTS, "", 900);
    exact.add(c::AGE_HOURS, "3", 900);

    // With an enormous ε the noise is nil: what is left is the capped counts.
    let mut rng = StdRng::seed_from_u64(1);
    let plain = noisy_counts(&exact, &domains(), 1e9, &mut rng);
    assert_eq!(plain.get(c::SESSIONS, ""), 100.0);
    assert_eq!(plain.get(c::SEARCHES, ""), 32.0, "events past the cap go");
    assert_eq!(plain.get(c::LOCALE, "es"), 30.0);
    assert!(!plain.dims(c::LOCALE).contains("xx"));
    assert_eq!(plain.dims(c::LOCALE).len(), 3);
    assert_eq!(plain.dims(c::FEATURE).len(), FEATURE_CODES.len());
    assert_eq!(plain.dims(c::RATING).len(), 5);
    assert_eq!(plain.get(c::EVENTS, ""), 0.0, "event ages are not released");
    assert!(plain.dims(c::AGE_HOURS).is_empty());

    // With a small ε, empty cells get noise too (so a cell's presence says nothing), and no
    // count is below 0.
    let mut rng = StdRng::seed_from_u64(2);
    let noisy = noisy_counts(&Counts::default(), &domains(), 0.1, &mut rng);
    assert!(noisy.0.values().all(|n| *n >= 0));
    assert!(noisy.0.values().any(|n| *n > 0));
    let cells: usize = TABLES
        .iter()
        .map(|t| t.counters.len() * domains().values(t.domain).len())
        .sum();
    assert_eq!(noisy.0.len(), cells);
}

const OCTOBER_15: i64 = 1_792_022_400; // 2026-10-15 00:00 UTC
const NOVEMBER_10: i64 = 1_794_268_800; // 2026-11-10 00:00 UTC

/// A store with one neighbourhood, one kiosk and `visits` visits on 2026-10-15, each with a
/// search that found nothing.
fn city(visits: u8) -> Result<(tempfile::TempDir, Store), StoreError> {
    let (dir, store) = temp_store();
    store.import_baselines(
        &[Baseline {
            neighbourhood: "Old Town".into(),
            population: 10_000,
            offline_share: Some(0.2),
            opening_hours: "Mo-Su 00:00-24:00".into(),
            default_locale: "en".into(),
        }],
        0,
    )?;
    enrol_k1(&store)?;
    let mut records = Vec::new();
    for visit in 0..visits {
        for kind in [
            EventKind::SessionStarted,
            EventKind::Searched {
                results: 0,
                topic: None,
            },
        ] {
            let body = RecordBody::Event(EventRecord {
                session: format!("{visit:02x}").repeat(16),
                hour: OCTOBER_15,
                kind,
            });
            records.push(IncomingRecord {
                seq: records.len() as u64 + 1,
                bytes: body.encode(),
                body,
            });
        }
    }
    store.ingest_records("k1", &records, 0, OCTOBER_15 + 3600)?;
    Ok((dir, store))
}

#[test]
fn a_release_is_kept_costs_its_tables_and_stops_at_the_budget()
-> Result<(), Box<dyn std::error::Error>> {
    let (dir, store) = city(120)?;
    let shelf = ContentShelf::new(dir.path());
    let cache = FiguresCache::default();
    let mut rng = StdRng::seed_from_u64(3);
    assert!(matches!(
        release_month(&store, &shelf, "2026-10", NOVEMBER_10, &mut rng),
        Err(PrivacyError::NoiseOff)
    ));
    // Noise off: city staff see nothing until the month closes (15 November).
    let (nothing, noise) = cache.shown(&store, "2026-10", NOVEMBER_10, false)?;
    assert!(matches!(noise, Noise::NotPublished { .. }), "{noise:?}");
    assert!(nothing.rows.is_empty());
    let sessions =
        |figures: &MonthFigures| figures.find("Old Town", "M1").and_then(|row| row.numerator);

    let settings = turn_on(&store, Some(1.0), Some(20.0))?;
    assert_eq!(settings.release_cost(), TABLES.len() as f64);
    // On, before a release: nothing for city staff; analysts still see the exact figures.
    let (nothing, noise) = cache.shown(&store, "2026-10", NOVEMBER_10, false)?;
    assert_eq!(noise, Noise::NotReleased);
    assert!(nothing.rows.is_empty());
    let (analyst, noise) = cache.shown(&store, "2026-10", NOVEMBER_10, true)?;
    assert_eq!((noise, sessions(&analyst)), (Noise::Off, Some(120.0)));

    // A month still running cannot be released.
    assert!(matches!(
        release_month(&store, &shelf, "2026-11", NOVEMBER_10, &mut rng),
        Err(PrivacyError::MonthNotOver(_))
    ));
    let release = release_month(&store, &shelf, "2026-10", NOVEMBER_10, &mut rng)?;
    assert_eq!(release.cost, TABLES.len() as f64);
    assert_eq!(store.epsilon_spent(2026)?, TABLES.len() as f64);
    let (first, noise) = cache.shown(&store, "2026-10", NOVEMBER_10 + 60, false)?;
    assert_eq!(
        noise,
        Noise::Released {
            epsilon: 1.0,
            at: NOVEMBER_10
        }
    );
    let noisy_sessions = sessions(&first).ok_or("sessions shown")?;
    assert_eq!(
        Some(noisy_sessions),
        release
            .counts_of("Old Town")
            .0
            .get(&(c::SESSIONS.to_owned(), String::new()))
            .map(|n| *n as f64),
        "the figures are made of the stored noisy counts"
    );
    // The same numbers on every view, and from a fresh cache (a restarted server).
    let (again, _) = FiguresCache::default().shown(&store, "2026-10", NOVEMBER_10 + 3600, false)?;
    assert_eq!(first.rows, again.rows);

    // A second release of the month would pass the budget of 20: refused, nothing changes.
    let refused = release_month(&store, &shelf, "2026-10", NOVEMBER_10, &mut rng);
    assert!(
        matches!(refused, Err(PrivacyError::Budget(_))),
        "{refused:?}"
    );
    assert_eq!(store.privacy_ledger()?.len(), 1);
    assert_eq!(stored_release(&store, "2026-10")?, Some(release));

    // A neighbourhood added after the release has no rows in it (not zeros).
    store.import_baselines(
        &[
            Baseline {
                neighbourhood: "Old Town".into(),
                population: 10_000,
                offline_share: Some(0.2),
                opening_hours: "Mo-Su 00:00-24:00".into(),
                default_locale: "en".into(),
            },
            Baseline {
                neighbourhood: "New Quarter".into(),
                population: 4_000,
                offline_share: None,
                opening_hours: "Mo-Fr 09:00-17:00".into(),
                default_locale: "en".into(),
            },
        ],
        NOVEMBER_10 + 7200,
    )?;
    let (later, _) = cache.shown(&store, "2026-10", NOVEMBER_10 + 7200, false)?;
    assert!(later.rows.iter().all(|r| r.neighbourhood != "New Quarter"));
    assert!(later.find("Old Town", "M1").is_some());

    // Off again: the released month stays as released for city staff (showing the exact
    // figures now would undo the release); analysts see the exact ones; ledger kept.
    turn_off(&store)?;
    let (off, noise) = cache.shown(&store, "2026-10", NOVEMBER_10, false)?;
    assert!(matches!(noise, Noise::Released { .. }), "{noise:?}");
    assert_eq!(off.rows, later.rows);
    let (analyst, noise) = cache.shown(&store, "2026-10", NOVEMBER_10, true)?;
    assert_eq!((noise, sessions(&analyst)), (Noise::Off, Some(120.0)));
    assert_eq!(store.privacy_ledger()?.len(), 1);
    Ok(())
}

#[test]
fn extreme_scales_neither_panic_nor_overflow() {
    let mut rng = StdRng::seed_from_u64(5);
    for _ in 0..1000 {
        // Far below any ε a city may set: huge draws saturate instead of overflowing.
        let _ = discrete_laplace(&mut rng, 1e-300);
        assert_eq!(
            discrete_laplace(&mut rng, 1e6),
            0,
            "no noise at an enormous ε"
        );
    }
    let mut exact = Counts::default();
    exact.add(c::SESSIONS, "", i64::MAX - 1);
    let noisy = noisy_counts(&exact, &domains(), 1e-300, &mut rng);
    assert!(noisy.0.values().all(|n| *n >= 0));
}

#[test]
fn months_counted_before_the_caps_are_not_released() -> Result<(), Box<dyn std::error::Error>> {
    let (dir, store) = city(20)?;
    turn_on(&store, None, None)?;
    // As the migration leaves it on a server that had counts before the caps.
    store.set_setting(settings::CAPPED_FROM, Some(&NOVEMBER_10.to_string()))?;
    let shelf = ContentShelf::new(dir.path());
    let refused = release_month(
        &store,
        &shelf,
        "2026-10",
        NOVEMBER_10 + 40 * 86_400,
        &mut StdRng::seed_from_u64(1),
    );
    assert!(
        matches!(refused, Err(PrivacyError::CountedBeforeCaps(..))),
        "{refused:?}"
    );
    assert!(store.privacy_ledger()?.is_empty());
    Ok(())
}

#[test]
fn settings_refuse_nonsense() {
    let (_dir, store) = temp_store();
    for (epsilon, budget) in [
        (Some(0.0), None),
        (Some(-1.0), None),
        (Some(f64::NAN), None),
        (None, Some(0.0)),
    ] {
        assert!(
            matches!(
                turn_on(&store, epsilon, budget),
                Err(PrivacyError::BadNumber(_))
            ),
            "{epsilon:?} {budget:?}"
        );
    }
    assert!(matches!(noise_settings(&store), Ok(None)), "still off");
    let defaults = turn_on(&store, None, None).ok();
    assert_eq!(
        defaults,
        Some(NoiseSettings {
            epsilon: 1.0,
            yearly_budget: 12.0 * TABLES.len() as f64
        })
    );
}

#[test]
fn revoking_a_kiosk_changes_no_past_month() -> Result<(), Box<dyn std::error::Error>> {
    let (_dir, store) = city(120)?;
    // October's M2 row (value, scheduled minutes) as computed at `now`.
    let m2 = |now: i64| {
        FiguresCache::default()
            .shown(&store, "2026-10", now, true)
            .map(|(figures, _)| {
                figures
                    .find("Old Town", "M2")
                    .map(|row| (row.value, row.denominator))
            })
    };
    let before = m2(NOVEMBER_10)?;
    // Open all day every day: October's 31 days of minutes were scheduled.
    assert_eq!(
        before.and_then(|(_, scheduled)| scheduled),
        Some(31.0 * 24.0 * 60.0)
    );
    assert!(store.set_device_state("k1", crate::store::DeviceState::Revoked, NOVEMBER_10)?);
    assert_eq!(m2(NOVEMBER_10 + 86_400)?, before, "October stays as it was");
    // November counts the kiosk's minutes up to its revocation, not after.
    let (november, _) =
        FiguresCache::default().shown(&store, "2026-11", NOVEMBER_10 + 5 * 86_400, true)?;
    assert_eq!(
        november
            .find("Old Town", "M2")
            .and_then(|row| row.denominator),
        Some(9.0 * 24.0 * 60.0),
        "1 to 10 November"
    );
    Ok(())
}
