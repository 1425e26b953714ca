//! Open311 GeoReport v2 for the city's case systems: `GET /open311/v2/services.json` (the
//! request forms a key may read), `GET /open311/v2/requests.json` (filters
//! `service_request_id`, `service_code`, `start_date`, `end_date`, `status`; by default the
//! last 90 days; at most 1,000) and `GET /open311/v2/requests/{id}.json`. Creating requests
//! (`POST`) is refused: kiosks are the only source. Every call needs an `api_key` (query
//! parameter or `X-Api-Key` header) that an admin made (`sync-server open311 add-key`); a key
//! reads the forms (and sites) it was made for, and residents' personal fields only if the
//! admin allowed it, each such reading written to the audit log. Errors are GeoReport's
//! `[{"code": …, "description": …}]`.

use std::collections::BTreeMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::sealing::SealingKey;
use crate::store::requests::{RequestContent, RequestSummary, one_line};
use crate::store::{Open311Key, RequestFilter, RequestStatus, Role, Store, StoreError};
use crate::{AppState, clock, credentials};

/// A response holds at most this many requests (as GeoReport suggests).
pub const MAX_REQUESTS: u32 = 1000;
/// `service_request_id` lists at most this many ids.
pub const MAX_IDS: usize = 100;
/// Without dates, the last this many days.
const DEFAULT_DAYS: i64 = 90;

/// Why a key could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Open311Error {
    /// Not a usable name.
    #[error("a key's name is 2 to 64 letters, digits, dots, dashes or underscores")]
    BadName,
    /// A key must read something.
    #[error("a key reads the requests of at least one form: add --form ID")]
    NoForms,
    /// A site that does not exist.
    #[error(
        "there is no site called \"{0}\" (sites appear when enrolment codes are made for them)"
    )]
    UnknownSite(String),
    /// Taken.
    #[error("there is already a key called {0}")]
    Taken(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Makes a key; returns it (shown once: only its hash is kept).
pub fn make_key(
    store: &Store,
    name: &str,
    forms: &[String],
    sites: &[String],
    personal: bool,
    by: &str,
    now: i64,
) -> Result<String, Open311Error> {
    // Named like a staff login.
    if !crate::accounts::valid_name(name) {
        return Err(Open311Error::BadName);
    }
    if forms.is_empty() {
        return Err(Open311Error::NoForms);
    }
    let known = store.sites()?;
    if let Some(unknown) = sites
        .iter()
        .find(|site| !known.iter().any(|k| &k.site == *site))
    {
        return Err(Open311Error::UnknownSite(unknown.clone()));
    }
    let secret = credentials::new_device_token().replacen("kt_", "o311_", 1);
    let key = Open311Key {
        name: name.to_owned(),
        personal,
        forms: forms.to_vec(),
        sites: sites.to_vec(),
        created_by: by.to_owned(),
        created_at: now,
    };
    if !store.add_open311_key(&key, &credentials::token_hash(&secret))? {
        return Err(Open311Error::Taken(name.to_owned()));
    }
    Ok(secret)
}

/// The routes, under `/open311/v2/`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open311/v2/services.json", get(services))
        .route(
            "/open311/v2/requests.json",
            get(requests).post(refuse_creation),
        )
        .route("/open311/v2/requests/{id}", get(one_request))
}

/// GeoReport's error body.
fn error(status: StatusCode, description: &str) -> Response {
    #[derive(Serialize)]
    struct Error<'a> {
        code: u16,
        description: &'a str,
    }
    (
        status,
        Json([Error {
            code: status.as_u16(),
            description,
        }]),
    )
        .into_response()
}

fn store_failure(failure: StoreError) -> Response {
    tracing::error!(%failure, "open311: the store failed");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the server cannot read its store just now; try again later",
    )
}

/// The key a call carries, checked.
async fn key_of(
    state: &AppState,
    headers: &HeaderMap,
    query_key: Option<&str>,
) -> Result<Open311Key, Response> {
    let given = query_key
        .map(str::to_owned)
        .or_else(|| {
            headers
                .get("x-api-key")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        })
        .filter(|key| !key.is_empty() && key.len() <= 200);
    let Some(given) = given else {
        return Err(error(StatusCode::UNAUTHORIZED, "an api_key is required"));
    };
    let hash = credentials::token_hash(&given);
    match state
        .store
        .call(move |store| store.open311_key(&hash))
        .await
    {
        Ok(Some(key)) => Ok(key),
        Ok(None) => Err(error(StatusCode::UNAUTHORIZED, "this api_key is not valid")),
        Err(failure) => Err(store_failure(failure)),
    }
}

