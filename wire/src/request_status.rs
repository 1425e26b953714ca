//! Where a resident's request stands, as a kiosk asks for it when someone types or scans the
//! reference on their ticket: the status and the message the case worker chose, nothing
//! personal. Also the compact status notes the server hands every kiosk in the handshake, so
//! a kiosk can answer with no network.

use serde::{Deserialize, Serialize};

/// Lookups one kiosk may make in a minute; past them the server answers 429.
pub const MAX_LOOKUPS_PER_MINUTE: u32 = 30;

/// Status notes in one handshake answer at most; a kiosk further behind gets the rest in its
/// next passes.
pub const MAX_STATUS_NOTES_PER_HELLO: usize = 1_000;

/// Status changes older than this are not sent to kiosks (a resident checks within weeks).
pub const STATUS_NOTES_DAYS: i64 = 90;

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// On the server, nobody has acted yet.
    Received,
    /// Someone is on it.
    InProgress,
    /// Done.
    Resolved,
    /// Passed to another service or organisation.
    Referred,
    /// The city cannot do it.
    CannotBeDone,
}

impl RequestStatus {
    /// Every status, in the order a request usually goes through them.
    pub const ALL: [RequestStatus; 5] = [
        RequestStatus::Received,
        RequestStatus::InProgress,
        RequestStatus::Resolved,
        RequestStatus::Referred,
        RequestStatus::CannotBeDone,
    ];

    /// The stored name (`in_progress`).
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Received => "received",
            RequestStatus::InProgress => "in_progress",
            RequestStatus::Resolved => "resolved",
            RequestStatus::Referred => "referred",
            RequestStatus::CannotBeDone => "cannot_be_done",
        }
    }

    /// The status with this stored name.
    pub fn parse(text: &str) -> Option<RequestStatus> {
        RequestStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    /// The status's number on the wire (its place in [`RequestStatus::ALL`]).
    pub fn code(self) -> u8 {
        match self {
            RequestStatus::Received => 0,
            RequestStatus::InProgress => 1,
            RequestStatus::Resolved => 2,
            RequestStatus::Referred => 3,
            RequestStatus::CannotBeDone => 4,
        }
    }

    /// The status with this number on the wire.
    pub fn from_code(code: u8) -> Option<RequestStatus> {
        RequestStatus::ALL.get(usize::from(code)).copied()
    }

    /// Whether nothing more will happen (the clock for erasing personal fields starts).
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            RequestStatus::Resolved | RequestStatus::Referred | RequestStatus::CannotBeDone
        )
    }
}

/// The messages a case worker can send a resident with a status, as phrase ids: each is a
/// translated sentence (`request-phrase-…` in the kiosk's and the staff web's messages), so
/// a resident reads it in their own language whatever the case worker's.
pub const PHRASES: [&str; 7] = [
    "we-will-call",
    "visit-office",
    "bring-documents",
    "work-scheduled",
    "fixed",
    "referred-elsewhere",
    "not-city-matter",
];

/// The answer to `GET /api/v2/requests/{reference}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RequestStatusAnswer {
    /// The reference, as printed on the ticket (`K7PQ-M3XZ-R9TA`).
    pub reference: String,
    /// `received`, `in_progress`, `resolved`, `referred` or `cannot_be_done`.
    pub status: String,
    /// The phrase the case worker chose (an id the kiosk shows in the resident's language).
    pub phrase: Option<String>,
    /// The case worker's own words, if any.
    pub message: Option<String>,
    /// Unix seconds of the last change, if there was one.
    pub changed_at: Option<i64>,
}

/// One request's latest status, as every kiosk receives it in the handshake: a few bytes,
/// nothing personal and no free text (the case worker's own words are only given to a kiosk
/// that asks the server about that one request). On the wire it is a JSON array,
/// `["K7PQM3XZR9TA",2,5,1764806400]`: the reference without its dashes, the status
/// ([`RequestStatus::code`]), the phrase (0 for none, else its place in [`PHRASES`] plus one)
/// and the Unix time of the change: 32 bytes with its comma.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "NoteOnWire", into = "NoteOnWire")]
pub struct StatusNote {
    /// The reference, upper case, without dashes.
    pub reference: String,
    /// Where the request stands.
    pub status: RequestStatus,
    /// The phrase id the case worker chose, one of [`PHRASES`].
    pub phrase: Option<String>,
    /// Unix seconds of the change.
    pub changed_at: i64,
}

