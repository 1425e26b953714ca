//! Bundles carried by other kiosks (`POST /api/v2/relay`): any enrolled kiosk may hand over a
//! bundle another kiosk sealed and signed (`wire::RelayBundle`); the server checks the
//! originator's signature with the key it enrolled with, opens the seal, stores the records
//! under the originator exactly as an upload would (exactly once per kiosk and sequence
//! number, however many routes a bundle takes), and answers with an acknowledgement signed
//! with its long-lived key for the relay to carry back.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use ed25519_dalek::Signature;
use wire::{ApiError, RelayAck, RelayBundle, RelayReceipt, SealedBatch, SignedRelayAck};

use super::auth::{AuthenticatedKiosk, parse_device_key};
use super::error::ApiFailure;
use super::sync::{KioskSlot, busy, decode, dictionary_for, note_refusal};
use crate::store::DeviceState;
use crate::{AppState, clock};

/// Stores the records of a bundle another kiosk carried here.
#[utoipa::path(
    post,
    path = wire::paths::RELAY,
    tag = "kiosks",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "A relay bundle (CBOR), as its originator made it"),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "Stored (or already held); the acknowledgement goes back to the originator", body = RelayReceipt),
        (status = 400, description = "Not a bundle", body = ApiError),
        (status = 401, description = "No valid device credential (the relay's own)", body = ApiError),
        (status = 422, description = "The bundle is refused for good (altered, forged, from an unknown or revoked kiosk): the relay drops it", body = ApiError),
        (status = 503, description = "Too many uploads at once; retry after the Retry-After seconds", body = ApiError),
    )
)]
pub async fn relay(
    State(state): State<AppState>,
    relay: AuthenticatedKiosk,
    body: Bytes,
) -> Result<axum::response::Response, ApiFailure> {
    use axum::response::IntoResponse as _;
    let bundle = RelayBundle::decode(&body).map_err(|e| ApiFailure::bad_request(e.to_string()))?;
    // One upload or relayed bundle per relaying kiosk at a time, within the ingest slots.
    let Some(_own) = KioskSlot::take(&state, &relay.kiosk_id) else {
        crate::ops::OpsCounters::bump(&state.ops.uploads_busy);
        return Ok(busy());
    };
    let Ok(_slot) = state.ingest_slots.clone().try_acquire_owned() else {
        crate::ops::OpsCounters::bump(&state.ops.uploads_busy);
        return Ok(busy());
    };
    let batch = match open(&state, &bundle).await {
        Ok(batch) => batch,
        Err(Unopened::Refused(why)) => return Err(refuse(&state, &relay.kiosk_id, why).await),
        // The server's own trouble (its database): the relay keeps the bundle and tries again.
        Err(Unopened::Trouble(failure)) => return Err(failure),
    };
    let dictionary = dictionary_for(&state, &batch).await?;
    let now = clock::now();
    let originator = bundle.kiosk.clone();
    let bytes = batch.len() as u64;
    let stored = state
        .store
        .call(move |store| {
            Ok(match decode(&batch, dictionary.as_deref()) {
                Ok(records) => {
                    let seqs: Vec<u64> = records.iter().map(|record| record.seq).collect();
                    Ok((
                        store.ingest_records(&originator, &records, bytes, now)?,
                        seqs,
                    ))
                }
                Err(message) => Err(message),
            })
        })
        .await?;
    let (receipt, mut seqs) = match stored {
        Ok(stored) => stored,
        Err(message) => {
            return Err(refuse(&state, &relay.kiosk_id, format!("its batch: {message}")).await);
        }
    };
    let conflicts: std::collections::HashSet<u64> = receipt.conflicts.iter().copied().collect();
    seqs.retain(|seq| !conflicts.contains(seq));
    seqs.sort_unstable();
    seqs.dedup();
    let ack = RelayAck {
        kiosk: bundle.kiosk.clone(),
        bundle: bundle.id(),
        held: wire::to_ranges(seqs),
        at: now,
    };
    let ack_json = serde_json::to_string(&ack)
        .map_err(|e| ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let signature = state
        .content
        .sign(&wire::ack_signing_message(&ack_json))
        .map_err(|error| {
            tracing::error!(%error, "cannot sign a relay acknowledgement");
            ApiFailure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server cannot sign acknowledgements right now; try again later",
            )
        })?;
    crate::ops::OpsCounters::bump(&state.ops.batches_ingested);
    crate::ops::OpsCounters::add(&state.ops.records_ingested, u64::from(receipt.stored));
    tracing::info!(
        relay = %relay.kiosk_id,
        originator = %bundle.kiosk,
        stored = receipt.stored,
        already_had = receipt.already_had,
        conflicts = receipt.conflicts.len(),
        bytes,
        "relayed bundle ingested"
    );
    Ok(Json(RelayReceipt {
        stored: receipt.stored,
        already_had: receipt.already_had,
        ack: SignedRelayAck {
            ack: ack_json,
            signature,
        },
    })
    .into_response())
}

