//! Enrolling from the kiosk's staff screen: what staff type or scan (a whole enrolment ticket,
//! or the code alone on a kiosk that already knows its server), and the enrolment the sync
//! worker then does with it, off the UI thread.

use std::sync::Arc;
use std::time::Duration;

use wire::EnrolmentTicket;

use super::{Fingerprint, SyncError};
use crate::store::LocalStore;

/// What was typed or scanned. `Debug` leaves the one-time code out.
#[derive(Clone, PartialEq, Eq)]
pub enum EnrolEntry {
    /// Server, fingerprint and code.
    Ticket(EnrolmentTicket),
    /// A code alone, for the server the kiosk is enrolled with now.
    Code(String),
}

impl std::fmt::Debug for EnrolEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EnrolEntry::Ticket(ticket) => write!(f, "Ticket({}, code hidden)", ticket.server_url),
            EnrolEntry::Code(_) => f.write_str("Code(hidden)"),
        }
    }
}

/// Why an entry is not usable, before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EntryProblem {
    /// Nothing was entered.
    #[error("nothing was entered")]
    Empty,
    /// It starts like a ticket but a part is wrong.
    #[error("the enrolment ticket is not complete")]
    BadTicket,
    /// It is neither a ticket nor a code.
    #[error("this is neither an enrolment ticket nor an enrolment code")]
    BadCode,
}

/// Shortest and longest codes accepted (letters and digits, dashes and spaces aside).
const CODE_LENGTHS: std::ops::RangeInclusive<usize> = 6..=40;

impl std::str::FromStr for EnrolEntry {
    type Err = EntryProblem;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EntryProblem::Empty);
        }
        if EnrolmentTicket::looks_like_one(text) {
            return text
                .parse()
                .map(EnrolEntry::Ticket)
                .map_err(|_| EntryProblem::BadTicket);
        }
        let letters: String = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
        if CODE_LENGTHS.contains(&letters.len())
            && letters.chars().all(|c| c.is_ascii_alphanumeric())
        {
            Ok(EnrolEntry::Code(text.to_owned()))
        } else {
            Err(EntryProblem::BadCode)
        }
    }
}

/// Where the kiosk now stands, as the staff screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolledAs {
    /// The server's name for this kiosk.
    pub kiosk_id: String,
    /// Its site.
    pub site: String,
    /// The site's neighbourhood.
    pub neighbourhood: String,
}

impl From<&crate::store::Enrolment> for EnrolledAs {
    fn from(enrolment: &crate::store::Enrolment) -> Self {
        EnrolledAs {
            kiosk_id: enrolment.kiosk_id.clone(),
            site: enrolment.site.clone(),
            neighbourhood: enrolment.neighbourhood.clone(),
        }
    }
}

/// Why an enrolment did not happen, told apart by what staff should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnrolFailure {
    /// A code alone was given, but the kiosk knows no server yet: the whole ticket is needed.
    NoServerKnown,
    /// The server refused the code (wrong, used or expired).
    CodeRefused(String),
    /// The server could not be reached, or was busy.
    Unreachable(String),
    /// Something answered with another certificate than the ticket's fingerprint.
    WrongServer,
    /// Anything else (details for the log and the screen).
    Other(String),
}

impl From<SyncError> for EnrolFailure {
    fn from(error: SyncError) -> Self {
        match error {
            SyncError::CodeRefused(reason) => EnrolFailure::CodeRefused(reason),
            SyncError::Unreachable(_) | SyncError::ServerTrouble { .. } => {
                EnrolFailure::Unreachable(error.to_string())
            }
            SyncError::CertificateMismatch => EnrolFailure::WrongServer,
            other => EnrolFailure::Other(other.to_string()),
        }
    }
}

/// The answer to an enrolment asked for from the staff screen.
pub type EnrolReply = Box<dyn FnOnce(Result<EnrolledAs, EnrolFailure>) + Send>;

/// Asks the sync worker to enrol the kiosk; the answer comes later, on the worker's thread.
pub type Enroller = Arc<dyn Fn(EnrolEntry, EnrolReply) + Send + Sync>;

/// An answer owed to the staff screen: given once, and given as an error if it is dropped
/// unanswered (the worker stopped first), so the screen never waits forever.
pub(crate) struct OwedReply(Option<EnrolReply>);

impl OwedReply {
    pub(crate) fn new(reply: EnrolReply) -> OwedReply {
        OwedReply(Some(reply))
    }

    pub(crate) fn answer(mut self, answer: Result<EnrolledAs, EnrolFailure>) {
        if let Some(reply) = self.0.take() {
            reply(answer);
        }
    }
}

