//! The real printer: ESC/POS to a device file or a TCP port, through the I/O worker.

use std::time::Duration;

use super::escpos::Encoder;
use super::status::PrinterStatus;
use super::transport::Connection;
use super::worker::{Task, Worker};
use super::{Document, PrinterError, ReceiptPrinter};
use crate::device::DriverInfo;

/// An ESC/POS printer on a device file or a TCP port.
#[derive(Debug)]
pub struct EscPosPrinter {
    connection: Connection,
    encoder: Encoder,
    worker: Worker,
    status_query: bool,
}

impl EscPosPrinter {
    /// A printer at `connection`. Nothing is opened until the first job. `timeout` bounds
    /// each step (connect, status reply, each chunk written); `status_query` says whether
    /// the printer answers `DLE EOT`.
    pub fn new(
        connection: Connection,
        encoder: Encoder,
        timeout: Duration,
        status_query: bool,
    ) -> Result<EscPosPrinter, PrinterError> {
        Ok(EscPosPrinter {
            worker: Worker::spawn(connection.clone(), timeout)?,
            connection,
            encoder,
            status_query,
        })
    }

    /// Sends raw bytes (already encoded) without a status check.
    pub fn send_raw(&mut self, bytes: Vec<u8>) -> Result<(), PrinterError> {
        self.worker
            .run(Task::Print {
                bytes,
                check_status: false,
            })
            .map(|_| ())
    }
}

impl ReceiptPrinter for EscPosPrinter {
    fn driver(&self) -> DriverInfo {
        let name = match self.connection {
            Connection::Device { .. } => "escpos-device",
            Connection::Tcp { .. } => "escpos-tcp",
        };
        DriverInfo::with_target(name, self.connection.target())
    }

    fn status(&mut self) -> Result<PrinterStatus, PrinterError> {
        if !self.status_query {
            // A printer that cannot be asked is at least connected to (and sent nothing), so
            // an unreachable one is reported, not shown as fine.
            return self.worker.run(Task::Print {
                bytes: Vec::new(),
                check_status: false,
            });
        }
        self.worker.run(Task::Status)
    }

    fn print(&mut self, document: &Document) -> Result<PrinterStatus, PrinterError> {
        let bytes = self.encoder.encode(document)?;
        self.worker.run(Task::Print {
            bytes,
            check_status: self.status_query,
        })
    }
}
