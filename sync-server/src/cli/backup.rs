//! `sync-server backup` and `sync-server restore`, with progress on standard error.

use std::io::Write as _;
use std::path::Path;

use crate::DataDir;
use crate::backup::{self, Progress};

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn reporter() -> impl FnMut(Progress) {
    let mut last_percent = None;
    move |progress| {
        let mut err = std::io::stderr();
        match progress {
            Progress::CopyingDatabase => {
                let _ = writeln!(err, "Copying the database (consistent as of now)…");
            }
            Progress::Checking => {
                let _ = writeln!(err, "Checking every file against the archive's listing…");
            }
            Progress::Files { done, total } => {
                let percent = (done * 100).checked_div(total).unwrap_or(100);
                if last_percent != Some(percent / 10) {
                    last_percent = Some(percent / 10);
                    let _ = writeln!(
                        err,
                        "  {percent:>3} %  ({} of {})",
                        megabytes(done),
                        megabytes(total)
                    );
                }
            }
        }
    }
}

/// `backup --to FILE`.
pub fn backup(data_dir: &DataDir, to: &Path) -> anyhow::Result<()> {
    let listing = backup::create(data_dir, to, &mut reporter())?;
    println!(
        "Backup written: {} ({} files, {} before compression).",
        to.display(),
        listing.files.len(),
        megabytes(listing.total_bytes())
    );
    println!("It holds the server's keys: keep it as safe as the server itself.");
    println!(
        "Restore it with: sync-server restore {} --data-dir NEW-FOLDER",
        to.display()
    );
    Ok(())
}

/// `restore FILE` into the data directory.
pub fn restore(archive: &Path, target: &Path) -> anyhow::Result<()> {
    let listing = backup::restore(archive, target, &mut reporter())?;
    println!(
        "Restored {} files ({}) from the backup of {} into {}.",
        listing.files.len(),
        megabytes(listing.total_bytes()),
        crate::staff::format::utc(listing.created_at),
        target.display()
    );
    println!(
        "Start the server on it (sync-server serve --data-dir {}): each kiosk's next sync sends again what arrived after the backup.",
        target.display()
    );
    Ok(())
}
