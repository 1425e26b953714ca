//! `/staff/requests`: residents' requests for the people who act on them. A case worker sees
//! the requests of their forms (and sites, if they have any), oldest first, filtered by form,
//! neighbourhood, site, status and age; opens one to read its answers and, on the server
//! only, its sealed personal fields (each opening is written to the audit log with who, when
//! and which request); and changes its status with a message for the resident (a phrase
//! shown in the resident's language, and free text). Admins see that requests exist and
//! where they stand, nothing a resident wrote. Every other role is refused.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::auth::{Staff, tr_for};
use super::format;
use super::gate::{Allowed, HandlesRequests, SeesRequests};
use super::i18n::Tr;
use super::layout;
use crate::sealing::SealingError;
use crate::store::requests::{INBOX_LIMIT, MAX_MESSAGE_CHARS, PHRASES, RequestDetail, one_line};
use crate::store::{RequestFilter, RequestScope, RequestStatus, Role, StatusChange, StoreError};
use crate::{AppState, api::ApiFailure, clock};

/// What this member of staff may see, or None if the page is not for them.
fn scope_of(staff: &Staff) -> Option<RequestScope> {
    match staff.role() {
        Role::CaseWorker => Some(RequestScope::Forms {
            forms: staff.user.forms.clone(),
            sites: staff.user.sites.clone(),
        }),
        Role::Admin => Some(RequestScope::All),
        _ => None,
    }
}

/// The inbox's filters as typed in the page's form (empty means "any").
#[derive(Debug, Default, Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    form: String,
    #[serde(default)]
    neighbourhood: String,
    #[serde(default)]
    site: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    age: String,
}

