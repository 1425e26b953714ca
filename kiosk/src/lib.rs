//! The resident-facing kiosk: a Slint UI over the kiosk core (`kiosk-core`: local SQLite
//! store, recorder, sync client and the rest), with the command line. The binary
//! (`src/main.rs`) is a thin command line over this library; tests and benchmarks drive the
//! same code without a window.

pub use kiosk_core::{
    clock, codes, config, content_dir, data_dir, devices, fonts, forms, hardware_devices, i18n,
    learning, model, recorder, relay, sealing, session, simulate, staff_gate, status, store, sync,
    updates,
};

pub mod systemd;
pub mod ui;
