//! Realistic anonymous visits without a window, through the same [`SessionController`] the UI
//! drives: for demos, tests and benchmarks.

use std::collections::BTreeMap;

use rand::Rng;
use rand::seq::IndexedRandom as _;
use wire::{EndReason, Tile};

use crate::session::{Journal, SessionController};

/// How often each language is chosen, roughly as in a European city library with migrant
/// communities. Locales not listed get a small weight.
const LOCALE_WEIGHTS: &[(&str, u32)] = &[
    ("en", 40),
    ("es", 14),
    ("ar", 12),
    ("fr", 8),
    ("zh-Hans", 7),
    ("uk", 7),
    ("pt", 6),
    ("sw", 6),
];

/// What a simulation recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SimulationSummary {
    /// Visits simulated.
    pub sessions: u32,
    /// Events recorded.
    pub events: u64,
    /// Visits per final language.
    pub by_locale: BTreeMap<String, u32>,
}

/// Simulates `sessions` visits using the given locales (tags as shipped).
pub fn simulate<S: Journal>(
    visits: &mut SessionController<S>,
    sessions: u32,
    locales: &[String],
    rng: &mut impl Rng,
) -> SimulationSummary {
    let mut summary = SimulationSummary {
        sessions,
        ..Default::default()
    };
    let weighted: Vec<(&str, u32)> = locales
        .iter()
        .map(|tag| {
            let weight = LOCALE_WEIGHTS
                .iter()
                .find(|(t, _)| t == tag)
                .map(|(_, w)| *w)
                .unwrap_or(3);
            (tag.as_str(), weight)
        })
        .collect();
    for _ in 0..sessions {
        visits.start();
        summary.events += 1;
        let mut locale = pick_locale(&weighted, rng);
        visits.choose_language(locale);
        summary.events += 1;
        // Some residents try one language, then switch.
        if rng.random_bool(0.05) {
            locale = pick_locale(&weighted, rng);
            visits.choose_language(locale);
            summary.events += 1;
        }
        let tiles_opened = match rng.random_range(0..100) {
            0..15 => 0,
            15..65 => 1,
            65..90 => 2,
            _ => 3,
        };
        for _ in 0..tiles_opened {
            let tile = match rng.random_range(0..100) {
                0..50 => Tile::Services,
                50..80 => Tile::Learn,
                _ => Tile::HaveASay,
            };
            visits.open_tile(tile);
            summary.events += 1;
        }
        let reason = if rng.random_bool(0.7) {
            EndReason::Finished
        } else {
            EndReason::IdleTimeout
        };
        visits.finish(reason);
        summary.events += 1;
        *summary.by_locale.entry(locale.to_owned()).or_default() += 1;
    }
    summary
}

fn pick_locale<'a>(weighted: &[(&'a str, u32)], rng: &mut impl Rng) -> &'a str {
    weighted
        .choose_weighted(rng, |(_, weight)| *weight)
        .map(|(tag, _)| *tag)
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Collect;
    use rand::SeedableRng as _;
    use wire::EventKind;

    #[test]
    fn every_visit_starts_chooses_and_ends() {
        let locales: Vec<String> = ["ar", "en", "es", "fr", "pt", "sw", "uk", "zh-Hans"]
            .map(String::from)
            .to_vec();
        let mut visits = SessionController::new(Collect::default(), || 7200);
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let summary = simulate(&mut visits, 200, &locales, &mut rng);
        let events = visits.sink().0.borrow();
        assert_eq!(summary.events, events.len() as u64);
        assert_eq!(summary.by_locale.values().sum::<u32>(), 200);
        assert!(
            summary.by_locale.len() >= 6,
            "languages vary: {:?}",
            summary.by_locale
        );
        let starts = events
            .iter()
            .filter(|e| e.kind == EventKind::SessionStarted)
            .count();
        let ends = events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::SessionEnded { .. }))
            .count();
        assert_eq!((starts, ends), (200, 200));
        let sessions: std::collections::HashSet<_> =
            events.iter().map(|e| e.session.clone()).collect();
        assert_eq!(sessions.len(), 200, "each visit has its own id");
    }
}
