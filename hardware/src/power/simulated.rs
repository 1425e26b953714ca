//! Simulated power: a PC on mains, unless a test or demo says otherwise.

use std::sync::{Arc, Mutex};

use super::{PowerError, PowerMonitor, PowerState};
use crate::device::DriverInfo;

/// Power that reports whatever its handle last set (mains at first).
#[derive(Debug, Clone)]
pub struct SimulatedPower {
    state: Arc<Mutex<PowerState>>,
}

impl SimulatedPower {
    /// On mains.
    pub fn new() -> SimulatedPower {
        SimulatedPower {
            state: Arc::new(Mutex::new(PowerState::mains())),
        }
    }

    /// Makes it report `state` from now on (clones share the state).
    pub fn set(&self, state: PowerState) {
        if let Ok(mut current) = self.state.lock() {
            *current = state;
        }
    }
}

impl Default for SimulatedPower {
    fn default() -> Self {
        SimulatedPower::new()
    }
}

impl PowerMonitor for SimulatedPower {
    fn driver(&self) -> DriverInfo {
        DriverInfo::new("simulated")
    }

    fn read(&mut self) -> Result<PowerState, PowerError> {
        Ok(self
            .state
            .lock()
            .map(|state| *state)
            .unwrap_or_else(|_| PowerState::mains()))
    }
}
