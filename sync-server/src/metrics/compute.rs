//! The figures of one month, from roll-up counts and baselines: M1–M12 per neighbourhood and
//! for the whole city, suppression of small counts (with secondary suppression), the
//! inclusion score and access-gap index, and the city-wide disparity. Pure: no I/O.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::counting::{FEATURE_CODES, counter as c};
use super::disclosure::{self, Tables};
use super::disparity::{self, Reach};

/// The `neighbourhood` of city-wide rows.
pub const ALL: &str = "(all)";

/// Counts that are not shown when between 1 and K − 1.
pub const K: u32 = 10;

/// One neighbourhood's counts for a month: (counter, breakdown) → count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts(pub BTreeMap<(String, String), i64>);

impl Counts {
    /// Adds to a count.
    pub fn add(&mut self, counter: &str, dim: &str, n: i64) {
        *self
            .0
            .entry((counter.to_owned(), dim.to_owned()))
            .or_default() += n;
    }

    /// One count (0 if absent).
    pub fn get(&self, counter: &str, dim: &str) -> f64 {
        self.0
            .get(&(counter.to_owned(), dim.to_owned()))
            .copied()
            .unwrap_or(0) as f64
    }

    /// A counter summed over its breakdown.
    pub fn total(&self, counter: &str) -> f64 {
        self.0
            .iter()
            .filter(|((name, _), _)| name == counter)
            .map(|(_, n)| *n as f64)
            .sum()
    }

    /// The breakdown values a counter has.
    pub fn dims(&self, counter: &str) -> BTreeSet<String> {
        self.0
            .keys()
            .filter(|(name, _)| name == counter)
            .map(|(_, dim)| dim.clone())
            .collect()
    }
}

/// What the figures of one neighbourhood are made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NeighbourhoodInput {
    /// Its name.
    pub name: String,
    /// Residents aged 15+ (P).
    pub population: u64,
    /// Share of households offline (h), if known.
    pub offline_share: Option<f64>,
    /// The default locale there.
    pub default_locale: String,
    /// The month's roll-up counts of its kiosks.
    pub counts: Counts,
    /// Usable kiosk minutes within opening hours.
    pub usable_minutes: f64,
    /// Scheduled opening minutes of its kiosks.
    pub scheduled_minutes: f64,
    /// Its kiosks not seen for 24 hours (now).
    pub kiosks_unseen: u64,
    /// How long residents' requests received in the month waited (M13).
    pub waits: RequestWaits,
}

/// How long residents' requests waited, by form: whole hours → requests. Requests still
/// waiting are not in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestWaits {
    /// Hours from arrival on the server to the first status change (M13).
    pub first_response: BTreeMap<String, BTreeMap<i64, f64>>,
    /// Hours from arrival to the change that closed it (M13b).
    pub resolution: BTreeMap<String, BTreeMap<i64, f64>>,
}

impl RequestWaits {
    /// Adds one request's wait.
    pub fn add(kind: &mut BTreeMap<String, BTreeMap<i64, f64>>, form: &str, hours: i64) {
        *kind
            .entry(form.to_owned())
            .or_default()
            .entry(hours.max(0))
            .or_insert(0.0) += 1.0;
    }
}

/// The waits of M13 (first response) and M13b (resolution): the cell key, the metric id, and
/// where its histograms are.
/// Histograms of waits by form: whole hours → requests.
type WaitsByForm = BTreeMap<String, BTreeMap<i64, f64>>;

/// A kind of wait: its cell key, its metric id, where its histograms are.
type WaitKind = (
    &'static str,
    &'static str,
    fn(&RequestWaits) -> &WaitsByForm,
);

const WAITS: [WaitKind; 2] = [
    ("RR", "M13", |w| &w.first_response),
    ("RD", "M13b", |w| &w.resolution),
];

/// Several histograms added up.
fn merged<'a>(histograms: impl IntoIterator<Item = &'a BTreeMap<i64, f64>>) -> BTreeMap<i64, f64> {
    let mut all = BTreeMap::new();
    for histogram in histograms {
        for (hours, n) in histogram {
            *all.entry(*hours).or_insert(0.0) += n;
        }
    }
    all
}

/// The targets B of the gap index; None: the population-weighted 80th percentile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Targets {
    /// Reach (M1), sessions per 1,000.
    pub m1: Option<f64>,
    /// Availability (M2), a fraction (default 0.98).
    pub m2: Option<f64>,
    /// Service completion (M3), a fraction.
    pub m3: Option<f64>,
    /// Skills attainment (M9), per 1,000.
    pub m9: Option<f64>,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            m1: None,
            m2: Some(0.98),
            m3: None,
            m9: None,
        }
    }
}

