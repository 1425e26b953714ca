//! Access-gap metrics (defined in `definitions.rs`): gathering a month's roll-ups, baselines
//! and kiosk schedules ([`month_inputs`]), computing the figures with suppression
//! ([`compute`]), and writing them out ([`export`]). Figures are cached until the roll-ups,
//! baselines or settings change.

pub mod breakdowns;
pub mod calendar;
pub mod compute;
pub mod counting;
pub mod definitions;
pub mod disclosure;
pub mod disparity;
pub mod export;
pub mod privacy;
pub mod publication;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

pub use calendar::Calendar;
pub use compute::{ALL, MetricRow, MonthFigures, NeighbourhoodInput, Targets};
pub use privacy::{NoiseSettings, PrivacyError};

use crate::places::hours::HOURS_PER_WEEK;
use crate::store::{Store, StoreError};
use counting::counter;

/// A kiosk not heard from for this long counts as unseen (M12) and raises a fleet alert.
pub const UNSEEN_AFTER_SECONDS: i64 = 24 * 3600;

/// Settings keys.
pub mod settings {
    pub use super::calendar::settings::{TIME_ZONE, UTC_OFFSET_HOURS};
    /// A gap-index target, e.g. `target.M1`.
    pub const TARGET_PREFIX: &str = "target.";
    /// `on` when published counts get noise (differential privacy).
    pub const NOISE: &str = "privacy.noise";
    /// ε per noisy table.
    pub const EPSILON: &str = "privacy.epsilon";
    /// ε the releases of one year's data may spend.
    pub const YEARLY_BUDGET: &str = "privacy.yearly_budget";
    /// Unix seconds from which visits' events are capped (set by the migration that brought
    /// the caps, on a database that already had counts).
    pub const CAPPED_FROM: &str = "privacy.capped_from";
}

/// Why a month could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    /// Not `YYYY-MM`.
    #[error("\"{0}\" is not a month: write it as YYYY-MM, e.g. 2026-03")]
    BadMonth(String),
    /// A stored noisy release does not read back.
    #[error("a stored noisy release cannot be read: {0}")]
    BadRelease(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Baselines from before the limit was enforced name more neighbourhoods than figures
    /// can be computed for.
    #[error(
        "the baselines name {0} neighbourhoods; figures are computed for at most {max}: upload baselines with fewer",
        max = crate::places::MAX_NEIGHBOURHOODS
    )]
    TooManyNeighbourhoods(usize),
    /// Computing the figures ran too long or the server is stopping.
    #[error(transparent)]
    Interrupted(#[from] disclosure::Interrupted),
}

/// The city's calendar, from its settings (UTC if none).
pub fn calendar(store: &Store) -> Result<Calendar, StoreError> {
    Ok(Calendar::from_settings(
        store.setting(settings::TIME_ZONE)?.as_deref(),
        store.setting(settings::UTC_OFFSET_HOURS)?.as_deref(),
    ))
}

/// The gap-index targets the city has set (unset ones take their defaults).
pub fn targets(store: &Store) -> Result<Targets, StoreError> {
    let read = |id: &str| -> Result<Option<f64>, StoreError> {
        Ok(store
            .setting(&format!("{}{id}", settings::TARGET_PREFIX))?
            .and_then(|v| v.parse::<f64>().ok())
            // A target is above zero (`targets set` refuses others); one stored otherwise
            // counts as unset.
            .filter(|v| v.is_finite() && *v > 0.0))
    };
    let defaults = Targets::default();
    Ok(Targets {
        m1: read("M1")?,
        m2: read("M2")?.or(defaults.m2),
        m3: read("M3")?,
        m9: read("M9")?,
    })
}

