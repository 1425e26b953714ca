//! Argument parsing and dispatch for the `kiosk` binary.

mod admin;
mod enrol;
mod hardware;
mod relay;
mod run;
mod screenshots;
mod self_check;
mod simulate;
mod supervise;
mod sync;
mod update;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kiosk::config::{KioskConfig, LoadedConfig, WindowMode};
use kiosk::data_dir::DataDir;
use kiosk::status::KioskStatus;

/// The data directory when neither the command line nor a configuration file names one.
const DEFAULT_DATA_DIR: &str = "kiosk-data";

/// The inclusion kiosk: city services, digital skills and a say for residents, in their
/// language, working with or without a network.
///
/// Everything the kiosk keeps (anonymous usage records waiting to be synced, its enrolment)
/// lives in one data directory. An installed kiosk reads its settings from
/// /etc/inclusion-kiosk/kiosk.toml; options given here win over the file.
#[derive(Debug, Parser)]
#[command(name = "kiosk", version, propagate_version = true)]
pub struct Cli {
    /// The configuration file: data_dir, window, daily_byte_budget, hardware_config (default:
    /// /etc/inclusion-kiosk/kiosk.toml when it exists).
    #[arg(long, global = true, env = "KIOSK_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,

    /// The kiosk's data directory (created if missing, readable only by this user; default:
    /// the configuration's data_dir, else ./kiosk-data).
    #[arg(long, global = true, env = "KIOSK_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open the kiosk (fullscreen unless --windowed) and sync in the background.
    Run {
        /// Open a window of this size instead of going fullscreen, e.g. 1366x768.
        #[arg(long, value_name = "WIDTHxHEIGHT", value_parser = kiosk::config::parse_size)]
        windowed: Option<(u32, u32)>,
        /// Go fullscreen even if the configuration file asks for a window.
        #[arg(long, conflicts_with = "windowed")]
        fullscreen: bool,
        /// The hardware configuration (default: kiosk.toml's hardware_config; else hardware.toml
        /// beside kiosk.toml when the data directory comes from it; else hardware.toml in the
        /// data directory). A missing file means the defaults: real devices where found,
        /// simulated elsewhere.
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
    /// Kiosk software updates: where one stands, or install a downloaded one now.
    #[command(subcommand)]
    Update(update::UpdateCommand),
    /// Carry records for kiosks with no uplink, on a USB stick or any folder: `export` writes
    /// this kiosk's waiting records (sealed to the server, signed by this kiosk) and what it
    /// carries for others; `import` takes in what a stick holds and writes back the server's
    /// acknowledgements and newer content.
    #[command(subcommand)]
    Relay(relay::RelayCommand),
    /// Check that this build starts: translations, content, the UI and its first screen in
    /// every language, drawn offscreen (no display, no database). The installer runs it on a
    /// new version before switching to it.
    SelfCheck,
    /// Check and try the peripherals: printer, scanner, power, presence sensor, network link
    /// and speech (`check`, `print-sample`, `speak`).
    Hardware(hardware::HardwareArgs),
    /// Staff access to the kiosk's staff mode (the "Staff" button, or a staff card scanned).
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// What the systemd unit starts: runs COMMAND (cage running `kiosk run`) and passes the
    /// kiosk's READY=1 and watchdog pings on to systemd as the service's main process; stops
    /// the whole session when systemd stops the service, and ends with it.
    Supervise {
        /// The session, e.g. /usr/bin/cage -d -- /usr/bin/kiosk run.
        #[arg(
            required = true,
            trailing_var_arg = true,
            allow_hyphen_values = true,
            value_name = "COMMAND"
        )]
        command: Vec<std::ffi::OsString>,
    },
    /// Show enrolment, records waiting and the last sync attempt.
    Status {
        /// Print JSON instead of text, for scripts.
        #[arg(long)]
        json: bool,
    },
}