/// One figure in the tidy shape every page and export uses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricRow {
    /// The neighbourhood, or [`ALL`] for the whole city.
    pub neighbourhood: String,
    /// `YYYY-MM`.
    pub month: String,
    /// The metric id, with a breakdown in brackets: `M1`, `M6[read_aloud]`, `gap_index`.
    pub metric: String,
    /// The figure (a percentage for rates).
    pub value: Option<f64>,
    /// What was counted.
    pub numerator: Option<f64>,
    /// What it was divided by.
    pub denominator: Option<f64>,
    /// The unit of `value`.
    pub unit: &'static str,
    /// Hidden by small-cell suppression (primary or secondary).
    pub suppressed: bool,
}

impl MetricRow {
    /// The row as anyone outside the analyst role sees it: suppressed rows carry no value,
    /// numerator or denominator.
    pub fn published(&self) -> MetricRow {
        let mut row = self.clone();
        if row.suppressed {
            row.value = None;
            row.numerator = None;
            row.denominator = None;
        }
        row
    }

    /// The base metric id without a breakdown (`M6[read_aloud]` → `M6`).
    pub fn base_id(&self) -> &str {
        self.metric.split('[').next().unwrap_or(&self.metric)
    }
}

/// Every figure of one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthFigures {
    /// `YYYY-MM`.
    pub month: String,
    /// Every row (true values, with the suppression flag).
    pub rows: Vec<MetricRow>,
    /// The targets used for the gap index (after defaults).
    pub targets: BTreeMap<&'static str, Option<f64>>,
}

impl MonthFigures {
    /// The rows a role sees: true values for analysts, published ones for everyone else.
    pub fn rows_for(&self, unsuppressed: bool) -> Vec<MetricRow> {
        self.rows
            .iter()
            .map(|row| {
                if unsuppressed {
                    row.clone()
                } else {
                    row.published()
                }
            })
            .collect()
    }

    /// One row.
    pub fn find(&self, neighbourhood: &str, metric: &str) -> Option<&MetricRow> {
        self.rows
            .iter()
            .find(|row| row.neighbourhood == neighbourhood && row.metric == metric)
    }
}

/// A row before suppression: its cells and how to compute its value.
struct Spec {
    neighbourhood: String,
    metric: String,
    unit: &'static str,
    numerator: Option<usize>,
    denominator: Option<usize>,
    value: Value,
}

#[derive(Clone, Copy)]
enum Value {
    /// scale × numerator / denominator.
    Ratio(f64),
    /// The same, at most `scale` (a share of things begun, some of which began the month
    /// before: a request started on 31 March and sent on 1 April counts in April only).
    Share(f64),
    /// A value computed elsewhere.
    Given(Option<f64>),
}

/// The cells of one neighbourhood (or the city) by name.
#[derive(Default)]
struct Book {
    cells: BTreeMap<String, usize>,
}

impl Book {
    fn get(&self, key: &str) -> Option<usize> {
        self.cells.get(key).copied()
    }
}

fn count(tables: &mut Tables, book: &mut Book, key: &str, value: f64) -> usize {
    let cell = tables.cell(value, false);
    book.cells.insert(key.to_owned(), cell);
    cell
}

fn public(tables: &mut Tables, book: &mut Book, key: &str, value: f64) {
    let cell = tables.cell(value, true);
    book.cells.insert(key.to_owned(), cell);
}

/// Computes every figure of `month`.
pub fn compute(month: &str, inputs: &[NeighbourhoodInput], targets: &Targets) -> MonthFigures {
    let (tables, specs) = build(inputs);
    let suppressed = disclosure::protect(&tables, K);
    figures(month, inputs, targets, &tables, &specs, &suppressed)
}

/// [`compute`], giving up when the budget runs out (a server computing figures can be
/// stopped, and never works on one month for ever).
pub fn compute_within(
    month: &str,
    inputs: &[NeighbourhoodInput],
    targets: &Targets,
    budget: &disclosure::Budget<'_>,
) -> Result<MonthFigures, disclosure::Interrupted> {
    let (tables, specs) = build(inputs);
    let suppressed = disclosure::protect_within(&tables, K, budget)?;
    Ok(figures(
        month,
        inputs,
        targets,
        &tables,
        &specs,
        &suppressed,
    ))
}

/// The published tables of a month as cells, constraints and rows (one row per figure, in
/// the order of [`MetricRow`]s before the index rows), for checking what they disclose.
pub fn published_tables(inputs: &[NeighbourhoodInput]) -> Tables {
    build(inputs).0
}

