//! The `kiosk` binary as an installer or a script runs it, against a real server over HTTPS:
//! enrol, simulate visits, sync once, and read the status; and what it says when it cannot.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;

use sync_server::BackgroundServer;

const BIN: &str = env!("CARGO_BIN_EXE_kiosk");

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn kiosk(data_dir: &Path, args: &[&str]) -> Outcome {
    let output = Command::new(BIN)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("kiosk runs");
    Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn status(data_dir: &Path) -> serde_json::Value {
    let out = kiosk(data_dir, &["status", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("status is JSON")
}

#[test]
fn enrol_simulate_sync_and_status() -> Result<(), Box<dyn std::error::Error>> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), SocketAddr::from(([127, 0, 0, 1], 0)))?;
    let data = kiosk_dir.path().join("kiosk-data");

    let before = status(&data);
    assert_eq!(before["enrolled"], false);
    let out = kiosk(&data, &["sync", "--once"]);
    assert_eq!(
        out.code,
        Some(2),
        "not enrolled is not retryable: {}",
        out.stderr
    );
    assert!(out.stderr.contains("not enrolled"), "{}", out.stderr);

    let out = enrol(&data, &server);
    assert!(out.stdout.contains("Enrolled as kiosk-"), "{}", out.stdout);

    let out = kiosk(&data, &["simulate", "--sessions", "20", "--seed", "3"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let waiting = status(&data)["records_waiting"].as_u64().expect("a count");
    assert!(
        waiting >= 20 * 3,
        "20 visits make at least 60 events, got {waiting}"
    );

    let out = kiosk(&data, &["sync", "--once"]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("nothing left to send"),
        "{}",
        out.stdout
    );
    let after = status(&data);
    assert_eq!(after["records_waiting"], 0);
    assert_eq!(after["last_attempt"]["succeeded"], true);
    let kiosk_id = after["kiosk_id"].as_str().expect("kiosk id").to_owned();
    assert_eq!(server.store().events_of(&kiosk_id)?.len() as u64, waiting);

    // The server goes away: sync says so in plain words, exits non-zero, keeps the records.
    server.stop()?;
    kiosk(&data, &["simulate", "--sessions", "2"]);
    let out = kiosk(&data, &["sync", "--once"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("could not be reached") && out.stderr.contains("records still wait"),
        "{}",
        out.stderr
    );
    let offline = status(&data);
    assert!(offline["records_waiting"].as_u64() >= Some(6));
    assert_eq!(offline["last_attempt"]["succeeded"], false);
    Ok(())
}

#[test]
fn bad_input_gets_a_clear_error() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("kiosk-data");
    let out = kiosk(
        &data,
        &[
            "enrol",
            "--server",
            "https://127.0.0.1:1",
            "--fingerprint",
            "12:34",
            "--code",
            "X",
        ],
    );
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("64 hex digits"), "{}", out.stderr);

    let fingerprint = ["AB"; 32].join(":");
    let out = kiosk(
        &data,
        &[
            "enrol",
            "--server",
            "http://example.invalid",
            "--fingerprint",
            &fingerprint,
            "--code",
            "X",
        ],
    );
    assert!(
        out.stderr.contains("must start with https://"),
        "{}",
        out.stderr
    );

    let out = kiosk(&data, &["run", "--windowed", "big"]);
    assert_eq!(out.code, Some(2), "clap rejects the size");
    assert!(out.stderr.contains("WIDTHxHEIGHT"), "{}", out.stderr);

    let file = dir.path().join("file");
    std::fs::write(&file, "x")?;
    let out = kiosk(&file, &["status"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("not a directory") && !out.stderr.contains("panicked"),
        "{}",
        out.stderr
    );
    Ok(())
}

/// `kiosk admin set-pin` with the PIN on standard input.
fn set_pin(data_dir: &Path, pin: &str) -> Outcome {
    use std::io::Write as _;
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(data_dir)
        .args(["admin", "set-pin"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("kiosk runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{pin}\n").as_bytes())
        .expect("the PIN is written");
    let output = child.wait_with_output().expect("kiosk ends");
    Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn set_pin_refuses_a_short_pin_and_status_tells_the_pin_apart()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("kiosk-data");
    assert_eq!(status(&data)["staff_pin"], "none");
    let out = set_pin(&data, "2468");
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Not set: a staff PIN needs at least 6 digits (4 given)"),
        "{}",
        out.stderr
    );
    assert_eq!(status(&data)["staff_pin"], "none", "nothing was set");
    let out = set_pin(&data, "24a813");
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("digits only"), "{}", out.stderr);

    let out = set_pin(&data, "246813");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("Staff PIN set"), "{}", out.stdout);
    let after = status(&data);
    assert_eq!(after["staff_pin"], "argon2id");
    assert_eq!(after["staff_failures"], 0);
    assert!(after["staff_locked_until"].is_null());
    let text = kiosk(&data, &["status"]);
    assert!(
        text.stdout
            .contains("Staff access:     PIN set; 0 staff card(s)"),
        "{}",
        text.stdout
    );
    Ok(())
}

