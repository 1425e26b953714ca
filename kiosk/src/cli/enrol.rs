//! `kiosk enrol`.

use anyhow::bail;
use kiosk::data_dir::DataDir;
use kiosk::sync::{self, Fingerprint};

pub fn enrol(
    data_dir: &DataDir,
    server: &str,
    fingerprint: &str,
    code: &str,
    replace: bool,
) -> anyhow::Result<()> {
    let fingerprint: Fingerprint = fingerprint.parse()?;
    let store = data_dir.open_store()?;
    if let Some(existing) = store.enrolment()?
        && !replace
    {
        bail!(
            "this kiosk is already enrolled as {} with {}; add --replace to enrol it again",
            existing.kiosk_id,
            existing.server_url
        );
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let enrolment = runtime.block_on(sync::enrol(&store, server, fingerprint, code))?;
    println!(
        "Enrolled as {} at {} ({}) with {}.",
        enrolment.kiosk_id, enrolment.site, enrolment.neighbourhood, enrolment.server_url
    );
    let waiting = store.unsent_count()?;
    if waiting > 0 {
        println!("{waiting} records recorded before enrolment will be sent at the next sync.");
    }
    Ok(())
}
