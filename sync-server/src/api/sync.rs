//! The sync protocol: the handshake (`POST /api/v2/sync/hello`), resumable uploads of
//! compressed record batches (`PUT`/`GET /api/v2/uploads/{id}`), and learner progress merged
//! from every kiosk (`GET /api/v2/learners/{code}/progress`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wire::{ApiError, Hello, HelloAnswer, ProgressRecord, RecordBody, UploadState};

use super::auth::AuthenticatedKiosk;
use super::error::ApiFailure;
use super::json::ApiJson;
use crate::staging::{Appended, MAX_BATCH, MAX_CHUNK, StagingError};
use crate::store::IncomingRecord;
use crate::{AppState, clock};

/// A batch never decompresses to more than this (a zip bomb is refused): the raw bodies are
/// kept under [`MAX_BATCH`] by the kiosk, plus a little CBOR framing per record.
const MAX_DECOMPRESSED: usize = MAX_BATCH as usize + 64 * 1024;

/// A kiosk's one place among the uploads being handled; freed when dropped.
pub(super) struct KioskSlot {
    ingesting: std::sync::Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
    kiosk_id: String,
}

impl KioskSlot {
    /// The kiosk's place, unless it already holds one.
    pub(super) fn take(state: &AppState, kiosk_id: &str) -> Option<KioskSlot> {
        let mut held = state
            .ingesting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        held.insert(kiosk_id.to_owned()).then(|| KioskSlot {
            ingesting: state.ingesting.clone(),
            kiosk_id: kiosk_id.to_owned(),
        })
    }
}

impl Drop for KioskSlot {
    fn drop(&mut self) {
        self.ingesting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(&self.kiosk_id);
    }
}

/// Starts a sync: the server says which of the kiosk's records it holds.
#[utoipa::path(
    post,
    path = wire::paths::HELLO,
    tag = "kiosks",
    request_body = Hello,
    security(("device_token" = [])),
    responses(
        (status = 200, description = "What the server holds of this kiosk's records", body = HelloAnswer),
        (status = 401, description = "No valid device credential", body = ApiError),
    )
)]
pub async fn hello(
    State(state): State<AppState>,
    kiosk: AuthenticatedKiosk,
    ApiJson(hello): ApiJson<Hello>,
) -> Result<Json<HelloAnswer>, ApiFailure> {
    let now = clock::now();
    // A clock outside 1970–2100 is taken at the nearest end: no arithmetic can wrap.
    let offset = now - hello.kiosk_time.clamp(0, wire::LATEST_TIME);
    let kiosk_id = kiosk.kiosk_id.clone();
    let dictionaries = state.content.dictionaries.clone();
    let mut answer = state
        .store
        .call(move |store| {
            let mut answer = store.hello(&kiosk_id, hello.last_seq, offset, now)?;
            // Bodies packed for the wire are unpacked by `wire::decode_batch`.
            answer.packed_bodies = true;
            // So is a batch's zstd frame magic put back by `wire::decode_batch`.
            answer.magicless_batches = true;
            answer.max_records = wire::MAX_RECORDS_PER_LARGE_BATCH as u32;
            // A folder that cannot be read lists none: kiosks then send plain batches.
            answer.batch_dictionaries = match dictionaries.list() {
                Ok(list) => list.iter().map(|info| info.id).collect(),
                Err(error) => {
                    tracing::error!(%error, "cannot list the batch dictionaries");
                    Vec::new()
                }
            };
            let (notes, cursor) = store.status_notes_since(
                hello.status_cursor,
                now - wire::STATUS_NOTES_DAYS * 86_400,
                wire::MAX_STATUS_NOTES_PER_HELLO,
            )?;
            answer.statuses = notes;
            answer.status_cursor = cursor;
            Ok(answer)
        })
        .await?;
    answer.max_chunk = MAX_CHUNK;
    answer.max_batch = MAX_BATCH;
    Ok(Json(answer))
}

/// Where a chunk goes in its batch.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ChunkPlace {
    /// The byte offset of this chunk in the batch.
    offset: u64,
    /// The batch's total length in bytes.
    total: u64,
}