/// One entry of the table of figures every neighbourhood (and the city) has, in the order
/// they are published.
enum Figure {
    /// `id` = value of cells `numerator` over `denominator` (keys of [`Book`]).
    Counted {
        id: &'static str,
        unit: &'static str,
        numerator: &'static str,
        denominator: &'static str,
        value: Value,
    },
    /// The same for each value of a breakdown: `id[value]` over cell `numerator[value]`.
    EachOf {
        id: &'static str,
        breakdown: Breakdown,
        unit: &'static str,
        numerator: &'static str,
        denominator: &'static str,
        value: Value,
    },
    /// M1b: visits per 1,000 offline residents, where the offline share is known.
    Offline,
    /// M12: the median age of events at arrival.
    Ages,
    /// A count shown as it is (`id` over cell `cell`).
    Count {
        id: &'static str,
        unit: &'static str,
        cell: &'static str,
    },
    /// M13 and M13b: how long requests waited, overall and by form.
    Waits,
}

/// What a breakdown runs over.
#[derive(Clone, Copy)]
enum Breakdown {
    /// Every accessibility feature (a fixed list, with any other counted).
    Features,
    /// Every language other than the neighbourhood's default (cells `L[…]`).
    Languages,
    /// Every module started or passed in the city.
    Modules,
}

/// The figures of every neighbourhood and of the city, as a table (see `definitions.rs` for
/// what each means).
const FIGURES: &[Figure] = {
    use super::definitions::{KIOSKS, PER_1000, PERCENT, RATING, VISITS};
    use Figure::*;
    &[
        Counted {
            id: "M1",
            unit: PER_1000,
            numerator: "S",
            denominator: "P",
            value: Value::Ratio(1000.0),
        },
        Offline,
        Counted {
            id: "M2",
            unit: PERCENT,
            numerator: "UM",
            denominator: "SM",
            value: Value::Ratio(100.0),
        },
        Counted {
            id: "M3",
            unit: PERCENT,
            numerator: "RQ",
            denominator: "RS",
            value: Value::Share(100.0),
        },
        Counted {
            id: "M4",
            unit: PER_1000,
            numerator: "M4N",
            denominator: "P",
            value: Value::Ratio(1000.0),
        },
        Counted {
            id: "M5",
            unit: PERCENT,
            numerator: "M5N",
            denominator: "M5D",
            value: Value::Ratio(100.0),
        },
        Counted {
            id: "M6",
            unit: PERCENT,
            numerator: "A",
            denominator: "S",
            value: Value::Ratio(100.0),
        },
        EachOf {
            id: "M6",
            breakdown: Breakdown::Features,
            unit: PERCENT,
            numerator: "F",
            denominator: "S",
            value: Value::Ratio(100.0),
        },
        Counted {
            id: "M7",
            unit: PERCENT,
            numerator: "ND",
            denominator: "S",
            value: Value::Ratio(100.0),
        },
        EachOf {
            id: "M7",
            breakdown: Breakdown::Languages,
            unit: PERCENT,
            numerator: "L",
            denominator: "S",
            value: Value::Ratio(100.0),
        },
        Counted {
            id: "M8",
            unit: PERCENT,
            numerator: "MP",
            denominator: "MS",
            value: Value::Share(100.0),
        },
        EachOf {
            id: "M8",
            breakdown: Breakdown::Modules,
            unit: PERCENT,
            numerator: "MP",
            denominator: "MS",
            value: Value::Share(100.0),
        },
        Counted {
            id: "M9",
            unit: PER_1000,
            numerator: "MP",
            denominator: "P",
            value: Value::Ratio(1000.0),
        },
        Counted {
            id: "M10",
            unit: PERCENT,
            numerator: "AS",
            denominator: "S",
            value: Value::Ratio(100.0),
        },
        Counted {
            id: "M11",
            unit: PER_1000,
            numerator: "M11N",
            denominator: "P",
            value: Value::Ratio(1000.0),
        },
        Counted {
            id: "M11[rating]",
            unit: RATING,
            numerator: "RSUM",
            denominator: "FB",
            value: Value::Ratio(1.0),
        },
        Ages,
        Count {
            id: "M12[late_visits]",
            unit: VISITS,
            cell: "LATE",
        },
        Count {
            id: "M12[unseen_kiosks]",
            unit: KIOSKS,
            cell: "UNSEEN",
        },
        Waits,
    ]
};

/// Adds one place's rows from [`FIGURES`].
struct PlaceRows<'a> {
    name: &'a str,
    book: &'a Book,
    /// The neighbourhood, or `None` for the city.
    input: Option<&'a NeighbourhoodInput>,
    inputs: &'a [NeighbourhoodInput],
    tables: &'a Tables,
    specs: &'a mut Vec<Spec>,
}

