//! `kiosk`: the command line that opens the kiosk window and lets people and scripts enrol,
//! simulate, sync and inspect it.

mod cli;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::init_logging();
    let settings = match args.settings() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("error: {}", cli::describe(&error));
            return ExitCode::FAILURE;
        }
    };
    if let Some(config) = args.fontconfig_file(&settings) {
        // SAFETY: nothing else runs yet (no thread has been started, no library is reading
        // the environment), which is what `set_var` requires. Slint reads this when it starts.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("FONTCONFIG_FILE", config);
        }
    }
    match cli::run(args, settings) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {}", cli::describe(&error));
            ExitCode::FAILURE
        }
    }
}
