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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt as _;

    async fn staff_page_from(peer: [u8; 4]) -> StatusCode {
        let dir = tempfile::tempdir().expect("temp dir");
        let data_dir = crate::DataDir::open(dir.path()).expect("data dir");
        let store = data_dir.open_store().expect("store");
        let mut request = Request::get("/staff/")
            .body(Body::empty())
            .expect("request");
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((peer, 50_000))));
        let state =
            crate::AppState::new(store, &data_dir, crate::SyncSettings::default()).expect("state");
        let response = crate::app(state).oneshot(request).await.expect("response");
        response.status()
    }

    #[tokio::test]
    async fn staff_pages_answer_only_the_loopback_address() {
        assert_eq!(staff_page_from([127, 0, 0, 1]).await, StatusCode::OK);
        assert_eq!(staff_page_from([192, 0, 2, 7]).await, StatusCode::FORBIDDEN);
        assert_eq!(staff_page_from([10, 1, 2, 3]).await, StatusCode::FORBIDDEN);
    }
}
