//! `kiosk run`: the window, the event recorder and the background sync worker.

use std::rc::Rc;

use anyhow::Context as _;
use kiosk::clock;
use kiosk::config::WindowMode;
use kiosk::data_dir::DataDir;
use kiosk::hardware_devices::HardwareDevices;
use kiosk::i18n::Catalog;
use kiosk::recorder::Recorder;
use kiosk::sealing::SealingKey;
use kiosk::sync::{SyncWorker, WorkerSettings};
use kiosk::systemd::ServiceManager;
use kiosk::ui::{IdleSettings, KioskUi, UiParts};
use slint::ComponentHandle as _;

/// What `kiosk.toml` says of relaying (see `kiosk::config::KioskConfig`).
#[derive(Debug, Clone, Default)]
pub struct RelaySettings {
    /// Carry for kiosks on the LAN, listening here.
    pub listen: Option<std::net::SocketAddr>,
    /// Hand records to a kiosk on the LAN when the server cannot be reached.
    pub via_lan: bool,
}

pub fn run(
    data_dir: &DataDir,
    window_mode: WindowMode,
    hardware_path: &std::path::Path,
    daily_byte_budget: Option<u64>,
    relay: &RelaySettings,
    exit_after_first_frame: bool,
) -> anyhow::Result<()> {
    open_window_system()?;
    let store = data_dir.open_store()?;
    let enrolment = store.enrolment()?;
    // PINs and staff cards are checked on a thread of the gate's own, with its own connection.
    let staff_gate = kiosk::staff_gate::StaffGate::spawn(data_dir.open_store()?, clock::now)
        .context("cannot start the staff sign-in")?;
    if enrolment.is_none() {
        eprintln!(
            "note: this kiosk is not enrolled; records stay on it until it is enrolled \
             (staff mode, \"Enrol this kiosk\", or `kiosk enrol`)."
        );
    }
    // Until the kiosk has the server's sealing key (one enrolled before keys existed fetches it
    // at the next sync), requests with personal details are refused.
    let sealing_key: kiosk::sealing::SharedSealingKey = std::sync::Arc::new(std::sync::Mutex::new(
        enrolment
            .as_ref()
            .and_then(|e| e.sealing_key.parse::<SealingKey>().ok()),
    ));
    let hardware = hardware::HardwareConfig::load(hardware_path)?;
    // Hardware events arrive on their own thread. The link, power and device statuses go to
    // conditions made now, which the sync worker takes over when it starts, so that what the
    // hardware reports at once (simulated devices, the first printer status) is not lost.
    // Those the UI acts on go to the window (once it exists) through Slint's event loop.
    let conditions = kiosk::sync::SharedConditions::default();
    let window_for_events: std::sync::Arc<
        std::sync::Mutex<Option<slint::Weak<kiosk::ui::KioskWindow>>>,
    > = Default::default();
    let events_window = window_for_events.clone();
    // The sync worker's "the link is back: try now" (once it exists).
    type LinkRestored = Box<dyn Fn() + Send + Sync>;
    let link_hook: std::sync::Arc<std::sync::Mutex<Option<LinkRestored>>> = Default::default();
    let events_link = link_hook.clone();
    let events_conditions = conditions.clone();
    let devices = HardwareDevices::start(&hardware, move |event| {
        // `Display` says what happened, never what was scanned.
        tracing::info!(%event, "hardware");
        if kiosk::sync::conditions::apply(&events_conditions, &event)
            && let Ok(hook) = events_link.lock()
            && let Some(link_restored) = hook.as_ref()
        {
            link_restored();
        }
        let Some(event) = kiosk::hardware_devices::device_event(&event) else {
            return;
        };
        if let Some(weak) = events_window.lock().ok().and_then(|w| w.clone()) {
            let _ =
                weak.upgrade_in_event_loop(move |window| kiosk::ui::device_event(&window, event));
        }
    })
    .context("cannot start the hardware")?;
    let content_dir = kiosk::content_dir::ContentDir::new(data_dir.path());
    let (version, bundle) = content_dir.load();
    // UI translations that came with the content replace the built-in ones they cover.
    let catalog = Rc::new(
        match Catalog::with_overrides(&content_dir.translations(version)) {
            Ok(catalog) => catalog,
            Err(error) => {
                tracing::error!(%error, "the content's translations do not load; using the built-in ones");
                Catalog::embedded()?
            }
        },
    );
    let content = Rc::new(bundle.context("the sample content does not load")?);
    tracing::info!(version, "content loaded (0: the built-in sample)");
    let worker = SyncWorker::spawn_sharing(
        data_dir.clone(),
        WorkerSettings {
            daily_byte_budget,
            lan_relay: relay.via_lan.then(kiosk::relay::lan::Discovery::default),
            ..WorkerSettings::default()
        },
        sealing_key.clone(),
        conditions,
    )
    .context("cannot start the sync worker")?;
    // Carrying for kiosks with no uplink on this LAN, if asked: a kiosk not enrolled has no
    // server to carry for, and a port taken leaves the kiosk running without it.
    let _relay_listener = relay.listen.and_then(|address| {
        match kiosk::relay::lan::RelayListener::start(
            data_dir.clone(),
            address,
            Some(kiosk::relay::lan::Discovery::default()),
        ) {
            Ok(listener) => {
                tracing::info!(address = %listener.address(), "carrying for kiosks on the LAN");
                Some(listener)
            }
            Err(error) => {
                tracing::warn!(%error, "not carrying for kiosks on the LAN");
                None
            }
        }
    });
    if let Ok(mut hook) = link_hook.lock() {
        *hook = Some(Box::new(worker.link_restored()));
    }
    let online = worker.online();
    let pull_learner = Some(worker.learner_puller());
    let check_request = Some(worker.request_checker());
    let recorder =
        Recorder::spawn(store, worker.waker()).context("cannot start the event recorder")?;
    let ui = KioskUi::new(UiParts {
        catalog,
        content,
        journal: Box::new(recorder),
        devices: Rc::new(devices),
        sealing_key,
        online,
        pull_learner,
        check_request,
        staff: kiosk::ui::StaffParts {
            gate: Some(staff_gate),
            conditions: Some(worker.conditions()),
            force_sync: Some(std::sync::Arc::new(worker.link_restored())),
            enroller: Some(worker.enroller()),
            enrolled: enrolment.as_ref().map(kiosk::sync::EnrolledAs::from),
        },
        clock: Box::new(clock::now),
        idle: IdleSettings::default(),
    })
    .context("cannot open the kiosk window (is a display available? under Xvfb set SLINT_BACKEND=winit-software)")?;
    let window = ui.window();
    if let Ok(mut slot) = window_for_events.lock() {
        *slot = Some(window.as_weak());
    }
    // Kept until the window closes: the fullscreen keeper and systemd's ready and watchdog
    // timers.
    let mut _timers = Vec::new();
    match window_mode {
        WindowMode::Windowed { width, height } => window
            .window()
            .set_size(slint::LogicalSize::new(width as f32, height as f32)),
        WindowMode::Fullscreen => {
            window.window().set_fullscreen(true);
            _timers.push(keep_fullscreen(window.as_weak()));
        }
    }
    // Under systemd (the packaged unit): READY=1 once the window is shown, then watchdog pings
    // from this event loop, so a hung UI gets the kiosk restarted.
    let heartbeat = ServiceManager::from_env()
        .map(|manager| manager.announce_on_event_loop("the kiosk window is open".to_owned()));
    if exit_after_first_frame {
        // The software renderer has no frame notifier: a zero timer fires once the event loop
        // has shown the window and drawn what was pending.
        slint::Timer::single_shot(std::time::Duration::ZERO, || {
            println!("first-frame rss-kib={}", resident_kib().unwrap_or(0));
            let _ = slint::quit_event_loop();
        });
    }
    // A new version says it runs healthily once its window has been up a while (the
    // installer waits for this after an update, and rolls back without it).
    let updates = kiosk::updates::UpdateDir::new(data_dir.path());
    _timers.push({
        let timer = slint::Timer::default();
        timer.start(slint::TimerMode::SingleShot, HEALTHY_AFTER, move || {
            if let Err(error) = updates.mark_healthy(&kiosk::updates::running_version()) {
                tracing::warn!(%error, "cannot note that this version runs healthily");
            }
        });
        std::rc::Rc::new(timer)
    });
    tracing::info!("the kiosk window is open");
    window
        .run()
        .context("the kiosk window stopped with an error")?;
    drop(heartbeat);
    if let Some(manager) = ServiceManager::from_env() {
        let _ = manager.stopping();
    }
    // Dropping the UI drops the recorder (which writes what is queued), then the worker stops.
    drop(ui);
    drop(worker);
    Ok(())
}

