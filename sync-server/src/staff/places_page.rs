//! `/staff/places`: the neighbourhood baselines and outlines the metrics and the map use, and
//! forms to upload new ones. A file with mistakes is listed problem by problem (line and
//! column, or feature) and nothing of it is imported.

use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::auth::{Staff, tr_for};
use super::gate::{Allowed, Publishes};
use super::i18n::Tr;
use super::layout;
use super::upload;
use crate::places::{self, ImportErrors};
use crate::{AppState, api::ApiFailure, clock};

/// What the last upload did.
enum Outcome {
    Imported(String),
    Refused(String, ImportErrors),
    Problem(String),
}

pub async fn page(
    State(state): State<AppState>,
    staff: Allowed<Publishes>,
    headers: HeaderMap,
) -> Response {
    render(&state, &staff, tr_for(&headers), None).await
}

async fn render(state: &AppState, staff: &Staff, tr: Tr, outcome: Option<Outcome>) -> Response {
    let loaded = state
        .store
        .call(|store| Ok((store.baselines()?, store.boundaries()?)))
        .await;
    let (baselines, boundaries) = match loaded {
        Ok(found) => found,
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    let status = match outcome {
        Some(Outcome::Refused(..) | Outcome::Problem(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    let title = tr.t("places-title");
    let body = html! {
        h1 { (title) }
        @match &outcome {
            Some(Outcome::Imported(message)) => { p class="panel ok" role="status" { (message) } }
            Some(Outcome::Refused(file, errors)) => {
                div class="panel" role="alert" {
                    p class="problem" { (tr.ta("import-refused", &[("file", file.clone().into()), ("n", (errors.0.len() as i64).into())])) }
                    ul { @for problem in &errors.0 { li { strong { (problem.at) } ": " (problem.message) } } }
                }
            }
            Some(Outcome::Problem(message)) => { p class="panel problem" role="alert" { (message) } }
            None => {}
        }
        section aria-labelledby="baselines-heading" {
            h2 id="baselines-heading" { (tr.t("baselines-heading")) }
            @if baselines.is_empty() { p { (tr.t("baselines-none")) } } @else {
                div class="scroll" { table {
                    caption { (tr.t("baselines-caption")) }
                    thead { tr {
                        th scope="col" { (tr.t("neighbourhood")) }
                        th scope="col" class="n" { (tr.t("population")) }
                        th scope="col" class="n" { (tr.t("offline-share")) }
                        th scope="col" { (tr.t("opening-hours")) }
                        th scope="col" { (tr.t("default-locale")) }
                        th scope="col" { (tr.t("outline")) }
                    } }
                    tbody { @for b in &baselines { tr {
                        th scope="row" { (b.neighbourhood) }
                        td class="n" { (b.population) }
                        td class="n" { @match b.offline_share { Some(h) => { (tr.num(h * 100.0, 1)) " %" }, None => "—" } }
                        td { (b.opening_hours) }
                        td { (b.default_locale) }
                        td { @if boundaries.iter().any(|o| o.neighbourhood == b.neighbourhood) { (tr.t("yes")) } @else { span class="alert" { (tr.t("no")) } } }
                    } } }
                } }
            }
            (upload::form(staff, "/staff/places/baselines", "baselines-file", &tr.t("baselines-upload"), ".csv,text/csv", "baselines-hint", &tr.t("upload")))
            p id="baselines-hint" class="hint" { (tr.t("baselines-hint")) " " code { (places::BASELINE_COLUMNS.join(",")) } }
        }
        section aria-labelledby="outlines-heading" {
            h2 id="outlines-heading" { (tr.t("outlines-heading")) }
            p { (tr.ta("outlines-count", &[("n", (boundaries.len() as i64).into())])) }
            (upload::form(staff, "/staff/places/outlines", "outlines-file", &tr.t("outlines-upload"), ".geojson,.json,application/geo+json", "outlines-hint", &tr.t("upload")))
            p id="outlines-hint" class="hint" { (tr.t("outlines-hint")) }
        }
    };
    (
        status,
        layout::page(tr, Some(staff), &title, "/staff/places", body),
    )
        .into_response()
}

pub async fn upload_baselines(
    State(state): State<AppState>,
    staff: Allowed<Publishes>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    handle(state, staff.into_inner(), headers, multipart, true).await
}

pub async fn upload_outlines(
    State(state): State<AppState>,
    staff: Allowed<Publishes>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    handle(state, staff.into_inner(), headers, multipart, false).await
}

async fn handle(
    state: AppState,
    staff: Staff,
    headers: HeaderMap,
    multipart: Multipart,
    baselines: bool,
) -> Response {
    let tr = tr_for(&headers);
    let upload = match upload::accept(multipart, 20, &staff, tr, staff.role().publishes()).await {
        Ok(upload) => upload,
        Err(upload::Rejected::Unreadable(message)) => {
            return render(&state, &staff, tr, Some(Outcome::Problem(message))).await;
        }
        Err(upload::Rejected::Refused(response)) => return response,
    };
    let kind = if baselines { "baselines" } else { "outlines" };
    let (who, role, file, bytes) = (
        staff.user.name.clone(),
        staff.role(),
        upload.filename.clone(),
        upload.bytes,
    );
    // Checked whole first; imported in one transaction only if there is no problem.
    let imported = state
        .store
        .call(move |store| {
            let count = if baselines {
                match places::parse_baselines(&bytes) {
                    Err(errors) => return Ok(Err(errors)),
                    Ok(list) => store
                        .import_baselines(&list, clock::now())
                        .map(|()| list.len())?,
                }
            } else {
                match places::parse_boundaries(&bytes) {
                    Err(errors) => return Ok(Err(errors)),
                    Ok(list) => store
                        .import_boundaries(&list, clock::now())
                        .map(|()| list.len())?,
                }
            };
            let detail = format!("{kind} from {file}: {count} neighbourhoods");
            store.audit(&who, role, &format!("import_{kind}"), &detail, clock::now())?;
            Ok(Ok(count))
        })
        .await;
    let outcome = match imported {
        Ok(Ok(count)) => {
            Outcome::Imported(tr.ta(&format!("{kind}-imported"), &[("n", (count as i64).into())]))
        }
        Ok(Err(errors)) => Outcome::Refused(upload.filename, errors),
        Err(error) => return ApiFailure::from(error).into_response(),
    };
    render(&state, &staff, tr, Some(outcome)).await
}
