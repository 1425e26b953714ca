//! An independent check of the figures. Random visits go through the real path (enrolled
//! kiosks, the store's ingest and roll-ups, the figures cache); every figure made from events
//! is then recounted here from the visits themselves, in plain Rust that shares nothing with
//! the roll-ups or `compute`. On what a non-analyst is shown, no count from 1 to 9 appears,
//! an attacker who solves the published tables (every row, viewed again after late visits)
//! recovers no hidden count, and the disparity reads the same whatever a hidden
//! neighbourhood's count is within 9 of its value.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use wire::{AccessibilityFeature, EventKind, EventRecord, RecordBody};

use super::breakdowns::Domain;
use super::compute::{ALL, MetricRow, MonthFigures, published_tables};
use super::disclosure::Tables;
use super::{FiguresCache, month_inputs};
use crate::places::Baseline;
use crate::store::test_support::temp_store;
use crate::store::{EnrolmentCode, IncomingRecord, Store};

const OCTOBER_1: i64 = 1_790_812_800; // 2026-10-01 00:00 UTC
const OCTOBER_26: i64 = OCTOBER_1 + 25 * DAY;
const NOVEMBER_15: i64 = 1_794_700_800; // October closes
const DECEMBER_20: i64 = NOVEMBER_15 + 35 * DAY; // November has closed too
const DAY: i64 = 86_400;

const PLACES: [(&str, u64); 3] = [("Alder", 800), ("Beech", 5_000), ("Cedar", 20_000)];
const LOCALES: [&str; 3] = ["en", "es", "ar"];
/// Every accessibility feature: each has a row whether or not anyone used it.
const FEATURES: [(AccessibilityFeature, &str); 5] = [
    (AccessibilityFeature::LargeText, "large_text"),
    (AccessibilityFeature::HighContrast, "high_contrast"),
    (AccessibilityFeature::ReadAloud, "read_aloud"),
    (AccessibilityFeature::EasyRead, "easy_read"),
    (AccessibilityFeature::Keyboard, "keyboard"),
];
const TOPICS: [&str; 2] = ["housing.repairs", "streets.lights"];
const MODULES: [&str; 2] = ["email", "scams"];

/// One visit as a resident made it.
#[derive(Debug, Clone)]
struct Visit {
    place: usize,
    day: i64,
    /// The first language chosen, and a later change (which does not count).
    locale: Option<usize>,
    changed_to: Option<usize>,
    features: Vec<usize>,
    assisted: bool,
    /// Results of each search.
    searches: Vec<u32>,
    views: usize,
    /// (topic, sent too).
    requests: Vec<(usize, bool)>,
    /// (module, finished and passed: Some(true), finished and failed: Some(false)).
    modules: Vec<(usize, Option<bool>)>,
    ratings: Vec<u8>,
    surveys: usize,
    /// When the kiosk's batch reached the server.
    received: i64,
}

fn visit(places: usize) -> impl Strategy<Value = Visit> {
    (
        (
            0..places,
            0..20i64,
            prop::option::of(0..3usize),
            prop::option::of(0..3usize),
        ),
        (
            prop::collection::vec(0..5usize, 0..3),
            prop::bool::weighted(0.2),
        ),
        (
            prop::collection::vec(prop_oneof![Just(0u32), 1..9u32], 0..8),
            0..8usize,
        ),
        prop::collection::vec((0..2usize, any::<bool>()), 0..3),
        prop::collection::vec((0..2usize, prop::option::of(any::<bool>())), 0..3),
        (prop::collection::vec(1..=5u8, 0..3), 0..2usize),
    )
        .prop_map(
            |(
                (place, day, locale, changed_to),
                (features, assisted),
                (searches, views),
                requests,
                modules,
                (ratings, surveys),
            )| Visit {
                place,
                day,
                locale,
                changed_to,
                features,
                assisted,
                searches,
                views,
                requests,
                modules,
                ratings,
                surveys,
                received: 0,
            },
        )
}

