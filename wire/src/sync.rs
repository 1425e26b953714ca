//! The sync protocol's messages: the handshake that tells a kiosk what the server holds, and
//! the resumable upload of a batch in chunks.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An inclusive range of sequence numbers, `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub struct SeqRange {
    /// The first sequence number in the range.
    pub first: u64,
    /// The last sequence number in the range (inclusive).
    pub last: u64,
}

impl SeqRange {
    /// True if `seq` is in the range.
    pub fn contains(&self, seq: u64) -> bool {
        (self.first..=self.last).contains(&seq)
    }

    /// How many sequence numbers the range covers.
    pub fn len(&self) -> u64 {
        self.last.saturating_sub(self.first) + 1
    }

    /// Never true: a range holds at least one number. (For clippy's sake.)
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// Turns sorted, distinct sequence numbers into the fewest ranges.
pub fn to_ranges(sorted: impl IntoIterator<Item = u64>) -> Vec<SeqRange> {
    let mut ranges: Vec<SeqRange> = Vec::new();
    for seq in sorted {
        match ranges.last_mut() {
            Some(range) if range.last.checked_add(1) == Some(seq) => range.last = seq,
            _ => ranges.push(SeqRange {
                first: seq,
                last: seq,
            }),
        }
    }
    ranges
}

/// `POST /api/v2/sync/hello`: a kiosk starts a sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Hello {
    /// The highest sequence number the kiosk has written (0 if none).
    pub last_seq: u64,
    /// The kiosk's clock, Unix seconds (the server reports the offset).
    pub kiosk_time: i64,
    /// The kiosk's software version.
    pub software_version: String,
    /// The last status change the kiosk holds (from [`HelloAnswer::status_cursor`]; 0 for
    /// none): the server answers with the changes after it.
    #[serde(default)]
    pub status_cursor: u64,
}

/// The server's answer: what it holds, so the kiosk sends only what is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HelloAnswer {
    /// The highest sequence number the server holds for this kiosk (0 if none).
    pub high_water: u64,
    /// Ranges within `1..=last_seq` the server does not hold, in order.
    pub missing: Vec<SeqRange>,
    /// Sequence numbers the server refused because it already holds different content under
    /// them (a conflict staff must look at). The kiosk stops sending these.
    pub conflicts: Vec<u64>,
    /// The server's clock, Unix seconds.
    pub server_time: i64,
    /// The largest chunk the server accepts, in bytes.
    pub max_chunk: u64,
    /// The largest batch the server accepts (compressed), in bytes.
    pub max_batch: u64,
    /// Residents' requests whose status changed after the kiosk's cursor (from any kiosk,
    /// the latest change of each, at most [`crate::MAX_STATUS_NOTES_PER_HELLO`]), so the kiosk
    /// can tell a resident where their request stands with no network.
    #[serde(default)]
    #[schema(value_type = Vec<Vec<Object>>)]
    pub statuses: Vec<crate::StatusNote>,
    /// What the kiosk sends as `status_cursor` next time.
    #[serde(default)]
    pub status_cursor: u64,
    /// The batch dictionaries the server decodes (every one it ever published): a kiosk
    /// compresses with the one its content carries only if it is listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub batch_dictionaries: Vec<u32>,
    /// Whether the server unpacks record bodies packed for the wire ([`crate::pack_body`]):
    /// a kiosk packs them only then (older servers leave it out).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub packed_bodies: bool,
    /// The most records the server takes in one batch (0: an older server, which takes
    /// [`crate::MAX_RECORDS_PER_BATCH`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub max_records: u32,
    /// Whether the server takes batches without zstd's 4-byte frame magic
    /// ([`crate::without_frame_magic`]): a kiosk leaves it off only then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub magicless_batches: bool,
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

impl HelloAnswer {
    /// The most records to put in one batch for this server.
    pub fn records_per_batch(&self) -> usize {
        match usize::try_from(self.max_records) {
            Ok(0) | Err(_) => crate::MAX_RECORDS_PER_BATCH,
            Ok(max) => max.min(crate::MAX_RECORDS_PER_LARGE_BATCH),
        }
    }
}

/// Where an upload stands on the server: the answer to every chunk, and to
/// `GET /api/v2/uploads/{id}` when a kiosk resumes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UploadState {
    /// Bytes of the batch the server has staged (the offset to send from next).
    pub received: u64,
    /// Present once the whole batch arrived and was stored.
    pub receipt: Option<UploadReceipt>,
}

/// What the server did with a complete batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UploadReceipt {
    /// Records stored for the first time.
    pub stored: u32,
    /// Records the server already had with the same content: acknowledged and ignored.
    pub already_had: u32,
    /// Records refused because the server holds different content under the same number.
    pub conflicts: Vec<u64>,
    /// The highest sequence number the server now holds for this kiosk.
    pub high_water: u64,
}

/// An upload's id: the BLAKE3 hash of the whole batch, in hex. The same records give the same
/// batch and so the same id, which lets a kiosk resume after a restart.
pub fn upload_id(batch: &[u8]) -> String {
    blake3::hash(batch).to_hex().to_string()
}

/// True for a well-formed upload id (64 lowercase hex digits).
pub fn is_upload_id(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_as_few_as_possible() {
        assert_eq!(to_ranges([]), vec![]);
        assert_eq!(
            to_ranges([1, 2, 3, 7, 9, 10]),
            vec![
                SeqRange { first: 1, last: 3 },
                SeqRange { first: 7, last: 7 },
                SeqRange { first: 9, last: 10 }
            ]
        );
        assert_eq!(SeqRange { first: 9, last: 10 }.len(), 2);
    }

    #[test]
    fn a_server_that_names_no_record_limit_gets_the_old_one() {
        let answer: HelloAnswer = serde_json::from_str(
            r#"{"high_water":0,"missing":[],"conflicts":[],"server_time":0,"max_chunk":1,"max_batch":1}"#,
        )
        .expect("an older server's answer");
        assert_eq!(answer.records_per_batch(), crate::MAX_RECORDS_PER_BATCH);
        for (named, taken) in [(10_000, 10_000), (2_500, 2_500), (u32::MAX, 10_000)] {
            let answer = HelloAnswer {
                max_records: named,
                ..answer.clone()
            };
            assert_eq!(answer.records_per_batch(), taken);
        }
    }

    #[test]
    fn upload_ids_are_content_hashes() {
        let id = upload_id(b"batch");
        assert!(is_upload_id(&id));
        assert_eq!(id, upload_id(b"batch"));
        assert_ne!(id, upload_id(b"batch2"));
        assert!(!is_upload_id("../../etc/passwd"));
    }
}
