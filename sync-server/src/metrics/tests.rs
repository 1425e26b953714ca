//! Every figure against values worked out by hand on a three-neighbourhood fixture, and an
//! attacker who tries to recover each hidden count from what is published.

use std::collections::BTreeMap;

use super::compute::{
    self, Counts, MonthFigures, NeighbourhoodInput, RequestWaits, Targets, published_tables,
    weighted_percentile,
};
use super::counting::counter as c;
use super::disclosure::{self, Tables, known_cells};
use super::disparity::{quintile_ratio, weighted_gini};

/// Waits by form: (form, hours, requests) for first responses, then for resolutions.
fn waits(first: &[(&str, i64, u32)], resolved: &[(&str, i64, u32)]) -> RequestWaits {
    let mut waits = RequestWaits::default();
    for (list, kind) in [
        (first, &mut waits.first_response),
        (resolved, &mut waits.resolution),
    ] {
        for (form, hours, n) in list {
            for _ in 0..*n {
                RequestWaits::add(kind, form, *hours);
            }
        }
    }
    waits
}

fn counts(list: &[(&str, &str, i64)]) -> Counts {
    let mut counts = Counts::default();
    for (counter, dim, n) in list {
        counts.add(counter, dim, *n);
    }
    counts
}

/// Amber (large, well served), Birch (small counts), Cedar (large, low reach).
fn fixture() -> Vec<NeighbourhoodInput> {
    vec![
        NeighbourhoodInput {
            name: "Amber".into(),
            population: 10_000,
            offline_share: Some(0.2),
            default_locale: "en".into(),
            counts: counts(&[
                (c::SESSIONS, "", 200),
                (c::LOCALE, "es", 50),
                (c::LOCALE, "ar", 30),
                (c::LOCALE, "en", 20),
                (c::ANY_FEATURE, "", 40),
                (c::FEATURE, "read_aloud", 25),
                (c::FEATURE, "large_text", 20),
                (c::ASSISTED, "", 12),
                (c::SEARCHES, "", 100),
                (c::SEARCHES_EMPTY, "", 15),
                (c::REQ_STARTED, "housing.repairs", 30),
                (c::REQ_SUBMITTED, "housing.repairs", 24),
                (c::VIEWS, "", 300),
                (c::MOD_STARTED, "email", 40),
                (c::MOD_PASSED, "email", 22),
                (c::RATING, "5", 10),
                (c::RATING, "4", 10),
                (c::SURVEYS, "", 5),
                (c::EVENTS, "", 1000),
                (c::AGE_HOURS, "1", 600),
                (c::AGE_HOURS, "2", 300),
                (c::AGE_HOURS, "500", 100),
            ]),
            usable_minutes: 5880.0,
            scheduled_minutes: 6000.0,
            kiosks_unseen: 0,
            waits: waits(
                &[("callback", 2, 3), ("callback", 5, 4), ("callback", 30, 5)],
                &[("callback", 48, 10)],
            ),
        },
        NeighbourhoodInput {
            name: "Birch".into(),
            population: 5_000,
            offline_share: None,
            default_locale: "es".into(),
            counts: counts(&[
                (c::SESSIONS, "", 50),
                (c::LOCALE, "en", 15),
                (c::ANY_FEATURE, "", 5),
                (c::FEATURE, "read_aloud", 5),
                (c::ASSISTED, "", 3),
                (c::SEARCHES, "", 40),
                (c::SEARCHES_EMPTY, "", 10),
                (c::REQ_STARTED, "benefits.apply", 12),
                (c::REQ_SUBMITTED, "benefits.apply", 4),
                (c::VIEWS, "", 60),
                (c::MOD_STARTED, "email", 10),
                (c::MOD_PASSED, "email", 6),
                (c::RATING, "3", 12),
                (c::EVENTS, "", 300),
                (c::AGE_HOURS, "400", 300),
            ]),
            usable_minutes: 3000.0,
            scheduled_minutes: 6000.0,
            kiosks_unseen: 1,
            waits: waits(&[("callback", 100, 4)], &[]),
        },
        NeighbourhoodInput {
            name: "Cedar".into(),
            population: 20_000,
            offline_share: Some(0.3),
            default_locale: "en".into(),
            counts: counts(&[
                (c::SESSIONS, "", 100),
                (c::LOCALE, "ar", 40),
                (c::ANY_FEATURE, "", 30),
                (c::FEATURE, "read_aloud", 30),
                (c::ASSISTED, "", 20),
                (c::SEARCHES, "", 80),
                (c::SEARCHES_EMPTY, "", 40),
                (c::REQ_STARTED, "housing.repairs", 40),
                (c::REQ_SUBMITTED, "housing.repairs", 10),
                (c::VIEWS, "", 100),
                (c::MOD_STARTED, "email", 30),
                (c::MOD_PASSED, "email", 12),
                (c::SURVEYS, "", 20),
                (c::EVENTS, "", 500),
                (c::AGE_HOURS, "3", 500),
            ]),
            usable_minutes: 11_000.0,
            scheduled_minutes: 12_000.0,
            kiosks_unseen: 0,
            waits: waits(&[("callback", 70, 20), ("street-light", 10, 3)], &[]),
        },
    ]
}

