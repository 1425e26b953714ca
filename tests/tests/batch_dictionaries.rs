//! Batch dictionaries through real HTTPS: the server trains one on what kiosks sent and
//! publishes it with signed content; a kiosk that installed it sends one visit in a batch
//! far smaller than plain zstd; a kiosk still holding an older dictionary keeps syncing
//! after a newer one is published; a kiosk whose dictionary the server no longer lists sends
//! plain batches; and a batch made with a dictionary the server never published is refused
//! with a reason.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use kiosk_core::content_dir::ContentDir;
use kiosk_core::sync::{ContentOutcome, SyncError};
use rand::SeedableRng as _;
use sync_server::BackgroundServer;
use sync_server::content::ContentShelf;
use system_tests::{KioskCore, any_port, runtime};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/sample")
}

fn update(kiosk: &KioskCore) -> Result<ContentOutcome, SyncError> {
    let store = kiosk.data_dir.open_store().unwrap();
    runtime()
        .unwrap()
        .block_on(kiosk_core::sync::update_content(&store))
}

/// Records `visits` simulated visits and waits until they are on disk.
fn visits(kiosk: &mut KioskCore, visits: u32, seed: u64) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let locales: Vec<String> = ["en", "es", "ar"].map(String::from).to_vec();
    kiosk_core::simulate::simulate(&mut kiosk.visits, visits, &locales, &mut rng);
    kiosk.flush().unwrap();
}

/// The kiosk's pending records as one plain batch (no dictionary), and their count.
fn plain_size(kiosk: &KioskCore) -> (usize, usize) {
    let store = kiosk.data_dir.open_store().unwrap();
    let records = store
        .unsent_records(wire::MAX_RECORDS_PER_BATCH, usize::MAX)
        .unwrap();
    // As a kiosk sends them to this server without a dictionary: bodies packed, and no
    // zstd frame magic.
    (
        wire::without_frame_magic(wire::encode_batch(&wire::pack_bodies(&records))).len(),
        records.len(),
    )
}

/// Records one visit and syncs it alone; returns the bytes the pass sent and the size the
/// same records take as one batch without a dictionary.
fn one_visit_synced(kiosk: &mut KioskCore, seed: u64) -> (u64, u64) {
    visits(kiosk, 1, seed);
    let (plain, records) = plain_size(kiosk);
    let report = kiosk.sync().unwrap();
    assert_eq!(report.sent as usize, records, "{report:?}");
    (report.bytes, plain as u64)
}

fn events_held(server: &BackgroundServer, kiosk_id: &str) -> usize {
    server
        .store()
        .record_kinds_of(kiosk_id)
        .unwrap()
        .iter()
        .filter(|(_, kind)| kind == "event")
        .count()
}

