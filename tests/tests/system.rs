//! The whole-system tests: one module per file beside this one, in one test program, so
//! that they are linked once instead of once per file and run two at a time across files.
//! `cargo test -p system-tests --test system content::` runs one file's tests.

mod abuse;
mod architecture_rules;
mod backup;
mod batch_dictionaries;
mod certificates;
mod content;
mod device_trust;
mod end_to_end;
mod faults;
mod kill;
mod open311;
mod open311_push;
mod relay;
mod request_status;
mod several_servers;
mod staff_browser;
mod staff_web;
mod sync_recovery;
mod updates;
