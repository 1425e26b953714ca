//! `/staff/users` (admins): staff logins and the audit log, a form to add a login (its
//! password is made here and shown once), and per login: disable or enable, a new password
//! (shown once), sign out everywhere, delete. Every change is in the audit log.

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
use crate::accounts::{self, AccountChange, AccountError};
use crate::store::Role;
use crate::{AppState, api::ApiFailure, clock};

enum Outcome {
    Added {
        name: String,
        password: String,
    },
    Changed {
        name: String,
        change: AccountChange,
        password: Option<String>,
    },
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
    let loaded = state
        .store
        .call(|store| {
            Ok((
                store.staff_users()?,
                store.audit_entries(200)?,
                store.sites()?,
                store.staff_session_counts(clock::now())?,
            ))
        })
        .await;
    let (users, audit, sites, sessions) = match loaded {
        Ok(found) => found,
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    let status = if matches!(outcome, Some(Outcome::Problem(_))) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let title = tr.t("users-title");
    let body = html! {
        h1 { (title) }
        @match &outcome {
            Some(Outcome::Added { name, password }) => {
                div class="panel" role="status" {
                    p class="ok" { (tr.ta("user-added", &[("name", name.clone().into())])) }
                    p { (tr.t("user-password-once")) " " code { (password) } }
                }
            }
            Some(Outcome::Changed { name, change, password }) => {
                div class="panel" role="status" {
                    p class="ok" { (tr.ta("user-changed", &[("name", name.clone().into()), ("change", tr.t(&format!("user-do-{}", change.as_str())).into())])) }
                    @if let Some(password) = password {
                        p { (tr.ta("user-new-password", &[("name", name.clone().into())])) " " code { (password) } }
                    }
                }
            }
            Some(Outcome::Problem(message)) => { p class="panel problem" role="alert" { (message) } }
            None => {}
        }
        div class="scroll" { table {
            caption { (tr.t("users-caption")) }
            thead { tr {
                th scope="col" { (tr.t("login-name")) } th scope="col" { (tr.t("role")) } th scope="col" { (tr.t("sites")) }
                th scope="col" { (tr.t("user-status")) } th scope="col" class="n" { (tr.t("user-sessions")) } th scope="col" { (tr.t("actions")) }
            } }
            tbody {
                @for user in &users {
                    tr {
                        th scope="row" { (user.name) }
                        td { (tr.t(&format!("role-{}", user.role.as_str()))) }
                        td {
                            (user.sites.join(", "))
                            @if !user.forms.is_empty() { " · " (tr.t("user-forms")) ": " (user.forms.join(", ")) }
                        }
                        td { @if user.disabled { span class="badge alert" { (tr.t("user-disabled")) } } @else { (tr.t("user-active")) } }
                        td class="n" { (sessions.get(&user.name).copied().unwrap_or(0)) }
                        td {
                            form method="post" action="/staff/users/change" aria-label=(tr.ta("user-actions", &[("name", user.name.clone().into())])) {
                                input type="hidden" name="csrf" value=(staff.csrf);
                                input type="hidden" name="name" value=(user.name);
                                @if user.disabled {
                                    button type="submit" name="change" value="enable" class="secondary" { (tr.t("user-do-enable")) }
                                } @else {
                                    button type="submit" name="change" value="disable" class="secondary" { (tr.t("user-do-disable")) }
                                }
                                " " button type="submit" name="change" value="reset_password" class="secondary" { (tr.t("user-do-reset_password")) }
                                " " button type="submit" name="change" value="end_sessions" class="secondary" { (tr.t("user-do-end_sessions")) }
                                " " button type="submit" name="change" value="delete" class="danger" { (tr.t("user-do-delete")) }
                            }
                        }
                    }
                }
            }
        } }
        h2 { (tr.t("user-add-heading")) }
        form method="post" action="/staff/users" class="inline" {
            input type="hidden" name="csrf" value=(staff.csrf);
            p {
                label for="new-name" { (tr.t("login-name")) }
                input id="new-name" name="name" type="text" required pattern="[A-Za-z0-9._-]{2,64}" autocomplete="off";
            }
            p {
                label for="new-role" { (tr.t("role")) }
                select id="new-role" name="role" {
                    @for role in Role::ALL { option value=(role.as_str()) { (tr.t(&format!("role-{}", role.as_str()))) } }
                }
            }
            p {
                label for="new-site" { (tr.t("user-site")) }
                select id="new-site" name="site" {
                    option value="" { "—" }
                    @for site in &sites { option value=(site.site) { (site.site) } }
                }
            }
            p {
                label for="new-forms" { (tr.t("user-forms")) }
                input id="new-forms" name="forms" type="text" autocomplete="off" aria-describedby="new-forms-hint";
                span id="new-forms-hint" class="hint" { (tr.t("user-forms-hint")) }
            }
            p { button type="submit" { (tr.t("user-add-submit")) } }
        }
        h2 { (tr.t("audit-heading")) }
        div class="scroll" { table {
            caption { (tr.t("audit-caption")) }
            thead { tr {
                th scope="col" { (tr.t("when")) } th scope="col" { (tr.t("who")) }
                th scope="col" { (tr.t("role")) } th scope="col" { (tr.t("action")) } th scope="col" { (tr.t("detail")) }
            } }
            tbody {
                @for entry in &audit {
                    tr {
                        td { (crate::staff::format::utc(entry.at)) }
                        td { (entry.name) }
                        td { (entry.role) }
                        td { code { (entry.action) } }
                        td { (entry.detail) }
                    }
                }
            }
        } }
    };
    (
        status,
        layout::page(tr, Some(staff), &title, "/staff/users", body),
    )
        .into_response()
}

/// The add-user form.
#[derive(Debug, Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf: String,
    name: String,
    role: String,
    site: Option<String>,
    /// A case worker's forms, separated by commas or spaces.
    #[serde(default)]
    forms: String,
}

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
    let Some(role) = Role::parse(&form.role) else {
        return render(
            &state,
            &staff,
            tr,
            Some(Outcome::Problem(tr.t("error-bad-form"))),
        )
        .await;
    };
    let sites: Vec<String> = form.site.into_iter().filter(|s| !s.is_empty()).collect();
    let forms = layout::name_list(&form.forms);
    let password = accounts::generate_password();
    let (name, who, admin_role) = (
        form.name.trim().to_owned(),
        staff.user.name.clone(),
        staff.role(),
    );
    let (new_name, new_password) = (name.clone(), password.clone());
    let added = state
        .store
        .call(move |store| {
            let result = accounts::add_scoped_user(
                store,
                &new_name,
                role,
                &new_password,
                &sites,
                &forms,
                clock::now(),
            );
            if result.is_ok() {
                store.audit(
                    &who,
                    admin_role,
                    "add_user",
                    &format!("{new_name} as {}", role.as_str()),
                    clock::now(),
                )?;
            }
            Ok(result)
        })
        .await;
    let outcome = match added {
        Ok(Ok(())) => Outcome::Added { name, password },
        Ok(Err(AccountError::Store(error))) | Err(error) => {
            return ApiFailure::from(error).into_response();
        }
        Ok(Err(problem)) => Outcome::Problem(problem.to_string()),
    };
    render(&state, &staff, tr, Some(outcome)).await
}

