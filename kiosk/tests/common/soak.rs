//! A kiosk living for months, for `tests/soak.rs` (which asserts the bounds on a short run)
//! and `benches/soak.rs` (which prints the figures for a long one).
//!
//! Residents' visits go through the real UI under Slint's testing backend, into the real event
//! recorder and SQLite store, and out through the real sync worker over HTTPS to a real sync
//! server, which runs in a child process (this same binary, started again with
//! `serve-for-soak`) so that the memory measured is the kiosk's alone. Each visit picks a
//! language, searches the city services, opens one and browses a category, then presses
//! Finish. The run is cut into "months": at the end of each, once every record is
//! acknowledged, the store prunes acknowledged records as it would 31 days later (the kiosk
//! keeps acknowledged bodies for 30 days), and the kiosk's anonymous resident memory (heap) and database size
//! are measured.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use kiosk::data_dir::DataDir;
use kiosk::i18n::Catalog;
use kiosk::recorder::Recorder;
use kiosk::sync::{SyncWorker, WorkerSettings};
use kiosk::ui::{IdleSettings, KioskUi, UiParts};
use slint::ComponentHandle as _;

type Error = Box<dyn std::error::Error>;

/// The argument that makes this binary the soak's sync server.
const SERVE: &str = "serve-for-soak";

/// One measurement, at the end of a "month".
#[derive(Debug, Clone)]
pub struct Sample {
    /// Visits so far.
    pub visits: u32,
    /// The kiosk process's anonymous resident memory (`RssAnon`).
    pub rss_kib: u64,
    /// The database file.
    pub database_bytes: u64,
    /// Its write-ahead log.
    pub wal_bytes: u64,
    /// Records the server holds from this kiosk.
    pub records_acknowledged: u64,
}

/// What a soak run measured.
#[derive(Debug)]
pub struct Report {
    /// One sample per month, in order.
    pub samples: Vec<Sample>,
    /// Wall time of the whole run.
    pub elapsed: Duration,
}

impl Report {
    /// Resident memory growth from the end of the first month to the end.
    pub fn rss_growth_kib(&self) -> i64 {
        match (self.samples.first(), self.samples.last()) {
            (Some(first), Some(last)) => last.rss_kib as i64 - first.rss_kib as i64,
            _ => 0,
        }
    }

    /// Database growth (file and log) from the end of the first month to the end.
    pub fn database_growth_bytes(&self) -> i64 {
        self.database_growth_since(0)
    }

    /// Database growth (file and log) from the end of month `month + 1` to the end.
    pub fn database_growth_since(&self, month: usize) -> i64 {
        match (self.samples.get(month), self.samples.last()) {
            (Some(first), Some(last)) => {
                (last.database_bytes + last.wal_bytes) as i64
                    - (first.database_bytes + first.wal_bytes) as i64
            }
            _ => 0,
        }
    }

    /// The figures as a table.
    pub fn table(&self) -> String {
        let mut text = format!(
            "{:>7} {:>10} {:>12} {:>10} {:>13}\n",
            "visits", "RSS MiB", "database KiB", "WAL KiB", "records acked"
        );
        for sample in &self.samples {
            text += &format!(
                "{:>7} {:>10.1} {:>12} {:>10} {:>13}\n",
                sample.visits,
                sample.rss_kib as f64 / 1024.0,
                sample.database_bytes / 1024,
                sample.wal_bytes / 1024,
                sample.records_acknowledged
            );
        }
        text
    }
}

/// When this binary was started as the soak's server: serves until its standard input closes,
/// and returns true.
pub fn serve_if_asked() -> Result<bool, Error> {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() != Some(SERVE) {
        return Ok(false);
    }
    let dir = args.next().ok_or("serve-for-soak needs a data directory")?;
    let server = sync_server::BackgroundServer::start(
        Path::new(&dir),
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )?;
    let code = sync_server::enrolment::create_code(server.store(), "Soak Library", "Old Town", 1)?;
    println!("{} {} {}", server.url(), server.fingerprint(), code.code);
    std::io::stdout().flush()?;
    // Until the soak closes our standard input (or dies).
    let mut line = String::new();
    while std::io::stdin().read_line(&mut line)? > 0 {
        line.clear();
    }
    server.stop()?;
    Ok(true)
}

/// The server child, stopped when dropped; and how the kiosk reaches it.
struct ServerProcess {
    child: Child,
    url: String,
    fingerprint: String,
    code: String,
}

