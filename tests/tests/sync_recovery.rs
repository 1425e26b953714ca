//! The sync protocol recovering from what goes wrong in the field, through real HTTPS and
//! real SQLite on both sides: every kind of record arrives and personal data leaves the
//! kiosk; a server restored from an older backup gets back what it lost; a kiosk whose
//! database was replaced loses and doubles nothing; an interrupted upload resumes.
//! Each test ends by checking the server holds exactly what the kiosk wrote.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kiosk_core::store::{FeedbackKind, LocalRecord, ModuleProgress, StoredFeedback};
use sync_server::BackgroundServer;
use system_tests::{KioskCore, any_port, runtime};
use wire::{EndReason, Tile};

fn visit(kiosk: &mut KioskCore, tile: Tile) {
    kiosk.visits.start();
    kiosk.visits.open_tile(tile);
    kiosk.visits.finish(EndReason::Finished);
}

fn kinds(server: &BackgroundServer, kiosk_id: &str, kind: &str) -> usize {
    server
        .store()
        .record_kinds_of(kiosk_id)
        .unwrap()
        .iter()
        .filter(|(_, k)| k == kind)
        .count()
}

#[test]
fn every_kind_of_record_arrives_and_personal_data_then_leaves_the_kiosk() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    visit(&mut kiosk, Tile::Services);
    kiosk
        .visits
        .keep(system_tests::sealed_request("K7PQ-M3XZ-R9", 1, 120));
    kiosk.visits.keep(LocalRecord::Feedback(StoredFeedback {
        kind: FeedbackKind::Rating,
        subject: "education.library".into(),
        answers: [("rating".to_owned(), vec!["4".to_owned()])].into(),
        sealed_comment: Some(vec![7; 60]),
        hour: 3600 * 500_000,
    }));
    let progress = |steps: &[&str], score| LocalRecord::Progress {
        learner_code: "K7PQM3XZA".into(),
        module: "strong-passwords".into(),
        progress: ModuleProgress {
            steps_done: steps.iter().map(|s| s.to_string()).collect(),
            best_score: Some(score),
            passed: score >= 4,
        },
    };
    kiosk.visits.keep(progress(&["intro"], 3));
    kiosk.visits.keep(progress(&["practice"], 5));
    kiosk.flush()?;
    assert!(kiosk.data_dir.open_store()?.requests()?[0].sealed.is_some());

    let report = kiosk.sync()?;
    assert_eq!(report.remaining, 0);
    assert_eq!(
        [
            kinds(&server, &kiosk_id, "event"),
            kinds(&server, &kiosk_id, "request"),
            kinds(&server, &kiosk_id, "feedback"),
            kinds(&server, &kiosk_id, "progress"),
            kinds(&server, &kiosk_id, "heartbeat"),
        ],
        [3, 1, 1, 2, 1]
    );
    // The request went first: a resident's request never waits behind counts.
    let order = server.store().record_kinds_of(&kiosk_id)?;
    assert_eq!(order.len() as u64, report.sent);
    // Progress merged on the server: best score and every step.
    let merged = server.store().learner_progress("K7PQM3XZA")?;
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].best_score, Some(5));
    assert!(merged[0].passed && merged[0].steps_done.len() == 2);
    // Acknowledged: the sealed personal data is gone from the kiosk.
    let store = kiosk.data_dir.open_store()?;
    assert_eq!(store.requests()?[0].sealed, None);
    assert_eq!(store.feedback()?[0].sealed_comment, None);
    let sealed_left: i64 = rusqlite::Connection::open(kiosk.data_dir.database_path())?.query_row(
        "SELECT COUNT(*) FROM outbox WHERE kind IN ('request', 'feedback') AND body IS NOT NULL",
        [],
        |row| row.get(0),
    )?;
    assert_eq!(sealed_left, 0);
    Ok(())
}

#[test]
fn a_server_restored_from_an_older_backup_gets_back_what_it_lost() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir, backup) = (
        tempfile::tempdir()?,
        tempfile::tempdir()?,
        tempfile::tempdir()?,
    );
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let address = server.address();
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    visit(&mut kiosk, Tile::Learn);
    kiosk.flush()?;
    kiosk.sync()?;
    // Last night's backup (a consistent copy taken while the server runs)…
    let backup_file = backup.path().join("db");
    server.store().backup_to(&backup_file)?;
    server.stop()?;
    // …then a day of visits, all delivered…
    let server = BackgroundServer::start(server_dir.path(), address)?;
    visit(&mut kiosk, Tile::Services);
    visit(&mut kiosk, Tile::HaveASay);
    kiosk.flush()?;
    assert_eq!(kiosk.sync()?.sent, 6);
    // …and the disk dies: the server's database is restored from the backup.
    server.stop()?;
    let data = sync_server::DataDir::open_existing(server_dir.path())?;
    match data.database_url()? {
        None => {
            let database = data.sqlite_file();
            std::fs::copy(&backup_file, &database)?;
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
            }
        }
        Some(_) => {
            // On PostgreSQL: a new database gets the backup's copy (as `restore` and then
            // `migrate --to` would make it).
            let admin = std::env::var(sync_server::data_dir::TEST_POSTGRES_VARIABLE)?;
            let url = sync_server::store::create_postgres_database(
                &admin,
                &format!("restored_{}", std::process::id()),
            )?;
            sync_server::Store::open(&backup_file)?
                .copy_to(&sync_server::Store::open_postgres(&url)?, |_, _| {})?;
            data.write_database_url(Some(&url))?;
        }
    }
    let server = BackgroundServer::start(server_dir.path(), address)?;
    assert_eq!(
        server.store().events_of(&kiosk_id)?.len(),
        3,
        "the backup is older"
    );
    // One handshake tells the kiosk what the server lacks; it sends exactly that again.
    let report = kiosk.sync()?;
    assert_eq!((report.sent, report.lost), (6, 0));
    assert_eq!(
        server.store().events_of(&kiosk_id)?,
        kiosk.data_dir.open_store()?.all_events()?
    );
    Ok(())
}