impl PlaceRows<'_> {
    fn push(
        &mut self,
        metric: String,
        unit: &'static str,
        numerator: Option<usize>,
        denominator: Option<usize>,
        value: Value,
    ) {
        self.specs.push(Spec {
            neighbourhood: self.name.to_owned(),
            metric,
            unit,
            numerator,
            denominator,
            value,
        });
    }

    fn add(
        &mut self,
        figure: &Figure,
        features: &BTreeSet<String>,
        modules: &BTreeSet<String>,
        request_forms: &BTreeSet<String>,
    ) {
        let book = self.book;
        match figure {
            Figure::Counted {
                id,
                unit,
                numerator,
                denominator,
                value,
            } => self.push(
                (*id).to_owned(),
                unit,
                book.get(numerator),
                book.get(denominator),
                *value,
            ),
            Figure::EachOf {
                id,
                breakdown,
                unit,
                numerator,
                denominator,
                value,
            } => {
                let values: Vec<String> = match breakdown {
                    Breakdown::Features => features.iter().cloned().collect(),
                    Breakdown::Modules => modules.iter().cloned().collect(),
                    // The languages this place has cells for (all but its default).
                    Breakdown::Languages => book
                        .cells
                        .keys()
                        .filter_map(|key| key.strip_prefix("L[")?.strip_suffix(']'))
                        .map(str::to_owned)
                        .collect(),
                };
                let denominator_of = |value: &str| match breakdown {
                    Breakdown::Modules => book.get(&format!("{denominator}[{value}]")),
                    _ => book.get(denominator),
                };
                for part in values {
                    self.push(
                        format!("{id}[{part}]"),
                        unit,
                        book.get(&format!("{numerator}[{part}]")),
                        denominator_of(&part),
                        *value,
                    );
                }
            }
            Figure::Offline => {
                if book.get("PH").is_some() {
                    // The city counts only neighbourhoods with a known offline share.
                    let numerator = match self.input {
                        Some(_) => book.get("S"),
                        None => book.get("S_PH"),
                    };
                    self.push(
                        "M1b".into(),
                        super::definitions::PER_1000_OFFLINE,
                        numerator,
                        book.get("PH"),
                        Value::Ratio(1000.0),
                    );
                }
            }
            Figure::Ages => {
                let ages = match self.input {
                    Some(input) => age_histogram(&input.counts),
                    None => merged(
                        self.inputs
                            .iter()
                            .map(|input| age_histogram(&input.counts))
                            .collect::<Vec<_>>()
                            .iter(),
                    ),
                };
                self.push(
                    "M12".into(),
                    super::definitions::HOURS,
                    book.get("E"),
                    None,
                    Value::Given(median(&ages)),
                );
            }
            Figure::Count { id, unit, cell } => {
                let cell = book.get(cell);
                let value = cell.map(|cell| self.tables.values[cell]);
                self.push((*id).to_owned(), unit, cell, None, Value::Given(value));
            }
            Figure::Waits => {
                // Medians, shown when at least 10 requests stand behind them (their count is
                // a protected cell like any other).
                let here: Vec<&NeighbourhoodInput> = match self.input {
                    Some(input) => vec![input],
                    None => self.inputs.iter().collect(),
                };
                for (key, id, histograms) in WAITS {
                    let all = merged(here.iter().flat_map(|i| histograms(&i.waits).values()));
                    self.push(
                        id.to_owned(),
                        super::definitions::HOURS,
                        book.get(key),
                        None,
                        Value::Given(median(&all)),
                    );
                    for form in request_forms {
                        let of_form =
                            merged(here.iter().filter_map(|i| histograms(&i.waits).get(form)));
                        self.push(
                            format!("{id}[{form}]"),
                            super::definitions::HOURS,
                            book.get(&format!("{key}[{form}]")),
                            None,
                            Value::Given(median(&of_form)),
                        );
                    }
                }
            }
        }
    }
}

