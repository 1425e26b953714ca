//! `cargo run -p system-tests --release --bin abuse -- [--server PATH]`: runs the abuse suite
//! (`system_tests::abuse`) against a `sync-server` binary (default: the release build beside
//! this one) and prints what each attack did as a table. Exits 1 if any attack was not
//! refused or bounded, or `/healthz` ever took a second or more.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut server: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--server" => server = args.next().map(PathBuf::from),
            "--help" | "-h" => {
                println!(
                    "abuse [--server PATH]: every attack of the abuse suite against a sync-server binary"
                );
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("abuse: unknown argument {other} (try --help)");
                return ExitCode::from(2);
            }
        }
    }
    let server = server.unwrap_or_else(|| {
        std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join("sync-server")))
            .unwrap_or_else(|| PathBuf::from("target/release/sync-server"))
    });
    if !server.is_file() {
        eprintln!(
            "abuse: no server binary at {} (build it with `cargo build --release -p sync-server`, or give --server PATH)",
            server.display()
        );
        return ExitCode::from(2);
    }
    match system_tests::abuse::run(&server) {
        Ok(report) => {
            print!("{}", report.table());
            let held = report.findings.iter().all(|f| f.held)
                && report.health.failures.is_empty()
                && report.health.slowest < std::time::Duration::from_secs(1);
            if held {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("abuse: {error:#}");
            ExitCode::FAILURE
        }
    }
}
