//! [`Hardware`]: every device the configuration chooses, started together, each on a thread
//! of its own, reporting [`HardwareEvent`]s over one channel. A device that fails to open is
//! reported as a [`HardwareEvent::Problem`], never a failure to start: the kiosk runs with
//! whatever works.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::config::{
    HardwareConfig, LinkDriver, PowerDriver, PresenceDriver, PrinterDriver, ScannerDriver,
    SpeechDriver,
};
use crate::device::{
    DeviceKind, DeviceReport, DeviceState, DriverInfo, SIMULATED_BY_CONFIGURATION, simulated_status,
};
use crate::event::{HardwareEvent, PrintJob};
use crate::link::{self, LinkHandle, LinkMonitor};
use crate::power::{self, PowerMonitor, PowerState};
use crate::presence::{self, Presence, PresenceSensor};
use crate::printer::{
    self, Document, Fonts, NoPrinter, PrinterError, PrinterStatus, ReceiptPrinter,
};
use crate::scanner::{self, Scanner};
use crate::speech::{self, Speech, voices::DEFAULT_VOICES};

/// How long device threads wait before looking at the stop flag again.
const TICK: Duration = Duration::from_millis(250);
/// How long before trying again to open a scanner or sensor that failed.
const RETRY: Duration = Duration::from_secs(10);

type Shared<T> = Arc<Mutex<T>>;

/// The kiosk's peripherals. Dropping it stops the device threads (within a fraction of a
/// second; a print stuck on a dead printer is abandoned, not waited for).
pub struct Hardware {
    printer: Shared<Box<dyn ReceiptPrinter>>,
    print_queue: mpsc::Sender<(PrintJob, Document)>,
    next_job: u64,
    speech: Box<dyn Speech>,
    power: Option<Shared<Box<dyn PowerMonitor>>>,
    link_monitor: Shared<Box<dyn LinkMonitor>>,
    link: LinkHandle,
    presence: Shared<Option<Presence>>,
    drivers: BTreeMap<DeviceKind, DriverInfo>,
    /// Devices a simulated driver serves, and why.
    simulated: BTreeMap<DeviceKind, String>,
    problems: Shared<BTreeMap<DeviceKind, String>>,
    stop: Arc<AtomicBool>,
}

impl std::fmt::Debug for Hardware {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hardware")
            .field("drivers", &self.drivers)
            .finish_non_exhaustive()
    }
}

/// Sends events and remembers the last problem of each device.
#[derive(Clone)]
struct Reporter {
    events: mpsc::Sender<HardwareEvent>,
    problems: Shared<BTreeMap<DeviceKind, String>>,
}

impl Reporter {
    fn send(&self, event: HardwareEvent) {
        let _ = self.events.send(event);
    }

    /// Records and reports a problem; the same problem again is not reported twice.
    fn problem(&self, device: DeviceKind, message: String) {
        if let Ok(mut problems) = self.problems.lock() {
            if problems.get(&device) == Some(&message) {
                return;
            }
            problems.insert(device, message.clone());
        }
        tracing::warn!(%device, %message, "hardware problem");
        self.send(HardwareEvent::Problem { device, message });
    }

    fn solved(&self, device: DeviceKind) {
        if let Ok(mut problems) = self.problems.lock() {
            problems.remove(&device);
        }
    }
}

