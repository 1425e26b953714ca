//! The receipt printer: documents ([`Document`], built with [`templates`]), their ESC/POS
//! encoding ([`escpos`]), and drivers behind [`ReceiptPrinter`]: [`EscPosPrinter`] for a
//! device file or a TCP printer, [`SimulatedPrinter`] for PCs without one, [`NoPrinter`] when
//! configuration says there is none.

pub mod codepage;
pub mod document;
mod driver;
pub mod escpos;
pub mod inspect;
pub mod qr;
pub mod raster;
mod simulated;
pub mod status;
pub mod templates;
pub mod text_render;
pub mod transport;
mod worker;

use std::path::Path;
use std::sync::Arc;

pub use document::{Block, Direction, Document};
pub use driver::EscPosPrinter;
pub use escpos::{EncodeError, Encoder, EncoderOptions};
pub use simulated::{SimulatedPrinter, SimulatedPrinterHandle};
pub use status::{Fault, PrinterStatus, StatusFlags};
pub use templates::{Certificate, LearnerCard, Ticket};
pub use text_render::Fonts;
pub use transport::Connection;

use crate::config::{PrinterConfig, PrinterDriver};
use crate::device::DriverInfo;

/// Why a document was not printed. The kiosk then shows the QR code on screen instead.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PrinterError {
    /// Configuration says there is no printer.
    #[error("no printer is configured (set [printer] driver in hardware.toml)")]
    NotConfigured,
    /// The device file is missing or the network printer refuses connections.
    #[error(
        "the printer at {target} cannot be reached ({source}): check that it is on and connected"
    )]
    Unreachable {
        /// Path or address.
        target: String,
        /// What the system said.
        #[source]
        source: Arc<std::io::Error>,
    },
    /// The printer took no data or gave no answer within the timeout.
    #[error(
        "the printer at {target} did not answer within {seconds:.1} s: check that it is on and not jammed"
    )]
    NoAnswer {
        /// Path or address.
        target: String,
        /// The timeout.
        seconds: f64,
    },
    /// Writing failed part-way.
    #[error("the printer at {target} stopped taking data ({source})")]
    Write {
        /// Path or address.
        target: String,
        /// What the system said.
        #[source]
        source: Arc<std::io::Error>,
    },
    /// A previous job is still stuck on the printer.
    #[error("the printer at {target} is still stuck on an earlier job: check it, then try again")]
    Busy {
        /// Path or address.
        target: String,
    },
    /// The printer answered that it cannot print (paper out, cover open, error).
    #[error("the printer cannot print now: {status}")]
    NotReady {
        /// What it said.
        status: PrinterStatus,
    },
    /// The printer's status replies made no sense.
    #[error("the printer's status reply makes no sense ({0}): is this an ESC/POS printer?")]
    BadStatus(#[source] status::StatusParseError),
    /// The document could not be turned into printer commands.
    #[error("the document cannot be printed: {0}")]
    Encode(#[from] EncodeError),
    /// The printer's I/O thread is gone.
    #[error("the printer's I/O thread has stopped; restart the kiosk")]
    Stopped,
}

/// A receipt printer. Every call returns within the configured timeout (plus a little) even
/// when the printer is dead; none panics.
pub trait ReceiptPrinter: Send {
    /// The driver and what it talks to.
    fn driver(&self) -> DriverInfo;

    /// Asks the printer how it is.
    fn status(&mut self) -> Result<PrinterStatus, PrinterError>;

    /// Prints `document`: checks the status first (when the printer can be asked) and
    /// refuses with [`PrinterError::NotReady`] when the paper is out or the cover open.
    /// Returns the status seen before printing.
    fn print(&mut self, document: &Document) -> Result<PrinterStatus, PrinterError>;
}

/// The printer configuration says there is none: every print is refused.
#[derive(Debug, Default)]
pub struct NoPrinter;

impl ReceiptPrinter for NoPrinter {
    fn driver(&self) -> DriverInfo {
        DriverInfo::new("none")
    }

    fn status(&mut self) -> Result<PrinterStatus, PrinterError> {
        Err(PrinterError::NotConfigured)
    }

    fn print(&mut self, _document: &Document) -> Result<PrinterStatus, PrinterError> {
        Err(PrinterError::NotConfigured)
    }
}

/// The printer `config` chooses, drawing non-Latin text with `fonts`. `auto` picks the device
/// file when it exists and the simulated printer otherwise.
pub fn open(
    config: &PrinterConfig,
    fonts: &Fonts,
) -> Result<Box<dyn ReceiptPrinter>, PrinterError> {
    let options = EncoderOptions {
        paper_width_dots: config.paper_width_dots,
        raster_only: config.raster_only,
    };
    let device = || Connection::Device {
        path: config.device.clone(),
        baud_rate: config.baud_rate,
    };
    let connection = match config.driver {
        PrinterDriver::None => return Ok(Box::new(NoPrinter)),
        PrinterDriver::Simulated => {
            return Ok(Box::new(SimulatedPrinter::new(Encoder::new(
                options, fonts,
            ))));
        }
        PrinterDriver::Auto if !Path::new(&config.device).exists() => {
            return Ok(Box::new(SimulatedPrinter::new(Encoder::new(
                options, fonts,
            ))));
        }
        PrinterDriver::Auto | PrinterDriver::Device => device(),
        PrinterDriver::Tcp => Connection::Tcp {
            address: config.address.clone().unwrap_or_default(),
        },
    };
    Ok(Box::new(EscPosPrinter::new(
        connection,
        Encoder::new(options, fonts),
        config.timeout(),
        config.status_query,
    )?))
}
