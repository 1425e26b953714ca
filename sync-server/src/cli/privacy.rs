//! `sync-server privacy show|on|off|release`: optional differential privacy for the published
//! figures, and its yearly ε ledger.

use crate::content::ContentShelf;
use crate::metrics::privacy::{self, TABLES};
use crate::staff::format;
use crate::store::{Role, Store, StoreError};
use crate::{DataDir, clock};

/// Notes a change made from the command line in the audit log, as the Privacy page does.
fn audit(store: &Store, action: &str, detail: &str) -> Result<(), StoreError> {
    store.audit("(command line)", Role::Admin, action, detail, clock::now())
}

pub fn show(data_dir: &DataDir) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    match privacy::noise_settings(&store)? {
        None => println!(
            "Noise is off: everyone outside the analyst role sees exact figures with small counts hidden."
        ),
        Some(noise) => println!(
            "Noise is on: ε = {} per table, {} tables, so one release costs ε = {}.\n\
             Yearly budget: ε = {} ({} releases at this ε).",
            noise.epsilon,
            TABLES.len(),
            noise.release_cost(),
            noise.yearly_budget,
            (noise.yearly_budget / noise.release_cost()).floor()
        ),
    }
    let ledger = store.privacy_ledger()?;
    if ledger.is_empty() {
        println!("No month has been released with noise.");
        return Ok(());
    }
    println!("\n{:<10} {:<22} {:>8}", "released", "when", "ε");
    for line in &ledger {
        println!(
            "{:<10} {:<22} {:>8}",
            line.release,
            format::utc(line.at),
            line.epsilon
        );
    }
    let mut years: Vec<i64> = ledger.iter().map(|l| l.year).collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        println!("Spent on {year}'s data: ε = {}", store.epsilon_spent(year)?);
    }
    Ok(())
}

pub fn on(data_dir: &DataDir, epsilon: Option<f64>, budget: Option<f64>) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    let noise = privacy::turn_on(&store, epsilon, budget)?;
    audit(
        &store,
        "privacy_on",
        &format!(
            "ε = {} per table, yearly budget {}",
            noise.epsilon, noise.yearly_budget
        ),
    )?;
    println!(
        "Noise is on: ε = {} per table (a release costs {}), yearly budget {}.\n\
         City staff now see a month's figures once it is released:\n  \
         sync-server privacy release --month YYYY-MM",
        noise.epsilon,
        noise.release_cost(),
        noise.yearly_budget
    );
    Ok(())
}

pub fn off(data_dir: &DataDir) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    privacy::turn_off(&store)?;
    audit(&store, "privacy_off", "")?;
    println!("Noise is off. The ledger and the releases are kept.");
    Ok(())
}

pub fn release(data_dir: &DataDir, month: &str) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    let shelf = ContentShelf::new(data_dir.path());
    let release = privacy::release_month(&store, &shelf, month, clock::now(), &mut rand::rng())?;
    audit(
        &store,
        "privacy_release",
        &format!("{month}: ε = {} spent", release.cost),
    )?;
    println!(
        "Released {month} with noise: ε = {} per table, ε = {} spent.",
        release.epsilon, release.cost
    );
    Ok(())
}
