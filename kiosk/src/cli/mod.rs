//! Argument parsing and dispatch for the `kiosk` binary.

mod admin;
mod enrol;
mod hardware;
mod run;
mod screenshots;
mod simulate;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kiosk::data_dir::DataDir;
use kiosk::status::KioskStatus;

/// The inclusion kiosk: city services, digital skills and a say for residents, in their
/// language, working with or without a network.
///
/// Everything the kiosk keeps (anonymous usage records waiting to be synced, its enrolment)
/// lives in one data directory.
#[derive(Debug, Parser)]
#[command(name = "kiosk", version, propagate_version = true)]
pub struct Cli {
    /// The kiosk's data directory (created if missing, readable only by this user).
    #[arg(
        long,
        global = true,
        env = "KIOSK_DATA_DIR",
        default_value = "kiosk-data"
    )]
    data_dir: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open the kiosk (fullscreen unless --windowed) and sync in the background.
    Run {
        /// Open a window of this size instead of going fullscreen, e.g. 1366x768.
        #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = run::parse_size)]
        windowed: Option<(u32, u32)>,
        /// The hardware configuration (default: hardware.toml in the data directory; a
        /// missing file means the defaults: real devices where found, simulated elsewhere).
        #[arg(long, value_name = "FILE")]
        hardware_config: Option<PathBuf>,
        /// Bytes the kiosk may send per day (UTC), e.g. on a pay-per-byte link; past it only
        /// residents' requests still go, the rest waits until the next day.
        #[arg(long, value_name = "BYTES")]
        daily_byte_budget: Option<u64>,
        /// For benchmarks: print the resident memory once the first frame is drawn, and exit.
        #[arg(long, hide = true)]
        exit_after_first_frame: bool,
    },
    /// Enrol this kiosk with a sync server, trusting exactly the certificate given.
    ///
    /// A librarian creates the code with `sync-server enrol`; the server prints its URL and
    /// certificate fingerprint when it starts.
    Enrol {
        /// The server's URL, e.g. https://192.0.2.10:8443.
        #[arg(long)]
        server: String,
        /// The SHA-256 fingerprint of the server's certificate (64 hex digits, colons allowed).
        #[arg(long)]
        fingerprint: String,
        /// The one-time enrolment code, e.g. K7PQ-M3XZ-R9TA.
        #[arg(long)]
        code: String,
        /// Enrol again even though this kiosk is already enrolled.
        #[arg(long)]
        replace: bool,
    },
    /// Record N realistic anonymous visits without a window (for demos, tests, benchmarks).
    Simulate {
        /// How many visits.
        #[arg(long, default_value_t = 10)]
        sessions: u32,
        /// Seed for the random choices, to repeat a simulation exactly.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Send waiting records to the server.
    ///
    /// With --once: one pass, exiting 0 only when nothing is left to send. Without: keep
    /// syncing in the foreground until Ctrl-C (for kiosks run without a window).
    Sync {
        /// Sync once and exit.
        #[arg(long)]
        once: bool,
    },
    /// Render every screen, in every language and form factor, to PNG files (no display needed).
    ///
    /// For reviewing layouts and translations. Nothing is recorded.
    Screenshots {
        /// The folder to write into (created if missing).
        #[arg(long, default_value = "screenshots")]
        out: PathBuf,
        /// Only these locales (repeatable), e.g. --locale ar --locale en. Default: all.
        #[arg(long = "locale")]
        locales: Vec<String>,
        /// Text size in percent, as a resident would set it (100 to 200).
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(100..=200))]
        text_size: u16,
    },
    /// Check and try the peripherals: printer, scanner, power, presence sensor, network link
    /// and speech (`check`, `print-sample`, `speak`).
    Hardware(hardware::HardwareArgs),
    /// Staff access to the kiosk's staff mode (the "Staff" button, or a staff card scanned).
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// Show enrolment, records waiting and the last sync attempt.
    Status {
        /// Print JSON instead of text, for scripts.
        #[arg(long)]
        json: bool,
    },
}

impl Cli {
    /// For commands that draw: a fontconfig file that adds the kiosk's fonts to the system's
    /// (see `kiosk::ui::fonts::write_fontconfig`). `None` if it cannot be written; the kiosk
    /// still starts wherever the system has at least one font.
    pub fn fontconfig_file(&self) -> Option<PathBuf> {
        if !matches!(
            self.command,
            Command::Run { .. } | Command::Screenshots { .. }
        ) {
            return None;
        }
        let data_dir = DataDir::open(&self.data_dir).ok()?;
        match kiosk::ui::fonts::write_fontconfig(data_dir.path()) {
            Ok(path) => Some(path),
            Err(error) => {
                tracing::warn!(%error, "cannot write the kiosk's fontconfig file");
                None
            }
        }
    }
}

/// Logs go to standard error; `RUST_LOG` adjusts them (default: warnings, and info from us).
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,kiosk=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let data_dir = DataDir::open(&cli.data_dir)?;
    match cli.command {
        Command::Run {
            windowed,
            hardware_config,
            daily_byte_budget,
            exit_after_first_frame,
        } => run::run(
            &data_dir,
            windowed,
            hardware_config.as_deref(),
            daily_byte_budget,
            exit_after_first_frame,
        )
        .map(|()| ExitCode::SUCCESS),
        Command::Enrol {
            server,
            fingerprint,
            code,
            replace,
        } => enrol::enrol(&data_dir, &server, &fingerprint, &code, replace)
            .map(|()| ExitCode::SUCCESS),
        Command::Simulate { sessions, seed } => {
            simulate::simulate(&data_dir, sessions, seed).map(|()| ExitCode::SUCCESS)
        }
        Command::Sync { once: true } => sync::once(&data_dir),
        Command::Sync { once: false } => sync::forever(&data_dir).map(|()| ExitCode::SUCCESS),
        Command::Screenshots {
            out,
            locales,
            text_size,
        } => screenshots::screenshots(&out, &locales, text_size).map(|()| ExitCode::SUCCESS),
        Command::Hardware(args) => hardware::run(&data_dir, args),
        Command::Admin(command) => admin::run(&data_dir, command),
        Command::Status { json } => {
            let status = KioskStatus::read(&data_dir)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&status)?);
            } else {
                println!("{status}");
            }
            Ok(ExitCode::SUCCESS)
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
