//! `cargo bench -p sync-server --bench suppression`: how long a month's figures (with
//! small-cell and secondary suppression) take, and the memory they need, as the number of
//! neighbourhoods grows to the limit a city may have (`places::MAX_NEIGHBOURHOODS`). Prints a
//! table. Two kinds of month: *busy* (one neighbourhood in ten has small counts) and *sparse*
//! (nine in ten have small counts everywhere: the worst case for suppression, since
//! most of the city's cells end up unknown and linked through the city totals).

use std::time::Instant;

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use sync_server::metrics::compute::{self, Counts, NeighbourhoodInput, RequestWaits, Targets};
use sync_server::metrics::counting::counter as c;
use sync_server::places::MAX_NEIGHBOURHOODS;

fn neighbourhood(rng: &mut StdRng, index: usize, sparse: bool) -> NeighbourhoodInput {
    let small_share = if sparse { 0.9 } else { 0.1 };
    let scale = if rng.random_bool(small_share) { 1 } else { 40 };
    let mut n = |low: i64, high: i64| rng.random_range(low..=high) * scale;
    let mut counts = Counts::default();
    let sessions = n(1, 12);
    counts.add(c::SESSIONS, "", sessions);
    for locale in ["es", "ar", "fr", "pl", "uk", "zh-Hans"] {
        counts.add(c::LOCALE, locale, n(0, 2));
    }
    counts.add(c::ANY_FEATURE, "", n(0, 3));
    for feature in ["read_aloud", "large_text", "high_contrast"] {
        counts.add(c::FEATURE, feature, n(0, 2));
    }
    counts.add(c::ASSISTED, "", n(0, 2));
    counts.add(c::SEARCHES, "", n(1, 9));
    counts.add(c::SEARCHES_EMPTY, "", n(0, 3));
    for topic in ["housing.repairs", "benefits.apply", "contact.callback"] {
        counts.add(c::REQ_STARTED, topic, n(0, 3));
        counts.add(c::REQ_SUBMITTED, topic, n(0, 2));
    }
    counts.add(c::VIEWS, "", n(1, 20));
    for module in ["email", "scams", "passwords", "touch", "city", "video"] {
        counts.add(c::MOD_STARTED, module, n(0, 3));
        counts.add(c::MOD_PASSED, module, n(0, 2));
    }
    for rating in 1..=5 {
        counts.add(c::RATING, &rating.to_string(), n(0, 2));
    }
    counts.add(c::SURVEYS, "", n(0, 2));
    counts.add(c::EVENTS, "", n(20, 80));
    // Residents' requests of three forms, some answered and some closed (M13).
    let mut waits = RequestWaits::default();
    for form in ["callback", "book-appointment", "report-street-problem"] {
        let answered = n(0, 12);
        for hours in 0..answered {
            RequestWaits::add(&mut waits.first_response, form, 1 + hours * 7 % 200);
        }
        for hours in 0..n(0, 8) {
            RequestWaits::add(&mut waits.resolution, form, 24 + hours * 37 % 800);
        }
    }
    NeighbourhoodInput {
        name: format!("Neighbourhood {index:04}"),
        population: rng.random_range(2_000..40_000),
        offline_share: Some(rng.random_range(0.05..0.4)),
        default_locale: "en".into(),
        counts,
        usable_minutes: 5_000.0,
        scheduled_minutes: 6_000.0,
        kiosks_unseen: 0,
        waits,
    }
}

/// The process's peak resident memory so far, in MiB.
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<f64>().ok())
        })
        .map(|kib| kib / 1024.0)
        .unwrap_or(f64::NAN)
}

fn main() {
    // `cargo bench` passes `--bench`; a number on the command line is the largest size.
    let largest = std::env::args()
        .filter_map(|a| a.parse::<usize>().ok())
        .next()
        .unwrap_or(MAX_NEIGHBOURHOODS);
    println!("| neighbourhoods | month | cells | time | rows hidden | peak memory (process) |");
    println!("|---|---|---|---|---|---|");
    for size in [10, 100, 300, 1_000, 2_000, 5_000] {
        if size > largest {
            break;
        }
        for sparse in [false, true] {
            let mut rng = StdRng::seed_from_u64(size as u64);
            let inputs: Vec<NeighbourhoodInput> = (0..size)
                .map(|i| neighbourhood(&mut rng, i, sparse))
                .collect();
            let cells = compute::published_tables(&inputs).values.len();
            let started = Instant::now();
            let figures = compute::compute("2026-10", &inputs, &Targets::default());
            let took = started.elapsed();
            let hidden = figures.rows.iter().filter(|r| r.suppressed).count();
            println!(
                "| {size} | {} | {cells} | {:.2} s | {hidden} of {} | {:.0} MiB |",
                if sparse { "sparse" } else { "busy" },
                took.as_secs_f64(),
                figures.rows.len(),
                peak_mib()
            );
        }
    }
}