impl Drop for OwedReply {
    fn drop(&mut self) {
        if let Some(reply) = self.0.take() {
            reply(Err(EnrolFailure::Other(
                "the sync worker stopped before it could enrol the kiosk".into(),
            )));
        }
    }
}

/// How long staff wait for the server before the kiosk gives up.
pub const ENROL_TIMEOUT: Duration = Duration::from_secs(20);

/// Enrols with what staff entered, replacing any earlier enrolment. Records made before stay
/// and go to the new server at the next sync.
pub async fn enrol_from_entry(
    store: &LocalStore,
    entry: EnrolEntry,
) -> Result<EnrolledAs, EnrolFailure> {
    let (server, fingerprint, code) = match entry {
        EnrolEntry::Ticket(ticket) => (ticket.server_url, ticket.fingerprint, ticket.code),
        EnrolEntry::Code(code) => match store.enrolment() {
            Ok(Some(current)) => (current.server_url, current.fingerprint, code),
            Ok(None) => return Err(EnrolFailure::NoServerKnown),
            Err(error) => return Err(EnrolFailure::Other(error.to_string())),
        },
    };
    let fingerprint: Fingerprint =
        fingerprint
            .parse()
            .map_err(|error: super::fingerprint::BadFingerprint| {
                EnrolFailure::Other(error.to_string())
            })?;
    match tokio::time::timeout(
        ENROL_TIMEOUT,
        super::enrol(store, &server, fingerprint, &code),
    )
    .await
    {
        Ok(Ok(enrolment)) => Ok(EnrolledAs::from(&enrolment)),
        Ok(Err(error)) => Err(error.into()),
        Err(_) => Err(EnrolFailure::Unreachable(
            "the server did not answer in time".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_tickets_codes_or_problems() {
        let fp = "AB".repeat(32);
        let cases: Vec<(String, Result<&str, EntryProblem>)> = vec![
            ("".into(), Err(EntryProblem::Empty)),
            ("   ".into(), Err(EntryProblem::Empty)),
            ("K7PQ-M3XZ-R9AB".into(), Ok("code")),
            (" k7pq m3xz r9ab ".into(), Ok("code")),
            ("K7P".into(), Err(EntryProblem::BadCode)),
            ("K7PQ;M3XZ".into(), Err(EntryProblem::BadCode)),
            (
                format!("KIOSK-ENROL https://10.0.0.5:8443 {fp} K7PQ-M3XZ-R9AB"),
                Ok("ticket"),
            ),
            (
                "KIOSK-ENROL https://10.0.0.5:8443 K7PQ".into(),
                Err(EntryProblem::BadTicket),
            ),
            (
                format!("KIOSK-ENROL http://10.0.0.5 {fp} K7PQ"),
                Err(EntryProblem::BadTicket),
            ),
        ];
        for (text, expected) in cases {
            let got = text.parse::<EnrolEntry>().map(|entry| match entry {
                EnrolEntry::Ticket(_) => "ticket",
                EnrolEntry::Code(_) => "code",
            });
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn an_owed_reply_is_always_answered_once() {
        let answers = Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = answers.clone();
        OwedReply::new(Box::new(move |answer| {
            if let Ok(mut list) = seen.lock() {
                list.push(answer);
            }
        }))
        .answer(Err(EnrolFailure::WrongServer));
        let seen = answers.clone();
        drop(OwedReply::new(Box::new(move |answer| {
            if let Ok(mut list) = seen.lock() {
                list.push(answer);
            }
        })));
        let list = answers.lock().map(|l| l.clone()).unwrap_or_default();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0], Err(EnrolFailure::WrongServer));
        assert!(matches!(&list[1], Err(EnrolFailure::Other(why)) if why.contains("stopped")));
    }

    #[test]
    fn a_code_alone_needs_a_kiosk_that_knows_its_server() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let store = LocalStore::open(&dir.path().join("kiosk.sqlite3"))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let entry = EnrolEntry::Code("K7PQ-M3XZ-R9AB".into());
        assert_eq!(
            runtime.block_on(enrol_from_entry(&store, entry)),
            Err(EnrolFailure::NoServerKnown)
        );
        // A ticket for a server that is not there: nothing listens on the discard port.
        let ticket = EnrolEntry::Ticket(EnrolmentTicket::new(
            "https://127.0.0.1:9",
            &"AB".repeat(32),
            "K7PQ-M3XZ-R9AB",
        )?);
        assert!(matches!(
            runtime.block_on(enrol_from_entry(&store, ticket)),
            Err(EnrolFailure::Unreachable(_))
        ));
        assert!(store.enrolment()?.is_none(), "nothing was saved");
        Ok(())
    }
}
