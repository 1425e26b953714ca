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
    serve_with(&[
        "serve",
        "--listen",
        listen,
        "--data-dir",
        data_dir.to_str().expect("path"),
    ])
}

fn serve_with(args: &[&str]) -> Serving {
    let mut child = Command::new(BIN)
        .args(args)
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
    assert!(
        text.contains(&format!("KIOSK-ENROL {} ", server.url)),
        "the ticket for the staff screen: {text}"
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
    // The ticket a kiosk's staff screen takes: this server, its certificate, the code.
    let ticket: wire::EnrolmentTicket = code["ticket"].as_str().unwrap_or_default().parse()?;
    assert_eq!(ticket.server_url, server.url);
    assert_eq!(ticket.fingerprint, server.fingerprint.replace(':', ""));
    assert_eq!(Some(ticket.code.as_str()), code["code"].as_str());

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
fn servers_started_together_on_a_new_data_directory_share_its_keys()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    // (On the PostgreSQL pass this gives the new city its database first, as a city's
    // configuration would: processes started together must not each make one.)
    sync_server::DataDir::open(dir.path())?;
    let barrier = std::sync::Barrier::new(3);
    let servers: Vec<Serving> = std::thread::scope(|scope| {
        let starts: Vec<_> = (0..3)
            .map(|_| {
                scope.spawn(|| {
                    barrier.wait();
                    serve(dir.path(), "127.0.0.1:0")
                })
            })
            .collect();
        starts
            .into_iter()
            .map(|start| start.join().expect("every process serves"))
            .collect()
    });
    let (ok, fingerprint, _) = run(&["fingerprint"], dir.path());
    assert!(ok);
    for server in &servers {
        assert_eq!(server.fingerprint, fingerprint.trim(), "one certificate");
    }
    // Each process read the sealing key at start: had one read another's half-written file
    // or lost the race to write it, it would have stopped with an error instead of serving.
    assert_eq!(std::fs::read(dir.path().join("sealing.key"))?.len(), 32);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())?
        .map(|entry| entry.map(|entry| entry.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    assert!(
        leftovers.iter().all(|name| !name.ends_with(".partial")),
        "{leftovers:?}"
    );
    Ok(())
}

#[test]
fn a_public_url_that_is_not_https_is_refused() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let (ok, _, error) = run(
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--public-url",
            "http://kiosks.city.example",
        ],
        dir.path(),
    );
    assert!(!ok);
    assert!(
        error.contains("--public-url must be an https:// address"),
        "{error}"
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

fn run_with(
    data_dir: &std::path::Path,
    args: &[&str],
    stdin: Option<&str>,
) -> (bool, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sync-server runs");
    if let Some(text) = stdin {
        use std::io::Write as _;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("written");
    }
    drop(child.stdin.take());
    let output = child.wait_with_output().expect("finished");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn baselines_places_users_and_metrics_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "neighbourhood,population_15_plus,offline_share,opening_hours,default_locale\n\
         Old Town,12000,18%,Mo-Fr 09:00-18:00,en\nDocks,8000,,Mo-Sa 10:00-16:00,es\n",
    )
    .expect("written");
    // A data directory that does not exist (a typo) is refused, and not made.
    let (ok, _, err) = run_with(
        &data,
        &["baselines", "import", good.to_str().expect("path")],
        None,
    );
    assert!(!ok && err.contains("there is no such directory"), "{err}");
    assert!(!data.exists());
    std::fs::create_dir(&data).expect("made");
    let (ok, out, err) = run_with(
        &data,
        &["baselines", "import", good.to_str().expect("path")],
        None,
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("Imported baselines for 2 neighbourhood(s), 20000 residents"),
        "{out}"
    );

    // A file with mistakes: every one named, nothing imported.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "neighbourhood,population_15_plus,offline_share,opening_hours,default_locale\n\
         Old Town,lots,18%,Mo-Fr 09:00-18:00,en\nDocks,8000,2.5,Mo-Sa 10:00-16:00,es\n",
    )
    .expect("written");
    let (ok, _, err) = run_with(
        &data,
        &["baselines", "import", bad.to_str().expect("path")],
        None,
    );
    assert!(!ok);
    assert!(
        err.contains("line 2, column 2 (population_15_plus)"),
        "{err}"
    );
    assert!(err.contains("line 3, column 3 (offline_share)"), "{err}");
    assert!(err.contains("nothing imported"), "{err}");
    let (_, shown, _) = run_with(&data, &["baselines", "show"], None);
    assert!(
        shown.contains("Old Town") && shown.contains("12000") && shown.contains("18.0%"),
        "{shown}"
    );

    let outlines = dir.path().join("bad.geojson");
    std::fs::write(&outlines, r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"neighbourhood":"Docks"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}"#).expect("written");
    let (ok, _, err) = run_with(
        &data,
        &["places", "import", outlines.to_str().expect("path")],
        None,
    );
    assert!(!ok);
    assert!(
        err.contains("feature 1 (\"Docks\"): the geometry is a LineString"),
        "{err}"
    );

    // Users: a password from standard input, or one made and printed once.
    let (ok, out, err) = run_with(
        &data,
        &["users", "add", "--name", "ana", "--role", "city-staff"],
        Some("a long enough password\n"),
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("Added ana as city_staff") && !out.contains("Password"),
        "{out}"
    );
    let (ok, out, _) = run_with(
        &data,
        &[
            "users",
            "add",
            "--name",
            "ben",
            "--role",
            "analyst",
            "--generate",
        ],
        None,
    );
    assert!(ok && out.contains("Password (shown only now): "), "{out}");
    let (ok, _, err) = run_with(
        &data,
        &["users", "add", "--name", "cy", "--role", "librarian"],
        Some("another long password\n"),
    );
    assert!(
        !ok && err.contains("a librarian looks after at least one site"),
        "{err}"
    );
    let (ok, _, err) = run_with(
        &data,
        &["users", "add", "--name", "dee", "--role", "mayor"],
        Some("x\n"),
    );
    assert!(!ok && err.contains("not a role"), "{err}");
    // Case workers answer the requests of their forms, and need at least one.
    let (ok, _, err) = run_with(
        &data,
        &["users", "add", "--name", "eve", "--role", "case-worker"],
        Some("a long enough password\n"),
    );
    assert!(!ok && err.contains("add --form ID"), "{err}");
    let (ok, _, err) = run_with(
        &data,
        &[
            "users", "add", "--name", "eve", "--role", "analyst", "--form", "callback",
        ],
        Some("a long enough password\n"),
    );
    assert!(!ok && err.contains("only a case worker"), "{err}");
    let (ok, out, err) = run_with(
        &data,
        &[
            "users",
            "add",
            "--name",
            "eve",
            "--role",
            "case_worker",
            "--form",
            "callback",
            "--form",
            "street-light",
        ],
        Some("a long enough password\n"),
    );
    assert!(ok, "{err}");
    assert!(out.contains("Forms: callback, street-light"), "{out}");
    // Open311 keys: made (printed once), listed, deleted.
    let (ok, out, err) = run_with(
        &data,
        &[
            "open311",
            "add-key",
            "--name",
            "crm",
            "--form",
            "callback",
            "--personal",
        ],
        None,
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("Key (shown only now") && out.contains("o311_"),
        "{out}"
    );
    let (ok, _, err) = run_with(&data, &["open311", "add-key", "--name", "crm2"], None);
    assert!(!ok && err.contains("--form"), "{err}");
    let (_, keys, _) = run_with(&data, &["open311", "list-keys"], None);
    assert!(
        keys.contains("crm")
            && keys.contains("forms: callback")
            && keys.contains("personal fields")
            && !keys.contains("o311_"),
        "{keys}"
    );
    let (ok, _, _) = run_with(&data, &["open311", "delete-key", "crm"], None);
    assert!(ok);
    let (ok, _, err) = run_with(&data, &["open311", "delete-key", "crm"], None);
    assert!(!ok && err.contains("no key called crm"), "{err}");
    let (_, listed, _) = run_with(&data, &["users", "list"], None);
    assert!(
        listed.contains("case_worker") && listed.contains("forms: callback, street-light"),
        "{listed}"
    );

    let (ok, out, err) = run_with(
        &data,
        &["metrics", "--month", "2026-03", "--format", "csv"],
        None,
    );
    assert!(ok, "{err}");
    assert!(
        out.starts_with("neighbourhood,month,metric,value,numerator,denominator,unit,suppressed"),
        "{out}"
    );
    let (ok, _, err) = run_with(&data, &["metrics", "--month", "March"], None);
    assert!(!ok && err.contains("YYYY-MM"), "{err}");

    let (ok, _, err) = run_with(&data, &["targets", "set", "M3", "75"], None);
    assert!(ok, "{err}");
    let (_, shown, _) = run_with(&data, &["targets", "show"], None);
    assert!(
        shown.contains("M3: 75 ") && shown.contains("M2: 98 "),
        "{shown}"
    );
    assert!(
        shown.contains("M1: population-weighted 80th percentile"),
        "{shown}"
    );
    let (ok, _, err) = run_with(&data, &["targets", "set", "M5", "10"], None);
    assert!(
        !ok && err.contains("targets exist for M1, M2, M3 and M9"),
        "{err}"
    );
}

