//! `cargo run -p system-tests --bin sync-bench [-- --quick | --fleet N [--fleet-only]]`:
//! what the sync protocol costs.
//! Prints a table: bytes on the wire per event (batches of 1,000 realistic events from the
//! kiosk's own simulator, CBOR + zstd) and per service request; records per second the
//! server's embedded SQLite store ingests from 1, 10 and 100 concurrent kiosks (the store
//! alone); 10,000 events through a 256 kbit/s link with 150 ms round trips that drops every
//! 64 KB; a relay chain (a tablet's records by USB stick and by a LAN kiosk to the server
//! through that link, the same records arriving twice); and a fleet of kiosks (200 by default) coming online at once against a server
//! process allowing 8 concurrent ingests (`--fleet N` kiosks; `--fleet-only` skips the rest).
//! With `SYNC_SERVER_TEST_POSTGRES` naming a PostgreSQL server (an admin URL), the fleet's
//! server keeps its data in a new database there.

use std::time::Instant;

use kiosk_core::recorder::Recorder;
use kiosk_core::session::SessionController;
use kiosk_core::store::LocalStore;
use rand::SeedableRng as _;
use sync_server::store::{EnrolmentCode, IncomingRecord};
use wire::{RecordBody, WireRecord, encode_batch};

fn main() -> anyhow::Result<()> {
    let fleet: usize = std::env::args()
        .skip_while(|a| a != "--fleet")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    if std::env::args().any(|a| a == "--fleet-only") {
        println!("| measure | value |");
        println!("|---|---|");
        return fleet_run(fleet);
    }
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("kiosk.sqlite3");
    let (visits, _) = simulated_visits(&path, 1_500, 7)?;
    for i in 0..1000u32 {
        // A sealed box of a name and a phone number: 48 bytes of overhead and ~40 of text.
        visits.keep(system_tests::sealed_request(
            &format!("K7PQ-M{i:03}-R9"),
            i,
            88,
        ));
    }
    visits.sink().flush()?;
    let store = LocalStore::open(&path)?;
    let all = store.unsent_records(usize::MAX, usize::MAX)?;
    let (requests, events): (Vec<WireRecord>, Vec<WireRecord>) = all
        .into_iter()
        .partition(|r| matches!(RecordBody::decode(&r.body), Ok(RecordBody::Request(_))));

    println!("| measure | value |");
    println!("|---|---|");
    // A batch dictionary as the server trains one: on other visits than those measured.
    let dictionary = trained_dictionary()?;
    for (size, aim) in [(1usize, "≤ 40"), (20, "≤ 16"), (100, ""), (1000, "")] {
        let batches: Vec<&[WireRecord]> = events.chunks(size).take(200).collect();
        let count: usize = batches.iter().map(|b| b.len()).sum();
        // As kiosks send them to a server that unpacks bodies: visit ids as their 16 bytes.
        let packed: Vec<Vec<WireRecord>> = batches.iter().map(|b| wire::pack_bodies(b)).collect();
        let per_event = |dictionary: Option<&wire::BatchDictionary>, pack: bool| {
            let bytes: usize = if pack {
                // As a kiosk sends them to this server: without the zstd frame magic too.
                packed
                    .iter()
                    .map(|b| {
                        wire::without_frame_magic(wire::encode_batch_with(b, dictionary)).len()
                    })
                    .sum()
            } else {
                batches
                    .iter()
                    .map(|b| wire::encode_batch_with(b, dictionary).len())
                    .sum()
            };
            bytes as f64 / count as f64
        };
        let aim = if aim.is_empty() {
            String::new()
        } else {
            format!(" (aim {aim})")
        };
        println!(
            "| bytes per event, batches of {size}: plain / with the {} B dictionary / packed and without the frame magic, with it{aim} | {:.1} / {:.1} / {:.1} |",
            dictionary.bytes().len(),
            per_event(None, false),
            per_event(Some(&dictionary), false),
            per_event(Some(&dictionary), true)
        );
    }
    if let Some(full) = events.chunks(wire::MAX_RECORDS_PER_BATCH).next() {
        let started = Instant::now();
        for _ in 0..10 {
            std::hint::black_box(wire::encode_batch_with(full, Some(&dictionary)));
        }
        println!(
            "| compressing a batch of {} events (CBOR + zstd, this machine) | {:.1} ms |",
            full.len(),
            started.elapsed().as_secs_f64() * 100.0
        );
    }
    for size in [1usize, 100] {
        let batches: Vec<&[WireRecord]> = requests.chunks(size).take(10).collect();
        let bytes: usize = batches.iter().map(|b| encode_batch(b).len()).sum();
        let count: usize = batches.iter().map(|b| b.len()).sum();
        println!(
            "| bytes per service request, batches of {size} | {:.1} |",
            bytes as f64 / count as f64
        );
    }

    // The server's store ingesting 1,000-record batches from concurrent kiosks.
    let server_dir = tempfile::tempdir()?;
    let server = sync_server::Store::open(&server_dir.path().join("server.sqlite3"))?;
    let incoming: Vec<IncomingRecord> = events
        .iter()
        .take(1000)
        .map(|r| {
            Ok(IncomingRecord {
                seq: r.seq,
                bytes: r.body.clone(),
                body: RecordBody::decode(&r.body)?,
            })
        })
        .collect::<Result<_, wire::DecodeError>>()?;
    for kiosks in [1usize, 10, 100] {
        let ids: Vec<String> = (0..kiosks).map(|k| format!("bench-{kiosks}-{k}")).collect();
        for id in &ids {
            server.add_enrolment_code(
                &EnrolmentCode {
                    code_hash: id.clone(),
                    site: "s".into(),
                    neighbourhood: "n".into(),
                    expires_at: i64::MAX,
                },
                0,
            )?;
            server.redeem_enrolment_code(id, id, id, "0", None, 0)?;
        }
        let batches_each = (40 / kiosks).max(1);
        let started = Instant::now();
        let stored: u64 = std::thread::scope(|scope| {
            let workers: Vec<_> = ids
                .iter()
                .map(|id| {
                    let (server, incoming) = (&server, &incoming);
                    scope.spawn(move || {
                        let mut stored = 0u64;
                        for round in 0..batches_each {
                            let shifted: Vec<IncomingRecord> = incoming
                                .iter()
                                .map(|r| IncomingRecord {
                                    seq: r.seq + (round * 10_000) as u64,
                                    ..r.clone()
                                })
                                .collect();
                            if let Ok(receipt) = server.ingest_records(id, &shifted, 0, 0) {
                                stored += u64::from(receipt.stored);
                            }
                        }
                        stored
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
        });
        println!(
            "| store ingest, {kiosks} concurrent kiosk(s), records/s | {:.0} |",
            stored as f64 / started.elapsed().as_secs_f64()
        );
    }

    link_run()?;
    let visits = if std::env::args().any(|a| a == "--quick") {
        50
    } else {
        500
    };
    visit_per_sync_run(visits, false)?;
    visit_per_sync_run(visits, true)?;
    relay_run(visits)?;
    content_run()?;
    if !std::env::args().any(|a| a == "--quick") {
        fleet_run(fleet)?;
    }
    Ok(())
}

/// A kiosk store at `path` with `count` visits from the kiosk's own simulator (seeded with
/// `seed`, in eight languages); returns its session controller and the random source.
fn simulated_visits(
    path: &std::path::Path,
    count: u32,
    seed: u64,
) -> anyhow::Result<(SessionController<Recorder>, rand::rngs::StdRng)> {
    let recorder = Recorder::spawn(LocalStore::open(path)?, || {})?;
    let mut visits = SessionController::new(recorder, kiosk_core::clock::now);
    let locales: Vec<String> = ["en", "es", "ar", "zh-Hans", "uk", "fr", "pt", "so"]
        .map(String::from)
        .to_vec();
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    kiosk_core::simulate::simulate(&mut visits, count, &locales, &mut rng);
    Ok((visits, rng))
}

/// A dictionary trained as `sync-server content train-dictionary` does, on 2,000 simulated
/// visits of another kiosk (another seed than the visits measured).
fn trained_dictionary() -> anyhow::Result<wire::BatchDictionary> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("kiosk.sqlite3");
    let (visits, mut rng) = simulated_visits(&path, 2_000, 8)?;
    visits.sink().flush()?;
    let rows: Vec<(String, u64, Vec<u8>)> = LocalStore::open(&path)?
        .unsent_records(usize::MAX, usize::MAX)?
        .into_iter()
        .map(|record| ("trainer".to_owned(), record.seq, record.body))
        .collect();
    let samples = sync_server::dictionaries::training_samples(&rows, &mut rng);
    let trained = zstd::dict::from_samples(&samples, sync_server::dictionaries::DICTIONARY_BYTES)?;
    Ok(wire::BatchDictionary::with_id(
        trained,
        wire::FIRST_DICTIONARY_ID,
    )?)
}

/// 10,000 events from one kiosk through a 256 kbit/s link with 150 ms round trips that drops
/// the connection every 64 KB, retried at once after each drop.
fn link_run() -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = sync_server::BackgroundServer::start(server_dir.path(), system_tests::any_port())?;
    let proxy = system_tests::fault_proxy::FaultProxy::start(server.address())?;
    let mut kiosk = system_tests::KioskCore::open(kiosk_dir.path())?;
    let kiosk_id = kiosk.enrol_via(&server, &proxy.url())?;
    kiosk.sync()?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let locales: Vec<String> = ["en", "es", "ar", "uk"].map(String::from).to_vec();
    let mut events = 0;
    while events < 10_000 {
        events += kiosk_core::simulate::simulate(&mut kiosk.visits, 50, &locales, &mut rng).events;
    }
    kiosk.flush()?;
    let store = kiosk.data_dir.open_store()?;
    let pending = store.unsent_records(usize::MAX, usize::MAX)?;
    let payload: usize = pending
        .chunks(wire::MAX_RECORDS_PER_BATCH)
        .map(|batch| encode_batch(batch).len())
        .sum();
    let raw: usize = pending.iter().map(|r| r.body.len()).sum();
    proxy.set_faults(system_tests::fault_proxy::Faults {
        latency: std::time::Duration::from_millis(75),
        bytes_per_second: Some(32_000),
        drop_after_upstream: Some(64 * 1024),
        ..Default::default()
    });
    let before = proxy.traffic();
    let started = Instant::now();
    let (mut passes, mut batch_bytes) = (0, 0u64);
    loop {
        passes += 1;
        let outcome = kiosk.sync();
        // Count every batch byte put on the wire, including passes a drop ended.
        if let Some(attempt) = kiosk.data_dir.open_store()?.last_sync_attempt()? {
            batch_bytes += attempt.bytes;
        }
        match outcome {
            Ok(report) if report.remaining == 0 => break,
            Ok(_) => {}
            Err(error) if error.is_retryable() && passes < 100 => {}
            Err(error) => anyhow::bail!("the link run failed: {error}"),
        }
    }
    let elapsed = started.elapsed();
    let after = proxy.traffic();
    let held = server
        .store()
        .record_kinds_of(&kiosk_id)?
        .iter()
        .filter(|(_, kind)| kind == "event")
        .count();
    println!(
        "| link run: events written / held by the server | {} / {held} |",
        pending.len()
    );
    println!(
        "| link run: total time (256 kbit/s, 150 ms RTT, drop every 64 KB) / the physical time of the bytes sent (aim: time ≤ 1.25 × physical) | {:.1} s / {:.1} s |",
        elapsed.as_secs_f64(),
        (after.upstream - before.upstream) as f64 / 32_000.0
    );
    println!("| link run: sync passes (each drop ends one) | {passes} |");
    println!("| link run: record bodies (CBOR) / compressed batches | {raw} B / {payload} B |");
    println!(
        "| link run: bytes kiosk→server on the wire (TLS, HTTP, handshakes included) | {} B |",
        after.upstream - before.upstream
    );
    println!(
        "| link run: batch bytes sent / retransmitted | {batch_bytes} B / {} B |",
        batch_bytes.saturating_sub(payload as u64)
    );
    Ok(())
}

/// A kiosk that syncs after each visit (about 8 events), `count` visits in a row, through the
/// bad link (256 kbit/s, 150 ms round trips, a drop every 64 KB), with a batch dictionary
/// the server trained on earlier visits; with a new connection each pass, or with the one the
/// last pass left open (as the kiosk's sync worker keeps it).
fn visit_per_sync_run(count: u32, keep_connection: bool) -> anyhow::Result<()> {
    let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let server = sync_server::BackgroundServer::start(server_dir.path(), system_tests::any_port())?;
    let proxy = system_tests::fault_proxy::FaultProxy::start(server.address())?;
    let mut kiosk = system_tests::KioskCore::open(kiosk_dir.path())?;
    kiosk.enrol_via(&server, &proxy.url())?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(12);
    let locales: Vec<String> = ["en", "es", "ar", "uk"].map(String::from).to_vec();
    kiosk_core::simulate::simulate(&mut kiosk.visits, 400, &locales, &mut rng);
    kiosk.flush()?;
    kiosk.sync()?;
    let shelf = sync_server::content::ContentShelf::new(server_dir.path());
    shelf.dictionaries.train(server.store(), 40_000)?;
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/sample");
    shelf.publish(&sample, None, 100)?;
    let store = kiosk.data_dir.open_store()?;
    system_tests::runtime()?.block_on(kiosk_core::sync::update_content(&store))?;
    kiosk.sync()?;
    proxy.set_faults(system_tests::fault_proxy::Faults {
        latency: std::time::Duration::from_millis(75),
        bytes_per_second: Some(32_000),
        drop_after_upstream: Some(64 * 1024),
        ..Default::default()
    });
    let runtime = system_tests::runtime()?;
    let limits = kiosk_core::sync::PassLimits {
        connections: keep_connection.then(kiosk_core::sync::Connections::default),
        ..Default::default()
    };
    let mut store = kiosk.data_dir.open_store()?;
    let mut link = kiosk_core::sync::LinkEstimate::default();
    let before = proxy.traffic();
    let started = Instant::now();
    let (mut events, mut batch_bytes, mut passes) = (0u64, 0u64, 0u32);
    for _ in 0..count {
        events += kiosk_core::simulate::simulate(&mut kiosk.visits, 1, &locales, &mut rng).events;
        kiosk.flush()?;
        loop {
            passes += 1;
            let outcome = runtime.block_on(kiosk_core::sync::sync_now_within(
                &mut store, &mut link, &limits,
            ));
            if outcome.is_err()
                && let Some(connections) = &limits.connections
            {
                connections.forget();
            }
            match outcome {
                Ok(report) => {
                    batch_bytes += report.bytes;
                    if report.remaining == 0 {
                        break;
                    }
                }
                Err(error) if error.is_retryable() && passes < 10 * count => {}
                Err(error) => anyhow::bail!("the visit-per-sync run failed: {error}"),
            }
        }
    }
    let elapsed = started.elapsed();
    let upstream = proxy.traffic().upstream - before.upstream;
    let how = if keep_connection {
        "one connection kept"
    } else {
        "a new connection each pass"
    };
    println!(
        "| one visit per sync × {count}, {how} ({events} events, {passes} passes) over the bad link: batch bytes / wire bytes kiosk→server, per event | {:.1} B / {:.0} B |",
        batch_bytes as f64 / events as f64,
        upstream as f64 / events as f64
    );
    println!(
        "| one visit per sync × {count}, {how}: total time / the physical time of the bytes sent | {:.1} s / {:.1} s |",
        elapsed.as_secs_f64(),
        upstream as f64 / 32_000.0
    );
    Ok(())
}

/// The bad link: 256 kbit/s, 150 ms round trips, a drop every 64 KB.
fn bad_link() -> system_tests::fault_proxy::Faults {
    system_tests::fault_proxy::Faults {
        latency: std::time::Duration::from_millis(75),
        bytes_per_second: Some(32_000),
        drop_after_upstream: Some(64 * 1024),
        ..Default::default()
    }
}

/// Sync passes until the kiosk carries nothing more for others (and has nothing of its own
/// waiting); the passes it took.
fn sync_until_relayed(kiosk: &system_tests::KioskCore) -> anyhow::Result<u32> {
    let mut passes = 0;
    loop {
        passes += 1;
        match kiosk.sync() {
            Ok(report)
                if report.remaining == 0
                    && kiosk.data_dir.open_store()?.carried_bundles()?.is_empty() =>
            {
                return Ok(passes);
            }
            Ok(_) => {}
            Err(error) if error.is_retryable() && passes < 200 => {}
            Err(error) => anyhow::bail!("the relay run failed: {error}"),
        }
    }
}

/// A tablet with no uplink records `visits` visits; its records go by USB stick to a library
/// kiosk, and by the LAN to another kiosk, both of which reach the server only through the
/// bad link: so the same records arrive twice. Prints what each hop cost beside the link's
/// physical time, and what the server holds.
fn relay_run(visits: u32) -> anyhow::Result<()> {
    use kiosk_core::relay::{lan, stick};
    let dirs: Vec<_> = (0..5)
        .map(|_| tempfile::tempdir())
        .collect::<Result<_, _>>()?;
    let server = sync_server::BackgroundServer::start(dirs[0].path(), system_tests::any_port())?;
    let proxy = system_tests::fault_proxy::FaultProxy::start(server.address())?;
    let mut tablet = system_tests::KioskCore::open(dirs[1].path())?;
    let tablet_id = tablet.enrol(&server)?;
    let library = system_tests::KioskCore::open(dirs[2].path())?;
    library.enrol_via(&server, &proxy.url())?;
    let neighbour = system_tests::KioskCore::open(dirs[3].path())?;
    neighbour.enrol_via(&server, &proxy.url())?;
    library.sync()?;
    neighbour.sync()?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    let locales: Vec<String> = ["en", "es", "ar", "uk"].map(String::from).to_vec();
    let events =
        kiosk_core::simulate::simulate(&mut tablet.visits, visits, &locales, &mut rng).events;
    tablet.flush()?;
    let records = tablet.data_dir.open_store()?.unsent_count()?;
    proxy.set_faults(bad_link());

    // By USB stick: export, import at the library, the library's passes through the link.
    let stick_dir = dirs[4].path();
    let started = Instant::now();
    let exported = {
        let store = tablet.data_dir.open_store()?;
        stick::export_to(&store, tablet.data_dir.path(), stick_dir)?
    };
    let bundle_bytes: u64 = std::fs::read_dir(stick_dir.join(stick::FOLDER).join("bundles"))?
        .flatten()
        .filter_map(|entry| entry.metadata().ok())
        .map(|meta| meta.len())
        .sum();
    let mut store = library.data_dir.open_store()?;
    stick::import_from(
        &mut store,
        library.data_dir.path(),
        stick_dir,
        kiosk_core::clock::now(),
    )?;
    let by_hand = started.elapsed();
    let before = proxy.traffic();
    let started = Instant::now();
    let passes = sync_until_relayed(&library)?;
    let forwarding = started.elapsed();
    let upstream = proxy.traffic().upstream - before.upstream;
    let held_after_stick = server.store().record_kinds_of(&tablet_id)?.len();

    // By the LAN, the same records again (the tablet has not heard back yet).
    let listener =
        lan::RelayListener::start(neighbour.data_dir.clone(), "127.0.0.1:0".parse()?, None)?;
    let runtime = system_tests::runtime()?;
    let started = Instant::now();
    let exchanged = runtime.block_on(lan::exchange(&tablet.data_dir, listener.address()))?;
    let on_lan = started.elapsed();
    let before_lan = proxy.traffic();
    let started = Instant::now();
    let lan_passes = sync_until_relayed(&neighbour)?;
    let lan_forwarding = started.elapsed();
    let lan_upstream = proxy.traffic().upstream - before_lan.upstream;
    let held = server.store().record_kinds_of(&tablet_id)?.len();

    // The acknowledgement back by the LAN.
    let back = runtime.block_on(lan::exchange(&tablet.data_dir, listener.address()))?;
    let waiting = tablet.data_dir.open_store()?.unsent_count()?;

    println!(
        "| relay chain: a tablet's records ({visits} visits, {events} events, {records} records) / in bundles on the stick | {} / {bundle_bytes} B ({:.1} B per record) |",
        exported.own_records,
        bundle_bytes as f64 / records as f64
    );
    println!(
        "| relay chain, tablet → USB stick → kiosk → server: export and import / the kiosk's passes over the bad link ({passes}) / the physical time of the bytes sent | {:.2} s / {:.1} s / {:.1} s |",
        by_hand.as_secs_f64(),
        forwarding.as_secs_f64(),
        upstream as f64 / 32_000.0
    );
    println!(
        "| relay chain, tablet → LAN kiosk → server, the same records again: exchange on the LAN / the kiosk's passes ({lan_passes}) / the physical time of the bytes sent | {:.2} s / {:.1} s / {:.1} s |",
        on_lan.as_secs_f64(),
        lan_forwarding.as_secs_f64(),
        lan_upstream as f64 / 32_000.0
    );
    println!(
        "| relay chain: records the server holds after the stick / after both routes (each stored once) / the tablet's records acknowledged back over the LAN, still waiting | {held_after_stick} / {held} / {}, {waiting} |",
        back.own_records_acked
    );
    let _ = exchanged;
    Ok(())
}

/// A content update where one file (a 200 KB service guide beside the sample's files)
/// changed by 1 %, fetched through the bad link (256 kbit/s, 150 ms round trips): as a delta,
/// against the same update fetched whole.
fn content_run() -> anyhow::Result<()> {
    let copy = |from: &std::path::Path, to: &std::path::Path| -> anyhow::Result<()> {
        for entry in walk(from)? {
            let target = to.join(entry.strip_prefix(from)?);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(&entry, target)?;
        }
        Ok(())
    };
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/sample");
    let bundle = tempfile::tempdir()?;
    copy(&sample, bundle.path())?;
    let guide = bundle.path().join("services/zz-bench-guide.toml");
    let words: String = (0..5_000u32)
        .map(|i| format!("w{} ", i.wrapping_mul(2_654_435_761) % 100_000))
        .collect();
    let mut service = String::from(
        "id = \"zz-bench-guide\"\ncategory = \"benefits\"\ntopic = \"benefits.guide\"\nchannels = [\"in_person\"]\n",
    );
    for locale in ["en", "es", "fr", "ar"] {
        service.push_str(&format!(
            "\n[text.{locale}]\nname = \"Guide {locale}\"\nsummary = \"A guide.\"\nwho = \"{words}\"\nbring = []\nwhere = \"Town Hall\"\nhow = \"Ask.\"\n"
        ));
    }
    std::fs::write(&guide, service)?;
    let files = walk(bundle.path())?.len();
    let mut measured = Vec::new();
    for as_delta in [true, false] {
        let (server_dir, kiosk_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
        let server =
            sync_server::BackgroundServer::start(server_dir.path(), system_tests::any_port())?;
        let proxy = system_tests::fault_proxy::FaultProxy::start(server.address())?;
        let kiosk = system_tests::KioskCore::open(kiosk_dir.path())?;
        kiosk.enrol_via(&server, &proxy.url())?;
        let shelf = sync_server::content::ContentShelf::new(server_dir.path());
        shelf.publish(bundle.path(), None, 100)?;
        let update = || -> anyhow::Result<u64> {
            let store = kiosk.data_dir.open_store()?;
            match system_tests::runtime()?.block_on(kiosk_core::sync::update_content(&store))? {
                kiosk_core::sync::ContentOutcome::Installed { downloaded, .. } => Ok(downloaded),
                other => anyhow::bail!("the content was not installed: {other:?}"),
            }
        };
        update()?;
        // 1 % of the guide changes.
        let original = std::fs::read(&guide)?;
        let mut text = original.clone();
        // Inside the English text, so the file stays a valid service.
        let (at, span) = (text.len() / 10, text.len() / 100);
        let other: String = (0..span as u32)
            .map(|i| format!("z{} ", i.wrapping_mul(40_503) % 100_000))
            .collect();
        text[at..at + span].copy_from_slice(&other.as_bytes()[..span]);
        std::fs::write(&guide, &text)?;
        shelf.publish(bundle.path(), None, 200)?;
        if !as_delta {
            // Without the older file the kiosk has nothing to make a delta against.
            let installed = kiosk_dir
                .path()
                .join("content/versions/1/services/zz-bench-guide.toml");
            std::fs::remove_file(installed)?;
        }
        proxy.set_faults(system_tests::fault_proxy::Faults {
            latency: std::time::Duration::from_millis(75),
            bytes_per_second: Some(32_000),
            ..Default::default()
        });
        let started = Instant::now();
        let fetched = update()?;
        measured.push((fetched, started.elapsed()));
        // The guide as it was, for the other run.
        std::fs::write(&guide, &original)?;
    }
    for ((fetched, took), how) in measured.iter().zip(["as a delta", "whole"]) {
        println!(
            "| content update, 1 file of {files} changed by 1 %, fetched {how} (256 kbit/s, 150 ms RTT): bytes / time / the bytes' physical time | {fetched} B / {:.2} s / {:.2} s |",
            took.as_secs_f64(),
            *fetched as f64 / 32_000.0
        );
    }
    Ok(())
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(walk(&path)?);
        } else {
            found.push(path);
        }
    }
    Ok(found)
}

/// `kiosks` kiosks with a day of visits each come online at once against a server process.
fn fleet_run(kiosks: usize) -> anyhow::Result<()> {
    let server_dir = tempfile::tempdir()?;
    let address = std::net::TcpListener::bind(system_tests::any_port())?.local_addr()?;
    let child = std::env::current_exe()?.with_file_name("fault-child");
    let mut server = std::process::Command::new(&child)
        .args([
            "server",
            &server_dir.path().display().to_string(),
            &address.to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot start {} (build it first): {e}", child.display()))?;
    while std::net::TcpStream::connect(address).is_err() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let data = sync_server::DataDir::open(server_dir.path())?;
    let fingerprint = data
        .tls_identity(&["localhost".to_owned(), "127.0.0.1".to_owned()])?
        .fingerprint();
    let store = data.open_store()?;
    let dirs: Vec<tempfile::TempDir> = (0..kiosks)
        .map(|_| tempfile::tempdir())
        .collect::<Result<_, _>>()?;
    let mut written = 0u64;
    for (i, dir) in dirs.iter().enumerate() {
        let mut kiosk = system_tests::KioskCore::open(dir.path())?;
        let code = sync_server::enrolment::create_code(&store, "Library", "Old Town", 1)?;
        system_tests::runtime()?.block_on(kiosk_core::sync::enrol(
            &kiosk.data_dir.open_store()?,
            &format!("https://{address}"),
            fingerprint.parse()?,
            &code.code,
        ))?;
        let mut rng = rand::rngs::StdRng::seed_from_u64(i as u64);
        written +=
            kiosk_core::simulate::simulate(&mut kiosk.visits, 60, &["en".to_owned()], &mut rng)
                .events;
        kiosk.flush()?;
    }
    let started = Instant::now();
    let busy = std::sync::atomic::AtomicU64::new(0);
    std::thread::scope(|scope| {
        for dir in &dirs {
            let busy = &busy;
            scope.spawn(move || {
                let Ok(data_dir) = kiosk_core::data_dir::DataDir::open(dir.path()) else {
                    return;
                };
                let Ok(runtime) = system_tests::runtime() else {
                    return;
                };
                let mut link = kiosk_core::sync::LinkEstimate::default();
                let mut backoff = kiosk_core::sync::backoff::Backoff::default();
                for _ in 0..200 {
                    let Ok(mut store) = data_dir.open_store() else {
                        return;
                    };
                    match runtime.block_on(kiosk_core::sync::sync_now(&mut store, &mut link)) {
                        Ok(report) if report.remaining == 0 => return,
                        Ok(_) => {}
                        Err(kiosk_core::sync::SyncError::ServerTrouble { retry_after, .. }) => {
                            busy.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            // As the worker does: full jitter, never sooner than asked.
                            let wait = backoff
                                .next_delay(rand::random::<f64>())
                                .max(std::time::Duration::from_secs(retry_after.unwrap_or(0)));
                            std::thread::sleep(wait);
                        }
                        Err(_) => std::thread::sleep(backoff.next_delay(rand::random::<f64>())),
                    }
                }
            });
        }
    });
    let drained = started.elapsed();
    let peak_kib = std::fs::read_to_string(format!("/proc/{}/status", server.id()))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<u64>().ok())
        })
        .unwrap_or(0);
    let held: u64 = store.kiosks()?.iter().map(|k| k.records_stored).sum();
    let _ = server.kill();
    let _ = server.wait();
    println!(
        "| fleet: {kiosks} kiosks online at once, events written / held | {written} / {held} |"
    );
    println!(
        "| fleet: time until all drained | {:.1} s |",
        drained.as_secs_f64()
    );
    println!(
        "| fleet: 503 Retry-After answers | {} |",
        busy.load(std::sync::atomic::Ordering::Relaxed)
    );
    println!(
        "| fleet: server process peak memory (VmHWM) | {:.1} MiB |",
        peak_kib as f64 / 1024.0
    );
    Ok(())
}