impl ServerProcess {
    fn start(dir: &Path) -> Result<ServerProcess, Error> {
        let mut child = Command::new(std::env::current_exe()?)
            .arg(SERVE)
            .arg(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("the server's standard output")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let mut words = line.split_whitespace().map(str::to_owned);
        match (words.next(), words.next(), words.next()) {
            (Some(url), Some(fingerprint), Some(code)) => Ok(ServerProcess {
                child,
                url,
                fingerprint,
                code,
            }),
            _ => Err(format!("the soak server said {line:?}").into()),
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// This process's anonymous resident memory (heap and stacks: what a leak grows), from
/// /proc. The binary's own pages (`RssFile`) are left out: they grow as more of the code runs
/// for the first time and with the page cache, not with what the kiosk keeps.
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|line| line.starts_with("RssAnon:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// The kiosk under test: its window and the parts behind it.
struct Kiosk {
    ui: KioskUi,
    catalog: Rc<Catalog>,
    bundle: Rc<content::Bundle>,
}

impl Kiosk {
    fn find(&self, label: &str) -> Option<ElementHandle> {
        const INTERACTIVE: [AccessibleRole; 3] = [
            AccessibleRole::Button,
            AccessibleRole::RadioButton,
            AccessibleRole::TextInput,
        ];
        ElementHandle::find_by_accessible_label(self.ui.window(), label).find(|e| {
            e.accessible_role()
                .is_some_and(|role| INTERACTIVE.contains(&role))
        })
    }

    /// The control with this label, scrolling down the page to it if need be.
    fn control(&self, label: &str) -> Result<ElementHandle, Error> {
        if let Some(found) = self.find(label) {
            return Ok(found);
        }
        let pages: Vec<ElementHandle> =
            ElementHandle::find_by_element_type_name(self.ui.window(), "ScrollView").collect();
        for _ in 0..40 {
            for page in &pages {
                page.scroll(0.0, -150.0);
            }
            if let Some(found) = self.find(label) {
                return Ok(found);
            }
        }
        Err(format!("no control labelled {label:?}").into())
    }

    fn press(&self, label: &str) -> Result<(), Error> {
        self.control(label)?.invoke_accessible_default_action();
        i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(300));
        Ok(())
    }

    /// One resident's visit, in `locale`.
    fn visit(&self, locale: &str, service: usize) -> Result<(), Error> {
        let t = |id: &str| self.catalog.text(locale, id);
        self.press(&self.catalog.text("en", "attract-touch-to-start"))?;
        let language = self
            .catalog
            .locale(locale)
            .ok_or("a locale of the catalogue")?
            .native_name()
            .to_owned();
        self.press(&language)?;
        self.press(&t("settings-continue"))?;
        self.press(&t("home-tile-services"))?;
        // Search for a service by its name, open it, and go back to browse a category.
        let services: Vec<&content::Service> = self.bundle.services.iter().collect();
        let chosen = services[service % services.len()];
        let name = chosen
            .text
            .get(locale, "en")
            .ok_or("a service name")?
            .value
            .name
            .clone();
        self.control(&t("services-search-label"))?
            .set_accessible_value(name.as_str());
        self.press(&t("services-search-button"))?;
        self.press(&name)?;
        self.press(&t("nav-back"))?;
        self.press(&t("nav-back"))?;
        let category = &self.bundle.categories[service % self.bundle.categories.len()];
        let category = category
            .name
            .get(locale, "en")
            .ok_or("a category name")?
            .value
            .clone();
        self.press(&category)?;
        self.press(&t("nav-finish"))?;
        if self
            .find(&self.catalog.text("en", "attract-touch-to-start"))
            .is_none()
        {
            return Err("Finish did not go back to the attract screen".into());
        }
        Ok(())
    }
}

/// Lets Slint run what other threads handed to the UI (as `kiosk run`'s event loop does).
fn pump() -> Result<(), Error> {
    slint::invoke_from_event_loop(|| {
        let _ = slint::quit_event_loop();
    })?;
    slint::run_event_loop()?;
    Ok(())
}

/// Runs `visits` visits in `months` months and measures the kiosk at the end of each month.
/// Call [`serve_if_asked`] first thing in `main`, and this on the main thread.
pub fn run(visits: u32, months: u32, mut progress: impl FnMut(&Sample)) -> Result<Report, Error> {
    let started = Instant::now();
    let dir = tempfile::tempdir()?;
    let server_dir = dir.path().join("server");
    let server = ServerProcess::start(&server_dir)?;
    let data_dir = DataDir::open(&dir.path().join("kiosk"))?;
    let store = data_dir.open_store()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(kiosk::sync::enrol(
        &store,
        &server.url,
        server.fingerprint.parse()?,
        &server.code,
    ))?;
    drop(runtime);
    let enrolment = store.enrolment()?;
    let sealing_key: kiosk::sealing::SharedSealingKey =
        Arc::new(Mutex::new(enrolment.as_ref().and_then(|e| {
            e.sealing_key.parse::<kiosk::sealing::SealingKey>().ok()
        })));

    i_slint_backend_testing::init_integration_test_with_mock_time();
    // The kiosk's real devices on simulated drivers: a printer and a voice that do nothing.
    let hardware = hardware::HardwareConfig::parse(
        "[printer]\ndriver = \"simulated\"\n[scanner]\ndriver = \"simulated\"\n\
         [speech]\ndriver = \"simulated\"\n[presence]\ndriver = \"none\"\n",
        Path::new("hardware.toml"),
    )?;
    let conditions = kiosk::sync::SharedConditions::default();
    let event_conditions = conditions.clone();
    let devices = kiosk::hardware_devices::HardwareDevices::start(&hardware, move |event| {
        kiosk::sync::conditions::apply(&event_conditions, &event);
    })?;
    let worker = SyncWorker::spawn_sharing(
        data_dir.clone(),
        WorkerSettings {
            idle_interval: Duration::from_secs(2),
            debounce: Duration::from_millis(200),
            ..WorkerSettings::default()
        },
        sealing_key.clone(),
        conditions,
    )?;
    let recorder = Recorder::spawn(store, worker.waker())?;
    let staff_gate =
        kiosk::staff_gate::StaffGate::spawn(data_dir.open_store()?, kiosk::clock::now)?;
    let catalog = Rc::new(Catalog::embedded()?);
    let bundle = Rc::new(content::Bundle::sample()?);
    let ui = KioskUi::new(UiParts {
        catalog: catalog.clone(),
        content: bundle.clone(),
        journal: Box::new(recorder),
        devices: Rc::new(devices),
        sealing_key,
        online: worker.online(),
        pull_learner: Some(worker.learner_puller()),
        check_request: Some(worker.request_checker()),
        staff: kiosk::ui::StaffParts {
            gate: Some(staff_gate),
            conditions: Some(worker.conditions()),
            force_sync: Some(Arc::new(worker.link_restored())),
            enroller: Some(worker.enroller()),
            enrolled: enrolment.as_ref().map(kiosk::sync::EnrolledAs::from),
        },
        clock: Box::new(kiosk::clock::now),
        idle: IdleSettings::default(),
    })?;
    ui.window()
        .window()
        .set_size(slint::LogicalSize::new(1366.0, 768.0));
    ui.window().show()?;
    let kiosk = Kiosk {
        ui,
        catalog,
        bundle,
    };
    let locales: Vec<String> = kiosk
        .catalog
        .locales()
        .iter()
        .map(|l| l.tag().to_owned())
        .collect();

    let pruner = data_dir.open_store()?;
    let per_month = visits.div_ceil(months.max(1)).max(1);
    let mut samples = Vec::new();
    let mut done = 0;
    while done < visits {
        let month_end = (done + per_month).min(visits);
        while done < month_end {
            let locale = &locales[done as usize % locales.len()];
            kiosk.visit(locale, done as usize)?;
            pump()?;
            done += 1;
        }
        // The month's records all reach the server...
        let deadline = Instant::now() + Duration::from_secs(120);
        while pruner.unsent_count()? > 0 {
            if Instant::now() > deadline {
                return Err(format!(
                    "{} records still unsent after two minutes",
                    pruner.unsent_count()?
                )
                .into());
            }
            pump()?;
            std::thread::sleep(Duration::from_millis(50));
        }
        // ... and a month later the store lets go of them, as its next acknowledgement would.
        let mut pruning = data_dir.open_store()?;
        pruning.mark_acked(&[], kiosk::clock::now() + 31 * 24 * 3600)?;
        drop(pruning);
        let sample = Sample {
            visits: done,
            rss_kib: resident_kib(),
            database_bytes: file_size(&data_dir.database_path()),
            wal_bytes: file_size(&data_dir.path().join("kiosk.sqlite3-wal")),
            records_acknowledged: kiosk_records_on_server(&server_dir)?,
        };
        progress(&sample);
        samples.push(sample);
    }
    drop(kiosk);
    drop(worker);
    drop(server);
    Ok(Report {
        samples,
        elapsed: started.elapsed(),
    })
}

/// Records the server holds from the one kiosk, read from its database (a second connection
/// beside the running server's, as `sync-server kiosks` makes).
fn kiosk_records_on_server(server_dir: &Path) -> Result<u64, Error> {
    let store = sync_server::DataDir::open(server_dir)?.open_store()?;
    Ok(store.kiosks()?.iter().map(|k| k.records_stored).sum())
}
