//! The background sync worker: its own thread and Tokio runtime, so the UI thread never waits
//! on the network. It syncs soon after new records are written, at a steady interval
//! otherwise (which doubles as a heartbeat), and backs off with jitter while the server
//! cannot be reached.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::{Notify, mpsc, oneshot};
use tokio::time::Instant;

use super::SyncError;
use super::backoff::{Backoff, MAX_DELAY};
use crate::data_dir::DataDir;

/// How the worker paces itself.
#[derive(Debug, Clone, Copy)]
pub struct WorkerSettings {
    /// Sync this often when all is well, even with nothing new (a heartbeat).
    pub idle_interval: Duration,
    /// After new records, wait this long for more before syncing (one request per visit,
    /// not per tap).
    pub debounce: Duration,
    /// Bytes the kiosk may send per day (UTC); past it only residents' requests go.
    pub daily_byte_budget: Option<u64>,
    /// Local hours (from, to) in which a downloaded software update may be installed.
    pub quiet_hours: (u8, u8),
    /// …and only when nothing was recorded for this long (nobody is at the kiosk).
    pub quiet_after: Duration,
    /// When the server cannot be reached, look for a kiosk carrying for others on the LAN
    /// this way and exchange with it (at most every [`LAN_EXCHANGE_EVERY`]).
    pub lan_relay: Option<crate::relay::lan::Discovery>,
}

/// How often a kiosk with no uplink looks for a relay on the LAN.
pub const LAN_EXCHANGE_EVERY: Duration = Duration::from_secs(120);

impl Default for WorkerSettings {
    fn default() -> Self {
        WorkerSettings {
            idle_interval: Duration::from_secs(5 * 60),
            debounce: Duration::from_secs(2),
            daily_byte_budget: None,
            quiet_hours: (2, 5),
            quiet_after: Duration::from_secs(15 * 60),
            lan_relay: None,
        }
    }
}

/// A request to fetch a learner's progress from the server, and where the answer goes.
type LearnerPull = (
    String,
    Box<dyn FnOnce(crate::session::LearnerProgress) + Send>,
);

/// Asks the worker to fetch a learner's progress from the server; the answer comes later, on
/// the worker's thread (an error when the server cannot be reached quickly).
pub type LearnerPuller =
    Arc<dyn Fn(String, Box<dyn FnOnce(crate::session::LearnerProgress) + Send>) + Send + Sync>;

/// Called with where a request stands on the server (`None`: no such request has reached
/// it), or why the server could not say.
pub type StatusReply = Box<dyn FnOnce(Result<Option<wire::RequestStatusAnswer>, String>) + Send>;

/// Asks the worker where a request stands on the server; the answer comes later, on the
/// worker's thread (an error when the server cannot be reached quickly).
pub type RequestChecker = Arc<dyn Fn(crate::codes::Reference, StatusReply) + Send + Sync>;

/// A lookup of where a request stands, and where the answer goes.
type Lookup = (crate::codes::Reference, StatusReply);

/// What the worker is asked from outside: stop, learner progress, request statuses,
/// enrolments.
type Asks = (
    oneshot::Receiver<()>,
    mpsc::UnboundedReceiver<LearnerPull>,
    mpsc::UnboundedReceiver<Lookup>,
    mpsc::UnboundedReceiver<EnrolAsk>,
);

/// An enrolment asked for from the staff screen, and where the answer goes.
type EnrolAsk = (super::EnrolEntry, super::screen_enrolment::OwedReply);

/// How often the worker asks the server for new content.
const CONTENT_CHECK_EVERY: Duration = Duration::from_secs(30 * 60);

/// How long a resident may wait for progress from other kiosks before the kiosk gives up.
const PULL_TIMEOUT: Duration = Duration::from_secs(8);