#[test]
fn privacy_noise_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    let (ok, _, err) = run(
        &[
            "demo",
            "--neighbourhoods",
            "2",
            "--kiosks",
            "2",
            "--months",
            "2",
        ],
        data,
    );
    assert!(ok, "{err}");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs() as i64;
    let utc = sync_server::metrics::Calendar::utc();
    let current = utc.month_of(now);
    let (month_start, _) = utc.month_bounds(&current).expect("a month");
    let previous = utc.month_of(month_start - 1);
    let (ok, out, _) = run(&["privacy", "show"], data);
    assert!(ok && out.contains("Noise is off"), "{out}");
    let (ok, _, err) = run(&["privacy", "on", "--epsilon", "0"], data);
    assert!(!ok && err.contains("must be a positive number"), "{err}");
    let (ok, out, err) = run(&["privacy", "on", "--epsilon", "0.5"], data);
    assert!(ok, "{err}");
    assert!(out.contains("Noise is on: ε = 0.5 per table"), "{out}");
    // Before a release, the city-staff figures of a month are not there.
    let (ok, _, err) = run(&["metrics", "--month", &previous], data);
    assert!(!ok && err.contains("is not released yet"), "{err}");
    let (ok, _, err) = run(&["privacy", "release", "--month", &current], data);
    assert!(!ok && err.contains("is not over yet"), "{err}");
    let (ok, out, err) = run(&["privacy", "release", "--month", &previous], data);
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!("Released {previous} with noise")),
        "{out}"
    );
    let (ok, csv, err) = run(&["metrics", "--month", &previous, "--format", "csv"], data);
    assert!(ok, "{err}");
    assert!(
        err.contains("figures with privacy noise (ε = 0.5 per table)"),
        "{err}"
    );
    assert!(csv.lines().count() > 10, "{csv}");
    let (ok, out, _) = run(&["privacy", "show"], data);
    assert!(ok, "{out}");
    assert!(out.contains(&previous) && out.contains("Spent on"), "{out}");
    let store = sync_server::DataDir::open_existing(data)
        .and_then(|dir| dir.open_store())
        .expect("store");
    let actions: Vec<String> = store
        .audit_entries(20)
        .expect("audit")
        .into_iter()
        .map(|entry| entry.action)
        .collect();
    assert!(
        actions.contains(&"privacy_on".to_owned())
            && actions.contains(&"privacy_release".to_owned()),
        "{actions:?}"
    );
    drop(store);
    let (ok, out, _) = run(&["privacy", "off"], data);
    assert!(ok && out.contains("Noise is off"), "{out}");
    // The running month is not published to anyone but analysts, noise or not.
    let (ok, _, err) = run(&["metrics", "--month", &current], data);
    assert!(!ok && err.contains("is not published yet"), "{err}");
}