/// Why a bundle was not opened.
enum Unopened {
    /// Refused for good: the relay drops it.
    Refused(String),
    /// The server's trouble: the relay tries again later.
    Trouble(ApiFailure),
}

fn refusal(why: String) -> Unopened {
    Unopened::Refused(why)
}

/// Checks the originator and its signature, opens the seal and returns the batch inside.
async fn open(state: &AppState, bundle: &RelayBundle) -> Result<Vec<u8>, Unopened> {
    let originator = bundle.kiosk.clone();
    let found = state
        .store
        .call(move |store| store.kiosk_by_id(&originator))
        .await
        .map_err(|error| Unopened::Trouble(error.into()))?;
    let kiosk = found.ok_or_else(|| {
        refusal(format!(
            "bundle from {}, a kiosk this server never enrolled",
            bundle.kiosk
        ))
    })?;
    match kiosk.state {
        DeviceState::Active => {}
        DeviceState::Quarantined => {
            return Err(refusal(format!(
                "bundle from {}, which staff have quarantined",
                bundle.kiosk
            )));
        }
        DeviceState::Revoked => {
            return Err(refusal(format!(
                "bundle from {}, which staff have revoked",
                bundle.kiosk
            )));
        }
    }
    let key = kiosk
        .device_key
        .as_deref()
        .and_then(parse_device_key)
        .ok_or_else(|| {
            refusal(format!(
                "bundle from {}, which has no device key to check it with",
                bundle.kiosk
            ))
        })?;
    let signature = Signature::from_slice(&bundle.signature)
        .map_err(|_| refusal("the bundle's signature is malformed".into()))?;
    key.verify_strict(
        &wire::bundle_signing_message(&bundle.kiosk, &bundle.sealed),
        &signature,
    )
    .map_err(|_| {
        refusal(format!(
            "the bundle's signature does not match {}'s key (altered or forged on the way)",
            bundle.kiosk
        ))
    })?;
    let opened = state
        .sealing
        .unseal(&bundle.sealed)
        .map_err(|_| refusal("the bundle's seal does not open with this server's key".into()))?;
    let inner =
        SealedBatch::decode(&opened).map_err(|e| refusal(format!("what the bundle seals: {e}")))?;
    if inner.kiosk != bundle.kiosk {
        return Err(refusal(format!(
            "the bundle was sealed by {} but signed as {}",
            inner.kiosk, bundle.kiosk
        )));
    }
    Ok(inner.batch)
}

/// Refuses a bundle for good (422), noting why in the relay's sync ledger.
async fn refuse(state: &AppState, relay: &str, reason: String) -> ApiFailure {
    tracing::warn!(relay, %reason, "relayed bundle refused");
    note_refusal(state, relay, format!("relayed bundle refused: {reason}")).await;
    ApiFailure::new(StatusCode::UNPROCESSABLE_ENTITY, reason)
}
