//! The abuse suite: every attack of issue 14 ("the server stays up and correct under abuse")
//! against a real `sync-server serve` process on 127.0.0.1, each refused or bounded, while a
//! watcher asks `/healthz` every 100 ms and notes the slowest answer. The integration test
//! `tests/tests/abuse.rs` runs it against the debug build and asserts; `cargo run -p
//! system-tests --release --bin abuse -- --server target/release/sync-server` runs it
//! against a release binary and prints the figures as a table.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::staff_client::StaffClient;
use crate::{ADMIN, ANALYST, CITY_STAFF, LIBRARIAN, TestLogin};

/// A `sync-server serve` process, stopped when dropped.
pub struct ServerProcess {
    child: Child,
    bin: PathBuf,
    args: Vec<String>,
    /// `https://127.0.0.1:PORT`.
    pub url: String,
    /// The certificate's SHA-256 fingerprint.
    pub fingerprint: String,
    /// Its data directory.
    pub data_dir: PathBuf,
}

/// A process's memory, from `/proc/PID/status`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    /// Resident now, MiB.
    pub rss: f64,
    /// The most it was ever resident, MiB.
    pub peak: f64,
}

impl ServerProcess {
    /// Starts `bin serve --data-dir DIR --listen 127.0.0.1:0 EXTRA…` and waits for its
    /// address.
    pub fn start(bin: &Path, data_dir: &Path, extra: &[String]) -> anyhow::Result<ServerProcess> {
        let mut args: Vec<String> = vec![
            "serve".into(),
            "--listen".into(),
            "127.0.0.1:0".into(),
            "--data-dir".into(),
            data_dir.display().to_string(),
        ];
        args.extend(extra.iter().cloned());
        Self::spawn(bin, args, data_dir)
    }

    fn spawn(bin: &Path, args: Vec<String>, data_dir: &Path) -> anyhow::Result<ServerProcess> {
        let mut child = Command::new(bin)
            .args(&args)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| anyhow::anyhow!("no stdout"))?;
        let (mut url, mut fingerprint) = (String::new(), String::new());
        for line in BufReader::new(stdout).lines() {
            let line = line?;
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
        anyhow::ensure!(
            url.starts_with("https://"),
            "the server did not start (no address printed)"
        );
        Ok(ServerProcess {
            child,
            bin: bin.to_owned(),
            args,
            url,
            fingerprint,
            data_dir: data_dir.to_owned(),
        })
    }

