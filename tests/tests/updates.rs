//! Kiosk software over bad links: real packages built with `dpkg-deb`, published on a real
//! server, fetched by a kiosk through the fault proxy (resuming after every drop, within the
//! byte budget), a tampered package or list refused, and the install asked for only at a
//! quiet hour with nobody about.

use std::path::{Path, PathBuf};
use std::process::Command;

use kiosk_core::sync::SyncError;
use kiosk_core::sync::release::{ReleaseOutcome, update_software};
use kiosk_core::updates::{InstallRequest, UpdateDir};
use sync_server::BackgroundServer;
use sync_server::content::ContentShelf;
use sync_server::releases::ReleaseShelf;
use system_tests::fault_proxy::{FaultProxy, Faults};
use system_tests::{KioskCore, any_port, runtime};

/// A real `inclusion-kiosk` package of `version` whose `kiosk` is a script (with some bulk,
/// so the download spans many dropped connections).
fn package(dir: &Path, version: &str) -> anyhow::Result<PathBuf> {
    let root = dir.join(format!("pkg-{version}"));
    std::fs::create_dir_all(root.join("DEBIAN"))?;
    std::fs::create_dir_all(root.join("usr/lib/inclusion-kiosk"))?;
    std::fs::write(
        root.join("DEBIAN/control"),
        format!(
            "Package: inclusion-kiosk\nVersion: {version}\nArchitecture: amd64\nMaintainer: Test <test@example.invalid>\nDescription: test build\n"
        ),
    )?;
    let bulk: Vec<u8> = (0..300_000).map(|_| rand::random::<u8>()).collect();
    std::fs::write(root.join("usr/lib/inclusion-kiosk/bulk"), bulk)?;
    let deb = dir.join(format!("inclusion-kiosk_{version}_amd64.deb"));
    let status = Command::new("dpkg-deb")
        .args(["--root-owner-group", "-Zxz", "--build"])
        .arg(&root)
        .arg(&deb)
        .output()?;
    anyhow::ensure!(
        status.status.success(),
        "dpkg-deb failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    Ok(deb)
}

#[test]
fn a_kiosk_fetches_a_signed_release_over_a_bad_link_and_refuses_tampering() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("server");
    let server = BackgroundServer::start(&data, any_port())?;
    let (shelf, keys) = (ReleaseShelf::new(&data), ContentShelf::new(&data));
    let old = shelf.publish(&keys, &package(dir.path(), "0.1.0")?, 1)?;
    let new = shelf.publish(&keys, &package(dir.path(), "0.2.0")?, 2)?;
    let proxy = FaultProxy::start(server.address())?;
    let kiosk_dir = tempfile::tempdir()?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    kiosk.enrol_via(&server, &proxy.url())?;
    let store = kiosk.data_dir.open_store()?;
    let updates = UpdateDir::new(kiosk_dir.path());

    // Within a budget smaller than the packages: nothing over budget, and it says so.
    let (outcome, fetched) = runtime()?.block_on(update_software(&store, "0.1.0", Some(1000)))?;
    assert_eq!(outcome, ReleaseOutcome::Downloading("0.2.0".into()));
    assert_eq!(fetched, 0);
    assert_eq!(
        updates.state().status.map(|s| s.state),
        Some("downloading".into())
    );

    // Through a link that drops every 64 KB: each pass keeps what came and resumes.
    proxy.set_faults(Faults {
        drop_after_downstream: Some(64 * 1024),
        ..Faults::default()
    });
    let mut passes = 0;
    let outcome = loop {
        passes += 1;
        anyhow::ensure!(passes < 60, "the download never finished");
        match runtime()?.block_on(update_software(&store, "0.1.0", None)) {
            Ok((outcome, _)) => break outcome,
            Err(error) => assert!(error.is_retryable(), "{error}"),
        }
    };
    assert_eq!(outcome, ReleaseOutcome::Ready("0.2.0".into()));
    assert!(passes > 3, "the drops did happen ({passes} passes)");
    assert!(updates.package(&new.blake3).is_file());
    assert!(
        updates.package(&old.blake3).is_file(),
        "the running version, to roll back to"
    );
    proxy.set_faults(Faults::default());

    // Nobody about at 3 in the morning: the installer is asked, with both packages.
    let settings = kiosk_core::sync::WorkerSettings::default();
    assert_eq!(
        kiosk_core::updates::request_if_due(&updates, "KEY", "0.1.0", 14, 3600, &settings)?,
        None,
        "not in the afternoon"
    );
    assert_eq!(
        kiosk_core::updates::request_if_due(&updates, "KEY", "0.1.0", 3, 60, &settings)?,
        None,
        "not while someone is there"
    );
    assert_eq!(
        kiosk_core::updates::request_if_due(&updates, "KEY", "0.1.0", 3, 3600, &settings)?,
        Some("0.2.0".into())
    );
    let request: InstallRequest = serde_json::from_slice(&std::fs::read(
        updates.path().join(kiosk_core::updates::REQUEST_FILE),
    )?)?;
    assert_eq!(
        (request.package.as_str(), request.previous_package.as_str()),
        (
            format!("{}.deb", new.blake3).as_str(),
            format!("{}.deb", old.blake3).as_str()
        )
    );
    std::fs::remove_file(updates.path().join(kiosk_core::updates::REQUEST_FILE))?;

    // A package changed on the server after it was signed: refused, deleted, not installed.
    let stored = data.join("releases/files").join(&new.blake3);
    let mut bytes = std::fs::read(&stored)?;
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&stored, bytes)?;
    std::fs::remove_file(updates.package(&new.blake3))?;
    updates.set_status(None)?;
    let refused = runtime()?.block_on(update_software(&store, "0.1.0", None));
    assert!(
        matches!(&refused, Err(SyncError::ContentRefused(why)) if why.contains("does not match its hash")),
        "{refused:?}"
    );
    assert!(!updates.package(&new.blake3).exists());
    // A release list not signed with the pinned key: refused before anything is fetched.
    let signed_path = data.join("releases/manifest.signed.json");
    let mut signed: wire::SignedManifest = serde_json::from_slice(&std::fs::read(&signed_path)?)?;
    signed.manifest = signed
        .manifest
        .replace("\"latest\":\"0.2.0\"", "\"latest\":\"0.1.0\"");
    std::fs::write(&signed_path, serde_json::to_vec(&signed)?)?;
    let refused = runtime()?.block_on(update_software(&store, "0.1.0", None));
    assert!(
        matches!(&refused, Err(SyncError::ContentRefused(why)) if why.contains("signature")),
        "{refused:?}"
    );
    Ok(())
}

