//! The resident-facing kiosk: a Slint UI over a local SQLite store, with a background task
//! that syncs to the server whenever it can. The binary (`src/main.rs`) is a thin command line
//! over this library; tests and benchmarks drive the same code without a window.

pub mod clock;
pub mod codes;
pub mod config;
pub mod content_dir;
pub mod data_dir;
pub mod devices;
pub mod forms;
pub mod hardware_devices;
pub mod i18n;
pub mod learning;
pub mod recorder;
pub mod sealing;
pub mod session;
pub mod simulate;
pub mod staff_gate;
pub mod status;
pub mod store;
pub mod sync;
pub mod systemd;
pub mod ui;
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