#[test]
fn the_configuration_file_sets_serve_and_the_citys_certificate_is_served() {
    let dir = tempfile::tempdir().expect("temp dir");
    let key = rcgen::KeyPair::generate().expect("key");
    let certificate = rcgen::CertificateParams::new(vec!["localhost".to_owned()])
        .expect("params")
        .self_signed(&key)
        .expect("certificate");
    let (cert_path, key_path) = (dir.path().join("city.pem"), dir.path().join("city.key"));
    std::fs::write(&cert_path, certificate.pem()).expect("written");
    std::fs::write(&key_path, key.serialize_pem()).expect("written");
    let expected = sync_server::tls::fingerprint_of(certificate.der());
    let data = dir.path().join("data");
    let config = dir.path().join("server.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = {data:?}\nlisten = \"127.0.0.1:0\"\ntls_cert = {cert_path:?}\ntls_key = {key_path:?}\nretention_days = 30\n"
        ),
    )
    .expect("written");
    let server = serve_with(&["--config", config.to_str().expect("path"), "serve"]);
    assert_eq!(
        server.fingerprint, expected,
        "the city's certificate is served"
    );
    assert!(data.is_dir(), "the data directory comes from the file");
    // Other commands take the data directory from the same file.
    let output = Command::new(BIN)
        .args(["--config", config.to_str().expect("path"), "fingerprint"])
        .output()
        .expect("runs");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), expected);
    // A mistake in the file names its line.
    std::fs::write(&config, "listen = \"127.0.0.1:0\"\nretention = 3\n").expect("written");
    let output = Command::new(BIN)
        .args(["--config", config.to_str().expect("path"), "serve"])
        .output()
        .expect("runs");
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success() && error.contains("server.toml:2:"),
        "{error}"
    );
    // Only one half of the pair is refused.
    let output = Command::new(BIN)
        .args(["serve", "--data-dir"])
        .arg(&data)
        .arg("--tls-cert")
        .arg(&cert_path)
        .output()
        .expect("runs");
    assert!(!output.status.success());
}