/// The events a kiosk would record for `visit`, in order.
fn events(visit: &Visit) -> Vec<EventKind> {
    let mut kinds = vec![EventKind::SessionStarted];
    for locale in visit.locale.iter().chain(&visit.changed_to) {
        kinds.push(EventKind::LanguageChosen {
            locale: LOCALES[*locale].into(),
        });
    }
    for feature in &visit.features {
        kinds.push(EventKind::AccessibilityUsed {
            feature: FEATURES[*feature].0,
        });
    }
    if visit.assisted {
        kinds.push(EventKind::StaffAssisted);
    }
    for results in &visit.searches {
        kinds.push(EventKind::Searched {
            results: *results,
            topic: None,
        });
    }
    for _ in 0..visit.views {
        kinds.push(EventKind::ServiceViewed {
            topic: TOPICS[0].into(),
        });
    }
    for (topic, sent) in &visit.requests {
        let topic = TOPICS[*topic].to_owned();
        kinds.push(EventKind::RequestStarted {
            topic: topic.clone(),
        });
        if *sent {
            kinds.push(EventKind::RequestSubmitted { topic });
        }
    }
    for (module, finished) in &visit.modules {
        let module = MODULES[*module].to_owned();
        kinds.push(EventKind::ModuleStarted {
            module: module.clone(),
        });
        if let Some(passed) = finished {
            kinds.push(EventKind::ModuleFinished {
                module,
                passed: *passed,
            });
        }
    }
    for rating in &visit.ratings {
        kinds.push(EventKind::FeedbackGiven {
            topic: TOPICS[1].into(),
            rating: *rating,
        });
    }
    for _ in 0..visit.surveys {
        kinds.push(EventKind::SurveyAnswered {
            survey: "park".into(),
        });
    }
    kinds
}

/// The hour a visit's events carry.
fn hour_of(visit: &Visit) -> i64 {
    OCTOBER_1 + visit.day * DAY + 10 * 3600
}

/// A city of `places` neighbourhoods with one kiosk each (`k0`, `k1`, …).
fn city(store: &Store, places: usize) -> Result<(), Box<dyn std::error::Error>> {
    let baselines: Vec<Baseline> = PLACES[..places]
        .iter()
        .map(|(name, population)| Baseline {
            neighbourhood: (*name).into(),
            population: *population,
            offline_share: None,
            opening_hours: "Mo-Su 00:00-24:00".into(),
            default_locale: "en".into(),
        })
        .collect();
    store.import_baselines(&baselines, 0)?;
    for (i, (name, _)) in PLACES[..places].iter().enumerate() {
        let code = format!("code-{i}");
        store.add_enrolment_code(
            &EnrolmentCode {
                code_hash: code.clone(),
                site: format!("{name} Library"),
                neighbourhood: (*name).into(),
                expires_at: 10,
            },
            0,
        )?;
        store.redeem_enrolment_code(&code, &format!("k{i}"), &format!("t{i}"), "0", None, 1)?;
    }
    Ok(())
}

/// Sends the visits through the store as each kiosk would, numbering on from `next_seq`.
fn ingest(
    store: &Store,
    visits: &[(usize, Visit)],
    next_seq: &mut BTreeMap<usize, u64>,
    received: i64,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut batches: BTreeMap<usize, Vec<IncomingRecord>> = BTreeMap::new();
    for (id, visit) in visits {
        let seq = next_seq.entry(visit.place).or_insert(1);
        for kind in events(visit) {
            let body = RecordBody::Event(EventRecord {
                session: format!("{id:032x}"),
                hour: hour_of(visit),
                kind,
            });
            batches
                .entry(visit.place)
                .or_default()
                .push(IncomingRecord {
                    seq: *seq,
                    bytes: body.encode(),
                    body,
                });
            *seq += 1;
        }
    }
    for (place, records) in batches {
        for batch in records.chunks(wire::MAX_RECORDS_PER_BATCH) {
            store.ingest_records(&format!("k{place}"), batch, 0, received)?;
        }
    }
    Ok(())
}

/// What a figure should be: counts recounted from the visits.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    numerator: f64,
    /// A count, or `None` where the denominator is public (the population).
    denominator: Option<f64>,
    value: Option<f64>,
}

fn rate(numerator: usize, denominator: usize, cap: bool) -> Expected {
    let (n, d) = (numerator as f64, denominator as f64);
    let value = (d > 0.0).then(|| {
        let value = 100.0 * n / d;
        if cap { value.min(100.0) } else { value }
    });
    Expected {
        numerator: n,
        denominator: Some(d),
        value,
    }
}

