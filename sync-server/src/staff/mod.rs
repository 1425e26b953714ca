//! The staff web: server-rendered pages that work without JavaScript, behind staff logins
//! with roles (librarian, city staff, analyst, admin). Every form carries a CSRF token;
//! every response carries a strict Content-Security-Policy. `/metrics` (operations only) is
//! served here too.

pub mod auth;
mod charts;
mod content_page;
mod dashboard;
mod definitions;
mod exports;
mod fleet;
pub mod format;
mod gate;
pub mod i18n;
mod layout;
mod open311_page;
mod openmetrics;
mod places_page;
mod privacy_page;
mod qr;
mod requests_page;
mod upload;
mod users_page;
mod view;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, Request};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::AppState;
use crate::store::Role;
use gate::{Allowed, AnyRole};

/// Routes of the staff web and `/metrics`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/staff/") }))
        .route("/staff", get(|| async { Redirect::permanent("/staff/") }))
        .route("/staff/", get(home))
        .route("/staff/login", get(auth::login_page).post(auth::login))
        .route("/staff/logout", post(auth::logout))
        .route("/staff/lang", get(language))
        .route("/staff/static/staff.css", get(layout::style_sheet))
        .route("/staff/dashboard", get(dashboard::dashboard))
        .route("/staff/definitions", get(definitions::list))
        .route("/staff/definitions/{id}", get(definitions::one))
        .route("/staff/exports", get(exports::page))
        .route("/staff/exports/figures.csv", get(exports::figures_csv))
        .route(
            "/staff/exports/figures-excel.csv",
            get(exports::figures_excel),
        )
        .route("/staff/exports/figures.json", get(exports::figures_json))
        .route(
            "/staff/exports/definitions.csv",
            get(exports::definitions_csv),
        )
        .route(
            "/staff/exports/definitions.json",
            get(exports::definitions_json),
        )
        .route("/staff/fleet", get(fleet::page))
        .route("/staff/fleet/enrol", post(fleet::enrol))
        .route("/staff/fleet/site", post(fleet::add_site))
        .route("/staff/fleet/device", post(fleet::device))
        .route("/staff/places", get(places_page::page))
        .route(
            "/staff/places/baselines",
            post(places_page::upload_baselines),
        )
        .route("/staff/places/outlines", post(places_page::upload_outlines))
        .route("/staff/content", get(content_page::page))
        .route(
            "/staff/content/publish",
            post(content_page::publish).layer(DefaultBodyLimit::max(110 * 1024 * 1024)),
        )
        .route(
            "/staff/content/release",
            post(content_page::publish_release).layer(DefaultBodyLimit::max(110 * 1024 * 1024)),
        )
        .route("/staff/users", get(users_page::page).post(users_page::add))
        .route("/staff/users/change", post(users_page::change))
        .route(
            "/staff/open311",
            get(open311_page::page).post(open311_page::add),
        )
        .route("/staff/open311/delete", post(open311_page::delete))
        .route("/staff/requests", get(requests_page::inbox))
        .route("/staff/requests.csv", get(requests_page::export_csv))
        .route("/staff/requests/{reference}", get(requests_page::one))
        .route(
            "/staff/requests/{reference}/status",
            post(requests_page::change_status),
        )
        .route("/staff/privacy", get(privacy_page::page))
        .route("/staff/privacy/settings", post(privacy_page::settings))
        .route("/staff/privacy/release", post(privacy_page::release))
        .route_layer(middleware::from_fn(security_headers))
        .route("/metrics", get(openmetrics::metrics))
}

/// Where a member of staff starts: librarians at their fleet, case workers at their requests,
/// everyone else the dashboard.
async fn home(staff: Allowed<AnyRole>) -> Response {
    match staff.role() {
        Role::Librarian => Redirect::to("/staff/fleet"),
        Role::CaseWorker => Redirect::to("/staff/requests"),
        _ => Redirect::to("/staff/dashboard"),
    }
    .into_response()
}

/// `?to=ar&back=/staff/dashboard`.
#[derive(Debug, Deserialize)]
struct LanguageQuery {
    to: String,
    back: Option<String>,
}

/// Remembers the chosen language in a cookie and goes back.
async fn language(Query(query): Query<LanguageQuery>) -> Response {
    let tag = i18n::negotiate(Some(&query.to), None);
    let back = auth::safe_next(query.back.as_deref());
    let mut response = Redirect::to(&back).into_response();
    if let Ok(value) = HeaderValue::from_str(&format!(
        "{}={tag}; Path=/; Secure; SameSite=Strict; Max-Age=31536000",
        i18n::LANG_COOKIE
    )) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Headers every staff page carries: no scripts, no framing, no sniffing, no caching of
/// figures in shared caches.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers: &mut HeaderMap = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A month's figures that cannot be shown, as the store error pages turn into a sentence:
/// the store's own failures pass through, the rest (too many neighbourhoods, a computation
/// past its time limit) become a refusal that says why.
pub(crate) fn figures_failure(error: crate::metrics::MetricsError) -> crate::store::StoreError {
    match error {
        crate::metrics::MetricsError::Store(error) => error,
        other => crate::store::StoreError::Refused(other.to_string()),
    }
}

/// The page for a failure while gathering figures: a refusal that says why, or the
/// generic answer for storage trouble.
pub(crate) fn figures_problem(
    tr: i18n::Tr,
    error: crate::store::StoreError,
) -> axum::response::Response {
    use axum::response::IntoResponse as _;
    match error {
        crate::store::StoreError::Refused(reason) => {
            layout::refused(tr, axum::http::StatusCode::SERVICE_UNAVAILABLE, &reason)
        }
        other => crate::api::ApiFailure::from(other).into_response(),
    }
}
