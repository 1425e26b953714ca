//! `/staff/open311` (admins): the city's case systems. The keys that read requests over
//! Open311 GeoReport v2 (make one, shown once; delete one; each change audited, as the
//! `sync-server open311` commands do), and where the pushes to the city's endpoints stand
//! (taken, waiting, failing), which `server.toml` configures.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::auth::{Staff, tr_for};
use super::gate::{Administers, Allowed};
use super::i18n::Tr;
use super::layout;
use crate::{AppState, api::ApiFailure, clock};

enum Outcome {
    Made { name: String, key: String },
    Deleted(String),
    Problem(String),
}

pub async fn page(
    State(state): State<AppState>,
    staff: Allowed<Administers>,
    headers: HeaderMap,
) -> Response {
    render(&state, &staff, tr_for(&headers), None).await
}

async fn render(state: &AppState, staff: &Staff, tr: Tr, outcome: Option<Outcome>) -> Response {
    let targets: Vec<(String, String)> = state
        .open311_push
        .iter()
        .map(|t| (t.name.clone(), t.endpoint.clone()))
        .collect();
    let loaded = state
        .store
        .call(move |store| {
            let mut pushes = Vec::new();
            for (name, endpoint) in targets {
                pushes.push((store.open311_push_counts(&name)?, name, endpoint));
            }
            Ok((store.open311_keys()?, store.sites()?, pushes))
        })
        .await;
    let (keys, sites, pushes) = match loaded {
        Ok(found) => found,
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    let status = if matches!(outcome, Some(Outcome::Problem(_))) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let title = tr.t("open311-title");
    let body = html! {
        h1 { (title) }
        p { (tr.t("open311-intro")) }
        @match &outcome {
            Some(Outcome::Made { name, key }) => div class="panel" role="status" {
                p class="ok" { (tr.ta("open311-made", &[("name", name.clone().into())])) }
                p { (tr.t("open311-key-once")) " " code { (key) } }
            },
            Some(Outcome::Deleted(name)) => p class="panel ok" role="status" {
                (tr.ta("open311-deleted", &[("name", name.clone().into())]))
            },
            Some(Outcome::Problem(message)) => p class="panel problem" role="alert" { (message) },
            None => {}
        }
        h2 { (tr.t("open311-keys-heading")) }
        @if keys.is_empty() {
            p { (tr.t("open311-no-keys")) }
        } @else {
            div class="scroll" { table {
                caption { (tr.t("open311-keys-caption")) }
                thead { tr {
                    th scope="col" { (tr.t("login-name")) }
                    th scope="col" { (tr.t("user-forms")) }
                    th scope="col" { (tr.t("sites")) }
                    th scope="col" { (tr.t("open311-personal")) }
                    th scope="col" { (tr.t("open311-made-by")) }
                    th scope="col" { (tr.t("actions")) }
                } }
                tbody {
                    @for key in &keys {
                        tr {
                            th scope="row" { (key.name) }
                            td { (key.forms.join(", ")) }
                            td { @if key.sites.is_empty() { (tr.t("open311-every-site")) } @else { (key.sites.join(", ")) } }
                            td { @if key.personal { (tr.t("yes")) } @else { (tr.t("no")) } }
                            td { (key.created_by) ", " (super::format::utc(key.created_at)) }
                            td {
                                form method="post" action="/staff/open311/delete" aria-label=(tr.ta("open311-delete-label", &[("name", key.name.clone().into())])) {
                                    input type="hidden" name="csrf" value=(staff.csrf);
                                    input type="hidden" name="name" value=(key.name);
                                    button type="submit" class="danger" { (tr.t("user-do-delete")) }
                                }
                            }
                        }
                    }
                }
            } }
        }
        h2 { (tr.t("open311-add-heading")) }
        form method="post" action="/staff/open311" class="inline" {
            input type="hidden" name="csrf" value=(staff.csrf);
            p {
                label for="key-name" { (tr.t("login-name")) }
                input id="key-name" name="name" type="text" required pattern="[A-Za-z0-9._-]{2,64}" autocomplete="off";
            }
            p {
                label for="key-forms" { (tr.t("user-forms")) }
                input id="key-forms" name="forms" type="text" required autocomplete="off" aria-describedby="key-forms-hint";
                span id="key-forms-hint" class="hint" { (tr.t("user-forms-hint")) }
            }
            p {
                label for="key-site" { (tr.t("open311-site")) }
                select id="key-site" name="site" {
                    option value="" { (tr.t("open311-every-site")) }
                    @for site in &sites { option value=(site.site) { (site.site) } }
                }
            }
            p {
                input id="key-personal" name="personal" type="checkbox" value="on";
                " "
                label for="key-personal" { (tr.t("open311-personal-allow")) }
            }
            p { button type="submit" { (tr.t("open311-add-submit")) } }
        }
        h2 { (tr.t("open311-push-heading")) }
        @if pushes.is_empty() {
            p { (tr.t("open311-no-push")) }
        } @else {
            div class="scroll" { table {
                caption { (tr.t("open311-push-caption")) }
                thead { tr {
                    th scope="col" { (tr.t("login-name")) }
                    th scope="col" { (tr.t("open311-endpoint")) }
                    th scope="col" class="n" { (tr.t("open311-sent")) }
                    th scope="col" class="n" { (tr.t("open311-waiting")) }
                    th scope="col" class="n" { (tr.t("open311-failing")) }
                } }
                tbody {
                    @for (counts, name, endpoint) in &pushes {
                        tr {
                            th scope="row" { (name) }
                            td { code { (endpoint) } }
                            td class="n" { (counts.sent) }
                            td class="n" { (counts.waiting) }
                            td class="n" {
                                @if counts.failing > 0 { span class="badge alert" { (counts.failing) } } @else { "0" }
                            }
                        }
                    }
                }
            } }
        }
    };
    (
        status,
        layout::page(tr, Some(staff), &title, "/staff/open311", body),
    )
        .into_response()
}

/// The form that makes a key.
#[derive(Debug, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf: String,
    name: String,
    /// Form ids, separated by commas or spaces.
    #[serde(default)]
    forms: String,
    site: Option<String>,
    personal: Option<String>,
}

