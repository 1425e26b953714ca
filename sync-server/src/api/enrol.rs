//! `POST /api/v1/enrol`: a kiosk trades a one-time enrolment code for its own credential.

use axum::Json;
use axum::extract::State;
use wire::{ApiError, EnrolRequest, EnrolResponse};

use super::error::ApiFailure;
use super::json::ApiJson;
use crate::{AppState, clock, credentials};

/// Longest code we bother hashing; real codes are 14 characters.
const MAX_CODE_LENGTH: usize = 64;

/// Enrols a kiosk with a one-time code created by `sync-server enrol`.
#[utoipa::path(
    post,
    path = wire::paths::ENROL,
    tag = "kiosks",
    request_body = EnrolRequest,
    responses(
        (status = 200, description = "The kiosk is enrolled; keep the token secret", body = EnrolResponse),
        (status = 400, description = "The request is malformed", body = ApiError),
        (status = 403, description = "The code is unknown, already used or expired", body = ApiError),
    )
)]
pub async fn enrol(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<EnrolRequest>,
) -> Result<Json<EnrolResponse>, ApiFailure> {
    let code = credentials::normalise_code(&request.code);
    if code.is_empty() || code.len() > MAX_CODE_LENGTH {
        return Err(ApiFailure::bad_request(
            "the enrolment code is missing or too long",
        ));
    }
    let software_version: String = request.software_version.chars().take(64).collect();
    let device_key = match request.device_key {
        None => {
            return Err(ApiFailure::bad_request(
                "a kiosk enrols with its device key (Ed25519, base64): update the kiosk software",
            ));
        }
        Some(key) if super::auth::parse_device_key(&key).is_none() => {
            return Err(ApiFailure::bad_request(
                "the device key is not an Ed25519 public key in base64",
            ));
        }
        Some(key) => Some(key),
    };
    let kiosk_id = credentials::new_kiosk_id();
    let token = credentials::new_device_token();
    let (code_hash, token_hash) = (
        credentials::code_hash(&code),
        credentials::token_hash(&token),
    );
    let now = clock::now();
    let enrolled = state
        .store
        .call(move |store| {
            store.redeem_enrolment_code(
                &code_hash,
                &kiosk_id,
                &token_hash,
                &software_version,
                device_key.as_deref(),
                now,
            )
        })
        .await?
        .ok_or_else(|| {
            ApiFailure::forbidden(
                "this enrolment code is unknown, already used or expired: ask for a new one",
            )
        })?;
    tracing::info!(kiosk = %enrolled.kiosk_id, site = %enrolled.site, "kiosk enrolled");
    Ok(Json(EnrolResponse {
        kiosk_id: enrolled.kiosk_id,
        token,
        site: enrolled.site,
        neighbourhood: enrolled.neighbourhood,
        sealing_key: state.sealing_public_key.to_string(),
        content_key: state.content_public_key.to_string(),
    }))
}