#[test]
fn a_kiosk_whose_database_was_replaced_loses_and_doubles_nothing() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir, saved) = (
        tempfile::tempdir()?,
        tempfile::tempdir()?,
        tempfile::tempdir()?,
    );
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    drop(kiosk);
    // The kiosk's database as it was just after enrolment (an installer's image, say).
    let database = kiosk_dir.path().join("kiosk.sqlite3");
    assert!(database.exists(), "the kiosk's database is where expected");
    std::fs::copy(&database, saved.path().join("db"))?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    visit(&mut kiosk, Tile::Learn);
    kiosk.flush()?;
    kiosk.sync()?;
    let first_life = kiosk.data_dir.open_store()?.all_events()?;
    drop(kiosk);
    // The image is put back: the kiosk numbers its records from 1 again.
    std::fs::copy(saved.path().join("db"), &database)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(kiosk_dir.path().join(format!("kiosk.sqlite3{suffix}")));
    }
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    visit(&mut kiosk, Tile::HaveASay);
    kiosk.flush()?;
    let report = kiosk.sync()?;
    // The server refused the reused numbers as conflicts (shown to staff); the kiosk sent
    // their content again under fresh numbers. Both lives' visits are there, once each.
    assert_eq!(report.conflicts, 3);
    assert_eq!(report.remaining, 0);
    assert!(server.store().conflict_count(&kiosk_id)? >= 3);
    let held = server.store().events_of(&kiosk_id)?;
    assert_eq!(held.len(), 6);
    let tiles = |events: &[wire::Event]| {
        events
            .iter()
            .filter_map(|e| match &e.kind {
                wire::EventKind::TileOpened { tile } => Some(*tile),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(tiles(&held), vec![Tile::Learn, Tile::HaveASay]);
    assert_eq!(&held[..3], &first_life[..]);
    // And it carries on: the next visit needs no special treatment.
    visit(&mut kiosk, Tile::Services);
    kiosk.flush()?;
    assert_eq!(kiosk.sync()?.conflicts, 0);
    assert_eq!(server.store().events_of(&kiosk_id)?.len(), 9);
    Ok(())
}

#[test]
fn an_interrupted_upload_resumes_from_what_the_server_staged() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    visit(&mut kiosk, Tile::Learn);
    kiosk.flush()?;
    kiosk.sync()?;
    // Many requests with sealed (incompressible) personal data: a batch of several chunks.
    for i in 0..400u32 {
        kiosk
            .visits
            .keep(system_tests::sealed_request(&format!("REF-{i:05}"), i, 200));
    }
    kiosk.flush()?;
    // The kiosk had sent the first part of this batch when the link dropped.
    let store = kiosk.data_dir.open_store()?;
    let records = store.unsent_records(wire::MAX_RECORDS_PER_BATCH, usize::MAX)?;
    // As the kiosk sends it to this server: without the zstd frame magic.
    let batch = wire::without_frame_magic(wire::encode_batch(&records));
    assert!(batch.len() > 64 * 1024, "{} bytes", batch.len());
    let id = wire::upload_id(&batch);
    let enrolment = store.enrolment()?.unwrap();
    let client = kiosk_core::sync::SyncClient::new(
        &enrolment.server_url,
        enrolment.fingerprint.parse()?,
        Some(enrolment.token.clone()),
    )?
    .signed_with(kiosk_core::sync::device_key::DeviceKey::load(
        kiosk_dir.path(),
    )?);
    let staged = 40_000;
    let state = runtime()?.block_on(client.send_chunk(
        &id,
        0,
        batch.len() as u64,
        batch[..staged].to_vec(),
    ))?;
    assert_eq!((state.received, state.receipt), (staged as u64, None));
    // The next sync carries on from there: only the rest goes over the link.
    let report = kiosk.sync()?;
    assert_eq!(report.sent, 400);
    assert_eq!(report.bytes, (batch.len() - staged) as u64);
    assert_eq!(kinds(&server, &kiosk_id, "request"), 400);
    Ok(())
}

#[test]
fn a_batch_the_server_staged_whole_but_never_stored_is_stored_at_the_next_sync()
-> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    visit(&mut kiosk, Tile::Learn);
    kiosk.flush()?;
    kiosk.sync()?;
    for _ in 0..3 {
        visit(&mut kiosk, Tile::Services);
    }
    kiosk.flush()?;
    let before = kinds(&server, &kiosk_id, "event");
    // The server had staged the whole batch when it stopped, before storing it.
    let store = kiosk.data_dir.open_store()?;
    let records = store.unsent_records(wire::MAX_RECORDS_PER_BATCH, usize::MAX)?;
    let batch = wire::encode_batch(&records);
    let staged = server_dir.path().join("staging").join(&kiosk_id);
    std::fs::create_dir_all(&staged)?;
    std::fs::write(
        staged.join(format!("{}.part", wire::upload_id(&batch))),
        &batch,
    )?;
    // The next sync has it stored, sending the batch at most once more (was: "the server
    // has the whole batch but did not store it" at every pass until the staged file expired).
    let report = kiosk.sync()?;
    assert_eq!(report.sent, records.len() as u64);
    assert!(report.bytes <= batch.len() as u64, "{report:?}");
    assert_eq!(kinds(&server, &kiosk_id, "event"), before + records.len());
    Ok(())
}

