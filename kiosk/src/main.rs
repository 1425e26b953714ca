//! `kiosk`: the command line that opens the kiosk window and lets people and scripts enrol,
//! simulate, sync and inspect it.

mod cli;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::init_logging();
    if let Some(config) = args.fontconfig_file() {
        // SAFETY: nothing else runs yet (no thread has been started, no library is reading
        // the environment), which is what `set_var` requires. Slint reads this when it starts.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("FONTCONFIG_FILE", config);
        }
    }
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", cli::describe(&error));
            ExitCode::FAILURE
        }
    }
}