impl InboxQuery {
    /// The filters again, as a query string.
    fn as_query(&self) -> String {
        [
            ("form", &self.form),
            ("neighbourhood", &self.neighbourhood),
            ("site", &self.site),
            ("status", &self.status),
            ("age", &self.age),
        ]
        .iter()
        .map(|(name, value)| format!("{name}={}", super::auth::percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
    }

    fn filter(&self) -> RequestFilter {
        let given = |text: &str| {
            let text = text.trim();
            (!text.is_empty()).then(|| text.chars().take(200).collect())
        };
        RequestFilter {
            form: given(&self.form),
            neighbourhood: given(&self.neighbourhood),
            site: given(&self.site),
            status: RequestStatus::parse(self.status.trim()),
            older_than_days: self.age.trim().parse().ok().filter(|days| *days <= 3650),
            ..RequestFilter::default()
        }
    }
}

fn status_name(tr: &Tr, status: RequestStatus) -> String {
    tr.t(&format!(
        "request-status-{}",
        status.as_str().replace('_', "-")
    ))
}

fn phrase_text(tr: &Tr, phrase: &str) -> String {
    tr.t(&format!("request-phrase-{phrase}"))
}

pub async fn inbox(
    State(state): State<AppState>,
    staff: Allowed<SeesRequests>,
    headers: HeaderMap,
    Query(query): Query<InboxQuery>,
) -> Response {
    let tr = tr_for(&headers);
    let Some(scope) = scope_of(&staff) else {
        return layout::forbidden(tr, &staff);
    };
    let filter = query.filter();
    let asked = filter.clone();
    let loaded = state
        .store
        .call(move |store| {
            let rows = store.requests(&scope, &asked, clock::now(), INBOX_LIMIT)?;
            Ok((rows, store.sites()?, store.request_forms()?))
        })
        .await;
    let (rows, sites, mut forms) = match loaded {
        Ok(found) => found,
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    if staff.role() == Role::CaseWorker {
        forms = staff.user.forms.clone();
    }
    let sites: Vec<(String, String)> = sites
        .into_iter()
        .filter(|s| staff.user.sites.is_empty() || staff.user.sites.contains(&s.site))
        .map(|s| (s.site, s.neighbourhood))
        .collect();
    let mut neighbourhoods: Vec<&str> = sites.iter().map(|(_, n)| n.as_str()).collect();
    neighbourhoods.sort_unstable();
    neighbourhoods.dedup();
    let now = clock::now();
    let title = tr.t("requests-title");
    let select = |name: &str, label: String, chosen: &str, options: Vec<(String, String)>| {
        html! {
            label for=(name) { (label) }
            select id=(name) name=(name) {
                option value="" { (tr.t("requests-any")) }
                @for (value, text) in &options {
                    option value=(value) selected[chosen == value] { (text) }
                }
            }
        }
    };
    let body = html! {
        h1 { (title) }
        p { (tr.t(if staff.role() == Role::Admin { "requests-intro-admin" } else { "requests-intro" })) }
        form method="get" action="/staff/requests" class="filters" {
            (select("form", tr.t("requests-form"), &query.form, forms.iter().map(|f| (f.clone(), f.clone())).collect()))
            (select("neighbourhood", tr.t("neighbourhood"), &query.neighbourhood, neighbourhoods.iter().map(|n| (n.to_string(), n.to_string())).collect()))
            (select("site", tr.t("site"), &query.site, sites.iter().map(|(s, _)| (s.clone(), s.clone())).collect()))
            (select("status", tr.t("requests-status"), &query.status, RequestStatus::ALL.iter().map(|s| (s.as_str().to_owned(), status_name(&tr, *s))).collect()))
            (select("age", tr.t("requests-age"), &query.age, [1u32, 3, 7, 14, 30].iter().map(|d| (d.to_string(), tr.ta("requests-older-than", &[("n", (*d).into())]))).collect()))
            button type="submit" { (tr.t("requests-filter")) }
        }
        @if staff.role().handles_requests() && !rows.is_empty() {
            p { a href={ "/staff/requests.csv?" (query.as_query()) } { (tr.t("requests-export")) } }
        }
        @if rows.is_empty() {
            p role="status" { (tr.t("requests-none")) }
        } @else {
            table {
                caption { (tr.ta("requests-count", &[("n", rows.len().into())])) }
                thead { tr {
                    th scope="col" { (tr.t("requests-reference")) }
                    th scope="col" { (tr.t("requests-form")) }
                    th scope="col" { (tr.t("site")) }
                    th scope="col" { (tr.t("neighbourhood")) }
                    th scope="col" { (tr.t("requests-received")) }
                    th scope="col" { (tr.t("requests-status")) }
                } }
                tbody {
                    @for row in &rows {
                        tr {
                            td { a href={ "/staff/requests/" (row.reference) } { (row.reference) } }
                            td { (row.form) }
                            td { (row.site) }
                            td { (row.neighbourhood) }
                            td { (format::utc(row.received_at)) " (" (format::ago(now, row.received_at)) ")" }
                            td { (status_name(&tr, row.status)) }
                        }
                    }
                }
            }
        }
    };
    layout::page(tr, Some(&staff), &title, "/staff/requests", body).into_response()
}

/// A reference as kiosks print them: letters, digits and dashes.
fn plausible_reference(reference: &str) -> bool {
    (4..=32).contains(&reference.len())
        && reference
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn not_found(tr: Tr) -> Response {
    layout::refused(tr, StatusCode::NOT_FOUND, &tr.t("requests-not-found"))
}

/// A request and, for a case worker, its opened personal fields.
struct Opened {
    detail: RequestDetail,
    personal: Option<Result<BTreeMap<String, String>, SealingError>>,
    /// Its way to the city's Open311 systems: target, the city's id, tries.
    pushes: Vec<(String, Option<String>, u32)>,
}

pub async fn one(
    State(state): State<AppState>,
    staff: Allowed<SeesRequests>,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    let tr = tr_for(&headers);
    show(&state, &staff, tr, &reference, None).await
}

async fn show(
    state: &AppState,
    staff: &Staff,
    tr: Tr,
    reference: &str,
    problem: Option<String>,
) -> Response {
    let Some(scope) = scope_of(staff) else {
        return layout::forbidden(tr, staff);
    };
    if !plausible_reference(reference) {
        return not_found(tr);
    }
    let opens = staff.role().handles_requests();
    let (who, role) = (staff.user.name.clone(), staff.role());
    let sealing = state.sealing.clone();
    let wanted = reference.to_owned();
    let loaded = state
        .store
        .call(move |store| {
            let Some(detail) = store.request(&scope, &wanted)? else {
                return Ok(None);
            };
            let personal = match (&detail.sealed, opens) {
                (Some(sealed), true) => {
                    // Written before the fields are shown: no opening goes unrecorded.
                    store.audit(&who, role, "open_personal_fields", &wanted, clock::now())?;
                    Some(sealing.open_fields(sealed))
                }
                _ => None,
            };
            let pushes = store.open311_pushes_of(&wanted)?;
            Ok(Some(Opened {
                detail,
                personal,
                pushes,
            }))
        })
        .await;
    let opened = match loaded {
        Ok(Some(opened)) => opened,
        Ok(None) => return not_found(tr),
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    let summary = &opened.detail.summary;
    let title = tr.ta(
        "request-title",
        &[("reference", summary.reference.clone().into())],
    );
    let body = html! {
        p { a href="/staff/requests" { (tr.t("requests-back")) } }
        h1 { (title) }
        @if let Some(problem) = &problem {
            p class="problem" role="alert" { (problem) }
        }
        dl {
            dt { (tr.t("requests-form")) } dd { (summary.form) " (" (summary.topic) ")" }
            dt { (tr.t("site")) } dd { (summary.site) }
            dt { (tr.t("neighbourhood")) } dd { (summary.neighbourhood) }
            dt { (tr.t("requests-received")) } dd { (format::utc(summary.received_at)) }
            dt { (tr.t("requests-status")) } dd { (status_name(&tr, summary.status)) }
            @for (target, id, attempts) in &opened.pushes {
                dt { (tr.ta("request-city-system", &[("target", target.clone().into())])) }
                dd {
                    @match id {
                        Some(id) => code { (id) },
                        None => (tr.ta("request-city-waiting", &[("attempts", (*attempts).into())])),
                    }
                }
            }
        }
        @if opens {
            h2 { (tr.t("request-answers")) }
            (fields(&opened.detail.answers))
            h2 { (tr.t("request-personal")) }
            @match &opened.personal {
                None if summary.erased_at.is_some() => p {
                    (tr.ta("request-personal-erased", &[("date", format::utc(summary.erased_at.unwrap_or_default()).into())]))
                },
                None => p { (tr.t("request-no-personal")) },
                Some(Ok(personal)) => {
                    p class="note" { (tr.t("request-personal-audited")) }
                    (fields(personal))
                },
                Some(Err(_)) => p class="problem" role="alert" { (tr.t("request-personal-unreadable")) },
            }
            h2 { (tr.t("request-change")) }
            (change_form(&tr, staff, summary.reference.as_str(), summary.status))
        }
        @if !opened.detail.updates.is_empty() {
            h2 { (tr.t("request-history")) }
            table {
                thead { tr {
                    th scope="col" { (tr.t("request-when")) }
                    th scope="col" { (tr.t("request-who")) }
                    th scope="col" { (tr.t("requests-status")) }
                    th scope="col" { (tr.t("request-message")) }
                } }
                tbody {
                    @for update in &opened.detail.updates {
                        tr {
                            td { (format::utc(update.at)) }
                            td { (update.name) }
                            td { (status_name(&tr, update.status)) }
                            td {
                                @if let Some(phrase) = &update.phrase { (phrase_text(&tr, phrase)) " " }
                                @if opens { @if let Some(message) = &update.message { "“" (message) "”" } }
                            }
                        }
                    }
                }
            }
        }
    };
    let status = if problem.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    (
        status,
        layout::page(tr, Some(staff), &title, "/staff/requests", body),
    )
        .into_response()
}

fn fields(fields: &BTreeMap<String, String>) -> Markup {
    html! {
        dl class="fields" {
            @for (name, value) in fields {
                dt { (name) }
                dd { (value) }
            }
        }
    }
}

fn change_form(tr: &Tr, staff: &Staff, reference: &str, current: RequestStatus) -> Markup {
    html! {
        form method="post" action={ "/staff/requests/" (reference) "/status" } {
            input type="hidden" name="csrf" value=(staff.csrf);
            label for="status" { (tr.t("requests-status")) }
            select id="status" name="status" {
                @for status in RequestStatus::ALL {
                    option value=(status.as_str()) selected[status == current] { (status_name(tr, status)) }
                }
            }
            label for="phrase" { (tr.t("request-phrase")) }
            select id="phrase" name="phrase" {
                option value="" { (tr.t("request-phrase-none")) }
                @for phrase in PHRASES {
                    option value=(phrase) { (phrase_text(tr, phrase)) }
                }
            }
            label for="message" { (tr.t("request-message")) }
            textarea id="message" name="message" maxlength=(MAX_MESSAGE_CHARS) rows="3" {}
            p class="hint" { (tr.ta("request-message-hint", &[("n", MAX_MESSAGE_CHARS.into())])) }
            button type="submit" { (tr.t("request-save")) }
        }
    }
}

/// The status form.
#[derive(Debug, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    phrase: String,
    #[serde(default)]
    message: String,
}

pub async fn change_status(
    State(state): State<AppState>,
    staff: Allowed<HandlesRequests>,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Form(form): Form<StatusForm>,
) -> Response {
    let tr = tr_for(&headers);
    if !staff.csrf_ok(&form.csrf) {
        return layout::bad_csrf(tr);
    }
    let Some(scope) = scope_of(&staff) else {
        return layout::forbidden(tr, &staff);
    };
    if !plausible_reference(&reference) {
        return not_found(tr);
    }
    let phrase = form.phrase.trim();
    let message = form.message.trim();
    let (Some(status), true) = (
        RequestStatus::parse(form.status.trim()),
        phrase.is_empty() || PHRASES.contains(&phrase),
    ) else {
        return show(&state, &staff, tr, &reference, Some(tr.t("error-bad-form"))).await;
    };
    if message.chars().count() > MAX_MESSAGE_CHARS {
        let problem = tr.ta("request-message-hint", &[("n", MAX_MESSAGE_CHARS.into())]);
        return show(&state, &staff, tr, &reference, Some(problem)).await;
    }
    let change = StatusChange {
        status,
        phrase: (!phrase.is_empty()).then(|| phrase.to_owned()),
        message: (!message.is_empty()).then(|| message.to_owned()),
    };
    let (who, role) = (staff.user.name.clone(), staff.role());
    let wanted = reference.clone();
    let changed = state
        .store
        .call(move |store| {
            let now = clock::now();
            let changed = store.change_request_status(&scope, &wanted, &change, &who, now)?;
            if changed {
                let detail = format!("{wanted}: {}", change.status.as_str());
                store.audit(&who, role, "request_status", &detail, now)?;
            }
            Ok::<_, StoreError>(changed)
        })
        .await;
    match changed {
        Ok(true) => Redirect::to(&format!("/staff/requests/{reference}")).into_response(),
        Ok(false) => not_found(tr),
        Err(error) => ApiFailure::from(error).into_response(),
    }
}

/// The most requests one export holds.
const EXPORT_LIMIT: u32 = 1000;

/// `/staff/requests.csv`: the inbox's requests (same filters) for a case worker, with their
/// answers and personal fields (each opening audited), as CSV with a byte-order mark so that
/// spreadsheets read accented names, and formula-leading cells defused.
pub async fn export_csv(
    State(state): State<AppState>,
    staff: Allowed<HandlesRequests>,
    headers: HeaderMap,
    Query(query): Query<InboxQuery>,
) -> Response {
    let tr = tr_for(&headers);
    let Some(scope) = scope_of(&staff) else {
        return layout::forbidden(tr, &staff);
    };
    let filter = query.filter();
    let (who, role) = (staff.user.name.clone(), staff.role());
    let sealing = state.sealing.clone();
    let written = state
        .store
        .call(move |store| {
            let now = clock::now();
            let rows = store.requests_with_content(&scope, &filter, now, EXPORT_LIMIT)?;
            let mut out =
                csv::Writer::from_writer(Vec::from(crate::metrics::export::BOM.as_bytes()));
            let header = [
                "reference",
                "form",
                "topic",
                "site",
                "neighbourhood",
                "received_utc",
                "status",
                "status_changed_utc",
                "phrase",
                "message",
                "answers",
                "personal",
            ];
            let failed = |e: csv::Error| StoreError::Encode(format!("the CSV: {e}"));
            out.write_record(header).map_err(failed)?;
            for row in rows {
                let personal = match &row.sealed {
                    Some(sealed) => {
                        let reference = &row.summary.reference;
                        store.audit(&who, role, "open_personal_fields", reference, now)?;
                        sealing
                            .open_fields(sealed)
                            .map(|fields| one_line(&fields))
                            .unwrap_or_default()
                    }
                    None => String::new(),
                };
                let s = &row.summary;
                let record = [
                    s.reference.clone(),
                    s.form.clone(),
                    s.topic.clone(),
                    s.site.clone(),
                    s.neighbourhood.clone(),
                    format::rfc3339(s.received_at),
                    s.status.as_str().to_owned(),
                    s.status_at.map(format::rfc3339).unwrap_or_default(),
                    s.phrase.clone().unwrap_or_default(),
                    s.message.clone().unwrap_or_default(),
                    one_line(&row.answers),
                    personal,
                ];
                out.write_record(
                    record
                        .iter()
                        .map(|cell| crate::metrics::export::defuse(cell)),
                )
                .map_err(failed)?;
            }
            store.audit(&who, role, "export_requests", &format!("{filter:?}"), now)?;
            out.into_inner()
                .map_err(|e| StoreError::Encode(format!("the CSV: {e}")))
        })
        .await;
    match written.map(String::from_utf8) {
        Ok(Ok(body)) => super::exports::download(
            body,
            "text/csv; charset=utf-8",
            format!(
                "requests-{}.csv",
                format::rfc3339(clock::now()).get(..10).unwrap_or("today")
            ),
        ),
        Ok(Err(_)) => {
            ApiFailure::from(StoreError::Encode("the CSV is not UTF-8".into())).into_response()
        }
        Err(error) => ApiFailure::from(error).into_response(),
    }
}