#[test]
fn run_without_a_display_says_what_to_do() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let output = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir.path().join("kiosk-data"))
        .args(["run", "--windowed", "1366x768"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .env_remove("SLINT_BACKEND")
        .env("RUST_BACKTRACE", "1")
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "error: there is no display to open the kiosk window on: run `kiosk run` in a \
         graphical session, or start a virtual display (`Xvfb :99 &`) and run it with \
         DISPLAY=:99 SLINT_BACKEND=winit-software",
        "one sentence, no panic, no backtrace"
    );
    assert!(output.stdout.is_empty());
    Ok(())
}

/// `kiosk` with no `--data-dir`, as the installed kiosk runs it.
fn kiosk_with(args: &[&str], env: &[(&str, &Path)]) -> Outcome {
    let mut command = Command::new(BIN);
    command.args(args).env_remove("KIOSK_DATA_DIR");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("kiosk runs");
    Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn the_configuration_file_chooses_and_flags_override() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let config = dir.path().join("kiosk.toml");
    std::fs::write(
        &config,
        "data_dir = \"from-file\"\nwindow = \"fullscreen\"\n",
    )?;
    let config_arg = config.to_str().ok_or("a UTF-8 path")?;

    // The data directory comes from the file (relative to the file's folder) ...
    let out = kiosk_with(&["--config", config_arg, "status", "--json"], &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(dir.path().join("from-file").is_dir());
    // ... or from KIOSK_CONFIG ...
    std::fs::remove_dir_all(dir.path().join("from-file"))?;
    let out = kiosk_with(&["status"], &[("KIOSK_CONFIG", &config)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(dir.path().join("from-file").is_dir());
    // ... and --data-dir wins over it.
    let flag_dir = dir.path().join("from-flag");
    let out = kiosk_with(
        &[
            "--config",
            config_arg,
            "--data-dir",
            flag_dir.to_str().ok_or("UTF-8")?,
            "status",
        ],
        &[],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(flag_dir.is_dir());

    // A mistake names the file, line and column, and nothing starts.
    std::fs::write(
        &config,
        "data_dir = \"d\"\nwindow = \"fullscreen\"\nbyte_budget = 5\n",
    )?;
    let out = kiosk_with(&["--config", config_arg, "status"], &[]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.starts_with(&format!(
            "error: {}:3:1: unknown field `byte_budget`",
            config.display()
        )),
        "{}",
        out.stderr
    );
    std::fs::write(&config, "window = \"wide\"\n")?;
    let out = kiosk_with(&["--config", config_arg, "status"], &[]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("kiosk.toml:1:10") && out.stderr.contains("\"fullscreen\""),
        "{}",
        out.stderr
    );
    // A file named on the command line must exist.
    let out = kiosk_with(&["--config", "/nonexistent/kiosk.toml", "status"], &[]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .contains("cannot read the configuration file /nonexistent/kiosk.toml"),
        "{}",
        out.stderr
    );
    Ok(())
}

#[test]
fn the_self_check_draws_every_language_without_a_display_or_the_database()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let out = kiosk(dir.path(), &["self-check"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains("the first screen drawn in 8 languages"),
        "{}",
        out.stdout
    );
    assert!(
        !dir.path().join("kiosk.sqlite3").exists(),
        "the installer's check leaves the database alone"
    );
    Ok(())
}

/// `kiosk enrol` with a fresh code of `server`'s, which must succeed.
fn enrol(data: &Path, server: &BackgroundServer) -> Outcome {
    let code =
        sync_server::enrolment::create_code(server.store(), "Central Library", "Old Town", 1)
            .expect("a code");
    let out = kiosk(
        data,
        &[
            "enrol",
            "--server",
            &server.url(),
            "--fingerprint",
            server.fingerprint(),
            "--code",
            &code.code,
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    out
}

#[test]
fn records_carried_on_a_stick_by_kiosk_relay_reach_the_server_and_come_back_acknowledged()
-> Result<(), Box<dyn std::error::Error>> {
    let (server_dir, dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), SocketAddr::from(([127, 0, 0, 1], 0)))?;
    let (tablet, library, stick) = (
        dir.path().join("tablet"),
        dir.path().join("library"),
        dir.path().join("stick"),
    );
    let stick = stick.to_str().expect("a UTF-8 path");

    // Before enrolment there is no server to seal for: said plainly.
    let out = kiosk(&tablet, &["relay", "export", "--to", stick]);
    assert_ne!(out.code, Some(0));
    assert!(out.stderr.contains("not enrolled"), "{}", out.stderr);

    enrol(&tablet, &server);
    enrol(&library, &server);
    let out = kiosk(&library, &["relay", "import", "--from", stick]);
    assert_ne!(out.code, Some(0));
    assert!(
        out.stderr.contains("nothing was exported there"),
        "{}",
        out.stderr
    );

    kiosk(&tablet, &["simulate", "--sessions", "5", "--seed", "9"]);
    let waiting = status(&tablet)["records_waiting"]
        .as_u64()
        .expect("a count");
    let out = kiosk(&tablet, &["relay", "export", "--to", stick]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains(&format!(
            "Wrote {waiting} record(s) of this kiosk in 1 bundle(s)"
        )),
        "{}",
        out.stdout
    );

    let out = kiosk(&library, &["relay", "import", "--from", stick]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("Took 1 bundle(s)"), "{}", out.stdout);
    let out = kiosk(&library, &["sync", "--once"]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    let tablet_id = status(&tablet)["kiosk_id"]
        .as_str()
        .expect("kiosk id")
        .to_owned();
    assert_eq!(server.store().events_of(&tablet_id)?.len() as u64, waiting);

    let out = kiosk(&library, &["relay", "export", "--to", stick]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Wrote 1 acknowledgement(s) for other kiosks"),
        "{}",
        out.stdout
    );
    let out = kiosk(&tablet, &["relay", "import", "--from", stick]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains(&format!(
            "The server acknowledged {waiting} record(s) of this kiosk"
        )),
        "{}",
        out.stdout
    );
    assert_eq!(status(&tablet)["records_waiting"], 0);
    Ok(())
}

#[test]
fn kiosk_relay_serve_is_found_on_the_lan_and_takes_a_tablets_records()
-> Result<(), Box<dyn std::error::Error>> {
    use std::io::BufRead as _;
    let (server_dir, dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = BackgroundServer::start(server_dir.path(), SocketAddr::from(([127, 0, 0, 1], 0)))?;
    let (tablet, library) = (dir.path().join("tablet"), dir.path().join("library"));
    enrol(&tablet, &server);
    enrol(&library, &server);
    let mdns_port = std::net::UdpSocket::bind("127.0.0.1:0")?
        .local_addr()?
        .port()
        .to_string();
    let mdns = ["--mdns-port", &mdns_port, "--mdns-loopback-only"];

    let mut relay = Command::new(BIN)
        .arg("--data-dir")
        .arg(&library)
        .args(["relay", "serve", "--listen", "127.0.0.1:0"])
        .args(mdns)
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let mut first_line = String::new();
    std::io::BufReader::new(relay.stdout.take().expect("stdout")).read_line(&mut first_line)?;
    assert!(first_line.contains("Carrying for kiosks"), "{first_line}");

    kiosk(&tablet, &["simulate", "--sessions", "3", "--seed", "4"]);
    let waiting = status(&tablet)["records_waiting"]
        .as_u64()
        .expect("a count");
    let mut args = vec!["relay", "exchange"];
    args.extend(mdns);
    let out = kiosk(&tablet, &args);
    let _ = relay.kill();
    let _ = relay.wait();
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(&format!(
            "Handed {waiting} record(s) of this kiosk to the relay"
        )),
        "{}",
        out.stdout
    );

    // No relay on the LAN: said plainly, with what to do instead.
    let out = kiosk(
        &tablet,
        &[
            "relay",
            "exchange",
            "--wait",
            "1",
            "--mdns-port",
            &mdns_port,
            "--mdns-loopback-only",
        ],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("USB stick"), "{}", out.stderr);
    Ok(())
}
