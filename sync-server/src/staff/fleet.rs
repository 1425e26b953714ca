//! `/staff/fleet`: every kiosk a member of staff looks after (a librarian: their sites) with
//! site, last seen, sync backlog, content version, printer, power and free disk, and alerts
//! for the ones that need a visit; enrolment codes made here (admins, and librarians for their
//! sites; only for sites that exist, which admins add); admins can quarantine, release or
//! revoke a kiosk (revoking deletes its credentials for good).

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::auth::{Staff, tr_for};
use super::gate::{Administers, Allowed, LooksAfterKiosks};
use super::i18n::Tr;
use super::layout;
use crate::fleet::{Alert, alerts};
use crate::store::{DeviceState, EnrolmentCode, FleetKiosk, Role, StoreError};
use crate::{AppState, DataDir, api::ApiFailure, clock, credentials};

fn age(tr: &Tr, seconds: i64) -> String {
    let seconds = seconds.max(0);
    match seconds {
        s if s < 120 => tr.t("age-now"),
        s if s < 7200 => tr.ta("age-minutes", &[("n", (s / 60).into())]),
        s if s < 172_800 => tr.ta("age-hours", &[("n", (s / 3600).into())]),
        s => tr.ta("age-days", &[("n", (s / 86_400).into())]),
    }
}

fn gigabytes(tr: &Tr, bytes: u64) -> String {
    format!("{} GB", tr.num(bytes as f64 / 1e9, 1))
}

pub async fn page(
    State(state): State<AppState>,
    staff: Allowed<LooksAfterKiosks>,
    headers: HeaderMap,
) -> Response {
    let tr = tr_for(&headers);
    render(&state, &staff, tr, None).await
}

/// A notice shown above the list after an action.
enum Notice {
    Code {
        code: String,
        site: String,
        expires_at: i64,
    },
    Problem(String),
}