/// `?api_key=…`
#[derive(Debug, Default, Deserialize)]
pub struct KeyQuery {
    api_key: Option<String>,
}

/// One service: a request form.
#[derive(Debug, Serialize)]
struct Service {
    service_code: String,
    service_name: String,
    description: String,
    metadata: bool,
    #[serde(rename = "type")]
    kind: &'static str,
    keywords: String,
    group: String,
}

async fn services(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<KeyQuery>,
) -> Response {
    let key = match key_of(&state, &headers, query.api_key.as_deref()).await {
        Ok(key) => key,
        Err(refusal) => return refusal,
    };
    let bundle = state
        .content
        .published_bundle()
        .ok()
        .flatten()
        .map(|(bundle, _)| bundle);
    let services: Vec<Service> = key
        .forms
        .iter()
        .map(|code| {
            let form = bundle
                .as_ref()
                .and_then(|bundle| bundle.forms.iter().find(|form| &form.id == code));
            let text = form
                .and_then(|form| form.text.get("en", "en"))
                .map(|shown| shown.value);
            Service {
                service_code: code.clone(),
                service_name: text.map_or_else(|| code.clone(), |t| t.title.clone()),
                description: text.map_or_else(String::new, |t| t.intro.clone()),
                metadata: false,
                // Requests arrive when kiosks sync, not at once.
                kind: "batch",
                keywords: form.map_or_else(String::new, |form| form.topic.clone()),
                group: form.map_or_else(String::new, |form| {
                    form.topic.split('.').next().unwrap_or_default().to_owned()
                }),
            }
        })
        .collect();
    Json(services).into_response()
}

/// The filters of `GET requests.json`.
#[derive(Debug, Default, Deserialize)]
pub struct RequestsQuery {
    api_key: Option<String>,
    service_request_id: Option<String>,
    service_code: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    status: Option<String>,
}

/// One service request as GeoReport v2 writes it.
#[derive(Debug, Serialize)]
struct ServiceRequest {
    service_request_id: String,
    status: &'static str,
    status_notes: Option<String>,
    service_name: String,
    service_code: String,
    description: String,
    agency_responsible: Option<String>,
    service_notice: Option<String>,
    requested_datetime: String,
    updated_datetime: Option<String>,
    expected_datetime: Option<String>,
    address: Option<String>,
    address_id: Option<String>,
    zipcode: Option<String>,
    lat: Option<f64>,
    long: Option<f64>,
    media_url: Option<String>,
    /// Where the resident made it (not in GeoReport: prefixed, as extensions should be).
    x_site: String,
    /// The neighbourhood of that site.
    x_neighbourhood: String,
    /// The resident's personal fields, for keys allowed to read them.
    #[serde(skip_serializing_if = "Option::is_none")]
    x_personal: Option<BTreeMap<String, String>>,
}

fn time_of(text: &str) -> Option<i64> {
    OffsetDateTime::parse(text, &Rfc3339)
        .ok()
        .map(OffsetDateTime::unix_timestamp)
}

fn open_or_closed(status: RequestStatus) -> &'static str {
    if status.is_closed() { "closed" } else { "open" }
}

/// English text of the phrase and the case worker's words.
fn status_notes(summary: &RequestSummary) -> Option<String> {
    let tr = crate::staff::i18n::Tr::new("en");
    let phrase = summary
        .phrase
        .as_deref()
        .map(|phrase| tr.t(&format!("request-phrase-{phrase}")));
    let notes: Vec<String> = phrase.into_iter().chain(summary.message.clone()).collect();
    (!notes.is_empty()).then(|| notes.join(" "))
}

fn as_open311(
    request: &RequestContent,
    personal: Option<BTreeMap<String, String>>,
) -> ServiceRequest {
    let summary = &request.summary;
    ServiceRequest {
        service_request_id: summary.reference.clone(),
        status: open_or_closed(summary.status),
        status_notes: status_notes(summary),
        service_name: summary.form.clone(),
        service_code: summary.form.clone(),
        description: one_line(&request.answers),
        agency_responsible: None,
        service_notice: None,
        requested_datetime: crate::staff::format::rfc3339(summary.received_at),
        updated_datetime: summary.status_at.map(crate::staff::format::rfc3339),
        expected_datetime: None,
        address: None,
        address_id: None,
        zipcode: None,
        lat: None,
        long: None,
        media_url: None,
        x_site: summary.site.clone(),
        x_neighbourhood: summary.neighbourhood.clone(),
        x_personal: personal,
    }
}

