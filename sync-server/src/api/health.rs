//! `GET /healthz`: is the server up and can it reach its database?

use axum::Json;
use axum::extract::State;
use wire::{ApiError, Health};

use super::error::ApiFailure;
use crate::AppState;

/// Liveness and database check.
#[utoipa::path(
    get,
    path = wire::paths::HEALTHZ,
    tag = "operations",
    responses(
        (status = 200, description = "The server is up and its database answers", body = Health),
        (status = 503, description = "The database does not answer", body = ApiError),
    )
)]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiFailure> {
    state.store.call(|store| store.ping()).await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}