/// How long the window must have been up before this version counts as healthy.
const HEALTHY_AFTER: std::time::Duration = std::time::Duration::from_secs(20);

/// Starts Slint's window system before anything else, so that a machine with no display gets
/// one sentence saying what to do instead of a panic deep inside Slint.
fn open_window_system() -> anyhow::Result<()> {
    let Err(error) = slint::BackendSelector::new().select() else {
        return Ok(());
    };
    let display = ["WAYLAND_DISPLAY", "DISPLAY"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()));
    Err(match display {
        None => anyhow::anyhow!(
            "there is no display to open the kiosk window on: run `kiosk run` in a graphical \
             session, or start a virtual display (`Xvfb :99 &`) and run it with DISPLAY=:99 \
             SLINT_BACKEND=winit-software"
        ),
        Some(display) => {
            // Slint's message spans lines and source paths; its last words say what failed.
            let text = error.to_string();
            let detail: Vec<&str> = text
                .lines()
                .filter_map(|line| line.rsplit(": ").next())
                .map(|line| line.trim().trim_end_matches('.'))
                .filter(|line| !line.is_empty())
                .collect();
            anyhow::anyhow!(
                "the kiosk window cannot open on display {display} ({}): check that the display \
                 is running and that this user may use it",
                detail.join("; ")
            )
        }
    })
}

/// This process's resident memory, from /proc.
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Asks for fullscreen again while the window is not: on Wayland the compositor's first
/// answer (a size, before it has granted fullscreen) makes Slint drop the request. Tries for the
/// first ten seconds, then leaves the compositor's decision alone.
fn keep_fullscreen(window: slint::Weak<kiosk::ui::KioskWindow>) -> Rc<slint::Timer> {
    let timer = Rc::new(slint::Timer::default());
    let this = Rc::downgrade(&timer);
    let started = std::time::Instant::now();
    timer.start(
        slint::TimerMode::Repeated,
        std::time::Duration::from_millis(250),
        move || {
            if started.elapsed() > std::time::Duration::from_secs(10) {
                if let Some(timer) = this.upgrade() {
                    timer.stop();
                }
                return;
            }
            if let Some(window) = window.upgrade()
                && !window.window().is_fullscreen()
            {
                tracing::debug!("asking for fullscreen again");
                window.window().set_fullscreen(true);
            }
        },
    );
    timer
}
