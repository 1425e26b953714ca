//! Argument parsing and dispatch for the `sync-server` binary.

mod content;
mod device;
mod enrol;
mod kiosks;
mod serve;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use sync_server::store::DeviceState;

/// The sync server of the inclusion kiosk system.
///
/// It hands out enrolment codes, receives what kiosks record (exactly once, over HTTPS) and
/// shows staff the fleet. Everything it keeps lives in one data directory: a SQLite database
/// and a self-signed TLS certificate made on first start.
#[derive(Debug, Parser)]
#[command(name = "sync-server", version, propagate_version = true)]
pub struct Cli {
    /// The directory holding the database and the TLS certificate (created if missing).
    #[arg(
        long,
        global = true,
        env = "SYNC_SERVER_DATA_DIR",
        default_value = "server-data"
    )]
    data_dir: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server: HTTPS API for kiosks and staff pages, until Ctrl-C.
    ///
    /// Prints its URL and the SHA-256 fingerprint of its certificate: kiosks need both to enrol.
    Serve {
        /// Address and port to listen on. Use 0.0.0.0:8443 to accept kiosks from the network.
        #[arg(long, default_value = "127.0.0.1:8443")]
        listen: SocketAddr,
        /// Hours an unfinished upload is kept before it is deleted (so abandoned uploads
        /// cannot fill the disk).
        #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u64).range(1..=24 * 30))]
        staging_ttl_hours: u64,
        /// Uploads stored at the same time; kiosks beyond this are told to retry later
        /// (HTTP 503 with Retry-After).
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=1024))]
        max_concurrent_ingests: u64,
    },
    /// Create a one-time code that enrols one kiosk at a site.
    ///
    /// Give the code to whoever sets up the kiosk; it works once and expires.
    Enrol {
        /// The site where the kiosk will stand, e.g. "Central Library".
        #[arg(long)]
        site: String,
        /// The neighbourhood the site belongs to, e.g. "Old Town".
        #[arg(long)]
        neighbourhood: String,
        /// How many hours the code stays valid.
        #[arg(long, default_value_t = 72, value_parser = clap::value_parser!(u32).range(1..=24 * 90))]
        valid_hours: u32,
        /// Print the code as JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// List enrolled kiosks: id, site, neighbourhood, last seen and records stored.
    Kiosks {
        /// Print JSON instead of a table, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print the SHA-256 fingerprint of the server's certificate (made by the first `serve`).
    Fingerprint,
    /// Publish content (service catalogue, request forms, modules, surveys) to kiosks.
    Content {
        #[command(subcommand)]
        action: ContentAction,
    },
    /// Act on one kiosk: revoke it, quarantine it, or release it from quarantine.
    ///
    /// Takes effect at the kiosk's next request (a running server sees it at once) and
    /// touches no other kiosk. Records already stored stay stored.
    Device {
        #[command(subcommand)]
        action: DeviceAction,
    },
}

#[derive(Debug, Subcommand)]
enum ContentAction {
    /// Check a content bundle (a folder like `content/sample`) and publish it as the next
    /// version, signed with this server's content key. Kiosks fetch what they lack at their
    /// next sync and switch to it when they next start.
    Publish {
        /// The bundle's folder: bundle.toml, categories.toml, services/, forms/, modules/, surveys/.
        dir: PathBuf,
        /// The UI translations to send along: a folder with one sub-folder of `.ftl` files per
        /// locale (like the project's `locales/`). Kiosks use them instead of their built-in ones.
        #[arg(long, value_name = "DIR")]
        locales: Option<PathBuf>,
    },
    /// Show the published version and its files.
    Status,
}

#[derive(Debug, Subcommand)]
enum DeviceAction {
    /// Refuse this kiosk for good (lost, stolen, decommissioned). It must be enrolled again.
    Revoke {
        /// The kiosk's id, as `sync-server kiosks` lists it.
        id: String,
    },
    /// Refuse this kiosk's requests until released (it behaves oddly; look into it first).
    /// The kiosk keeps its records and sends them once released.
    Quarantine {
        /// The kiosk's id, as `sync-server kiosks` lists it.
        id: String,
    },
    /// Let a quarantined kiosk sync again.
    Release {
        /// The kiosk's id, as `sync-server kiosks` lists it.
        id: String,
    },
}

/// Logs go to standard error; `RUST_LOG` adjusts them (default: info, quieter for libraries).
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,rusqlite_migration=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let data_dir = sync_server::DataDir::open(&cli.data_dir)?;
    match cli.command {
        Command::Serve {
            listen,
            staging_ttl_hours,
            max_concurrent_ingests,
        } => serve::serve(
            &data_dir,
            listen,
            sync_server::SyncSettings {
                staging_ttl: std::time::Duration::from_secs(staging_ttl_hours * 3600),
                max_concurrent_ingests: usize::try_from(max_concurrent_ingests).unwrap_or(8),
            },
        ),
        Command::Enrol {
            site,
            neighbourhood,
            valid_hours,
            json,
        } => enrol::enrol(&data_dir, &site, &neighbourhood, valid_hours, json),
        Command::Kiosks { json } => kiosks::kiosks(&data_dir, json),
        Command::Content { action } => match action {
            ContentAction::Publish { dir, locales } => {
                content::publish(&data_dir, &dir, locales.as_deref())
            }
            ContentAction::Status => content::status(&data_dir),
        },
        Command::Device { action } => match action {
            DeviceAction::Revoke { id } => device::set(&data_dir, &id, DeviceState::Revoked),
            DeviceAction::Quarantine { id } => {
                device::set(&data_dir, &id, DeviceState::Quarantined)
            }
            DeviceAction::Release { id } => device::set(&data_dir, &id, DeviceState::Active),
        },
        Command::Fingerprint => {
            let announcement = data_dir.announcement().ok_or_else(|| {
                anyhow::anyhow!(
                    "no certificate in {} yet: start the server once with `sync-server serve`",
                    data_dir.path().display()
                )
            })?;
            println!("{}", announcement.fingerprint);
            Ok(())
        }
    }
}

/// The error and its causes in one line, skipping causes the message already quotes.
pub fn describe(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text = format!("{text}: {cause}");
        }
    }
    text
}