#[test]
fn a_version_that_failed_here_or_that_cannot_be_undone_is_not_fetched() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("server");
    let server = BackgroundServer::start(&data, any_port())?;
    let (shelf, keys) = (ReleaseShelf::new(&data), ContentShelf::new(&data));
    shelf.publish(&keys, &package(dir.path(), "0.2.0")?, 2)?;
    let kiosk_dir = tempfile::tempdir()?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    kiosk.enrol(&server)?;
    let store = kiosk.data_dir.open_store()?;
    let updates = UpdateDir::new(kiosk_dir.path());
    // The running 0.1.0 is not published: there would be nothing to roll back to.
    let (outcome, fetched) = runtime()?.block_on(update_software(&store, "0.1.0", None))?;
    assert_eq!(
        (outcome, fetched),
        (ReleaseOutcome::Blocked("0.2.0".into()), 0)
    );
    shelf.publish(&keys, &package(dir.path(), "0.1.0")?, 3)?;
    updates.mark_failed("0.2.0")?;
    let (outcome, fetched) = runtime()?.block_on(update_software(&store, "0.1.0", None))?;
    assert_eq!(
        (outcome, fetched),
        (ReleaseOutcome::Blocked("0.2.0".into()), 0)
    );
    assert!(
        updates
            .state()
            .status
            .is_some_and(|s| s.detail.contains("failed here before"))
    );
    // Up to date: nothing to do.
    let (outcome, _) = runtime()?.block_on(update_software(&store, "0.2.0", None))?;
    assert_eq!(outcome, ReleaseOutcome::UpToDate);
    Ok(())
}
