//! `GET /api/v2/identity?nonce=N`: the server proves which certificates are its own, signed
//! with its long-lived key (the content key every kiosk pinned at enrolment). A kiosk that
//! meets a certificate it did not pin (a renewal with a new key, a proxy put in front) asks
//! this over that very connection and accepts the certificate only if it is in the signed
//! list. No credential is needed or sent: the connection is not trusted yet.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use wire::{ApiError, IdentityProof};

use super::error::ApiFailure;
use crate::AppState;

/// The kiosk's nonce.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Nonce {
    /// 64 hex digits, fresh for each proof.
    nonce: String,
}

/// The certificates kiosks may see, signed with the server's long-lived key.
#[utoipa::path(
    get,
    path = wire::paths::IDENTITY,
    tag = "kiosks",
    params(Nonce),
    responses(
        (status = 200, description = "The genuine certificates' fingerprints, signed", body = IdentityProof),
        (status = 400, description = "The nonce is not 64 hex digits", body = ApiError),
    )
)]
pub async fn identity(
    State(state): State<AppState>,
    Query(Nonce { nonce }): Query<Nonce>,
) -> Result<Json<IdentityProof>, ApiFailure> {
    if !wire::is_upload_id(&nonce) {
        return Err(ApiFailure::bad_request("the nonce is 64 hex digits"));
    }
    let certificates = state.certificates.clone().ok_or_else(|| {
        ApiFailure::new(
            StatusCode::NOT_FOUND,
            "this server does not prove its identity",
        )
    })?;
    let shelf = state.content.clone();
    let proof = tokio::task::spawn_blocking(move || {
        // A renewal may have just happened: look at the files first.
        if let Err(error) = certificates.reload_if_changed() {
            tracing::warn!(%error, "the certificate files changed but cannot be used yet");
        }
        let fingerprints = certificates.kiosk_facing();
        let message = wire::identity_message(&nonce, &fingerprints);
        shelf
            .sign(message.as_bytes())
            .map(|signature| IdentityProof {
                fingerprints,
                signature,
            })
    })
    .await
    .map_err(|e| ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
    .map_err(|error| {
        tracing::error!(%error, "cannot sign the identity proof");
        ApiFailure::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server cannot prove its identity right now",
        )
    })?;
    Ok(Json(proof))
}
