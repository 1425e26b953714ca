//! `sync-server device revoke|quarantine|release|move ID`.

use crate::DataDir;
use crate::store::DeviceState;

pub fn set(data_dir: &DataDir, kiosk_id: &str, state: DeviceState) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    if !store.set_device_state(kiosk_id, state, crate::clock::now())? {
        anyhow::bail!(
            "no kiosk {kiosk_id} in {}: `sync-server kiosks` lists them",
            data_dir.path().display()
        );
    }
    match state {
        DeviceState::Revoked => println!(
            "Kiosk {kiosk_id} is revoked: its next request is refused. To use it again, enrol it with a new code."
        ),
        DeviceState::Quarantined => println!(
            "Kiosk {kiosk_id} is quarantined: its requests are refused until `sync-server device release {kiosk_id}`. It keeps its records meanwhile."
        ),
        DeviceState::Active => println!("Kiosk {kiosk_id} may sync again."),
    }
    Ok(())
}

/// Moves a kiosk to `site` (in `neighbourhood`, or the site's known one).
pub fn relocate(
    data_dir: &DataDir,
    kiosk_id: &str,
    site: &str,
    neighbourhood: Option<&str>,
) -> anyhow::Result<()> {
    let site = site.trim();
    if site.is_empty() || site.chars().count() > 100 {
        anyhow::bail!("give the site a name of 1 to 100 characters");
    }
    let store = data_dir.open_store()?;
    let known = store.site_neighbourhood(site)?;
    let neighbourhood = match (known, neighbourhood.map(str::trim)) {
        (Some(known), None) => known,
        (Some(known), Some(given)) if known == given => known,
        (Some(known), Some(given)) => anyhow::bail!(
            "the site \"{site}\" is in {known}, not {given}: leave out --neighbourhood, or give the site another name"
        ),
        (None, Some(given)) if !given.is_empty() && given.chars().count() <= 100 => {
            given.to_owned()
        }
        (None, _) => anyhow::bail!(
            "the server does not know the site \"{site}\": say which neighbourhood it is in with --neighbourhood"
        ),
    };
    if !store.move_kiosk(kiosk_id, site, &neighbourhood, crate::clock::now())? {
        anyhow::bail!(
            "no kiosk {kiosk_id} in {}: `sync-server kiosks` lists them",
            data_dir.path().display()
        );
    }
    println!(
        "Kiosk {kiosk_id} now stands at {site} ({neighbourhood}). Months that have ended keep their figures; this month counts it here."
    );
    Ok(())
}