/// A running worker. Dropping it stops the worker (an upload in flight is abandoned; the
/// server's exactly-once storage makes resending it harmless).
pub struct SyncWorker {
    pulls: mpsc::UnboundedSender<LearnerPull>,
    lookups: mpsc::UnboundedSender<Lookup>,
    enrolments: mpsc::UnboundedSender<EnrolAsk>,
    conditions: super::SharedConditions,
    retry_now: Arc<AtomicBool>,
    wake: Arc<Notify>,
    online: Arc<AtomicBool>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl SyncWorker {
    /// Starts the worker on its own thread.
    pub fn spawn(data_dir: DataDir, settings: WorkerSettings) -> std::io::Result<SyncWorker> {
        Self::spawn_sharing_key(data_dir, settings, Default::default())
    }

    /// Starts the worker, keeping `key` up to date with the enrolment's sealing key (for a UI
    /// that seals personal data with it).
    pub fn spawn_sharing_key(
        data_dir: DataDir,
        settings: WorkerSettings,
        key: crate::sealing::SharedSealingKey,
    ) -> std::io::Result<SyncWorker> {
        Self::spawn_sharing(data_dir, settings, key, Default::default())
    }

    /// Starts the worker with `conditions` the hardware has been filling since before the
    /// worker existed (so the statuses reported at start reach the heartbeat and the staff
    /// screen), keeping `key` up to date with the enrolment's sealing key.
    pub fn spawn_sharing(
        data_dir: DataDir,
        settings: WorkerSettings,
        key: crate::sealing::SharedSealingKey,
        conditions: super::SharedConditions,
    ) -> std::io::Result<SyncWorker> {
        let wake = Arc::new(Notify::new());
        let online = Arc::new(AtomicBool::new(false));
        let (stop, stopped) = oneshot::channel();
        let (pulls, pull_requests) = mpsc::unbounded_channel();
        let (lookups, lookup_requests) = mpsc::unbounded_channel();
        let (enrolments, enrol_requests) = mpsc::unbounded_channel();
        let retry_now = Arc::new(AtomicBool::new(false));
        let worker_conditions = (conditions.clone(), retry_now.clone());
        let worker_wake = wake.clone();
        let worker_online = online.clone();
        let thread = std::thread::Builder::new()
            .name("sync-worker".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(error) => {
                        tracing::error!(%error, "cannot start the sync worker's runtime");
                        return;
                    }
                };
                runtime.block_on(run(
                    data_dir,
                    worker_wake,
                    worker_online,
                    key,
                    (stopped, pull_requests, lookup_requests, enrol_requests),
                    worker_conditions,
                    settings,
                ));
            })?;
        Ok(SyncWorker {
            pulls,
            lookups,
            enrolments,
            conditions,
            retry_now,
            wake,
            online,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// True after a sync reached the server, false after one could not (shared, live).
    pub fn online(&self) -> Arc<AtomicBool> {
        self.online.clone()
    }

    /// The conditions the hardware reports (link, power, device statuses), for the hardware's
    /// event thread to update.
    pub fn conditions(&self) -> super::SharedConditions {
        self.conditions.clone()
    }

    /// A function to call when the uplink comes back: the worker tries at once instead of
    /// waiting out its backoff.
    pub fn link_restored(&self) -> impl Fn() + Send + Sync + 'static {
        let (retry_now, wake) = (self.retry_now.clone(), self.wake.clone());
        move || {
            retry_now.store(true, Ordering::Relaxed);
            wake.notify_one();
        }
    }

    /// A function that asks the worker for a learner's progress held by the server.
    pub fn learner_puller(&self) -> LearnerPuller {
        let pulls = self.pulls.clone();
        Arc::new(move |code, reply| {
            if let Err(mpsc::error::SendError((_, reply))) = pulls.send((code, reply)) {
                reply(Err(crate::session::ReadFailure::WorkerStopped));
            }
        })
    }

    /// A function that asks the worker where a request stands on the server.
    pub fn request_checker(&self) -> RequestChecker {
        let lookups = self.lookups.clone();
        Arc::new(move |reference, reply| {
            if let Err(mpsc::error::SendError((_, reply))) = lookups.send((reference, reply)) {
                reply(Err("the sync worker has stopped".into()));
            }
        })
    }

    /// A function that asks the worker to enrol the kiosk (from the staff screen).
    pub fn enroller(&self) -> super::Enroller {
        let enrolments = self.enrolments.clone();
        Arc::new(move |entry, reply| {
            // If the worker has stopped, the owed reply comes back and, dropped, says so.
            let _ = enrolments.send((entry, super::screen_enrolment::OwedReply::new(reply)));
        })
    }

    /// A function that tells the worker new records are waiting. Cheap, never blocks.
    pub fn waker(&self) -> impl Fn() + Send + Sync + 'static {
        let (wake, conditions) = (self.wake.clone(), self.conditions.clone());
        move || {
            // Something was recorded: a resident is (or just was) at the kiosk.
            if let Ok(mut now) = conditions.lock() {
                now.last_recorded_at = crate::clock::now();
            }
            wake.notify_one()
        }
    }
}

impl Drop for SyncWorker {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the sync worker panicked");
        }
    }
}