#[test]
fn kiosks_send_small_batches_with_any_dictionary_the_server_published() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let mut kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    let kiosk_id = kiosk.enrol(&server).unwrap();
    let shelf = ContentShelf::new(server_dir.path());

    // Too little stored to learn from: a clear refusal, nothing trained.
    let refused = shelf
        .dictionaries
        .train(server.store(), 40_000)
        .unwrap_err();
    assert!(
        refused.to_string().contains("visits are stored"),
        "{refused}"
    );

    // A few hundred visits synced plainly, then a dictionary trained on them and published.
    visits(&mut kiosk, 400, 1);
    kiosk.sync().unwrap();
    let (first, trained_on) = shelf.dictionaries.train(server.store(), 40_000).unwrap();
    assert!(trained_on >= 300, "{trained_on} visits");
    assert_eq!(first.id(), wire::FIRST_DICTIONARY_ID);
    shelf.publish(&sample(), None, 100).unwrap();
    assert_eq!(shelf.published_dictionary().unwrap(), Some(first.id()));
    assert!(matches!(
        update(&kiosk).unwrap(),
        ContentOutcome::Installed { version: 1, .. }
    ));
    let installed = ContentDir::new(kiosk_dir.path()).batch_dictionary();
    assert_eq!(installed.as_ref().map(|d| d.id()), Some(first.id()));
    // The heartbeat telling the server about the new content goes first, on its own.
    kiosk.sync().unwrap();

    // One visit per sync: the batch is far smaller than zstd made it without the dictionary.
    let before = events_held(&server, &kiosk_id);
    let (sent, plain) = one_visit_synced(&mut kiosk, 2);
    assert!(
        sent * 3 < plain * 2,
        "{sent} bytes with the dictionary against {plain} plain"
    );
    assert!(events_held(&server, &kiosk_id) > before);

    // A newer dictionary is published; this kiosk has not fetched it and still syncs with
    // the older one.
    let (second, _) = shelf.dictionaries.train(server.store(), 40_000).unwrap();
    assert_eq!(second.id(), first.id() + 1);
    shelf.publish(&sample(), None, 200).unwrap();
    assert_eq!(shelf.published_dictionary().unwrap(), Some(second.id()));
    let (sent, plain) = one_visit_synced(&mut kiosk, 3);
    assert!(sent * 3 < plain * 2, "{sent} bytes against {plain} plain");
    assert_eq!(
        ContentDir::new(kiosk_dir.path())
            .batch_dictionary()
            .map(|d| d.id()),
        Some(first.id())
    );

    // The server loses the older dictionary (a restore, say): it no longer lists it, so the
    // kiosk sends plain batches and nothing is refused.
    std::fs::remove_file(
        server_dir
            .path()
            .join(format!("content/dictionaries/{}.zdict", first.id())),
    )
    .unwrap();
    let (sent, plain) = one_visit_synced(&mut kiosk, 4);
    assert_eq!(sent, plain);

    // The kiosk fetches the newer content and uses the newer dictionary.
    assert!(matches!(
        update(&kiosk).unwrap(),
        ContentOutcome::Installed { version: 2, .. }
    ));
    kiosk.sync().unwrap();
    let (sent, plain) = one_visit_synced(&mut kiosk, 5);
    assert!(sent * 3 < plain * 2, "{sent} bytes against {plain} plain");
    assert_eq!(
        kiosk.data_dir.open_store().unwrap().unsent_count().unwrap(),
        0
    );
}

#[test]
fn a_batch_made_with_a_dictionary_the_server_never_published_is_refused_with_a_reason() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let mut kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    kiosk.enrol(&server).unwrap();
    // The first heartbeat goes on its own.
    kiosk.sync().unwrap();
    // A dictionary trained by another server.
    let other_dir = tempfile::tempdir().unwrap();
    let foreign = {
        let other = BackgroundServer::start(other_dir.path(), any_port()).unwrap();
        let other_kiosk_dir = tempfile::tempdir().unwrap();
        let mut other_kiosk = KioskCore::open(other_kiosk_dir.path()).unwrap();
        other_kiosk.enrol(&other).unwrap();
        visits(&mut other_kiosk, 300, 7);
        other_kiosk.sync().unwrap();
        let shelf = ContentShelf::new(other_dir.path());
        shelf.dictionaries.train(other.store(), 40_000).unwrap().0
    };

    visits(&mut kiosk, 1, 8);
    let store = kiosk.data_dir.open_store().unwrap();
    let records = store
        .unsent_records(wire::MAX_RECORDS_PER_BATCH, usize::MAX)
        .unwrap();
    let batch = wire::encode_batch_with(&records, Some(&foreign));
    let enrolment = store.enrolment().unwrap().unwrap();
    let client = kiosk_core::sync::SyncClient::new(
        &enrolment.server_url,
        enrolment.fingerprint.parse().unwrap(),
        Some(enrolment.token.clone()),
    )
    .unwrap()
    .signed_with(kiosk_core::sync::device_key::DeviceKey::load(kiosk_dir.path()).unwrap());
    let refused = runtime()
        .unwrap()
        .block_on(client.send_chunk(
            &wire::upload_id(&batch),
            0,
            batch.len() as u64,
            batch.clone(),
        ))
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains(&format!("dictionary {}", foreign.id())),
        "{refused}"
    );
    // The kiosk itself sends the same records plainly: they arrive.
    let report = kiosk.sync().unwrap();
    assert_eq!(report.sent as usize, records.len());
}
