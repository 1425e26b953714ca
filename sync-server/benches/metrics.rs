//! `cargo bench -p sync-server --bench metrics [-- --events N] [--postgres ADMIN_URL]`: what
//! the access-gap metrics cost at city scale, on SQLite and, given a PostgreSQL server (an
//! admin URL, or `SYNC_SERVER_BENCH_POSTGRES`; `scripts/bench-backends` starts a throwaway
//! one), on PostgreSQL beside it. Prints a table, one column per backend:
//!
//! - ingest throughput while roll-ups are kept (N events, default 10 million, from 200 kiosks
//!   in 16 neighbourhoods over 12 months, in batches of 1,000 through the upload decoder and
//!   the store), by one process and by two processes at once (more kiosks' events);
//! - dashboard and CSV export response times over real HTTPS from a `sync-server serve`
//!   process, p50 and p99, with the month's figures computed afresh for every request (a late
//!   record for that month arrived in between) and from the cache;
//! - the server process's peak memory;
//! - the time to roll up one kiosk's three weeks of late records;
//! - the database's size, and the time `sync-server migrate` takes to copy the SQLite city
//!   into PostgreSQL.

use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use sync_server::store::{EnrolmentCode, Role, Store};
use wire::{
    AccessibilityFeature, AvailabilityRecord, EventKind, EventRecord, RecordBody, WireRecord,
};

const KIOSKS: usize = 200;
const NEIGHBOURHOODS: usize = 16;
const MONTHS: i64 = 12;
const START: i64 = 1_764_547_200; // 2025-12-01 00:00 UTC

/// Writes numbered records for one kiosk in batches through the upload decoder and the store.
struct Feeder<'a> {
    store: &'a Store,
    kiosk: String,
    seq: u64,
    pending: Vec<WireRecord>,
    events: u64,
}

impl Feeder<'_> {
    fn push(&mut self, body: RecordBody, received_at: i64) -> anyhow::Result<()> {
        if matches!(body, RecordBody::Event(_)) {
            self.events += 1;
        }
        self.seq += 1;
        self.pending.push(WireRecord {
            seq: self.seq,
            body: body.encode(),
        });
        if self.pending.len() == wire::MAX_RECORDS_PER_BATCH {
            self.flush(received_at)?;
        }
        Ok(())
    }

    /// One visit's events (made up by [`visit`]) in its hour.
    fn push_visit(
        &mut self,
        rng: &mut StdRng,
        hour: i64,
        session: String,
        received_at: i64,
    ) -> anyhow::Result<()> {
        let mut kinds = Vec::new();
        visit(rng, hour, &mut kinds);
        for kind in kinds {
            self.push(
                RecordBody::Event(EventRecord {
                    session: session.clone(),
                    hour,
                    kind,
                }),
                received_at,
            )?;
        }
        Ok(())
    }

    fn flush(&mut self, received_at: i64) -> anyhow::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = wire::encode_batch(&self.pending);
        let records = sync_server::api::sync::decode(&batch, None).map_err(anyhow::Error::msg)?;
        self.store
            .ingest_records(&self.kiosk, &records, batch.len() as u64, received_at)?;
        self.pending.clear();
        Ok(())
    }
}