/// Everything the figures of `month` are computed from, per neighbourhood with a baseline.
pub fn month_inputs(
    store: &Store,
    month: &str,
    now: i64,
) -> Result<Vec<NeighbourhoodInput>, MetricsError> {
    let calendar = calendar(store)?;
    let (start, end) = calendar.month_bounds(month)?;
    let baselines = store.baselines()?;
    if baselines.len() > crate::places::MAX_NEIGHBOURHOODS {
        return Err(MetricsError::TooManyNeighbourhoods(baselines.len()));
    }
    let mut inputs: BTreeMap<String, NeighbourhoodInput> = baselines
        .iter()
        .map(|b| {
            (
                b.neighbourhood.clone(),
                NeighbourhoodInput {
                    name: b.neighbourhood.clone(),
                    population: b.population,
                    offline_share: b.offline_share,
                    default_locale: b.default_locale.clone(),
                    ..NeighbourhoodInput::default()
                },
            )
        })
        .collect();
    let mut usable: HashMap<String, [f64; HOURS_PER_WEEK]> = HashMap::new();
    for count in store.rollup_counts(month, end)? {
        let Some(input) = inputs.get_mut(&count.neighbourhood) else {
            continue;
        };
        if count.counter == counter::USABLE_MINUTES {
            if let Ok(how) = count.dim.parse::<usize>()
                && how < HOURS_PER_WEEK
            {
                usable
                    .entry(count.neighbourhood.clone())
                    .or_insert([0.0; HOURS_PER_WEEK])[how] += count.n as f64;
            }
        } else {
            input.counts.add(&count.counter, &count.dim, count.n);
        }
    }
    // Scheduled minutes: each kiosk's opening hours over the part of the month it was
    // enrolled, up to now; usable minutes count up to what was scheduled in each hour.
    let mut scheduled: HashMap<String, [f64; HOURS_PER_WEEK]> = HashMap::new();
    let opening: HashMap<&str, crate::places::WeeklyHours> = baselines
        .iter()
        .map(|b| (b.neighbourhood.as_str(), b.weekly_hours()))
        .collect();
    for kiosk in store.kiosk_places_at(end)? {
        let Some(hours) = opening.get(kiosk.neighbourhood.as_str()) else {
            continue;
        };
        let input = inputs.get_mut(&kiosk.neighbourhood);
        if let Some(input) = input
            && kiosk.state != "revoked"
            && kiosk
                .last_seen_at
                .is_none_or(|seen| now - seen > UNSEEN_AFTER_SECONDS)
        {
            input.kiosks_unseen += 1;
        }
        // A revoked kiosk's opening minutes count up to its revocation: revoking changes no
        // past month (its usable minutes still count there too).
        let until = match (kiosk.state.as_str(), kiosk.revoked_at) {
            ("revoked", Some(at)) => now.min(at),
            ("revoked", None) => continue,
            _ => now,
        };
        let from = start.max(kiosk.enrolled_at.div_euclid(3600) * 3600);
        let to = end.min(until.div_euclid(3600) * 3600);
        let week = scheduled
            .entry(kiosk.neighbourhood.clone())
            .or_insert([0.0; HOURS_PER_WEEK]);
        let mut hour = from;
        while hour < to {
            let slot = calendar.hour_of_week(hour);
            week[slot] += f64::from(hours.minutes_in(slot));
            hour += 3600;
        }
    }
    // How long residents' requests of the month waited (M13).
    for (neighbourhood, form, response, resolution) in store.request_waits(start, end)? {
        let Some(input) = inputs.get_mut(&neighbourhood) else {
            continue;
        };
        if let Some(seconds) = response {
            compute::RequestWaits::add(&mut input.waits.first_response, &form, seconds / 3600);
        }
        if let Some(seconds) = resolution {
            compute::RequestWaits::add(&mut input.waits.resolution, &form, seconds / 3600);
        }
    }
    for (name, input) in &mut inputs {
        let plan = scheduled
            .get(name)
            .copied()
            .unwrap_or([0.0; HOURS_PER_WEEK]);
        let used = usable.get(name).copied().unwrap_or([0.0; HOURS_PER_WEEK]);
        input.scheduled_minutes = plan.iter().sum();
        input.usable_minutes = plan.iter().zip(used).map(|(p, u)| p.min(u)).sum();
    }
    let mut inputs: Vec<NeighbourhoodInput> = inputs.into_values().collect();
    breakdowns::Domain::load(store)?.apply(&mut inputs);
    Ok(inputs)
}

