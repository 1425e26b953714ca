//! `cargo run -p system-tests --release --bin sync-bench`: what the sync protocol costs.
//! Prints a table: bytes on the wire per event (batches of 1,000 realistic events from the
//! kiosk's own simulator, CBOR + zstd), per service request, and how many records per second
//! the server's embedded SQLite store ingests (the store alone, no HTTPS).

use std::time::Instant;

use kiosk::recorder::Recorder;
use kiosk::session::SessionController;
use kiosk::store::LocalStore;
use rand::SeedableRng as _;
use sync_server::store::{EnrolmentCode, IncomingRecord};
use wire::{RecordBody, WireRecord, encode_batch};

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("kiosk.sqlite3");
    let recorder = Recorder::spawn(LocalStore::open(&path)?, || {})?;
    let mut visits = SessionController::new(recorder, kiosk::clock::now);
    let locales: Vec<String> = ["en", "es", "ar", "zh-Hans", "uk", "fr", "pt", "so"]
        .map(String::from)
        .to_vec();
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    kiosk::simulate::simulate(&mut visits, 1_500, &locales, &mut rng);
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
    for size in [1usize, 100, 1000] {
        let batches: Vec<&[WireRecord]> = events.chunks(size).take(10).collect();
        let bytes: usize = batches.iter().map(|b| encode_batch(b).len()).sum();
        let count: usize = batches.iter().map(|b| b.len()).sum();
        println!(
            "| bytes per event, batches of {size} | {:.1} |",
            bytes as f64 / count as f64
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

    // The server's store ingesting 1,000-record batches from several kiosks in turn.
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
    for kiosks in [1usize, 10] {
        for k in 0..kiosks {
            let id = format!("bench-{kiosks}-{k}");
            server.add_enrolment_code(
                &EnrolmentCode {
                    code_hash: id.clone(),
                    site: "s".into(),
                    neighbourhood: "n".into(),
                    expires_at: i64::MAX,
                },
                0,
            )?;
            server.redeem_enrolment_code(&id, &id, &id, "0", None, 0)?;
        }
        let rounds = 20 / kiosks.max(1) + 1;
        let started = Instant::now();
        let mut stored = 0u64;
        for round in 0..rounds {
            for k in 0..kiosks {
                let shifted: Vec<IncomingRecord> = incoming
                    .iter()
                    .map(|r| IncomingRecord {
                        seq: r.seq + (round * 10_000) as u64,
                        ..r.clone()
                    })
                    .collect();
                let receipt =
                    server.ingest_records(&format!("bench-{kiosks}-{k}"), &shifted, 0, 0)?;
                stored += u64::from(receipt.stored);
            }
        }
        println!(
            "| store ingest, {kiosks} kiosk(s), records/s | {:.0} |",
            stored as f64 / started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