fn visit(rng: &mut StdRng, hour: i64, out: &mut Vec<EventKind>) {
    out.clear();
    out.push(EventKind::SessionStarted);
    if rng.random_bool(0.3) {
        let locales = ["es", "ar", "fr", "pl", "uk", "zh-Hans"];
        out.push(EventKind::LanguageChosen {
            locale: locales[rng.random_range(0..locales.len())].into(),
        });
    }
    if rng.random_bool(0.2) {
        out.push(EventKind::AccessibilityUsed {
            feature: AccessibilityFeature::LargeText,
        });
    }
    if rng.random_bool(0.15) {
        let module = ["email-basics", "spotting-scams", "strong-passwords"][rng.random_range(0..3)];
        out.push(EventKind::ModuleStarted {
            module: module.into(),
        });
        out.push(EventKind::ModuleFinished {
            module: module.into(),
            passed: rng.random_bool(0.6),
        });
    } else {
        let topic = [
            "housing.repairs",
            "benefits.food",
            "jobs.cv",
            "health.doctor",
        ][rng.random_range(0..4)];
        let found = rng.random_bool(0.8);
        out.push(EventKind::Searched {
            results: if found { 3 } else { 0 },
            topic: found.then(|| topic.to_owned()),
        });
        out.push(EventKind::ServiceViewed {
            topic: topic.into(),
        });
        if rng.random_bool(0.3) {
            out.push(EventKind::RequestStarted {
                topic: topic.into(),
            });
            if rng.random_bool(0.7) {
                out.push(EventKind::RequestSubmitted {
                    topic: topic.into(),
                });
            }
        }
    }
    if rng.random_bool(0.08) {
        out.push(EventKind::StaffAssisted);
    }
    out.push(EventKind::SessionEnded {
        reason: wire::EndReason::Finished,
    });
    let _ = hour;
}

