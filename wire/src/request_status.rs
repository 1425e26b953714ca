//! Where a resident's request stands, as a kiosk asks for it when someone types or scans the
//! reference on their ticket: the status and the message the case worker chose, nothing
//! personal.

use serde::{Deserialize, Serialize};

/// Lookups one kiosk may make in a minute; past them the server answers 429.
pub const MAX_LOOKUPS_PER_MINUTE: u32 = 30;

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
}
