//! Wire types shared by the kiosk and the sync server: what goes over HTTPS between them.
//!
//! This crate is pure data and pure functions. It does no I/O, reads no clock and holds no
//! secrets, so both sides (and tests) can depend on it freely.

mod content;
mod delta;
mod dictionary;
mod event;
mod frame;
mod packing;
mod records;
mod relay;
mod release;
mod request_status;
mod sync;
mod ticket;
mod validate;

pub use content::{
    ContentFile, ContentManifest, MAX_CONTENT_FILE_BYTES, MAX_CONTENT_FILES, ManifestError,
    SignedManifest, is_content_hash, is_content_path,
};
pub use delta::{DeltaError, MAX_DELTA_FILE_BYTES, apply_delta, make_delta};
pub use dictionary::{
    BATCH_DICTIONARY_PATH, BatchDictionary, DictionaryError, FIRST_DICTIONARY_ID,
    MAX_DICTIONARY_BYTES, batch_dictionary_id,
};
pub use event::{AccessibilityFeature, EndReason, Event, EventKind, Tile};
pub use frame::{ZSTD_FRAME_MAGIC, with_frame_magic, without_frame_magic};
pub use packing::{pack_bodies, pack_body, unpack_body};
pub use records::{
    AvailabilityRecord, DecodeError, DeviceHealth, EventRecord, FeedbackRecord, Heartbeat,
    PRINTER_CODES, ProgressRecord, RecordBody, RequestRecord, WireRecord, batch_cbor, decode_batch,
    encode_batch, encode_batch_with, is_learner_code, record_hash,
};
pub use relay::{
    ACK_LABEL, MAX_CARRIED_ACKS, MAX_CARRIED_BYTES, MAX_RELAY_BATCH, MAX_RELAY_BUNDLE, RelayAck,
    RelayBundle, RelayFormatError, RelayReceipt, SealedBatch, SignedRelayAck, ack_signing_message,
    bundle_signing_message, is_kiosk_id,
};
pub use release::{
    InstallRequest, InstallResult, KIOSK_PACKAGE, MAX_RELEASE_BYTES, ReleaseInfo, ReleaseManifest,
    UpdateStatus, compare_versions, is_version, release_signing_message,
};
pub use request_status::{
    MAX_LOOKUPS_PER_MINUTE, MAX_STATUS_NOTES_PER_HELLO, PHRASES, RequestStatus,
    RequestStatusAnswer, STATUS_NOTES_DAYS, StatusNote, is_reference, phrase, plain_reference,
};
pub use sync::{
    Hello, HelloAnswer, SeqRange, UploadReceipt, UploadState, is_upload_id, to_ranges, upload_id,
};
pub use ticket::{EnrolmentTicket, TICKET_PREFIX, TicketError};
pub use validate::{
    InvalidEvent, LATEST_TIME, is_code, is_locale_tag, is_plausible_time, is_session_id,
    round_down_to_hour,
};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Paths of the server's HTTP API, so kiosk and server cannot disagree on them.
pub mod paths {
    /// Liveness probe.
    pub const HEALTHZ: &str = "/healthz";
    /// The OpenAPI description of every API endpoint.
    pub const OPENAPI: &str = "/api/openapi.json";
    /// A kiosk exchanges a one-time enrolment code for its own credential.
    pub const ENROL: &str = "/api/v1/enrol";
    /// A kiosk starts a sync: the server says which of its records it holds.
    pub const HELLO: &str = "/api/v2/sync/hello";
    /// A resumable upload of one batch of records (`/api/v2/uploads/{id}`).
    pub const UPLOADS: &str = "/api/v2/uploads";
    /// A learner's progress merged from every kiosk (`/api/v2/learners/{code}/progress`).
    pub const LEARNERS: &str = "/api/v2/learners";
    /// Where a resident's request stands (`/api/v2/requests/{reference}/status`).
    pub const REQUESTS: &str = "/api/v2/requests";
    /// The signed manifest of the current content.
    pub const CONTENT_MANIFEST: &str = "/api/v2/content/manifest";
    /// Content files by hash (`/api/v2/content/files/{hash}`), resumable with HTTP Range.
    pub const CONTENT_FILES: &str = "/api/v2/content/files";
    /// A content file as a delta against another (`/api/v2/content/deltas/{from}/{to}`),
    /// resumable with HTTP Range; 404 when no delta is worth sending.
    pub const CONTENT_DELTAS: &str = "/api/v2/content/deltas";
    /// A kiosk asks for the server's sealing key (kiosks enrolled before it existed).
    pub const SEALING_KEY: &str = "/api/v1/sealing-key";
    /// The signed list of kiosk software releases.
    pub const RELEASE_MANIFEST: &str = "/api/v2/releases/manifest";
    /// A release's `.deb` by hash (`/api/v2/releases/files/{hash}`), resumable with Range.
    pub const RELEASE_FILES: &str = "/api/v2/releases/files";
    /// The server proves which certificates are its own (`?nonce=…`), signed with its
    /// long-lived key: how a kiosk follows a certificate renewal or a proxy in front.
    pub const IDENTITY: &str = "/api/v2/identity";
    /// A kiosk hands over a bundle it carried for another kiosk (`wire::RelayBundle`); the
    /// answer is the server's signed acknowledgement for the originator.
    pub const RELAY: &str = "/api/v2/relay";
}

