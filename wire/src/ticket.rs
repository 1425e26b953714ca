//! Enrolment tickets: a one-time enrolment code together with the server it is for, in one
//! line that a librarian scans (as a QR code from the staff web) or types on a kiosk's staff
//! screen: `KIOSK-ENROL https://server:8443 <certificate SHA-256, 64 hex digits> <code>`.

use std::fmt;
use std::str::FromStr;

/// The word a ticket starts with, so a scanned ticket is told from a staff card or a code.
pub const TICKET_PREFIX: &str = "KIOSK-ENROL";

/// Everything a kiosk needs to enrol: where the server is, how to recognise it, and the code.
/// Its `Debug` output hides the code (it may end up in a log).
#[derive(Clone, PartialEq, Eq)]
pub struct EnrolmentTicket {
    /// The server's base URL (`https://…`).
    pub server_url: String,
    /// The server certificate's SHA-256, as 64 hex digits (upper case, no separators).
    pub fingerprint: String,
    /// The one-time enrolment code.
    pub code: String,
}

impl std::fmt::Debug for EnrolmentTicket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrolmentTicket")
            .field("server_url", &self.server_url)
            .field("fingerprint", &self.fingerprint)
            .field("code", &"<hidden>")
            .finish()
    }
}

/// Why a line is not an enrolment ticket.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TicketError {
    /// It does not start with [`TICKET_PREFIX`].
    #[error("this is not an enrolment ticket (it does not start with {TICKET_PREFIX})")]
    NotATicket,
    /// A ticket needs four parts.
    #[error(
        "an enrolment ticket has four parts: {TICKET_PREFIX}, the server address, its fingerprint and the code"
    )]
    Parts,
    /// The server address is not an `https://` URL.
    #[error("the server address in the ticket must start with https://")]
    Server,
    /// The fingerprint is not 64 hex digits.
    #[error("the certificate fingerprint in the ticket must be 64 hex digits")]
    Fingerprint,
    /// The code has characters a code never has.
    #[error("the enrolment code in the ticket has letters, digits and dashes only")]
    Code,
}

impl EnrolmentTicket {
    /// A ticket; the fingerprint may be given with colons or spaces and in either case.
    pub fn new(server_url: &str, fingerprint: &str, code: &str) -> Result<Self, TicketError> {
        let server_url = server_url.trim().trim_end_matches('/');
        if !server_url.starts_with("https://")
            || server_url.len() <= "https://".len()
            || server_url.chars().any(char::is_whitespace)
        {
            return Err(TicketError::Server);
        }
        let fingerprint: String = fingerprint
            .chars()
            .filter(|c| !matches!(c, ':' | ' ' | '-'))
            .collect::<String>()
            .to_ascii_uppercase();
        if fingerprint.len() != 64 || !fingerprint.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(TicketError::Fingerprint);
        }
        let code = code.trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(TicketError::Code);
        }
        Ok(EnrolmentTicket {
            server_url: server_url.to_owned(),
            fingerprint,
            code: code.to_owned(),
        })
    }

    /// True if `text` looks like a ticket (starts with the ticket word), well-formed or not.
    pub fn looks_like_one(text: &str) -> bool {
        text.split_whitespace()
            .next()
            .is_some_and(|word| word.eq_ignore_ascii_case(TICKET_PREFIX))
    }
}

impl fmt::Display for EnrolmentTicket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{TICKET_PREFIX} {} {} {}",
            self.server_url, self.fingerprint, self.code
        )
    }
}

impl FromStr for EnrolmentTicket {
    type Err = TicketError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if !Self::looks_like_one(text) {
            return Err(TicketError::NotATicket);
        }
        let parts: Vec<&str> = text.split_whitespace().skip(1).collect();
        let [server, fingerprint, code] = parts.as_slice() else {
            return Err(TicketError::Parts);
        };
        EnrolmentTicket::new(server, fingerprint, code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FINGERPRINT: &str = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    #[test]
    fn a_ticket_reads_back_as_it_was_written() -> Result<(), TicketError> {
        let ticket = EnrolmentTicket::new("https://10.0.0.5:8443/", FINGERPRINT, "K7PQ-M3XZ-R9AB")?;
        assert_eq!(ticket.server_url, "https://10.0.0.5:8443");
        assert_eq!(ticket.fingerprint, FINGERPRINT.replace(':', ""));
        let line = ticket.to_string();
        assert!(line.starts_with("KIOSK-ENROL https://10.0.0.5:8443 ABCDEF0123"));
        assert_eq!(line.parse::<EnrolmentTicket>()?, ticket);
        // Typed by hand: lower case, extra spaces.
        let typed = format!(
            "  kiosk-enrol   https://10.0.0.5:8443  {}  K7PQ-M3XZ-R9AB ",
            FINGERPRINT.to_lowercase()
        );
        assert_eq!(typed.parse::<EnrolmentTicket>()?, ticket);
        Ok(())
    }

    #[test]
    fn a_bad_ticket_says_which_part_is_wrong() {
        let fp = FINGERPRINT.replace(':', "");
        let cases = [
            ("K7PQ-M3XZ-R9AB".to_owned(), TicketError::NotATicket),
            ("STAFF-RIVERTON-0042".to_owned(), TicketError::NotATicket),
            (
                "KIOSK-ENROL https://a:1 K7PQ".to_owned(),
                TicketError::Parts,
            ),
            (
                format!("KIOSK-ENROL http://a:1 {fp} K7PQ"),
                TicketError::Server,
            ),
            (
                "KIOSK-ENROL https://a:1 ABCD K7PQ".to_owned(),
                TicketError::Fingerprint,
            ),
            (
                format!("KIOSK-ENROL https://a:1 {fp} K7PQ;DROP"),
                TicketError::Code,
            ),
            (
                format!("KIOSK-ENROL https://a:1 {fp} K7PQ extra"),
                TicketError::Parts,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<EnrolmentTicket>(), Err(expected), "{text}");
        }
        assert!(EnrolmentTicket::looks_like_one("kiosk-enrol whatever"));
        assert!(!EnrolmentTicket::looks_like_one("K7PQ-M3XZ"));
    }
}