/// What the command line and the configuration file decided together.
#[derive(Debug)]
pub struct Settings {
    /// The data directory.
    data_dir: PathBuf,
    /// Whether the data directory is the configuration file's.
    data_dir_from_file: bool,
    /// The configuration file, if one was read.
    config: Option<LoadedConfig>,
}

impl Settings {
    /// The hardware configuration (see `kiosk::config::hardware_path`).
    fn hardware_config(&self, flag: Option<PathBuf>, data_dir: &DataDir) -> PathBuf {
        kiosk::config::hardware_path(
            flag,
            self.config.as_ref(),
            self.data_dir_from_file,
            data_dir.path(),
        )
    }

    /// A setting of the configuration file.
    fn file<T>(&self, pick: impl FnOnce(&KioskConfig) -> Option<T>) -> Option<T> {
        self.config.as_ref().and_then(|loaded| pick(&loaded.config))
    }
}

impl Cli {
    /// Reads the configuration file and settles the data directory.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let config = kiosk::config::load(self.config.as_deref())?;
        let from_file = config.as_ref().and_then(|c| c.config.data_dir.clone());
        let data_dir_from_file = self.data_dir.is_none() && from_file.is_some();
        let data_dir = self
            .data_dir
            .clone()
            .or(from_file)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
        Ok(Settings {
            data_dir,
            data_dir_from_file,
            config,
        })
    }

    /// For commands that draw: a fontconfig file that adds the kiosk's fonts to the system's
    /// (see `kiosk::ui::fonts::write_fontconfig`). `None` if it cannot be written; the kiosk
    /// still starts wherever the system has at least one font.
    pub fn fontconfig_file(&self, settings: &Settings) -> Option<PathBuf> {
        if !matches!(
            self.command,
            Command::Run { .. } | Command::Screenshots { .. } | Command::SelfCheck
        ) {
            return None;
        }
        let data_dir = DataDir::open(&settings.data_dir).ok()?;
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
pub fn run(cli: Cli, settings: Settings) -> anyhow::Result<ExitCode> {
    // The supervisor uses no data directory (and may run as another user than the kiosk).
    if let Command::Supervise { command } = &cli.command {
        return supervise::supervise(command);
    }
    let data_dir = DataDir::open(&settings.data_dir)?;
    match cli.command {
        Command::Run {
            windowed,
            fullscreen,
            hardware_config,
            daily_byte_budget,
            exit_after_first_frame,
        } => {
            let window = match (windowed, fullscreen) {
                (Some((width, height)), _) => WindowMode::Windowed { width, height },
                (None, true) => WindowMode::Fullscreen,
                (None, false) => settings
                    .file(|c| c.window)
                    .unwrap_or(WindowMode::Fullscreen),
            };
            run::run(
                &data_dir,
                window,
                &settings.hardware_config(hardware_config, &data_dir),
                daily_byte_budget.or_else(|| settings.file(|c| c.daily_byte_budget)),
                &run::RelaySettings {
                    listen: settings.file(|c| c.relay_listen),
                    via_lan: settings.file(|c| c.relay_via_lan).unwrap_or(false),
                },
                exit_after_first_frame,
            )
            .map(|()| ExitCode::SUCCESS)
        }
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
        Command::Sync { once: false } => {
            sync::forever(&data_dir, settings.file(|c| c.daily_byte_budget))
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Screenshots {
            out,
            locales,
            text_size,
        } => screenshots::screenshots(&out, &locales, text_size).map(|()| ExitCode::SUCCESS),
        Command::SelfCheck => self_check::self_check(&data_dir).map(|()| ExitCode::SUCCESS),
        Command::Update(command) => update::run(&data_dir, command),
        Command::Relay(command) => relay::run(&data_dir, command),
        Command::Hardware(mut args) => {
            let path = settings.hardware_config(args.hardware_config.take(), &data_dir);
            hardware::run(&data_dir, &path, args)
        }
        Command::Admin(command) => admin::run(&data_dir, command),
        Command::Supervise { command } => supervise::supervise(&command),
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