impl Hardware {
    /// Opens every device `config` chooses and starts watching them. The printer draws
    /// non-Latin text with `fonts` (the kiosk's Noto fonts). Events arrive on the receiver.
    pub fn start(
        config: &HardwareConfig,
        fonts: &Fonts,
    ) -> (Hardware, mpsc::Receiver<HardwareEvent>) {
        let (events, receiver) = mpsc::channel();
        let problems: Shared<BTreeMap<DeviceKind, String>> = Arc::default();
        let reporter = Reporter {
            events,
            problems: Arc::clone(&problems),
        };
        let stop = Arc::new(AtomicBool::new(false));
        let mut drivers = Drivers {
            reporter: &reporter,
            config,
            known: BTreeMap::new(),
            simulated: BTreeMap::new(),
        };

        let printer: Box<dyn ReceiptPrinter> = match printer::open(&config.printer, fonts) {
            Ok(printer) => printer,
            Err(error) => {
                reporter.problem(DeviceKind::Printer, error.to_string());
                Box::new(NoPrinter)
            }
        };
        drivers.note(DeviceKind::Printer, printer.driver());
        let printer = Arc::new(Mutex::new(printer));
        let (print_queue, jobs) = mpsc::channel();
        spawn("hw-printer", {
            let printer = Arc::clone(&printer);
            let reporter = reporter.clone();
            let poll = Duration::from_secs(config.printer.status_poll_seconds);
            move || printer_loop(&printer, &jobs, poll, &reporter)
        });

        drivers.note(DeviceKind::Scanner, scanner_driver(&config.scanner));
        spawn("hw-scanner", {
            let config = config.scanner.clone();
            let reporter = reporter.clone();
            let stop = Arc::clone(&stop);
            move || scanner_loop(&config, &reporter, &stop)
        });

        let presence = Arc::new(Mutex::new(None));
        drivers.note(DeviceKind::Presence, presence_driver(&config.presence));
        spawn("hw-presence", {
            let config = config.presence.clone();
            let reporter = reporter.clone();
            let stop = Arc::clone(&stop);
            let presence = Arc::clone(&presence);
            move || presence_loop(&config, &reporter, &stop, &presence)
        });

        let power = power::open(&config.power).map(|m| Arc::new(Mutex::new(m)));
        drivers.note(
            DeviceKind::Power,
            match &power {
                Some(m) => m
                    .lock()
                    .map(|m| m.driver())
                    .unwrap_or_else(|_| DriverInfo::new("none")),
                None => DriverInfo::new("none"),
            },
        );
        let link_monitor = Arc::new(Mutex::new(link::open(&config.link)));
        drivers.note(
            DeviceKind::Link,
            link_monitor
                .lock()
                .map(|m| m.driver())
                .unwrap_or_else(|_| DriverInfo::new("none")),
        );
        let link = LinkHandle::new(config.link.metered);
        spawn("hw-poller", {
            let power = power.clone();
            let link_monitor = Arc::clone(&link_monitor);
            let link = link.clone();
            let reporter = reporter.clone();
            let stop = Arc::clone(&stop);
            let power_every = Duration::from_secs(config.power.poll_seconds.max(1));
            let link_every = Duration::from_secs(config.link.poll_seconds.max(1));
            move || {
                poll_loop(
                    power.as_ref(),
                    &link_monitor,
                    &link,
                    (power_every, link_every),
                    &reporter,
                    &stop,
                )
            }
        });

        let speech: Box<dyn Speech> = match speech::open(&config.speech) {
            Ok(speech) => speech,
            Err(error) => {
                reporter.problem(DeviceKind::Speech, error.to_string());
                Box::new(speech::SimulatedSpeech::new(
                    config.speech.voices.clone(),
                    speech::Volume::new(config.speech.volume_percent),
                ))
            }
        };
        drivers.note(DeviceKind::Speech, speech.driver());

        let Drivers {
            known: drivers,
            simulated,
            ..
        } = drivers;
        (
            Hardware {
                printer,
                print_queue,
                next_job: 0,
                speech,
                power,
                link_monitor,
                link,
                presence,
                drivers,
                simulated,
                problems,
                stop,
            },
            receiver,
        )
    }

    /// Queues `document` for printing and returns at once; the outcome arrives as
    /// [`HardwareEvent::Printed`] with the returned job id.
    pub fn print(&mut self, document: Document) -> PrintJob {
        self.next_job += 1;
        let job = PrintJob(self.next_job);
        let _ = self.print_queue.send((job, document));
        job
    }

    /// Prints `document` now, on the calling thread (bounded by the printer timeout): for
    /// command lines and tests, not the UI thread.
    pub fn print_now(&self, document: &Document) -> Result<PrinterStatus, PrinterError> {
        let mut printer = self.printer.lock().map_err(|_| PrinterError::Stopped)?;
        printer.print(document)
    }

    /// The speech engine.
    pub fn speech(&mut self) -> &mut dyn Speech {
        self.speech.as_mut()
    }

    /// The uplink, to hand to the sync worker (it reports transfers with
    /// [`LinkHandle::record_transfer`] and reads [`LinkHandle::state`]).
    pub fn link(&self) -> LinkHandle {
        self.link.clone()
    }

    /// The driver serving each device.
    pub fn drivers(&self) -> &BTreeMap<DeviceKind, DriverInfo> {
        &self.drivers
    }

    /// The devices a simulated driver serves, and why (e.g. "no printer found at
    /// /dev/usb/lp0").
    pub fn simulated(&self) -> &BTreeMap<DeviceKind, String> {
        &self.simulated
    }