/// What one backend measured.
struct Figures {
    events: u64,
    records: u64,
    ingest: Duration,
    two_processes: Option<(u64, Duration)>,
    db_bytes: u64,
    timings: Vec<(&'static str, bool, Duration, Duration)>,
    first_page: Duration,
    peak_kib: u64,
    late_events: u64,
    late: Duration,
    month: String,
    migration: Option<(u64, Duration)>,
}

fn argument(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

fn main() -> anyhow::Result<()> {
    // A child of the two-process ingest: `--ingest-worker DIR FIRST COUNT EVENTS`.
    if let Some(dir) = argument("--ingest-worker") {
        let numbers: Vec<u64> = std::env::args()
            .skip_while(|a| a != "--ingest-worker")
            .skip(2)
            .filter_map(|n| n.parse().ok())
            .collect();
        let [first, count, events] = numbers[..] else {
            anyhow::bail!("--ingest-worker DIR FIRST COUNT EVENTS");
        };
        let store =
            sync_server::DataDir::open_existing(std::path::Path::new(&dir))?.open_store()?;
        ingest_kiosks(
            &store,
            first as usize..(first + count) as usize,
            events,
            7 + first,
        )?;
        return Ok(());
    }
    let target: u64 = argument("--events")
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000_000);
    let postgres =
        argument("--postgres").or_else(|| std::env::var("SYNC_SERVER_BENCH_POSTGRES").ok());
    let sqlite_dir = tempfile::tempdir()?;
    let mut columns = vec![("SQLite", run(sqlite_dir.path(), None, target)?)];
    if let Some(admin) = &postgres {
        let dir = tempfile::tempdir()?;
        let mut figures = run(dir.path(), Some(admin), target)?;
        // The SQLite city moved into PostgreSQL, as `sync-server migrate` does.
        let name = format!("migrated_{}", std::process::id());
        let url = sync_server::store::create_postgres_database(admin, &name)?;
        let target_store = Store::open_postgres(&url)?;
        let source = sync_server::DataDir::open_existing(sqlite_dir.path())?.open_store()?;
        let started = Instant::now();
        let report = source.copy_to(&target_store, |_, _| {})?;
        figures.migration = Some((report.rows.values().sum(), started.elapsed()));
        columns.push(("PostgreSQL", figures));
    }
    print_table(&columns);
    Ok(())
}

/// Builds a city of about `target` events on SQLite in `dir`, or on a new database of the
/// PostgreSQL server `postgres` names, and measures it.
fn run(dir: &std::path::Path, postgres: Option<&str>, target: u64) -> anyhow::Result<Figures> {
    let data = sync_server::DataDir::open(dir)?;
    if let Some(admin) = postgres {
        let name = format!("bench_{}_{}", std::process::id(), target);
        data.write_database_url(Some(&sync_server::store::create_postgres_database(
            admin, &name,
        )?))?;
    }
    eprintln!(
        "{}: building a city of {target} events…",
        if postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    let store = data.open_store()?;
    let now = START + MONTHS * 30 * 86_400 + 86_400;

    // Places: neighbourhoods with baselines, kiosks enrolled at their sites.
    let mut csv = String::from(
        "neighbourhood,population_15_plus,offline_share,opening_hours,default_locale\n",
    );
    for n in 0..NEIGHBOURHOODS {
        csv.push_str(&format!(
            "Area {n:02},{},0.{:02},Mo-Sa 09:00-19:00,en\n",
            8000 + n * 2500,
            5 + n * 2
        ));
    }
    store.import_baselines(
        &sync_server::places::parse_baselines(csv.as_bytes())?,
        START,
    )?;
    enrol_kiosks(&store, 0..KIOSKS)?;
    sync_server::accounts::add_user(
        &store,
        "city",
        Role::CityStaff,
        "city-staff-password",
        &[],
        START,
    )?;

    // Ingest: kiosks' months of visits, hour by hour, until the target is reached.
    let started = Instant::now();
    let (events, records) = ingest_kiosks(&store, 0..KIOSKS, target / KIOSKS as u64, 2026)?;
    let ingest = started.elapsed();
    let mut rng = StdRng::seed_from_u64(2027);

    // Late records: one kiosk's three weeks offline, delivered at once.
    let late_kiosk = "kiosk-000";
    let mut feeder = Feeder {
        store: &store,
        kiosk: late_kiosk.into(),
        seq: 10_000_000,
        pending: Vec::new(),
        events: 0,
    };
    let late_start = Instant::now();
    let mut hour = now - 21 * 86_400;
    while hour < now {
        if (9..19).contains(&((hour / 3600) % 24)) {
            for _ in 0..6 {
                let session = format!("{:032x}", rng.random::<u128>());
                feeder.push_visit(&mut rng, hour, session, now)?;
            }
        }
        hour += 3600;
    }
    feeder.flush(now)?;
    let late = late_start.elapsed();
    let late_events = feeder.events;
    // Two more processes' worth of kiosks sending at once (each its own process and store).
    enrol_kiosks(&store, KIOSKS..3 * KIOSKS)?;
    let per_worker_kiosk = (target / KIOSKS as u64 / 4).max(1);
    let started = Instant::now();
    let workers: Vec<_> = [KIOSKS, 2 * KIOSKS]
        .iter()
        .map(|first| {
            std::process::Command::new(std::env::current_exe()?)
                .arg("--ingest-worker")
                .arg(dir)
                .args([
                    first.to_string(),
                    KIOSKS.to_string(),
                    per_worker_kiosk.to_string(),
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
        })
        .collect::<Result<_, _>>()?;
    for mut worker in workers {
        anyhow::ensure!(worker.wait()?.success(), "an ingest worker failed");
    }
    let two = started.elapsed();
    let two_events = 2 * KIOSKS as u64 * per_worker_kiosk;
    let db_bytes = store.database_size()?;
    drop(store);

    // The server as its own process, measured over HTTPS.
    let address = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_sync-server"))
        .args(["serve", "--listen", &address.to_string(), "--data-dir"])
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    while std::net::TcpStream::connect(address).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let store = data.open_store()?;
    let month = sync_server::metrics::Calendar::utc().month_of(START + 200 * 86_400);
    let (month_start, _) = sync_server::metrics::Calendar::utc().month_bounds(&month)?;
    let mut late_feeder = Feeder {
        store: &store,
        kiosk: "kiosk-001".into(),
        seq: 20_000_000,
        pending: Vec::new(),
        events: 0,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let timings = runtime.block_on(async {
        let _ = rustls::crypto::ring::default_provider().install_default();
        // The bench's own server on loopback: its self-signed certificate is accepted.
        let client = reqwest::Client::builder()
            .danger_accept_invalid_certs(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let base = format!("https://{address}");
        let login = client.get(format!("{base}/staff/login")).send().await?;
        let cookie = login
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .unwrap_or("")
            .to_owned();
        let token = cookie
            .split_once('=')
            .map(|(_, v)| v.to_owned())
            .unwrap_or_default();
        let answer = client
            .post(format!("{base}/staff/login"))
            .header("cookie", &cookie)
            .form(&[
                ("name", "city"),
                ("password", "city-staff-password"),
                ("csrf", token.as_str()),
            ])
            .send()
            .await?;
        let session = answer
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("__Host-staff="))
            .and_then(|v| v.split(';').next())
            .unwrap_or("")
            .to_owned();
        let mut results = Vec::new();
        // The server's first page after it started (it computes recent months as it starts).
        let t = Instant::now();
        let first = client
            .get(format!("{base}/staff/dashboard?month={month}"))
            .header("cookie", &session)
            .send()
            .await?;
        let _ = first.bytes().await?;
        let first_page = t.elapsed();
        for (label, path) in [
            ("dashboard", format!("/staff/dashboard?month={month}")),
            (
                "CSV export, one month",
                format!("/staff/exports/figures.csv?month={month}"),
            ),
        ] {
            for fresh in [true, false] {
                let mut times = Vec::new();
                for i in 0..60 {
                    if fresh {
                        // A late record for that month arrived: its figures are computed again.
                        let session = format!("{i:032x}");
                        let event = EventRecord {
                            session,
                            hour: month_start + 36_000,
                            kind: EventKind::SessionStarted,
                        };
                        late_feeder.push(RecordBody::Event(event), now)?;
                        late_feeder.flush(now)?;
                    }
                    let t = Instant::now();
                    let response = client
                        .get(format!("{base}{path}"))
                        .header("cookie", &session)
                        .send()
                        .await?;
                    anyhow::ensure!(
                        response.status().is_success(),
                        "{path}: {}",
                        response.status()
                    );
                    let _ = response.bytes().await?;
                    times.push(t.elapsed());
                }
                times.sort();
                results.push((
                    label,
                    fresh,
                    times[times.len() / 2],
                    times[times.len() * 99 / 100],
                ));
            }
        }
        anyhow::Ok((first_page, results))
    })?;
    let (first_page, timings) = timings;
    let peak_kib = std::fs::read_to_string(format!("/proc/{}/status", server.id()))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        })
        .unwrap_or(0);
    let _ = server.kill();
    let _ = server.wait();

    Ok(Figures {
        events,
        records,
        ingest,
        two_processes: Some((two_events, two)),
        db_bytes,
        timings,
        first_page,
        peak_kib,
        late_events,
        late,
        month,
        migration: None,
    })
}

/// Enrols kiosks `kiosk-NNN` for each number of `kiosks`, at sites spread over the areas.
fn enrol_kiosks(store: &Store, kiosks: std::ops::Range<usize>) -> anyhow::Result<()> {
    for k in kiosks {
        let code = format!("bench-{k}");
        store.add_enrolment_code(
            &EnrolmentCode {
                code_hash: code.clone(),
                site: format!("Site {k:03}"),
                neighbourhood: format!("Area {:02}", k % NEIGHBOURHOODS),
                expires_at: START + 10,
            },
            START - 10,
        )?;
        store.redeem_enrolment_code(
            &code,
            &format!("kiosk-{k:03}"),
            &format!("token-{k}"),
            "bench",
            None,
            START,
        )?;
    }
    Ok(())
}

/// Each kiosk of `kiosks` sends `per_kiosk` events of months of visits, hour by hour, in
/// batches; returns the events and records stored.
fn ingest_kiosks(
    store: &Store,
    kiosks: std::ops::Range<usize>,
    per_kiosk: u64,
    seed: u64,
) -> anyhow::Result<(u64, u64)> {
    let mut rng = StdRng::seed_from_u64(seed);
    let started = Instant::now();
    let mut events = 0u64;
    let mut records = 0u64;
    for k in kiosks {
        let mut feeder = Feeder {
            store,
            kiosk: format!("kiosk-{k:03}"),
            seq: 0,
            pending: Vec::new(),
            events: 0,
        };
        let mut hour = START;
        let open_hours = (MONTHS * 30 * 10) as f64;
        let visits_per_hour = per_kiosk as f64 / 8.0 / open_hours;
        while feeder.events < per_kiosk {
            let local = (hour / 3600) % 24;
            if (9..19).contains(&local)
                && sync_server::metrics::Calendar::utc().hour_of_week(hour) < 144
            {
                let received = hour + 3600;
                feeder.push(
                    RecordBody::Availability(AvailabilityRecord {
                        hour,
                        usable_minutes: 60,
                    }),
                    received,
                )?;
                let expected = visits_per_hour * rng.random_range(0.5..1.5);
                let visits = expected.floor() as u32 + u32::from(rng.random_bool(expected.fract()));
                for v in 0..visits {
                    let session = format!("{:016x}{:08x}{:08x}", rng.random::<u64>(), k, v);
                    feeder.push_visit(&mut rng, hour, session, received)?;
                }
            }
            hour += 3600;
            if hour > START + MONTHS * 31 * 86_400 {
                hour = START;
            }
        }
        feeder.flush(hour + 3600)?;
        events += feeder.events;
        records += feeder.seq;
        if k % 20 == 19 {
            eprintln!(
                "  {} kiosks, {events} events, {:.0} events/s",
                k + 1,
                events as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    Ok((events, records))
}

/// One row per measure, one column per backend.
fn print_table(columns: &[(&str, Figures)]) {
    let header: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    println!("| measure | {} |", header.join(" | "));
    println!("|---|{}", "---|".repeat(columns.len()));
    let row = |label: String, cell: &dyn Fn(&Figures) -> String| {
        let cells: Vec<String> = columns.iter().map(|(_, f)| cell(f)).collect();
        println!("| {label} | {} |", cells.join(" | "));
    };
    row(
        format!(
            "events ingested (records incl. availability), {KIOSKS} kiosks, {NEIGHBOURHOODS} neighbourhoods, {MONTHS} months"
        ),
        &|f| format!("{} ({})", f.events, f.records),
    );
    row("ingest with roll-ups kept, one process".into(), &|f| {
        format!(
            "{:.0} events/s ({:.1} s)",
            f.events as f64 / f.ingest.as_secs_f64(),
            f.ingest.as_secs_f64()
        )
    });
    row(
        "ingest with roll-ups kept, two processes at once".into(),
        &|f| match f.two_processes {
            Some((events, took)) => format!(
                "{:.0} events/s ({events} events, {:.1} s)",
                events as f64 / took.as_secs_f64(),
                took.as_secs_f64()
            ),
            None => "–".into(),
        },
    );
    row("database size".into(), &|f| {
        format!("{:.0} MiB", f.db_bytes as f64 / 1_048_576.0)
    });
    if let Some((_, first)) = columns.first() {
        for (index, (label, fresh, _, _)) in first.timings.iter().enumerate() {
            let how = if *fresh { "computed afresh" } else { "cached" };
            row(
                format!("{label} {}, {how}: p50 / p99", first.month),
                &|f| match f.timings.get(index) {
                    Some((_, _, p50, p99)) => format!(
                        "{:.1} ms / {:.1} ms",
                        p50.as_secs_f64() * 1e3,
                        p99.as_secs_f64() * 1e3
                    ),
                    None => "–".into(),
                },
            );
        }
    }
    row(
        "dashboard, the server's first page after start".into(),
        &|f| format!("{:.1} ms", f.first_page.as_secs_f64() * 1e3),
    );
    row("server process peak memory (VmHWM)".into(), &|f| {
        format!("{:.1} MiB", f.peak_kib as f64 / 1024.0)
    });
    row(
        "one kiosk's three weeks of late records rolled up".into(),
        &|f| {
            format!(
                "{:.0} ms ({} events)",
                f.late.as_secs_f64() * 1e3,
                f.late_events
            )
        },
    );
    row(
        "the SQLite city copied in (`sync-server migrate --to`)".into(),
        &|f| match f.migration {
            Some((rows, took)) => format!("{:.1} s ({rows} rows)", took.as_secs_f64()),
            None => "–".into(),
        },
    );
}
