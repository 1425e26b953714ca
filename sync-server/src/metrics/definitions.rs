//! What each figure means: id, name, formula, unit and the privacy rules that apply, as the
//! definition pages and the exports' definitions file state them.

use serde::Serialize;

/// Units of [`super::MetricRow::value`].
pub const PER_1000: &str = "per 1,000 residents aged 15+";
/// Per 1,000 residents of offline households.
pub const PER_1000_OFFLINE: &str = "per 1,000 offline residents";
/// A percentage.
pub const PERCENT: &str = "%";
/// A mean rating.
pub const RATING: &str = "mean rating, 1 to 5";
/// Hours.
pub const HOURS: &str = "hours (median)";
/// A number of kiosks.
pub const KIOSKS: &str = "kiosks";
/// A number of requests.
pub const REQUESTS: &str = "requests";
/// A number of visits.
pub const VISITS: &str = "visits";
/// 0 to 1.
pub const SCORE_0_1: &str = "0 to 1";
/// 0 to 100.
pub const SCORE_0_100: &str = "0 to 100";
/// A ratio.
pub const RATIO: &str = "ratio";

/// Every unit, for reading stored figures back.
const UNITS: [&str; 11] = [
    PER_1000,
    PER_1000_OFFLINE,
    PERCENT,
    RATING,
    HOURS,
    KIOSKS,
    REQUESTS,
    VISITS,
    SCORE_0_1,
    SCORE_0_100,
    RATIO,
];

/// The unit with this text (a count, `""`, if none is).
pub fn unit_named(text: &str) -> &'static str {
    UNITS.into_iter().find(|unit| *unit == text).unwrap_or("")
}

/// A privacy rule a figure follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Counts from 1 to 9 are not shown, nor any rate built on them.
    SmallCells,
    /// Further cells are hidden so no hidden count can be worked out from totals or other tables.
    SecondarySuppression,
    /// Computed only from figures that are shown (suppressed inputs are left out or hide it).
    FromShownFiguresOnly,
    /// Not about residents (kiosk minutes, kiosk counts): no suppression needed.
    NotPersonal,
    /// Optional discrete-Laplace noise on published counts, within a yearly epsilon budget
    /// (`metrics::privacy`).
    OptionalNoise,
    /// Not published while noise is on (it would need noise of its own).
    HiddenUnderNoise,
    /// Published once its month has closed, and never changed after (`metrics::publication`).
    ClosedMonths,
    /// Computed from exact values, published rounded only where no hidden count can move it
    /// (`metrics::disparity`).
    BoundedByHiddenCounts,
}

impl Rule {
    /// The rule in one sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::SmallCells => {
                "Counts from 1 to 9 are shown as \"hidden\", the same mark as the figures hidden to protect them (a separate \"<10\" would tell the others are 0 or at least 10); a rate whose numerator or denominator is below 10 is not shown (k = 10). A count of 0 is shown and is not protected: a hidden figure whose count is 0 can follow from zeros shown elsewhere (a city total of 0 means 0 in every neighbourhood)."
            }
            Rule::SecondarySuppression => {
                "Further figures are hidden where needed so that no hidden count can be worked out from a total, a breakdown or another published table."
            }
            Rule::FromShownFiguresOnly => {
                "Computed only from figures that are shown; it is hidden when one of its inputs is hidden."
            }
            Rule::NotPersonal => {
                "Counts kiosks or kiosk minutes, not residents: shown as they are."
            }
            Rule::OptionalNoise => {
                "When the city turns privacy noise on, a month is shown once it is over and released, and the counts behind it carry two-sided geometric noise: ε per table (default 1.0), a visit counting at most once in each visit count and with at most 5 events of each kind in the event counts; negative counts become 0 and the small-count rules still apply. Each release is entered in a yearly ε ledger. A month once released stays as released for everyone but analysts, also after noise is turned off (showing its exact figures then would undo the release)."
            }
            Rule::HiddenUnderNoise => {
                "Not shown while privacy noise is on: it would need noise of its own."
            }
            Rule::ClosedMonths => {
                "A month is published once it has closed, 14 days after its last day, and never changes after that: everyone but analysts sees the same figures at every view. Visits that reach the server after their month closed count there for analysts only and are published as late visits (M12[late_visits]) in the month they arrived. Months and opening hours follow the city's time zone, daylight saving included; kiosk clocks are corrected by the offset measured at each sync (up to 48 hours; beyond, the records keep their times and the kiosk is flagged)."
            }
            Rule::BoundedByHiddenCounts => {
                "Computed from exact values over every neighbourhood, hidden ones included; published to two decimal places only when it would read the same whatever each hidden count were, anywhere within 9 of its true value; otherwise hidden."
            }
        }
    }
}