fn value(figures: &MonthFigures, place: &str, metric: &str) -> f64 {
    figures
        .find(place, metric)
        .and_then(|row| row.value)
        .unwrap_or(f64::NAN)
}

fn close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < 1e-6,
        "{what}: {actual} ≠ {expected}"
    );
}

#[test]
fn every_metric_matches_the_hand_computed_value() {
    let figures = compute::compute("2026-03", &fixture(), &Targets::default());
    let a = |metric| value(&figures, "Amber", metric);
    close(a("M1"), 20.0, "M1 = 1000 × 200 / 10000");
    close(a("M1b"), 100.0, "M1b = 1000 × 200 / (10000 × 0.2)");
    close(a("M2"), 98.0, "M2 = 5880 / 6000");
    close(a("M3"), 80.0, "M3 = 24 / 30");
    close(a("M4"), 32.4, "M4 = 1000 × (300 + 24) / 10000");
    close(
        a("M5"),
        100.0 * 21.0 / 130.0,
        "M5 = (15 + 30 − 24) / (100 + 30)",
    );
    close(a("M6"), 20.0, "M6 = 40 / 200");
    close(a("M6[read_aloud]"), 12.5, "M6 read aloud = 25 / 200");
    close(a("M7"), 40.0, "M7 = (50 + 30) / 200");
    close(a("M7[es]"), 25.0, "M7 es = 50 / 200");
    assert!(
        figures.find("Amber", "M7[en]").is_none(),
        "the default locale is not a breakdown"
    );
    close(a("M8"), 55.0, "M8 = 22 / 40");
    close(a("M9"), 2.2, "M9 = 1000 × 22 / 10000");
    close(a("M10"), 6.0, "M10 = 12 / 200");
    close(a("M11"), 2.5, "M11 = 1000 × (20 + 5) / 10000");
    close(a("M11[rating]"), 4.5, "mean rating (10 × 5 + 10 × 4) / 20");
    close(
        a("M12"),
        1.0,
        "median age: 500th of 1000 events is 1 hour old",
    );
    close(
        value(&figures, "Birch", "M12[unseen_kiosks]"),
        1.0,
        "unseen kiosks",
    );

    // City-wide rows add the neighbourhoods up.
    let all = |metric| value(&figures, compute::ALL, metric);
    close(all("M1"), 1000.0 * 350.0 / 35_000.0, "city M1");
    close(all("M3"), 100.0 * 38.0 / 82.0, "city M3");
    close(
        all("M1b"),
        1000.0 * 300.0 / (2000.0 + 6000.0),
        "city M1b over neighbourhoods with h",
    );
    close(
        all("M12"),
        2.0,
        "city median age: the 900th of 1,800 events is 2 hours old",
    );
    close(
        all("M5[housing.repairs]"),
        36.0,
        "unmet housing repairs: 70 started − 34 sent",
    );
}

#[test]
fn waits_are_medians_of_at_least_ten_requests_and_small_ones_are_hidden() {
    let figures = compute::compute("2026-03", &fixture(), &Targets::default());
    // Amber: 2 h ×3, 5 h ×4, 30 h ×5: the 6th of 12 (the lower middle) is 5 h.
    close(value(&figures, "Amber", "M13"), 5.0, "Amber M13");
    close(
        value(&figures, "Amber", "M13[callback]"),
        5.0,
        "Amber M13[callback]",
    );
    close(value(&figures, "Amber", "M13b"), 48.0, "Amber M13b");
    let hidden = |place: &str, metric: &str| {
        figures
            .find(place, metric)
            .is_some_and(|row| row.suppressed && row.published().value.is_none())
    };
    assert!(hidden("Birch", "M13"), "4 requests: hidden");
    assert!(hidden("Cedar", "M13[street-light]"), "3 requests: hidden");
    assert!(
        hidden("Cedar", "M13") || hidden("Cedar", "M13[callback]"),
        "the 3 would be a difference of Cedar's total and its callbacks"
    );
    // Cedar's callbacks are 20 requests at 70 h; none closed, so no M13b.
    assert_eq!(figures.find("Cedar", "M13b").and_then(|r| r.value), None);
    let counted = figures
        .find("Amber", "M13")
        .and_then(|row| row.numerator)
        .unwrap_or_default();
    close(counted, 12.0, "Amber: 12 requests answered");
}