#[derive(Serialize, Deserialize)]
struct NoteOnWire(String, u8, u8, i64);

impl From<NoteOnWire> for StatusNote {
    fn from(NoteOnWire(reference, status, phrase, changed_at): NoteOnWire) -> StatusNote {
        StatusNote {
            reference,
            // A status this kiosk does not know yet (from a newer server) reads as received.
            status: RequestStatus::from_code(status).unwrap_or(RequestStatus::Received),
            phrase: usize::from(phrase)
                .checked_sub(1)
                .and_then(|index| PHRASES.get(index))
                .map(|phrase| (*phrase).to_owned()),
            changed_at,
        }
    }
}

impl From<StatusNote> for NoteOnWire {
    fn from(note: StatusNote) -> NoteOnWire {
        let phrase = note
            .phrase
            .and_then(|phrase| PHRASES.iter().position(|known| *known == phrase))
            .and_then(|index| u8::try_from(index + 1).ok())
            .unwrap_or(0);
        NoteOnWire(note.reference, note.status.code(), phrase, note.changed_at)
    }
}

/// The phrase id `text` names, as the `'static` one in [`PHRASES`].
pub fn phrase(text: &str) -> Option<&'static str> {
    PHRASES.iter().find(|known| **known == text).copied()
}

/// Upper case without dashes or spaces: how references are compared.
pub fn plain_reference(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// True for text shaped like a reference: 4 to 32 upper-case letters, digits and dashes. (The
/// kiosk also checks the check character before it asks.)
pub fn is_reference(text: &str) -> bool {
    (4..=32).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_told_from_other_text() {
        assert!(is_reference("K7PQ-M3XZ-R9TA"));
        assert!(!is_reference("k7pq-m3xz-r9ta"), "kiosks send it as printed");
        assert!(!is_reference("K7PQ/../X"));
        assert!(!is_reference("ABC"));
        assert!(!is_reference(&"A".repeat(33)));
    }

    #[test]
    fn status_codes_and_names_go_both_ways() {
        for status in RequestStatus::ALL {
            assert_eq!(RequestStatus::from_code(status.code()), Some(status));
            assert_eq!(RequestStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(RequestStatus::from_code(5), None);
    }

    #[test]
    fn a_status_note_is_a_short_array_on_the_wire() {
        let note = StatusNote {
            reference: "K7PQM3XZR9TA".into(),
            status: RequestStatus::Resolved,
            phrase: Some("fixed".into()),
            changed_at: 1_764_806_400,
        };
        let json = serde_json::to_string(&[&note]).expect("encodes");
        assert_eq!(json, r#"[["K7PQM3XZR9TA",2,5,1764806400]]"#);
        assert_eq!(json.len() - 2 + 1, 32, "32 bytes a note, with its comma");
        let back: Vec<StatusNote> = serde_json::from_str(&json).expect("decodes");
        assert_eq!(back, vec![note]);
        let none: StatusNote = serde_json::from_str(r#"["K7PQM3XZR9TA",1,0,5]"#).expect("decodes");
        assert_eq!(
            (none.status, none.phrase),
            (RequestStatus::InProgress, None)
        );
        // From a newer server: an unknown status and phrase read as received and none.
        let newer: StatusNote =
            serde_json::from_str(r#"["K7PQM3XZR9TA",9,99,5]"#).expect("decodes");
        assert_eq!(
            (newer.status, newer.phrase),
            (RequestStatus::Received, None)
        );
    }

    #[test]
    fn references_compare_without_dashes_or_case() {
        assert_eq!(plain_reference("k7pq-m3xz r9ta"), "K7PQM3XZR9TA");
    }
}