fn per_1000(numerator: usize, population: u64) -> Expected {
    Expected {
        numerator: numerator as f64,
        denominator: None,
        value: Some(1000.0 * numerator as f64 / population as f64),
    }
}

/// The language a visit counts in: the first one chosen.
fn first_locale(visit: &Visit) -> Option<usize> {
    visit.locale.or(visit.changed_to)
}

/// Every event-made figure of every neighbourhood and the city, recounted from `visits`:
/// (place, metric) → expected.
///
/// `offered` is the content's list of topics and modules (public: every month has their
/// rows, used or not).
fn recount(
    visits: &[&Visit],
    places: usize,
    offered: &Domain,
) -> BTreeMap<(String, String), Expected> {
    let mut modules: BTreeSet<&str> = visits
        .iter()
        .flat_map(|v| v.modules.iter().map(|(m, _)| MODULES[*m]))
        .collect();
    modules.extend(offered.modules.iter().map(String::as_str));
    let mut topics: BTreeSet<&str> = visits
        .iter()
        .flat_map(|v| v.requests.iter().map(|(t, _)| TOPICS[*t]))
        .collect();
    topics.extend(offered.topics.iter().map(String::as_str));
    let mut expected = BTreeMap::new();
    let mut areas: Vec<(String, Vec<&Visit>, u64)> = PLACES[..places]
        .iter()
        .enumerate()
        .map(|(i, (name, population))| {
            let here = visits.iter().copied().filter(|v| v.place == i).collect();
            ((*name).to_owned(), here, *population)
        })
        .collect();
    let everyone: u64 = PLACES[..places].iter().map(|(_, p)| p).sum();
    areas.push((ALL.to_owned(), visits.to_vec(), everyone));
    for (place, here, population) in areas {
        let mut put = |metric: String, e: Expected| {
            expected.insert((place.clone(), metric), e);
        };
        let sessions = here.len();
        let count = |f: &dyn Fn(&Visit) -> usize| here.iter().map(|v| f(v)).sum::<usize>();
        let started = count(&|v| v.requests.len());
        let sent = count(&|v| v.requests.iter().filter(|(_, s)| *s).count());
        let searches = count(&|v| v.searches.len());
        let empty = count(&|v| v.searches.iter().filter(|r| **r == 0).count());
        let views = count(&|v| v.views);
        let passed_in = |v: &Visit, module: Option<usize>| {
            v.modules
                .iter()
                .filter(|(m, done)| *done == Some(true) && module.is_none_or(|x| x == *m))
                .count()
        };
        let started_in = |v: &Visit, module: Option<usize>| {
            v.modules
                .iter()
                .filter(|(m, _)| module.is_none_or(|x| x == *m))
                .count()
        };
        let passed = count(&|v| passed_in(v, None));
        let ratings = count(&|v| v.ratings.len());
        let rating_sum = count(&|v| v.ratings.iter().map(|r| usize::from(*r)).sum());
        let surveys = count(&|v| v.surveys);
        let other_language = count(&|v| usize::from(first_locale(v).is_some_and(|l| l != 0)));

        put("M1".into(), per_1000(sessions, population));
        // M12: every event, and the median of their ages at arrival in whole hours (the lower
        // middle of an even count).
        let mut ages: Vec<i64> = here
            .iter()
            .flat_map(|v| {
                let age = (v.received - hour_of(v)) / 3600;
                std::iter::repeat_n(age, events(v).len())
            })
            .collect();
        ages.sort_unstable();
        put(
            "M12".into(),
            Expected {
                numerator: ages.len() as f64,
                denominator: None,
                value: (!ages.is_empty()).then(|| ages[ages.len().div_ceil(2) - 1] as f64),
            },
        );
        put("M3".into(), rate(sent, started, true));
        put("M4".into(), per_1000(views + sent, population));
        put(
            "M5".into(),
            rate(empty + started - sent, searches + started, false),
        );
        put(
            "M6".into(),
            rate(
                count(&|v| usize::from(!v.features.is_empty())),
                sessions,
                false,
            ),
        );
        for (f, (_, code)) in FEATURES.iter().enumerate() {
            let used = count(&|v| usize::from(v.features.contains(&f)));
            put(format!("M6[{code}]"), rate(used, sessions, false));
        }
        put("M7".into(), rate(other_language, sessions, false));
        // Every language kiosks offer but the default has a row, chosen or not.
        for locale in content::KIOSK_LOCALES.iter().filter(|l| **l != "en") {
            let l = LOCALES.iter().position(|x| x == locale);
            let chosen = count(&|v| usize::from(l.is_some() && first_locale(v) == l));
            put(format!("M7[{locale}]"), rate(chosen, sessions, false));
        }
        put(
            "M8".into(),
            rate(passed, count(&|v| started_in(v, None)), true),
        );
        for module in &modules {
            let m = MODULES.iter().position(|x| x == module);
            put(
                format!("M8[{module}]"),
                rate(
                    m.map_or(0, |m| count(&|v| passed_in(v, Some(m)))),
                    m.map_or(0, |m| count(&|v| started_in(v, Some(m)))),
                    true,
                ),
            );
        }
        put("M9".into(), per_1000(passed, population));
        put(
            "M10".into(),
            rate(count(&|v| usize::from(v.assisted)), sessions, false),
        );
        put("M11".into(), per_1000(ratings + surveys, population));
        put(
            "M11[rating]".into(),
            Expected {
                numerator: rating_sum as f64,
                denominator: Some(ratings as f64),
                value: (ratings > 0).then(|| rating_sum as f64 / ratings as f64),
            },
        );
        if place == ALL {
            // A row for every topic offered or used, zero or not.
            for topic in &topics {
                let of = |sent_only: bool| {
                    count(&|v| {
                        v.requests
                            .iter()
                            .filter(|(x, s)| TOPICS[*x] == *topic && (*s || !sent_only))
                            .count()
                    })
                };
                let unmet = (of(false) - of(true)) as f64;
                put(
                    format!("M5[{topic}]"),
                    Expected {
                        numerator: unmet,
                        denominator: None,
                        value: Some(unmet),
                    },
                );
            }
        }
    }
    expected
}

