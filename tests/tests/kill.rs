//! Kill tests: the server killed with SIGKILL in the middle of an upload, and the kiosk
//! killed in the middle of one, each as a real separate process. Afterwards both sides carry
//! on, and the server holds exactly the records the kiosk wrote.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sync_server::BackgroundServer;
use system_tests::fault_proxy::{FaultProxy, Faults};
use system_tests::{KioskCore, any_port, sealed_request};

const CHILD: &str = env!("CARGO_BIN_EXE_fault-child");

fn free_address() -> SocketAddr {
    let listener = std::net::TcpListener::bind(any_port()).unwrap();
    listener.local_addr().unwrap()
}

fn spawn_server(dir: &Path, address: SocketAddr) -> Child {
    let child = Command::new(CHILD)
        .args(["server", &dir.display().to_string(), &address.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(address).is_err() {
        assert!(
            Instant::now() < deadline,
            "the server process did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

/// Waits until the server has staged part of an upload (so a kill lands mid-upload).
fn wait_for_staged_bytes(server_dir: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let staged = std::fs::read_dir(server_dir.join("staging"))
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|kiosk| {
                std::fs::read_dir(kiosk.path())
                    .into_iter()
                    .flatten()
                    .flatten()
            })
            .any(|file| file.metadata().is_ok_and(|m| m.len() > 0));
        if staged {
            return;
        }
        assert!(Instant::now() < deadline, "no upload was ever staged");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn write_requests(kiosk: &KioskCore, count: u32) {
    for i in 0..count {
        kiosk
            .visits
            .keep(sealed_request(&format!("K-{i:05}"), i, 200));
    }
    kiosk.flush().unwrap();
}

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
    let address = free_address();
    let mut server = spawn_server(server_dir.path(), address);
    // A slow link, so the kill lands while chunks are still arriving.
    let proxy = FaultProxy::start(address).unwrap();
    proxy.set_faults(Faults {
        bytes_per_second: Some(128 * 1024),
        ..Faults::default()
    });
    let fingerprint = sync_server::DataDir::open(server_dir.path())
        .unwrap()
        .tls_identity(&["localhost".to_owned(), "127.0.0.1".to_owned()])
        .unwrap()
        .fingerprint();
    let server_store = sync_server::DataDir::open(server_dir.path())
        .unwrap()
        .open_store()
        .unwrap();
    let code = sync_server::enrolment::create_code(&server_store, "Central Library", "Old Town", 1)
        .unwrap();
    let kiosk = KioskCore::open(kiosk_dir.path()).unwrap();
    let runtime = system_tests::runtime().unwrap();
    let enrolment = runtime
        .block_on(kiosk_core::sync::enrol(
            &kiosk.data_dir.open_store().unwrap(),
            &proxy.url(),
            fingerprint.parse().unwrap(),
            &code.code,
        ))
        .unwrap();
    write_requests(&kiosk, 600);

    let syncing = {
        let data_dir = kiosk.data_dir.clone();
        std::thread::spawn(move || {
            let mut store = data_dir.open_store().unwrap();
            let runtime = system_tests::runtime().unwrap();
            runtime.block_on(kiosk_core::sync::sync_now(
                &mut store,
                &mut kiosk_core::sync::LinkEstimate::default(),
            ))
        })
    };
    wait_for_staged_bytes(server_dir.path());
    server.kill().unwrap();
    server.wait().unwrap();
    let outcome = syncing.join().unwrap();
    assert!(outcome.is_err(), "the pass was interrupted: {outcome:?}");

    // The server comes back on the same data; the kiosk carries on (resuming the upload).
    let mut server = spawn_server(server_dir.path(), address);
    proxy.set_faults(Faults::default());
    sync_until_done(&kiosk);
    assert_exactly_once(&server_store, &kiosk, &enrolment.kiosk_id);
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
    write_requests(&kiosk, 600);

    // Another process syncs this data directory and is killed mid-upload.
    let mut child = Command::new(CHILD)
        .args(["kiosk", &kiosk_dir.path().display().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_staged_bytes(server_dir.path());
    child.kill().unwrap();
    child.wait().unwrap();

    // The kiosk starts again: it resumes and delivers everything, once.
    proxy.set_faults(Faults::default());
    sync_until_done(&kiosk);
    assert_exactly_once(server.store(), &kiosk, &kiosk_id);
}
