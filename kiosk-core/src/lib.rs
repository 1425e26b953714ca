//! The kiosk without its UI: the local SQLite store, the recorder thread, a visit's session,
//! the sync client, sealing of personal fields, printed codes, forms, learning progress and
//! the devices the kiosk drives. No Slint here (a test in `tests/tests/architecture_rules.rs`
//! holds that): the `kiosk` crate puts its UI over this, and the whole-system tests drive it
//! without a window.

pub mod clock;
pub mod codes;
pub mod config;
pub mod content_dir;
pub mod data_dir;
pub mod devices;
pub mod fonts;
pub mod forms;
pub mod hardware_devices;
pub mod i18n;
pub mod learning;
pub mod model;
pub mod recorder;
pub mod relay;
pub mod sealing;
pub mod session;
pub mod simulate;
pub mod staff_gate;
pub mod status;
pub mod store;
pub mod sync;
pub mod updates;

impl<T: session::Journal + ?Sized> session::Journal for Box<T> {
    fn record(&self, event: store::LocalEvent) {
        (**self).record(event)
    }
    fn keep(&self, record: store::LocalRecord) {
        (**self).keep(record)
    }
    fn load_learner(
        &self,
        learner_code: String,
        reply: Box<dyn FnOnce(session::LearnerProgress) + Send>,
    ) {
        (**self).load_learner(learner_code, reply)
    }
    fn known_status(&self, reference: String, reply: session::KnownStatusReply) {
        (**self).known_status(reference, reply)
    }
}
