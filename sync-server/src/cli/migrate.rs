//! `sync-server migrate`: moving a city's data between SQLite and PostgreSQL.

use std::io::Write as _;

use anyhow::{Context as _, bail};

use crate::DataDir;
use crate::store::{Store, is_postgres_url, redact_url};

/// Copies the data directory's database into `to`, checks the copy, and makes the data
/// directory use it. The old database is left as it was (a SQLite file in the way of a move
/// back is renamed, not overwritten).
pub fn migrate(data_dir: &DataDir, to: &str) -> anyhow::Result<()> {
    let source = data_dir.open_store()?;
    let target = match to {
        "sqlite" => {
            if data_dir.database_url()?.is_none() {
                bail!("the data is in SQLite already ({})", source.describe());
            }
            let file = data_dir.sqlite_file();
            if file.exists() {
                let kept = file.with_extension(format!(
                    "sqlite3.before-{}",
                    jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S")
                ));
                for suffix in ["", "-wal", "-shm"] {
                    let from = format!("{}{suffix}", file.display());
                    if std::path::Path::new(&from).exists() {
                        std::fs::rename(&from, format!("{}{suffix}", kept.display()))
                            .with_context(|| format!("cannot move the old {from} aside"))?;
                    }
                }
                eprintln!("The old SQLite file is kept as {}.", kept.display());
            }
            Store::open(&file)?
        }
        url if is_postgres_url(url) => {
            if data_dir.database_url()?.as_deref() == Some(url) {
                bail!("the data is in {} already", redact_url(url));
            }
            Store::open_postgres(url).with_context(|| format!("cannot use {}", redact_url(url)))?
        }
        other => bail!(
            "--to must be a postgres://user:password@host/database URL or `sqlite`, not {:?}",
            redact_url(other)
        ),
    };
    eprintln!("Copying {} into {}…", source.describe(), target.describe());
    let started = std::time::Instant::now();
    let mut last_table = String::new();
    let report = source.copy_to(&target, |table, rows| {
        if table != last_table {
            if !last_table.is_empty() {
                eprintln!();
            }
            last_table = table.to_owned();
        }
        eprint!("\r  {table:<20} {rows:>12} rows");
        let _ = std::io::stderr().flush();
    })?;
    if !last_table.is_empty() {
        eprintln!();
    }
    data_dir.write_database_url(match to {
        "sqlite" => None,
        url => Some(url),
    })?;
    let rows: u64 = report.rows.values().sum();
    println!(
        "Moved {rows} rows in {} tables ({} month-and-counter roll-up totals checked) in {:.1} s.",
        report.rows.len(),
        report.rollup_totals,
        started.elapsed().as_secs_f64()
    );
    println!(
        "The data directory now uses {}; the old database is untouched. Start the server again.",
        target.describe()
    );
    Ok(())
}
