//! `sync-server metrics`: one month's figures, suppressed exactly as city staff see them.

use crate::metrics::{self, FiguresCache, Noise, export};
use crate::{DataDir, clock};

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// The export's CSV.
    Csv,
    /// The export's JSON.
    Json,
}

pub fn metrics(data_dir: &DataDir, month: &str, format: Format) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    if store.baselines()?.is_empty() {
        anyhow::bail!(
            "no baselines yet: import them first with `sync-server baselines import FILE.csv`"
        );
    }
    let (figures, noise) = FiguresCache::default().shown(&store, month, clock::now(), false)?;
    match noise {
        Noise::Off => {}
        Noise::NotReleased => anyhow::bail!(
            "privacy noise is on and {month} is not released yet: release it (once it is over) \
             with `sync-server privacy release --month {month}`"
        ),
        Noise::NotPublished { on } => anyhow::bail!(
            "{month} is not published yet: it closes on {}, {} days after it ends, once kiosks that were offline have caught up (analysts see it now on the staff pages)",
            crate::staff::format::utc(on),
            crate::metrics::publication::GRACE_DAYS
        ),
        Noise::Released { epsilon, at } => eprintln!(
            "note: figures with privacy noise (ε = {epsilon} per table), released {}",
            crate::staff::format::utc(at)
        ),
    }
    let rows = figures.rows_for(false);
    let text = match format {
        Format::Csv => export::csv(&rows),
        Format::Json => export::json(&rows) + "\n",
        Format::Table => table(&rows, month),
    };
    // A reader that stops early (`| head`) is not an error.
    match std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}

fn table(rows: &[metrics::MetricRow], month: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<20} {:<30} {:>12} {:>10} {:>10}  unit",
        "neighbourhood", "metric", "value", "numerator", "denom."
    );
    for row in rows {
        let show = |v: Option<f64>| match (v, row.suppressed) {
            (_, true) => "suppressed".to_owned(),
            (Some(v), false) => export::number(v),
            (None, false) => "—".to_owned(),
        };
        let _ = writeln!(
            out,
            "{:<20} {:<30} {:>12} {:>10} {:>10}  {}",
            row.neighbourhood,
            row.metric,
            show(row.value.map(|v| (v * 100.0).round() / 100.0)),
            if row.suppressed {
                String::new()
            } else {
                row.numerator.map(export::number).unwrap_or_default()
            },
            if row.suppressed {
                String::new()
            } else {
                row.denominator.map(export::number).unwrap_or_default()
            },
            row.unit
        );
    }
    let hidden = rows.iter().filter(|r| r.suppressed).count();
    let _ = writeln!(
        out,
        "\n{} figures for {month}; {hidden} suppressed (counts from 1 to {} and what would reveal them).",
        rows.len(),
        metrics::compute::K - 1
    );
    out
}
