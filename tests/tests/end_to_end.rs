//! The walking skeleton, end to end: a kiosk core records a visit in SQLite, syncs it over
//! HTTPS to a real server, and the server holds exactly those events, once, across restarts
//! and re-sends. Unenrolled clients are refused and change nothing.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sync_server::BackgroundServer;
use system_tests::{KioskCore, any_port, runtime};
use wire::{EndReason, Tile};

#[test]
fn a_visit_reaches_the_server_exactly_once() -> anyhow::Result<()> {
    let server_dir = tempfile::tempdir()?;
    let kiosk_dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    let mut kiosk = kiosk;
    let kiosk_id = kiosk.enrol(&server)?;

    // A resident's visit, through the same controller the UI uses.
    kiosk.visits.start();
    kiosk.visits.choose_language("ar");
    kiosk.visits.open_tile(Tile::Services);
    kiosk.visits.open_tile(Tile::HaveASay);
    kiosk.visits.finish(EndReason::Finished);
    kiosk.flush()?;
    let written = kiosk.data_dir.open_store()?.all_events()?;
    assert_eq!(written.len(), 5);

    let report = kiosk.sync()?;
    // The five events and the kiosk's first heartbeat.
    assert_eq!((report.sent, report.remaining), (6, 0));
    assert_eq!(
        server.store().events_of(&kiosk_id)?,
        written,
        "the server holds exactly what the kiosk wrote"
    );
    let kinds: Vec<&str> = written.iter().map(|e| e.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "session_started",
            "language_chosen",
            "tile_opened",
            "tile_opened",
            "session_ended"
        ]
    );
    assert!(
        written
            .iter()
            .all(|e| e.hour % 3600 == 0 && wire::is_session_id(&e.session))
    );

    // Restart the server on the same data directory and port: nothing lost, nothing doubled.
    let address = server.address();
    server.stop()?;
    let server = BackgroundServer::start(server_dir.path(), address)?;
    let report = kiosk.sync()?;
    assert_eq!((report.sent, report.remaining), (0, 0));
    assert_eq!(server.store().events_of(&kiosk_id)?, written);

    // The kiosk never heard the acknowledgements (as if the link dropped): the handshake
    // tells it the server holds them, so nothing is sent again and nothing is doubled.
    let database = kiosk.data_dir.database_path();
    rusqlite::Connection::open(&database)?.execute("UPDATE outbox SET acked_at = NULL", [])?;
    assert_eq!(kiosk.data_dir.open_store()?.unsent_count()?, 6);
    let report = kiosk.sync()?;
    assert_eq!((report.sent, report.remaining, report.bytes), (0, 0, 0));
    assert_eq!(server.store().events_of(&kiosk_id)?, written);

    // A second visit after the restart arrives too.
    kiosk.visits.start();
    kiosk.visits.choose_language("uk");
    kiosk.visits.finish(EndReason::IdleTimeout);
    kiosk.flush()?;
    assert_eq!(kiosk.sync()?.sent, 3);
    let all = kiosk.data_dir.open_store()?.all_events()?;
    assert_eq!(server.store().events_of(&kiosk_id)?, all);
    assert_eq!(all.len(), 8);

    let summary = server.store().kiosks()?;
    assert_eq!(summary.len(), 1);
    assert_eq!((summary[0].records_stored, summary[0].sessions), (8, 2));
    assert!(summary[0].last_seen_at.is_some());
    Ok(())
}

