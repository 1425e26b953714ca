//! The records a kiosk's outbox holds: every kind of thing a kiosk sends, each under the
//! kiosk's own sequence number. A record's body is encoded once, when it is written (CBOR), and
//! those exact bytes are hashed, stored and sent, so the kiosk and the server hash the same
//! bytes.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::{BatchDictionary, EventKind, InvalidEvent, is_code};

/// What one outbox record says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordBody {
    /// An anonymous usage event.
    Event(EventRecord),
    /// A service request a resident submitted.
    Request(RequestRecord),
    /// A rating of a service or a set of survey answers.
    Feedback(FeedbackRecord),
    /// What a learner achieved in one module during one visit (merged on the server).
    Progress(ProgressRecord),
    /// The kiosk is alive, and how it is.
    Heartbeat(Heartbeat),
    /// How many minutes of one past hour the kiosk was usable (metric M2, availability).
    Availability(AvailabilityRecord),
}

/// How long a kiosk was usable during one hour: running, its screen answering, not out of
/// order. Written once the hour is over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilityRecord {
    /// The hour, as Unix seconds rounded down to the hour.
    pub hour: i64,
    /// Minutes of that hour the kiosk was usable (0 to 60).
    pub usable_minutes: u8,
}

/// An anonymous usage event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Random id of the visit (32 lowercase hex digits), never linked across visits.
    pub session: String,
    /// When it happened, as Unix seconds rounded down to the hour.
    pub hour: i64,
    /// What happened.
    pub kind: EventKind,
}

/// A submitted service request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRecord {
    /// The reference number the resident was given, e.g. `K7PQ-M3XZ-R9`.
    pub reference: String,
    /// The form's content id.
    pub form: String,
    /// The form's topic code.
    pub topic: String,
    /// Answers to the fields that are not personal (field id → value).
    pub answers: BTreeMap<String, String>,
    /// The personal fields, sealed to the server's X25519 key (a sealed box).
    #[serde(with = "serde_bytes", default)]
    pub sealed: Option<Vec<u8>>,
    /// Unix seconds rounded down to the hour.
    pub hour: i64,
}

/// A rating or a set of survey answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRecord {
    /// `rating` or `survey`.
    pub kind: String,
    /// The service's topic code, or the survey's id.
    pub subject: String,
    /// Question id → chosen option ids (for a rating: `rating` → the number).
    pub answers: BTreeMap<String, Vec<String>>,
    /// An optional free-text comment, sealed to the server's key.
    #[serde(with = "serde_bytes", default)]
    pub sealed_comment: Option<Vec<u8>>,
    /// Unix seconds rounded down to the hour.
    pub hour: i64,
}

/// A learner's progress in one module, keyed by learner code (no name, no account).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProgressRecord {
    /// The learner code, without dashes.
    pub learner_code: String,
    /// The module's content id.
    pub module: String,
    /// Lesson steps and practice items completed.
    pub steps_done: BTreeSet<String>,
    /// The best check score so far.
    pub best_score: Option<u32>,
    /// Whether the check was ever passed.
    pub passed: bool,
}

impl ProgressRecord {
    /// Combines two records of the same learner and module: the union of steps, the best
    /// score, passed if either passed. Commutative, associative and idempotent, so kiosks
    /// that were offline at the same time agree whatever order their records arrive in.
    pub fn merge(&self, other: &ProgressRecord) -> ProgressRecord {
        ProgressRecord {
            learner_code: self.learner_code.clone(),
            module: self.module.clone(),
            steps_done: self.steps_done.union(&other.steps_done).cloned().collect(),
            best_score: self.best_score.max(other.best_score),
            passed: self.passed || other.passed,
        }
    }
}

/// A kiosk's periodic sign of life, with what a librarian needs to see on the fleet page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat {
    /// The kiosk's clock, Unix seconds.
    pub at: i64,
    /// Records waiting to be sent when this one was written.
    pub waiting: u64,
    /// The kiosk's software version.
    pub software_version: String,
    /// Device name → status in a few words (`printer` → `out of paper`).
    pub devices: BTreeMap<String, String>,
    /// The content version the kiosk runs (0: the sample it shipped with).
    #[serde(default)]
    pub content_version: u64,
    /// The same facts as codes and numbers, for the fleet page's alerts.
    #[serde(default)]
    pub health: DeviceHealth,
    /// Where a software update stands, if one is under way or just happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<crate::UpdateStatus>,
}

