//! `POST /api/v1/events`: a kiosk uploads a batch of anonymous events, stored exactly once.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use wire::{ApiError, BatchReceipt, EventBatch, MAX_EVENTS_PER_BATCH};

use super::auth::AuthenticatedKiosk;
use super::error::ApiFailure;
use super::json::ApiJson;
use crate::{AppState, clock};

/// Stores a batch of events. Events the server already holds are acknowledged and ignored.
#[utoipa::path(
    post,
    path = wire::paths::EVENTS,
    tag = "kiosks",
    request_body = EventBatch,
    security(("device_token" = [])),
    responses(
        (status = 200, description = "Every event in the batch is stored (now or before)", body = BatchReceipt),
        (status = 400, description = "An event is malformed; nothing was stored", body = ApiError),
        (status = 401, description = "No valid device credential; nothing was stored", body = ApiError),
        (status = 413, description = "Too many events in one batch; nothing was stored", body = ApiError),
    )
)]
pub async fn upload_events(
    State(state): State<AppState>,
    kiosk: AuthenticatedKiosk,
    ApiJson(batch): ApiJson<EventBatch>,
) -> Result<Json<BatchReceipt>, ApiFailure> {
    if batch.events.len() > MAX_EVENTS_PER_BATCH {
        return Err(ApiFailure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "a batch holds at most {MAX_EVENTS_PER_BATCH} events; this one has {}",
                batch.events.len()
            ),
        ));
    }
    for event in &batch.events {
        event
            .validate()
            .map_err(|invalid| ApiFailure::bad_request(invalid.to_string()))?;
    }
    let now = clock::now();
    let kiosk_id = kiosk.kiosk_id.clone();
    let receipt = state
        .store
        .call(move |store| store.ingest_events(&kiosk_id, &batch.events, now))
        .await?;
    tracing::info!(
        kiosk = %kiosk.kiosk_id,
        stored = receipt.stored,
        already_had = receipt.already_had,
        high_water = receipt.high_water,
        "events ingested"
    );
    Ok(Json(receipt))
}
