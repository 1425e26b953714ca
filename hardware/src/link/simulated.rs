//! A simulated uplink: up on a wired interface, unless a test or demo says otherwise.

use std::sync::{Arc, Mutex};

use super::{InterfaceKind, LinkError, LinkMonitor, LinkStatus};
use crate::device::DriverInfo;

/// An uplink that reports what its clones last set.
#[derive(Debug, Clone)]
pub struct SimulatedLink {
    status: Arc<Mutex<LinkStatus>>,
}

impl SimulatedLink {
    /// Up.
    pub fn new() -> SimulatedLink {
        SimulatedLink {
            status: Arc::new(Mutex::new(LinkStatus {
                up: true,
                interface: Some("sim0".into()),
                kind: InterfaceKind::Wired,
            })),
        }
    }

    /// Makes it report `status` from now on.
    pub fn set(&self, status: LinkStatus) {
        if let Ok(mut current) = self.status.lock() {
            *current = status;
        }
    }
}

impl Default for SimulatedLink {
    fn default() -> Self {
        SimulatedLink::new()
    }
}

impl LinkMonitor for SimulatedLink {
    fn driver(&self) -> DriverInfo {
        DriverInfo::new("simulated")
    }

    fn read(&mut self) -> Result<LinkStatus, LinkError> {
        Ok(self
            .status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|_| LinkStatus::down()))
    }
}