async fn render(state: &AppState, staff: &Staff, tr: Tr, notice: Option<Notice>) -> Response {
    let loaded = state
        .store
        .call(|store| Ok((store.fleet()?, store.sites()?, store.baselines()?)))
        .await;
    let (kiosks, sites, baselines) = match loaded {
        Ok(found) => found,
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    let now = clock::now();
    let kiosks: Vec<FleetKiosk> = kiosks
        .into_iter()
        .filter(|k| staff.sees_site(&k.place.site))
        .collect();
    let sites: Vec<_> = sites
        .into_iter()
        .filter(|s| staff.sees_site(&s.site))
        .collect();
    let needing: Vec<(&FleetKiosk, Vec<Alert>)> = kiosks
        .iter()
        .map(|k| (k, alerts(k, now)))
        .filter(|(_, a)| !a.is_empty())
        .collect();
    let announcement = DataDir::open(&state.data_dir)
        .ok()
        .and_then(|d| d.announcement());
    let title = tr.t("fleet-title");
    let status = if matches!(notice, Some(Notice::Problem(_))) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = html! {
        h1 { (title) }
        @match &notice {
            Some(Notice::Code { code, site, expires_at }) => {
                div class="panel" role="status" {
                    h2 { (tr.ta("code-made", &[("site", site.clone().into())])) }
                    p class="ok" { code class="code" { (code) } }
                    p { (tr.ta("code-expires", &[("when", crate::staff::format::utc(*expires_at).into())])) }
                    @match announcement.as_ref().and_then(|a| wire::EnrolmentTicket::new(&a.url, &a.fingerprint, code).ok()) {
                        Some(ticket) => {
                            p { (tr.t("code-how")) }
                            @if let Some(qr) = crate::staff::qr::svg(&ticket.to_string(), &tr.t("code-qr-label")) { p { (qr) } }
                            p { (tr.t("code-ticket")) }
                            p { code class="ticket" { (ticket.to_string()) } }
                            p { (tr.t("code-cli")) }
                            p { code class="ticket" { "kiosk enrol --server " (ticket.server_url) " --fingerprint " (ticket.fingerprint) " --code " (code) } }
                        }
                        None => { p { (tr.t("code-how-no-ticket")) } }
                    }
                }
            }
            Some(Notice::Problem(message)) => { p class="panel problem" role="alert" { (message) } }
            None => {}
        }
        @if staff.role() == Role::Librarian {
            p { (tr.ta("fleet-your-sites", &[("sites", staff.user.sites.join(", ").into())])) }
        }
        section aria-labelledby="alerts-heading" {
            h2 id="alerts-heading" { (tr.ta("alerts-heading", &[("n", (needing.len() as i64).into())])) }
            @if needing.is_empty() {
                p class="ok" { (tr.t("alerts-none")) }
            } @else {
                ul {
                    @for (kiosk, list) in &needing {
                        li {
                            a href={ "#" (kiosk.place.kiosk_id) } { (kiosk.place.site) " — " code { (kiosk.place.kiosk_id) } } ": "
                            (alert_badges(&tr, list))
                        }
                    }
                }
            }
        }
        section aria-labelledby="kiosks-heading" {
            h2 id="kiosks-heading" { (tr.ta("kiosks-heading", &[("n", (kiosks.len() as i64).into())])) }
            div class="scroll" {
                table {
                    caption { (tr.t("kiosks-caption")) }
                    thead { tr {
                        th scope="col" { (tr.t("kiosk")) }
                        th scope="col" { (tr.t("site")) }
                        th scope="col" { (tr.t("last-seen")) }
                        th scope="col" class="n" { (tr.t("records-received")) }
                        th scope="col" class="n" { (tr.t("backlog")) }
                        th scope="col" class="n" { (tr.t("content-version")) }
                        th scope="col" { (tr.t("printer")) }
                        th scope="col" { (tr.t("power")) }
                        th scope="col" class="n" { (tr.t("free-disk")) }
                        th scope="col" { (tr.t("alerts")) }
                        @if staff.role() == Role::Admin { th scope="col" { (tr.t("actions")) } }
                    } }
                    tbody {
                        @for kiosk in &kiosks { (row(&tr, staff, kiosk, now)) }
                    }
                }
            }
        }
        @if makes_codes(staff) {
            section aria-labelledby="enrol-heading" {
                h2 id="enrol-heading" { (tr.t("enrol-heading")) }
                p { (tr.t("enrol-intro")) }
                @if sites.is_empty() {
                    p { (tr.t("enrol-no-sites")) }
                } @else {
                    form method="post" action="/staff/fleet/enrol" class="inline" {
                        input type="hidden" name="csrf" value=(staff.csrf);
                        p {
                            label for="site" { (tr.t("site")) }
                            select id="site" name="site" required {
                                @for site in &sites { option value=(site.site) { (site.site) " (" (site.neighbourhood) ")" } }
                            }
                        }
                        p {
                            label for="valid_hours" { (tr.t("enrol-valid-hours")) }
                            input id="valid_hours" name="valid_hours" type="number" min="1" max="720" value="72" required;
                        }
                        p { button type="submit" { (tr.t("enrol-submit")) } }
                    }
                }
            }
        }
        @if staff.role() == Role::Admin {
            section aria-labelledby="site-heading" {
                h2 id="site-heading" { (tr.t("site-add-heading")) }
                @if baselines.is_empty() {
                    p { (tr.t("site-need-baselines")) }
                } @else {
                    p { (tr.t("site-add-intro")) }
                    form method="post" action="/staff/fleet/site" class="inline" {
                        input type="hidden" name="csrf" value=(staff.csrf);
                        p {
                            label for="new-site" { (tr.t("site")) }
                            input id="new-site" name="site" type="text" required maxlength="120";
                        }
                        p {
                            label for="neighbourhood" { (tr.t("neighbourhood")) }
                            select id="neighbourhood" name="neighbourhood" required {
                                @for b in &baselines { option value=(b.neighbourhood) { (b.neighbourhood) } }
                            }
                        }
                        p { button type="submit" { (tr.t("site-add-submit")) } }
                    }
                }
            }
        }
    };
    (
        status,
        layout::page(tr, Some(staff), &title, "/staff/fleet", body),
    )
        .into_response()
}

fn alert_badges(tr: &Tr, list: &[Alert]) -> Markup {
    html! {
        @for alert in list { span class="badge alert" { (tr.t(&format!("alert-{}", alert.code()))) } " " }
    }
}

fn row(tr: &Tr, staff: &Staff, kiosk: &FleetKiosk, now: i64) -> Markup {
    let place = &kiosk.place;
    let heartbeat = kiosk.heartbeat.as_ref();
    let health = heartbeat.map(|h| &h.health);
    let list = alerts(kiosk, now);
    html! {
        tr id=(place.kiosk_id) {
            th scope="row" {
                code { (place.kiosk_id) }
                @if place.state != "active" { " " span class="badge alert" { (tr.t(&format!("state-{}", place.state))) } }
            }
            td { (place.site) br; span class="muted" { (place.neighbourhood) } }
            td { @match place.last_seen_at { Some(at) => (age(tr, now - at)), None => (tr.t("never")) } }
            td class="n" { (kiosk.records_received) }
            td class="n" { @match heartbeat { Some(h) => (h.waiting), None => "—" } }
            td class="n" { @match heartbeat { Some(h) => (h.content_version), None => "—" } }
            td { @match health.and_then(|h| h.printer.as_deref()) {
                Some(code) => (tr.t(&format!("printer-{code}"))),
                None => "—",
            } }
            td { @match health {
                Some(h) if h.on_battery => (tr.ta("power-battery", &[("percent", h.battery_percent.map(i64::from).unwrap_or(-1).into())])),
                Some(_) => (tr.t("power-mains")),
                None => "—",
            } }
            td class="n" { @match health.and_then(|h| h.disk_free_bytes.zip(h.disk_total_bytes)) {
                Some((free, total)) => { (gigabytes(tr, free)) " / " (gigabytes(tr, total)) },
                None => "—",
            } }
            td {
                @if list.is_empty() { span class="ok" { (tr.t("alert-none")) } } @else { (alert_badges(tr, &list)) }
                @if let Some(update) = heartbeat.and_then(|h| h.update.as_ref()) {
                    br; span class="muted" { (super::content_page::update_words(tr, update)) }
                }
                @if let Some(h) = heartbeat.filter(|h| !h.devices.is_empty()) {
                    details {
                        summary { (tr.t("devices")) " · " (h.software_version) }
                        ul class="plain" { @for (device, status) in &h.devices { li { code { (device) } ": " (status) } } }
                    }
                }
            }
            @if staff.role() == Role::Admin {
                td {
                    form method="post" action="/staff/fleet/device" {
                        input type="hidden" name="csrf" value=(staff.csrf);
                        input type="hidden" name="kiosk" value=(place.kiosk_id);
                        @if place.state == "active" {
                            button type="submit" name="action" value="quarantine" class="secondary" { (tr.t("action-quarantine")) }
                        } @else if place.state == "quarantined" {
                            button type="submit" name="action" value="release" class="secondary" { (tr.t("action-release")) }
                        }
                        @if place.state != "revoked" {
                            " " button type="submit" name="action" value="revoke" class="danger" { (tr.t("action-revoke")) }
                        }
                    }
                }
            }
        }
    }
}

/// Who may make enrolment codes: admins, and librarians for their own sites.
fn makes_codes(staff: &Staff) -> bool {
    matches!(staff.role(), Role::Admin | Role::Librarian)
}

/// The enrolment form.
#[derive(Debug, Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    csrf: String,
    site: String,
    valid_hours: u32,
}