#[test]
fn gap_index_follows_the_definition() {
    let figures = compute::compute("2026-03", &fixture(), &Targets::default());
    // Birch's M3 and M9 are hidden (4 and 6 are small): targets come from Amber and Cedar.
    // Weighted 80th percentile of M1 (sorted: Cedar 5 w 20000, Birch 10 w 5000, Amber 20
    // w 10000): 80% of 35000 = 28000 is first reached at Amber's 20.
    close(figures.targets["M1"].unwrap_or(f64::NAN), 20.0, "B(M1)");
    close(
        figures.targets["M2"].unwrap_or(f64::NAN),
        98.0,
        "B(M2) default",
    );
    // M3: Amber 80 (w 10000), Cedar 25 (w 20000) → 80.
    close(figures.targets["M3"].unwrap_or(f64::NAN), 80.0, "B(M3)");
    // M9: Amber 2.2, Cedar 0.6 → 2.2.
    close(figures.targets["M9"].unwrap_or(f64::NAN), 2.2, "B(M9)");
    // Cedar: z(M1) = 5/20, z(M2) = min(91.67/98, 1); z(M3) = 25/80; M5 = (40+40−10)/(80+40).
    let z1: f64 = 5.0 / 20.0;
    let z2 = (100.0 * 11_000.0 / 12_000.0) / 98.0;
    let access = (z1 + z2) / 2.0;
    let usage = (25.0 / 80.0 + (1.0 - 70.0 / 120.0)) / 2.0;
    let ability = 0.6 / 2.2;
    let score = 100.0 * (access * usage * ability).cbrt();
    let c = |metric| value(&figures, "Cedar", metric);
    close(c("access"), access, "access");
    close(c("use"), usage, "use");
    close(c("ability"), ability, "ability");
    close(c("inclusion_score"), score, "inclusion score");
    close(c("gap_index"), 100.0 - score, "gap index");
    // Amber meets every target but availability and unmet demand.
    close(value(&figures, "Amber", "access"), 1.0, "Amber access");
    // Birch's index is hidden because its inputs are.
    let birch = figures.find("Birch", "gap_index").map(|r| r.suppressed);
    assert_eq!(birch, Some(true));
    // Disparity over the neighbourhoods whose M1 is shown (all three: 50 sessions is not
    // small), by hand: reach 20, 10, 5 for 10,000, 5,000 and 20,000 residents; mean 10;
    // Σ w_i w_j |x_i − x_j| over ordered pairs = 2 × (10 × 5e7 + 15 × 2e8 + 5 × 1e8) = 8e9;
    // Gini = 8e9 / (2 × 35,000² × 10) = 16/49 = 0.3265, published to two places.
    close(value(&figures, compute::ALL, "gini_m1"), 0.33, "gini");
}

#[test]
fn gini_percentile_and_quintile_ratio_by_hand() {
    // Two equal populations with reach 0 and 10: mean 5, Gini = (2 × ½ × ½ × 10) / (2 × 5) = 0.5.
    close(
        weighted_gini(&[(0.0, 1.0), (10.0, 1.0)]).unwrap_or(f64::NAN),
        0.5,
        "gini of two",
    );
    close(
        weighted_gini(&[(7.0, 3.0), (7.0, 9.0)]).unwrap_or(f64::NAN),
        0.0,
        "equal reach",
    );
    // Weights are people: two residents at 0 and one at 10 is the unweighted Gini of
    // [0, 0, 10]: mean 10/3, Σ|x_i − x_j| over ordered pairs 40, 40 / (2 × 3² × 10/3) = 2/3.
    close(
        weighted_gini(&[(0.0, 2.0), (10.0, 1.0)]).unwrap_or(f64::NAN),
        2.0 / 3.0,
        "population weighting",
    );
    // Weights 1,1,1,1,1 with values 1..5: the 80th percentile is 4.
    let five: Vec<(f64, f64)> = (1..=5).map(|v| (v as f64, 1.0)).collect();
    close(
        weighted_percentile(&five, 0.8).unwrap_or(f64::NAN),
        4.0,
        "percentile",
    );
    // Bottom fifth is the 1, top fifth the 5.
    close(
        quintile_ratio(&five).unwrap_or(f64::NAN),
        0.2,
        "quintile ratio",
    );
    // One neighbourhood straddling: populations 10 and 40 with reach 2 and 8. A fifth is 10:
    // bottom = 2, top = 8.
    close(
        quintile_ratio(&[(2.0, 10.0), (8.0, 40.0)]).unwrap_or(f64::NAN),
        0.25,
        "straddling",
    );
    let mut hist = BTreeMap::new();
    hist.insert(1, 2.0);
    hist.insert(9, 2.0);
    assert_eq!(
        compute::median(&hist),
        Some(1.0),
        "lower middle of an even count"
    );
}

