//! `kiosk sync`.

use std::process::ExitCode;

use kiosk::data_dir::DataDir;
use kiosk::sync::{self, SyncWorker, WorkerSettings};

/// One pass: exit 0 only when nothing is left to send.
pub fn once(data_dir: &DataDir) -> anyhow::Result<ExitCode> {
    let mut store = data_dir.open_store()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let outcome = runtime.block_on(sync::sync_now(
        &mut store,
        &mut sync::LinkEstimate::default(),
    ));
    if outcome.is_ok() {
        // Content after the records: new versions are used from the kiosk's next start.
        match runtime.block_on(sync::update_content(&store)) {
            Ok(sync::ContentOutcome::Installed {
                version,
                downloaded,
            }) => println!(
                "New content version {version} installed ({downloaded} bytes downloaded); the kiosk uses it from its next start."
            ),
            Ok(sync::ContentOutcome::UpToDate(version)) => {
                println!("Content is up to date (version {version}).")
            }
            Ok(sync::ContentOutcome::NothingPublished) => {}
            Err(error) => eprintln!("Content not updated: {error}."),
        }
        software(&store, &runtime);
    }
    match outcome {
        Ok(report) if report.remaining == 0 => {
            println!(
                "Synced: {} records sent ({} bytes), nothing left to send.",
                report.sent, report.bytes
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(report) => {
            println!(
                "Sent {} records, but {} more were recorded meanwhile and still wait.",
                report.sent, report.remaining
            );
            Ok(ExitCode::from(1))
        }
        Err(error) => {
            let waiting = store.unsent_count().unwrap_or(0);
            eprintln!("Not synced: {error}. {waiting} records still wait to be sent.");
            Ok(ExitCode::from(if error.is_retryable() { 1 } else { 2 }))
        }
    }
}

/// Keeps syncing in the foreground until Ctrl-C, within the daily byte budget if one is set.
pub fn forever(data_dir: &DataDir, daily_byte_budget: Option<u64>) -> anyhow::Result<()> {
    let settings = WorkerSettings {
        daily_byte_budget,
        ..WorkerSettings::default()
    };
    let worker = SyncWorker::spawn(data_dir.clone(), settings)?;
    println!("Syncing in the background of this terminal; press Ctrl-C to stop.");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(tokio::signal::ctrl_c())?;
    drop(worker);
    Ok(())
}

/// Kiosk software after the content: what the installer did last, and a newer version
/// downloaded if one is published.
fn software(store: &kiosk::store::LocalStore, runtime: &tokio::runtime::Runtime) {
    use kiosk::sync::release::ReleaseOutcome;
    let updates =
        kiosk::updates::UpdateDir::new(store.path().parent().unwrap_or(std::path::Path::new(".")));
    match kiosk::updates::take_installer_result(&updates) {
        Ok(Some(result)) if result.state == "installed" => {
            println!("Kiosk software {} was installed.", result.version)
        }
        Ok(Some(result)) => println!(
            "Kiosk software {} was not kept ({}): {}.",
            result.version,
            result.state.replace('_', " "),
            result.detail
        ),
        Ok(None) => {}
        Err(error) => eprintln!("The installer's answer cannot be read: {error}."),
    }
    let running = kiosk::updates::running_version();
    match runtime.block_on(sync::release::update_software(store, &running, None)) {
        Ok((ReleaseOutcome::Ready(version), _)) => println!(
            "Kiosk software {version} is downloaded; it is installed at a quiet hour (or now: kiosk update install-now)."
        ),
        Ok((ReleaseOutcome::Downloading(version), _)) => {
            println!(
                "Kiosk software {version} is partly downloaded; the rest comes at the next sync."
            )
        }
        Ok((ReleaseOutcome::Blocked(version), _)) => {
            let why = updates.state().status.map(|s| s.detail).unwrap_or_default();
            println!("Kiosk software {version} is published but not installed here: {why}.")
        }
        Ok((ReleaseOutcome::UpToDate, _)) => {}
        Err(error) => eprintln!("Kiosk software not checked: {error}."),
    }
}