/// Loads the requests a key may read that pass `filter`, opening personal fields (audited)
/// for a key allowed to.
fn load(
    store: &Store,
    sealing: &SealingKey,
    key: &Open311Key,
    filter: &RequestFilter,
) -> Result<Vec<ServiceRequest>, StoreError> {
    let now = clock::now();
    let rows = store.requests_with_content(&key.scope(), filter, now, MAX_REQUESTS)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let personal = match (&row.sealed, key.personal) {
            (Some(sealed), true) => {
                store.audit(
                    &format!("open311:{}", key.name),
                    Role::CaseWorker,
                    "open_personal_fields",
                    &row.summary.reference,
                    now,
                )?;
                sealing.open_fields(sealed).ok()
            }
            _ => None,
        };
        out.push(as_open311(&row, personal));
    }
    Ok(out)
}

async fn requests(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<RequestsQuery>,
) -> Response {
    let key = match key_of(&state, &headers, query.api_key.as_deref()).await {
        Ok(key) => key,
        Err(refusal) => return refusal,
    };
    let mut filter = RequestFilter::default();
    if let Some(ids) = query
        .service_request_id
        .as_deref()
        .filter(|ids| !ids.is_empty())
    {
        let ids: Vec<String> = ids.split(',').map(|id| id.trim().to_owned()).collect();
        if ids.len() > MAX_IDS {
            return error(
                StatusCode::BAD_REQUEST,
                "service_request_id lists at most 100 ids",
            );
        }
        filter.references = ids;
    } else {
        // Err names the parameter that is not a date.
        let date = |text: &Option<String>, name: &'static str| match text
            .as_deref()
            .filter(|t| !t.is_empty())
        {
            None => Ok(None),
            Some(text) => time_of(text).map(Some).ok_or(name),
        };
        let (start, end) = match (
            date(&query.start_date, "start_date"),
            date(&query.end_date, "end_date"),
        ) {
            (Ok(start), Ok(end)) => (start, end),
            (Err(name), _) | (_, Err(name)) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    &format!("{name} must be a w3 date and time, e.g. 2026-12-01T00:00:00Z"),
                );
            }
        };
        let end_or_now = end.unwrap_or_else(clock::now);
        filter.received_from = Some(start.unwrap_or(end_or_now - DEFAULT_DAYS * 86_400));
        filter.received_to = end;
        filter.form = query.service_code.clone().filter(|code| !code.is_empty());
        filter.closed = match query.status.as_deref() {
            None | Some("") => None,
            Some("open") => Some(false),
            Some("closed") => Some(true),
            Some(_) => return error(StatusCode::BAD_REQUEST, "status is open or closed"),
        };
    }
    let sealing = state.sealing.clone();
    match state
        .store
        .call(move |store| load(store, &sealing, &key, &filter))
        .await
    {
        Ok(found) => Json(found).into_response(),
        Err(failure) => store_failure(failure),
    }
}

async fn one_request(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<KeyQuery>,
) -> Response {
    let key = match key_of(&state, &headers, query.api_key.as_deref()).await {
        Ok(key) => key,
        Err(refusal) => return refusal,
    };
    let Some(reference) = id
        .strip_suffix(".json")
        .filter(|r| !r.is_empty() && r.len() <= 32)
    else {
        return error(
            StatusCode::NOT_FOUND,
            "ask for /open311/v2/requests/ID.json",
        );
    };
    let filter = RequestFilter {
        references: vec![reference.to_owned()],
        ..RequestFilter::default()
    };
    let sealing = state.sealing.clone();
    match state
        .store
        .call(move |store| load(store, &sealing, &key, &filter))
        .await
    {
        Ok(found) if found.is_empty() => error(StatusCode::NOT_FOUND, "no such service request"),
        Ok(found) => Json(found).into_response(),
        Err(failure) => store_failure(failure),
    }
}

async fn refuse_creation() -> Response {
    error(
        StatusCode::FORBIDDEN,
        "service requests are made by residents at the city's kiosks; this server does not take new ones",
    )
}
