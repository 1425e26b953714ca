//! `/staff/privacy`: whether the figures city staff see carry differential-privacy noise, the
//! yearly ε ledger, and (for admins) turning noise on or off and releasing a month that is
//! over. Every change is in the audit log.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::auth::{Staff, tr_for};
use super::gate::{Administers, Allowed, SeesMetrics};
use super::i18n::Tr;
use super::layout;
use crate::content::ContentShelf;
use crate::metrics::privacy::{self, NoiseSettings, PrivacyError, TABLES};
use crate::store::{LedgerLine, Store, StoreError};
use crate::{AppState, api::ApiFailure, clock};

/// What an admin's form did.
enum Outcome {
    Done(String),
    Problem(String),
}

/// What the page shows.
struct Data {
    noise: Option<NoiseSettings>,
    ledger: Vec<LedgerLine>,
    /// Months with figures that are over, newest first, and whether each is released.
    months: Vec<(String, bool)>,
    /// (year, ε spent) for every year in the ledger.
    spent: Vec<(i64, f64)>,
}

fn load(store: &Store, now: i64) -> Result<Data, StoreError> {
    let released = store.released_months()?;
    let current = crate::metrics::calendar(store)?.month_of(now);
    let months = store
        .rollup_months()?
        .into_iter()
        .rev()
        .filter(|month| *month < current)
        .map(|month| {
            let done = released.contains(&month);
            (month, done)
        })
        .collect();
    let ledger = store.privacy_ledger()?;
    let mut years: Vec<i64> = ledger.iter().map(|line| line.year).collect();
    years.sort_unstable();
    years.dedup();
    let spent = years
        .into_iter()
        .map(|year| Ok((year, store.epsilon_spent(year)?)))
        .collect::<Result<_, StoreError>>()?;
    Ok(Data {
        noise: privacy::noise_settings(store)?,
        ledger,
        months,
        spent,
    })
}

pub async fn page(
    State(state): State<AppState>,
    staff: Allowed<SeesMetrics>,
    headers: HeaderMap,
) -> Response {
    render(&state, &staff, tr_for(&headers), None).await
}

