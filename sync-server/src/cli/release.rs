//! `sync-server release publish|list`: kiosk software for the fleet.

use std::path::Path;

use crate::content::ContentShelf;
use crate::releases::ReleaseShelf;
use crate::store::Role;
use crate::{DataDir, clock};

/// Checks, stores and signs a kiosk package.
pub fn publish(data_dir: &DataDir, deb: &Path) -> anyhow::Result<()> {
    let release = ReleaseShelf::new(data_dir.path()).publish(
        &ContentShelf::new(data_dir.path()),
        deb,
        clock::now(),
    )?;
    data_dir.open_store()?.audit(
        "cli",
        Role::Admin,
        "publish_release",
        &release.version,
        clock::now(),
    )?;
    println!(
        "Published kiosk software {} ({}, {:.1} MB), signed.",
        release.version,
        release.architecture,
        release.size as f64 / 1e6
    );
    println!(
        "Kiosks download it in the background (on mains power and an unmetered link, within their byte budget) and install it at a quiet hour; the Kiosks page shows each one's progress."
    );
    Ok(())
}

/// Lists the published releases.
pub fn list(data_dir: &DataDir) -> anyhow::Result<()> {
    let releases = ReleaseShelf::new(data_dir.path()).list()?;
    if releases.is_empty() {
        println!(
            "No kiosk software published yet: sync-server release publish inclusion-kiosk_VERSION_amd64.deb"
        );
    }
    let latest = releases.last().map(|r| r.version.clone());
    for release in &releases {
        println!(
            "{:<16} {:<6} {:>8.1} MB  {}{}",
            release.version,
            release.architecture,
            release.size as f64 / 1e6,
            crate::staff::format::utc(release.published_at),
            if Some(&release.version) == latest.as_ref() {
                "  (kiosks move to this one)"
            } else {
                ""
            }
        );
    }
    Ok(())
}
