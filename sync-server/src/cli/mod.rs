//! The `sync-server` command line: argument parsing and dispatch (anyhow lives only here).

mod backup;
mod config;
mod content;
mod demo;
mod device;
mod enrol;
mod kiosks;
mod metrics;
mod migrate;
mod open311;
mod places;
mod privacy;
mod release;
mod serve;
mod targets;
mod users;

use std::path::PathBuf;

use crate::store::DeviceState;
use clap::{Parser, Subcommand};

/// The sync server of the inclusion kiosk system.
///
/// It hands out enrolment codes, receives what kiosks record (exactly once, over HTTPS) and
/// shows staff the fleet. Everything it keeps lives in one data directory: a SQLite database
/// and a self-signed TLS certificate made on first start.
#[derive(Debug, Parser)]
#[command(name = "sync-server", version, propagate_version = true)]
pub struct Cli {
    /// The directory holding the database, keys and content. Default: `data_dir` from the
    /// configuration file, else ./server-data. `serve` and `demo` create it; every other
    /// command needs it to exist.
    #[arg(long, global = true, env = "SYNC_SERVER_DATA_DIR")]
    data_dir: Option<PathBuf>,

    /// The configuration file (TOML; see docs/operate-server.md). Default:
    /// /etc/inclusion-sync-server/server.toml when it exists.
    #[arg(long, global = true, env = "SYNC_SERVER_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,