/// The families of rows the recount covers (a row of one of them that the recount does not
/// expect would be a row present by some other rule).
fn recounted(metric: &str) -> bool {
    let base = metric.split('[').next().unwrap_or(metric);
    [
        "M1", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11", "M12",
    ]
    .contains(&base)
        && !metric.starts_with("M12[")
}

fn compare(figures: &MonthFigures, expected: &BTreeMap<(String, String), Expected>) {
    for ((place, metric), want) in expected {
        let row = figures.find(place, metric);
        let Some(row) = row else {
            panic!("no {metric} row for {place}");
        };
        assert_eq!(
            row.numerator,
            Some(want.numerator),
            "{place} {metric} counted"
        );
        if let Some(denominator) = want.denominator {
            assert_eq!(
                row.denominator,
                Some(denominator),
                "{place} {metric} out of"
            );
        }
        match (row.value, want.value) {
            (Some(got), Some(want)) => {
                assert!(
                    (got - want).abs() < 1e-9,
                    "{place} {metric}: {got} ≠ {want}"
                )
            }
            (got, want) => assert_eq!(got, want, "{place} {metric}"),
        }
    }
    for row in &figures.rows {
        if recounted(&row.metric) {
            assert!(
                expected.contains_key(&(row.neighbourhood.clone(), row.metric.clone())),
                "a row the recount does not expect: {} {}",
                row.neighbourhood,
                row.metric
            );
        }
    }
}

/// No shown figure rests on a count from 1 to 9.
fn no_small_count_shown(published: &[MetricRow], expected: &BTreeMap<(String, String), Expected>) {
    for row in published.iter().filter(|r| !r.suppressed) {
        let Some(want) = expected.get(&(row.neighbourhood.clone(), row.metric.clone())) else {
            continue;
        };
        for count in [Some(want.numerator), want.denominator]
            .into_iter()
            .flatten()
        {
            assert!(
                !(1.0..=9.0).contains(&count),
                "{} {} is shown on a count of {count}",
                row.neighbourhood,
                row.metric
            );
        }
    }
    for row in published.iter().filter(|r| r.suppressed) {
        assert_eq!(
            (row.value, row.numerator, row.denominator),
            (None, None, None),
            "a hidden row carries nothing a page could show or sort by"
        );
    }
}