/// One neighbourhood's cells (its counts, and the public figures beside them) and the
/// relations between them.
fn place_cells(
    tables: &mut Tables,
    input: &NeighbourhoodInput,
    features: &BTreeSet<String>,
    languages: &BTreeSet<String>,
    modules: &BTreeSet<String>,
    request_forms: &BTreeSet<String>,
) -> Book {
    let counts = &input.counts;
    let mut book = Book::default();
    let t = &mut *tables;
    let b = &mut book;
    let s_value = counts.get(c::SESSIONS, "");
    let sessions = count(t, b, "S", s_value);
    // Visits by language: those in the default locale (or never choosing) are the rest.
    let mut non_default = Vec::new();
    let mut nd_value = 0.0;
    for locale in languages {
        if *locale != input.default_locale {
            let value = counts.get(c::LOCALE, locale);
            nd_value += value;
            non_default.push(count(t, b, &format!("L[{locale}]"), value));
        }
    }
    let nd = count(t, b, "ND", nd_value);
    // Differences are never below 0: noisy counts (privacy.rs) need not add up.
    let default_rest = count(t, b, "DF", (s_value - nd_value).max(0.0));
    let any_value = counts.get(c::ANY_FEATURE, "");
    let any = count(t, b, "A", any_value);
    let no_feature = count(t, b, "NA", (s_value - any_value).max(0.0));
    for feature in features {
        count(
            t,
            b,
            &format!("F[{feature}]"),
            counts.get(c::FEATURE, feature),
        );
    }
    let as_value = counts.get(c::ASSISTED, "");
    let assisted = count(t, b, "AS", as_value);
    let unassisted = count(t, b, "NAS", (s_value - as_value).max(0.0));
    let (se, see) = (
        counts.get(c::SEARCHES, ""),
        counts.get(c::SEARCHES_EMPTY, ""),
    );
    let (rs, rq) = (counts.total(c::REQ_STARTED), counts.total(c::REQ_SUBMITTED));
    let v = counts.get(c::VIEWS, "");
    let searches = count(t, b, "SE", se);
    let empty = count(t, b, "SEE", see);
    let started = count(t, b, "RS", rs);
    let submitted = count(t, b, "RQ", rq);
    let views = count(t, b, "V", v);
    let m4 = count(t, b, "M4N", v + rq);
    let m5n = count(t, b, "M5N", (see + rs - rq).max(0.0));
    let m5d = count(t, b, "M5D", se + rs);
    let mut module_started = Vec::new();
    let mut module_passed = Vec::new();
    for module in modules {
        module_started.push(count(
            t,
            b,
            &format!("MS[{module}]"),
            counts.get(c::MOD_STARTED, module),
        ));
        module_passed.push(count(
            t,
            b,
            &format!("MP[{module}]"),
            counts.get(c::MOD_PASSED, module),
        ));
    }
    let ms = count(t, b, "MS", counts.total(c::MOD_STARTED));
    let mp = count(t, b, "MP", counts.total(c::MOD_PASSED));
    let (fb, sv) = (counts.total(c::RATING), counts.get(c::SURVEYS, ""));
    let ratings = count(t, b, "FB", fb);
    let surveys = count(t, b, "SV", sv);
    let m11 = count(t, b, "M11N", fb + sv);
    count(t, b, "E", counts.get(c::EVENTS, ""));
    count(t, b, "LATE", counts.get(c::LATE_VISITS, ""));
    // Public figures: the census, kiosk minutes, sums of ratings, kiosk counts.
    public(t, b, "P", input.population as f64);
    if let Some(h) = input.offline_share {
        public(t, b, "PH", input.population as f64 * h);
    }
    public(t, b, "UM", input.usable_minutes);
    public(t, b, "SM", input.scheduled_minutes);
    let rating_sum: f64 = (1..=5)
        .map(|r| r as f64 * counts.get(c::RATING, &r.to_string()))
        .sum();
    // A sum of ratings says how a group rated: protected like a count.
    count(t, b, "RSUM", rating_sum);
    public(t, b, "UNSEEN", input.kiosks_unseen as f64);
    // Requests answered and closed, by form (what M13's medians stand on).
    for (key, _, histograms) in WAITS {
        let parts: Vec<usize> = request_forms
            .iter()
            .map(|form| {
                let n = histograms(&input.waits)
                    .get(form)
                    .map_or(0.0, |h| h.values().sum());
                count(t, b, &format!("{key}[{form}]"), n)
            })
            .collect();
        let total = parts.iter().map(|&cell| t.values[cell]).sum();
        let total = count(t, b, key, total);
        t.sum(total, &parts);
    }

    // What the index and the headline figures are made of is hidden last.
    for cell in [sessions, started, submitted, m5n, m5d, mp] {
        tables.prefer_shown(cell, 2);
    }
    for cell in [any, nd, assisted, ms, m4, m11] {
        tables.prefer_shown(cell, 1);
    }
    tables.sum(sessions, &[nd, default_rest]);
    tables.sum(nd, &non_default);
    tables.sum(sessions, &[any, no_feature]);
    tables.sum(sessions, &[assisted, unassisted]);
    tables.sum(m4, &[views, submitted]);
    tables.constraints.push(vec![
        (m5n, 1.0),
        (empty, -1.0),
        (started, -1.0),
        (submitted, 1.0),
    ]);
    tables.sum(m5d, &[searches, started]);
    tables.sum(ms, &module_started);
    tables.sum(mp, &module_passed);
    tables.sum(m11, &[ratings, surveys]);
    book
}