#[test]
fn unenrolled_clients_are_refused_and_change_nothing() -> anyhow::Result<()> {
    let server_dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let fingerprint: kiosk_core::sync::Fingerprint = server.fingerprint().parse()?;
    let hello = wire::Hello {
        last_seq: 1,
        kiosk_time: 0,
        software_version: "0".into(),
        status_cursor: 0,
    };
    let runtime = runtime()?;

    // A made-up credential.
    let forger =
        kiosk_core::sync::SyncClient::new(&server.url(), fingerprint, Some("kt_made_up".into()))?;
    let refused = runtime.block_on(forger.hello(&hello));
    assert!(
        matches!(
            refused,
            Err(kiosk_core::sync::SyncError::CredentialRefused(_))
        ),
        "{refused:?}"
    );

    // No credential at all.
    let anonymous = kiosk_core::sync::SyncClient::new(&server.url(), fingerprint, None)?;
    let refused = runtime.block_on(anonymous.hello(&hello));
    assert!(
        matches!(
            refused,
            Err(kiosk_core::sync::SyncError::CredentialRefused(_))
        ),
        "{refused:?}"
    );

    // A code that was never issued.
    let key_dir = tempfile::tempdir()?;
    let keyed =
        kiosk_core::sync::SyncClient::new(&server.url(), fingerprint, None)?.signed_with(Some(
            kiosk_core::sync::device_key::DeviceKey::create(key_dir.path())?,
        ));
    let refused = runtime.block_on(keyed.enrol("AAAA-BBBB-CCCC"));
    assert!(
        matches!(refused, Err(kiosk_core::sync::SyncError::CodeRefused(_))),
        "{refused:?}"
    );

    // A real code without a device key (the bearer token alone would be all it had).
    let code = sync_server::enrolment::create_code(server.store(), "Library", "Old Town", 1)?;
    let refused = runtime.block_on(anonymous.enrol(&code.code));
    assert!(
        matches!(&refused, Err(kiosk_core::sync::SyncError::Rejected { status: 400, message }) if message.contains("device key")),
        "{refused:?}"
    );

    assert!(server.store().kiosks()?.is_empty(), "no kiosk was created");
    Ok(())
}

#[test]
fn a_code_enrols_one_kiosk_only() -> anyhow::Result<()> {
    let server_dir = tempfile::tempdir()?;
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let code = sync_server::enrolment::create_code(server.store(), "Library", "Old Town", 1)?;
    let fingerprint: kiosk_core::sync::Fingerprint = server.fingerprint().parse()?;
    let runtime = runtime()?;
    let (first, second) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let first = kiosk_core::data_dir::DataDir::open(first.path())?.open_store()?;
    let second = kiosk_core::data_dir::DataDir::open(second.path())?.open_store()?;
    runtime.block_on(kiosk_core::sync::enrol(
        &first,
        &server.url(),
        fingerprint,
        &code.code,
    ))?;
    let again = runtime.block_on(kiosk_core::sync::enrol(
        &second,
        &server.url(),
        fingerprint,
        &code.code,
    ));
    assert!(
        matches!(again, Err(kiosk_core::sync::SyncError::CodeRefused(_))),
        "{again:?}"
    );
    assert_eq!(second.enrolment()?, None);
    assert_eq!(server.store().kiosks()?.len(), 1);
    Ok(())
}

#[test]
fn a_kiosk_refuses_a_server_with_another_certificate() -> anyhow::Result<()> {
    let (real_dir, impostor_dir, kiosk_dir) = (
        tempfile::tempdir()?,
        tempfile::tempdir()?,
        tempfile::tempdir()?,
    );
    let real = BackgroundServer::start(real_dir.path(), any_port())?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    kiosk.enrol(&real)?;
    // The real server goes away and another takes its address, with its own certificate.
    let address = real.address();
    real.stop()?;
    let impostor = BackgroundServer::start(impostor_dir.path(), address)?;
    // Meeting a certificate it did not pin, the kiosk asks for the identity proof, which the
    // impostor cannot sign with the real server's key; it stays refused on every try.
    for _ in 0..2 {
        let refused = kiosk.sync();
        assert!(
            matches!(
                refused,
                Err(kiosk_core::sync::SyncError::IdentityRefused(_))
            ),
            "{refused:?}"
        );
    }
    assert!(impostor.store().kiosks()?.is_empty());
    Ok(())
}

#[test]
fn an_unreachable_server_is_a_retryable_error_and_records_wait() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    let address = server.address();
    server.stop()?;

    kiosk.visits.start();
    kiosk.visits.finish(EndReason::Finished);
    kiosk.flush()?;
    let offline = kiosk.sync();
    assert!(
        matches!(&offline, Err(e) if e.is_retryable()),
        "{offline:?}"
    );
    let store = kiosk.data_dir.open_store()?;
    assert_eq!(store.unsent_count()?, 2);
    let attempt = store
        .last_sync_attempt()?
        .expect("the attempt is in the ledger");
    assert!(
        !attempt.succeeded && attempt.message.contains("could not be reached"),
        "{attempt:?}"
    );

    // The server comes back: everything arrives.
    let server = BackgroundServer::start(server_dir.path(), address)?;
    assert_eq!(kiosk.sync()?.sent, 3, "two events and a heartbeat");
    assert_eq!(server.store().events_of(&kiosk_id)?.len(), 2);
    Ok(())
}

