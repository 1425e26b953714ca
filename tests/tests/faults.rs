//! Fault tests: a real kiosk core and a real server with a fault-injecting proxy between
//! them. Each test ends by asserting that the server holds exactly the records the kiosk
//! wrote (no more, no fewer) and that both sides carry on syncing.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use kiosk_core::sync::SyncError;
use sync_server::BackgroundServer;
use system_tests::fault_proxy::{FaultProxy, Faults};
use system_tests::{KioskCore, any_port, sealed_request};
use wire::{EndReason, Tile};

/// A kiosk enrolled through a proxy in front of a fresh server.
struct Setup {
    server: BackgroundServer,
    proxy: FaultProxy,
    kiosk: KioskCore,
    kiosk_id: String,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

fn setup() -> Setup {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let proxy = FaultProxy::start(server.address()).unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    let kiosk_id = kiosk.enrol_via(&server, &proxy.url()).unwrap();
    Setup {
        server,
        proxy,
        kiosk,
        kiosk_id,
        _dirs: (server_dir, kiosk_dir),
    }
}

/// A visit and `requests` service requests with sealed (incompressible) personal data.
fn write_records(kiosk: &mut KioskCore, requests: u32, salt: u32) {
    kiosk.visits.start();
    kiosk.visits.open_tile(Tile::Services);
    kiosk.visits.finish(EndReason::Finished);
    for i in 0..requests {
        let reference = format!("R{salt}-{i:05}");
        kiosk
            .visits
            .keep(sealed_request(&reference, salt * 1000 + i, 200));
    }
    kiosk.flush().unwrap();
}

/// Syncs until nothing waits, as the worker would; returns how many passes it took.
fn sync_until_done(kiosk: &KioskCore, max_passes: u32) -> u32 {
    for pass in 1..=max_passes {
        match kiosk.sync() {
            Ok(report) if report.remaining == 0 => return pass,
            Ok(_) => {}
            Err(error) => assert!(error.is_retryable(), "pass {pass}: {error}"),
        }
    }
    panic!("still not synced after {max_passes} passes");
}

/// The server holds exactly what the kiosk wrote: every event, every request, once.
fn assert_exactly_once(setup: &Setup, requests: usize) {
    let store = setup.kiosk.data_dir.open_store().unwrap();
    assert_eq!(store.unsent_count().unwrap(), 0);
    assert_eq!(
        setup.server.store().events_of(&setup.kiosk_id).unwrap(),
        store.all_events().unwrap()
    );
    let kinds = setup
        .server
        .store()
        .record_kinds_of(&setup.kiosk_id)
        .unwrap();
    let held_requests = kinds.iter().filter(|(_, k)| k == "request").count();
    assert_eq!(held_requests, requests);
    assert_eq!(store.requests().unwrap().len(), requests);
    // Every record of every kind (heartbeats too): as many on the server as the kiosk wrote.
    let written: i64 = rusqlite::Connection::open(setup.kiosk.data_dir.database_path())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM outbox WHERE refused = 0", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(kinds.len() as i64, written);
}

#[test]
fn a_link_that_drops_every_16_kb_still_delivers_everything_exactly_once() {
    let mut setup = setup();
    write_records(&mut setup.kiosk, 300, 1);
    setup.proxy.set_faults(Faults {
        drop_after_upstream: Some(16 * 1024),
        ..Faults::default()
    });
    let passes = sync_until_done(&setup.kiosk, 60);
    assert!(passes > 1, "the drops did interrupt the upload");
    assert_exactly_once(&setup, 300);
    // And it carries on once the link is good again.
    setup.proxy.set_faults(Faults::default());
    write_records(&mut setup.kiosk, 5, 2);
    assert_eq!(sync_until_done(&setup.kiosk, 2), 1);
    assert_exactly_once(&setup, 305);
}

#[test]
fn an_answer_lost_after_the_server_stored_the_batch_costs_one_handshake() {
    // A twin kiosk shows how many bytes a pass sends on this link…
    let mut twin = setup();
    twin.kiosk.sync().unwrap();
    write_records(&mut twin.kiosk, 20, 3);
    let before = twin.proxy.traffic().upstream;
    twin.kiosk.sync().unwrap();
    let pass_bytes = twin.proxy.traffic().upstream - before;
    // (the 20 sealed requests are the last request's body, well over this margin)
    let margin = 1500;
    assert!(pass_bytes > 20 * 200 + margin, "{pass_bytes}");

    // …so the proxy can cut the same pass's connection at the first byte of the answer that
    // follows the upload: the server has the whole batch by then.
    let mut setup = setup();
    setup.kiosk.sync().unwrap();
    write_records(&mut setup.kiosk, 20, 3);
    setup.proxy.set_faults(Faults {
        cut_answers_after_upstream: Some(pass_bytes - margin),
        ..Faults::default()
    });
    let cut = setup.kiosk.sync();
    assert!(matches!(cut, Err(SyncError::Unreachable(_))), "{cut:?}");
    // The server stored the batch; the kiosk does not know.
    assert_eq!(
        setup
            .server
            .store()
            .events_of(&setup.kiosk_id)
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        setup
            .kiosk
            .data_dir
            .open_store()
            .unwrap()
            .unsent_count()
            .unwrap(),
        23
    );
    // The next handshake tells it: nothing is sent again, nothing doubled.
    setup.proxy.set_faults(Faults::default());
    let report = setup.kiosk.sync().unwrap();
    assert_eq!((report.sent, report.bytes, report.remaining), (0, 0, 0));
    assert_exactly_once(&setup, 20);
}

#[test]
fn a_reset_link_is_a_retryable_error_and_nothing_is_lost() {
    let mut setup = setup();
    write_records(&mut setup.kiosk, 10, 4);
    setup.proxy.set_faults(Faults {
        reset: true,
        ..Faults::default()
    });
    let refused = setup.kiosk.sync();
    assert!(
        matches!(&refused, Err(e @ SyncError::Unreachable(_)) if e.is_retryable()),
        "{refused:?}"
    );
    assert_eq!(
        setup
            .kiosk
            .data_dir
            .open_store()
            .unwrap()
            .unsent_count()
            .unwrap(),
        13
    );
    setup.proxy.set_faults(Faults::default());
    assert_eq!(sync_until_done(&setup.kiosk, 2), 1);
    assert_exactly_once(&setup, 10);
}

#[test]
fn a_slow_link_with_latency_delivers_and_is_measured() {
    let mut setup = setup();
    write_records(&mut setup.kiosk, 150, 5);
    setup.proxy.set_faults(Faults {
        latency: Duration::from_millis(20),
        bytes_per_second: Some(256 * 1024),
        ..Faults::default()
    });
    assert_eq!(sync_until_done(&setup.kiosk, 3), 1);
    let measured = setup
        .kiosk
        .link
        .borrow()
        .bytes_per_second()
        .expect("measured");
    assert!(
        measured < 512.0 * 1024.0,
        "measured {measured} B/s on a 256 KB/s link"
    );
    assert_exactly_once(&setup, 150);
}

/// A kiosk that keeps its connection (as the sync worker does) syncs pass after pass over the
/// one connection it opened first; one that does not opens a connection every pass; and once
/// the kept connection is forgotten (after a failed pass) the next pass opens a new one.
#[test]
fn passes_go_over_the_kept_connection_and_start_afresh_once_it_is_forgotten() {
    let server_dir = tempfile::tempdir().unwrap();
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let proxy = FaultProxy::start(server.address()).unwrap();
    let kiosk_dir = tempfile::tempdir().unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    let kiosk_id = kiosk.enrol_via(&server, &proxy.url()).unwrap();
    let runtime = system_tests::runtime().unwrap();
    let mut store = kiosk.data_dir.open_store().unwrap();
    let written = std::cell::Cell::new(0u32);
    let passes = |limits: &kiosk_core::sync::PassLimits,
                  store: &mut kiosk_core::store::LocalStore| {
        let before = proxy.traffic().connections;
        for _ in 0..3 {
            let i = written.replace(written.get() + 1);
            kiosk
                .visits
                .keep(sealed_request(&format!("K-{i:05}"), i, 40));
            kiosk.flush().unwrap();
            let report = runtime
                .block_on(kiosk_core::sync::sync_now_within(
                    store,
                    &mut kiosk_core::sync::LinkEstimate::default(),
                    limits,
                ))
                .unwrap();
            assert_eq!(report.remaining, 0);
        }
        proxy.traffic().connections - before
    };
    assert_eq!(passes(&Default::default(), &mut store), 3, "one per pass");
    let kept = kiosk_core::sync::PassLimits {
        connections: Some(kiosk_core::sync::Connections::default()),
        ..Default::default()
    };
    assert_eq!(passes(&kept, &mut store), 1, "the first pass's, kept");
    assert_eq!(passes(&kept, &mut store), 0, "still the same");
    if let Some(connections) = &kept.connections {
        connections.forget();
    }
    assert_eq!(passes(&kept, &mut store), 1, "a new one after forgetting");
    assert_eq!(store.unsent_count().unwrap(), 0);
    let held = server.store().record_kinds_of(&kiosk_id).unwrap();
    assert_eq!(
        held.iter().filter(|(_, kind)| kind == "request").count(),
        12
    );
}