/// The attacker: which cells the published rows give away, by reducing every linear relation
/// between the cells (over the cells not shown) to row echelon form once. A cell is worked out
/// exactly when a reduced relation involves it alone.
fn worked_out(tables: &Tables, known: &[bool]) -> Vec<bool> {
    let unknown: Vec<usize> = (0..tables.values.len()).filter(|&c| !known[c]).collect();
    let column: BTreeMap<usize, usize> = unknown.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    let mut rows: Vec<Vec<f64>> = tables
        .constraints
        .iter()
        .map(|constraint| {
            let mut row = vec![0.0; unknown.len()];
            for &(cell, coefficient) in constraint {
                if let Some(&i) = column.get(&cell) {
                    row[i] += coefficient;
                }
            }
            row
        })
        .filter(|row| row.iter().any(|v| v.abs() > 1e-9))
        .collect();
    let mut rank = 0;
    for col in 0..unknown.len() {
        let Some(pivot) = (rank..rows.len()).find(|&r| rows[r][col].abs() > 1e-9) else {
            continue;
        };
        rows.swap(rank, pivot);
        let lead = rows[rank][col];
        let pivot_row: Vec<f64> = rows[rank].iter().map(|v| v / lead).collect();
        for (r, row) in rows.iter_mut().enumerate() {
            if r != rank && row[col].abs() > 1e-12 {
                let factor = row[col];
                for (v, p) in row.iter_mut().zip(&pivot_row) {
                    *v -= factor * p;
                }
            }
        }
        rows[rank] = pivot_row;
        rank += 1;
    }
    let mut determined = known.to_vec();
    for row in rows.iter().take(rank) {
        let nonzero: Vec<usize> = (0..row.len()).filter(|&i| row[i].abs() > 1e-9).collect();
        if let [only] = nonzero[..] {
            determined[unknown[only]] = true;
        }
    }
    determined
}

/// The attacker's view of the month: every cell a shown row carries, and public figures.
fn attack(figures_published: &[MetricRow], tables: &Tables) {
    let mut known = tables.public.clone();
    for (row, cells) in figures_published.iter().zip(&tables.rows) {
        if !row.suppressed {
            // The rows line up with the tables' rows: a shown row carries its cells' values.
            let carried: Vec<f64> = row
                .numerator
                .iter()
                .chain(&row.denominator)
                .copied()
                .collect();
            let held: Vec<f64> = cells.iter().map(|&c| tables.values[c]).collect();
            assert_eq!(carried, held, "{} {}", row.neighbourhood, row.metric);
            for &cell in cells {
                known[cell] = true;
            }
        }
    }
    let determined = worked_out(tables, &known);
    for (row, cells) in figures_published.iter().zip(&tables.rows) {
        if row.suppressed {
            // Zero is not protected (the definitions say so): a hidden row's count of 0
            // may follow from zeros shown elsewhere, as a city total of 0 means 0 everywhere.
            for &cell in cells.iter().filter(|&&c| tables.values[c] != 0.0) {
                assert!(
                    known[cell] || !determined[cell],
                    "{} {}: its hidden count {} follows from the published rows",
                    row.neighbourhood,
                    row.metric,
                    tables.values[cell]
                );
            }
        }
    }
    for (cell, &value) in tables.values.iter().enumerate() {
        if !tables.public[cell] && (1.0..=9.0).contains(&value) {
            assert!(
                !determined[cell],
                "a small count {value} follows from the rows"
            );
        }
    }
}

/// A published disparity figure reads the same whatever each hidden neighbourhood's count is,
/// within 9 of its value.
fn disparity_holds(analyst: &MonthFigures, published: &MonthFigures, places: usize) {
    let Some(gini) = published.find(ALL, "gini_m1").filter(|r| !r.suppressed) else {
        return;
    };
    let reach: Vec<(f64, f64, bool)> = PLACES[..places]
        .iter()
        .filter_map(|(name, population)| {
            let row = analyst.find(name, "M1")?;
            let hidden = published.find(name, "M1").is_none_or(|r| r.suppressed);
            Some((row.numerator?, *population as f64, hidden))
        })
        .collect();
    let gini_of = |counts: &[(f64, f64, bool)]| {
        let values: Vec<(f64, f64)> = counts
            .iter()
            .map(|(n, p, _)| (1000.0 * n / p, *p))
            .collect();
        super::disparity::weighted_gini(&values).map(super::disparity::round)
    };
    for (i, (count, _, hidden)) in reach.iter().enumerate() {
        if !hidden {
            continue;
        }
        let lowest = (count - 9.0).max(0.0);
        for moved in 0..=(count + 9.0 - lowest) as u32 {
            let candidate = lowest + f64::from(moved);
            let mut other = reach.clone();
            other[i].0 = candidate;
            assert_eq!(
                gini_of(&other),
                gini.value,
                "the published Gini would rule out a count of {candidate} for {}",
                PLACES[i].0
            );
        }
    }
}

