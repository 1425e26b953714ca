//! The staff web pages. Until staff logins exist they answer only requests from the
//! loopback address, i.e. someone at the server itself (or an SSH tunnel).

pub mod format;
mod kiosks_page;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use crate::AppState;

/// Routes under `/staff/`, guarded to loopback clients.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/staff/") }))
        .route("/staff", get(|| async { Redirect::permanent("/staff/") }))
        .route("/staff/", get(kiosks_page::kiosks_page))
        .route_layer(middleware::from_fn(loopback_only))
}

async fn loopback_only(request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    match peer {
        Some(ip) if ip.is_loopback() => next.run(request).await,
        _ => (
            StatusCode::FORBIDDEN,
            "The staff pages answer only on the server itself until staff logins are set up.\n",
        )
            .into_response(),
    }
}
