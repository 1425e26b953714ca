//! Optional differential privacy for the published counts (`metrics.md`, privacy rule 4).
//!
//! When the city turns noise on, people outside the analyst role no longer see figures
//! computed from the exact counts. They see a *release*: each month, once it is over, staff
//! release it, and the counts it is made of get two-sided geometric (discrete Laplace) noise,
//! negatives clipped to 0. Everything shown is then computed from those noisy counts (rates,
//! city totals, the index, the disparity), and the small-cell thresholds still apply.
//!
//! - **Tables and sensitivity.** The counts form [`TABLES`]: one table per counter, over a
//!   fixed list of breakdown values (features, ratings 1–5, the kiosks' languages, the
//!   published modules and topics), never over values read from the data. A visit counts at
//!   most once in the visit tables (sensitivity 1) and once per feature in the feature table
//!   (5). Visits can have many events of other kinds, so each visit counts with at most
//!   [`PER_VISIT_CAP`] of each (the roll-ups keep the rest aside): those tables have
//!   sensitivity [`PER_VISIT_CAP`]. Each table's noise has α = exp(−ε / sensitivity).
//! - **Budget.** One visit is in one neighbourhood and one month, and may be in every table
//!   of that month: a release costs ε × the number of tables (sequential composition). The
//!   ledger keeps every release's cost against the year of the month released, and a release
//!   that would take a year past its budget is refused.
//! - **One release per view.** Releases are stored: every view of a released month shows the
//!   same numbers. Releasing a month again (after late records) costs ε again.
//! - Not released with noise: the age of events at arrival (M12's median) and how long
//!   requests waited (M13's medians), which would need their own noise; kiosk minutes, kiosk counts and baselines, which are not about residents.

use std::collections::{BTreeMap, BTreeSet};

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::compute::{Counts, MonthFigures};
use super::counting::{FEATURE_CODES, PER_VISIT_CAP, counter as c};
use super::{MetricsError, month_inputs, settings, targets};
use crate::content::{ContentError, ContentShelf};
use crate::store::{Store, StoreError};

/// ε per table when the city does not say.
pub const DEFAULT_EPSILON: f64 = 1.0;

/// Where a table's breakdown values come from (always a fixed list, never the data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// No breakdown.
    Total,
    /// The accessibility features.
    Features,
    /// Ratings 1 to 5.
    Ratings,
    /// The languages kiosks ship with, the published translations and the default locales.
    Locales,
    /// The modules of the sample and the published content.
    Modules,
    /// The topic codes of the sample and the published services and forms.
    Topics,
}

/// One table that gets noise.
#[derive(Debug, Clone, Copy)]
pub struct NoisyTable {
    /// Its name, for the definitions.
    pub name: &'static str,
    /// The counters in it (a visit's events across them share one cap).
    pub counters: &'static [&'static str],
    /// Its breakdown.
    pub domain: Domain,
    /// How much one visit can change the table in total (L1).
    pub sensitivity: i64,
}

/// Every table of a release.
pub const TABLES: [NoisyTable; 14] = [
    table("sessions", &[c::SESSIONS], Domain::Total, 1),
    table("locale", &[c::LOCALE], Domain::Locales, 1),
    table("any_feature", &[c::ANY_FEATURE], Domain::Total, 1),
    table(
        "feature",
        &[c::FEATURE],
        Domain::Features,
        FEATURE_CODES.len() as i64,
    ),
    table("assisted", &[c::ASSISTED], Domain::Total, 1),
    table("searches", &[c::SEARCHES], Domain::Total, PER_VISIT_CAP),
    table(
        "searches_empty",
        &[c::SEARCHES_EMPTY],
        Domain::Total,
        PER_VISIT_CAP,
    ),
    table("views", &[c::VIEWS], Domain::Total, PER_VISIT_CAP),
    table(
        "req_started",
        &[c::REQ_STARTED],
        Domain::Topics,
        PER_VISIT_CAP,
    ),
    table(
        "req_submitted",
        &[c::REQ_SUBMITTED],
        Domain::Topics,
        PER_VISIT_CAP,
    ),
    table(
        "mod_started",
        &[c::MOD_STARTED],
        Domain::Modules,
        PER_VISIT_CAP,
    ),
    table(
        "mod_finished",
        &[c::MOD_PASSED, c::MOD_FAILED],
        Domain::Modules,
        PER_VISIT_CAP,
    ),
    table("ratings", &[c::RATING], Domain::Ratings, PER_VISIT_CAP),
    table("surveys", &[c::SURVEYS], Domain::Total, PER_VISIT_CAP),
];