async fn render(state: &AppState, staff: &Staff, tr: Tr, outcome: Option<Outcome>) -> Response {
    let data = match state.store.call(|store| load(store, clock::now())).await {
        Ok(data) => data,
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    let status = if matches!(outcome, Some(Outcome::Problem(_))) {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let admin = staff.role().administers();
    let number = |value: f64| crate::metrics::export::number(value);
    let title = tr.t("privacy-title");
    let ready: Vec<&String> = data.months.iter().map(|(month, _)| month).collect();
    let body = html! {
        h1 { (title) }
        @match &outcome {
            Some(Outcome::Done(message)) => { p class="panel ok" role="status" { (message) } }
            Some(Outcome::Problem(message)) => { p class="panel problem" role="alert" { (message) } }
            None => {}
        }
        p { (tr.t("privacy-intro")) " " a href="/staff/definitions#privacy" { (tr.t("privacy-rules-link")) } }
        @match &data.noise {
            None => { p class="panel" { strong { (tr.t("privacy-off")) } } }
            Some(noise) => {
                p class="panel" { strong { (tr.ta("privacy-on", &[
                    ("epsilon", number(noise.epsilon).into()),
                    ("tables", (TABLES.len() as i64).into()),
                    ("cost", number(noise.release_cost()).into()),
                    ("budget", number(noise.yearly_budget).into()),
                ])) } }
            }
        }
        section aria-labelledby="ledger-heading" {
            h2 id="ledger-heading" { (tr.t("privacy-ledger-heading")) }
            @if data.ledger.is_empty() {
                p { (tr.t("privacy-ledger-empty")) }
            } @else {
                table {
                    caption { (tr.t("privacy-ledger-caption")) }
                    thead { tr {
                        th scope="col" { (tr.t("month-label")) }
                        th scope="col" { (tr.t("privacy-released")) }
                        th scope="col" class="n" { (tr.t("privacy-spent")) }
                    } }
                    tbody {
                        @for line in &data.ledger {
                            tr {
                                th scope="row" { (line.release) }
                                td { (crate::staff::format::utc(line.at)) }
                                td class="n" { (number(line.epsilon)) }
                            }
                        }
                    }
                }
                ul {
                    @for (year, spent) in &data.spent {
                        li { (tr.ta("privacy-year-spent", &[
                            ("year", year.to_string().into()),
                            ("spent", number(*spent).into()),
                            ("budget", data.noise.map(|n| number(n.yearly_budget)).unwrap_or_else(|| "—".into()).into()),
                        ])) }
                    }
                }
            }
        }
        @if admin {
            section aria-labelledby="settings-heading" {
                h2 id="settings-heading" { (tr.t("privacy-settings-heading")) }
                form method="post" action="/staff/privacy/settings" class="inline" {
                    input type="hidden" name="csrf" value=(staff.csrf);
                    input type="hidden" name="action" value="on";
                    p {
                        label for="epsilon" { (tr.t("privacy-epsilon-label")) }
                        input id="epsilon" name="epsilon" type="text" inputmode="decimal" aria-describedby="epsilon-hint"
                            value=(number(data.noise.map_or(privacy::DEFAULT_EPSILON, |n| n.epsilon)));
                        span id="epsilon-hint" class="hint" { (tr.ta("privacy-epsilon-hint", &[("tables", (TABLES.len() as i64).into())])) }
                    }
                    p {
                        label for="budget" { (tr.t("privacy-budget-label")) }
                        input id="budget" name="budget" type="text" inputmode="decimal"
                            value=(data.noise.map(|n| number(n.yearly_budget)).unwrap_or_default());
                    }
                    p { button type="submit" { (tr.t("privacy-turn-on")) } }
                }
                @if data.noise.is_some() {
                    form method="post" action="/staff/privacy/settings" class="inline" {
                        input type="hidden" name="csrf" value=(staff.csrf);
                        input type="hidden" name="action" value="off";
                        p { button type="submit" { (tr.t("privacy-turn-off")) } }
                    }
                }
            }
            @if data.noise.is_some() {
                section aria-labelledby="release-heading" {
                    h2 id="release-heading" { (tr.t("privacy-release-heading")) }
                    @if ready.is_empty() {
                        p { (tr.t("privacy-none-to-release")) }
                    } @else {
                        form method="post" action="/staff/privacy/release" class="inline" {
                            input type="hidden" name="csrf" value=(staff.csrf);
                            p {
                                label for="release-month" { (tr.t("privacy-release-label")) }
                                select id="release-month" name="month" {
                                    @for month in &ready {
                                        @let done = data.months.iter().any(|(m, d)| m == *month && *d);
                                        option value=(month) { (month) @if done { " (" (tr.t("privacy-released")) ")" } }
                                    }
                                }
                            }
                            p { button type="submit" { (tr.t("privacy-release-submit")) } }
                        }
                    }
                }
            }
        }
    };
    (
        status,
        layout::page(tr, Some(staff), &title, "/staff/privacy", body),
    )
        .into_response()
}

/// The settings form.
#[derive(Debug, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    csrf: String,
    action: String,
    epsilon: Option<String>,
    budget: Option<String>,
}

/// A number typed in a form: empty is "not given"; a decimal comma is accepted.
fn typed_number(text: Option<&str>) -> Result<Option<f64>, ()> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(text) => text.replace(',', ".").parse().map(Some).map_err(|_| ()),
    }
}

