//! A printer that prints into memory: the kiosk runs on a PC without one, demos show what
//! would have come out, and tests can set its status (paper out, cover open).

use std::sync::{Arc, Mutex};

use super::escpos::Encoder;
use super::status::{PrinterStatus, StatusFlags};
use super::{Document, PrinterError, ReceiptPrinter};
use crate::device::DriverInfo;

/// How many jobs the simulated printer keeps.
const KEPT_JOBS: usize = 16;

/// Shared view of a simulated printer: its status and what it printed.
#[derive(Debug, Clone)]
pub struct SimulatedPrinterHandle {
    inner: Arc<Mutex<Shared>>,
}

#[derive(Debug)]
struct Shared {
    status: StatusFlags,
    jobs: Vec<Vec<u8>>,
}

impl SimulatedPrinterHandle {
    /// Makes the printer report `status` (e.g. paper out) from now on.
    pub fn set_status(&self, status: StatusFlags) {
        if let Ok(mut shared) = self.inner.lock() {
            shared.status = status;
        }
    }

    /// The ESC/POS streams printed so far (the last few), oldest first.
    pub fn jobs(&self) -> Vec<Vec<u8>> {
        self.inner
            .lock()
            .map(|shared| shared.jobs.clone())
            .unwrap_or_default()
    }
}

/// A printer that keeps what it prints in memory.
#[derive(Debug)]
pub struct SimulatedPrinter {
    encoder: Encoder,
    handle: SimulatedPrinterHandle,
}

impl SimulatedPrinter {
    /// A ready printer encoding with `encoder`.
    pub fn new(encoder: Encoder) -> SimulatedPrinter {
        SimulatedPrinter {
            encoder,
            handle: SimulatedPrinterHandle {
                inner: Arc::new(Mutex::new(Shared {
                    status: StatusFlags::default(),
                    jobs: Vec::new(),
                })),
            },
        }
    }

    /// A handle to set its status and read what it printed.
    pub fn handle(&self) -> SimulatedPrinterHandle {
        self.handle.clone()
    }

    fn current(&self) -> PrinterStatus {
        PrinterStatus::Known(
            self.handle
                .inner
                .lock()
                .map(|shared| shared.status)
                .unwrap_or_default(),
        )
    }
}

impl ReceiptPrinter for SimulatedPrinter {
    fn driver(&self) -> DriverInfo {
        DriverInfo::new("simulated")
    }

    fn status(&mut self) -> Result<PrinterStatus, PrinterError> {
        Ok(self.current())
    }

    fn print(&mut self, document: &Document) -> Result<PrinterStatus, PrinterError> {
        let status = self.current();
        if !status.can_print() {
            return Err(PrinterError::NotReady { status });
        }
        let bytes = self.encoder.encode(document)?;
        tracing::info!(bytes = bytes.len(), locale = %document.locale, "simulated printer printed a document");
        if let Ok(mut shared) = self.handle.inner.lock() {
            if shared.jobs.len() == KEPT_JOBS {
                shared.jobs.remove(0);
            }
            shared.jobs.push(bytes);
        }
        Ok(status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printer::{Block, EncoderOptions, Fonts};

    #[test]
    fn prints_into_memory_and_refuses_when_told_the_paper_is_out() {
        let mut printer =
            SimulatedPrinter::new(Encoder::new(EncoderOptions::default(), &Fonts::new()));
        let handle = printer.handle();
        let doc = Document::new("en").with(Block::Text("Hello".into()));
        assert!(printer.print(&doc).unwrap().can_print());
        assert_eq!(handle.jobs().len(), 1);
        handle.set_status(StatusFlags {
            paper_out: true,
            ..StatusFlags::default()
        });
        assert!(matches!(
            printer.print(&doc),
            Err(PrinterError::NotReady { .. })
        ));
        assert_eq!(handle.jobs().len(), 1);
    }
}
