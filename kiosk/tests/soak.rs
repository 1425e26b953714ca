//! A kiosk living for months, in small (see `common/soak.rs`; `cargo bench -p kiosk --bench
//! soak` runs 1,000 visits): 200 visits through the real UI in four "months", synced to a real
//! server in another process. Once the first month has warmed the kiosk up, its anonymous
//! resident memory (heap and stacks; the binary's own pages, which grow as code first runs,
//! aside) grows by no more than 5 MiB, and with each month's acknowledged records let go its
//! database (file and log) does not grow.
//!
//! Not run by the test harness (`harness = false`): this binary is also the soak's server.

#[path = "common/mod.rs"]
mod common;
#[path = "common/soak.rs"]
mod soak;

use std::process::ExitCode;

/// Resident memory the kiosk may gain from the end of the first month to the end.
const MAX_RSS_GROWTH_KIB: i64 = 5 * 1024;
/// Database growth allowed after the first month while the kiosk's capped tables (the sync
/// log keeps 200 passes) fill up.
const MAX_DATABASE_GROWTH_BYTES: i64 = 256 * 1024;
/// Database growth allowed over the last two months, once those are full: a few pages.
const MAX_LATE_DATABASE_GROWTH_BYTES: i64 = 64 * 1024;

fn main() -> ExitCode {
    match soak::serve_if_asked() {
        Ok(true) => return ExitCode::SUCCESS,
        Ok(false) => {}
        Err(error) => {
            eprintln!("soak server: {error}");
            return ExitCode::FAILURE;
        }
    }
    // `cargo test NAME` passes NAME on: run only when it names this test.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with('-'))
        .collect();
    if !filters.is_empty() && !filters.iter().any(|f| "soak".contains(f.as_str())) {
        return ExitCode::SUCCESS;
    }
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
    let report = match soak::run(200, 4, |_| {}) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("soak: FAILED: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "soak: 200 visits in {:.1} s\n{}",
        report.elapsed.as_secs_f64(),
        report.table()
    );
    let mut ok = true;
    if report.rss_growth_kib() > MAX_RSS_GROWTH_KIB {
        eprintln!(
            "soak: FAILED: anonymous resident memory (heap) grew {} KiB after the first month (at most {MAX_RSS_GROWTH_KIB})",
            report.rss_growth_kib()
        );
        ok = false;
    }
    if report.database_growth_bytes() > MAX_DATABASE_GROWTH_BYTES {
        eprintln!(
            "soak: FAILED: the database grew {} bytes after the first month (at most {MAX_DATABASE_GROWTH_BYTES})",
            report.database_growth_bytes()
        );
        ok = false;
    }
    if report.database_growth_since(1) > MAX_LATE_DATABASE_GROWTH_BYTES {
        eprintln!(
            "soak: FAILED: the database grew {} bytes over the last two months (at most {MAX_LATE_DATABASE_GROWTH_BYTES})",
            report.database_growth_since(1)
        );
        ok = false;
    }
    let acknowledged: Vec<u64> = report
        .samples
        .iter()
        .map(|s| s.records_acknowledged)
        .collect();
    if !acknowledged.windows(2).all(|w| w[1] > w[0]) || acknowledged.first() < Some(&200) {
        eprintln!(
            "soak: FAILED: the server's records did not grow month by month: {acknowledged:?}"
        );
        ok = false;
    }
    if ok {
        println!("soak: passed");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