/// One metric's definition.
#[derive(Debug, Clone, Serialize)]
pub struct Definition {
    /// Stable id (`M1`, `gap_index`).
    pub id: &'static str,
    /// Short name.
    pub name: &'static str,
    /// How it is computed.
    pub formula: &'static str,
    /// Unit of the value.
    pub unit: &'static str,
    /// What it tells, in a sentence or two.
    pub about: &'static str,
    /// What it is broken down by, if anything (`[feature]`).
    pub breakdown: Option<&'static str>,
    /// Privacy rules that apply.
    pub rules: &'static [Rule],
}

const COUNTED: &[Rule] = &[
    Rule::SmallCells,
    Rule::SecondarySuppression,
    Rule::OptionalNoise,
    Rule::ClosedMonths,
];
const DERIVED: &[Rule] = &[
    Rule::FromShownFiguresOnly,
    Rule::OptionalNoise,
    Rule::ClosedMonths,
];
/// The disparity figures: every neighbourhood weighs in, hidden ones cannot be read back.
const DISPARITY: &[Rule] = &[
    Rule::BoundedByHiddenCounts,
    Rule::OptionalNoise,
    Rule::ClosedMonths,
];
/// Medians of how long requests waited: their counts protected, left out of noisy releases.
const WAITED: &[Rule] = &[
    Rule::SmallCells,
    Rule::SecondarySuppression,
    Rule::HiddenUnderNoise,
    Rule::ClosedMonths,
];

