//! `inclusion-kiosk-updater`: run by systemd as root when the kiosk asks for an update (see
//! the library's documentation); never by hand, except `forget-server`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

/// The kiosk's privileged installer: installs the kiosk software the kiosk downloaded and
/// asked for, checks it comes up healthy, and rolls back otherwise.
#[derive(Debug, Parser)]
#[command(name = "inclusion-kiosk-updater", version)]
struct Cli {
    /// The kiosk's updates folder.
    #[arg(long, default_value = "/var/lib/inclusion-kiosk/updates")]
    updates: PathBuf,
    /// This program's own folder (root only).
    #[arg(long, default_value = "/var/lib/inclusion-kiosk-updater")]
    state: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Handle the waiting install request (what the systemd path unit runs).
    Apply {
        /// Seconds the restarted kiosk has to say it is healthy.
        #[arg(long, default_value_t = 180)]
        health_wait: u64,
    },
    /// Forget the pinned server key (after enrolling the kiosk with another server).
    ForgetServer,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Apply { health_wait } => {
            let settings = kiosk_updater::Settings {
                updates: cli.updates,
                state: cli.state,
                health_wait: Duration::from_secs(health_wait),
            };
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or(0);
            kiosk_updater::apply(&settings, &kiosk_updater::Debian::default(), now).map(|result| {
                println!(
                    "{} {}{}",
                    result.state,
                    result.version,
                    if result.detail.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", result.detail)
                    }
                );
            })
        }
        Command::ForgetServer => kiosk_updater::forget_server(&cli.state).map(|forgot| {
            println!(
                "{}",
                if forgot {
                    "The pinned server key is forgotten: the next update pins the kiosk's new server."
                } else {
                    "No server key was pinned."
                }
            );
        }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