async fn run(
    data_dir: DataDir,
    wake: Arc<Notify>,
    online: Arc<AtomicBool>,
    key: crate::sealing::SharedSealingKey,
    (mut stop, mut pulls, mut lookups, mut enrolments): Asks,
    (conditions, retry_now): (super::SharedConditions, Arc<AtomicBool>),
    settings: WorkerSettings,
) {
    let mut store = match data_dir.open_store() {
        Ok(store) => store,
        Err(error) => {
            tracing::error!(%error, "the sync worker cannot open the kiosk database");
            return;
        }
    };
    let mut backoff = Backoff::default();
    let mut link = super::LinkEstimate::default();
    // One HTTPS connection from pass to pass while it works; a failed pass starts afresh.
    let connections = super::Connections::default();
    let mut last_content_check: Option<Instant> = None;
    let mut last_lan_exchange: Option<Instant> = None;
    let mut next_attempt = Instant::now();
    let mut uptime = super::availability::UptimeMeter::default();
    let mut minute = tokio::time::interval(Duration::from_secs(60));
    minute.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        // Wait for the next attempt. New records bring it forward, unless we are backing off.
        loop {
            tokio::select! {
                _ = &mut stop => return,
                Some((code, reply)) = pulls.recv() => {
                    let pulled = tokio::time::timeout(PULL_TIMEOUT, super::pull_learner(&mut store, &code)).await;
                    reply(match pulled {
                        Ok(Ok(progress)) => Ok(progress),
                        Ok(Err(error)) => Err(error.into()),
                        Err(_) => Err(crate::session::ReadFailure::TimedOut),
                    });
                }
                Some((reference, reply)) = lookups.recv() => {
                    let asked = tokio::time::timeout(PULL_TIMEOUT, super::request_status(&store, &reference)).await;
                    reply(match asked {
                        Ok(Ok(answer)) => Ok(answer),
                        Ok(Err(error)) => Err(error.to_string()),
                        Err(_) => Err("the server did not answer in time".into()),
                    });
                }
                Some((entry, reply)) = enrolments.recv() => {
                    let enrolled = super::screen_enrolment::enrol_from_entry(&store, entry).await;
                    match &enrolled {
                        Ok(as_now) => {
                            tracing::info!(kiosk = %as_now.kiosk_id, site = %as_now.site, "enrolled from the staff screen");
                            // The new server's key, or none (requests wait) if it is unusable:
                            // never the old server's.
                            if let Ok(Some(enrolment)) = store.enrolment()
                                && let Ok(mut shared) = key.lock()
                            {
                                *shared = enrolment.sealing_key.parse().ok();
                            }
                            // Send what waited for enrolment, and say hello, at once.
                            backoff.reset();
                            next_attempt = Instant::now();
                        }
                        Err(failure) => tracing::warn!(?failure, "enrolment from the staff screen failed"),
                    }
                    reply.answer(enrolled);
                }
                () = tokio::time::sleep_until(next_attempt) => break,
                _ = minute.tick() => {
                    let now = crate::clock::now();
                    uptime.note_alive(now);
                    for hour in uptime.take_finished(now) {
                        if let Err(error) = store.append_record(&wire::RecordBody::Availability(hour)) {
                            tracing::warn!(%error, "cannot record the kiosk's availability");
                        }
                    }
                }
                () = wake.notified() => {
                    if retry_now.swap(false, Ordering::Relaxed) {
                        // The link is back: try now, whatever the backoff said.
                        backoff.reset();
                        next_attempt = Instant::now();
                    } else if backoff.failures() == 0 {
                        next_attempt = next_attempt.min(Instant::now() + settings.debounce);
                    }
                }
            }
        }
        let now_conditions = conditions.lock().map(|c| c.clone()).unwrap_or_default();
        let limits = super::PassLimits {
            byte_budget_left: settings.daily_byte_budget.map(|budget| {
                let midnight = crate::clock::now().div_euclid(86_400) * 86_400;
                budget.saturating_sub(store.bytes_sent_since(midnight).unwrap_or(0))
            }),
            devices: now_conditions.devices.clone(),
            health: now_conditions.health.clone(),
            connections: Some(connections.clone()),
        };
        let outcome = tokio::select! {
            _ = &mut stop => return,
            outcome = super::sync_now_within(&mut store, &mut link, &limits) => outcome,
        };
        online.store(outcome.is_ok(), Ordering::Relaxed);
        if outcome.is_err() {
            connections.forget();
        }
        // No uplink: hand the records to a kiosk on the LAN that carries for others.
        if let (Err(SyncError::Unreachable(_)), Some(discovery)) = (&outcome, settings.lan_relay)
            && last_lan_exchange.is_none_or(|at: Instant| at.elapsed() >= LAN_EXCHANGE_EVERY)
        {
            last_lan_exchange = Some(Instant::now());
            tokio::select! {
                _ = &mut stop => return,
                () = exchange_on_lan(&data_dir, &store, discovery) => {}
            }
        }
        // What the staff screen shows, kept in memory for the UI.
        if let Ok(facts) = super::conditions::SyncFacts::read(&store)
            && let Ok(mut shared) = conditions.lock()
        {
            shared.sync = Some(facts);
        }
        // Content and software come last, after the records, at most so often, and only on
        // mains power and an unmetered link.
        if outcome.is_ok()
            && !now_conditions.defer_content()
            && last_content_check.is_none_or(|at: Instant| at.elapsed() >= CONTENT_CHECK_EVERY)
        {
            last_content_check = Some(Instant::now());
            let checked = tokio::select! {
                _ = &mut stop => return,
                checked = super::update_content(&store) => checked,
            };
            match checked {
                Ok(super::ContentOutcome::Installed { version, .. }) => {
                    tracing::info!(
                        version,
                        "new content is ready; it is used from the next start"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "content update failed"),
            }
            // What is left of today's byte budget after the records and the content.
            let budget = settings.daily_byte_budget.map(|budget| {
                let midnight = crate::clock::now().div_euclid(86_400) * 86_400;
                budget.saturating_sub(store.bytes_sent_since(midnight).unwrap_or(0))
            });
            let running = crate::updates::running_version();
            let checked = tokio::select! {
                _ = &mut stop => return,
                checked = super::release::update_software(&store, &running, budget) => checked,
            };
            match checked {
                Ok((outcome, fetched)) => {
                    if fetched > 0 {
                        let _ = store.note_download(fetched, crate::clock::now());
                    }
                    tracing::info!(?outcome, fetched, "kiosk software checked");
                }
                Err(error) => tracing::warn!(%error, "kiosk software check failed"),
            }
        }
        // A downloaded update is handed to the installer at a quiet hour, nobody about.
        let idle_for =
            crate::clock::now() - conditions.lock().map(|c| c.last_recorded_at).unwrap_or(0);
        let hour = u8::try_from(chrono::Timelike::hour(&chrono::Local::now())).unwrap_or(0);
        let server_key = store
            .enrolment()
            .ok()
            .flatten()
            .map(|e| e.content_key)
            .unwrap_or_default();
        match crate::updates::request_if_due(
            &crate::updates::UpdateDir::new(data_dir.path()),
            &server_key,
            &crate::updates::running_version(),
            hour,
            idle_for,
            &settings,
        ) {
            Ok(Some(version)) => {
                tracing::info!(%version, "asked the installer to install kiosk software")
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "cannot ask for the update to be installed"),
        }
        if outcome.is_ok()
            && let Ok(Some(enrolment)) = store.enrolment()
            && let Ok(sealing_key) = enrolment.sealing_key.parse()
            && let Ok(mut shared) = key.lock()
        {
            *shared = Some(sealing_key);
        }
        next_attempt = Instant::now()
            + match outcome {
                Ok(report) => {
                    backoff.reset();
                    if report.sent > 0 {
                        tracing::info!(sent = report.sent, remaining = report.remaining, "synced");
                    }
                    if report.remaining > 0 && !report.over_budget {
                        settings.debounce
                    } else {
                        settings.idle_interval
                    }
                }
                Err(SyncError::NotEnrolled) => settings.idle_interval,
                Err(error) if error.is_retryable() => {
                    // Full jitter, but never sooner than a busy server asked.
                    let asked = match &error {
                        SyncError::ServerTrouble {
                            retry_after: Some(seconds),
                            ..
                        } => Duration::from_secs(*seconds).min(MAX_DELAY),
                        _ => Duration::ZERO,
                    };
                    let delay = backoff.next_delay(rand::random::<f64>()).max(asked);
                    tracing::warn!(%error, retry_in = ?delay, "sync failed; will retry");
                    delay
                }
                Err(error) => {
                    backoff.next_delay(1.0);
                    tracing::error!(%error, "sync needs attention; retrying slowly");
                    MAX_DELAY
                }
            };
    }
}