#[test]
fn the_background_worker_retries_until_the_server_is_back() -> anyhow::Result<()> {
    use kiosk_core::recorder::Recorder;
    use kiosk_core::session::SessionController;
    use kiosk_core::sync::{SyncWorker, WorkerSettings};
    use std::time::{Duration, Instant};

    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    let address = server.address();
    server.stop()?;

    // The kiosk as `kiosk run` wires it: the recorder wakes the worker after each write.
    let settings = WorkerSettings {
        idle_interval: Duration::from_millis(300),
        debounce: Duration::from_millis(50),
        ..WorkerSettings::default()
    };
    let worker = SyncWorker::spawn(kiosk.data_dir.clone(), settings)?;
    let recorder = Recorder::spawn(kiosk.data_dir.open_store()?, worker.waker())?;
    let mut visits = SessionController::new(recorder, kiosk_core::clock::now);
    visits.start();
    visits.choose_language("fr");
    visits.open_tile(Tile::Learn);
    visits.finish(EndReason::Finished);
    visits.sink().flush()?;

    // With the server down the worker fails, notes it, and keeps the records.
    let store = kiosk.data_dir.open_store()?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while store.last_sync_attempt()?.is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let attempt = store.last_sync_attempt()?.expect("the worker tried");
    assert!(!attempt.succeeded, "{attempt:?}");
    assert_eq!(store.unsent_count()?, 4);

    // The server comes back; the worker's next retry delivers everything, unasked.
    let server = BackgroundServer::start(server_dir.path(), address)?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while store.unsent_count()? > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(store.unsent_count()?, 0, "the worker delivered the records");
    assert_eq!(server.store().events_of(&kiosk_id)?, store.all_events()?);
    drop(visits);
    drop(worker);
    Ok(())
}

#[test]
fn health_staff_page_and_api_description_answer_over_https() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol(&server)?;
    kiosk.visits.start();
    kiosk.visits.finish(EndReason::Finished);
    kiosk.flush()?;
    kiosk.sync()?;

    sync_server::accounts::add_user(
        server.store(),
        "admin",
        sync_server::store::Role::Admin,
        "admin-password-12",
        &[],
        kiosk_core::clock::now(),
    )?;
    let tls = kiosk_core::sync::pinning::pinned_client_config(server.fingerprint().parse()?)?;
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .build()?;
    runtime()?.block_on(async {
        let health: serde_json::Value = client
            .get(format!("{}/healthz", server.url()))
            .send()
            .await?
            .json()
            .await?;
        assert_eq!(health["status"], "ok");

        // The staff web: a stranger is sent to the login page; an admin sees the kiosk.
        let stranger = client
            .get(format!("{}/staff/fleet", server.url()))
            .send()
            .await?;
        assert!(
            stranger.url().path().starts_with("/staff/login"),
            "{}",
            stranger.url()
        );
        let login = client
            .get(format!("{}/staff/login", server.url()))
            .send()
            .await?;
        let login_cookie = cookie_pair(&login, "__Host-login");
        let token = login_cookie
            .split_once('=')
            .map(|(_, v)| v.to_owned())
            .unwrap_or_default();
        let no_redirects = reqwest::Client::builder()
            .tls_backend_preconfigured(kiosk_core::sync::pinning::pinned_client_config(
                server.fingerprint().parse()?,
            )?)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let answer = no_redirects
            .post(format!("{}/staff/login", server.url()))
            .header("cookie", &login_cookie)
            .form(&[
                ("name", "admin"),
                ("password", "admin-password-12"),
                ("csrf", token.as_str()),
            ])
            .send()
            .await?;
        let session = cookie_pair(&answer, "__Host-staff");
        let staff = client
            .get(format!("{}/staff/fleet", server.url()))
            .header("cookie", &session)
            .send()
            .await?;
        assert_eq!(staff.status(), 200);
        let page = staff.text().await?;
        assert!(
            page.contains(&kiosk_id)
                && page.contains("Central Library")
                && page.contains("Old Town")
                && page.contains("One kiosk"),
            "{page}"
        );

        let spec: serde_json::Value = client
            .get(format!("{}/api/openapi.json", server.url()))
            .send()
            .await?
            .json()
            .await?;
        for path in [
            wire::paths::HEALTHZ,
            wire::paths::ENROL,
            wire::paths::HELLO,
            "/api/v2/uploads/{id}",
            wire::paths::OPENAPI,
        ] {
            assert!(spec["paths"][path].is_object(), "{path} is not described");
        }
        anyhow::Ok(())
    })?;
    Ok(())
}