/// A month's figures, the stamp of what they were computed from, and when they were last
/// asked for (a tick of the cache's own clock).
type Cached = (String, Arc<MonthFigures>, u64);

/// At most this many months (exact and noisy counted apart) are kept; the least recently
/// asked for goes first.
pub const MAX_CACHED_MONTHS: usize = 48;

/// The longest one month's figures may take to compute before the request gets an error
/// instead (suppression at the neighbourhood limit takes seconds, not minutes).
pub const COMPUTE_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Computed months, kept until something they depend on changes.
#[derive(Debug, Default, Clone)]
pub struct FiguresCache {
    months: Arc<Mutex<CacheInner>>,
    stopping: Arc<std::sync::atomic::AtomicBool>,
}

#[derive(Debug, Default)]
struct CacheInner {
    entries: HashMap<String, Cached>,
    tick: u64,
}

impl FiguresCache {
    /// Stops any computation under way and refuses new ones (the server is shutting down).
    pub fn stop(&self) {
        self.stopping
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    fn budget(&self) -> disclosure::Budget<'_> {
        disclosure::Budget {
            deadline: Some(std::time::Instant::now() + COMPUTE_TIME_LIMIT),
            cancel: Some(&self.stopping),
        }
    }

    /// The figures of `month`, computed or from the cache.
    pub fn month(
        &self,
        store: &Store,
        month: &str,
        now: i64,
    ) -> Result<Arc<MonthFigures>, MetricsError> {
        let stamp = stamp(store, month, now)?;
        if let Some(figures) = self.held(month, &stamp) {
            return Ok(figures);
        }
        let inputs = month_inputs(store, month, now)?;
        let figures = Arc::new(compute::compute_within(
            month,
            &inputs,
            &targets(store)?,
            &self.budget(),
        )?);
        self.hold(month, stamp, &figures);
        Ok(figures)
    }

    /// The figures of `month` as a role sees them, and whether they carry noise. Analysts
    /// (`unsuppressed`) get the exact figures. Everyone else gets the month as published
    /// ([`publication`]): nothing until it closes (or, with noise, until it is released),
    /// then the figures frozen at the first view after that, the same at every view. Rows are
    /// still to be taken with [`MonthFigures::rows_for`].
    pub fn shown(
        &self,
        store: &Store,
        month: &str,
        now: i64,
        unsuppressed: bool,
    ) -> Result<(Arc<MonthFigures>, Noise), MetricsError> {
        if unsuppressed {
            return Ok((self.month(store, month, now)?, Noise::Off));
        }
        let nothing = || {
            Arc::new(MonthFigures {
                month: month.to_owned(),
                rows: Vec::new(),
                targets: BTreeMap::new(),
            })
        };
        if let Some(published) = store.published_month(month)? {
            return self.thawed(month, &published);
        }
        let noise = privacy::noise_settings(store)?;
        let release = privacy::stored_release(store, month)?;
        let (figures, note) = match release {
            Some(release) => {
                let note = Noise::Released {
                    epsilon: release.epsilon,
                    at: release.released_at,
                };
                let figures = privacy::released_figures(store, &release, now, &self.budget())?;
                (figures, note)
            }
            None if noise.is_some() => return Ok((nothing(), Noise::NotReleased)),
            None => {
                let closes = publication::closes_at(&calendar(store)?, month)?;
                if now < closes {
                    return Ok((nothing(), Noise::NotPublished { on: closes }));
                }
                (self.month(store, month, now)?.as_ref().clone(), Noise::Off)
            }
        };
        let held = store.publish_month(
            month,
            &crate::store::published::PublishedMonth {
                figures: publication::freeze(&figures),
                release: match note {
                    Noise::Released { epsilon, at } => Some((epsilon, at)),
                    _ => None,
                },
                published_at: now,
            },
        )?;
        self.thawed(month, &held)
    }

