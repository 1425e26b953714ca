//! What each event counts in the roll-ups, as pure rules: the counter names, which events
//! count once per visit and which against the per-visit cap, the feature codes, and how a
//! kiosk's clock offset corrects its records' times. The store (`store/rollups.rs`) applies
//! these rules inside the ingest transaction; nothing here touches the database.

use wire::{AccessibilityFeature, EventKind};

/// Counter names as stored in `rollup.counter`.
pub mod counter {
    /// Visits started.
    pub const SESSIONS: &str = "sessions";
    /// Visits by the first language chosen (breakdown: locale).
    pub const LOCALE: &str = "locale";
    /// Visits that used a feature (breakdown: feature).
    pub const FEATURE: &str = "feature";
    /// Visits that used at least one feature.
    pub const ANY_FEATURE: &str = "any_feature";
    /// Visits marked as assisted by staff.
    pub const ASSISTED: &str = "assisted";
    /// Searches.
    pub const SEARCHES: &str = "searches";
    /// Searches that found nothing.
    pub const SEARCHES_EMPTY: &str = "searches_empty";
    /// Service pages opened.
    pub const VIEWS: &str = "views";
    /// Request forms opened (breakdown: topic).
    pub const REQ_STARTED: &str = "req_started";
    /// Request forms submitted (breakdown: topic).
    pub const REQ_SUBMITTED: &str = "req_submitted";
    /// Modules started (breakdown: module).
    pub const MOD_STARTED: &str = "mod_started";
    /// Module checks passed (breakdown: module).
    pub const MOD_PASSED: &str = "mod_passed";
    /// Module checks failed (breakdown: module).
    pub const MOD_FAILED: &str = "mod_failed";
    /// Service ratings (breakdown: the rating, 1 to 5).
    pub const RATING: &str = "rating";
    /// Survey responses.
    pub const SURVEYS: &str = "surveys";
    /// Events by their age in whole hours when they reached the server (breakdown: hours).
    pub const AGE_HOURS: &str = "age_hours";
    /// Events of any kind.
    pub const EVENTS: &str = "events";
    /// Usable minutes (breakdown: hour of the week in the city's time, 0 = Monday 00:00).
    pub const USABLE_MINUTES: &str = "usable_minutes";
    /// Visits that reached the server after their month closed, counted in the month they
    /// arrived (see `metrics::publication`).
    pub const LATE_VISITS: &str = "late_visits";

    /// The counters of events a visit can have many of: past [`super::PER_VISIT_CAP`] in a
    /// visit, an event also counts in the counter's overflow ([`overflow`]).
    pub const CAPPED: [&str; 10] = [
        SEARCHES,
        SEARCHES_EMPTY,
        VIEWS,
        REQ_STARTED,
        REQ_SUBMITTED,
        MOD_STARTED,
        MOD_PASSED,
        MOD_FAILED,
        RATING,
        SURVEYS,
    ];

    /// The overflow counter of a capped counter: events past the cap (same breakdown).
    pub fn overflow(counter: &str) -> &'static str {
        match counter {
            SEARCHES => "over:searches",
            SEARCHES_EMPTY => "over:searches_empty",
            VIEWS => "over:views",
            REQ_STARTED => "over:req_started",
            REQ_SUBMITTED => "over:req_submitted",
            MOD_STARTED => "over:mod_started",
            MOD_PASSED => "over:mod_passed",
            MOD_FAILED => "over:mod_failed",
            RATING => "over:rating",
            SURVEYS => "over:surveys",
            _ => "over:other",
        }
    }
}

/// Events of one kind a visit counts with in the noisy tables (searches, service views,
/// requests started, …): past it, a visit's further events of that kind count in the exact
/// figures only. It bounds how much one visit can change a noisy table (its sensitivity).
pub const PER_VISIT_CAP: i64 = 5;

/// The oldest age recorded separately; older events count in this bucket.
pub const MAX_AGE_HOURS: i64 = 24 * 400;

/// The largest kiosk clock error the server corrects (48 hours): a wrong time zone, daylight
/// saving set by hand, a clock that drifted while offline. Beyond it the clock was reset or
/// broken, and when it went wrong is unknown: records keep the kiosk's time and are flagged.
pub const MAX_CLOCK_CORRECTION: i64 = 48 * 3600;

