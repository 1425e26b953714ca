//! Device authentication: every kiosk request carries `Authorization: Bearer <token>`.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::error::ApiFailure;
use crate::{AppState, clock, credentials};

/// The kiosk that sent the request. Extracting it refuses the request with 401 unless it
/// carries a valid device token; a valid one also marks the kiosk as seen.
#[derive(Debug, Clone)]
pub struct AuthenticatedKiosk {
    /// The kiosk's id.
    pub kiosk_id: String,
}

impl FromRequestParts<AppState> for AuthenticatedKiosk {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                ApiFailure::unauthorised(
                    "this request needs a kiosk credential: enrol the kiosk first",
                )
            })?;
        let hash = credentials::token_hash(token);
        let now = clock::now();
        let kiosk = state
            .store
            .call(move |store| store.authenticate_kiosk(&hash, now))
            .await?;
        match kiosk {
            Some(kiosk_id) => Ok(AuthenticatedKiosk { kiosk_id }),
            None => Err(ApiFailure::unauthorised(
                "this kiosk credential is not valid: enrol the kiosk again",
            )),
        }
    }
}