/// A kiosk's device health as codes and numbers (what the fleet page raises alerts on).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceHealth {
    /// The printer: `ok`, `paper_low`, `paper_out`, `cover_open`, `offline`, `fault` or
    /// `unknown`; None when the kiosk has no printer.
    #[serde(default)]
    pub printer: Option<String>,
    /// Runs on its battery (false: on mains).
    #[serde(default)]
    pub on_battery: bool,
    /// Battery charge in percent, when a battery reports it.
    #[serde(default)]
    pub battery_percent: Option<u8>,
    /// Free bytes on the kiosk's data disk.
    #[serde(default)]
    pub disk_free_bytes: Option<u64>,
    /// Size of the kiosk's data disk in bytes.
    #[serde(default)]
    pub disk_total_bytes: Option<u64>,
}

/// The printer codes a heartbeat may carry.
pub const PRINTER_CODES: [&str; 7] = [
    "ok",
    "paper_low",
    "paper_out",
    "cover_open",
    "offline",
    "fault",
    "unknown",
];

/// One outbox record as it travels: its sequence number and its body's exact bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireRecord {
    /// The kiosk's sequence number: unique per kiosk, never reused.
    pub seq: u64,
    /// The CBOR encoding of a [`RecordBody`], as the kiosk stored and hashed it.
    #[serde(with = "serde_bytes")]
    pub body: Vec<u8>,
}

/// Why bytes could not be turned into records.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not zstd, or larger than allowed once decompressed.
    #[error("the batch is not valid zstd data or is too large once decompressed: {0}")]
    Compression(String),
    /// Not the CBOR this crate writes.
    #[error("the data is not a valid record encoding: {0}")]
    Encoding(String),
    /// Compressed with a dictionary this side does not have.
    #[error(
        "the batch was compressed with dictionary {0}, which this server never published; send it again without one"
    )]
    UnknownDictionary(u32),
    /// More records than a batch may hold (refused before decoding them).
    #[error("the batch holds {found} records; a batch holds at most {max}")]
    TooManyRecords {
        /// Records the batch says it holds.
        found: u64,
        /// The limit.
        max: usize,
    },
}

impl RecordBody {
    /// The bytes a record is stored, hashed and sent as.
    pub fn encode(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(96);
        // Writing CBOR into a Vec cannot fail for these plain types.
        if let Err(error) = ciborium::into_writer(self, &mut bytes) {
            unreachable!("CBOR encoding into memory failed: {error}");
        }
        bytes
    }

    /// Reads a record body back.
    pub fn decode(bytes: &[u8]) -> Result<RecordBody, DecodeError> {
        ciborium::from_reader(bytes).map_err(|e| DecodeError::Encoding(e.to_string()))
    }

    /// The sending priority: lower goes first (a resident's request before anonymous counts).
    pub fn priority(&self) -> u8 {
        match self {
            RecordBody::Request(_) => 0,
            RecordBody::Progress(_) => 1,
            RecordBody::Feedback(_) | RecordBody::Event(_) | RecordBody::Availability(_) => 2,
            RecordBody::Heartbeat(_) => 3,
        }
    }