fn check(
    places: usize,
    visits: Vec<Visit>,
    late: Vec<Visit>,
) -> Result<(), Box<dyn std::error::Error>> {
    let (_dir, store) = temp_store();
    city(&store, places)?;
    let mut next_seq = BTreeMap::new();
    let numbered: Vec<(usize, Visit)> = visits
        .into_iter()
        .map(|visit| Visit {
            received: OCTOBER_26,
            ..visit
        })
        .enumerate()
        .collect();
    ingest(&store, &numbered, &mut next_seq, OCTOBER_26)?;
    let cache = FiguresCache::default();

    // Analysts: every figure as recounted.
    let all: Vec<&Visit> = numbered.iter().map(|(_, v)| v).collect();
    let offered = Domain::load(&store)?;
    let expected = recount(&all, places, &offered);
    let (analyst, _) = cache.shown(&store, "2026-10", NOVEMBER_15, true)?;
    compare(&analyst, &expected);

    // City staff, once October has closed.
    let (published, _) = cache.shown(&store, "2026-10", NOVEMBER_15, false)?;
    assert_eq!(published.rows.len(), analyst.rows.len());
    no_small_count_shown(&published.rows, &expected);
    let inputs = month_inputs(&store, "2026-10", NOVEMBER_15)?;
    let tables = published_tables(&inputs);
    attack(&published.rows, &tables);
    disparity_holds(&analyst, &published, places);

    // Late October visits arrive in November. Analysts see them in October; everyone else
    // sees October exactly as before (a second view is no second equation), and the late
    // visits as their own protected row in November.
    let late: Vec<(usize, Visit)> = late
        .into_iter()
        .enumerate()
        .map(|(i, visit)| {
            let received = NOVEMBER_15 + DAY;
            (numbered.len() + i, Visit { received, ..visit })
        })
        .collect();
    ingest(&store, &late, &mut next_seq, NOVEMBER_15 + DAY)?;
    let (again, _) = FiguresCache::default().shown(&store, "2026-10", DECEMBER_20, false)?;
    assert_eq!(
        again.rows, published.rows,
        "October reads the same at every view"
    );
    let every: Vec<&Visit> = numbered.iter().chain(&late).map(|(_, v)| v).collect();
    let (analyst, _) = FiguresCache::default().shown(&store, "2026-10", DECEMBER_20, true)?;
    compare(&analyst, &recount(&every, places, &offered));
    let (november, _) = cache.shown(&store, "2026-11", DECEMBER_20, false)?;
    for (i, (name, _)) in PLACES[..places].iter().enumerate() {
        let arrived = late.iter().filter(|(_, v)| v.place == i).count() as f64;
        let row = november.find(name, "M12[late_visits]");
        match row.filter(|r| !r.suppressed).and_then(|r| r.value) {
            Some(shown) => {
                assert_eq!(shown, arrived, "{name}'s late visits");
                assert!(
                    !(1.0..=9.0).contains(&shown),
                    "{name}: {shown} late visits shown"
                );
            }
            None => assert!(
                row.is_some_and(|r| r.suppressed),
                "{name} has a late-visits row"
            ),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn published_figures_match_a_recount_and_give_away_no_hidden_count(
        (places, visits, late) in (2..=3usize).prop_flat_map(|places| (
            Just(places),
            prop::collection::vec(visit(places), 0..90),
            prop::collection::vec(visit(places), 0..14),
        ))
    ) {
        let outcome = check(places, visits, late);
        prop_assert!(outcome.is_ok(), "{outcome:?}");
    }
}