/// How a kiosk signs its requests: two headers, over [`signing_message`].
pub mod headers {
    /// A number the kiosk never uses twice, always larger than the last: replays are refused.
    pub const COUNTER: &str = "x-kiosk-counter";
    /// Ed25519 signature of [`super::signing_message`], standard base64.
    pub const SIGNATURE: &str = "x-kiosk-signature";
}

/// What a kiosk signs for each request: method, path with query, the request counter and
/// the BLAKE3 hash of the body (of no bytes for a request without one), so a signed request
/// cannot be given another body.
pub fn signing_message(method: &str, path_and_query: &str, counter: u64, body: &[u8]) -> String {
    signing_message_for_hash(
        method,
        path_and_query,
        counter,
        blake3::hash(body).to_hex().as_str(),
    )
}

/// [`signing_message`] from the body's BLAKE3 hash (hex) rather than the body.
pub fn signing_message_for_hash(
    method: &str,
    path_and_query: &str,
    counter: u64,
    body_hash_hex: &str,
) -> String {
    format!("inclusion-kiosk/2\n{method}\n{path_and_query}\n{counter}\n{body_hash_hex}")
}

/// The most records a kiosk puts in one batch for a server that names no other limit (older
/// servers refuse more), and in one relay bundle.
pub const MAX_RECORDS_PER_BATCH: usize = 1000;

/// The most records one batch may hold for a server that says so in the handshake
/// ([`HelloAnswer::max_records`]), and what [`decode_batch`] accepts: on a slow link each
/// batch costs a round trip and an ingest, so a kiosk with many records waiting sends them in
/// fewer batches.
pub const MAX_RECORDS_PER_LARGE_BATCH: usize = 10_000;

/// `GET /healthz`: the server is up and can reach its store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// Always `"ok"` when the server answers 200.
    pub status: String,
    /// The server's software version.
    pub version: String,
}

/// `POST /api/v1/enrol`: a kiosk presents the one-time code a librarian created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EnrolRequest {
    /// The code printed by `sync-server enrol`, e.g. `K7PQ-M3XZ-R9`. Case and dashes do not matter.
    pub code: String,
    /// The kiosk's software version, for the fleet page.
    pub software_version: String,
    /// The kiosk's Ed25519 public key (32 bytes, standard base64). Its private half never
    /// leaves the kiosk; from now on every request of this kiosk must be signed with it.
    #[serde(default)]
    pub device_key: Option<String>,
}

/// The credential a kiosk receives in exchange for its enrolment code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EnrolResponse {
    /// The server's name for this kiosk.
    pub kiosk_id: String,
    /// Bearer token for every later request. The server keeps only its hash.
    pub token: String,
    /// Where the kiosk stands, as the librarian entered it.
    pub site: String,
    /// The neighbourhood the site belongs to.
    pub neighbourhood: String,
    /// The server's X25519 public key (32 bytes, standard base64). The kiosk seals residents'
    /// personal data to it before storing, so only the server can read it.
    pub sealing_key: String,
    /// The server's Ed25519 content key (32 bytes, standard base64): the kiosk accepts only
    /// content manifests signed with it.
    #[serde(default)]
    pub content_key: String,
}

impl std::fmt::Debug for EnrolResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrolResponse")
            .field("kiosk_id", &self.kiosk_id)
            .field("token", &"<redacted>")
            .field("site", &self.site)
            .field("neighbourhood", &self.neighbourhood)
            .field("sealing_key", &self.sealing_key)
            .field("content_key", &self.content_key)
            .finish()
    }
}

/// `GET /api/v2/identity?nonce=N`: the certificates a kiosk may see when it reaches this
/// server (its own, or a proxy's in front of it), signed with the server's long-lived key
/// over [`identity_message`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct IdentityProof {
    /// SHA-256 fingerprints (colon-separated upper-case hex) of the genuine certificates.
    pub fingerprints: Vec<String>,
    /// Ed25519 signature of [`identity_message`], standard base64.
    pub signature: String,
}

/// What the server signs in an [`IdentityProof`]: the kiosk's fresh nonce (so an old proof
/// cannot be replayed) and the fingerprints.
pub fn identity_message(nonce: &str, fingerprints: &[String]) -> String {
    format!(
        "inclusion-kiosk-identity/1\n{nonce}\n{}",
        fingerprints.join(",")
    )
}

/// `GET /api/v1/sealing-key`: the key residents' personal data is sealed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SealingKeyResponse {
    /// The server's X25519 public key, 32 bytes in standard base64.
    pub sealing_key: String,
}

/// Every error the API returns has this body, with a sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApiError {
    /// What went wrong, in plain words.
    pub error: String,
}
