//! The `sync-server` binary as an installer or librarian runs it: serve on a free port,
//! create enrolment codes, list kiosks; and the errors they get when something is wrong.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sync-server");

/// A `sync-server serve` process, killed when dropped.
struct Serving {
    child: Child,
    url: String,
    fingerprint: String,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(data_dir: &std::path::Path, listen: &str) -> Serving {
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", listen, "--data-dir"])
        .arg(data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("sync-server starts");
    let stdout = child.stdout.take().expect("stdout");
    let (mut url, mut fingerprint) = (String::new(), String::new());
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("readable output");
        if let Some(rest) = line.trim().strip_prefix("Kiosk API:") {
            url = rest.trim().trim_end_matches('/').to_owned();
        }
        if let Some(rest) = line.trim().strip_prefix("Certificate SHA-256 fingerprint:") {
            fingerprint = rest.trim().to_owned();
        }
        if line.starts_with("Press Ctrl-C") {
            break;
        }
    }
    assert!(url.starts_with("https://127.0.0.1:"), "no URL printed");
    assert_eq!(
        fingerprint.len(),
        95,
        "no fingerprint printed: {fingerprint}"
    );
    Serving {
        child,
        url,
        fingerprint,
    }
}

fn run(args: &[&str], data_dir: &std::path::Path) -> (bool, String, String) {
    let output = Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .output()
        .expect("runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn serve_enrol_and_list() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let server = serve(dir.path(), "127.0.0.1:0");

    let (ok, fingerprint, _) = run(&["fingerprint"], dir.path());
    assert!(ok);
    assert_eq!(
        fingerprint.trim(),
        server.fingerprint,
        "the printed fingerprint is the served one"
    );

    let (ok, text, _) = run(
        &[
            "enrol",
            "--site",
            "Central Library",
            "--neighbourhood",
            "Old Town",
        ],
        dir.path(),
    );
    assert!(ok, "{text}");
    assert!(
        text.contains("Enrolment code for Central Library (Old Town):"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "kiosk enrol --server {} --fingerprint {}",
            server.url, server.fingerprint
        )),
        "{text}"
    );

    let (ok, json, _) = run(
        &[
            "enrol",
            "--site",
            "Youth Centre",
            "--neighbourhood",
            "Riverside",
            "--json",
        ],
        dir.path(),
    );
    assert!(ok);
    let code: serde_json::Value = serde_json::from_str(&json)?;
    assert_eq!(code["code"].as_str().map(str::len), Some(14));
    assert_eq!(code["server_url"].as_str(), Some(server.url.as_str()));

    let (ok, listing, _) = run(&["kiosks"], dir.path());
    assert!(
        ok && listing.contains("No kiosks enrolled yet"),
        "{listing}"
    );
    let (ok, json, _) = run(&["kiosks", "--json"], dir.path());
    assert!(ok);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&json)?,
        serde_json::json!([])
    );
    Ok(())
}

#[test]
fn a_port_in_use_is_a_clear_error() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let taken = std::net::TcpListener::bind("127.0.0.1:0")?;
    let address = taken.local_addr()?.to_string();
    let (ok, _, error) = run(&["serve", "--listen", &address], dir.path());
    assert!(!ok);
    assert!(
        error.contains(&format!("cannot listen on {address}")),
        "{error}"
    );
    assert!(error.contains("already in use"), "{error}");
    assert!(!error.contains("panicked"), "{error}");
    Ok(())
}

#[test]
fn an_unusable_data_directory_is_a_clear_error() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("not-a-directory");
    std::fs::write(&file, "x")?;
    let (ok, _, error) = run(&["serve", "--listen", "127.0.0.1:0"], &file);
    assert!(!ok);
    assert!(
        error.contains("cannot use the data directory") && error.contains("not a directory"),
        "{error}"
    );
    assert!(!error.contains("panicked"), "{error}");
    Ok(())
}
