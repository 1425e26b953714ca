//! The server pushing residents' requests to a city's Open311 endpoint over real HTTPS: a
//! stand-in city system (GeoReport v2 `POST requests.json` and `GET requests.json`, keyed by
//! the `Idempotency-Key` header as a careful city system is) is down for a while and loses
//! one answer; every request still reaches it exactly once, its id is kept, and a request the
//! city closes is resolved here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use sync_server::BackgroundServer;
use sync_server::open311_push::PushTarget;
use sync_server::store::RequestStatus;
use system_tests::{any_port, runtime};

/// What the city's system holds and how it misbehaves.
#[derive(Default)]
struct City {
    /// POSTs to refuse with 503 before taking any.
    down_for: u32,
    /// Take the next request but answer 500, as if the answer were lost on the way.
    lose_next_answer: bool,
    /// Every POST that arrived.
    posts: u32,
    /// Idempotency key → the city's id.
    by_key: BTreeMap<String, String>,
    /// The city's id → the fields it was given.
    filed: BTreeMap<String, BTreeMap<String, String>>,
    /// Ids the city has closed.
    closed: Vec<String>,
}

type Shared = Arc<Mutex<City>>;

async fn create(
    State(city): State<Shared>,
    headers: HeaderMap,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Response {
    let mut city = city.lock().unwrap();
    city.posts += 1;
    if city.down_for > 0 {
        city.down_for -= 1;
        return (StatusCode::SERVICE_UNAVAILABLE, "down for maintenance").into_response();
    }
    if fields.get("api_key").map(String::as_str) != Some("city-key") {
        return (
            StatusCode::FORBIDDEN,
            Json(serde_json::json!([{"code": 403, "description": "bad api_key"}])),
        )
            .into_response();
    }
    let Some(key) = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return (StatusCode::BAD_REQUEST, "no Idempotency-Key").into_response();
    };
    let id = match city.by_key.get(&key) {
        Some(id) => id.clone(),
        None => {
            let id = format!("CITY-{}", 1000 + city.filed.len());
            city.by_key.insert(key, id.clone());
            city.filed.insert(id.clone(), fields);
            id
        }
    };
    if city.lose_next_answer {
        city.lose_next_answer = false;
        return (StatusCode::BAD_GATEWAY, "the answer was lost").into_response();
    }
    Json(serde_json::json!([{"service_request_id": id}])).into_response()
}

async fn list(
    State(city): State<Shared>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Response {
    let city = city.lock().unwrap();
    let ids = query.get("service_request_id").cloned().unwrap_or_default();
    let held: Vec<serde_json::Value> = ids
        .split(',')
        .filter(|id| city.filed.contains_key(*id))
        .map(|id| {
            let status = if city.closed.iter().any(|c| c == id) {
                "closed"
            } else {
                "open"
            };
            serde_json::json!({"service_request_id": id, "status": status})
        })
        .collect();
    Json(held).into_response()
}

/// The city's system on 127.0.0.1 over HTTPS with its own certificate; returns its base URL
/// and the certificate's PEM file.
fn start_city(city: Shared, dir: &std::path::Path) -> anyhow::Result<(String, std::path::PathBuf)> {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()])?;
    let pem = dir.join("city-ca.pem");
    std::fs::write(&pem, certified.cert.pem())?;
    let tls = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_no_client_auth()
    .with_single_cert(
        vec![certified.cert.der().clone()],
        rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into()),
    )?;
    let listener = std::net::TcpListener::bind(any_port())?;
    listener.set_nonblocking(true)?;
    let address: SocketAddr = listener.local_addr()?;
    let app = Router::new()
        .route("/open311/v2/requests.json", post(create).get(list))
        .with_state(city);
    std::thread::spawn(move || {
        let Ok(runtime) = runtime() else { return };
        runtime.block_on(async move {
            let config = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(tls));
            if let Ok(server) = axum_server::from_tcp_rustls(listener, config) {
                let _ = server.serve(app.into_make_service()).await;
            }
        });
    });
    Ok((format!("https://{address}/open311/v2/"), pem))
}

