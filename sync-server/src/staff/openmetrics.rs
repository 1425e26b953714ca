//! `/metrics`: OpenMetrics for whoever runs the server (Prometheus and the like): the fleet
//! by state and alert, and ingest and login counters since start. No resident data.

use std::fmt::Write as _;
use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::fleet::{Alert, alerts};
use crate::{AppState, api::ApiFailure, clock};

/// The OpenMetrics content type.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Whether this request may read `/metrics`: from an allowed network, or with the bearer
/// token whose hash the server was given.
pub fn allowed(
    state: &AppState,
    client: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
) -> bool {
    if state
        .access
        .metrics_allow
        .iter()
        .any(|net| net.contains(&client))
    {
        return true;
    }
    let Some(expected) = state.access.metrics_token_hash.as_deref() else {
        return false;
    };
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .is_some_and(|token| {
            let hash = crate::credentials::token_hash(token.trim());
            hash.len() == expected.len()
                && hash
                    .bytes()
                    .zip(expected.bytes())
                    .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                    == 0
        })
}

pub async fn metrics(
    State(state): State<AppState>,
    client: crate::client_address::ClientAddress,
    headers: axum::http::HeaderMap,
) -> Response {
    if !allowed(&state, client.0, &headers) {
        return ApiFailure::new(
            axum::http::StatusCode::FORBIDDEN,
            "/metrics answers only the networks in --metrics-allow, or a request with the metrics bearer token",
        )
        .into_response();
    }
    let fleet = match state.store.call(|store| store.fleet()).await {
        Ok(fleet) => fleet,
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    let now = clock::now();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# TYPE kiosk_fleet_kiosks gauge\n# HELP kiosk_fleet_kiosks Enrolled kiosks by state."
    );
    for s in ["active", "quarantined", "revoked"] {
        let n = fleet.iter().filter(|k| k.place.state == s).count();
        let _ = writeln!(out, "kiosk_fleet_kiosks{{state=\"{s}\"}} {n}");
    }
    let _ = writeln!(
        out,
        "# TYPE kiosk_fleet_alerts gauge\n# HELP kiosk_fleet_alerts Kiosks raising each alert now."
    );
    let raised: Vec<Vec<Alert>> = fleet.iter().map(|k| alerts(k, now)).collect();
    for alert in Alert::ALL {
        let n = raised.iter().filter(|list| list.contains(&alert)).count();
        let _ = writeln!(out, "kiosk_fleet_alerts{{alert=\"{}\"}} {n}", alert.code());
    }
    let backlog: u64 = fleet
        .iter()
        .filter_map(|k| k.heartbeat.as_ref())
        .map(|h| h.waiting)
        .sum();
    let _ = writeln!(
        out,
        "# TYPE kiosk_fleet_backlog_records gauge\n# HELP kiosk_fleet_backlog_records Records waiting on kiosks, as their last heartbeats said.\nkiosk_fleet_backlog_records {backlog}"
    );
    // Requests on their way to the city's Open311 systems: a rising "failing" is an outage.
    let targets: Vec<String> = state.open311_push.iter().map(|t| t.name.clone()).collect();
    if !targets.is_empty() {
        let counts = state
            .store
            .call(move |store| {
                targets
                    .into_iter()
                    .map(|name| Ok((store.open311_push_counts(&name)?, name)))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await;
        let counts = match counts {
            Ok(counts) => counts,
            Err(error) => return ApiFailure::from(error).into_response(),
        };
        let _ = writeln!(
            out,
            "# TYPE open311_push_requests gauge\n# HELP open311_push_requests Residents' requests per Open311 target: taken by the city, waiting, waiting after a failed try."
        );
        for (count, name) in counts {
            for (state, n) in [
                ("sent", count.sent),
                ("waiting", count.waiting),
                ("failing", count.failing),
            ] {
                let _ = writeln!(
                    out,
                    "open311_push_requests{{target=\"{name}\",state=\"{state}\"}} {n}"
                );
            }
        }
    }
    let ops = &state.ops;
    for (name, help, counter) in [
        (
            "sync_batches_ingested",
            "Upload batches stored.",
            &ops.batches_ingested,
        ),
        (
            "sync_records_ingested",
            "New records stored.",
            &ops.records_ingested,
        ),
        (
            "sync_uploads_refused",
            "Uploads refused as malformed.",
            &ops.uploads_refused,
        ),
        (
            "sync_uploads_busy",
            "Uploads turned away with 503 (all ingest slots busy).",
            &ops.uploads_busy,
        ),
        ("staff_logins", "Staff logins.", &ops.staff_logins),
        (
            "staff_logins_refused",
            "Staff logins refused.",
            &ops.staff_logins_refused,
        ),
    ] {
        let _ = writeln!(
            out,
            "# TYPE {name} counter\n# HELP {name} {help}\n{name}_total {}",
            counter.load(Ordering::Relaxed)
        );
    }
    out.push_str("# EOF\n");
    let mut response = out.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    response
}