/// Makes a one-time enrolment code for a site that exists (admins: any; librarians: their
/// own). Nobody else makes codes, and nobody makes one for an invented site.
pub async fn enrol(
    State(state): State<AppState>,
    staff: Allowed<LooksAfterKiosks>,
    headers: HeaderMap,
    Form(form): Form<EnrolForm>,
) -> Response {
    let tr = tr_for(&headers);
    if !staff.csrf_ok(&form.csrf) {
        return layout::bad_csrf(tr);
    }
    let site = form.site.trim().to_owned();
    if !makes_codes(&staff) || !staff.sees_site(&site) {
        return layout::forbidden(tr, &staff);
    }
    if site.is_empty() || site.chars().count() > 120 || !(1..=720).contains(&form.valid_hours) {
        return render(&state, &staff, tr, Some(Notice::Problem(tr.t("enrol-bad")))).await;
    }
    let lookup = site.clone();
    let known = match state
        .store
        .call(move |store| store.site_neighbourhood(&lookup))
        .await
    {
        Ok(found) => found,
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    let Some(neighbourhood) = known else {
        let message = tr.ta("site-unknown", &[("site", site.clone().into())]);
        return render(&state, &staff, tr, Some(Notice::Problem(message))).await;
    };
    let code = credentials::new_enrolment_code();
    let now = clock::now();
    let expires_at = now + i64::from(form.valid_hours) * 3600;
    let entry = EnrolmentCode {
        code_hash: credentials::code_hash(&code),
        site: site.clone(),
        neighbourhood: neighbourhood.clone(),
        expires_at,
    };
    let (who, role) = (staff.user.name.clone(), staff.role());
    let detail = format!("{site} ({neighbourhood})");
    let made = state
        .store
        .call(move |store| {
            store.add_enrolment_code(&entry, now)?;
            store.audit(&who, role, "create_enrolment_code", &detail, now)
        })
        .await;
    match made {
        Ok(()) => {
            render(
                &state,
                &staff,
                tr,
                Some(Notice::Code {
                    code,
                    site,
                    expires_at,
                }),
            )
            .await
        }
        Err(StoreError::Refused(reason)) => {
            render(&state, &staff, tr, Some(Notice::Problem(reason))).await
        }
        Err(error) => ApiFailure::from(error).into_response(),
    }
}

/// The form that adds a site.
#[derive(Debug, Deserialize)]
pub struct SiteForm {
    #[serde(default)]
    csrf: String,
    site: String,
    neighbourhood: String,
}

/// Adds a site in a neighbourhood of the baselines (admins only).
pub async fn add_site(
    State(state): State<AppState>,
    staff: Allowed<Administers>,
    headers: HeaderMap,
    Form(form): Form<SiteForm>,
) -> Response {
    let tr = tr_for(&headers);
    if !staff.csrf_ok(&form.csrf) {
        return layout::bad_csrf(tr);
    }
    let (site, neighbourhood) = (
        form.site.trim().to_owned(),
        form.neighbourhood.trim().to_owned(),
    );
    if site.is_empty() || site.chars().count() > 120 || site.chars().any(char::is_control) {
        return render(&state, &staff, tr, Some(Notice::Problem(tr.t("enrol-bad")))).await;
    }
    let (who, role) = (staff.user.name.clone(), staff.role());
    let (new_site, place) = (site.clone(), neighbourhood.clone());
    let added = state
        .store
        .call(move |store| {
            crate::enrolment::add_site(store, &new_site, &place)?;
            store.audit(
                &who,
                role,
                "add_site",
                &format!("{new_site} ({place})"),
                clock::now(),
            )
        })
        .await;
    match added {
        Ok(()) => Redirect::to("/staff/fleet#enrol-heading").into_response(),
        Err(StoreError::Refused(reason)) => {
            render(&state, &staff, tr, Some(Notice::Problem(reason))).await
        }
        Err(error) => ApiFailure::from(error).into_response(),
    }
}

/// A device action.
#[derive(Debug, Deserialize)]
pub struct DeviceForm {
    #[serde(default)]
    csrf: String,
    kiosk: String,
    action: String,
}

pub async fn device(
    State(state): State<AppState>,
    staff: Allowed<Administers>,
    headers: HeaderMap,
    Form(form): Form<DeviceForm>,
) -> Response {
    let tr = tr_for(&headers);
    if !staff.csrf_ok(&form.csrf) {
        return layout::bad_csrf(tr);
    }
    let target = match form.action.as_str() {
        "quarantine" => DeviceState::Quarantined,
        "release" => DeviceState::Active,
        "revoke" => DeviceState::Revoked,
        _ => return layout::refused(tr, StatusCode::BAD_REQUEST, &tr.t("error-bad-form")),
    };
    let (who, role, kiosk, action) = (
        staff.user.name.clone(),
        staff.role(),
        form.kiosk.clone(),
        form.action.clone(),
    );
    let changed = state
        .store
        .call(move |store| {
            let changed = store.set_device_state(&kiosk, target, clock::now())?;
            if changed {
                store.audit(
                    &who,
                    role,
                    &format!("device_{action}"),
                    &kiosk,
                    clock::now(),
                )?;
            }
            Ok(changed)
        })
        .await;
    match changed {
        Ok(true) => Redirect::to(&format!("/staff/fleet#{}", form.kiosk)).into_response(),
        Err(StoreError::Refused(reason)) => {
            render(&state, &staff, tr, Some(Notice::Problem(reason))).await
        }
        Ok(false) => {
            render(
                &state,
                &staff,
                tr,
                Some(Notice::Problem(tr.t("device-unknown"))),
            )
            .await
        }
        Err(error) => ApiFailure::from(error).into_response(),
    }
}