    /// A short stable name for the kind of record.
    pub fn kind_name(&self) -> &'static str {
        match self {
            RecordBody::Event(_) => "event",
            RecordBody::Request(_) => "request",
            RecordBody::Feedback(_) => "feedback",
            RecordBody::Progress(_) => "progress",
            RecordBody::Heartbeat(_) => "heartbeat",
            RecordBody::Availability(_) => "availability",
        }
    }

    /// Checks the record is well formed, and that nothing free-form travels outside a sealed box.
    pub fn validate(&self, seq: u64) -> Result<(), InvalidEvent> {
        let bad = |reason| Err(InvalidEvent { seq, reason });
        match self {
            RecordBody::Event(event) => crate::Event {
                seq,
                session: event.session.clone(),
                hour: event.hour,
                kind: event.kind.clone(),
            }
            .validate(),
            RecordBody::Request(request) => {
                if !is_code(&request.form) || !is_code(&request.topic) {
                    return bad("a request's form and topic must be content codes");
                }
                if request.reference.is_empty() || request.reference.len() > 32 {
                    return bad("a request needs a reference of at most 32 characters");
                }
                if request.hour % 3600 != 0 || !crate::is_plausible_time(request.hour) {
                    return bad("a request's time must be rounded to the hour, 1970 to 2100");
                }
                if request
                    .answers
                    .iter()
                    .any(|(field, value)| !is_code(field) || value.len() > MAX_ANSWER_BYTES)
                {
                    return bad(
                        "a request's answers are keyed by field id and at most 2,000 bytes",
                    );
                }
                Ok(())
            }
            RecordBody::Feedback(feedback) => {
                if !matches!(feedback.kind.as_str(), "rating" | "survey") {
                    return bad("feedback is a rating or a survey");
                }
                if !is_code(&feedback.subject)
                    || feedback.hour % 3600 != 0
                    || !crate::is_plausible_time(feedback.hour)
                {
                    return bad("feedback needs a content code and an hour");
                }
                if feedback
                    .answers
                    .iter()
                    .any(|(q, options)| !is_code(q) || options.iter().any(|o| !is_code(o)))
                {
                    return bad("feedback answers must be content codes");
                }
                Ok(())
            }
            RecordBody::Progress(progress) => {
                if !is_learner_code(&progress.learner_code) || !is_code(&progress.module) {
                    return bad("progress needs a learner code and a module id");
                }
                if progress.steps_done.iter().any(|step| !is_code(step)) {
                    return bad("progress steps must be content codes");
                }
                Ok(())
            }
            RecordBody::Heartbeat(heartbeat) => {
                if !crate::is_plausible_time(heartbeat.at) {
                    return bad("a heartbeat's time must be 1970 to 2100");
                }
                if heartbeat.update.as_ref().is_some_and(|u| !u.is_valid()) {
                    return bad("a heartbeat's update status is malformed");
                }
                if heartbeat.software_version.len() > 64
                    || heartbeat.devices.len() > 16
                    || heartbeat
                        .devices
                        .iter()
                        .any(|(name, status)| !is_code(name) || status.len() > 120)
                {
                    return bad("a heartbeat's device list is malformed");
                }
                let health = &heartbeat.health;
                if health
                    .printer
                    .as_deref()
                    .is_some_and(|code| !PRINTER_CODES.contains(&code))
                    || health.battery_percent.is_some_and(|p| p > 100)
                    || matches!((health.disk_free_bytes, health.disk_total_bytes),
                                (Some(free), Some(total)) if free > total)
                {
                    return bad("a heartbeat's device health is malformed");
                }
                Ok(())
            }
            RecordBody::Availability(availability) => {
                if availability.hour % 3600 != 0
                    || availability.usable_minutes > 60
                    || !crate::is_plausible_time(availability.hour)
                {
                    return bad("availability is minutes (0 to 60) of a whole hour");
                }
                Ok(())
            }
        }
    }
}

/// The longest answer a request field may carry (forms allow up to 500 characters).
const MAX_ANSWER_BYTES: usize = 2000;