    /// Each device, its driver and its state now (asks the printer, reads power and link):
    /// for `kiosk hardware check` and the admin page. Bounded by the printer timeout. A device
    /// a simulated driver serves is reported as simulated, never as ok, unless it failed.
    pub fn check(&mut self) -> Vec<DeviceReport> {
        let problem = |device| {
            self.problems
                .lock()
                .ok()
                .and_then(|p| p.get(&device).cloned())
        };
        let driver = |device| {
            self.drivers
                .get(&device)
                .cloned()
                .unwrap_or_else(|| DriverInfo::new("none"))
        };
        let mut found: Vec<(DeviceKind, DriverInfo, bool, String)> = Vec::new();
        let (ok, status) = match self.printer.lock() {
            Ok(mut printer) => match printer.status() {
                Ok(status) => (status.can_print(), status.to_string()),
                Err(PrinterError::NotConfigured) => (true, "no printer configured".into()),
                Err(error) => (false, error.to_string()),
            },
            Err(_) => (false, "the printer thread failed".into()),
        };
        found.push((DeviceKind::Printer, driver(DeviceKind::Printer), ok, status));

        let scanner = match (
            problem(DeviceKind::Scanner),
            driver(DeviceKind::Scanner).driver,
        ) {
            (Some(problem), _) => (false, problem),
            (None, "none") => (true, "no scanner configured".into()),
            (None, _) => (true, "waiting for scans".into()),
        };
        found.push((
            DeviceKind::Scanner,
            driver(DeviceKind::Scanner),
            scanner.0,
            scanner.1,
        ));

        let power = match &self.power {
            None => (true, "not watched".to_owned()),
            Some(monitor) => match monitor.lock().map(|mut m| m.read()) {
                Ok(Ok(state)) => (true, state.to_string()),
                Ok(Err(error)) => (false, error.to_string()),
                Err(_) => (false, "the power thread failed".into()),
            },
        };
        found.push((
            DeviceKind::Power,
            driver(DeviceKind::Power),
            power.0,
            power.1,
        ));

        let presence = match (
            problem(DeviceKind::Presence),
            driver(DeviceKind::Presence).driver,
        ) {
            (Some(problem), _) => (false, problem),
            (None, "none") => (true, "no sensor configured".into()),
            (None, _) => match self.presence.lock().ok().and_then(|p| *p) {
                Some(Presence::Arrived) => (true, "someone is there".into()),
                _ => (true, "nobody seen".into()),
            },
        };
        found.push((
            DeviceKind::Presence,
            driver(DeviceKind::Presence),
            presence.0,
            presence.1,
        ));

        let link = match self.link_monitor.lock().map(|mut m| m.read()) {
            Ok(Ok(status)) => {
                self.link.update(status);
                let state = self.link.state();
                (true, state.to_string())
            }
            Ok(Err(error)) => (false, error.to_string()),
            Err(_) => (false, "the link thread failed".into()),
        };
        found.push((DeviceKind::Link, driver(DeviceKind::Link), link.0, link.1));

        let speech = self.speech.driver();
        let (ok, status) = if speech.driver == "none" {
            (true, "no speech configured".to_owned())
        } else {
            self.speech_status()
        };
        found.push((DeviceKind::Speech, speech, ok, status));

        found
            .into_iter()
            .map(
                |(device, driver, ok, status)| match (ok, self.simulated.get(&device)) {
                    (false, _) => DeviceReport {
                        device,
                        driver,
                        state: DeviceState::Failed,
                        status,
                    },
                    (true, Some(reason)) => DeviceReport {
                        device,
                        driver,
                        state: DeviceState::Simulated,
                        status: simulated_status(reason),
                    },
                    (true, None) => DeviceReport {
                        device,
                        driver,
                        state: DeviceState::Ok,
                        status,
                    },
                },
            )
            .collect()
    }

    /// Whether every locale has a voice, and which.
    fn speech_status(&mut self) -> (bool, String) {
        let problem = self
            .problems
            .lock()
            .ok()
            .and_then(|p| p.get(&DeviceKind::Speech).cloned());
        let mut voiced = Vec::new();
        let mut silent = Vec::new();
        for (locale, _) in DEFAULT_VOICES {
            match self.speech.voice_for(locale) {
                Ok(voice) => voiced.push(format!("{locale}={voice}")),
                Err(_) => silent.push(locale),
            }
        }
        let mut status = format!("voices {}", voiced.join(" "));
        if !silent.is_empty() {
            status.push_str(&format!("; no voice for {}", silent.join(", ")));
        }
        let ok = silent.is_empty() && problem.is_none();
        if let Some(problem) = problem {
            status = format!("{problem}; {status}");
        }
        (ok, status)
    }
}

