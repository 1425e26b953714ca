//! The kiosk-facing HTTP API and its OpenAPI description, generated from the handlers
//! themselves (utoipa) so the document cannot drift from the code.

mod auth;
mod content;
mod enrol;
mod error;
mod health;
mod identity;
mod json;
mod relay;
mod releases;
pub mod request_status;
mod sealing_key;
pub mod sync;

use std::sync::LazyLock;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use error::ApiFailure;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Inclusion kiosk sync API",
        description = "How kiosks enrol with the sync server and sync their records: a handshake, then resumable uploads of compressed batches."
    ),
    modifiers(&DeviceTokenScheme),
    tags(
        (name = "kiosks", description = "Enrolment and uploads by kiosks"),
        (name = "operations", description = "Health and self-description"),
    )
)]
struct ApiDoc;

struct DeviceTokenScheme;

impl Modify for DeviceTokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "device_token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::healthz))
        .routes(routes!(openapi_json))
        .routes(routes!(enrol::enrol))
        .routes(routes!(sync::hello))
        .routes(routes!(sync::upload_chunk, sync::upload_state))
        .routes(routes!(sync::learner_progress))
        .routes(routes!(relay::relay))
        .routes(routes!(request_status::request_status))
        .routes(routes!(content::manifest))
        .routes(routes!(content::file))
        .routes(routes!(content::delta))
        .routes(routes!(sealing_key::sealing_key))
        .routes(routes!(identity::identity))
        .routes(routes!(releases::manifest))
        .routes(routes!(releases::file))
}

/// The OpenAPI document describing every API route.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api_routes().split_for_parts().1
}

static OPENAPI_JSON: LazyLock<String> = LazyLock::new(|| {
    openapi()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
});

/// This document.
#[utoipa::path(
    get,
    path = wire::paths::OPENAPI,
    tag = "operations",
    responses((status = 200, description = "The OpenAPI 3.1 description of this API", content_type = "application/json"))
)]
async fn openapi_json() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        OPENAPI_JSON.as_str(),
    )
}

/// The API routes, ready to merge into the server's router. Every kiosk request's body is
/// read (bounded) and hashed first, for its signature.
pub fn router() -> Router<AppState> {
    api_routes()
        .split_for_parts()
        .0
        .layer(axum::middleware::from_fn(auth::hash_body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wire_path_is_documented() {
        let doc = openapi();
        for path in [
            wire::paths::HEALTHZ,
            wire::paths::OPENAPI,
            wire::paths::ENROL,
            wire::paths::HELLO,
            "/api/v2/uploads/{id}",
            "/api/v2/learners/{code}/progress",
            "/api/v2/requests/{reference}/status",
            wire::paths::CONTENT_MANIFEST,
            "/api/v2/content/files/{hash}",
            "/api/v2/content/deltas/{from}/{to}",
            wire::paths::SEALING_KEY,
            wire::paths::IDENTITY,
            wire::paths::RELEASE_MANIFEST,
            "/api/v2/releases/files/{hash}",
            wire::paths::RELAY,
        ] {
            assert!(
                doc.paths.paths.contains_key(path),
                "{path} missing from the OpenAPI document"
            );
        }
        assert_eq!(
            doc.paths.paths.len(),
            15,
            "a route is served but not checked here"
        );
        let json = serde_json::to_value(&doc).expect("serialisable");
        assert!(json["components"]["schemas"]["HelloAnswer"].is_object());
        assert!(format!("{}/{{id}}", wire::paths::UPLOADS) == "/api/v2/uploads/{id}");
        assert!(
            format!("{}/{{code}}/progress", wire::paths::LEARNERS)
                == "/api/v2/learners/{code}/progress"
        );
        assert!(json["components"]["securitySchemes"]["device_token"].is_object());
        assert!(
            format!("{}/{{reference}}/status", wire::paths::REQUESTS)
                == "/api/v2/requests/{reference}/status"
        );
    }
}