/// Makes a key (admins; audited) and shows it once.
pub async fn add(
    State(state): State<AppState>,
    staff: Allowed<Administers>,
    headers: HeaderMap,
    Form(form): Form<AddForm>,
) -> Response {
    let tr = tr_for(&headers);
    if let Some(refusal) = layout::refuse_admin_form(tr, &staff, &form.csrf) {
        return refusal;
    }
    let forms = layout::name_list(&form.forms);
    let sites: Vec<String> = form.site.into_iter().filter(|s| !s.is_empty()).collect();
    let personal = form.personal.is_some();
    let (name, who, role) = (
        form.name.trim().to_owned(),
        staff.user.name.clone(),
        staff.role(),
    );
    let wanted = name.clone();
    let made = state
        .store
        .call(move |store| {
            let now = clock::now();
            let made =
                crate::open311::make_key(store, &wanted, &forms, &sites, personal, &who, now);
            if made.is_ok() {
                let detail = format!(
                    "{wanted}: forms {}{}",
                    forms.join(", "),
                    if personal {
                        ", with personal fields"
                    } else {
                        ""
                    }
                );
                store.audit(&who, role, "add_open311_key", &detail, now)?;
            }
            Ok(made)
        })
        .await;
    let outcome = match made {
        Ok(Ok(key)) => Outcome::Made { name, key },
        Ok(Err(crate::open311::Open311Error::Store(error))) | Err(error) => {
            return ApiFailure::from(error).into_response();
        }
        Ok(Err(problem)) => Outcome::Problem(problem.to_string()),
    };
    render(&state, &staff, tr, Some(outcome)).await
}

/// The form that deletes a key.
#[derive(Debug, Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
    name: String,
}

/// Deletes a key (admins; audited).
pub async fn delete(
    State(state): State<AppState>,
    staff: Allowed<Administers>,
    headers: HeaderMap,
    Form(form): Form<DeleteForm>,
) -> Response {
    let tr = tr_for(&headers);
    if let Some(refusal) = layout::refuse_admin_form(tr, &staff, &form.csrf) {
        return refusal;
    }
    let (who, role, name) = (staff.user.name.clone(), staff.role(), form.name.clone());
    let deleted = state
        .store
        .call(move |store| {
            let deleted = store.delete_open311_key(&name)?;
            if deleted {
                store.audit(&who, role, "delete_open311_key", &name, clock::now())?;
            }
            Ok(deleted)
        })
        .await;
    let outcome = match deleted {
        Ok(true) => Outcome::Deleted(form.name),
        Ok(false) => Outcome::Problem(tr.ta("open311-no-such-key", &[("name", form.name.into())])),
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    render(&state, &staff, tr, Some(outcome)).await
}
