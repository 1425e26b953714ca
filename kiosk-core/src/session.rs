//! A resident's visit as the kiosk records it: start, language, tiles opened, end. The UI and
//! `kiosk simulate` both drive visits through [`SessionController`], so what is recorded is
//! the same whichever drives it.
//!
//! Only anonymous, coarse events leave here: a random visit id, the hour, and what was chosen.

use wire::{EndReason, EventKind, Tile, round_down_to_hour};

use crate::store::LocalEvent;

/// A learner's stored progress, by module id, or why it could not be read.
pub type LearnerProgress =
    Result<std::collections::BTreeMap<String, crate::store::ModuleProgress>, ReadFailure>;

/// Called with what this kiosk knows of a request, or why it could not be read.
pub type KnownStatusReply =
    Box<dyn FnOnce(Result<Option<crate::store::KnownStatus>, ReadFailure>) + Send>;

/// Why something kept for a resident could not be read back, on this kiosk or from the server.
#[derive(Debug, thiserror::Error)]
pub enum ReadFailure {
    /// The thread that owns the database has stopped.
    #[error("the kiosk's storage has stopped")]
    Stopped,
    /// The database said why.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The sync worker, which asks the server, has stopped.
    #[error("the sync worker has stopped")]
    WorkerStopped,
    /// The server did not answer in time.
    #[error("the server did not answer in time")]
    TimedOut,
    /// Asking the server failed.
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
}

/// Where a visit's traces go: anonymous events, and the records residents leave on purpose
/// (requests, feedback, learning progress). The real one is [`crate::recorder::Recorder`],
/// which writes to the local database on its own thread. No method may block the caller.
pub trait Journal {
    /// Takes one anonymous event.
    fn record(&self, event: LocalEvent);
    /// Takes a request, feedback or learning progress to keep.
    fn keep(&self, record: crate::store::LocalRecord);
    /// Reads a learner's progress; `reply` is called later, on another thread.
    fn load_learner(&self, learner_code: String, reply: Box<dyn FnOnce(LearnerProgress) + Send>);
    /// Reads what this kiosk knows of a request (by reference); `reply` is called later, on
    /// another thread. A journal that keeps nothing knows of no request.
    fn known_status(&self, reference: String, reply: KnownStatusReply) {
        let _ = reference;
        reply(Ok(None));
    }
}

/// Tracks the current visit and records what happens in it.
pub struct SessionController<S: Journal> {
    sink: S,
    clock: Box<dyn Fn() -> i64>,
    current: Option<String>,
}

impl<S: Journal> SessionController<S> {
    /// A controller that reads the time from `clock` (Unix seconds).
    pub fn new(sink: S, clock: impl Fn() -> i64 + 'static) -> Self {
        SessionController {
            sink,
            clock: Box::new(clock),
            current: None,
        }
    }

    /// The sink events go to.
    pub fn sink(&self) -> &S {
        &self.sink
    }

    /// True while a visit is under way.
    pub fn is_active(&self) -> bool {
        self.current.is_some()
    }

    /// A resident touched the attract screen: a new visit with a fresh random id. A visit
    /// still open (which should not happen) is ended first, as if by the idle timeout.
    pub fn start(&mut self) {
        if self.current.is_some() {
            self.finish(EndReason::IdleTimeout);
        }
        self.current = Some(new_session_id());
        self.emit(EventKind::SessionStarted);
    }

    /// The resident chose a language.
    pub fn choose_language(&mut self, locale: &str) {
        self.ensure_started();
        self.emit(EventKind::LanguageChosen {
            locale: locale.to_owned(),
        });
    }

    /// The resident opened a home-screen tile.
    pub fn open_tile(&mut self, tile: Tile) {
        self.ensure_started();
        self.emit(EventKind::TileOpened { tile });
    }

    /// The visit ends; its id is forgotten.
    pub fn finish(&mut self, reason: EndReason) {
        if self.current.is_some() {
            self.emit(EventKind::SessionEnded { reason });
            self.current = None;
        }
    }

    /// Records any other event of the visit (starting one if needed).
    pub fn record(&mut self, kind: EventKind) {
        self.ensure_started();
        self.emit(kind);
    }

    /// Keeps a request, feedback or learning progress.
    pub fn keep(&self, record: crate::store::LocalRecord) {
        self.sink.keep(record);
    }

    /// The current hour (Unix seconds rounded down), for records kept in this visit.
    pub fn hour(&self) -> i64 {
        round_down_to_hour((self.clock)())
    }

    /// Unix seconds now.
    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    fn ensure_started(&mut self) {
        if self.current.is_none() {
            self.start();
        }
    }

    fn emit(&self, kind: EventKind) {
        if let Some(session) = &self.current {
            let hour = round_down_to_hour((self.clock)());
            self.sink.record(LocalEvent {
                session: session.clone(),
                hour,
                kind,
            });
        }
    }
}

/// 128 random bits as 32 lowercase hex digits.
fn new_session_id() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

/// A sink that keeps events in memory, for unit tests of what gets recorded.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct Collect(pub(crate) std::cell::RefCell<Vec<LocalEvent>>);

#[cfg(test)]
impl Journal for Collect {
    fn record(&self, event: LocalEvent) {
        self.0.borrow_mut().push(event);
    }
    fn keep(&self, _record: crate::store::LocalRecord) {}
    fn load_learner(&self, _learner_code: String, reply: Box<dyn FnOnce(LearnerProgress) + Send>) {
        reply(Ok(Default::default()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_records_anonymous_coarse_events() {
        let mut visits = SessionController::new(Collect::default(), || 1_790_003_723);
        visits.start();
        visits.choose_language("ar");
        visits.open_tile(Tile::Learn);
        visits.finish(EndReason::Finished);
        let events = visits.sink().0.borrow().clone();
        let kinds: Vec<_> = events.iter().map(|e| e.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                EventKind::SessionStarted,
                EventKind::LanguageChosen {
                    locale: "ar".into()
                },
                EventKind::TileOpened { tile: Tile::Learn },
                EventKind::SessionEnded {
                    reason: EndReason::Finished
                },
            ]
        );
        assert!(
            events.iter().all(|e| e.hour == 1_790_002_800),
            "time rounded to the hour"
        );
        assert!(
            events
                .iter()
                .all(|e| e.session == events[0].session && wire::is_session_id(&e.session))
        );
        assert!(!visits.is_active());
    }

    #[test]
    fn each_visit_gets_a_new_id() {
        let mut visits = SessionController::new(Collect::default(), || 0);
        visits.start();
        visits.finish(EndReason::Finished);
        visits.start();
        let events = visits.sink().0.borrow().clone();
        assert_ne!(events[0].session, events[2].session);
    }

    #[test]
    fn choosing_without_starting_starts_a_visit_and_finish_twice_ends_once() {
        let mut visits = SessionController::new(Collect::default(), || 0);
        visits.open_tile(Tile::Services);
        visits.finish(EndReason::IdleTimeout);
        visits.finish(EndReason::IdleTimeout);
        let kinds: Vec<_> = visits
            .sink()
            .0
            .borrow()
            .iter()
            .map(|e| e.kind.name())
            .collect();
        assert_eq!(
            kinds,
            vec!["session_started", "tile_opened", "session_ended"]
        );
    }
}
