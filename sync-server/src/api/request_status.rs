//! `GET /api/v2/requests/{reference}/status`: where a resident's request stands, for any
//! enrolled kiosk where the resident types or scans their ticket's reference. Nothing
//! personal is answered; each kiosk may ask [`wire::MAX_LOOKUPS_PER_MINUTE`] times a minute
//! (429 with Retry-After past that, counted in the database across server processes), so
//! trying references is pointless on top of their 51.7 random bits.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use wire::RequestStatusAnswer;

use super::auth::AuthenticatedKiosk;
use super::error::ApiFailure;
use crate::store::{RequestFilter, RequestScope};
use crate::{AppState, clock};

/// Where a request stands.
#[utoipa::path(
    get,
    path = "/api/v2/requests/{reference}/status",
    tag = "kiosks",
    params(("reference" = String, Path, description = "The reference as printed, e.g. K7PQ-M3XZ-R9TA")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The status and the message for the resident", body = RequestStatusAnswer),
        (status = 400, description = "Not a reference", body = wire::ApiError),
        (status = 401, description = "No valid device credential", body = wire::ApiError),
        (status = 404, description = "No request with this reference", body = wire::ApiError),
        (status = 429, description = "Too many lookups from this kiosk this minute", body = wire::ApiError),
    )
)]
pub async fn request_status(
    State(state): State<AppState>,
    kiosk: AuthenticatedKiosk,
    Path(reference): Path<String>,
) -> Result<Response, ApiFailure> {
    if !wire::is_reference(&reference) {
        return Err(ApiFailure::bad_request("not a reference"));
    }
    let now = clock::now();
    // Counted in the database, so every server process keeps the one limit.
    let kiosk_id = kiosk.kiosk_id.clone();
    let lookups = state
        .store
        .call(move |store| store.count_request_lookup(&kiosk_id, now))
        .await?;
    if lookups > wire::MAX_LOOKUPS_PER_MINUTE {
        let mut refused = (
            StatusCode::TOO_MANY_REQUESTS,
            Json(wire::ApiError {
                error: format!(
                    "at most {} lookups a minute from one kiosk; try again in a minute",
                    wire::MAX_LOOKUPS_PER_MINUTE
                ),
            }),
        )
            .into_response();
        let wait = 60 - now.rem_euclid(60);
        if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
            refused.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Ok(refused);
    }
    // The summary only: what the resident wrote is never read here.
    let filter = RequestFilter {
        references: vec![reference],
        ..RequestFilter::default()
    };
    let found = state
        .store
        .call(move |store| store.requests(&RequestScope::All, &filter, now, 1))
        .await?;
    let Some(summary) = found.into_iter().next() else {
        return Ok((
            StatusCode::NOT_FOUND,
            Json(wire::ApiError {
                error: "no request with this reference has reached the server".into(),
            }),
        )
            .into_response());
    };
    Ok(Json(RequestStatusAnswer {
        reference: summary.reference,
        status: summary.status.as_str().to_owned(),
        phrase: summary.phrase,
        message: summary.message,
        changed_at: summary.status_at,
    })
    .into_response())
}
