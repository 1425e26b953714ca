//! The resident-facing kiosk: a Slint UI over a local SQLite store, with a background task
//! that syncs to the server whenever it can. The binary (`src/main.rs`) is a thin command line
//! over this library; tests and benchmarks drive the same code without a window.

pub mod clock;
pub mod data_dir;
pub mod i18n;
pub mod recorder;
pub mod session;
pub mod simulate;
pub mod status;
pub mod store;
pub mod sync;
pub mod ui;

impl<T: session::EventSink + ?Sized> session::EventSink for Box<T> {
    fn record(&self, event: store::LocalEvent) {
        (**self).record(event)
    }
}
