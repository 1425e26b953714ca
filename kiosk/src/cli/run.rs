//! `kiosk run`: the window, the event recorder and the background sync worker.

use std::rc::Rc;

use anyhow::Context as _;
use kiosk::clock;
use kiosk::data_dir::DataDir;
use kiosk::i18n::Catalog;
use kiosk::recorder::Recorder;
use kiosk::sync::{SyncWorker, WorkerSettings};
use kiosk::ui::KioskUi;
use slint::ComponentHandle as _;

pub fn run(data_dir: &DataDir, windowed: Option<(u32, u32)>) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    if store.enrolment()?.is_none() {
        eprintln!(
            "note: this kiosk is not enrolled; records stay on it until `kiosk enrol` is run."
        );
    }
    let catalog = Rc::new(Catalog::embedded()?);
    let worker = SyncWorker::spawn(data_dir.clone(), WorkerSettings::default())
        .context("cannot start the sync worker")?;
    let recorder =
        Recorder::spawn(store, worker.waker()).context("cannot start the event recorder")?;
    let ui = KioskUi::new(catalog, Box::new(recorder), clock::now)
        .context("cannot open the kiosk window (is a display available? under Xvfb set SLINT_BACKEND=winit-software)")?;
    let window = ui.window();
    match windowed {
        Some((width, height)) => window
            .window()
            .set_size(slint::LogicalSize::new(width as f32, height as f32)),
        None => window.window().set_fullscreen(true),
    }
    window
        .run()
        .context("the kiosk window stopped with an error")?;
    // Dropping the UI drops the recorder (which writes what is queued), then the worker stops.
    drop(ui);
    drop(worker);
    Ok(())
}

/// Parses `1366x768`.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (width, height) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{text}` is not WIDTHxHEIGHT, e.g. 1366x768"))?;
    let parse = |part: &str| {
        part.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (100..=10_000).contains(n))
    };
    match (parse(width), parse(height)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(format!(
            "`{text}`: width and height must be whole numbers from 100 to 10000"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1366x768"), Ok((1366, 768)));
        assert_eq!(parse_size("360X640"), Ok((360, 640)));
        assert!(parse_size("1366").is_err());
        assert!(parse_size("0x0").is_err());
        assert!(parse_size("axb").is_err());
    }
}