/// How a batch's times are corrected for its kiosk's clock, measured at the handshake of the
/// pass that brings it (server time minus kiosk time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClockCorrection {
    /// Seconds added to each recorded hour: the offset rounded to whole hours (a record's
    /// time is only known to the hour), or 0 when flagged.
    pub shift: i64,
    /// The offset is beyond [`MAX_CLOCK_CORRECTION`]: times are kept and counted as flagged.
    pub flagged: bool,
}

impl ClockCorrection {
    /// The correction for a measured offset (None: never measured).
    pub fn for_offset(offset: Option<i64>) -> ClockCorrection {
        match offset {
            None => ClockCorrection::default(),
            Some(offset) if offset.saturating_abs() > MAX_CLOCK_CORRECTION => ClockCorrection {
                shift: 0,
                flagged: true,
            },
            Some(offset) => ClockCorrection {
                shift: (offset + offset.signum() * 1800) / 3600 * 3600,
                flagged: false,
            },
        }
    }

    /// A recorded hour, corrected.
    pub fn hour(&self, recorded: i64) -> i64 {
        recorded.saturating_add(self.shift)
    }
}

/// Every accessibility feature's code, as the feature breakdown names it.
pub const FEATURE_CODES: [&str; 5] = [
    "large_text",
    "high_contrast",
    "read_aloud",
    "easy_read",
    "keyboard",
];

/// The breakdown code of an accessibility feature.
pub fn feature_code(feature: AccessibilityFeature) -> &'static str {
    match feature {
        AccessibilityFeature::LargeText => FEATURE_CODES[0],
        AccessibilityFeature::HighContrast => FEATURE_CODES[1],
        AccessibilityFeature::ReadAloud => FEATURE_CODES[2],
        AccessibilityFeature::EasyRead => FEATURE_CODES[3],
        AccessibilityFeature::Keyboard => FEATURE_CODES[4],
    }
}

/// What one event counts, for the store to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counting {
    /// A visit begins: [`counter::SESSIONS`] (and [`counter::LATE_VISITS`] where it arrives,
    /// when its month has closed).
    Visit,
    /// A visit-level fact whose first value wins: counted once per visit under `counter`
    /// with breakdown `value`; an earlier event arriving later moves the count to its value.
    FirstOf {
        /// The visit mark that remembers it.
        mark: &'static str,
        /// The counter.
        counter: &'static str,
        /// The breakdown (and the mark's value).
        value: String,
    },
    /// Visit-level facts counted once per visit whatever comes after: (mark, counter,
    /// breakdown).
    OncePerVisit(Vec<(&'static str, &'static str, String)>),
    /// Events a visit can have many of: one more in the visit's `tally`, and each (counter,
    /// breakdown) counted; past [`PER_VISIT_CAP`] of the tally they count in the counter's
    /// overflow too.
    Capped {
        /// The per-visit tally.
        tally: &'static str,
        /// What is counted.
        counts: Vec<(&'static str, String)>,
    },
    /// Not counted (only in [`counter::EVENTS`] and the ages, as every event is).
    Nothing,
}

/// What `kind` counts.
pub fn counting(kind: &EventKind) -> Counting {
    use counter::*;
    let capped = |tally: &'static str, counter: &'static str, dim: &str| Counting::Capped {
        tally,
        counts: vec![(counter, dim.to_owned())],
    };
    match kind {
        EventKind::SessionStarted => Counting::Visit,
        EventKind::LanguageChosen { locale } => Counting::FirstOf {
            mark: "locale",
            counter: LOCALE,
            value: locale.clone(),
        },
        EventKind::AccessibilityUsed { feature } => {
            let code = feature_code(*feature);
            Counting::OncePerVisit(vec![
                (code, FEATURE, code.to_owned()),
                ("any_feature", ANY_FEATURE, String::new()),
            ])
        }
        EventKind::StaffAssisted => {
            Counting::OncePerVisit(vec![("assisted", ASSISTED, String::new())])
        }
        EventKind::Searched { results, .. } => {
            let mut counts = vec![(SEARCHES, String::new())];
            if *results == 0 {
                counts.push((SEARCHES_EMPTY, String::new()));
            }
            Counting::Capped {
                tally: SEARCHES,
                counts,
            }
        }
        EventKind::ServiceViewed { .. } => capped(VIEWS, VIEWS, ""),
        EventKind::RequestStarted { topic } => capped(REQ_STARTED, REQ_STARTED, topic),
        EventKind::RequestSubmitted { topic } => capped(REQ_SUBMITTED, REQ_SUBMITTED, topic),
        EventKind::ModuleStarted { module } => capped(MOD_STARTED, MOD_STARTED, module),
        // Passed and failed share one tally: a visit's finished modules are bounded.
        EventKind::ModuleFinished { module, passed } => capped(
            MOD_PASSED,
            if *passed { MOD_PASSED } else { MOD_FAILED },
            module,
        ),
        EventKind::FeedbackGiven { rating, .. } => capped(RATING, RATING, &rating.to_string()),
        EventKind::SurveyAnswered { .. } => capped(SURVEYS, SURVEYS, ""),
        EventKind::TileOpened { .. }
        | EventKind::SessionEnded { .. }
        | EventKind::CategoryOpened { .. }
        | EventKind::ServicePrinted { .. }
        | EventKind::ServiceSentToPhone { .. } => Counting::Nothing,
    }
}

