//! The installer as systemd runs it: with no request waiting it says so and exits 1, and
//! `forget-server` says what it did. (Installing for real, with dpkg, is in
//! `scripts/package-test`.)

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_inclusion-kiosk-updater");

#[test]
fn without_a_request_nothing_happens_and_forgetting_the_server_is_said()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let (updates, state) = (dir.path().join("updates"), dir.path().join("state"));
    std::fs::create_dir_all(&updates)?;
    let output = Command::new(BIN)
        .arg("--updates")
        .arg(&updates)
        .arg("--state")
        .arg(&state)
        .arg("apply")
        .output()?;
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("no install request"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = Command::new(BIN)
        .arg("--state")
        .arg(&state)
        .arg("forget-server")
        .output()?;
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("No server key was pinned"));
    Ok(())
}
