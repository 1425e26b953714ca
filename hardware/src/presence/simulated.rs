//! A presence sensor that reports what the program tells it (demos and tests).

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use super::{Presence, PresenceError, PresenceSensor};
use crate::device::DriverInfo;

/// Makes a [`SimulatedPresence`] report a change.
#[derive(Debug, Clone)]
pub struct SimulatedPresenceHandle {
    sender: mpsc::Sender<Presence>,
}

impl SimulatedPresenceHandle {
    /// Reports `change`.
    pub fn report(&self, change: Presence) {
        let _ = self.sender.send(change);
    }
}

/// A sensor with nothing behind it.
#[derive(Debug)]
pub struct SimulatedPresence {
    changes: mpsc::Receiver<Presence>,
    handle: SimulatedPresenceHandle,
}

impl SimulatedPresence {
    /// A sensor that has seen nobody.
    pub fn new() -> SimulatedPresence {
        let (sender, changes) = mpsc::channel();
        SimulatedPresence {
            changes,
            handle: SimulatedPresenceHandle { sender },
        }
    }

    /// A handle to report changes.
    pub fn handle(&self) -> SimulatedPresenceHandle {
        self.handle.clone()
    }
}

impl Default for SimulatedPresence {
    fn default() -> Self {
        SimulatedPresence::new()
    }
}

impl PresenceSensor for SimulatedPresence {
    fn driver(&self) -> DriverInfo {
        DriverInfo::new("simulated")
    }

    fn next_change(&mut self, timeout: Duration) -> Result<Option<Presence>, PresenceError> {
        match self.changes.recv_timeout(timeout) {
            Ok(change) => Ok(Some(change)),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => Ok(None),
        }
    }
}