    /// Published figures, read back once per publication.
    fn thawed(
        &self,
        month: &str,
        published: &crate::store::published::PublishedMonth,
    ) -> Result<(Arc<MonthFigures>, Noise), MetricsError> {
        let note = match published.release {
            Some((epsilon, at)) => Noise::Released { epsilon, at },
            None => Noise::Off,
        };
        let key = format!("{month}#published");
        let stamp = format!("{}:{:?}", published.published_at, published.release);
        if let Some(figures) = self.held(&key, &stamp) {
            return Ok((figures, note));
        }
        let figures = Arc::new(publication::thaw(month, &published.figures)?);
        self.hold(&key, stamp, &figures);
        Ok((figures, note))
    }

    fn held(&self, key: &str, stamp: &str) -> Option<Arc<MonthFigures>> {
        let mut months = self.months.lock().ok()?;
        months.tick += 1;
        let tick = months.tick;
        let (held, figures, used) = months.entries.get_mut(key)?;
        if held != stamp {
            return None;
        }
        *used = tick;
        Some(figures.clone())
    }

    fn hold(&self, key: &str, stamp: String, figures: &Arc<MonthFigures>) {
        if let Ok(mut months) = self.months.lock() {
            months.tick += 1;
            let tick = months.tick;
            months
                .entries
                .insert(key.to_owned(), (stamp, figures.clone(), tick));
            while months.entries.len() > MAX_CACHED_MONTHS {
                let oldest = months
                    .entries
                    .iter()
                    .min_by_key(|(_, (_, _, used))| *used)
                    .map(|(key, _)| key.clone());
                match oldest {
                    Some(oldest) => {
                        months.entries.remove(&oldest);
                    }
                    None => break,
                }
            }
        }
    }

    /// How many months are held now.
    pub fn len(&self) -> usize {
        self.months.lock().map(|m| m.entries.len()).unwrap_or(0)
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether figures shown carry noise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Noise {
    /// Exact figures (noise is off, or an analyst is looking).
    Off,
    /// A noisy release: ε per table, and when it was released.
    Released {
        /// ε per table.
        epsilon: f64,
        /// Unix seconds.
        at: i64,
    },
    /// Noise is on and this month is not released yet: nothing is shown.
    NotReleased,
    /// The month has not closed yet: nothing is shown until then (Unix seconds).
    NotPublished {
        /// When it closes and is published.
        on: i64,
    },
}

/// A stamp that changes whenever the figures of `month` may: its counts, places or settings;
/// and with time alone when a kiosk falls silent, and (scheduled opening minutes) as the
/// current month runs.
fn stamp(store: &Store, month: &str, now: i64) -> Result<String, MetricsError> {
    let (_, end) = calendar(store)?.month_bounds(month)?;
    let unseen: Vec<String> = store
        .kiosk_places()?
        .into_iter()
        .filter(|k| {
            k.last_seen_at
                .is_none_or(|seen| now - seen > UNSEEN_AFTER_SECONDS)
        })
        .map(|k| k.kiosk_id)
        .collect();
    let running = if end > now { now / 3600 } else { 0 };
    Ok(format!(
        "{}:{}:{running}",
        store.figures_stamp(month)?,
        unseen.join(",")
    ))
}

#[cfg(test)]
mod inputs_tests;
#[cfg(test)]
mod publication_tests;
#[cfg(test)]
mod recount_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod bounds_tests {
    use super::*;

    #[test]
    fn month_bounds_are_whole_utc_months() -> Result<(), MetricsError> {
        let utc = Calendar::utc();
        assert_eq!(utc.month_bounds("1970-01")?, (0, 31 * 86_400));
        let (start, end) = utc.month_bounds("2024-02")?;
        assert_eq!((end - start) / 86_400, 29, "leap year");
        assert_eq!(utc.month_of(start), "2024-02");
        assert_eq!(utc.month_of(end - 1), "2024-02");
        assert_eq!(utc.month_of(end), "2024-03");
        let (_, december_end) = utc.month_bounds("2026-12")?;
        assert_eq!(utc.month_of(december_end), "2027-01");
        for bad in ["2026-13", "26-01", "2026/01", "", "2026-1"] {
            assert!(utc.month_bounds(bad).is_err(), "{bad}");
        }
        Ok(())
    }
}
