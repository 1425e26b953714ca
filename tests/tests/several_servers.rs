//! Two server processes on one database behind a load balancer with no sticky sessions, one
//! killed with SIGKILL in the middle of an upload: the kiosk's next chunks reach the other
//! process, which resumes the upload from the shared staging directory, and the server holds
//! every record exactly once. Runs on the backend the test pass uses (SQLite files are
//! shared between processes too; `scripts/test` runs it again on PostgreSQL).

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use system_tests::KioskCore;
use system_tests::balancer::Balancer;
use system_tests::fault_proxy::{FaultProxy, Faults};
use system_tests::server_process::{
    fingerprint, free_address, spawn_server, wait_for_staged_bytes,
};

const CHILD: &str = env!("CARGO_BIN_EXE_fault-child");

#[test]
fn two_processes_behind_a_balancer_lose_and_double_nothing_when_one_dies() {
    let (server_dir, kiosk_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // One after the other: the first makes the data directory's keys and database.
    let (first_address, second_address) = (free_address().unwrap(), free_address().unwrap());
    let mut first = spawn_server(CHILD, server_dir.path(), first_address).unwrap();
    let mut second = spawn_server(CHILD, server_dir.path(), second_address).unwrap();
    let balancer = Balancer::start(vec![first_address, second_address]).unwrap();
    // A slow link, so the kill lands while chunks are still arriving.
    let link = FaultProxy::start(
        balancer
            .url()
            .trim_start_matches("https://")
            .parse()
            .unwrap(),
    )
    .unwrap();
    link.set_faults(Faults {
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
            &link.url(),
        )
        .unwrap();
    kiosk.write_requests(600).unwrap();

    // The pass starts; once part of the upload is staged, the process that took it dies.
    let syncing = kiosk.sync_in_background();
    assert!(
        wait_for_staged_bytes(server_dir.path()),
        "no upload was ever staged"
    );
    // The process taking the upload is the one that has received the most.
    let uploaded = balancer.uploaded();
    let (victim_index, survivor_index) = if uploaded[0] >= uploaded[1] {
        (0, 1)
    } else {
        (1, 0)
    };
    let (victim, survivor) = if victim_index == 0 {
        (&mut first, &mut second)
    } else {
        (&mut second, &mut first)
    };
    victim.kill().unwrap();
    victim.wait().unwrap();
    // The pass may fail, or carry on at once: a chunk on a connection the kill closed
    // between requests is sent again on a new one, which reaches the other process.
    let _ = syncing.join().unwrap();

    // The kiosk carries on through the balancer: only the other process answers now.
    link.set_faults(Faults::default());
    let mut done = false;
    for _ in 0..40 {
        if kiosk.sync().is_ok_and(|report| report.remaining == 0) {
            done = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        done,
        "the kiosk could not finish syncing through the survivor"
    );
    // The upload went to both: part to the process that died, the rest to the other.
    let after = balancer.uploaded();
    assert!(uploaded[victim_index] > 0, "{uploaded:?}");
    assert!(
        after[survivor_index] > uploaded[survivor_index] + 10_000,
        "the survivor took the rest of the upload: {uploaded:?} then {after:?}"
    );

    // Every record once, on the database both processes share.
    let kinds = server_store.record_kinds_of(&kiosk_id).unwrap();
    let requests = kinds.iter().filter(|(_, kind)| kind == "request").count();
    assert_eq!(requests, 600, "requests held on the server");
    let mut seqs: Vec<u64> = kinds.iter().map(|(seq, _)| *seq).collect();
    seqs.dedup();
    assert_eq!(seqs.len(), kinds.len());
    assert_eq!(
        kiosk.data_dir.open_store().unwrap().unsent_count().unwrap(),
        0
    );
    survivor.kill().unwrap();
    survivor.wait().unwrap();
}
