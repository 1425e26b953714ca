//! Kiosk software for kiosks: the signed list of releases, and each package by hash,
//! resumable with `Range: bytes=N-` (streamed from disk).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use wire::{ApiError, SignedManifest};

use super::auth::AuthenticatedKiosk;
use super::error::ApiFailure;
use crate::AppState;

/// The signed list of kiosk software releases.
#[utoipa::path(
    get,
    path = wire::paths::RELEASE_MANIFEST,
    tag = "kiosks",
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The release list as signed, and its Ed25519 signature", body = SignedManifest),
        (status = 404, description = "No release was published yet", body = ApiError),
        (status = 401, description = "No valid device credential", body = ApiError),
    )
)]
pub async fn manifest(
    State(state): State<AppState>,
    _kiosk: AuthenticatedKiosk,
) -> Result<Json<SignedManifest>, ApiFailure> {
    let shelf = state.releases.clone();
    let signed = tokio::task::spawn_blocking(move || shelf.signed_manifest())
        .await
        .map_err(|e| ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        .map_err(|error| {
            tracing::error!(%error, "cannot read the release list");
            ApiFailure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the release list cannot be read right now",
            )
        })?;
    signed.map(Json).ok_or_else(|| {
        ApiFailure::new(
            StatusCode::NOT_FOUND,
            "no kiosk software has been published yet",
        )
    })
}

/// One package by its BLAKE3 hash. `Range: bytes=N-` sends the rest from byte N.
#[utoipa::path(
    get,
    path = "/api/v2/releases/files/{hash}",
    tag = "kiosks",
    params(("hash" = String, Path, description = "BLAKE3 hash of the package, hex")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The whole package", content_type = "application/octet-stream"),
        (status = 206, description = "The rest of the package from the requested byte", content_type = "application/octet-stream"),
        (status = 404, description = "No such package", body = ApiError),
    )
)]
pub async fn file(
    State(state): State<AppState>,
    _kiosk: AuthenticatedKiosk,
    Path(hash): Path<String>,
    request: axum::extract::Request,
) -> Result<Response, ApiFailure> {
    let path = state
        .releases
        .file(&hash)
        .ok_or_else(|| ApiFailure::new(StatusCode::NOT_FOUND, "no such package"))?;
    super::content::serve_file(&path, request).await
}