#[test]
fn a_learner_resumes_on_another_kiosk_with_progress_from_both() -> anyhow::Result<()> {
    let server_dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let (a, b) = (
        KioskCore::open(a_dir.path())?,
        KioskCore::open(b_dir.path())?,
    );
    a.enrol(&server)?;
    b.enrol(&server)?;
    let progress = |module: &str, steps: &[&str], score| LocalRecord::Progress {
        learner_code: "K7PQM3XZA".into(),
        module: module.into(),
        progress: ModuleProgress {
            steps_done: steps.iter().map(|s| s.to_string()).collect(),
            best_score: Some(score),
            passed: score >= 4,
        },
    };
    // Library A: the learner passes one module and starts another; it syncs.
    a.visits
        .keep(progress("strong-passwords", &["intro", "practice"], 5));
    a.visits.keep(progress("spotting-scams", &["intro"], 2));
    a.flush()?;
    a.sync()?;
    // Library B, offline all morning, had some progress of the same learner.
    b.visits.keep(progress("spotting-scams", &["signs"], 3));
    b.flush()?;
    // The learner types their code at B: B pulls from the server and merges.
    let mut store = b.data_dir.open_store()?;
    let pulled = runtime()?.block_on(kiosk_core::sync::pull_learner(&mut store, "K7PQM3XZA"))?;
    assert_eq!(pulled.len(), 2);
    assert!(pulled["strong-passwords"].passed);
    assert_eq!(
        pulled["spotting-scams"].steps_done,
        ["intro", "signs"].map(String::from).into()
    );
    assert_eq!(pulled["spotting-scams"].best_score, Some(3));
    // What B learned from the server is not sent back as B's own record.
    assert_eq!(store.unsent_count()?, 1);
    Ok(())
}

#[test]
fn past_the_daily_byte_budget_only_residents_requests_go() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    visit(&mut kiosk, Tile::Services);
    kiosk
        .visits
        .keep(system_tests::sealed_request("K7PQ-M3XZ-R9", 1, 88));
    kiosk.flush()?;
    let mut store = kiosk.data_dir.open_store()?;
    let limits = kiosk_core::sync::PassLimits {
        byte_budget_left: Some(0),
        ..Default::default()
    };
    let report = runtime()?.block_on(kiosk_core::sync::sync_now_within(
        &mut store,
        &mut kiosk_core::sync::LinkEstimate::default(),
        &limits,
    ))?;
    assert!(report.over_budget);
    assert_eq!(kinds(&server, &kiosk_id, "request"), 1, "the request went");
    assert_eq!(kinds(&server, &kiosk_id, "event"), 0, "events wait");
    assert_eq!(
        store.unsent_count()?,
        4,
        "three events and the heartbeat wait"
    );
    assert!(
        store
            .last_sync_attempt()?
            .unwrap()
            .message
            .contains("budget")
    );
    // The next day (a fresh budget): the rest goes.
    let report = kiosk.sync()?;
    assert_eq!((report.remaining, report.over_budget), (0, false));
    assert_eq!(kinds(&server, &kiosk_id, "event"), 3);
    Ok(())
}

#[test]
fn device_statuses_reach_the_fleet_page_with_the_heartbeat() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    kiosk.enrol(&server)?;
    let limits = kiosk_core::sync::PassLimits {
        devices: [("printer".to_owned(), "paper out".to_owned())].into(),
        ..Default::default()
    };
    let mut store = kiosk.data_dir.open_store()?;
    runtime()?.block_on(kiosk_core::sync::sync_now_within(
        &mut store,
        &mut kiosk_core::sync::LinkEstimate::default(),
        &limits,
    ))?;
    let fleet = server.store().kiosks()?;
    assert_eq!(
        fleet[0].devices.get("printer").map(String::as_str),
        Some("paper out")
    );
    assert_eq!(fleet[0].content_version, Some(0));
    assert_eq!(fleet[0].waiting, Some(0));
    Ok(())
}