    /// Where the data lives: `postgres://user:password@host:port/database` (PostgreSQL 15 or
    /// later, for cities with thousands of kiosks or several server processes), or `sqlite`
    /// (a file in the data directory: the default, nothing to install). Default:
    /// `database_url` from the configuration file, else what the data directory last used.
    /// A directory whose data is elsewhere is moved with `sync-server migrate`.
    #[arg(long, global = true, env = "SYNC_SERVER_DATABASE", value_name = "URL")]
    database: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server: HTTPS API for kiosks and staff pages, until Ctrl-C (or SIGTERM).
    ///
    /// Prints its URL and the SHA-256 fingerprint of its certificate: kiosks need both to enrol.
    /// Every option can also be set in the configuration file (see --config); an option given
    /// here wins over the file.
    Serve(serve::ServeArgs),
    /// Kiosk software: publish a new version of the inclusion-kiosk package for every
    /// enrolled kiosk, or list what was published.
    Release {
        #[command(subcommand)]
        action: ReleaseAction,
    },
    /// Back up the whole server into one file while it runs: the database (a consistent
    /// copy), its keys, the published content and settings. The file holds the server's
    /// keys: keep it as safe as the server itself.
    Backup {
        /// The file to write (it must not exist yet), e.g. backup-2026-12-03.tar.zst.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Restore a backup into --data-dir, which must not exist or be empty. The whole archive
    /// is checked before anything is written. Kiosks then carry on: each one's next sync
    /// sends again whatever reached the server after the backup was taken.
    Restore {
        /// The backup file.
        archive: PathBuf,
    },
    /// Neighbourhood baselines: population aged 15+, share of households offline, kiosk
    /// opening hours and default locale. The metrics divide by them.
    Baselines {
        #[command(subcommand)]
        action: BaselinesAction,
    },
    /// Neighbourhood outlines for the dashboard's map.
    Places {
        #[command(subcommand)]
        action: PlacesAction,
    },
    /// API keys for the city's case system to read requests over Open311 GeoReport v2
    /// (/open311/v2/…).
    Open311 {
        #[command(subcommand)]
        action: Open311Action,
    },
    /// Staff logins for the staff web pages.
    Users {
        #[command(subcommand)]
        action: UsersAction,
    },
    /// One month's access-gap metrics, with the same small-cell suppression as the city-staff
    /// export (counts from 1 to 9, and what would reveal them, are not shown).
    Metrics {
        /// The month, as YYYY-MM.
        #[arg(long)]
        month: String,
        /// table (for reading), csv or json (the export's tidy shape).
        #[arg(long, value_enum, default_value_t = metrics::Format::Table)]
        format: metrics::Format,
    },
    /// The city's targets B for the access-gap index (z = min(x / B, 1)). Without one, a
    /// metric's target is the population-weighted 80th percentile across neighbourhoods
    /// (M2: 98%).
    Targets {
        #[command(subcommand)]
        action: TargetsAction,
    },
    /// Optional differential privacy for what city staff see and export: noise on the
    /// counts (two-sided geometric, ε per table), a month released once it is over, and a
    /// yearly ε ledger. Off by default; analysts always see exact figures.
    Privacy {
        #[command(subcommand)]
        action: PrivacyAction,
    },
    /// Make a realistic demo city in an empty data directory: neighbourhoods with different
    /// populations and needs, kiosks with months of visits pushed through the real upload
    /// path (one offline for weeks that caught up, one with a failing printer), and one
    /// staff login per role, printed at the end.
    Demo {
        /// How many neighbourhoods (1 to 16).
        #[arg(long, default_value_t = 8)]
        neighbourhoods: usize,
        /// How many kiosks (1 to 500).
        #[arg(long, default_value_t = 20)]
        kiosks: usize,
        /// Months of history, ending now (1 to 36).
        #[arg(long, default_value_t = 6)]
        months: u32,
        /// The same seed makes the same city.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
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
    /// Move the whole city to another database: SQLite to PostgreSQL (`--to postgres://…`)
    /// or back (`--to sqlite`). Stop the server first (kiosks keep their records and retry);
    /// the copy is checked table by table and the old data is left untouched. Start the
    /// server again afterwards: it uses the new database.
    Migrate {
        /// The new database: a `postgres://` URL of a new, empty database, or `sqlite`.
        #[arg(long, value_name = "URL")]
        to: String,
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
    /// Act on one kiosk: revoke it, quarantine it, release it from quarantine, or move it.
    ///
    /// Takes effect at the kiosk's next request (a running server sees it at once) and
    /// touches no other kiosk. Records already stored stay stored.
    Device {
        #[command(subcommand)]
        action: DeviceAction,
    },
}

#[derive(Debug, Subcommand)]
enum ReleaseAction {
    /// Check a kiosk package (inclusion-kiosk_VERSION_amd64.deb), store it and sign the list
    /// of releases. Kiosks download the highest version in the background and install it
    /// at a quiet hour, rolling back by themselves if it does not come up healthy.
    Publish {
        /// The .deb file.
        deb: PathBuf,
    },
    /// List the published versions.
    List,
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
    /// Train a compression dictionary for kiosks' upload batches on the latest anonymous
    /// records kiosks sent (events, availability, heartbeats; never requests, feedback or
    /// learner progress, and with every visit's session replaced). It goes out with the next
    /// `content publish`; batches made with any dictionary trained here are always accepted.
    /// Small batches (a kiosk syncing after each visit) shrink about threefold.
    TrainDictionary {
        /// How many recent records to learn from (spread over the kiosks).
        #[arg(long, default_value_t = crate::dictionaries::TRAINING_RECORDS)]
        records: usize,
    },
    /// List the batch dictionaries trained here, and which one the published content carries.
    Dictionaries,
}

#[derive(Debug, Subcommand)]
enum BaselinesAction {
    /// Replace the baselines with a CSV file (header: neighbourhood, population_15_plus,
    /// offline_share, opening_hours, default_locale). The whole file is checked first: any
    /// problem is reported with its line and column, and nothing is imported.
    ///
    /// offline_share is a fraction (0.23) or a percentage (23%), or empty if unknown.
    /// opening_hours look like "Mo-Fr 09:00-18:00; Sa 10:00-14:00" (also "24/7", "closed").
    Import {
        /// The CSV file (UTF-8).
        file: PathBuf,
        /// The city's time zone as in the IANA database, e.g. Europe/Paris or
        /// America/New_York. Months, opening hours and hours of the week follow it, daylight
        /// saving included. Set it before kiosks send records: records already counted keep
        /// the months they were counted in.
        #[arg(long, conflicts_with = "utc_offset")]
        time_zone: Option<String>,
        /// A fixed offset from UTC in hours, with no daylight saving, e.g. 1 or -5 (use
        /// --time-zone instead where clocks change).
        #[arg(long, allow_hyphen_values = true, value_parser = clap::value_parser!(i8).range(-12..=14))]
        utc_offset: Option<i8>,
    },
    /// Print the baselines.
    Show,
}

#[derive(Debug, Subcommand)]
enum PlacesAction {
    /// Replace the neighbourhood outlines with a GeoJSON FeatureCollection: one Polygon or
    /// MultiPolygon feature per neighbourhood, named by its "neighbourhood" (or "name")
    /// property, longitude before latitude. The whole file is checked first: any problem is
    /// reported with its feature, and nothing is imported.
    Import {
        /// The GeoJSON file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum TargetsAction {
    /// Print the targets in use.
    Show,
    /// Set a target: M1 and M9 per 1,000 residents, M2 and M3 in percent.
    Set {
        /// M1, M2, M3 or M9.
        metric: String,
        /// The target value.
        value: f64,
    },
    /// Go back to the default target.
    Clear {
        /// M1, M2, M3 or M9.
        metric: String,
    },
}

#[derive(Debug, Subcommand)]
enum PrivacyAction {
    /// Print whether noise is on, its ε and budget, and the ledger of releases.
    Show,
    /// Turn noise on. From then on, people outside the analyst role see a month's figures
    /// only once it is released, and then with noise.
    On {
        /// ε per table (smaller: more noise, more privacy). Default 1.0.
        #[arg(long)]
        epsilon: Option<f64>,
        /// ε the releases of one year's data may spend in all. Default: one release a month
        /// (12 × ε × the number of tables).
        #[arg(long)]
        yearly_budget: Option<f64>,
    },
    /// Turn noise off: exact figures, small counts hidden. The ledger is kept.
    Off,
    /// Release a month that is over, with noise, spending ε × tables from its year's budget.
    /// Releasing a month again (after late records) costs ε again.
    Release {
        /// The month, as YYYY-MM.
        #[arg(long)]
        month: String,
    },
}

#[derive(Debug, Subcommand)]
enum Open311Action {
    /// Make a key (printed once; only its hash is kept). It reads the requests of its
    /// --form(s), from its --site(s) if any, and the residents' personal fields only with
    /// --personal (each reading is then in the audit log).
    AddKey {
        /// What to call it, e.g. crm.
        #[arg(long)]
        name: String,
        /// A request form it reads (repeat for more).
        #[arg(long = "form", required = true)]
        forms: Vec<String>,
        /// Only requests made at this site (repeat for more; none: every site).
        #[arg(long = "site")]
        sites: Vec<String>,
        /// Let it read residents' personal fields.
        #[arg(long)]
        personal: bool,
    },
    /// The keys, their scope and who made them.
    ListKeys,
    /// Delete a key: the system using it is refused from then on.
    DeleteKey {
        /// Its name.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
enum UsersAction {
    /// Add a staff login. The password is read from standard input (one line, at least 12
    /// characters); when standard input is a terminal, or with --generate, a password is made
    /// and printed once.
    ///
    /// Roles: librarian (device health and enrolment at their --site(s), no metrics),
    /// case_worker (residents' requests of their --form(s), optionally only from some
    /// --site(s), with personal fields; each opening is logged), city_staff (suppressed
    /// figures, exports, content, baselines), analyst (also unsuppressed figures; each such
    /// view is logged), admin (users, fleet, content; requests' status only).
    Add {
        /// Login name: 2 to 64 letters, digits, dots, dashes or underscores.
        #[arg(long)]
        name: String,
        /// librarian, case_worker, city_staff, analyst or admin.
        #[arg(long)]
        role: String,
        /// A site a librarian looks after, or a case worker answers for (repeat for more).
        #[arg(long = "site")]
        sites: Vec<String>,
        /// A request form a case worker answers (its content id; repeat for more).
        #[arg(long = "form")]
        forms: Vec<String>,
        /// Make a password and print it, even when standard input is not a terminal.
        #[arg(long)]
        generate: bool,
    },
    /// List staff logins.
    List,
    /// Stop a login from logging in; its sessions end at once.
    Disable {
        /// The login name.
        name: String,
    },
    /// Let a disabled login log in again.
    Enable {
        /// The login name.
        name: String,
    },
    /// Make a new password for a login and print it once; its sessions end.
    ResetPassword {
        /// The login name.
        name: String,
    },
    /// Sign a login out of every browser (the password stays).
    EndSessions {
        /// The login name.
        name: String,
    },
    /// Delete a login and its sessions (the audit log keeps what it did).
    Delete {
        /// The login name.
        name: String,
    },
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
    /// Move a kiosk to another site (or give its site a new name). Months that have ended
    /// keep their figures: a month counts each kiosk where it stood when the month ended.
    Move {
        /// The kiosk's id, as `sync-server kiosks` lists it.
        id: String,
        /// The site it now stands at, e.g. "Riverside Library".
        #[arg(long)]
        site: String,
        /// The site's neighbourhood. Needed for a site the server does not know yet; for a
        /// known site it must match (or be left out).
        #[arg(long)]
        neighbourhood: Option<String>,
    },
}

/// Parses the command line, runs it, and prints an error in one line if it fails.
pub fn main() -> std::process::ExitCode {
    use clap::Parser as _;
    let args = Cli::parse();
    init_logging();
    match run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", describe(&error));
            std::process::ExitCode::FAILURE
        }
    }
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
    let config = config::ServerConfig::load(cli.config.as_deref())?;
    let data_path = cli
        .data_dir
        .clone()
        .or_else(|| config.data_dir.clone())
        .unwrap_or_else(|| PathBuf::from("server-data"));
    // Only `serve` and `demo` make a new data directory: elsewhere a mistyped --data-dir is an
    // error, not a new empty server.
    let data_dir = match &cli.command {
        Command::Restore { archive } => return backup::restore(archive, &data_path),
        Command::Serve { .. } | Command::Demo { .. } => crate::DataDir::open(&data_path)?,
        _ => crate::DataDir::open_existing(&data_path)?,
    };
    if let Command::Migrate { to } = &cli.command {
        return migrate::migrate(&data_dir, to);
    }
    if let Some(database) = cli.database.as_deref().or(config.database_url.as_deref()) {
        data_dir.use_database(database)?;
    }
    match cli.command {
        Command::Serve(args) => serve::serve(&data_dir, args.resolve(&config)?),
        Command::Backup { to } => backup::backup(&data_dir, &to),
        Command::Release { action } => match action {
            ReleaseAction::Publish { deb } => release::publish(&data_dir, &deb),
            ReleaseAction::List => release::list(&data_dir),
        },
        Command::Restore { .. } => Ok(()),
        Command::Baselines { action } => match action {
            BaselinesAction::Import {
                file,
                time_zone,
                utc_offset,
            } => places::import_baselines(&data_dir, &file, time_zone.as_deref(), utc_offset),
            BaselinesAction::Show => places::show_baselines(&data_dir),
        },
        Command::Places {
            action: PlacesAction::Import { file },
        } => places::import_places(&data_dir, &file),
        Command::Open311 { action } => match action {
            Open311Action::AddKey {
                name,
                forms,
                sites,
                personal,
            } => open311::add_key(&data_dir, &name, &forms, &sites, personal),
            Open311Action::ListKeys => open311::list_keys(&data_dir),
            Open311Action::DeleteKey { name } => open311::delete_key(&data_dir, &name),
        },
        Command::Users { action } => match action {
            UsersAction::Add {
                name,
                role,
                sites,
                forms,
                generate,
            } => users::add(&data_dir, &name, &role, &sites, &forms, generate),
            UsersAction::List => users::list(&data_dir),
            UsersAction::Disable { name } => {
                users::change(&data_dir, &name, crate::accounts::AccountChange::Disable)
            }
            UsersAction::Enable { name } => {
                users::change(&data_dir, &name, crate::accounts::AccountChange::Enable)
            }
            UsersAction::ResetPassword { name } => users::change(
                &data_dir,
                &name,
                crate::accounts::AccountChange::ResetPassword,
            ),
            UsersAction::EndSessions { name } => users::change(
                &data_dir,
                &name,
                crate::accounts::AccountChange::EndSessions,
            ),
            UsersAction::Delete { name } => {
                users::change(&data_dir, &name, crate::accounts::AccountChange::Delete)
            }
        },
        Command::Metrics { month, format } => metrics::metrics(&data_dir, &month, format),
        Command::Targets { action } => match action {
            TargetsAction::Show => targets::show(&data_dir),
            TargetsAction::Set { metric, value } => targets::set(&data_dir, &metric, value),
            TargetsAction::Clear { metric } => targets::clear(&data_dir, &metric),
        },
        Command::Privacy { action } => match action {
            PrivacyAction::Show => privacy::show(&data_dir),
            PrivacyAction::On {
                epsilon,
                yearly_budget,
            } => privacy::on(&data_dir, epsilon, yearly_budget),
            PrivacyAction::Off => privacy::off(&data_dir),
            PrivacyAction::Release { month } => privacy::release(&data_dir, &month),
        },
        Command::Demo {
            neighbourhoods,
            kiosks,
            months,
            seed,
        } => demo::demo(
            &data_dir,
            crate::demo::DemoSettings {
                neighbourhoods,
                kiosks,
                months,
                seed,
            },
        ),
        Command::Enrol {
            site,
            neighbourhood,
            valid_hours,
            json,
        } => enrol::enrol(&data_dir, &site, &neighbourhood, valid_hours, json),
        Command::Kiosks { json } => kiosks::kiosks(&data_dir, json),
        Command::Migrate { .. } => Ok(()),
        Command::Content { action } => match action {
            ContentAction::Publish { dir, locales } => {
                content::publish(&data_dir, &dir, locales.as_deref())
            }
            ContentAction::Status => content::status(&data_dir),
            ContentAction::TrainDictionary { records } => {
                content::train_dictionary(&data_dir, records)
            }
            ContentAction::Dictionaries => content::dictionaries(&data_dir),
        },
        Command::Device { action } => match action {
            DeviceAction::Revoke { id } => device::set(&data_dir, &id, DeviceState::Revoked),
            DeviceAction::Quarantine { id } => {
                device::set(&data_dir, &id, DeviceState::Quarantined)
            }
            DeviceAction::Release { id } => device::set(&data_dir, &id, DeviceState::Active),
            DeviceAction::Move {
                id,
                site,
                neighbourhood,
            } => device::relocate(&data_dir, &id, &site, neighbourhood.as_deref()),
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