#[test]
fn a_kiosk_enrolled_before_sealing_keys_fetches_the_key_at_its_next_sync() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let kiosk = KioskCore::open(kiosk_dir.path())?;
    kiosk.enrol(&server)?;
    let expected = sync_server::DataDir::open(server_dir.path())?
        .sealing_key()?
        .public_base64();
    let store = kiosk.data_dir.open_store()?;
    assert_eq!(
        store.enrolment()?.map(|e| e.sealing_key),
        Some(expected.clone()),
        "handed out at enrolment"
    );

    // As a kiosk enrolled by an older version: no key.
    rusqlite::Connection::open(kiosk.data_dir.database_path())?
        .execute("UPDATE enrolment SET sealing_key = ''", [])?;
    kiosk.sync()?;
    assert_eq!(
        store.enrolment()?.map(|e| e.sealing_key),
        Some(expected),
        "fetched at the next sync"
    );
    Ok(())
}

/// `name=value` of a cookie a response sets.
fn cookie_pair(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .unwrap_or_default()
        .to_owned()
}

/// Enrolling from the staff screen: the ticket the staff web shows goes to the running sync
/// worker, which enrols over HTTPS and at once sends what the kiosk recorded before; the same
/// code a second time is refused, and a ticket with another server's fingerprint is not
/// trusted.
#[test]
fn a_ticket_from_the_staff_screen_enrols_through_the_worker() -> anyhow::Result<()> {
    use kiosk_core::sync::{EnrolEntry, EnrolFailure, SyncWorker, WorkerSettings};
    use std::time::{Duration, Instant};

    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), any_port())?;
    let mut kiosk = KioskCore::open(kiosk_dir.path())?;
    kiosk.visits.start();
    kiosk.visits.open_tile(Tile::Learn);
    kiosk.visits.finish(EndReason::Finished);
    kiosk.flush()?;
    let store = kiosk.data_dir.open_store()?;
    assert_eq!(store.unsent_count()?, 3, "recorded before enrolment");

    // The worker as `kiosk run` starts it; its idle interval is long, so only the
    // enrolment can make it sync within the test.
    let settings = WorkerSettings {
        idle_interval: Duration::from_secs(600),
        ..WorkerSettings::default()
    };
    let worker = SyncWorker::spawn(kiosk.data_dir.clone(), settings)?;
    let enrol = |entry: EnrolEntry| {
        let (answer, answered) = std::sync::mpsc::channel();
        worker.enroller()(
            entry,
            Box::new(move |result| {
                let _ = answer.send(result);
            }),
        );
        answered.recv_timeout(Duration::from_secs(60))
    };

    // A ticket naming the right server but another certificate is refused by the kiosk.
    let code =
        sync_server::enrolment::create_code(server.store(), "Old Town Library", "Old Town", 1)?;
    let impostor = wire::EnrolmentTicket::new(&server.url(), &"AB".repeat(32), &code.code)?;
    assert_eq!(
        enrol(EnrolEntry::Ticket(impostor))?,
        Err(EnrolFailure::WrongServer)
    );
    assert!(store.enrolment()?.is_none());

    let ticket = wire::EnrolmentTicket::new(&server.url(), server.fingerprint(), &code.code)?;
    let enrolled =
        enrol(ticket.to_string().parse()?)?.map_err(|failure| anyhow::anyhow!("{failure:?}"))?;
    assert_eq!(
        (enrolled.site.as_str(), enrolled.neighbourhood.as_str()),
        ("Old Town Library", "Old Town")
    );
    assert_eq!(
        store.enrolment()?.map(|e| e.kiosk_id),
        Some(enrolled.kiosk_id.clone())
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    while store.unsent_count()? > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(store.unsent_count()?, 0, "sent right after enrolling");
    assert_eq!(server.store().events_of(&enrolled.kiosk_id)?.len(), 3);

    // The code alone, now that the kiosk knows its server: used already, so refused.
    assert!(matches!(
        enrol(EnrolEntry::Code(code.code.clone()))?,
        Err(EnrolFailure::CodeRefused(_))
    ));
    assert_eq!(
        store.enrolment()?.map(|e| e.kiosk_id),
        Some(enrolled.kiosk_id),
        "the enrolment is kept"
    );
    // ... and still works: its key was not replaced by the refused attempt.
    drop(worker);
    let report = kiosk.sync()?;
    assert_eq!(report.remaining, 0, "{report:?}");
    Ok(())
}
