//! `sync-server targets show|set|clear`: the city's targets B for the access-gap index.

use crate::DataDir;
use crate::metrics::{self, settings::TARGET_PREFIX};

/// The metrics that have a target, with their unit as typed.
const METRICS: [(&str, &str); 4] = [
    ("M1", "sessions per 1,000 residents"),
    ("M2", "% of opening minutes usable"),
    ("M3", "% of started requests submitted"),
    ("M9", "modules passed per 1,000 residents"),
];

fn check(metric: &str) -> anyhow::Result<String> {
    let upper = metric.to_ascii_uppercase();
    anyhow::ensure!(
        METRICS.iter().any(|(id, _)| *id == upper),
        "\"{metric}\" has no target; targets exist for M1, M2, M3 and M9"
    );
    Ok(upper)
}

pub fn show(data_dir: &DataDir) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    let targets = metrics::targets(&store)?;
    for ((id, unit), value) in METRICS.iter().zip([
        targets.m1,
        targets.m2.map(|v| v * 100.0),
        targets.m3.map(|v| v * 100.0),
        targets.m9,
    ]) {
        match value {
            Some(v) => println!("{id}: {v} ({unit})"),
            None => {
                println!("{id}: population-weighted 80th percentile across neighbourhoods ({unit})")
            }
        }
    }
    Ok(())
}

pub fn set(data_dir: &DataDir, metric: &str, value: f64) -> anyhow::Result<()> {
    let id = check(metric)?;
    anyhow::ensure!(
        value.is_finite() && value > 0.0,
        "a target is a number above zero"
    );
    let percent = matches!(id.as_str(), "M2" | "M3");
    anyhow::ensure!(
        !percent || value <= 100.0,
        "{id} is a percentage: at most 100"
    );
    let stored = if percent { value / 100.0 } else { value };
    data_dir
        .open_store()?
        .set_setting(&format!("{TARGET_PREFIX}{id}"), Some(&stored.to_string()))?;
    println!("Target for {id} set to {value}. The gap index uses it from now on.");
    Ok(())
}

pub fn clear(data_dir: &DataDir, metric: &str) -> anyhow::Result<()> {
    let id = check(metric)?;
    data_dir
        .open_store()?
        .set_setting(&format!("{TARGET_PREFIX}{id}"), None)?;
    println!("Target for {id} cleared: back to its default.");
    Ok(())
}
