//! `sync-server content publish DIR` and `sync-server content status`.

use std::path::Path;

use crate::content::ContentShelf;
use crate::{DataDir, clock};

pub fn publish(data_dir: &DataDir, source: &Path, locales: Option<&Path>) -> anyhow::Result<()> {
    let shelf = ContentShelf::new(data_dir.path());
    let manifest = shelf.publish(source, locales, clock::now())?;
    // Its topics, modules and forms get rows in every month from now on.
    let bundle = content::Bundle::load_dir(source)?;
    crate::metrics::breakdowns::Domain::remember(&data_dir.open_store()?, &bundle)?;
    let bytes: u64 = manifest.files.iter().map(|f| f.size).sum();
    println!(
        "Published content version {} from {}: {} files, {bytes} bytes, signed.",
        manifest.version,
        source.display(),
        manifest.files.len()
    );
    println!("Kiosks fetch what they lack at their next sync and use it from their next start.");
    Ok(())
}

pub fn status(data_dir: &DataDir) -> anyhow::Result<()> {
    let shelf = ContentShelf::new(data_dir.path());
    match shelf.current_version()? {
        0 => println!("No content published yet: `sync-server content publish DIR`."),
        version => println!("Published content version: {version}."),
    }
    println!(
        "Content key (kiosks pin it at enrolment): {}",
        shelf.public_key()?
    );
    Ok(())
}

pub fn train_dictionary(data_dir: &DataDir, records: usize) -> anyhow::Result<()> {
    let shelf = ContentShelf::new(data_dir.path());
    eprintln!("Reading up to {records} recent records and training…");
    let (dictionary, visits) = shelf.dictionaries.train(&data_dir.open_store()?, records)?;
    println!(
        "Trained batch dictionary {} ({} bytes) on {visits} visits.",
        dictionary.id(),
        dictionary.bytes().len()
    );
    println!(
        "It reaches kiosks with the next `sync-server content publish`; until then they keep using the one they have."
    );
    Ok(())
}

pub fn dictionaries(data_dir: &DataDir) -> anyhow::Result<()> {
    let shelf = ContentShelf::new(data_dir.path());
    let trained = shelf.dictionaries.list()?;
    if trained.is_empty() {
        println!(
            "No batch dictionary trained yet: `sync-server content train-dictionary` once kiosks have synced for a while."
        );
        return Ok(());
    }
    let published = shelf.published_dictionary()?;
    for info in trained {
        let mark = if Some(info.id) == published {
            "  (in the published content)"
        } else {
            ""
        };
        println!("{}  {} bytes{mark}", info.id, info.bytes);
    }
    Ok(())
}