const fn table(
    name: &'static str,
    counters: &'static [&'static str],
    domain: Domain,
    sensitivity: i64,
) -> NoisyTable {
    NoisyTable {
        name,
        counters,
        domain,
        sensitivity,
    }
}

/// The city's noise settings (absent: noise is off).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoiseSettings {
    /// ε per table.
    pub epsilon: f64,
    /// ε the releases of one year's data may spend in all.
    pub yearly_budget: f64,
}

impl NoiseSettings {
    /// What one release costs: ε × the number of tables.
    pub fn release_cost(&self) -> f64 {
        self.epsilon * TABLES.len() as f64
    }

    /// The yearly budget that allows one release a month at `epsilon`.
    pub fn monthly_budget(epsilon: f64) -> f64 {
        12.0 * epsilon * TABLES.len() as f64
    }
}

/// Why noise settings or a release were refused.
#[derive(Debug, thiserror::Error)]
pub enum PrivacyError {
    /// Noise is off.
    #[error("noise is off: turn it on first with `sync-server privacy on`")]
    NoiseOff,
    /// The month has not ended.
    #[error(
        "{0} is not over yet: release a month once it has ended (a month released again after late records costs ε again)"
    )]
    MonthNotOver(String),
    /// The month's counts were rolled up before visits' events were capped.
    #[error(
        "{0} was counted before this server capped each visit's events (from {1}): its counts cannot be released with noise"
    )]
    CountedBeforeCaps(String, String),
    /// No baselines, so no neighbourhoods.
    #[error("no baselines yet: import them first with `sync-server baselines import FILE.csv`")]
    NoBaselines,
    /// Past the yearly budget.
    #[error("{0}")]
    Budget(String),
    /// ε is outside [`EPSILON_RANGE`], or the budget is not a positive number.
    #[error("{0} must be a positive number (ε from 0.01 to 20), e.g. 1.0")]
    BadNumber(&'static str),
    /// The published content could not be read (for the modules and topics).
    #[error("cannot read the published content: {0}")]
    Content(#[from] ContentError),
    /// The figures could not be read.
    #[error(transparent)]
    Metrics(#[from] MetricsError),
}

impl From<StoreError> for PrivacyError {
    fn from(error: StoreError) -> Self {
        PrivacyError::Metrics(MetricsError::Store(error))
    }
}

/// The noise settings, if noise is on.
pub fn noise_settings(store: &Store) -> Result<Option<NoiseSettings>, StoreError> {
    if store.setting(settings::NOISE)?.as_deref() != Some("on") {
        return Ok(None);
    }
    let epsilon = store
        .setting(settings::EPSILON)?
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|e| EPSILON_RANGE.contains(e))
        .unwrap_or(DEFAULT_EPSILON);
    let yearly_budget = store
        .setting(settings::YEARLY_BUDGET)?
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|b| b.is_finite() && *b > 0.0)
        .unwrap_or_else(|| NoiseSettings::monthly_budget(epsilon));
    Ok(Some(NoiseSettings {
        epsilon,
        yearly_budget,
    }))
}

/// Turns noise on with `epsilon` per table (default 1.0) and a yearly budget (default: one
/// release a month).
pub fn turn_on(
    store: &Store,
    epsilon: Option<f64>,
    yearly_budget: Option<f64>,
) -> Result<NoiseSettings, PrivacyError> {
    let epsilon = epsilon.unwrap_or(DEFAULT_EPSILON);
    if !EPSILON_RANGE.contains(&epsilon) {
        return Err(PrivacyError::BadNumber("ε"));
    }
    let yearly_budget = yearly_budget.unwrap_or_else(|| NoiseSettings::monthly_budget(epsilon));
    if !yearly_budget.is_finite() || yearly_budget <= 0.0 {
        return Err(PrivacyError::BadNumber("the yearly budget"));
    }
    store.set_setting(settings::EPSILON, Some(&epsilon.to_string()))?;
    store.set_setting(settings::YEARLY_BUDGET, Some(&yearly_budget.to_string()))?;
    store.set_setting(settings::NOISE, Some("on"))?;
    Ok(NoiseSettings {
        epsilon,
        yearly_budget,
    })
}