/// The age bucket of an event that happened at `hour` and arrived at `received_at`: whole
/// hours, at most [`MAX_AGE_HOURS`].
pub fn age_hours(hour: i64, received_at: i64) -> i64 {
    ((received_at - hour).max(0) / 3600).min(MAX_AGE_HOURS)
}

#[cfg(test)]
mod tests {
    use super::counter::*;
    use super::*;
    use wire::{EndReason, Tile};

    #[test]
    fn each_event_counts_by_its_rule() {
        let s = String::from;
        let table: Vec<(EventKind, Counting)> = vec![
            (EventKind::SessionStarted, Counting::Visit),
            (
                EventKind::LanguageChosen { locale: s("ar") },
                Counting::FirstOf {
                    mark: "locale",
                    counter: LOCALE,
                    value: s("ar"),
                },
            ),
            (
                EventKind::AccessibilityUsed {
                    feature: AccessibilityFeature::ReadAloud,
                },
                Counting::OncePerVisit(vec![
                    ("read_aloud", FEATURE, s("read_aloud")),
                    ("any_feature", ANY_FEATURE, s("")),
                ]),
            ),
            (
                EventKind::StaffAssisted,
                Counting::OncePerVisit(vec![("assisted", ASSISTED, s(""))]),
            ),
            (
                EventKind::Searched {
                    results: 0,
                    topic: None,
                },
                Counting::Capped {
                    tally: SEARCHES,
                    counts: vec![(SEARCHES, s("")), (SEARCHES_EMPTY, s(""))],
                },
            ),
            (
                EventKind::Searched {
                    results: 3,
                    topic: Some(s("housing")),
                },
                Counting::Capped {
                    tally: SEARCHES,
                    counts: vec![(SEARCHES, s(""))],
                },
            ),
            (
                EventKind::ModuleFinished {
                    module: s("email"),
                    passed: false,
                },
                Counting::Capped {
                    tally: MOD_PASSED,
                    counts: vec![(MOD_FAILED, s("email"))],
                },
            ),
            (
                EventKind::FeedbackGiven {
                    topic: s("library"),
                    rating: 4,
                },
                Counting::Capped {
                    tally: RATING,
                    counts: vec![(RATING, s("4"))],
                },
            ),
            (
                EventKind::TileOpened { tile: Tile::Learn },
                Counting::Nothing,
            ),
            (
                EventKind::SessionEnded {
                    reason: EndReason::Finished,
                },
                Counting::Nothing,
            ),
        ];
        for (kind, expected) in table {
            assert_eq!(counting(&kind), expected, "{kind:?}");
        }
        // Every capped counter has an overflow of its own.
        for counter in CAPPED {
            assert_ne!(overflow(counter), "over:other", "{counter}");
        }
    }

    #[test]
    fn ages_are_whole_hours_never_negative_and_bounded() {
        assert_eq!(age_hours(7200, 7200 + 3599), 0);
        assert_eq!(age_hours(7200, 7200 + 3600), 1);
        assert_eq!(age_hours(7200, 0), 0);
        assert_eq!(age_hours(0, i64::MAX / 2), MAX_AGE_HOURS);
    }
}
