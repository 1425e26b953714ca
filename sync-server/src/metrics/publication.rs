//! When a month's figures become public, and why they then never move.
//!
//! The rule (also on the definitions page): people outside the analyst role see a month only
//! once it has *closed*, [`GRACE_DAYS`] after its last day, so that kiosks that were offline
//! have caught up. The first time a closed month is shown, the figures shown are frozen
//! (`published_months`): every later view shows the same rows, whatever arrives afterwards.
//! Visits of a closed month that arrive after it closed still count there for analysts, and
//! they are published as late visits (`M12[late_visits]`) in the month they arrived in, with
//! its own small-cell suppression and is itself frozen when that month closes. So two viewings of
//! a month never differ, and no difference can single anyone out. With noise on, a month is
//! shown once it is released (noise protects the difference between releases, and each
//! release costs ε); its figures are frozen at the first view after each release.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::calendar::Calendar;
use super::compute::{MetricRow, MonthFigures};
use super::{MetricsError, definitions};

/// Days after a month's end before it closes and is published.
pub const GRACE_DAYS: i64 = 14;

/// Unix seconds at which `month` closes.
pub fn closes_at(calendar: &Calendar, month: &str) -> Result<i64, MetricsError> {
    let (_, end) = calendar.month_bounds(month)?;
    Ok(end + GRACE_DAYS * 86_400)
}

/// A published row as stored.
#[derive(Debug, Serialize, Deserialize)]
struct StoredRow {
    neighbourhood: String,
    metric: String,
    value: Option<f64>,
    numerator: Option<f64>,
    denominator: Option<f64>,
    unit: String,
    suppressed: bool,
}

/// Published figures as stored.
#[derive(Debug, Serialize, Deserialize)]
struct StoredFigures {
    rows: Vec<StoredRow>,
    targets: BTreeMap<String, Option<f64>>,
}

/// The figures as everyone outside the analyst role sees them, as JSON to freeze: suppressed
/// rows keep no value.
pub fn freeze(figures: &MonthFigures) -> String {
    let stored = StoredFigures {
        rows: figures
            .rows_for(false)
            .into_iter()
            .map(|row| StoredRow {
                neighbourhood: row.neighbourhood,
                metric: row.metric,
                value: row.value,
                numerator: row.numerator,
                denominator: row.denominator,
                unit: row.unit.to_owned(),
                suppressed: row.suppressed,
            })
            .collect(),
        targets: figures
            .targets
            .iter()
            .map(|(id, target)| ((*id).to_owned(), *target))
            .collect(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Frozen figures read back.
pub fn thaw(month: &str, json: &str) -> Result<MonthFigures, MetricsError> {
    let stored: StoredFigures = serde_json::from_str(json)
        .map_err(|error| MetricsError::BadRelease(format!("published {month}: {error}")))?;
    Ok(MonthFigures {
        month: month.to_owned(),
        rows: stored
            .rows
            .into_iter()
            .map(|row| MetricRow {
                neighbourhood: row.neighbourhood,
                month: month.to_owned(),
                metric: row.metric,
                value: row.value,
                numerator: row.numerator,
                denominator: row.denominator,
                unit: definitions::unit_named(&row.unit),
                suppressed: row.suppressed,
            })
            .collect(),
        targets: stored
            .targets
            .into_iter()
            .filter_map(|(id, target)| {
                ["M1", "M2", "M3", "M9"]
                    .into_iter()
                    .find(|known| *known == id)
                    .map(|known| (known, target))
            })
            .collect(),
    })
}
