//! Kiosk peripherals behind traits: receipt printer, card/QR scanner, power, presence sensor,
//! network link and speech, each with a Linux driver and a simulated one, chosen by
//! configuration. This crate knows nothing of Slint or sync.
//!
//! Empty for now: the foundation needs no peripheral. The hardware issue fills it; the
//! resident-experience issue defines the printer and speech traits here if it lands first.