/// Turns noise off: everyone outside the analysts sees suppressed exact figures again. The
/// ledger and the releases stay.
pub fn turn_off(store: &Store) -> Result<(), StoreError> {
    store.set_setting(settings::NOISE, None)
}

/// A sample of two-sided geometric noise with α = exp(−`scale`), `scale` being ε divided by
/// the sensitivity: P(k) = (1 − α)/(1 + α) · α^|k|, the difference of two geometric variables
/// (failures before a success of probability 1 − α), each drawn by inversion. `scale` is
/// positive ([`turn_on`] keeps ε within [`EPSILON_RANGE`]).
pub fn discrete_laplace(rng: &mut impl Rng, scale: f64) -> i64 {
    geometric(rng, scale).saturating_sub(geometric(rng, scale))
}

fn geometric(rng: &mut impl Rng, scale: f64) -> i64 {
    // P(G ≥ k) = α^k, so G = ⌊ln U / ln α⌋ = ⌊ln U / −scale⌋ for U uniform on (0, 1]
    // (ln α is taken as −scale, not through exp and ln, which lose a tiny scale).
    let u = 1.0 - rng.random::<f64>();
    (u.ln() / -scale).floor() as i64
}

/// The ε per table a city may choose: below, the noise swamps every count; above, it hides
/// almost nothing.
pub const EPSILON_RANGE: std::ops::RangeInclusive<f64> = 0.01..=20.0;

/// The fixed breakdown values of each domain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Domains {
    /// Locale tags.
    pub locales: BTreeSet<String>,
    /// Module ids.
    pub modules: BTreeSet<String>,
    /// Topic codes.
    pub topics: BTreeSet<String>,
}

impl Domains {
    /// The lists from what kiosks ship, what is published and the baselines: nothing here
    /// depends on what residents did.
    pub fn gather(store: &Store, shelf: &ContentShelf) -> Result<Domains, PrivacyError> {
        let mut domains = Domains {
            locales: content::KIOSK_LOCALES
                .iter()
                .map(|tag| (*tag).to_owned())
                .collect(),
            ..Domains::default()
        };
        for baseline in store.baselines()? {
            domains.locales.insert(baseline.default_locale);
        }
        let mut bundles = vec![content::Bundle::sample().map_err(ContentError::from)?];
        if let Some((published, locales)) = shelf.published_bundle()? {
            bundles.push(published);
            domains.locales.extend(locales);
        }
        for bundle in &bundles {
            domains
                .modules
                .extend(bundle.modules.iter().map(|m| m.id.clone()));
            domains
                .topics
                .extend(bundle.services.iter().map(|s| s.topic.clone()));
            domains
                .topics
                .extend(bundle.forms.iter().map(|f| f.topic.clone()));
        }
        Ok(domains)
    }

    fn values(&self, domain: Domain) -> Vec<String> {
        match domain {
            Domain::Total => vec![String::new()],
            Domain::Features => FEATURE_CODES.iter().map(|f| (*f).to_owned()).collect(),
            Domain::Ratings => (1..=5).map(|r: i32| r.to_string()).collect(),
            Domain::Locales => self.locales.iter().cloned().collect(),
            Domain::Modules => self.modules.iter().cloned().collect(),
            Domain::Topics => self.topics.iter().cloned().collect(),
        }
    }
}

/// One neighbourhood's counts with noise: for every table, counter and breakdown value of its
/// domain, the count without events past the per-visit cap, plus noise for the table's
/// sensitivity, clipped at 0. Counts outside the tables (event ages, kiosk minutes) are left
/// out.
pub fn noisy_counts(exact: &Counts, domains: &Domains, epsilon: f64, rng: &mut impl Rng) -> Counts {
    let mut noisy = Counts::default();
    for table in &TABLES {
        let scale = epsilon / table.sensitivity as f64;
        for counter in table.counters {
            for dim in domains.values(table.domain) {
                let kept = exact.get(counter, &dim) - exact.get(c::overflow(counter), &dim);
                let value = (kept as i64)
                    .saturating_add(discrete_laplace(rng, scale))
                    .max(0);
                noisy.add(counter, &dim, value);
            }
        }
    }
    noisy
}

