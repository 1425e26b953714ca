//! The network uplink, as the sync scheduler needs it: up or down (from the interfaces),
//! metered or not (from configuration) and how fast (measured from the transfers the sync
//! code reports through [`LinkHandle::record_transfer`]).

mod simulated;
mod sysfs;
pub mod throughput;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use simulated::SimulatedLink;
pub use sysfs::SysfsLink;
pub use throughput::{Throughput, ThroughputEstimator};

use crate::config::{LinkConfig, LinkDriver};
use crate::device::DriverInfo;

/// What kind of interface carries the uplink.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InterfaceKind {
    /// Ethernet.
    Wired,
    /// Wi-Fi.
    Wireless,
    /// A mobile-data modem.
    Mobile,
    /// Anything else (a tunnel, a configured virtual interface).
    Other,
}

/// What the interfaces say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkStatus {
    /// An interface that counts is up.
    pub up: bool,
    /// Which one.
    pub interface: Option<String>,
    /// Its kind.
    pub kind: InterfaceKind,
}

impl LinkStatus {
    /// No interface up.
    pub fn down() -> LinkStatus {
        LinkStatus {
            up: false,
            interface: None,
            kind: InterfaceKind::Other,
        }
    }
}

/// Everything the sync scheduler needs to know about the uplink.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkState {
    /// An interface is up (the server may still be unreachable; sync finds out).
    pub up: bool,
    /// The interface, e.g. `eth0`.
    pub interface: Option<String>,
    /// Its kind.
    pub kind: InterfaceKind,
    /// Paid by the byte: sync only what matters.
    pub metered: bool,
    /// Measured speed, once a sync has moved enough data.
    pub throughput: Option<Throughput>,
}

impl std::fmt::Display for LinkState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.interface, self.up) {
            (Some(name), true) => write!(f, "up on {name}")?,
            _ => f.write_str("down")?,
        }
        if self.metered {
            f.write_str(", metered")?;
        }
        if let Some(t) = self.throughput {
            write!(f, ", {:.0} kB/s measured", t.bytes_per_second / 1000.0)?;
        }
        Ok(())
    }
}

/// Why the interfaces cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// The network class folder cannot be read.
    #[error("cannot read {path}: {source}", path = .path.display())]
    Read {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// Reads whether the uplink is up.
pub trait LinkMonitor: Send {
    /// The driver and where it reads.
    fn driver(&self) -> DriverInfo;

    /// The interfaces now.
    fn read(&mut self) -> Result<LinkStatus, LinkError>;
}

/// The monitor `config` chooses: sysfs where the folder exists, simulated elsewhere.
pub fn open(config: &LinkConfig) -> Box<dyn LinkMonitor> {
    let sysfs = || {
        Box::new(SysfsLink::new(
            config.root.clone(),
            config.interfaces.clone(),
        ))
    };
    match config.driver {
        LinkDriver::Sysfs => sysfs(),
        LinkDriver::Auto if config.root.is_dir() => sysfs(),
        LinkDriver::Auto | LinkDriver::Simulated => Box::new(SimulatedLink::new()),
    }
}

/// The uplink's state, shared between the poller, the sync worker (which reports transfers)
/// and whoever asks. Cheap to clone.
#[derive(Debug, Clone)]
pub struct LinkHandle {
    metered: bool,
    shared: Arc<Mutex<Shared>>,
}

#[derive(Debug)]
struct Shared {
    status: LinkStatus,
    throughput: ThroughputEstimator,
}

impl LinkHandle {
    /// A link not yet read (down), metered or not.
    pub fn new(metered: bool) -> LinkHandle {
        LinkHandle {
            metered,
            shared: Arc::new(Mutex::new(Shared {
                status: LinkStatus::down(),
                throughput: ThroughputEstimator::new(),
            })),
        }
    }

    /// The sync code moved `bytes` in `duration`.
    pub fn record_transfer(&self, bytes: u64, duration: Duration) {
        if let Ok(mut shared) = self.shared.lock() {
            shared.throughput.record_transfer(bytes, duration);
        }
    }

    /// Stores what the interfaces say; true when that changed.
    pub fn update(&self, status: LinkStatus) -> bool {
        match self.shared.lock() {
            Ok(mut shared) if shared.status != status => {
                shared.status = status;
                true
            }
            _ => false,
        }
    }

    /// The state now.
    pub fn state(&self) -> LinkState {
        let (status, throughput) = match self.shared.lock() {
            Ok(shared) => (shared.status.clone(), shared.throughput.estimate()),
            Err(_) => (LinkStatus::down(), None),
        };
        LinkState {
            up: status.up,
            interface: status.interface,
            kind: status.kind,
            metered: self.metered,
            throughput,
        }
    }
}