/// True for a learner code as stored: 6 to 16 upper-case letters and digits.
pub fn is_learner_code(text: &str) -> bool {
    (6..=16).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The content hash of a record body: BLAKE3 of its exact bytes.
pub fn record_hash(body: &[u8]) -> [u8; 32] {
    *blake3::hash(body).as_bytes()
}

/// How hard the kiosk compresses a batch: zstd's strongest usual level for batches up to
/// [`STRONG_UP_TO`] bytes before compression (a full batch of events is about 100 KB: tens
/// of milliseconds), and a quicker one past that (residents' requests with sealed fields,
/// which barely compress).
fn zstd_level(cbor_len: usize) -> i32 {
    if cbor_len <= STRONG_UP_TO { 19 } else { 9 }
}

/// See [`zstd_level`].
const STRONG_UP_TO: usize = 256 * 1024;

/// Encodes records for upload: CBOR, then zstd.
pub fn encode_batch(records: &[WireRecord]) -> Vec<u8> {
    encode_batch_with(records, None)
}

/// Encodes records for upload: CBOR, then zstd with `dictionary` if given (the frame then
/// names the dictionary's id, so the server knows which one to decode it with).
pub fn encode_batch_with(records: &[WireRecord], dictionary: Option<&BatchDictionary>) -> Vec<u8> {
    let cbor = batch_cbor(records);
    let compressed = match dictionary {
        Some(dictionary) => {
            zstd::bulk::Compressor::with_dictionary(zstd_level(cbor.len()), dictionary.bytes())
                .and_then(|mut compressor| compressor.compress(&cbor))
        }
        None => zstd::bulk::compress(&cbor, zstd_level(cbor.len())),
    };
    match compressed {
        Ok(bytes) => bytes,
        Err(error) => unreachable!("zstd compression into memory failed: {error}"),
    }
}

/// A batch before compression: the CBOR list of its records (what dictionaries learn from).
pub fn batch_cbor(records: &[WireRecord]) -> Vec<u8> {
    let mut cbor = Vec::with_capacity(records.len() * 96 + 16);
    if let Err(error) = ciborium::into_writer(records, &mut cbor) {
        unreachable!("CBOR encoding into memory failed: {error}");
    }
    cbor
}

/// Decodes an uploaded batch (record bodies packed for the wire unpacked, see
/// [`crate::pack_body`]), refusing one that would decompress to more than `max_bytes`
/// or that says it holds more than [`crate::MAX_RECORDS_PER_LARGE_BATCH`] records (read from the
/// first bytes, before anything else is decompressed or decoded). A batch compressed with a
/// dictionary needs that dictionary (see [`crate::batch_dictionary_id`]).
pub fn decode_batch(
    bytes: &[u8],
    max_bytes: usize,
    dictionary: Option<&BatchDictionary>,
) -> Result<Vec<WireRecord>, DecodeError> {
    // A batch sent without zstd's frame magic gets it back (see `crate::frame`).
    let bytes = &*crate::with_frame_magic(bytes);
    let found = batch_length(bytes, dictionary)?;
    if found > crate::MAX_RECORDS_PER_LARGE_BATCH as u64 {
        return Err(DecodeError::TooManyRecords {
            found,
            max: crate::MAX_RECORDS_PER_LARGE_BATCH,
        });
    }
    let cbor = zstd::bulk::Decompressor::with_dictionary(dictionary.map_or(&[][..], |d| d.bytes()))
        .and_then(|mut decompressor| decompressor.decompress(bytes, max_bytes))
        .map_err(|e| DecodeError::Compression(e.to_string()))?;
    let mut records: Vec<WireRecord> =
        ciborium::from_reader(cbor.as_slice()).map_err(|e| DecodeError::Encoding(e.to_string()))?;
    // Bodies packed for the wire become what the kiosk stored and hashed (at most 34/18 of
    // their packed size each).
    for record in &mut records {
        if record.body.first() == Some(&0xFF) {
            record.body = crate::unpack_body(&record.body)?;
        }
    }
    Ok(records)
}

/// Refuses a batch whose frame names another dictionary than the one given (or one when
/// none is given).
fn check_dictionary(bytes: &[u8], dictionary: Option<&BatchDictionary>) -> Result<(), DecodeError> {
    let named = crate::batch_dictionary_id(bytes);
    if named == dictionary.map(BatchDictionary::id) {
        return Ok(());
    }
    Err(match named {
        Some(id) => DecodeError::UnknownDictionary(id),
        None => DecodeError::Compression("the batch names no dictionary".into()),
    })
}

/// How many records a batch says it holds: the CBOR array header at the start of the
/// decompressed stream, decompressing no more than its first bytes.
pub fn batch_length(
    bytes: &[u8],
    dictionary: Option<&BatchDictionary>,
) -> Result<u64, DecodeError> {
    use std::io::Read as _;
    let bytes = &*crate::with_frame_magic(bytes);
    check_dictionary(bytes, dictionary)?;
    let mut decoder = zstd::stream::read::Decoder::with_dictionary(
        bytes,
        dictionary.map_or(&[][..], |d| d.bytes()),
    )
    .map_err(|e| DecodeError::Compression(e.to_string()))?;
    let mut head = [0u8; 9];
    let mut filled = 0;
    while filled < head.len() {
        match decoder.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) => return Err(DecodeError::Compression(error.to_string())),
        }
    }
    let bad = |why: &str| DecodeError::Encoding(why.to_owned());
    let first = *head[..filled]
        .first()
        .ok_or_else(|| bad("the batch is empty"))?;
    if first >> 5 != 4 {
        return Err(bad("a batch must be a list of records"));
    }
    let extra = match first & 0x1f {
        small @ 0..=23 => return Ok(u64::from(small)),
        24 => 1,
        25 => 2,
        26 => 4,
        27 => 8,
        _ => return Err(bad("a batch must say how many records it holds")),
    };
    let bytes = head
        .get(1..1 + extra)
        .filter(|_| filled > extra)
        .ok_or_else(|| bad("the batch ends inside its header"))?;
    Ok(bytes.iter().fold(0u64, |n, &b| (n << 8) | u64::from(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tile;

    fn event(session: u8, tile: Tile) -> RecordBody {
        RecordBody::Event(EventRecord {
            session: format!("{session:02x}").repeat(16),
            hour: 1_790_000_000 - 1_790_000_000 % 3600,
            kind: EventKind::TileOpened { tile },
        })
    }

    #[test]
    fn bodies_round_trip_and_hash_their_exact_bytes() -> Result<(), DecodeError> {
        let body = RecordBody::Request(RequestRecord {
            reference: "K7PQ-M3XZ-R9".into(),
            form: "callback".into(),
            topic: "contact.callback".into(),
            answers: [("topic".to_owned(), "housing".to_owned())].into(),
            sealed: Some(vec![7; 80]),
            hour: 3600,
        });
        let bytes = body.encode();
        assert_eq!(RecordBody::decode(&bytes)?, body);
        assert_eq!(bytes, body.encode(), "encoding is deterministic");
        assert_eq!(record_hash(&bytes), record_hash(&body.encode()));
        assert_ne!(
            record_hash(&bytes),
            record_hash(&event(1, Tile::Learn).encode())
        );
        Ok(())
    }

    #[test]
    fn batches_round_trip_and_refuse_bombs_and_garbage() -> Result<(), DecodeError> {
        let records: Vec<WireRecord> = (1..=300)
            .map(|seq| WireRecord {
                seq,
                body: event((seq / 7) as u8, Tile::Services).encode(),
            })
            .collect();
        let bytes = encode_batch(&records);
        assert_eq!(decode_batch(&bytes, 1 << 20, None)?, records);
        assert!(matches!(
            decode_batch(&bytes, 1000, None),
            Err(DecodeError::Compression(_))
        ));
        assert!(decode_batch(b"not zstd at all", 1 << 20, None).is_err());
        Ok(())
    }

    #[test]
    fn a_batch_over_the_record_limit_is_refused_from_its_header() -> Result<(), DecodeError> {
        let tiny = |seq| WireRecord {
            seq,
            body: vec![0xf6],
        };
        let at_limit: Vec<WireRecord> = (1..=crate::MAX_RECORDS_PER_LARGE_BATCH as u64)
            .map(tiny)
            .collect();
        let bytes = encode_batch(&at_limit);
        assert_eq!(
            batch_length(&bytes, None)?,
            crate::MAX_RECORDS_PER_LARGE_BATCH as u64
        );
        assert_eq!(
            decode_batch(&bytes, 1 << 20, None)?.len(),
            crate::MAX_RECORDS_PER_LARGE_BATCH
        );
        // A million records in a small upload: refused without decoding them.
        let many: Vec<WireRecord> = (1..=1_000_000).map(tiny).collect();
        let bytes = encode_batch(&many);
        assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
        assert!(matches!(
            decode_batch(&bytes, 64 << 20, None),
            Err(DecodeError::TooManyRecords {
                found: 1_000_000,
                ..
            })
        ));
        for (cbor, small) in [
            (vec![0x80u8], 0u64),
            (vec![0x97], 23),
            (vec![0x99, 0x01, 0x00], 256),
        ] {
            let packed = zstd::bulk::compress(&cbor, 1)
                .map_err(|e| DecodeError::Compression(e.to_string()))?;
            assert_eq!(batch_length(&packed, None)?, small);
        }
        for bad in [vec![0x9fu8], vec![0xa0], vec![0x9b, 1]] {
            let packed = zstd::bulk::compress(&bad, 1)
                .map_err(|e| DecodeError::Compression(e.to_string()))?;
            assert!(batch_length(&packed, None).is_err(), "{bad:?}");
        }
        Ok(())
    }

    #[test]
    fn malformed_records_are_refused() {
        let mut request = RequestRecord {
            reference: "K7PQ-M3XZ-R9".into(),
            form: "callback".into(),
            topic: "contact.callback".into(),
            answers: BTreeMap::new(),
            sealed: None,
            hour: 7200,
        };
        assert!(RecordBody::Request(request.clone()).validate(1).is_ok());
        request.answers.insert("details".into(), "x".repeat(5000));
        assert!(RecordBody::Request(request).validate(1).is_err());
        let progress = ProgressRecord {
            learner_code: "K7PQM3XZA".into(),
            module: "passwords".into(),
            ..Default::default()
        };
        assert!(RecordBody::Progress(progress.clone()).validate(2).is_ok());
        let named = ProgressRecord {
            learner_code: "ana lopez".into(),
            ..progress
        };
        assert!(RecordBody::Progress(named).validate(2).is_err());
    }

    #[test]
    fn requests_go_before_progress_before_events_before_heartbeats() {
        let progress = RecordBody::Progress(ProgressRecord::default());
        let heartbeat = RecordBody::Heartbeat(Heartbeat {
            at: 0,
            waiting: 0,
            software_version: "0".into(),
            devices: BTreeMap::new(),
            content_version: 0,
            health: DeviceHealth::default(),
            update: None,
        });
        assert!(progress.priority() < event(1, Tile::Learn).priority());
        assert!(event(1, Tile::Learn).priority() < heartbeat.priority());
    }
}
