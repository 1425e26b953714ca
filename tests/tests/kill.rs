//! Kill tests: the server killed with SIGKILL in the middle of an upload, and the kiosk
//! killed in the middle of one, each as a real separate process. Afterwards both sides carry
//! on, and the server holds exactly the records the kiosk wrote.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Stdio};
use std::time::Duration;

use sync_server::BackgroundServer;
use system_tests::fault_proxy::{FaultProxy, Faults};
use system_tests::server_process::{
    fingerprint, free_address, spawn_server, wait_for_staged_bytes,
};
use system_tests::{KioskCore, any_port};

const CHILD: &str = env!("CARGO_BIN_EXE_fault-child");

fn sync_until_done(kiosk: &KioskCore) {
    for _ in 0..20 {
        if kiosk.sync().is_ok_and(|report| report.remaining == 0) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the kiosk could not finish syncing");
}

fn assert_exactly_once(server: &sync_server::Store, kiosk: &KioskCore, kiosk_id: &str) {
    let kinds = server.record_kinds_of(kiosk_id).unwrap();
    let written: i64 = rusqlite::Connection::open(kiosk.data_dir.database_path())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM outbox WHERE refused = 0", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(
        kinds.len() as i64,
        written,
        "records held on the server vs written"
    );
    let requests = kinds.iter().filter(|(_, kind)| kind == "request").count();
    assert_eq!(
        requests,
        kiosk
            .data_dir
            .open_store()
            .unwrap()
            .requests()
            .unwrap()
            .len()
    );
    assert_eq!(
        kiosk.data_dir.open_store().unwrap().unsent_count().unwrap(),
        0
    );
}

#[test]
fn the_server_killed_mid_upload_loses_and_doubles_nothing() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let address = free_address().unwrap();
    let mut server = spawn_server(CHILD, server_dir.path(), address).unwrap();
    // A slow link, so the kill lands while chunks are still arriving.
    let proxy = FaultProxy::start(address).unwrap();
    proxy.set_faults(Faults {
        bytes_per_second: Some(128 * 1024),
        ..Faults::default()
    });
    let server_store = sync_server::DataDir::open(server_dir.path())
        .unwrap()
        .open_store()
        .unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    let kiosk_id = kiosk
        .enrol_at(
            &server_store,
            &fingerprint(server_dir.path()).unwrap(),
            &proxy.url(),
        )
        .unwrap();
    kiosk.write_requests(600).unwrap();

    let syncing = kiosk.sync_in_background();
    assert!(
        wait_for_staged_bytes(server_dir.path()),
        "no upload was ever staged"
    );
    server.kill().unwrap();
    server.wait().unwrap();
    let outcome = syncing.join().unwrap();
    assert!(outcome.is_err(), "the pass was interrupted: {outcome:?}");

    // The server comes back on the same data; the kiosk carries on (resuming the upload).
    let mut server = spawn_server(CHILD, server_dir.path(), address).unwrap();
    proxy.set_faults(Faults::default());
    sync_until_done(&kiosk);
    assert_exactly_once(&server_store, &kiosk, &kiosk_id);
    server.kill().unwrap();
    server.wait().unwrap();
}

#[test]
fn the_kiosk_killed_mid_upload_loses_and_doubles_nothing() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = BackgroundServer::start(server_dir.path(), any_port()).unwrap();
    let proxy = FaultProxy::start(server.address()).unwrap();
    proxy.set_faults(Faults {
        bytes_per_second: Some(128 * 1024),
        ..Faults::default()
    });
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    let kiosk_id = kiosk.enrol_via(&server, &proxy.url()).unwrap();
    kiosk.write_requests(600).unwrap();

    // Another process syncs this data directory and is killed mid-upload.
    let mut child = Command::new(CHILD)
        .args(["kiosk", &kiosk_dir.path().display().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    assert!(
        wait_for_staged_bytes(server_dir.path()),
        "no upload was ever staged"
    );
    child.kill().unwrap();
    child.wait().unwrap();

    // The kiosk starts again: it resumes and delivers everything, once.
    proxy.set_faults(Faults::default());
    sync_until_done(&kiosk);
    assert_exactly_once(server.store(), &kiosk, &kiosk_id);
}
