//! Content for kiosks: the signed manifest of the current version, and its files by hash,
//! resumable with `Range: bytes=N-` so a dropped download continues where it stopped.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use wire::{ApiError, SignedManifest};

use super::auth::AuthenticatedKiosk;
use super::error::ApiFailure;
use crate::AppState;

/// The signed manifest of the content kiosks should run.
#[utoipa::path(
    get,
    path = wire::paths::CONTENT_MANIFEST,
    tag = "kiosks",
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The manifest as signed, and its Ed25519 signature", body = SignedManifest),
        (status = 404, description = "No content was published yet", body = ApiError),
        (status = 401, description = "No valid device credential", body = ApiError),
    )
)]
pub async fn manifest(
    State(state): State<AppState>,
    _kiosk: AuthenticatedKiosk,
) -> Result<Json<SignedManifest>, ApiFailure> {
    let shelf = state.content.clone();
    let signed = tokio::task::spawn_blocking(move || shelf.signed_manifest())
        .await
        .map_err(|e| ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        .map_err(|error| {
            tracing::error!(%error, "cannot read the content manifest");
            ApiFailure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the content cannot be read right now",
            )
        })?;
    signed
        .map(Json)
        .ok_or_else(|| ApiFailure::new(StatusCode::NOT_FOUND, "no content has been published yet"))
}

/// One content file by its BLAKE3 hash. `Range: bytes=N-` sends the rest from byte N.
#[utoipa::path(
    get,
    path = "/api/v2/content/files/{hash}",
    tag = "kiosks",
    params(("hash" = String, Path, description = "BLAKE3 hash of the file, hex")),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The whole file", content_type = "application/octet-stream"),
        (status = 206, description = "The rest of the file from the requested byte", content_type = "application/octet-stream"),
        (status = 404, description = "No such file", body = ApiError),
        (status = 416, description = "The range starts beyond the file", body = ApiError),
    )
)]
pub async fn file(
    State(state): State<AppState>,
    _kiosk: AuthenticatedKiosk,
    Path(hash): Path<String>,
    request: axum::extract::Request,
) -> Result<Response, ApiFailure> {
    let path = state
        .content
        .file(&hash)
        .ok_or_else(|| ApiFailure::new(StatusCode::NOT_FOUND, "no such content file"))?;
    serve_file(&path, request).await
}

/// Content file `to` as a delta against file `from` (which the kiosk holds), made in zstd's
/// patch-from mode; `Range: bytes=N-` sends the rest from byte N. 404 when no delta is worth
/// sending: the kiosk then fetches the whole file.
#[utoipa::path(
    get,
    path = "/api/v2/content/deltas/{from}/{to}",
    tag = "kiosks",
    params(
        ("from" = String, Path, description = "BLAKE3 hash of the file the kiosk holds, hex"),
        ("to" = String, Path, description = "BLAKE3 hash of the published file it wants, hex"),
    ),
    security(("device_token" = [])),
    responses(
        (status = 200, description = "The whole delta", content_type = "application/octet-stream"),
        (status = 206, description = "The rest of the delta from the requested byte", content_type = "application/octet-stream"),
        (status = 404, description = "No delta: fetch the whole file", body = ApiError),
        (status = 416, description = "The range starts beyond the delta", body = ApiError),
    )
)]
pub async fn delta(
    State(state): State<AppState>,
    _kiosk: AuthenticatedKiosk,
    Path((from, to)): Path<(String, String)>,
    request: axum::extract::Request,
) -> Result<Response, ApiFailure> {
    let shelf = state.content.clone();
    let made = tokio::task::spawn_blocking(move || shelf.delta(&from, &to))
        .await
        .map_err(|e| ApiFailure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        .map_err(|error| {
            tracing::error!(%error, "cannot make a content delta");
            ApiFailure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the content cannot be read right now",
            )
        })?;
    let path = made.ok_or_else(|| {
        ApiFailure::new(
            StatusCode::NOT_FOUND,
            "no delta between these files: fetch the whole file",
        )
    })?;
    serve_file(&path, request).await
}

/// A file streamed from disk in small pieces (never read whole into memory), with Range,
/// If-Range and ETag handled by tower-http. Files are stored by hash, with no extension:
/// served as application/octet-stream.
pub async fn serve_file(
    path: &std::path::Path,
    request: axum::extract::Request,
) -> Result<Response, ApiFailure> {
    let served =
        tower::ServiceExt::oneshot(tower_http::services::ServeFile::new(path), request).await;
    match served {
        Ok(response) => Ok(response.map(axum::body::Body::new)),
        Err(error) => {
            tracing::error!(%error, "cannot read a stored file");
            Err(ApiFailure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the file cannot be read right now",
            ))
        }
    }
}