pub async fn settings(
    State(state): State<AppState>,
    staff: Allowed<Administers>,
    headers: HeaderMap,
    Form(form): Form<SettingsForm>,
) -> Response {
    let tr = tr_for(&headers);
    if let Some(refusal) = layout::refuse_admin_form(tr, &staff, &form.csrf) {
        return refusal;
    }
    let turn_on = match form.action.as_str() {
        "on" => true,
        "off" => false,
        _ => {
            let problem = Outcome::Problem(tr.t("error-bad-form"));
            return render(&state, &staff, tr, Some(problem)).await;
        }
    };
    let (Ok(epsilon), Ok(budget)) = (
        typed_number(form.epsilon.as_deref()),
        typed_number(form.budget.as_deref()),
    ) else {
        let problem = Outcome::Problem(tr.t("privacy-bad-number"));
        return render(&state, &staff, tr, Some(problem)).await;
    };
    let (who, role) = (staff.user.name.clone(), staff.role());
    let changed = state
        .store
        .call(move |store| {
            let now = clock::now();
            if !turn_on {
                privacy::turn_off(store)?;
                store.audit(&who, role, "privacy_off", "", now)?;
                return Ok(Ok(()));
            }
            match privacy::turn_on(store, epsilon, budget) {
                Ok(noise) => {
                    let detail = format!(
                        "ε = {} per table, yearly budget {}",
                        noise.epsilon, noise.yearly_budget
                    );
                    store.audit(&who, role, "privacy_on", &detail, now)?;
                    Ok(Ok(()))
                }
                Err(PrivacyError::BadNumber(_)) => Ok(Err(())),
                Err(PrivacyError::Metrics(crate::metrics::MetricsError::Store(error))) => {
                    Err(error)
                }
                Err(error) => Err(StoreError::Refused(error.to_string())),
            }
        })
        .await;
    let outcome = match changed {
        Ok(Ok(())) => Outcome::Done(tr.t("privacy-saved")),
        Ok(Err(())) => Outcome::Problem(tr.t("privacy-bad-number")),
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    render(&state, &staff, tr, Some(outcome)).await
}

/// The release form.
#[derive(Debug, Deserialize)]
pub struct ReleaseForm {
    #[serde(default)]
    csrf: String,
    month: String,
}

pub async fn release(
    State(state): State<AppState>,
    staff: Allowed<Administers>,
    headers: HeaderMap,
    Form(form): Form<ReleaseForm>,
) -> Response {
    let tr = tr_for(&headers);
    if let Some(refusal) = layout::refuse_admin_form(tr, &staff, &form.csrf) {
        return refusal;
    }
    let shelf = ContentShelf::new(&state.data_dir);
    let month = form.month.trim().to_owned();
    let (who, role) = (staff.user.name.clone(), staff.role());
    let asked = month.clone();
    let released = state
        .store
        .call(move |store| {
            let now = clock::now();
            let result = privacy::release_month(store, &shelf, &asked, now, &mut rand::rng());
            if let Ok(release) = &result {
                let detail = format!("{asked}: ε = {} spent", release.cost);
                store.audit(&who, role, "privacy_release", &detail, now)?;
            }
            let left = match (privacy::noise_settings(store)?, asked.get(..4)) {
                (Some(noise), Some(year)) => {
                    let spent = store.epsilon_spent(year.parse().unwrap_or(0))?;
                    Some(((noise.yearly_budget - spent).max(0.0), noise.release_cost()))
                }
                _ => None,
            };
            Ok((result, left))
        })
        .await;
    let number = crate::metrics::export::number;
    let outcome = match released {
        Ok((Ok(release), _)) => Outcome::Done(tr.ta(
            "privacy-release-done",
            &[
                ("month", month.into()),
                ("cost", number(release.cost).into()),
            ],
        )),
        Ok((Err(PrivacyError::Budget(_)), Some((left, cost)))) => Outcome::Problem(tr.ta(
            "privacy-over-budget",
            &[("left", number(left).into()), ("cost", number(cost).into())],
        )),
        Ok((
            Err(
                PrivacyError::MonthNotOver(_)
                | PrivacyError::Metrics(crate::metrics::MetricsError::BadMonth(_)),
            ),
            _,
        )) => Outcome::Problem(tr.t("privacy-none-to-release")),
        Ok((Err(error), _)) => Outcome::Problem(error.to_string()),
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    render(&state, &staff, tr, Some(outcome)).await
}