fn wait_for(what: &str, mut done: impl FnMut() -> anyhow::Result<bool>) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done()? {
        anyhow::ensure!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

#[test]
fn requests_reach_the_city_exactly_once_through_an_outage_and_come_back_closed()
-> anyhow::Result<()> {
    let (server_dir, kiosk_dir, city_dir) = (
        tempfile::tempdir()?,
        tempfile::tempdir()?,
        tempfile::tempdir()?,
    );
    let city: Shared = Arc::new(Mutex::new(City {
        down_for: 3,
        lose_next_answer: true,
        ..City::default()
    }));
    let (endpoint, ca) = start_city(city.clone(), city_dir.path())?;
    let target = PushTarget {
        name: "city-crm".into(),
        endpoint,
        api_key: "city-key".into(),
        services: [
            ("callback".to_owned(), "CB".to_owned()),
            ("street-light".to_owned(), "SL".to_owned()),
        ]
        .into(),
        personal: true,
        jurisdiction_id: None,
        ca_certificate: Some(ca),
        push_every: Duration::from_millis(200),
        pull_every: Duration::from_millis(300),
        retry_base: Duration::from_secs(1),
    };
    let server = BackgroundServer::start_with(
        server_dir.path(),
        any_port(),
        sync_server::SyncSettings {
            open311_push: vec![target],
            ..Default::default()
        },
    )?;
    let filed = system_tests::file_two_requests(&server, kiosk_dir.path())?;

    // Through three refusals and a lost answer, both arrive, once each.
    wait_for("both requests taken by the city", || {
        Ok(server.store().open311_push_counts("city-crm")?.sent == 2)
    })?;
    let (posts, filed_at_city) = {
        let city = city.lock().unwrap();
        (city.posts, city.filed.clone())
    };
    assert_eq!(
        filed_at_city.len(),
        2,
        "exactly once each: {filed_at_city:?}"
    );
    assert!(
        posts >= 6,
        "3 refused, 1 answer lost, then retried: {posts} POSTs"
    );
    let by_reference: BTreeMap<String, (String, BTreeMap<String, String>)> = filed_at_city
        .into_iter()
        .map(|(id, fields)| {
            (
                fields
                    .get("attribute[x_reference]")
                    .cloned()
                    .unwrap_or_default(),
                (id, fields),
            )
        })
        .collect();
    let (callback_id, callback_fields) = &by_reference[filed.callback];
    assert_eq!(
        callback_fields.get("service_code").map(String::as_str),
        Some("CB")
    );
    assert_eq!(
        callback_fields.get("first_name").map(String::as_str),
        Some("Amira Haddad"),
        "personal fields go to a target allowed them"
    );
    assert_eq!(
        callback_fields.get("phone").map(String::as_str),
        Some("0612 345 678")
    );
    assert_eq!(
        server
            .store()
            .open311_pushes_of(filed.callback)?
            .iter()
            .find(|(target, _, _)| target == "city-crm")
            .and_then(|(_, id, _)| id.as_ref()),
        Some(callback_id)
    );
    assert_eq!(
        by_reference[filed.light]
            .1
            .get("service_code")
            .map(String::as_str),
        Some("SL")
    );
    // Operators see it in /metrics (this machine may read it).
    let metrics = runtime()?.block_on(async {
        let mut client =
            system_tests::staff_client::StaffClient::new(&server.url(), server.fingerprint())?;
        client.get("/metrics").await
    })?;
    assert!(
        metrics
            .body
            .contains("open311_push_requests{target=\"city-crm\",state=\"sent\"} 2"),
        "{}",
        metrics.body
    );
    // The case worker's page of the request shows the city's id.
    system_tests::add_case_worker(&server, &["callback"])?;
    let page = runtime()?.block_on(async {
        let mut worker =
            system_tests::staff_client::StaffClient::new(&server.url(), server.fingerprint())?;
        worker.log_in(&system_tests::CASE_WORKER).await?;
        worker
            .get(&format!("/staff/requests/{}", filed.callback))
            .await
    })?;
    assert!(page.body.contains(callback_id.as_str()), "{}", page.body);
    // Nothing more is sent once the city has them.
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(city.lock().unwrap().posts, posts);

    // The city closes the callback: it is resolved here, the street light stays open.
    city.lock().unwrap().closed.push(callback_id.clone());
    let scope = sync_server::store::RequestScope::All;
    wait_for("the city's closing read back", || {
        Ok(server
            .store()
            .request(&scope, filed.callback)?
            .is_some_and(|r| r.summary.status == RequestStatus::Resolved))
    })?;
    let callback = server
        .store()
        .request(&scope, filed.callback)?
        .ok_or_else(|| anyhow::anyhow!("gone"))?;
    assert_eq!(
        callback.updates.last().map(|u| u.name.as_str()),
        Some("open311:city-crm")
    );
    let light = server
        .store()
        .request(&scope, filed.light)?
        .ok_or_else(|| anyhow::anyhow!("gone"))?;
    assert_eq!(light.summary.status, RequestStatus::Received);
    Ok(())
}