/// The city's cells: every count summed over the neighbourhoods (public figures too, without
/// a relation), and the visits of neighbourhoods whose offline share is known.
fn city_cells(tables: &mut Tables, books: &[Book]) -> Book {
    let mut city = Book::default();
    let keys: BTreeSet<String> = books
        .iter()
        .flat_map(|book| book.cells.keys().cloned())
        .collect();
    for key in &keys {
        let parts: Vec<usize> = books.iter().filter_map(|book| book.get(key)).collect();
        let value: f64 = parts.iter().map(|&cell| tables.values[cell]).sum();
        let public = parts.first().is_some_and(|&cell| tables.public[cell]);
        let total = tables.cell(value, public);
        let worth = parts
            .iter()
            .map(|&cell| tables.keep[cell])
            .max()
            .unwrap_or(0);
        tables.prefer_shown(total, worth);
        city.cells.insert(key.clone(), total);
        if !public {
            tables.sum(total, &parts);
        }
    }
    // City-wide need-adjusted reach counts only neighbourhoods with a known offline share.
    let with_share: Vec<usize> = books
        .iter()
        .filter(|book| book.get("PH").is_some())
        .filter_map(|book| book.get("S"))
        .collect();
    if !with_share.is_empty() {
        let value = with_share.iter().map(|&cell| tables.values[cell]).sum();
        let cell = tables.cell(value, false);
        tables.sum(cell, &with_share);
        city.cells.insert("S_PH".into(), cell);
    }

    city
}

/// City-wide unmet needs by topic (M5[topic]): requests started and not submitted.
fn unmet_topics(
    tables: &mut Tables,
    specs: &mut Vec<Spec>,
    inputs: &[NeighbourhoodInput],
    city: &Book,
) {
    // Top unmet needs, city-wide: requests started and not submitted, per topic.
    let mut topics: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for input in inputs {
        for topic in input
            .counts
            .dims(c::REQ_STARTED)
            .union(&input.counts.dims(c::REQ_SUBMITTED))
        {
            let entry = topics.entry(topic.clone()).or_default();
            entry.0 += input.counts.get(c::REQ_STARTED, topic);
            entry.1 += input.counts.get(c::REQ_SUBMITTED, topic);
        }
    }
    if let (Some(started_total), Some(submitted_total)) = (city.get("RS"), city.get("RQ")) {
        let mut started_parts = Vec::new();
        let mut submitted_parts = Vec::new();
        for (topic, (started, submitted)) in &topics {
            let s = tables.cell(*started, false);
            let q = tables.cell(*submitted, false);
            // Never below 0: with noisy counts, fewer may be started than submitted.
            let unmet_value = (started - submitted).max(0.0);
            let unmet = tables.cell(unmet_value, false);
            tables
                .constraints
                .push(vec![(unmet, 1.0), (s, -1.0), (q, 1.0)]);
            started_parts.push(s);
            submitted_parts.push(q);
            // A row for every topic with a request started or submitted, zero or not: a
            // row left out for a zero would say "zero" while the disclosure check counts
            // it as unknown.
            specs.push(Spec {
                neighbourhood: ALL.into(),
                metric: format!("M5[{topic}]"),
                unit: super::definitions::REQUESTS,
                numerator: Some(unmet),
                denominator: None,
                value: Value::Given(Some(unmet_value)),
            });
        }
        tables.sum(started_total, &started_parts);
        tables.sum(submitted_total, &submitted_parts);
    }
}

