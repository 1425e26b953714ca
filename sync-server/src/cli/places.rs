//! `sync-server baselines import|show` and `sync-server places import`.

use std::path::Path;

use crate::{DataDir, clock, places};
use anyhow::Context as _;

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Checks a baselines CSV in full and, only if it has no problem, replaces the baselines.
pub fn import_baselines(
    data_dir: &DataDir,
    file: &Path,
    time_zone: Option<&str>,
    utc_offset: Option<i8>,
) -> anyhow::Result<()> {
    use crate::metrics::{Calendar, settings};
    // A bad zone name is refused before anything is imported.
    let zone = time_zone.map(Calendar::named).transpose()?;
    let baselines = places::parse_baselines(&read(file)?)
        .map_err(|errors| anyhow::anyhow!("{}: {errors}", file.display()))?;
    let store = data_dir.open_store()?;
    store.import_baselines(&baselines, clock::now())?;
    if let Some(zone) = zone {
        store.set_setting(settings::TIME_ZONE, Some(&zone.name()))?;
        println!("The city's time zone is {}.", zone.name());
    }
    if let Some(offset) = utc_offset {
        store.set_setting(settings::TIME_ZONE, None)?;
        store.set_setting(settings::UTC_OFFSET_HOURS, Some(&offset.to_string()))?;
    }
    let population: u64 = baselines.iter().map(|b| b.population).sum();
    println!(
        "Imported baselines for {} neighbourhood(s), {population} residents aged 15+ in all.",
        baselines.len()
    );
    let sites = store.sites()?;
    let without: Vec<&str> = sites
        .iter()
        .filter(|s| !baselines.iter().any(|b| b.neighbourhood == s.neighbourhood))
        .map(|s| s.neighbourhood.as_str())
        .collect();
    if !without.is_empty() {
        println!(
            "Note: kiosks' sites are in neighbourhoods with no baseline, left out of the metrics: {}",
            without.join(", ")
        );
    }
    Ok(())
}

/// Prints the baselines.
pub fn show_baselines(data_dir: &DataDir) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    let baselines = store.baselines()?;
    if baselines.is_empty() {
        println!("No baselines yet: import them with `sync-server baselines import FILE.csv`.");
        return Ok(());
    }
    println!(
        "{:<24} {:>10} {:>8}  {:<8} opening hours",
        "neighbourhood", "pop. 15+", "offline", "locale"
    );
    for b in baselines {
        let share = b
            .offline_share
            .map(|h| format!("{:.1}%", h * 100.0))
            .unwrap_or_else(|| "—".into());
        println!(
            "{:<24} {:>10} {:>8}  {:<8} {}",
            b.neighbourhood, b.population, share, b.default_locale, b.opening_hours
        );
    }
    Ok(())
}

/// Checks a GeoJSON file of outlines in full and, only if it has no problem, replaces them.
pub fn import_places(data_dir: &DataDir, file: &Path) -> anyhow::Result<()> {
    let boundaries = places::parse_boundaries(&read(file)?)
        .map_err(|errors| anyhow::anyhow!("{}: {errors}", file.display()))?;
    let store = data_dir.open_store()?;
    store.import_boundaries(&boundaries, clock::now())?;
    println!(
        "Imported outlines of {} neighbourhood(s).",
        boundaries.len()
    );
    let baselines = store.baselines()?;
    let unmatched: Vec<&str> = boundaries
        .iter()
        .filter(|b| {
            !baselines
                .iter()
                .any(|base| base.neighbourhood == b.neighbourhood)
        })
        .map(|b| b.neighbourhood.as_str())
        .collect();
    if !unmatched.is_empty() && !baselines.is_empty() {
        println!(
            "Note: no baseline yet for {}: the map shows them without figures.",
            unmatched.join(", ")
        );
    }
    Ok(())
}
