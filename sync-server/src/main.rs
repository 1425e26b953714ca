//! `sync-server`: the command line for running the server and looking after kiosks (the
//! commands themselves are in `sync_server::cli`, so tests can run the same binary's code).

fn main() -> std::process::ExitCode {
    sync_server::cli::main()
}
