//! The `sync-server` command line, built inside this package so the whole-system tests can
//! start it as a process (`env!("CARGO_BIN_EXE_server-under-test")`) and always get the
//! code they were built with.

fn main() -> std::process::ExitCode {
    sync_server::cli::main()
}