#[test]
fn small_counts_are_hidden_and_suppressed_rows_carry_nothing() {
    let figures = compute::compute("2026-03", &fixture(), &Targets::default());
    for metric in ["M3", "M6", "M6[read_aloud]", "M8", "M9", "M10"] {
        let row = figures.find("Birch", metric).expect("row");
        assert!(row.suppressed, "Birch {metric} shows a count below 10");
        let published = row.published();
        assert_eq!(
            (published.value, published.numerator, published.denominator),
            (None, None, None)
        );
    }
    let hidden: Vec<String> = figures
        .rows
        .iter()
        .filter(|r| r.suppressed)
        .map(|r| format!("{} {}", r.neighbourhood, r.metric))
        .collect();
    // 50 visits is not small and nothing else needs them hidden.
    assert!(
        !figures.find("Birch", "M1").expect("row").suppressed,
        "{hidden:?}"
    );
    // Analysts see the true value of a suppressed row.
    let analyst = figures.rows_for(true);
    let m10 = analyst
        .iter()
        .find(|r| r.neighbourhood == "Birch" && r.metric == "M10");
    close(
        m10.and_then(|r| r.value).unwrap_or(f64::NAN),
        6.0,
        "Birch M10 for analysts",
    );
}

/// The attacker's tools: a rank test written apart from the suppression code.
fn rank(mut rows: Vec<Vec<f64>>) -> usize {
    let width = rows.first().map_or(0, Vec::len);
    let mut rank = 0;
    for column in 0..width {
        let Some(pivot) = (rank..rows.len()).find(|&r| rows[r][column].abs() > 1e-9) else {
            continue;
        };
        rows.swap(rank, pivot);
        let lead = rows[rank][column];
        let pivot_row: Vec<f64> = rows[rank].iter().map(|v| v / lead).collect();
        for (r, row) in rows.iter_mut().enumerate() {
            if r != rank {
                let factor = row[column];
                for (v, p) in row.iter_mut().zip(&pivot_row) {
                    *v -= factor * p;
                }
            }
        }
        rank += 1;
    }
    rank
}

/// Whether `cell` follows from the published cells: it does exactly when adding "cell = ?"
/// to the equations over unknown cells does not raise their rank.
fn recoverable(tables: &Tables, known: &[bool], cell: usize) -> bool {
    let unknown: Vec<usize> = (0..tables.values.len()).filter(|&c| !known[c]).collect();
    let column = |c: usize| unknown.iter().position(|&u| u == c);
    let equations: Vec<Vec<f64>> = tables
        .constraints
        .iter()
        .map(|constraint| {
            let mut row = vec![0.0; unknown.len()];
            for &(c, coefficient) in constraint {
                if let Some(i) = column(c) {
                    row[i] += coefficient;
                }
            }
            row
        })
        .filter(|row| row.iter().any(|v| v.abs() > 1e-9))
        .collect();
    let Some(target) = column(cell) else {
        return true;
    };
    let before = rank(equations.clone());
    let mut with = equations;
    let mut unit = vec![0.0; unknown.len()];
    unit[target] = 1.0;
    with.push(unit);
    rank(with) == before
}

