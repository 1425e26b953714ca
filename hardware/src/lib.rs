//! Kiosk peripherals behind traits: receipt printer, card/QR scanner, power, presence sensor,
//! network link and speech, each with a Linux driver and a simulated one, chosen by
//! configuration (`hardware.toml`, see [`config`]). This crate knows nothing of Slint or sync.
//!
//! The kiosk starts everything with [`Hardware::start`] and receives [`HardwareEvent`]s (a scan,
//! someone arriving, the power or the link changing, a print finishing) on a
//! `std::sync::mpsc::Receiver`. Nothing here blocks its caller for longer than a configured,
//! bounded time: a dead printer, an unplugged scanner or a missing voice is reported, never
//! waited on.

pub mod config;
pub mod device;
pub mod event;
mod hub;
pub mod link;
pub mod power;
pub mod presence;
pub mod printer;
pub mod scanner;
pub mod speech;

pub use config::{ConfigError, HardwareConfig};
pub use device::{DeviceKind, DeviceReport, DeviceState, DriverInfo};
pub use event::{HardwareEvent, PrintJob};
pub use hub::Hardware;