/// Looks for a relay of this kiosk's server on the LAN and exchanges with the first found;
/// what happened is logged (the next pass or exchange tries again).
async fn exchange_on_lan(
    data_dir: &crate::data_dir::DataDir,
    store: &crate::store::LocalStore,
    discovery: crate::relay::lan::Discovery,
) {
    let Ok(Some(enrolment)) = store.enrolment() else {
        return;
    };
    let looked = tokio::task::spawn_blocking(move || {
        crate::relay::lan::discover(&enrolment.content_key, discovery, Duration::from_secs(5))
    })
    .await;
    let found = match looked {
        Ok(Ok(found)) => found,
        Ok(Err(error)) => {
            tracing::warn!(%error, "cannot look for a relay on the LAN");
            return;
        }
        Err(_) => return,
    };
    let Some(address) = found.first().copied() else {
        tracing::info!("no relay on the LAN");
        return;
    };
    match crate::relay::lan::exchange(data_dir, address).await {
        Ok(exchanged) => tracing::info!(
            %address,
            handed = exchanged.own_records,
            acknowledged = exchanged.own_records_acked,
            content = ?exchanged.content_installed,
            "exchanged with a relay on the LAN"
        ),
        Err(error) => tracing::warn!(%address, %error, "exchange with a relay on the LAN failed"),
    }
}
