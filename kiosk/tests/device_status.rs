//! Honest device statuses: a device a simulated driver stands in for is reported as
//! "simulated (why)", never as ready, by `kiosk hardware check` and in the heartbeat the fleet
//! page shows; a printer configured in `hardware.toml` that cannot be reached is an error that
//! names its address, in both.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use kiosk::data_dir::DataDir;
use kiosk::hardware_devices::HardwareDevices;
use kiosk::sync::SharedConditions;
use sync_server::BackgroundServer;

const BIN: &str = env!("CARGO_BIN_EXE_kiosk");

/// A local TCP address where nothing listens.
fn closed_port() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    address.to_string()
}

/// `hardware.toml` with the given `[printer]` table and no other device that depends on the
/// machine the test runs on.
fn config(printer: &str) -> String {
    format!(
        "[printer]\n{printer}\ntimeout_seconds = 2\n\n[scanner]\ndriver = \"none\"\n\n\
         [power]\ndriver = \"none\"\n\n[link]\ndriver = \"simulated\"\n\n\
         [speech]\ndriver = \"none\"\n"
    )
}

fn hardware_check(data_dir: &Path) -> (Option<i32>, String) {
    let output = Command::new(BIN)
        .arg("--data-dir")
        .arg(data_dir)
        .args(["hardware", "check"])
        .output()
        .expect("kiosk runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn hardware_check_says_simulated_and_names_an_unreachable_printer() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kiosk-data");
    std::fs::create_dir_all(&data).unwrap();
    let missing = dir.path().join("lp0");

    // `auto` looks for a printer and finds none: simulated, and said so (not "ok").
    std::fs::write(
        data.join("hardware.toml"),
        config(&format!(
            "driver = \"auto\"\ndevice = {:?}",
            missing.display().to_string()
        )),
    )
    .unwrap();
    let (code, out) = hardware_check(&data);
    assert_eq!(code, Some(0), "a stand-in lets the kiosk run: {out}");
    let printer = out.lines().find(|l| l.starts_with("printer")).unwrap();
    assert_eq!(
        printer,
        format!(
            "printer   sim  simulated (no printer found at {})",
            missing.display()
        )
    );
    let link = out.lines().find(|l| l.starts_with("link")).unwrap();
    assert_eq!(link, "link      sim  simulated (as set in hardware.toml)");
    assert!(
        out.lines()
            .any(|l| l.starts_with("Simulated") && l.ends_with("printer, link")),
        "{out}"
    );
    assert!(!out.contains("ready"), "{out}");

    // Once a printer is there, it is the real driver, and fine.
    std::fs::write(&missing, b"").unwrap();
    let (code, out) = hardware_check(&data);
    assert_eq!(code, Some(0), "{out}");
    let printer = out.lines().find(|l| l.starts_with("printer")).unwrap();
    assert!(printer.starts_with("printer   ok   escpos-device"), "{out}");

    // A network printer set in hardware.toml that is not there: an error naming its address,
    // whether or not the printer answers status queries.
    let address = closed_port();
    for status_query in [true, false] {
        std::fs::write(
            data.join("hardware.toml"),
            config(&format!(
                "driver = \"tcp\"\naddress = \"{address}\"\nstatus_query = {status_query}"
            )),
        )
        .unwrap();
        let (code, out) = hardware_check(&data);
        assert_eq!(code, Some(1), "{out}");
        let printer = out.lines().find(|l| l.starts_with("printer")).unwrap();
        assert!(
            printer.starts_with("printer   FAIL")
                && printer.contains(&format!("the printer at {address} cannot be reached")),
            "{printer}"
        );
    }
}

/// The hardware as `kiosk run` starts it, its events applied to the sync conditions.
fn start_hardware(config_text: &str) -> (HardwareDevices, SharedConditions) {
    let config = hardware::HardwareConfig::parse(config_text, Path::new("hardware.toml")).unwrap();
    let conditions = SharedConditions::default();
    let events = conditions.clone();
    let devices = HardwareDevices::start(&config, move |event| {
        kiosk::sync::conditions::apply(&events, &event);
    })
    .unwrap();
    (devices, conditions)
}

fn wait_for_printer(conditions: &SharedConditions, what: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let status = conditions
            .lock()
            .unwrap()
            .devices
            .get("printer")
            .cloned()
            .unwrap_or_default();
        if what(&status) {
            return status;
        }
        assert!(Instant::now() < deadline, "printer status: {status:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Enrols a fresh kiosk with `server` and sends one heartbeat with what `conditions` hold;
/// returns what the server's fleet page now knows of it.
fn heartbeat(server: &BackgroundServer, conditions: &SharedConditions) -> wire::Heartbeat {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = DataDir::open(&dir.path().join("kiosk-data")).unwrap();
    let code =
        sync_server::enrolment::create_code(server.store(), "Central Library", "Old Town", 1)
            .unwrap();
    let mut store = data_dir.open_store().unwrap();
    let runtime = runtime();
    let enrolment = runtime
        .block_on(kiosk::sync::enrol(
            &store,
            &server.url(),
            server.fingerprint().parse().unwrap(),
            &code.code,
        ))
        .unwrap();
    let now = conditions.lock().unwrap().clone();
    let limits = kiosk::sync::PassLimits {
        devices: now.devices,
        health: now.health,
        ..Default::default()
    };
    runtime
        .block_on(kiosk::sync::sync_now_within(
            &mut store,
            &mut kiosk::sync::LinkEstimate::default(),
            &limits,
        ))
        .unwrap();
    server
        .store()
        .fleet()
        .unwrap()
        .into_iter()
        .find(|k| k.place.kiosk_id == enrolment.kiosk_id)
        .and_then(|k| k.heartbeat)
        .expect("the kiosk's heartbeat reached the server")
}

#[test]
fn the_heartbeat_says_which_devices_are_simulated_or_unreachable() {
    let server_dir = tempfile::tempdir().unwrap();
    let server =
        BackgroundServer::start(server_dir.path(), SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();

    // No printer where `auto` looks: the fleet page reads "simulated (…)", with no printer
    // code to raise (or hide) alerts on.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("lp0");
    let (devices, conditions) = start_hardware(&config(&format!(
        "driver = \"auto\"\ndevice = {:?}",
        missing.display().to_string()
    )));
    let expected = format!("simulated (no printer found at {})", missing.display());
    wait_for_printer(&conditions, |s| s == expected);
    // The simulated printer's own "ready" does not overwrite it.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(wait_for_printer(&conditions, |_| true), expected);
    let beat = heartbeat(&server, &conditions);
    assert_eq!(beat.devices.get("printer"), Some(&expected));
    assert_eq!(
        beat.devices.get("link").map(String::as_str),
        Some("simulated (as set in hardware.toml)")
    );
    assert_eq!(beat.health.printer, None);
    drop(devices);

    // A network printer set in hardware.toml that cannot be reached: its address, and an
    // "offline" printer for the fleet page's alert.
    let address = closed_port();
    let (devices, conditions) = start_hardware(&config(&format!(
        "driver = \"tcp\"\naddress = \"{address}\""
    )));
    let status = wait_for_printer(&conditions, |s| !s.is_empty());
    assert!(
        status.starts_with(&format!("the printer at {address} cannot be reached")),
        "{status}"
    );
    let beat = heartbeat(&server, &conditions);
    assert_eq!(beat.devices.get("printer"), Some(&status));
    assert_eq!(beat.health.printer.as_deref(), Some("offline"));
    drop(devices);
}