fn build(inputs: &[NeighbourhoodInput]) -> (Tables, Vec<Spec>) {
    let mut tables = Tables::default();
    let mut specs: Vec<Spec> = Vec::new();
    // Breakdowns whose rows exist whatever residents did, in every neighbourhood: every
    // accessibility feature, every language kiosks offer or a neighbourhood defaults to (and
    // any other that was counted). A row present only where its count is above zero would
    // say "at least one" while its figure is hidden.
    let mut features: BTreeSet<String> = FEATURE_CODES.iter().map(|f| (*f).to_owned()).collect();
    features.extend(inputs.iter().flat_map(|i| i.counts.dims(c::FEATURE)));
    let mut languages: BTreeSet<String> = content::KIOSK_LOCALES
        .iter()
        .map(|tag| (*tag).to_owned())
        .collect();
    languages.extend(inputs.iter().map(|i| i.default_locale.clone()));
    languages.extend(inputs.iter().flat_map(|i| i.counts.dims(c::LOCALE)));
    let modules: BTreeSet<String> = inputs
        .iter()
        .flat_map(|i| {
            let mut dims = i.counts.dims(c::MOD_STARTED);
            dims.extend(i.counts.dims(c::MOD_PASSED));
            dims
        })
        .collect();

    let request_forms: BTreeSet<String> = inputs
        .iter()
        .flat_map(|i| {
            i.waits
                .first_response
                .keys()
                .chain(i.waits.resolution.keys())
                .cloned()
        })
        .collect();

    let books: Vec<Book> = inputs
        .iter()
        .map(|input| {
            place_cells(
                &mut tables,
                input,
                &features,
                &languages,
                &modules,
                &request_forms,
            )
        })
        .collect();
    let city = city_cells(&mut tables, &books);
    let mut places: Vec<(String, &Book, Option<&NeighbourhoodInput>)> = inputs
        .iter()
        .zip(&books)
        .map(|(input, book)| (input.name.clone(), book, Some(input)))
        .collect();
    places.push((ALL.to_owned(), &city, None));

    for (name, book, input) in &places {
        let mut rows = PlaceRows {
            name,
            book,
            input: *input,
            inputs,
            tables: &tables,
            specs: &mut specs,
        };
        for row in FIGURES {
            rows.add(row, &features, &modules, &request_forms);
        }
    }

    unmet_topics(&mut tables, &mut specs, inputs, &city);
    for spec in &specs {
        let cells: Vec<usize> = spec
            .numerator
            .iter()
            .chain(&spec.denominator)
            .copied()
            .collect();
        tables.row(cells);
    }
    (tables, specs)
}

fn figures(
    month: &str,
    inputs: &[NeighbourhoodInput],
    targets: &Targets,
    tables: &Tables,
    specs: &[Spec],
    suppressed: &[bool],
) -> MonthFigures {
    let mut rows: Vec<MetricRow> = specs
        .iter()
        .zip(suppressed)
        .map(|(spec, &suppressed)| {
            let numerator = spec.numerator.map(|cell| tables.values[cell]);
            let denominator = spec.denominator.map(|cell| tables.values[cell]);
            let value = match spec.value {
                Value::Ratio(scale) => match (numerator, denominator) {
                    (Some(n), Some(d)) if d > 0.0 => Some(scale * n / d),
                    _ => None,
                },
                Value::Share(scale) => match (numerator, denominator) {
                    (Some(n), Some(d)) if d > 0.0 => Some((scale * n / d).min(scale)),
                    _ => None,
                },
                Value::Given(value) => value,
            };
            MetricRow {
                neighbourhood: spec.neighbourhood.clone(),
                month: month.to_owned(),
                metric: spec.metric.clone(),
                value,
                numerator,
                denominator,
                unit: spec.unit,
                suppressed,
            }
        })
        .collect();
    let used = index_rows(month, inputs, targets, &mut rows);
    MonthFigures {
        month: month.to_owned(),
        rows,
        targets: used,
    }
}

fn age_histogram(counts: &Counts) -> BTreeMap<i64, f64> {
    counts
        .dims(c::AGE_HOURS)
        .into_iter()
        .filter_map(|dim| Some((dim.parse::<i64>().ok()?, counts.get(c::AGE_HOURS, &dim))))
        .collect()
}

/// The median of a histogram (value → count): the lower middle value for an even total.
pub fn median(histogram: &BTreeMap<i64, f64>) -> Option<f64> {
    let total: f64 = histogram.values().sum();
    if total < 1.0 {
        return None;
    }
    let middle = ((total + 1.0) / 2.0).floor();
    let mut seen = 0.0;
    for (&value, &n) in histogram {
        seen += n;
        if seen >= middle {
            return Some(value as f64);
        }
    }
    None
}

/// The value below which `share` of the total weight lies (weights: populations).
pub fn weighted_percentile(values: &[(f64, f64)], share: f64) -> Option<f64> {
    let mut sorted: Vec<(f64, f64)> = values
        .iter()
        .copied()
        .filter(|(v, w)| v.is_finite() && *w > 0.0)
        .collect();
    sorted.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    let total: f64 = sorted.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return None;
    }
    let mut seen = 0.0;
    for (value, weight) in &sorted {
        seen += weight;
        if seen >= share * total - 1e-9 {
            return Some(*value);
        }
    }
    sorted.last().map(|(v, _)| *v)
}