/// A stored release: the noisy counts of every neighbourhood for one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    /// `YYYY-MM`.
    pub month: String,
    /// Unix seconds.
    pub released_at: i64,
    /// ε per table.
    pub epsilon: f64,
    /// What it cost (ε × tables).
    pub cost: f64,
    /// Neighbourhood → (counter, breakdown, noisy count).
    pub counts: BTreeMap<String, Vec<(String, String, i64)>>,
}

impl Release {
    /// The noisy counts of one neighbourhood (none if it was not there when released).
    pub fn counts_of(&self, neighbourhood: &str) -> Counts {
        let mut counts = Counts::default();
        for (counter, dim, n) in self.counts.get(neighbourhood).into_iter().flatten() {
            counts.add(counter, dim, *n);
        }
        counts
    }
}

/// Releases `month` with noise, spending ε × [`TABLES`] from the year's budget; `rng` draws
/// the noise (the operating system's generator in production).
pub fn release_month(
    store: &Store,
    shelf: &ContentShelf,
    month: &str,
    now: i64,
    rng: &mut impl Rng,
) -> Result<Release, PrivacyError> {
    let noise = noise_settings(store)?.ok_or(PrivacyError::NoiseOff)?;
    let (start, end) = super::calendar(store)?.month_bounds(month)?;
    if end > now {
        return Err(PrivacyError::MonthNotOver(month.to_owned()));
    }
    if let Some(capped_from) = store
        .setting(settings::CAPPED_FROM)?
        .and_then(|v| v.parse::<i64>().ok())
        && start < capped_from
    {
        return Err(PrivacyError::CountedBeforeCaps(
            month.to_owned(),
            crate::staff::format::utc(capped_from),
        ));
    }
    let inputs = month_inputs(store, month, now)?;
    if inputs.is_empty() {
        return Err(PrivacyError::NoBaselines);
    }
    let domains = Domains::gather(store, shelf)?;
    let counts = inputs
        .iter()
        .map(|input| {
            let noisy = noisy_counts(&input.counts, &domains, noise.epsilon, rng);
            let triples = noisy
                .0
                .into_iter()
                .map(|((counter, dim), n)| (counter, dim, n))
                .collect();
            (input.name.clone(), triples)
        })
        .collect();
    let release = Release {
        month: month.to_owned(),
        released_at: now,
        epsilon: noise.epsilon,
        cost: noise.release_cost(),
        counts,
    };
    let year: i64 = month
        .get(..4)
        .and_then(|y| y.parse().ok())
        .ok_or_else(|| MetricsError::BadMonth(month.to_owned()))?;
    let body = serde_json::to_string(&release)
        .map_err(|e| PrivacyError::Metrics(MetricsError::BadRelease(e.to_string())))?;
    match store.record_noisy_release(month, &body, (year, release.cost, noise.yearly_budget), now) {
        Ok(()) => Ok(release),
        Err(StoreError::Refused(why)) => Err(PrivacyError::Budget(why)),
        Err(error) => Err(error.into()),
    }
}

/// The stored release of `month`, if any.
pub fn stored_release(store: &Store, month: &str) -> Result<Option<Release>, MetricsError> {
    store
        .noisy_release(month)?
        .map(|body| {
            serde_json::from_str(&body).map_err(|e| MetricsError::BadRelease(e.to_string()))
        })
        .transpose()
}

/// The figures of a released month, computed from its noisy counts (suppression included).
pub fn released_figures(
    store: &Store,
    release: &Release,
    now: i64,
    budget: &super::disclosure::Budget<'_>,
) -> Result<MonthFigures, MetricsError> {
    let mut inputs = month_inputs(store, &release.month, now)?;
    // Neighbourhoods added after the release were not released: no rows (not zeros).
    inputs.retain(|input| release.counts.contains_key(&input.name));
    for input in &mut inputs {
        input.counts = release.counts_of(&input.name);
        // Waits (M13) would need noise of their own: not in a release.
        input.waits = Default::default();
    }
    Ok(super::compute::compute_within(
        &release.month,
        &inputs,
        &targets(store)?,
        budget,
    )?)
}

#[cfg(test)]
mod tests;