/// A change to one login.
#[derive(Debug, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    csrf: String,
    name: String,
    change: String,
}

/// Disables, enables, resets the password of, signs out or deletes a login (admins only;
/// audited).
pub async fn change(
    State(state): State<AppState>,
    staff: Allowed<Administers>,
    headers: HeaderMap,
    Form(form): Form<ChangeForm>,
) -> Response {
    let tr = tr_for(&headers);
    if let Some(refusal) = layout::refuse_admin_form(tr, &staff, &form.csrf) {
        return refusal;
    }
    let Some(change) = AccountChange::parse(&form.change) else {
        return render(
            &state,
            &staff,
            tr,
            Some(Outcome::Problem(tr.t("error-bad-form"))),
        )
        .await;
    };
    let (who, role, name) = (staff.user.name.clone(), staff.role(), form.name.clone());
    let changed = state
        .store
        .call(move |store| {
            let result = accounts::change_account(store, Some(&who), &name, change);
            if result.is_ok() {
                store.audit(
                    &who,
                    role,
                    &format!("user_{}", change.as_str()),
                    &name,
                    clock::now(),
                )?;
            }
            Ok(result)
        })
        .await;
    let outcome = match changed {
        Ok(Ok(password)) => Outcome::Changed {
            name: form.name,
            change,
            password,
        },
        Ok(Err(AccountError::Store(error))) | Err(error) => {
            return ApiFailure::from(error).into_response();
        }
        Ok(Err(problem)) => Outcome::Problem(problem.to_string()),
    };
    render(&state, &staff, tr, Some(outcome)).await
}