/// Adds the gap index rows (per neighbourhood) and the disparity rows (city-wide).
fn index_rows(
    month: &str,
    inputs: &[NeighbourhoodInput],
    targets: &Targets,
    rows: &mut Vec<MetricRow>,
) -> BTreeMap<&'static str, Option<f64>> {
    let shown = |rows: &[MetricRow], name: &str, metric: &str| -> Option<f64> {
        rows.iter()
            .find(|r| r.neighbourhood == name && r.metric == metric && !r.suppressed)
            .and_then(|r| r.value)
    };
    // Targets: the city's, else the population-weighted 80th percentile of the values shown
    // (suppressed values are left out, so the target cannot reveal one).
    let target = |metric: &str, set: Option<f64>, scale: f64| -> Option<f64> {
        set.map(|t| t * scale).or_else(|| {
            let values: Vec<(f64, f64)> = inputs
                .iter()
                .filter_map(|i| Some((shown(rows, &i.name, metric)?, i.population as f64)))
                .collect();
            weighted_percentile(&values, 0.8)
        })
    };
    let b1 = target("M1", targets.m1, 1.0);
    let b2 = target("M2", targets.m2, 100.0);
    let b3 = target("M3", targets.m3, 100.0);
    let b9 = target("M9", targets.m9, 1.0);
    let z = |x: Option<f64>, b: Option<f64>| -> Option<f64> {
        let (x, b) = (x?, b?);
        // A target of 0 (no neighbourhood shows any) gives no marks for 0, not full marks.
        Some(if b <= 0.0 {
            if x > 0.0 { 1.0 } else { 0.0 }
        } else {
            (x / b).min(1.0)
        })
    };
    let mut added = Vec::new();
    for input in inputs {
        let name = input.name.as_str();
        let any_hidden = ["M1", "M2", "M3", "M5", "M9"].iter().any(|m| {
            rows.iter()
                .any(|r| r.neighbourhood == name && r.metric == *m && r.suppressed)
        });
        let value = |metric: &str| {
            rows.iter()
                .find(|r| r.neighbourhood == name && r.metric == metric)
                .and_then(|r| r.value)
        };
        let access = match (z(value("M1"), b1), z(value("M2"), b2)) {
            (Some(a), Some(b)) => Some((a + b) / 2.0),
            _ => None,
        };
        let usage = match (z(value("M3"), b3), value("M5")) {
            (Some(a), Some(m5)) => Some((a + (1.0 - m5 / 100.0)) / 2.0),
            _ => None,
        };
        let ability = z(value("M9"), b9);
        let score = match (access, usage, ability) {
            (Some(a), Some(u), Some(b)) => Some(100.0 * (a * u * b).max(0.0).cbrt()),
            _ => None,
        };
        for (metric, value, unit) in [
            ("access", access, super::definitions::SCORE_0_1),
            ("use", usage, super::definitions::SCORE_0_1),
            ("ability", ability, super::definitions::SCORE_0_1),
            ("inclusion_score", score, super::definitions::SCORE_0_100),
            (
                "gap_index",
                score.map(|s| 100.0 - s),
                super::definitions::SCORE_0_100,
            ),
        ] {
            added.push(MetricRow {
                neighbourhood: name.to_owned(),
                month: month.to_owned(),
                metric: metric.to_owned(),
                value,
                numerator: None,
                denominator: None,
                unit,
                suppressed: any_hidden,
            });
        }
    }
    // Disparity over every neighbourhood with residents, from exact values; published only
    // when no hidden count could move it (see `disparity`).
    let reach: Vec<Reach> = inputs
        .iter()
        .filter_map(|i| {
            let row = rows
                .iter()
                .find(|r| r.neighbourhood == i.name && r.metric == "M1")?;
            let (count, people) = (row.numerator?, row.denominator?);
            if people <= 0.0 {
                return None;
            }
            Some(if row.suppressed {
                Reach::hidden(count, 1000.0 / people, f64::from(K - 1), people)
            } else {
                Reach::shown(1000.0 * count / people, people)
            })
        })
        .collect();
    for (metric, figure, unit) in [
        (
            "gini_m1",
            disparity::gini(&reach),
            super::definitions::SCORE_0_1,
        ),
        (
            "quintile_ratio_m1",
            disparity::quintile(&reach),
            super::definitions::RATIO,
        ),
    ] {
        added.push(MetricRow {
            neighbourhood: ALL.into(),
            month: month.to_owned(),
            metric: metric.into(),
            value: figure.value,
            numerator: None,
            denominator: Some(reach.len() as f64),
            unit,
            suppressed: figure.hidden,
        });
    }
    rows.extend(added);
    BTreeMap::from([("M1", b1), ("M2", b2), ("M3", b3), ("M9", b9)])
}