#[test]
fn backup_while_serving_and_restore_into_a_new_folder_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let server = serve(&data, "127.0.0.1:0");
    let (ok, text, _) = run(
        &[
            "enrol",
            "--site",
            "Central Library",
            "--neighbourhood",
            "Old Town",
        ],
        &data,
    );
    assert!(ok, "{text}");
    let archive = dir.path().join("backup.tar.zst");
    let (ok, text, err) = run(&["backup", "--to", archive.to_str().expect("path")], &data);
    assert!(ok, "{err}");
    assert!(text.contains("keep it as safe as the server"), "{text}");
    assert!(
        err.contains("Copying the database"),
        "progress is shown: {err}"
    );
    drop(server);
    // Not over an existing file, not into a folder that holds anything.
    let (ok, _, err) = run(&["backup", "--to", archive.to_str().expect("path")], &data);
    assert!(!ok && err.contains("exists already"), "{err}");
    let (ok, _, err) = run(&["restore", archive.to_str().expect("path")], &data);
    assert!(!ok && err.contains("is not empty"), "{err}");
    // A damaged file is refused and writes nothing.
    let damaged = dir.path().join("damaged.tar.zst");
    let mut bytes = std::fs::read(&archive).expect("read");
    bytes.truncate(bytes.len() - 40);
    std::fs::write(&damaged, bytes).expect("write");
    let fresh = dir.path().join("fresh");
    let (ok, _, err) = run(&["restore", damaged.to_str().expect("path")], &fresh);
    assert!(!ok && err.contains("not a usable backup"), "{err}");
    assert!(!fresh.exists());
    // The real one, into a new folder: the same server, keys and certificate included.
    let (ok, text, err) = run(&["restore", archive.to_str().expect("path")], &fresh);
    assert!(ok, "{err}");
    assert!(text.contains("Restored"), "{text}");
    let (_, before, _) = run(&["fingerprint"], &data);
    let (_, after, _) = run(&["fingerprint"], &fresh);
    assert_eq!(before, after, "the same certificate");
    let restored = serve(&fresh, "127.0.0.1:0");
    assert_eq!(restored.fingerprint, before.trim());
}
