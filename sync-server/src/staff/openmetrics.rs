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

pub async fn metrics(State(state): State<AppState>) -> Response {
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
