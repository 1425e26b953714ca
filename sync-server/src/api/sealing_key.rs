//! `GET /api/v1/sealing-key`: the public key kiosks seal residents' personal data to, for
//! kiosks enrolled before the server handed it out at enrolment.

use axum::Json;
use axum::extract::State;
use wire::{ApiError, SealingKeyResponse};

use super::auth::AuthenticatedKiosk;
use crate::AppState;

/// The server's sealing key (public half).
#[utoipa::path(
    get,
    path = wire::paths::SEALING_KEY,
    tag = "kiosks",
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The key to seal personal data to", body = SealingKeyResponse),
        (status = 401, description = "No valid device credential", body = ApiError),
    )
)]
pub async fn sealing_key(
    State(state): State<AppState>,
    _kiosk: AuthenticatedKiosk,
) -> Json<SealingKeyResponse> {
    Json(SealingKeyResponse {
        sealing_key: state.sealing_public_key.to_string(),
    })
}
