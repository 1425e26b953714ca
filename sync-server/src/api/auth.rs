//! Device authentication. Every kiosk request carries `Authorization: Bearer <token>` and is
//! signed with the kiosk's Ed25519 device key (counter and signature headers over the method,
//! path, counter and the body's hash, see `wire::signing_message`), so a stolen token alone is
//! useless, a replayed request is refused and a signed request cannot carry another body.
//! Kiosks enrolled before device keys existed are refused until enrolled again. Staff
//! decisions (quarantine, revocation) apply at once.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};

use super::error::ApiFailure;
use crate::store::DeviceState;
use crate::{AppState, clock, credentials};

/// The kiosk that sent the request. Extracting it refuses the request unless it carries a
/// valid credential (and signature, for kiosks with a device key); an accepted request also
/// marks the kiosk as seen.
#[derive(Debug, Clone)]
pub struct AuthenticatedKiosk {
    /// The kiosk's id.
    pub kiosk_id: String,
}

/// A device key as sent at enrolment, if it is one.
pub fn parse_device_key(base64_key: &str) -> Option<VerifyingKey> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64_key.trim())
        .ok()?;
    VerifyingKey::from_bytes(&bytes.try_into().ok()?).ok()
}

fn header<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

impl FromRequestParts<AppState> for AuthenticatedKiosk {
    type Rejection = ApiFailure;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = header(parts, AUTHORIZATION.as_str())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                ApiFailure::unauthorised(
                    "this request needs a kiosk credential: enrol the kiosk first",
                )
            })?;
        let hash = credentials::token_hash(token);
        let credential = state
            .store
            .call(move |store| store.kiosk_credential(&hash))
            .await?
            .ok_or_else(|| {
                ApiFailure::unauthorised(
                    "this kiosk credential is not valid (revoked by staff, or never issued): enrol the kiosk again",
                )
            })?;
        match credential.state {
            DeviceState::Active => {}
            DeviceState::Quarantined => {
                return Err(ApiFailure::forbidden(
                    "staff have quarantined this kiosk; its uploads are refused until they release it",
                ));
            }
            DeviceState::Revoked => {
                return Err(ApiFailure::unauthorised(
                    "staff have revoked this kiosk: it must be enrolled again",
                ));
            }
        }
        let Some(key) = &credential.device_key else {
            return Err(ApiFailure::unauthorised(
                "this kiosk was enrolled before kiosks had device keys: enrol it again (staff mode, \"Enrol this kiosk\")",
            ));
        };
        let counter = Some(check_signature(parts, key)?);
        let kiosk_id = credential.kiosk_id.clone();
        let now = clock::now();
        let accepted = state
            .store
            .call(move |store| store.accept_request(&kiosk_id, counter, now))
            .await?;
        if !accepted {
            tracing::warn!(kiosk = %credential.kiosk_id, "replayed or out-of-order request refused");
            return Err(ApiFailure::unauthorised(
                "this request was already used (a replay) and is refused",
            ));
        }
        Ok(AuthenticatedKiosk {
            kiosk_id: credential.kiosk_id,
        })
    }
}

/// Checks the request's signature with the kiosk's key; returns its counter.
fn check_signature(parts: &Parts, key: &str) -> Result<u64, ApiFailure> {
    let refuse =
        |why: &str| ApiFailure::unauthorised(format!("this kiosk signs its requests: {why}"));
    let key = parse_device_key(key).ok_or_else(|| refuse("its stored key is unusable"))?;
    let counter: u64 = header(parts, wire::headers::COUNTER)
        .and_then(|value| value.trim().parse().ok())
        .ok_or_else(|| refuse("the request counter is missing"))?;
    let signature = header(parts, wire::headers::SIGNATURE)
        .and_then(|value| {
            base64::engine::general_purpose::STANDARD
                .decode(value.trim())
                .ok()
        })
        .and_then(|bytes| Signature::from_slice(&bytes).ok())
        .ok_or_else(|| refuse("the signature is missing or malformed"))?;
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or_else(|| parts.uri.path());
    let body_hash = parts
        .extensions
        .get::<BodyHash>()
        .ok_or_else(|| refuse("the request body was not read"))?;
    let message = wire::signing_message_for_hash(
        parts.method.as_str(),
        path_and_query,
        counter,
        &body_hash.0,
    );
    key.verify_strict(message.as_bytes(), &signature)
        .map_err(|_| refuse("the signature does not match"))?;
    Ok(counter)
}

/// The BLAKE3 hash (hex) of a kiosk request's body, put in the request's extensions by
/// [`hash_body`] for the signature check.
#[derive(Debug, Clone)]
pub struct BodyHash(pub String);

/// The largest body a kiosk request may have: an upload chunk and a little more.
pub const MAX_KIOSK_BODY: usize = crate::staging::MAX_CHUNK as usize + 64 * 1024;

/// Reads a kiosk request's body (up to [`MAX_KIOSK_BODY`]), notes its hash for the
/// signature check, and passes the request on with the same body.
pub async fn hash_body(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse as _;
    let (mut parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_KIOSK_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return ApiFailure::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                format!("a kiosk request's body is at most {MAX_KIOSK_BODY} bytes"),
            )
            .into_response();
        }
    };
    parts
        .extensions
        .insert(BodyHash(blake3::hash(&bytes).to_hex().to_string()));
    next.run(axum::extract::Request::from_parts(
        parts,
        axum::body::Body::from(bytes),
    ))
    .await
}