/// Why a simulated driver serves `device`: configuration asks for one, or `auto` looked for
/// a real one and found none (where it looked).
fn why_simulated(device: DeviceKind, config: &HardwareConfig) -> String {
    let configured = match device {
        DeviceKind::Printer => config.printer.driver == PrinterDriver::Simulated,
        DeviceKind::Scanner => config.scanner.driver == ScannerDriver::Simulated,
        DeviceKind::Power => config.power.driver == PowerDriver::Simulated,
        DeviceKind::Presence => config.presence.driver == PresenceDriver::Simulated,
        DeviceKind::Link => config.link.driver == LinkDriver::Simulated,
        DeviceKind::Speech => config.speech.driver == SpeechDriver::Simulated,
    };
    if configured {
        return SIMULATED_BY_CONFIGURATION.to_owned();
    }
    match device {
        DeviceKind::Printer => format!("no printer found at {}", config.printer.device.display()),
        DeviceKind::Scanner => format!(
            "no scanner found in {}",
            config.scanner.search_dir.display()
        ),
        DeviceKind::Power => format!(
            "no power supply readings in {}",
            config.power.root.display()
        ),
        DeviceKind::Link => format!("no network interfaces in {}", config.link.root.display()),
        DeviceKind::Presence => "no sensor found".to_owned(),
        DeviceKind::Speech => format!(
            "{} cannot run: install the Debian package espeak-ng",
            config.speech.program.display()
        ),
    }
}

impl Drop for Hardware {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.speech.stop();
    }
}

/// The driver serving each device, noted as the hub opens them.
struct Drivers<'a> {
    reporter: &'a Reporter,
    config: &'a HardwareConfig,
    known: BTreeMap<DeviceKind, DriverInfo>,
    /// Devices a simulated driver serves, and why.
    simulated: BTreeMap<DeviceKind, String>,
}

impl Drivers<'_> {
    /// Notes the driver serving `device`. A simulated one is announced at once, with the
    /// reason, before the device's thread reports anything.
    fn note(&mut self, device: DeviceKind, info: DriverInfo) {
        if info.driver == "simulated" {
            let reason = why_simulated(device, self.config);
            self.reporter.send(HardwareEvent::Simulated {
                device,
                reason: reason.clone(),
            });
            self.simulated.insert(device, reason);
        }
        self.known.insert(device, info);
    }
}

fn spawn(name: &str, body: impl FnOnce() + Send + 'static) {
    if let Err(error) = std::thread::Builder::new().name(name.into()).spawn(body) {
        tracing::error!(%error, thread = name, "cannot start a hardware thread");
    }
}

fn scanner_driver(config: &crate::config::ScannerConfig) -> DriverInfo {
    use crate::config::ScannerDriver;
    match config.driver {
        ScannerDriver::None => DriverInfo::new("none"),
        ScannerDriver::Simulated => DriverInfo::new("simulated"),
        ScannerDriver::Evdev | ScannerDriver::Auto => {
            match config
                .device
                .clone()
                .or_else(|| scanner::find(&config.search_dir))
            {
                Some(path) => DriverInfo::with_target("evdev", path.display().to_string()),
                None if config.driver == ScannerDriver::Auto => DriverInfo::new("simulated"),
                None => DriverInfo::new("evdev"),
            }
        }
    }
}

fn presence_driver(config: &crate::config::PresenceConfig) -> DriverInfo {
    use crate::config::PresenceDriver;
    match config.driver {
        PresenceDriver::None => DriverInfo::new("none"),
        PresenceDriver::Simulated => DriverInfo::new("simulated"),
        PresenceDriver::Gpio => DriverInfo::with_target(
            "gpio",
            format!(
                "{} line {}",
                config.chip.display(),
                config.line.unwrap_or_default()
            ),
        ),
    }
}

