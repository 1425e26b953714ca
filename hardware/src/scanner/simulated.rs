//! A scanner that scans only what the program hands it: the kiosk on a PC without one, demos
//! and tests.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use super::{Scan, Scanner, ScannerError};
use crate::device::DriverInfo;

/// Feeds scans to a [`SimulatedScanner`].
#[derive(Debug, Clone)]
pub struct SimulatedScannerHandle {
    sender: mpsc::Sender<Scan>,
}

impl SimulatedScannerHandle {
    /// Makes the scanner report `text` as one scan.
    pub fn scan(&self, text: &str) {
        let _ = self.sender.send(Scan {
            text: text.to_owned(),
        });
    }
}

/// A scanner with no device behind it.
#[derive(Debug)]
pub struct SimulatedScanner {
    scans: mpsc::Receiver<Scan>,
    handle: SimulatedScannerHandle,
}

impl SimulatedScanner {
    /// A scanner that has scanned nothing yet.
    pub fn new() -> SimulatedScanner {
        let (sender, scans) = mpsc::channel();
        SimulatedScanner {
            scans,
            handle: SimulatedScannerHandle { sender },
        }
    }

    /// A handle to make it scan.
    pub fn handle(&self) -> SimulatedScannerHandle {
        self.handle.clone()
    }
}

impl Default for SimulatedScanner {
    fn default() -> Self {
        SimulatedScanner::new()
    }
}

impl Scanner for SimulatedScanner {
    fn driver(&self) -> DriverInfo {
        DriverInfo::new("simulated")
    }

    fn next_scan(&mut self, timeout: Duration) -> Result<Option<Scan>, ScannerError> {
        match self.scans.recv_timeout(timeout) {
            Ok(scan) => Ok(Some(scan)),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => Ok(None),
        }
    }
}