/// Sends one chunk of a batch. The batch is stored once its last byte arrives.
#[utoipa::path(
    put,
    path = "/api/v2/uploads/{id}",
    tag = "kiosks",
    params(("id" = String, Path, description = "BLAKE3 hash of the whole batch, hex"), ChunkPlace),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The chunk's bytes"),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The batch is complete and stored; the receipt says what was new", body = UploadState),
        (status = 202, description = "Chunk staged; send the rest from `received`", body = UploadState),
        (status = 409, description = "The chunk does not start where the staged bytes end; continue from `received`", body = UploadState),
        (status = 400, description = "Malformed chunk or batch; nothing was stored", body = ApiError),
        (status = 401, description = "No valid device credential", body = ApiError),
        (status = 503, description = "Too many uploads at once; retry after the Retry-After seconds", body = ApiError),
    )
)]
pub async fn upload_chunk(
    State(state): State<AppState>,
    kiosk: AuthenticatedKiosk,
    Path(id): Path<String>,
    Query(place): Query<ChunkPlace>,
    chunk: Bytes,
) -> Result<Response, ApiFailure> {
    if !wire::is_upload_id(&id) {
        return Err(ApiFailure::bad_request("an upload id is 64 hex digits"));
    }
    // Backpressure: a fixed number of ingests at once, one per kiosk; the rest come back
    // later.
    let Some(_own) = KioskSlot::take(&state, &kiosk.kiosk_id) else {
        crate::ops::OpsCounters::bump(&state.ops.uploads_busy);
        return Ok(busy());
    };
    let Ok(_slot) = state.ingest_slots.clone().try_acquire_owned() else {
        crate::ops::OpsCounters::bump(&state.ops.uploads_busy);
        return Ok(busy());
    };
    let staging = state.staging.clone();
    let kiosk_id = kiosk.kiosk_id.clone();
    let upload = id.clone();
    let appended = tokio::task::spawn_blocking(move || {
        staging.append(&kiosk_id, &upload, place.offset, place.total, &chunk)
    })
    .await
    .map_err(|e| ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let batch = match appended {
        Ok(Appended::Partial(received)) => {
            return Ok(state_response(StatusCode::ACCEPTED, received, None));
        }
        Ok(Appended::Complete(batch)) => batch,
        Err(StagingError::WrongOffset { received }) => {
            return Ok(state_response(StatusCode::CONFLICT, received, None));
        }
        Err(StagingError::Io(error)) => {
            tracing::error!(%error, "cannot stage an upload");
            return Err(ApiFailure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server cannot store uploads right now (disk trouble); try again later",
            ));
        }
        Err(error) => return Err(refuse(&state, &kiosk.kiosk_id, error.to_string()).await),
    };
    // Decoding and storing run on the blocking pool: a large batch never stalls the async
    // workers that answer everyone else.
    let dictionary = dictionary_for(&state, &batch).await?;
    let now = clock::now();
    let kiosk_id = kiosk.kiosk_id.clone();
    let bytes = batch.len() as u64;
    let stored = state
        .store
        .call(move |store| {
            Ok(match decode(&batch, dictionary.as_deref()) {
                Ok(records) => Ok(store.ingest_records(&kiosk_id, &records, bytes, now)?),
                Err(message) => Err(message),
            })
        })
        .await?;
    let receipt = match stored {
        Ok(receipt) => receipt,
        Err(message) => {
            state.staging.remove(&kiosk.kiosk_id, &id);
            return Err(refuse(&state, &kiosk.kiosk_id, message).await);
        }
    };
    state.staging.remove(&kiosk.kiosk_id, &id);
    crate::ops::OpsCounters::bump(&state.ops.batches_ingested);
    crate::ops::OpsCounters::add(&state.ops.records_ingested, u64::from(receipt.stored));
    tracing::info!(
        kiosk = %kiosk.kiosk_id,
        stored = receipt.stored,
        already_had = receipt.already_had,
        conflicts = receipt.conflicts.len(),
        high_water = receipt.high_water,
        bytes,
        "batch ingested"
    );
    Ok(state_response(StatusCode::OK, bytes, Some(receipt)))
}

/// The batch dictionary a batch's frame names, if the server has it (read on the blocking
/// pool); a folder that cannot be read is the server's trouble, answered with 503.
pub(super) async fn dictionary_for(
    state: &AppState,
    batch: &[u8],
) -> Result<Option<std::sync::Arc<wire::BatchDictionary>>, ApiFailure> {
    let Some(id) = wire::batch_dictionary_id(batch) else {
        return Ok(None);
    };
    let shelf = state.content.dictionaries.clone();
    let found = tokio::task::spawn_blocking(move || shelf.get(id))
        .await
        .map_err(|e| ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    found.map_err(|error| {
        tracing::error!(%error, "cannot read a batch dictionary");
        ApiFailure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server cannot read its batch dictionaries right now; try again later",
        )
    })
}

