//! A presence sensor on a GPIO line, through the Linux GPIO character device (`gpiocdev`):
//! edge events on both edges, debounced by the kernel, fed to the [`PresenceTracker`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gpiocdev::Request;
use gpiocdev::line::{EdgeDetection, EdgeKind, Value};

use super::tracker::PresenceTracker;
use super::{Presence, PresenceError, PresenceSensor};
use crate::device::DriverInfo;

/// A sensor on one GPIO line.
#[derive(Debug)]
pub struct GpioPresence {
    chip: PathBuf,
    line: u32,
    request: Request,
    tracker: PresenceTracker,
    started: Instant,
    initial_read: bool,
}

impl GpioPresence {
    /// Requests `line` on `chip` as an input with edge events.
    pub fn open(
        chip: &Path,
        line: u32,
        active_low: bool,
        debounce: Duration,
        hold: Duration,
    ) -> Result<GpioPresence, PresenceError> {
        let mut builder = Request::builder();
        builder
            .on_chip(chip)
            .with_consumer("kiosk-presence")
            .with_line(line)
            .as_input()
            .with_edge_detection(EdgeDetection::BothEdges);
        if !debounce.is_zero() {
            builder.with_debounce_period(debounce);
        }
        if active_low {
            builder.as_active_low();
        }
        let request = builder.request().map_err(|source| PresenceError::Gpio {
            chip: chip.to_owned(),
            line,
            reason: source.to_string(),
        })?;
        Ok(GpioPresence {
            chip: chip.to_owned(),
            line,
            request,
            tracker: PresenceTracker::new(hold),
            started: Instant::now(),
            initial_read: false,
        })
    }

    fn error(&self, source: gpiocdev::Error) -> PresenceError {
        PresenceError::Gpio {
            chip: self.chip.clone(),
            line: self.line,
            reason: source.to_string(),
        }
    }
}

impl PresenceSensor for GpioPresence {
    fn driver(&self) -> DriverInfo {
        DriverInfo::with_target(
            "gpio",
            format!("{} line {}", self.chip.display(), self.line),
        )
    }

    fn next_change(&mut self, timeout: Duration) -> Result<Option<Presence>, PresenceError> {
        if !self.initial_read {
            self.initial_read = true;
            let value = self.request.value(self.line).map_err(|e| self.error(e))?;
            if let Some(change) = self
                .tracker
                .level(value == Value::Active, self.started.elapsed())
            {
                return Ok(Some(change));
            }
        }
        let deadline = Instant::now() + timeout;
        loop {
            let now = self.started.elapsed();
            if let Some(change) = self.tracker.tick(now) {
                return Ok(Some(change));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(None);
            }
            let wait = match self.tracker.deadline() {
                Some(due) => left.min(due.saturating_sub(now) + Duration::from_millis(1)),
                None => left,
            };
            if self
                .request
                .wait_edge_event(wait)
                .map_err(|e| self.error(e))?
            {
                let event = self.request.read_edge_event().map_err(|e| self.error(e))?;
                let active = event.kind == EdgeKind::Rising;
                if let Some(change) = self.tracker.level(active, self.started.elapsed()) {
                    return Ok(Some(change));
                }
            }
        }
    }
}
