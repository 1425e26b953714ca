//! The printer's real-time status: the `DLE EOT n` queries (n = 1 printer, 2 offline cause,
//! 3 error cause, 4 roll-paper sensor) and the parsing of their one-byte replies.

use std::fmt;

/// The four queries, sent together; the printer answers one byte each, in order.
pub const QUERY: [u8; 12] = [0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4];

/// A printer fault that stops printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The cutter jammed or failed.
    Cutter,
    /// A fault that needs the printer switched off and on (or repaired).
    Unrecoverable,
    /// A fault the printer clears itself (e.g. the head is too hot).
    AutoRecoverable,
    /// A recoverable (mechanical) error.
    Recoverable,
}

/// What the printer said about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusFlags {
    /// The printer is offline (paper out, cover open, error, feeding).
    pub offline: bool,
    /// No paper.
    pub paper_out: bool,
    /// Little paper left.
    pub paper_near_end: bool,
    /// The cover is open.
    pub cover_open: bool,
    /// A fault, if any.
    pub fault: Option<Fault>,
}

/// The printer's state as far as we can know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrinterStatus {
    /// The printer answered.
    Known(StatusFlags),
    /// There is no way to ask: a capture file, a one-way port, status queries turned off.
    Unknown,
}

impl PrinterStatus {
    /// Whether a document sent now would print. Unknown counts as yes (we cannot tell).
    pub fn can_print(&self) -> bool {
        match self {
            PrinterStatus::Known(flags) => {
                !(flags.offline || flags.paper_out || flags.cover_open || flags.fault.is_some())
            }
            PrinterStatus::Unknown => true,
        }
    }
}

impl fmt::Display for PrinterStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let flags = match self {
            PrinterStatus::Unknown => {
                return f.write_str("status unknown (the printer cannot be asked)");
            }
            PrinterStatus::Known(flags) => flags,
        };
        let mut problems = Vec::new();
        if flags.paper_out {
            problems.push("paper out");
        }
        if flags.cover_open {
            problems.push("cover open");
        }
        match flags.fault {
            Some(Fault::Cutter) => problems.push("cutter error"),
            Some(Fault::Unrecoverable) => problems.push("unrecoverable error (switch off and on)"),
            Some(Fault::AutoRecoverable) => {
                problems.push("recovering from an error (e.g. head too hot)")
            }
            Some(Fault::Recoverable) => problems.push("mechanical error"),
            None => {}
        }
        if flags.offline && problems.is_empty() {
            problems.push("offline");
        }
        if flags.paper_near_end {
            problems.push("paper near end");
        }
        if problems.is_empty() {
            f.write_str("ready")
        } else {
            f.write_str(&problems.join(", "))
        }
    }
}

/// Why status replies could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("reply {index} to DLE EOT (0x{byte:02x}) is not a status byte")]
pub struct StatusParseError {
    /// Which reply (1–4).
    pub index: usize,
    /// The byte received.
    pub byte: u8,
}

/// Parses the replies to [`QUERY`]. Each status byte has bits 0 and 7 clear and bits 1 and 4
/// set; anything else means the printer is answering something else.
pub fn parse(replies: [u8; 4]) -> Result<StatusFlags, StatusParseError> {
    for (i, byte) in replies.iter().enumerate() {
        if byte & 0b1001_0011 != 0b0001_0010 {
            return Err(StatusParseError {
                index: i + 1,
                byte: *byte,
            });
        }
    }
    let [printer, offline, error, paper] = replies;
    let bit = |byte: u8, n: u8| byte & (1 << n) != 0;
    let fault = if bit(error, 3) {
        Some(Fault::Cutter)
    } else if bit(error, 5) {
        Some(Fault::Unrecoverable)
    } else if bit(error, 6) {
        Some(Fault::AutoRecoverable)
    } else if bit(error, 2) {
        Some(Fault::Recoverable)
    } else {
        None
    };
    Ok(StatusFlags {
        offline: bit(printer, 3),
        cover_open: bit(offline, 2),
        paper_out: bit(offline, 5) || (bit(paper, 5) && bit(paper, 6)),
        paper_near_end: bit(paper, 2) && bit(paper, 3),
        fault,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ready_printer() {
        let flags = parse([0x12, 0x12, 0x12, 0x12]).unwrap();
        assert_eq!(flags, StatusFlags::default());
        assert!(PrinterStatus::Known(flags).can_print());
        assert_eq!(PrinterStatus::Known(flags).to_string(), "ready");
    }

    #[test]
    fn paper_out() {
        // Offline, stopped by paper end, near-end and end sensors both set.
        let flags = parse([0x1a, 0x32, 0x12, 0x7e]).unwrap();
        assert!(flags.paper_out && flags.paper_near_end && flags.offline);
        assert!(!flags.cover_open);
        let status = PrinterStatus::Known(flags);
        assert!(!status.can_print());
        assert_eq!(status.to_string(), "paper out, paper near end");
    }

    #[test]
    fn paper_near_end_still_prints() {
        let flags = parse([0x12, 0x12, 0x12, 0x1e]).unwrap();
        assert!(flags.paper_near_end && !flags.paper_out);
        assert!(PrinterStatus::Known(flags).can_print());
    }

    #[test]
    fn cover_open_and_faults() {
        let flags = parse([0x1a, 0x16, 0x12, 0x12]).unwrap();
        assert!(flags.cover_open && flags.offline);
        assert_eq!(PrinterStatus::Known(flags).to_string(), "cover open");
        let flags = parse([0x1a, 0x52, 0x1a, 0x12]).unwrap();
        assert_eq!(flags.fault, Some(Fault::Cutter));
        let flags = parse([0x1a, 0x52, 0x32, 0x12]).unwrap();
        assert_eq!(flags.fault, Some(Fault::Unrecoverable));
        assert!(!PrinterStatus::Known(flags).can_print());
    }

    #[test]
    fn bytes_that_are_not_status_are_refused() {
        assert_eq!(
            parse([0x12, b'A', 0x12, 0x12]),
            Err(StatusParseError {
                index: 2,
                byte: b'A'
            })
        );
        assert!(parse([0x00, 0x12, 0x12, 0x12]).is_err());
        assert!(PrinterStatus::Unknown.can_print());
    }
}