/// How much of an upload the server has staged, to resume it.
#[utoipa::path(
    get,
    path = "/api/v2/uploads/{id}",
    tag = "kiosks",
    params(("id" = String, Path, description = "BLAKE3 hash of the whole batch, hex")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "Bytes staged so far (0 if none)", body = UploadState),
        (status = 401, description = "No valid device credential", body = ApiError),
    )
)]
pub async fn upload_state(
    State(state): State<AppState>,
    kiosk: AuthenticatedKiosk,
    Path(id): Path<String>,
) -> Result<Json<UploadState>, ApiFailure> {
    if !wire::is_upload_id(&id) {
        return Err(ApiFailure::bad_request("an upload id is 64 hex digits"));
    }
    Ok(Json(UploadState {
        received: state.staging.received(&kiosk.kiosk_id, &id),
        receipt: None,
    }))
}

/// A learner's progress, merged from every kiosk, for a kiosk where the learner entered
/// their code.
#[utoipa::path(
    get,
    path = "/api/v2/learners/{code}/progress",
    tag = "kiosks",
    params(("code" = String, Path, description = "The learner code, without dashes")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "Progress per module (empty if none)", body = Vec<ProgressRecord>),
        (status = 400, description = "Not a learner code", body = ApiError),
        (status = 401, description = "No valid device credential", body = ApiError),
    )
)]
pub async fn learner_progress(
    State(state): State<AppState>,
    _kiosk: AuthenticatedKiosk,
    Path(code): Path<String>,
) -> Result<Json<Vec<ProgressRecord>>, ApiFailure> {
    if !wire::is_learner_code(&code) {
        return Err(ApiFailure::bad_request("not a learner code"));
    }
    let progress = state
        .store
        .call(move |store| store.learner_progress(&code))
        .await?;
    Ok(Json(progress))
}

/// Decodes and checks an upload batch: what the upload handler stores (the demo city goes
/// through it too). `dictionary` is the one the batch names, if the server has it.
pub fn decode(
    batch: &[u8],
    dictionary: Option<&wire::BatchDictionary>,
) -> Result<Vec<IncomingRecord>, String> {
    let records =
        wire::decode_batch(batch, MAX_DECOMPRESSED, dictionary).map_err(|e| e.to_string())?;
    records
        .into_iter()
        .map(|record| {
            let body = RecordBody::decode(&record.body)
                .map_err(|e| format!("record {}: {e}", record.seq))?;
            body.validate(record.seq).map_err(|e| e.to_string())?;
            Ok(IncomingRecord {
                seq: record.seq,
                bytes: record.body,
                body,
            })
        })
        .collect()
}

/// Refuses an upload as malformed, noting why in the server's sync ledger (the fleet page
/// shows it), and answers 400.
async fn refuse(state: &AppState, kiosk_id: &str, reason: String) -> ApiFailure {
    tracing::warn!(kiosk = kiosk_id, %reason, "upload refused");
    note_refusal(state, kiosk_id, reason.clone()).await;
    ApiFailure::bad_request(reason)
}

/// Counts a refused upload and notes `logged` in the kiosk's sync ledger on the server (the
/// fleet page shows it).
pub(super) async fn note_refusal(state: &AppState, kiosk_id: &str, logged: String) {
    crate::ops::OpsCounters::bump(&state.ops.uploads_refused);
    let kiosk_id = kiosk_id.to_owned();
    let now = clock::now();
    if let Err(error) = state
        .store
        .call(move |store| store.log_refusal(&kiosk_id, &logged, now))
        .await
    {
        tracing::error!(%error, "cannot write the sync ledger");
    }
}

fn state_response(
    status: StatusCode,
    received: u64,
    receipt: Option<wire::UploadReceipt>,
) -> Response {
    (status, Json(UploadState { received, receipt })).into_response()
}

pub(super) fn busy() -> Response {
    let seconds = 5 + rand::random::<u64>() % 26;
    let mut response = ApiFailure::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "the server is busy with other uploads; try again shortly",
    )
    .into_response();
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}
