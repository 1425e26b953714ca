//! A kiosk living for months: 1,000 visits through the real UI (Slint's testing backend), the
//! real recorder and the real sync worker, synced over HTTPS to a real server in another
//! process, in ten "months" (each month's acknowledged records let go as a month later).
//! Prints the kiosk's anonymous resident memory (heap; its binary's pages aside) and database size at the end of each month, and how much
//! each grew after the first. `cargo bench -p kiosk --bench soak [-- VISITS MONTHS]`.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/common/soak.rs"]
mod soak;

use std::process::ExitCode;

fn main() -> ExitCode {
    match soak::serve_if_asked() {
        Ok(true) => return ExitCode::SUCCESS,
        Ok(false) => {}
        Err(error) => {
            eprintln!("soak server: {error}");
            return ExitCode::FAILURE;
        }
    }
    let numbers: Vec<u32> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let visits = numbers.first().copied().unwrap_or(1000);
    let months = numbers.get(1).copied().unwrap_or(10);
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => {
            eprintln!("soak: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = common::use_kiosk_fonts(dir.path()) {
        eprintln!("soak: fonts: {error}");
        return ExitCode::FAILURE;
    }
    println!("Soak: {visits} visits in {months} months, through the UI, synced to a real server");
    let report = match soak::run(visits, months, |sample| {
        eprintln!(
            "  {} visits: RSS {:.1} MiB, database {} KiB + WAL {} KiB",
            sample.visits,
            sample.rss_kib as f64 / 1024.0,
            sample.database_bytes / 1024,
            sample.wal_bytes / 1024
        );
    }) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("soak: FAILED: {error}");
            return ExitCode::FAILURE;
        }
    };
    print!("{}", report.table());
    let seconds = report.elapsed.as_secs_f64();
    println!(
        "anonymous resident memory after the first month: {:+.2} MiB (bound: +5 MiB)",
        report.rss_growth_kib() as f64 / 1024.0
    );
    println!(
        "database (file and log) after the first month: {:+} KiB",
        report.database_growth_bytes() / 1024
    );
    println!(
        "{visits} visits in {seconds:.1} s ({:.1} visits/s)",
        f64::from(visits) / seconds
    );
    ExitCode::SUCCESS
}