/// Every definition, in the order pages list them.
pub const DEFINITIONS: &[Definition] = &[
    Definition {
        id: "M1",
        name: "Reach",
        formula: "1000 × sessions / P",
        unit: PER_1000,
        about: "Kiosk visits per 1,000 residents aged 15 and over (P, from the baselines).",
        breakdown: None,
        rules: COUNTED,
    },
    Definition {
        id: "M1b",
        name: "Need-adjusted reach",
        formula: "1000 × sessions / (P × h)",
        unit: PER_1000_OFFLINE,
        about: "Visits per 1,000 residents of households without home internet (h, from the baselines). City-wide: neighbourhoods with a known h only.",
        breakdown: None,
        rules: COUNTED,
    },
    Definition {
        id: "M2",
        name: "Availability",
        formula: "usable minutes / scheduled opening minutes",
        unit: PERCENT,
        about: "How much of the opening hours (from the baselines) the neighbourhood's kiosks were usable, as the kiosks report each hour.",
        breakdown: None,
        rules: &[Rule::NotPersonal, Rule::ClosedMonths],
    },
    Definition {
        id: "M3",
        name: "Service completion",
        formula: "submitted / started service requests",
        unit: PERCENT,
        about: "Of the request forms opened, the share sent. Each counts in the month it happened, so a form opened at the end of one month and sent in the next counts as sent there: the share is capped at 100 %.",
        breakdown: None,
        rules: COUNTED,
    },
    Definition {
        id: "M4",
        name: "Services used",
        formula: "1000 × (service views + submitted requests) / P",
        unit: PER_1000,
        about: "Service pages read and requests sent per 1,000 residents.",
        breakdown: None,
        rules: COUNTED,
    },
    Definition {
        id: "M5",
        name: "Unmet demand",
        formula: "(searches with no result + abandoned requests) / (searches + started requests)",
        unit: PERCENT,
        about: "How often residents looked for something and did not get it. City-wide, M5[topic] lists the topics of abandoned requests (requests, not a percentage): every topic of the content's request forms (the sample kiosks ship with and every bundle published since, and any other with a request) has a row, zero or not, so whether a row is there says nothing about what residents did. Tables are ordered by the figures shown, hidden ones last by name.",
        breakdown: Some("topic (city-wide)"),
        rules: COUNTED,
    },
    Definition {
        id: "M6",
        name: "Assistive use",
        formula: "sessions using ≥1 accessibility feature / sessions",
        unit: PERCENT,
        about: "Visits that used large text, high contrast, read-aloud, easy-read or keyboard navigation; M6[feature] for each feature (every feature has a row in every neighbourhood, used or not). Shown beside the index, not in it.",
        breakdown: Some("feature"),
        rules: COUNTED,
    },
    Definition {
        id: "M7",
        name: "Language access",
        formula: "sessions not in the default locale / sessions",
        unit: PERCENT,
        about: "Visits in a language other than the neighbourhood's default (the first language chosen in the visit); M7[locale] for each language (every language kiosks offer has a row in every neighbourhood, chosen or not). Shown beside the index, not in it.",
        breakdown: Some("locale"),
        rules: COUNTED,
    },
    Definition {
        id: "M8",
        name: "Module completion",
        formula: "modules passed / modules started",
        unit: PERCENT,
        about: "Digital-skills modules whose check was passed, of those started; M8[module] for each module (every module of the content has its row, used or not). A module started in one month and passed in the next counts as passed there: the share is capped at 100 %.",
        breakdown: Some("module"),
        rules: COUNTED,
    },
    Definition {
        id: "M9",
        name: "Skills attainment",
        formula: "1000 × modules passed / P",
        unit: PER_1000,
        about: "Module checks passed per 1,000 residents.",
        breakdown: None,
        rules: COUNTED,
    },
    Definition {
        id: "M10",
        name: "Assisted sessions",
        formula: "staff-assisted sessions / sessions",
        unit: PERCENT,
        about: "Visits a librarian or community worker marked as assisted.",
        breakdown: None,
        rules: COUNTED,
    },
    Definition {
        id: "M11",
        name: "Participation",
        formula: "1000 × (feedback + survey responses) / P; mean rating",
        unit: PER_1000,
        about: "Ratings and survey answers per 1,000 residents; M11[rating] is the mean rating (1 to 5) of the month's ratings.",
        breakdown: Some("rating"),
        rules: COUNTED,
    },
    Definition {
        id: "M12",
        name: "Data freshness",
        formula: "median age of events at arrival on the server; kiosks not seen in 24 h",
        unit: HOURS,
        about: "How old events were when they reached the server (late kiosks count in the month the events happened); M12[late_visits] is the number of visits that arrived in this month for a month already published (they count there for analysts only); M12[unseen_kiosks] is the number of kiosks not heard from for 24 hours, now.",
        breakdown: Some("late_visits, unseen_kiosks"),
        rules: &[
            Rule::SmallCells,
            Rule::NotPersonal,
            Rule::HiddenUnderNoise,
            Rule::ClosedMonths,
        ],
    },
    Definition {
        id: "M13",
        name: "Time to first response",
        formula: "median hours from a request's arrival on the server to its first status change",
        unit: HOURS,
        about: "Residents' requests (callbacks, appointments, street problems) received in the month, counted where the kiosk stands: how long until a case worker or the city's case system first moved them. Requests still waiting are left out, so a month still running reads short; compare M13 across neighbourhoods, and with the gap index, to see whether the widest-gap neighbourhoods wait longer. M13[form] is the same for one form. Shown when at least 10 requests stand behind the median.",
        breakdown: Some("form"),
        rules: WAITED,
    },
    Definition {
        id: "M13b",
        name: "Time to resolution",
        formula: "median hours from a request's arrival on the server to the change that closed it (resolved, referred or cannot be done)",
        unit: HOURS,
        about: "As M13, to the end: requests not closed yet are left out. M13b[form] is the same for one form.",
        breakdown: Some("form"),
        rules: WAITED,
    },
    Definition {
        id: "access",
        name: "Access",
        formula: "mean(z(M1), z(M2)), z = min(x / B, 1)",
        unit: SCORE_0_1,
        about: "B is the city's target, by default the population-weighted 80th percentile across neighbourhoods (M2: 98%).",
        breakdown: None,
        rules: DERIVED,
    },
    Definition {
        id: "use",
        name: "Use",
        formula: "mean(z(M3), 1 − M5)",
        unit: SCORE_0_1,
        about: "Completing services and finding what was looked for.",
        breakdown: None,
        rules: DERIVED,
    },
    Definition {
        id: "ability",
        name: "Ability",
        formula: "z(M9)",
        unit: SCORE_0_1,
        about: "Digital skills gained, against the target. A target that works out to 0 (no neighbourhood shows any) gives 0, not full marks, to a neighbourhood at 0.",
        breakdown: None,
        rules: DERIVED,
    },
    Definition {
        id: "inclusion_score",
        name: "Inclusion score",
        formula: "100 × (Access × Use × Ability)^(1/3)",
        unit: SCORE_0_100,
        about: "A geometric mean, so one weak dimension cannot be hidden by a strong one.",
        breakdown: None,
        rules: DERIVED,
    },
    Definition {
        id: "gap_index",
        name: "Access-gap index",
        formula: "100 − inclusion score",
        unit: SCORE_0_100,
        about: "Higher means a wider gap: where to act first.",
        breakdown: None,
        rules: DERIVED,
    },
    Definition {
        id: "gini_m1",
        name: "Disparity of reach (Gini)",
        formula: "population-weighted Gini of M1 across neighbourhoods",
        unit: SCORE_0_1,
        about: "0: every neighbourhood reached equally; 1: all visits in one. Every neighbourhood with residents is included, those whose M1 is hidden too, from exact counts; the denominator is their number. Published to two decimal places, and only when it would read the same whatever each hidden count were, anywhere within K − 1 of its true value (its bounds over every such combination round alike); otherwise hidden.",
        breakdown: None,
        rules: DISPARITY,
    },
    Definition {
        id: "quintile_ratio_m1",
        name: "Bottom-to-top quintile ratio of reach",
        formula: "mean M1 of the lowest fifth of the population / mean M1 of the highest fifth",
        unit: RATIO,
        about: "Neighbourhoods are ranked by M1; one straddling a fifth counts with the share of its population inside it. Every neighbourhood is included and the ratio is published by the Gini's rule.",
        breakdown: None,
        rules: DISPARITY,
    },
];

/// The definition of a metric id (a breakdown in brackets is ignored).
pub fn definition(id: &str) -> Option<&'static Definition> {
    let base = id.split('[').next().unwrap_or(id);
    DEFINITIONS.iter().find(|d| d.id == base)
}
