//! `sync-server open311 add-key|list-keys|delete-key`: the keys a city's case system uses to
//! read requests over Open311 GeoReport v2.

use crate::store::Role;
use crate::{DataDir, clock};

/// Makes a key and prints it once.
pub fn add_key(
    data_dir: &DataDir,
    name: &str,
    forms: &[String],
    sites: &[String],
    personal: bool,
) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    let key = crate::open311::make_key(&store, name, forms, sites, personal, "cli", clock::now())?;
    let detail = format!(
        "{name}: forms {}{}",
        forms.join(", "),
        if personal {
            ", with personal fields"
        } else {
            ""
        }
    );
    store.audit("cli", Role::Admin, "add_open311_key", &detail, clock::now())?;
    println!(
        "Key {name} made: reads {}.",
        detail.trim_start_matches(&format!("{name}: "))
    );
    println!("Key (shown only now; give it as api_key=… or the X-Api-Key header): {key}");
    Ok(())
}

/// Lists the keys.
pub fn list_keys(data_dir: &DataDir) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    let keys = store.open311_keys()?;
    if keys.is_empty() {
        println!(
            "No Open311 keys yet: make one with `sync-server open311 add-key --name crm --form ID`."
        );
    }
    for key in keys {
        let sites = if key.sites.is_empty() {
            "every site".to_owned()
        } else {
            key.sites.join(", ")
        };
        println!(
            "{:<20} forms: {}; sites: {sites}{}; made by {} on {}",
            key.name,
            key.forms.join(", "),
            if key.personal {
                "; personal fields"
            } else {
                ""
            },
            key.created_by,
            crate::staff::format::utc(key.created_at)
        );
    }
    Ok(())
}

/// Deletes a key.
pub fn delete_key(data_dir: &DataDir, name: &str) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    anyhow::ensure!(
        store.delete_open311_key(name)?,
        "there is no key called {name}"
    );
    store.audit("cli", Role::Admin, "delete_open311_key", name, clock::now())?;
    println!("Key {name} deleted.");
    Ok(())
}