#[test]
fn no_hidden_count_can_be_recovered_from_what_is_published() {
    let inputs = fixture();
    let tables = published_tables(&inputs);
    let suppressed = disclosure::protect(&tables, compute::K);
    let known = known_cells(&tables, &suppressed);
    let small: Vec<usize> = (0..tables.values.len())
        .filter(|&c| !tables.public[c] && (1.0..=9.0).contains(&tables.values[c]))
        .collect();
    assert!(small.len() >= 6, "the fixture has small counts to protect");
    // Every cell that a suppressed row would have shown is hidden and must stay so.
    let hidden: Vec<usize> = tables
        .rows
        .iter()
        .zip(&suppressed)
        .filter(|(_, suppressed)| **suppressed)
        .flat_map(|(cells, _)| cells.iter().copied())
        .filter(|&c| !known[c])
        .collect();
    for &cell in small.iter().chain(&hidden) {
        assert!(
            !known[cell],
            "cell {cell} ({}) is shown",
            tables.values[cell]
        );
        assert!(
            !recoverable(&tables, &known, cell),
            "hidden cell {cell} ({}) can be worked out from the published figures",
            tables.values[cell]
        );
    }
    // Without secondary suppression the same attack succeeds: Birch's 4 submitted requests
    // are the city's total minus the other neighbourhoods'.
    let primary_only: Vec<bool> = tables
        .rows
        .iter()
        .map(|cells| cells.iter().any(|&c| small.contains(&c)))
        .collect();
    let naive = known_cells(&tables, &primary_only);
    assert!(
        small.iter().any(|&cell| recoverable(&tables, &naive, cell)),
        "primary suppression alone leaks (otherwise this test proves nothing)"
    );
}

#[test]
fn published_totals_never_give_away_a_single_hidden_neighbourhood() {
    // The plain attack on the export itself: for each count, the city row minus the shown
    // neighbourhoods. With one neighbourhood hidden that difference would be its value.
    let figures = compute::compute("2026-03", &fixture(), &Targets::default());
    let published = figures.rows_for(false);
    let metrics: Vec<String> = published.iter().map(|r| r.metric.clone()).collect();
    for metric in metrics {
        let city = published
            .iter()
            .find(|r| r.neighbourhood == compute::ALL && r.metric == metric);
        let parts: Vec<_> = published
            .iter()
            .filter(|r| r.neighbourhood != compute::ALL && r.metric == metric)
            .collect();
        let hidden = parts.iter().filter(|r| r.suppressed).count();
        if let Some(city) = city
            && !city.suppressed
            && city.numerator.is_some()
        {
            assert!(
                hidden != 1,
                "{metric}: one neighbourhood hidden under a shown city total"
            );
        }
    }
}

#[test]
fn a_small_city_hides_its_total_too() {
    // Two neighbourhoods, one with 3 visits: the city total would give it away unless the
    // other neighbourhood (or the total) is hidden as well.
    let mut inputs = fixture();
    inputs.truncate(2);
    inputs[1].counts = counts(&[(c::SESSIONS, "", 3), (c::EVENTS, "", 3)]);
    let figures = compute::compute("2026-03", &inputs, &Targets::default());
    let amber = figures.find("Amber", "M1").map(|r| r.suppressed);
    let city = figures.find(compute::ALL, "M1").map(|r| r.suppressed);
    assert_eq!(
        figures.find("Birch", "M1").map(|r| r.suppressed),
        Some(true)
    );
    assert!(
        amber == Some(true) || city == Some(true),
        "Amber {amber:?}, city {city:?}"
    );
}

#[test]
fn every_topic_with_requests_has_an_unmet_row_even_at_zero() {
    let mut inputs = fixture();
    // Every housing repair started in Amber was submitted: none unmet there, and a topic
    // with none unmet city-wide.
    inputs[0].counts = counts(&[
        (c::SESSIONS, "", 200),
        (c::REQ_STARTED, "housing.repairs", 30),
        (c::REQ_SUBMITTED, "housing.repairs", 30),
        (c::REQ_STARTED, "parking.permit", 12),
        (c::REQ_SUBMITTED, "parking.permit", 12),
    ]);
    let figures = compute::compute("2026-03", &inputs, &Targets::default());
    let row = figures
        .find(compute::ALL, "M5[parking.permit]")
        .expect("a row for a topic with none unmet");
    assert_eq!(row.published().value, Some(0.0), "zero may be shown");
}

#[test]
fn a_target_of_zero_gives_no_marks_for_nothing() {
    // Nobody passed a module anywhere: the default target for M9 works out to 0.
    let mut inputs = fixture();
    for input in &mut inputs {
        input
            .counts
            .0
            .retain(|(counter, _), _| counter != c::MOD_PASSED);
    }
    let figures = compute::compute("2026-03", &inputs, &Targets::default());
    close(figures.targets["M9"].unwrap_or(f64::NAN), 0.0, "B(M9)");
    close(
        value(&figures, "Amber", "ability"),
        0.0,
        "z(0 against 0) is 0, not 1",
    );
    close(
        value(&figures, "Amber", "inclusion_score"),
        0.0,
        "no skills, no score",
    );
}

