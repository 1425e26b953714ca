//! What the kiosk UI asks of its peripherals: print a document, speak a text. The UI never
//! waits for them: calls return at once and report back through a callback.

/// A document to print, with its texts already in the resident's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printout {
    /// A service's details, with a QR code to its web page if it has one.
    Service {
        /// The service's name.
        title: String,
        /// Lines of details (where, when, what to bring…).
        lines: Vec<String>,
        /// A URL to encode as a QR code.
        link: Option<String>,
        /// "Scan the code…" under the QR code.
        link_note: String,
    },
    /// A request ticket: the reference number large, what happens next.
    Request {
        /// The form's title.
        title: String,
        /// "Reference" in the resident's language.
        reference_label: String,
        /// The reference number.
        reference: String,
        /// What happens next.
        lines: Vec<String>,
        /// Set when the kiosk is offline: says the request will be sent later.
        offline_note: Option<String>,
    },
    /// A learner card: the code large and as a QR code.
    LearnerCard {
        /// "Learner card".
        title: String,
        /// The code, e.g. `K7P-QM3-XZA`.
        code: String,
        /// How to use it.
        note: String,
    },
    /// A certificate for a passed module.
    Certificate {
        /// "Certificate".
        title: String,
        /// "Well done! You completed …".
        body: String,
        /// The learner code, printed small.
        code: String,
    },
}

/// Something a peripheral reports that the UI acts on. `Debug` gives a scan's length only.
#[derive(Clone, PartialEq, Eq)]
pub enum DeviceEvent {
    /// The barcode/QR scanner read a code (a learner card, say).
    Scanned(String),
    /// Someone came up to the kiosk (true), or nobody has been seen for a while (false).
    Presence(bool),
    /// On battery: low (dim the idle screen) or critical (say so, sync what can be synced).
    Power {
        /// At or below the low threshold.
        low: bool,
        /// At or below the critical threshold.
        critical: bool,
    },
}

impl std::fmt::Debug for DeviceEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeviceEvent::Scanned(code) => write!(f, "Scanned({} characters)", code.chars().count()),
            DeviceEvent::Presence(here) => f.debug_tuple("Presence").field(here).finish(),
            DeviceEvent::Power { low, critical } => f
                .debug_struct("Power")
                .field("low", low)
                .field("critical", critical)
                .finish(),
        }
    }
}

/// Called when printing has finished, with a sentence for the resident if it failed.
pub type PrintDone = Box<dyn FnOnce(Result<(), PrintFailure>) + Send>;

/// Why a printout did not come out.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PrintFailure {
    /// This kiosk has no printer configured.
    #[error("no printer is configured on this kiosk")]
    NotConfigured,
    /// The printer could not be asked (the device worker has stopped).
    #[error("the printer is unavailable")]
    Unavailable,
    /// The printer was asked and said why not.
    #[error(transparent)]
    Printer(#[from] hardware::printer::PrinterError),
}

/// The kiosk's printer and voice.
pub trait Devices {
    /// Prints in the background; `done` runs on another thread when finished.
    fn print(&self, printout: Printout, locale: &str, done: PrintDone);
    /// Speaks `text` in `locale`, interrupting anything being said. Errors are logged and
    /// reported by [`Devices::can_speak`].
    fn speak(&self, text: &str, locale: &str);
    /// Stops speaking.
    fn stop_speaking(&self);
    /// True if a voice is available for `locale`.
    fn can_speak(&self, locale: &str) -> bool;
    /// Back to defaults (volume…) for the next resident.
    fn reset_for_new_session(&self);
}

/// Devices for a kiosk with no printer or voice configured: printing reports that it cannot
/// print, and speech is unavailable. The UI then offers the on-screen QR code instead.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoDevices;

impl Devices for NoDevices {
    fn print(&self, _printout: Printout, _locale: &str, done: PrintDone) {
        done(Err(PrintFailure::NotConfigured));
    }
    fn speak(&self, _text: &str, _locale: &str) {}
    fn stop_speaking(&self) {}
    fn can_speak(&self, _locale: &str) -> bool {
        false
    }
    fn reset_for_new_session(&self) {}
}