    /// Its memory now.
    pub fn memory(&self) -> Memory {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|line| line.starts_with(name))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<f64>().ok())
                .map(|kib| kib / 1024.0)
                .unwrap_or(f64::NAN)
        };
        Memory {
            rss: field("VmRSS:"),
            peak: field("VmHWM:"),
        }
    }

    /// Asks it to stop (SIGTERM) and waits; returns how long it took to exit.
    pub fn stop(&mut self) -> anyhow::Result<Duration> {
        let asked = Instant::now();
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        loop {
            if self.child.try_wait()?.is_some() {
                return Ok(asked.elapsed());
            }
            if asked.elapsed() > Duration::from_secs(30) {
                let _ = self.child.kill();
                let _ = self.child.wait();
                anyhow::bail!("the server ignored SIGTERM for 30 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Starts it again with the same arguments (a new port); returns the time until it
    /// printed its address.
    pub fn restart(&mut self) -> anyhow::Result<Duration> {
        let started = Instant::now();
        let args = self
            .args
            .iter()
            .map(|a| {
                if a.starts_with("127.0.0.1:") {
                    "127.0.0.1:0".into()
                } else {
                    a.clone()
                }
            })
            .collect();
        let fresh = Self::spawn(&self.bin, args, &self.data_dir)?;
        let old = std::mem::replace(self, fresh);
        drop(old);
        Ok(started.elapsed())
    }

    /// Runs another `sync-server` command on the same data directory; returns (success,
    /// standard output and error, time taken).
    pub fn command(&self, args: &[&str]) -> anyhow::Result<(bool, String, Duration)> {
        let started = Instant::now();
        let output = Command::new(&self.bin)
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(args)
            .env("RUST_LOG", "warn")
            .output()?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        Ok((output.status.success(), text, started.elapsed()))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Asks `/healthz` every 100 ms from its own thread, noting the slowest answer and any
/// failure, until stopped.
pub struct HealthWatch {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<HealthReport>>,
    target: Arc<std::sync::Mutex<(String, String)>>,
}

/// What the health watcher saw.
#[derive(Debug, Clone, Default)]
pub struct HealthReport {
    /// Answers received.
    pub answers: u64,
    /// The slowest answer.
    pub slowest: Duration,
    /// Requests that failed or were not 200 while the server was meant to be up.
    pub failures: Vec<String>,
}

impl HealthWatch {
    /// Watches the server at `url`.
    pub fn start(url: &str, fingerprint: &str) -> HealthWatch {
        let stop = Arc::new(AtomicBool::new(false));
        let target = Arc::new(std::sync::Mutex::new((
            url.to_owned(),
            fingerprint.to_owned(),
        )));
        let (flag, watched) = (stop.clone(), target.clone());
        let thread = std::thread::spawn(move || {
            let mut report = HealthReport::default();
            let Ok(runtime) = crate::runtime() else {
                report.failures.push("no runtime".into());
                return report;
            };
            let mut client: Option<(String, StaffClient)> = None;
            while !flag.load(Ordering::Relaxed) {
                let (url, fingerprint) = watched.lock().map(|t| t.clone()).unwrap_or_default();
                if url.is_empty() {
                    // Paused: hold no connection open (a stopping server waits for those);
                    // running the runtime a moment lets the dropped connection close.
                    if client.take().is_some() {
                        runtime.block_on(async {
                            tokio::time::sleep(Duration::from_millis(20)).await
                        });
                    }
                    std::thread::sleep(Duration::from_millis(100));
                    continue;
                }
                if client.as_ref().is_none_or(|(for_url, _)| *for_url != url) {
                    match StaffClient::new(&url, &fingerprint) {
                        Ok(fresh) => client = Some((url.clone(), fresh)),
                        Err(error) => {
                            report.failures.push(error.to_string());
                            std::thread::sleep(Duration::from_millis(100));
                            continue;
                        }
                    }
                }
                let Some((_, browser)) = client.as_mut() else {
                    continue;
                };
                let asked = Instant::now();
                let answer = runtime.block_on(async {
                    tokio::time::timeout(Duration::from_secs(5), browser.get("/healthz")).await
                });
                let took = asked.elapsed();
                match answer {
                    Ok(Ok(page)) if page.status == StatusCode::OK => {
                        report.answers += 1;
                        report.slowest = report.slowest.max(took);
                    }
                    Ok(Ok(page)) => report.failures.push(format!("status {}", page.status)),
                    Ok(Err(error)) => report.failures.push(error.to_string()),
                    Err(_) => report.failures.push("no answer within 5 s".into()),
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            report
        });
        HealthWatch {
            stop,
            thread: Some(thread),
            target,
        }
    }

    /// Points the watcher at a restarted server (`None`: pause while it is down).
    pub fn retarget(&self, server: Option<&ServerProcess>) {
        if let Ok(mut target) = self.target.lock() {
            *target = server
                .map(|s| (s.url.clone(), s.fingerprint.clone()))
                .unwrap_or_default();
        }
    }

    /// Stops watching and says what it saw.
    pub fn finish(mut self) -> HealthReport {
        self.stop.store(true, Ordering::Relaxed);
        self.thread
            .take()
            .and_then(|thread| thread.join().ok())
            .unwrap_or_default()
    }
}

/// One attack and what came of it.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The attack, as the issue lists it.
    pub attack: &'static str,
    /// What it did before this work (from the report).
    pub before: &'static str,
    /// What it does now, measured.
    pub after: String,
    /// Refused or bounded as required.
    pub held: bool,
}

/// Everything the suite found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One line per attack.
    pub findings: Vec<Finding>,
    /// What `/healthz` did throughout.
    pub health: HealthReport,
    /// The server's peak memory over the whole run, MiB.
    pub peak_memory: f64,
}

impl Report {
    /// The findings as a Markdown table.
    pub fn table(&self) -> String {
        let mut out = String::from("| attack | before | after | held |\n|---|---|---|---|\n");
        for finding in &self.findings {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                finding.attack,
                finding.before,
                finding.after,
                if finding.held { "yes" } else { "NO" }
            ));
        }
        out.push_str(&format!(
            "\n/healthz: {} answers, slowest {} ms, {} failures; server peak memory {:.0} MiB\n",
            self.health.answers,
            self.health.slowest.as_millis(),
            self.health.failures.len(),
            self.peak_memory
        ));
        out
    }
}

/// The metrics bearer token the suite's server is given.
const METRICS_TOKEN: &str = "abuse-suite-metrics-token-0123456789";

/// Runs every attack against `server_bin` (a `sync-server` binary) on a fresh demo city.
pub fn run(server_bin: &Path) -> anyhow::Result<Report> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("server");
    let report = {
        let data_dir = sync_server::DataDir::open(&data)?;
        crate::staff_city_in(&data_dir.open_store()?)?
    };
    let token_file = dir.path().join("metrics-token");
    std::fs::write(&token_file, METRICS_TOKEN)?;
    let extra = vec![
        "--trusted-proxy".into(),
        "127.0.0.1".into(),
        "--metrics-token-file".into(),
        token_file.display().to_string(),
    ];
    let mut server = ServerProcess::start(server_bin, &data, &extra)?;
    let watch = HealthWatch::start(&server.url, &server.fingerprint);
    let mut findings = Vec::new();
    let mut peak: f64 = 0.0;
    let mut note = |server: &ServerProcess, mut finding: Finding| {
        let memory = server.memory();
        peak = peak.max(memory.peak);
        if memory.peak.is_finite() {
            finding.after = format!(
                "{} [server peak so far {:.0} MiB]",
                finding.after, memory.peak
            );
        }
        findings.push(finding);
    };
    {
        // One runtime for the attacks over HTTP, dropped (with every connection it holds)
        // before the server is stopped below.
        let runtime = crate::runtime()?;
        let finding = runtime.block_on(login_flood(&server))?;
        note(&server, finding);
        let finding = runtime.block_on(login_race_and_spray(&server))?;
        note(&server, finding);
        let finding = runtime.block_on(long_login_name(&server))?;
        note(&server, finding);
        let finding = runtime.block_on(batch_bombs(&server, &report.first_site))?;
        note(&server, finding);
        let finding = runtime.block_on(small_doors(&server, &report.first_site))?;
        note(&server, finding);
        let finding = runtime.block_on(enrolment_codes(&server, &report.first_site))?;
        note(&server, finding);
        let finding = runtime.block_on(revoked_kiosk(&server, &report.first_site))?;
        note(&server, finding);
        let finding = runtime.block_on(staff_accounts(&server))?;
        note(&server, finding);
        let finding = runtime.block_on(exports_and_files(&server))?;
        note(&server, finding);
        let finding = runtime.block_on(figures_cache(&server))?;
        note(&server, finding);
        let finding = runtime.block_on(baselines_bomb(&server))?;
        note(&server, finding);
    }
    // Last: a data directory with far too many neighbourhoods, restarted into.
    watch.retarget(None);
    let finding = oversized_city(&mut server, &watch)?;
    note(&server, finding);
    let health = watch.finish();
    Ok(Report {
        findings,
        health,
        peak_memory: peak,
    })
}

fn browser(server: &ServerProcess, address: &str) -> anyhow::Result<StaffClient> {
    Ok(StaffClient::new(&server.url, &server.fingerprint)?.from_address(address))
}

async fn logged_in(server: &ServerProcess, login: &TestLogin) -> anyhow::Result<StaffClient> {
    let mut client = browser(server, "192.0.2.10")?;
    let page = client.log_in(login).await?;
    anyhow::ensure!(
        page.status == StatusCode::SEE_OTHER,
        "{} cannot log in: {}",
        login.name,
        page.status
    );
    Ok(client)
}

/// Wrong logins at once under different names from different addresses: 120, then 480
/// more. The second, larger round must not grow the server's memory much further (bounded,
/// not merely slower to grow).
async fn login_flood(server: &ServerProcess) -> anyhow::Result<Finding> {
    let start = server.memory();
    let first = flood_round(server, 0, 120).await?;
    let after_first = server.memory();
    let second = flood_round(server, 120, 480).await?;
    let after_second = server.memory();
    let (grew, grew_again) = (
        after_first.peak - start.peak,
        after_second.peak - after_first.peak,
    );
    Ok(Finding {
        attack: "120 parallel wrong logins, different names and addresses (then 480 more)",
        before: "13.8 GiB, still held afterwards",
        after: format!(
            "120: {} checked, {} refused at once (429), {} other, peak +{grew:.0} MiB, {:.1} s; 480 more: {} checked, {} refused, {} other, peak +{grew_again:.0} MiB; resident after {:.0} MiB",
            first.0,
            first.1,
            first.2,
            first.3.as_secs_f64(),
            second.0,
            second.1,
            second.2,
            after_second.rss
        ),
        held: first.2 == 0 && second.2 == 0 && grew < 256.0 && grew_again < 48.0,
    })
}

/// `count` wrong logins at once; (checked, refused, other, time).
async fn flood_round(
    server: &ServerProcess,
    from: u32,
    count: u32,
) -> anyhow::Result<(u32, u32, u32, Duration)> {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in from..from + count {
        let mut client = browser(server, &format!("10.1.{}.{}", i / 200, i % 200 + 1))?;
        tasks.push(tokio::spawn(async move {
            client
                .log_in_as(&format!("guess{i}"), "wrong password, long enough")
                .await
                .map(|page| page.status)
        }));
    }
    let (mut checked, mut refused, mut other) = (0, 0, 0);
    for task in tasks {
        match task.await? {
            Ok(StatusCode::TOO_MANY_REQUESTS) => refused += 1,
            Ok(StatusCode::UNAUTHORIZED) => checked += 1,
            _ => other += 1,
        }
    }
    Ok((checked, refused, other, started.elapsed()))
}

/// 60 wrong tries at once on one name from one address; the real user elsewhere; a spray
/// over names from one address.
async fn login_race_and_spray(server: &ServerProcess) -> anyhow::Result<Finding> {
    let mut tasks = Vec::new();
    for _ in 0..60 {
        let mut client = browser(server, "198.51.100.66")?;
        tasks.push(tokio::spawn(async move {
            client
                .log_in_as(ADMIN.name, "not the admin password")
                .await
                .map(|page| page.status)
        }));
    }
    let (mut checked, mut refused) = (0, 0);
    for task in tasks {
        match task.await?? {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => anyhow::bail!("unexpected answer {other}"),
        }
    }
    // The admin, from their own desk, is not locked out…
    let mut desk = browser(server, "203.0.113.20")?;
    let at_desk = desk.log_in(&ADMIN).await?.status;
    // …while the attacker's address waits even with the right password.
    let mut attacker = browser(server, "198.51.100.66")?;
    let attacker_right = attacker.log_in(&ADMIN).await?.status;
    // Spraying 30 names from one address: slowed after 20.
    let mut spray = Vec::new();
    for i in 0..30 {
        let mut client = browser(server, "198.51.100.99")?;
        spray.push(
            client
                .log_in_as(&format!("spray{i}"), "wrong password!!")
                .await?
                .status,
        );
    }
    let sprayed = spray
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    Ok(Finding {
        attack: "60 parallel tries on one name; spray over names; lock out admin",
        before: "29 real password checks, not 5; admin locked out from anywhere; spraying unlimited",
        after: format!(
            "{checked} real checks, {refused} refused; admin from elsewhere: {at_desk}; attacker with the right password: {attacker_right}; spray: {sprayed} of 30 checked"
        ),
        held: checked <= 5
            && at_desk == StatusCode::SEE_OTHER
            && attacker_right == StatusCode::TOO_MANY_REQUESTS
            && sprayed <= 20,
    })
}

/// The database's size: its SQLite file and log, or the PostgreSQL database's.
fn database_bytes(data_dir: &Path) -> u64 {
    let on_postgres = sync_server::DataDir::open_existing(data_dir)
        .ok()
        .and_then(|dir| dir.database_url().ok().flatten().map(|_| dir));
    if let Some(dir) = on_postgres {
        return dir
            .open_store()
            .ok()
            .and_then(|store| store.database_size().ok())
            .unwrap_or(0);
    }
    ["", "-wal"]
        .iter()
        .filter_map(|suffix| {
            std::fs::metadata(data_dir.join(format!("sync-server.sqlite3{suffix}"))).ok()
        })
        .map(|m| m.len())
        .sum()
}

/// A 1 MB login name, 20 times.
async fn long_login_name(server: &ServerProcess) -> anyhow::Result<Finding> {
    let before = database_bytes(&server.data_dir);
    let name = "n".repeat(1_000_000);
    let started = Instant::now();
    let mut statuses = Vec::new();
    for i in 0..20 {
        let mut client = browser(server, &format!("10.9.0.{}", i + 1))?;
        statuses.push(client.log_in_as(&name, "whatever it is").await?.status);
    }
    let took = started.elapsed();
    let grew = database_bytes(&server.data_dir).saturating_sub(before);
    Ok(Finding {
        attack: "1 MB login names, 20 times",
        before: "database grew by 40 MB",
        after: format!(
            "all {}; database +{} KiB; {:.1} s",
            statuses.first().map(|s| s.to_string()).unwrap_or_default(),
            grew / 1024,
            took.as_secs_f64()
        ),
        held: statuses.iter().all(|s| *s == StatusCode::UNAUTHORIZED) && grew < 256 * 1024,
    })
}

/// Enrols a kiosk (a fresh key in a temporary folder) at `site`; returns its client, id and
/// folder.
async fn enrolled_kiosk(
    server: &ServerProcess,
    site: &str,
) -> anyhow::Result<(kiosk_core::sync::SyncClient, String, tempfile::TempDir)> {
    let store = sync_server::DataDir::open_existing(&server.data_dir)?.open_store()?;
    let neighbourhood = store
        .site_neighbourhood(site)?
        .ok_or_else(|| anyhow::anyhow!("no site {site}"))?;
    let code = sync_server::enrolment::create_code(&store, site, &neighbourhood, 1)?;
    let dir = tempfile::tempdir()?;
    let local = kiosk_core::data_dir::DataDir::open(dir.path())?.open_store()?;
    let enrolment =
        kiosk_core::sync::enrol(&local, &server.url, server.fingerprint.parse()?, &code.code)
            .await?;
    let client = kiosk_core::sync::SyncClient::new(
        &server.url,
        server.fingerprint.parse()?,
        Some(enrolment.token),
    )?
    .signed_with(kiosk_core::sync::device_key::DeviceKey::load(dir.path())?);
    Ok((client, enrolment.kiosk_id, dir))
}

/// Sends a whole batch in 1 MiB chunks; the last answer.
async fn upload(
    client: &kiosk_core::sync::SyncClient,
    batch: &[u8],
) -> Result<wire::UploadState, kiosk_core::sync::SyncError> {
    let id = wire::upload_id(batch);
    let total = batch.len() as u64;
    let mut offset = 0u64;
    loop {
        let end = (offset + (1 << 20)).min(total);
        let chunk = batch[offset as usize..end as usize].to_vec();
        let state = client.send_chunk(&id, offset, total, chunk).await?;
        if end == total || state.receipt.is_some() {
            return Ok(state);
        }
        offset = state.received;
    }
}

/// Batches of 1.13 million records, eight kiosks at once.
async fn batch_bombs(server: &ServerProcess, site: &str) -> anyhow::Result<Finding> {
    let records: Vec<wire::WireRecord> = (1..=1_130_000)
        .map(|seq| wire::WireRecord {
            seq,
            body: vec![0xf6],
        })
        .collect();
    let batch = Arc::new(wire::encode_batch(&records));
    drop(records);
    let mut kiosks = Vec::new();
    for _ in 0..8 {
        let (client, id, dir) = enrolled_kiosk(server, site).await?;
        kiosks.push((Arc::new(client), id, dir));
    }
    let before = server.memory();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (client, _, _) in &kiosks {
        let (client, batch) = (client.clone(), batch.clone());
        tasks.push(tokio::spawn(async move { upload(&client, &batch).await }));
    }
    let mut refusals = Vec::new();
    for task in tasks {
        refusals.push(match task.await? {
            Err(kiosk_core::sync::SyncError::Rejected { status, message }) => {
                status == 400 && message.contains("at most 1000")
            }
            _ => false,
        });
    }
    let took = started.elapsed();
    let grew = server.memory().peak - before.peak;
    let refused = refusals.iter().filter(|r| **r).count();
    Ok(Finding {
        attack: "batches of 1.13 million records in 1.5 MB, eight at once",
        before: "accepted, decoded on the async workers in one transaction; /healthz stalled 30 s",
        after: format!(
            "{refused} of 8 refused (\"at most 1000\") before decoding; {} KiB each; peak memory +{grew:.0} MiB; {:.1} s",
            batch.len() / 1024,
            took.as_secs_f64()
        ),
        held: refused == 8,
    })
}

/// Keyless enrolment, an unsigned body swap, a clock at i64::MIN, many staged uploads.
async fn small_doors(server: &ServerProcess, site: &str) -> anyhow::Result<Finding> {
    let mut notes = Vec::new();
    let mut held = true;
    // Keyless enrolment with a good code.
    let store = sync_server::DataDir::open_existing(&server.data_dir)?.open_store()?;
    let neighbourhood = store.site_neighbourhood(site)?.unwrap_or_default();
    let code = sync_server::enrolment::create_code(&store, site, &neighbourhood, 1)?;
    let keyless =
        kiosk_core::sync::SyncClient::new(&server.url, server.fingerprint.parse()?, None)?;
    let answer = keyless.enrol(&code.code).await;
    let refused = matches!(
        answer,
        Err(kiosk_core::sync::SyncError::Rejected { status: 400, .. })
    );
    held &= refused;
    notes.push(format!(
        "keyless enrolment {}",
        if refused { "refused" } else { "ACCEPTED" }
    ));
    // A clock at i64::MIN.
    let (client, kiosk_id, kiosk_dir) = enrolled_kiosk(server, site).await?;
    let hello = client
        .hello(&wire::Hello {
            last_seq: 0,
            kiosk_time: i64::MIN,
            software_version: "0".into(),
            status_cursor: 0,
        })
        .await;
    held &= hello.is_ok();
    notes.push(format!(
        "kiosk_time = i64::MIN: {}",
        if hello.is_ok() {
            "answered, clamped"
        } else {
            "FAILED"
        }
    ));
    // Twenty uploads started by one kiosk: one stays staged.
    for i in 0..20u8 {
        let batch = vec![i; 300_000];
        let id = wire::upload_id(&batch);
        let _ = client
            .send_chunk(&id, 0, batch.len() as u64, batch[..100_000].to_vec())
            .await;
    }
    let staged: u64 = std::fs::read_dir(server.data_dir.join("staging").join(&kiosk_id))
        .map(|files| {
            files
                .flatten()
                .filter_map(|f| f.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    held &= staged <= 100_000;
    notes.push(format!(
        "20 uploads started by one kiosk: {} KiB staged",
        staged / 1024
    ));
    drop(kiosk_dir);
    Ok(Finding {
        attack: "keyless enrolment; kiosk_time = i64::MIN; unlimited staged uploads per kiosk",
        before: "keyless accepted; the clock offset wrapped; no limit on staged uploads",
        after: notes.join("; "),
        held,
    })
}

/// Enrolment codes by every role, for invented sites and neighbourhoods.
async fn enrolment_codes(server: &ServerProcess, first_site: &str) -> anyhow::Result<Finding> {
    let mut outcomes = Vec::new();
    for login in [&ANALYST, &CITY_STAFF] {
        let mut client = logged_in(server, login).await?;
        let token = client.csrf("/staff/fleet").await.unwrap_or_default();
        let page = client
            .post(
                "/staff/fleet/enrol",
                &[("csrf", &token), ("site", first_site), ("valid_hours", "2")],
            )
            .await?;
        outcomes.push((login.name, "code for a real site", page.status));
    }
    let mut admin = logged_in(server, &ADMIN).await?;
    let token = admin.csrf("/staff/fleet").await?;
    let invented = admin
        .post(
            "/staff/fleet/enrol",
            &[
                ("csrf", &token),
                ("site", "Invented Site"),
                ("valid_hours", "2"),
            ],
        )
        .await?;
    outcomes.push(("admin", "code for an invented site", invented.status));
    let atlantis = admin
        .post(
            "/staff/fleet/site",
            &[
                ("csrf", &token),
                ("site", "Harbour Kiosk"),
                ("neighbourhood", "Atlantis"),
            ],
        )
        .await?;
    outcomes.push((
        "admin",
        "site in an invented neighbourhood",
        atlantis.status,
    ));
    let mut librarian = logged_in(server, &LIBRARIAN).await?;
    let token = librarian.csrf("/staff/fleet").await?;
    let store = sync_server::DataDir::open_existing(&server.data_dir)?.open_store()?;
    let other_site = store
        .sites()?
        .into_iter()
        .map(|s| s.site)
        .find(|s| s != first_site)
        .unwrap_or_default();
    let other = librarian
        .post(
            "/staff/fleet/enrol",
            &[
                ("csrf", &token),
                ("site", &other_site),
                ("valid_hours", "2"),
            ],
        )
        .await?;
    outcomes.push(("lib", "code for another's site", other.status));
    let own = librarian
        .post(
            "/staff/fleet/enrol",
            &[("csrf", &token), ("site", first_site), ("valid_hours", "2")],
        )
        .await?;
    let held = outcomes.iter().all(|(_, _, status)| {
        matches!(
            *status,
            StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY
        )
    }) && own.status == StatusCode::OK;
    Ok(Finding {
        attack: "enrolment codes by other roles, for invented sites and neighbourhoods",
        before: "any role but librarian, any site, even in an invented neighbourhood",
        after: format!(
            "{}; librarian for own site: {}",
            outcomes
                .iter()
                .map(|(who, what, status)| format!("{who} {what}: {}", status.as_u16()))
                .collect::<Vec<_>>()
                .join(", "),
            own.status.as_u16()
        ),
        held,
    })
}

/// A revoked kiosk, and "release" tried on it.
async fn revoked_kiosk(server: &ServerProcess, site: &str) -> anyhow::Result<Finding> {
    let (client, kiosk_id, _dir) = enrolled_kiosk(server, site).await?;
    let mut admin = logged_in(server, &ADMIN).await?;
    let token = admin.csrf("/staff/fleet").await?;
    let revoked = admin
        .post(
            "/staff/fleet/device",
            &[("csrf", &token), ("kiosk", &kiosk_id), ("action", "revoke")],
        )
        .await?;
    let after = client
        .hello(&wire::Hello {
            last_seq: 0,
            kiosk_time: 0,
            software_version: "0".into(),
            status_cursor: 0,
        })
        .await;
    let released = admin
        .post(
            "/staff/fleet/device",
            &[
                ("csrf", &token),
                ("kiosk", &kiosk_id),
                ("action", "release"),
            ],
        )
        .await?;
    let store = sync_server::DataDir::open_existing(&server.data_dir)?.open_store()?;
    let state = store
        .kiosk_places()?
        .into_iter()
        .find(|k| k.kiosk_id == kiosk_id)
        .map(|k| k.state)
        .unwrap_or_default();
    let refused = matches!(
        after,
        Err(kiosk_core::sync::SyncError::CredentialRefused(_))
    );
    Ok(Finding {
        attack: "a revoked kiosk's token; \"release\" on a revoked kiosk",
        before: "the token kept working after release; release brought it back",
        after: format!(
            "revoke {}; its next request {}; release {}; state {state}",
            revoked.status.as_u16(),
            if refused { "refused (401)" } else { "ACCEPTED" },
            released.status.as_u16()
        ),
        held: revoked.status == StatusCode::SEE_OTHER
            && refused
            && released.status == StatusCode::UNPROCESSABLE_ENTITY
            && state == "revoked",
    })
}

/// Disable, enable, reset, end sessions, delete: on the web and the command line.
async fn staff_accounts(server: &ServerProcess) -> anyhow::Result<Finding> {
    let mut notes = Vec::new();
    let mut librarian = logged_in(server, &LIBRARIAN).await?;
    let mut admin = logged_in(server, &ADMIN).await?;
    let token = admin.csrf("/staff/users").await?;
    let change = |name: &'static str, change: &'static str| {
        [
            ("csrf", token.clone()),
            ("name", name.into()),
            ("change", change.into()),
        ]
    };
    let form = change(LIBRARIAN.name, "disable");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    admin.post("/staff/users/change", &form).await?;
    let kicked = librarian.get("/staff/fleet").await?.status == StatusCode::SEE_OTHER;
    let locked = browser(server, "192.0.2.77")?
        .log_in(&LIBRARIAN)
        .await?
        .status
        == StatusCode::UNAUTHORIZED;
    notes.push(format!(
        "disabled: session ended {kicked}, login refused {locked}"
    ));
    let form = change(LIBRARIAN.name, "enable");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    admin.post("/staff/users/change", &form).await?;
    let back = browser(server, "192.0.2.78")?
        .log_in(&LIBRARIAN)
        .await?
        .status
        == StatusCode::SEE_OTHER;
    notes.push(format!("enabled again: {back}"));
    let (ok, text, _) = server.command(&["users", "reset-password", LIBRARIAN.name])?;
    let new_password = text
        .lines()
        .find_map(|line| line.split("(shown only now): ").nth(1))
        .unwrap_or_default()
        .trim()
        .to_owned();
    let old_fails = browser(server, "192.0.2.79")?
        .log_in(&LIBRARIAN)
        .await?
        .status
        == StatusCode::UNAUTHORIZED;
    let new_works = browser(server, "192.0.2.80")?
        .log_in_as(LIBRARIAN.name, &new_password)
        .await?
        .status
        == StatusCode::SEE_OTHER;
    notes.push(format!(
        "CLI reset-password: printed {ok}, old refused {old_fails}, new works {new_works}"
    ));
    let (deleted, _, _) = server.command(&["users", "delete", LIBRARIAN.name])?;
    let gone = browser(server, "192.0.2.81")?
        .log_in_as(LIBRARIAN.name, &new_password)
        .await?
        .status
        == StatusCode::UNAUTHORIZED;
    notes.push(format!("CLI delete: {deleted}, login refused {gone}"));
    let audit = admin.get("/staff/users").await?.body;
    let audited = [
        "user_disable",
        "user_enable",
        "user_reset_password",
        "user_delete",
    ]
    .iter()
    .all(|action| audit.contains(action));
    notes.push(format!("audited {audited}"));
    Ok(Finding {
        attack: "a staff login to disable, reset, sign out and delete",
        before: "no way to disable a user, reset a password or end sessions",
        after: notes.join("; "),
        held: kicked
            && locked
            && back
            && ok
            && old_fails
            && new_works
            && deleted
            && gone
            && audited,
    })
}

/// Formulas in exports, file modes, /metrics from outside.
async fn exports_and_files(server: &ServerProcess) -> anyhow::Result<Finding> {
    use std::os::unix::fs::PermissionsExt as _;
    let mut notes = Vec::new();
    let mut held = true;
    // A neighbourhood named like a formula, uploaded by city staff.
    let store = sync_server::DataDir::open_existing(&server.data_dir)?.open_store()?;
    let mut csv = String::from(
        "neighbourhood,population_15_plus,offline_share,opening_hours,default_locale\n",
    );
    for baseline in store.baselines()? {
        csv.push_str(&format!(
            "\"{}\",{},,{},{}\n",
            baseline.neighbourhood,
            baseline.population,
            baseline.opening_hours,
            baseline.default_locale
        ));
    }
    csv.push_str("\"=HYPERLINK(\"\"http://evil.example\"\")\",5000,,24/7,en\n");
    let mut city = logged_in(server, &CITY_STAFF).await?;
    let token = city.csrf("/staff/places").await?;
    let uploaded = city
        .upload(
            "/staff/places/baselines",
            &token,
            "baselines.csv",
            csv.into_bytes(),
        )
        .await?;
    // Analysts see the figures as they are now (published months stay as they were).
    let mut analyst = logged_in(server, &ANALYST).await?;
    let export = analyst.get("/staff/exports/figures.csv?month=all").await?;
    let neutral = export.body.contains("\"'=HYPERLINK(")
        && !export.body.lines().any(|line| line.starts_with('='));
    held &= uploaded.status == StatusCode::OK && neutral;
    notes.push(format!("formula cell neutralised {neutral}"));
    // Modes.
    let mode = |path: &Path| {
        std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0)
    };
    let dir_mode = mode(&server.data_dir);
    // The SQLite file, or on PostgreSQL the file naming the database (it may hold a password).
    let database_file =
        match sync_server::DataDir::open_existing(&server.data_dir)?.database_url()? {
            Some(_) => server.data_dir.join("database-url"),
            None => server.data_dir.join("sync-server.sqlite3"),
        };
    let db_mode = mode(&database_file);
    held &= dir_mode == 0o700 && db_mode == 0o600;
    notes.push(format!("data dir {dir_mode:o}, database {db_mode:o}"));
    // /metrics from outside, with and without the token, and from this machine.
    let mut outsider = browser(server, "203.0.113.5")?;
    let stranger = outsider.get("/metrics").await?.status;
    let request = outsider
        .client
        .get(format!("{}/metrics", server.url))
        .bearer_auth(METRICS_TOKEN);
    let with_token = outsider.send(request).await?.status;
    let local = StaffClient::new(&server.url, &server.fingerprint)?
        .get("/metrics")
        .await?
        .status;
    held &= stranger == StatusCode::FORBIDDEN
        && with_token == StatusCode::OK
        && local == StatusCode::OK;
    notes.push(format!(
        "/metrics from outside {}, with token {}, from this machine {}",
        stranger.as_u16(),
        with_token.as_u16(),
        local.as_u16()
    ));
    Ok(Finding {
        attack: "formulas in exports; file modes; /metrics from anywhere",
        before: "formulas passed through; data dir 0755, database 0644; /metrics open to anyone",
        after: notes.join("; "),
        held,
    })
}

/// 120 different months asked of the dashboard.
async fn figures_cache(server: &ServerProcess) -> anyhow::Result<Finding> {
    let mut city = logged_in(server, &CITY_STAFF).await?;
    let before = server.memory();
    let started = Instant::now();
    let mut answered = 0;
    for i in 0..120 {
        let month = format!("{}-{:02}", 1990 + i / 12, i % 12 + 1);
        if city
            .get(&format!("/staff/dashboard?month={month}"))
            .await?
            .status
            == StatusCode::OK
        {
            answered += 1;
        }
    }
    let grew = server.memory().rss - before.rss;
    Ok(Finding {
        attack: "the dashboard for 120 different months",
        before: "every month 1970–9999 cached, without bound",
        after: format!(
            "{answered} answered; resident memory +{grew:.0} MiB (cache holds at most {}); {:.1} s",
            sync_server::metrics::MAX_CACHED_MONTHS,
            started.elapsed().as_secs_f64()
        ),
        held: answered == 120 && grew < 64.0,
    })
}

/// The 45,000-neighbourhood baselines file, uploaded by city staff.
async fn baselines_bomb(server: &ServerProcess) -> anyhow::Result<Finding> {
    let mut csv = String::from(
        "neighbourhood,population_15_plus,offline_share,opening_hours,default_locale\n",
    );
    for i in 0..45_000 {
        csv.push_str(&format!("Area {i:05},1200,0.2,Mo-Fr 09:00-17:00,en\n"));
    }
    let bytes = csv.len();
    let mut city = logged_in(server, &CITY_STAFF).await?;
    let token = city.csrf("/staff/places").await?;
    let started = Instant::now();
    let page = city
        .upload(
            "/staff/places/baselines",
            &token,
            "baselines.csv",
            csv.into_bytes(),
        )
        .await?;
    let took = started.elapsed();
    let refused =
        page.status == StatusCode::UNPROCESSABLE_ENTITY && page.body.contains("at most 1000");
    Ok(Finding {
        attack: "baselines with 45,000 neighbourhoods uploaded by city staff",
        before: "stack overflow in suppression; the server aborted again on every restart",
        after: format!(
            "refused ({}, \"at most 1000\") in {} ms; {} KB file",
            page.status.as_u16(),
            took.as_millis(),
            bytes / 1000
        ),
        held: refused,
    })
}

/// A data directory from before the limit, with 12,000 neighbourhoods: start, ask the
/// dashboard, stop, run `sync-server metrics`.
fn oversized_city(server: &mut ServerProcess, watch: &HealthWatch) -> anyhow::Result<Finding> {
    let stopped = server.stop()?;
    let store = sync_server::DataDir::open_existing(&server.data_dir)?.open_store()?;
    let kept = store.baselines()?;
    let mut many = kept.clone();
    for i in 0..12_000 {
        many.push(sync_server::places::Baseline {
            neighbourhood: format!("Old area {i:05}"),
            population: 1_500,
            offline_share: Some(0.2),
            opening_hours: "Mo-Fr 09:00-17:00".into(),
            default_locale: "en".into(),
        });
    }
    store.import_baselines(&many, kiosk_core::clock::now())?;
    drop(store);
    let started = server.restart()?;
    watch.retarget(Some(server));
    let (dashboard, message) = crate::runtime()?.block_on(async {
        let mut city = logged_in(server, &CITY_STAFF).await?;
        let page = city.get("/staff/dashboard").await?;
        anyhow::Ok((page.status, page.body.contains("at most 1000")))
    })?;
    watch.retarget(None);
    // Let the watcher notice and close its connection.
    std::thread::sleep(Duration::from_millis(300));
    let shutdown = server.stop()?;
    let (cli_ok, cli_text, cli_took) = server.command(&["metrics", "--month", "2026-01"])?;
    let cli_refused = !cli_ok && cli_text.contains("at most 1000");
    // Back to a city that works, for whoever looks at the data afterwards.
    let store = sync_server::DataDir::open_existing(&server.data_dir)?.open_store()?;
    store.import_baselines(&kept, kiosk_core::clock::now())?;
    Ok(Finding {
        attack: "a data dir with 12,000 neighbourhoods: restart, dashboard, SIGTERM, `metrics`",
        before: "9 min of CPU at start, SIGTERM ignored; `metrics` past 16 GB",
        after: format!(
            "stopped in {} ms; started in {} ms; dashboard {} with the reason; SIGTERM obeyed in {} ms; `metrics` refused in {} ms",
            stopped.as_millis(),
            started.as_millis(),
            dashboard.as_u16(),
            shutdown.as_millis(),
            cli_took.as_millis()
        ),
        held: message
            && dashboard == StatusCode::SERVICE_UNAVAILABLE
            && shutdown < Duration::from_secs(6)
            && cli_refused,
    })
}