#[test]
fn shares_of_things_begun_stop_at_100_percent_across_month_ends() {
    let mut inputs = fixture();
    // Started in February, sent and passed in March: more finished than begun this month.
    inputs[0].counts = counts(&[
        (c::SESSIONS, "", 200),
        (c::REQ_STARTED, "housing.repairs", 20),
        (c::REQ_SUBMITTED, "housing.repairs", 24),
        (c::MOD_STARTED, "email", 10),
        (c::MOD_PASSED, "email", 12),
    ]);
    let figures = compute::compute("2026-03", &inputs, &Targets::default());
    close(value(&figures, "Amber", "M3"), 100.0, "M3 capped");
    close(value(&figures, "Amber", "M8"), 100.0, "M8 capped");
    close(
        value(&figures, "Amber", "M8[email]"),
        100.0,
        "M8[email] capped",
    );
    // The counts behind them are as counted.
    let m3 = figures.find("Amber", "M3").and_then(|r| r.numerator);
    assert_eq!(m3, Some(24.0));
}

#[test]
fn disparity_counts_hidden_neighbourhoods_and_is_published_only_when_they_cannot_move_it() {
    // Birch with 3 visits is hidden. Its reach still weighs in the Gini.
    let mut inputs = fixture();
    inputs[1].counts = counts(&[(c::SESSIONS, "", 3), (c::EVENTS, "", 3)]);
    let figures = compute::compute("2026-03", &inputs, &Targets::default());
    assert_eq!(
        figures.find("Birch", "M1").map(|r| r.suppressed),
        Some(true)
    );
    // By hand, over all three: reach 20, 0.6 and 5 for 10,000, 5,000 and 20,000 residents.
    let exact = weighted_gini(&[(20.0, 10_000.0), (0.6, 5_000.0), (5.0, 20_000.0)]);
    let gini = figures.find(compute::ALL, "gini_m1");
    assert_eq!(
        gini.and_then(|r| r.value),
        exact.map(super::disparity::round),
        "analysts see the Gini of every neighbourhood"
    );
    assert_eq!(gini.and_then(|r| r.denominator), Some(3.0));
    // Birch anywhere from 0 to 12 visits moves the Gini across a rounding step, so the
    // published figure would narrow it: hidden.
    let moved: Vec<f64> = (0..=12)
        .filter_map(|visits| {
            let birch = 1000.0 * f64::from(visits) / 5_000.0;
            weighted_gini(&[(20.0, 10_000.0), (birch, 5_000.0), (5.0, 20_000.0)])
                .map(super::disparity::round)
        })
        .collect();
    assert!(moved.iter().any(|g| Some(*g) != moved.first().copied()));
    assert_eq!(gini.map(|r| r.suppressed), Some(true));
    assert_eq!(gini.map(|r| r.published().value), Some(None));

    // In a city of 30,000 visits a month, two places with 3 and 4 visits are hidden (each
    // other's complement), but ±9 visits cannot move the figure a step (a hidden count moves
    // the Gini by about its share of all visits): the Gini over all five is published.
    let mut inputs = fixture();
    for (place, visits) in [(0, 12_000), (1, 3_000), (2, 15_000)] {
        inputs[place].counts = counts(&[(c::SESSIONS, "", visits), (c::EVENTS, "", visits)]);
    }
    for (name, visits) in [("Dell", 3), ("Elm", 4)] {
        let mut tiny = inputs[1].clone();
        tiny.name = name.into();
        tiny.population = 40;
        tiny.counts = counts(&[(c::SESSIONS, "", visits), (c::EVENTS, "", visits)]);
        inputs.push(tiny);
    }
    let figures = compute::compute("2026-03", &inputs, &Targets::default());
    let hidden: Vec<&str> = figures
        .rows
        .iter()
        .filter(|r| r.metric == "M1" && r.suppressed)
        .map(|r| r.neighbourhood.as_str())
        .collect();
    assert_eq!(hidden, ["Dell", "Elm"]);
    let gini = figures.find(compute::ALL, "gini_m1");
    assert_eq!(gini.map(|r| r.suppressed), Some(false), "{gini:?}");
    assert_eq!(gini.and_then(|r| r.denominator), Some(5.0));
}