fn printer_loop(
    printer: &Shared<Box<dyn ReceiptPrinter>>,
    jobs: &mpsc::Receiver<(PrintJob, Document)>,
    poll: Duration,
    reporter: &Reporter,
) {
    let mut last: Option<PrinterStatus> = None;
    let mut next_poll = Instant::now();
    loop {
        let wait = if poll.is_zero() {
            Duration::from_secs(3600)
        } else {
            next_poll.saturating_duration_since(Instant::now())
        };
        match jobs.recv_timeout(wait) {
            Ok((job, document)) => {
                let result = match printer.lock() {
                    Ok(mut printer) => printer.print(&document),
                    Err(_) => Err(PrinterError::Stopped),
                };
                if let Ok(status) = &result {
                    last = Some(*status);
                }
                reporter.send(HardwareEvent::Printed { job, result });
            }
            Err(RecvTimeoutError::Timeout) => {
                if poll.is_zero() {
                    continue;
                }
                next_poll = Instant::now() + poll;
                let status = match printer.lock() {
                    Ok(mut printer) => printer.status(),
                    Err(_) => return,
                };
                match status {
                    Ok(status) => {
                        reporter.solved(DeviceKind::Printer);
                        if last != Some(status) {
                            last = Some(status);
                            reporter.send(HardwareEvent::PrinterStatus(status));
                        }
                    }
                    Err(PrinterError::NotConfigured) => {}
                    Err(error) => {
                        last = None;
                        reporter.problem(DeviceKind::Printer, error.to_string());
                    }
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

fn scanner_loop(config: &crate::config::ScannerConfig, reporter: &Reporter, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        let mut scanner: Box<dyn Scanner> = match scanner::open(config) {
            Ok(scanner) => scanner,
            Err(error) => {
                reporter.problem(DeviceKind::Scanner, error.to_string());
                sleep_unless_stopped(RETRY, stop);
                continue;
            }
        };
        reporter.solved(DeviceKind::Scanner);
        while !stop.load(Ordering::SeqCst) {
            match scanner.next_scan(TICK) {
                Ok(Some(scan)) => reporter.send(HardwareEvent::Scanned(scan)),
                Ok(None) => {}
                Err(error) => {
                    reporter.problem(DeviceKind::Scanner, error.to_string());
                    sleep_unless_stopped(RETRY, stop);
                    break;
                }
            }
        }
    }
}

fn presence_loop(
    config: &crate::config::PresenceConfig,
    reporter: &Reporter,
    stop: &AtomicBool,
    current: &Shared<Option<Presence>>,
) {
    while !stop.load(Ordering::SeqCst) {
        let mut sensor: Box<dyn PresenceSensor> = match presence::open(config) {
            Ok(Some(sensor)) => sensor,
            Ok(None) => return,
            Err(error) => {
                reporter.problem(DeviceKind::Presence, error.to_string());
                sleep_unless_stopped(RETRY, stop);
                continue;
            }
        };
        reporter.solved(DeviceKind::Presence);
        while !stop.load(Ordering::SeqCst) {
            match sensor.next_change(TICK) {
                Ok(Some(change)) => {
                    if let Ok(mut current) = current.lock() {
                        *current = Some(change);
                    }
                    reporter.send(HardwareEvent::Presence(change));
                }
                Ok(None) => {}
                Err(error) => {
                    reporter.problem(DeviceKind::Presence, error.to_string());
                    sleep_unless_stopped(RETRY, stop);
                    break;
                }
            }
        }
    }
}

fn poll_loop(
    power: Option<&Shared<Box<dyn PowerMonitor>>>,
    link_monitor: &Shared<Box<dyn LinkMonitor>>,
    link: &LinkHandle,
    (power_every, link_every): (Duration, Duration),
    reporter: &Reporter,
    stop: &AtomicBool,
) {
    let mut last_power: Option<PowerState> = None;
    let mut next_power = Instant::now();
    let mut next_link = Instant::now();
    let mut first_link = true;
    while !stop.load(Ordering::SeqCst) {
        let now = Instant::now();
        if let Some(monitor) = power
            && now >= next_power
        {
            next_power = now + power_every;
            match monitor.lock().map(|mut m| m.read()) {
                Ok(Ok(state)) => {
                    reporter.solved(DeviceKind::Power);
                    if last_power != Some(state) {
                        last_power = Some(state);
                        reporter.send(HardwareEvent::Power(state));
                    }
                }
                Ok(Err(error)) => reporter.problem(DeviceKind::Power, error.to_string()),
                Err(_) => return,
            }
        }
        if now >= next_link {
            next_link = now + link_every;
            match link_monitor.lock().map(|mut m| m.read()) {
                Ok(Ok(status)) => {
                    reporter.solved(DeviceKind::Link);
                    if link.update(status) || first_link {
                        first_link = false;
                        reporter.send(HardwareEvent::Link(link.state()));
                    }
                }
                Ok(Err(error)) => reporter.problem(DeviceKind::Link, error.to_string()),
                Err(_) => return,
            }
        }
        std::thread::sleep(TICK);
    }
}

fn sleep_unless_stopped(duration: Duration, stop: &AtomicBool) {
    let until = Instant::now() + duration;
    while Instant::now() < until && !stop.load(Ordering::SeqCst) {
        std::thread::sleep(TICK);
    }
}
