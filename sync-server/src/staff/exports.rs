//! `/staff/exports`: every figure of a month (or of every month) as CSV or JSON in the tidy
//! shape, the definitions file beside them, and the same table on the page. Suppressed for
//! everyone but analysts, whose unsuppressed downloads are logged.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::auth::{Staff, tr_for};
use super::dashboard::choose_month;
use super::gate::{Allowed, AnyRole, SeesMetrics};
use super::layout;
use super::view::{metric_link, noise_notice, unit_name, value_cell};
use crate::metrics::{MetricRow, Noise, export};
use crate::{AppState, api::ApiFailure, clock};

/// `?month=YYYY-MM` or `?month=all`.
#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    month: Option<String>,
}

/// What a request for figures found.
struct Found {
    /// The month shown, or `all`.
    label: String,
    /// Its rows, as the role may see them.
    rows: Vec<MetricRow>,
    /// Every month with figures.
    months: Vec<String>,
    /// Noise on each month shown.
    noise: Vec<(String, Noise)>,
}

/// The rows of one month or of all of them, as the role may see them; logged for analysts.
async fn rows_for(
    state: &AppState,
    staff: &Staff,
    month: Option<String>,
    what: &'static str,
) -> Result<Found, ApiFailure> {
    let cache = state.figures.clone();
    let unsuppressed = staff.role().sees_unsuppressed();
    let (who, role) = (staff.user.name.clone(), staff.role());
    Ok(state
        .store
        .call(move |store| {
            let now = clock::now();
            let months = store.rollup_months()?;
            let visible =
                super::dashboard::visible_months(store, months.clone(), now, unsuppressed)?;
            let (label, chosen) = match month.as_deref() {
                Some("all") => ("all".to_owned(), visible),
                None => {
                    let month = choose_month(&visible, None);
                    (month.clone(), vec![month])
                }
                asked => {
                    let month = choose_month(&months, asked);
                    (month.clone(), vec![month])
                }
            };
            let mut rows = Vec::new();
            let mut noise = Vec::new();
            for m in &chosen {
                let (figures, how) = cache
                    .shown(store, m, now, unsuppressed)
                    .map_err(super::figures_failure)?;
                rows.extend(figures.rows_for(unsuppressed));
                noise.push((m.clone(), how));
            }
            if unsuppressed {
                store.audit(
                    &who,
                    role,
                    "view_unsuppressed",
                    &format!("{what} {label}"),
                    now,
                )?;
            }
            Ok(Found {
                label,
                rows,
                months,
                noise,
            })
        })
        .await?)
}

pub(super) fn download(body: String, content_type: &'static str, filename: String) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

pub async fn page(
    State(state): State<AppState>,
    staff: Allowed<SeesMetrics>,
    headers: HeaderMap,
    Query(query): Query<ExportQuery>,
) -> Response {
    let tr = tr_for(&headers);
    let month = query.month.filter(|m| m != "all");
    let Found {
        label: month,
        rows,
        months,
        noise,
    } = match rows_for(&state, &staff, month, "exports page").await {
        Ok(found) => found,
        Err(failure) => return failure.into_response(),
    };
    let unsuppressed = staff.role().sees_unsuppressed();
    let title = tr.t("exports-title");
    let body = html! {
        h1 { (title) }
        p { (tr.t("exports-intro")) }
        form method="get" action="/staff/exports" class="inline" {
            p {
                label for="month" { (tr.t("month-label")) }
                select id="month" name="month" {
                    @for m in months.iter().rev() { option value=(m) selected[*m == month] { (m) } }
                }
            }
            p { button type="submit" { (tr.t("show")) } }
        }
        @if unsuppressed { p class="panel" role="note" { (tr.t("analyst-notice")) } }
        (noise_notice(&tr, &noise))
        ul {
            li { a href={ "/staff/exports/figures.csv?month=" (month) } download { (tr.ta("export-month-csv", &[("month", month.clone().into())])) } }
            li { a href={ "/staff/exports/figures-excel.csv?month=" (month) } download { (tr.ta("export-month-excel", &[("month", month.clone().into())])) } }
            li { a href={ "/staff/exports/figures.json?month=" (month) } download { (tr.ta("export-month-json", &[("month", month.clone().into())])) } }
            li { a href="/staff/exports/figures.csv?month=all" download { (tr.t("export-all-csv")) } }
            li { a href="/staff/exports/figures.json?month=all" download { (tr.t("export-all-json")) } }
            li { a href="/staff/exports/definitions.csv" download { (tr.t("export-definitions-csv")) } }
            li { a href="/staff/exports/definitions.json" download { (tr.t("export-definitions-json")) } }
        }
        div class="scroll" {
            table {
                caption { (tr.ta("figures-caption", &[("month", month.clone().into())])) }
                thead { tr {
                    th scope="col" { (tr.t("neighbourhood")) }
                    th scope="col" { (tr.t("metric")) }
                    th scope="col" class="n" { (tr.t("value")) }
                    th scope="col" class="n" { (tr.t("numerator")) }
                    th scope="col" class="n" { (tr.t("denominator")) }
                    th scope="col" { (tr.t("unit")) }
                } }
                tbody {
                    @for row in &rows {
                        tr {
                            th scope="row" { (row.neighbourhood) }
                            td { (metric_link(&tr, &row.metric)) }
                            td class="n" { (value_cell(&tr, Some(row), unsuppressed)) }
                            td class="n" { (row.numerator.map(export::number).unwrap_or_default()) }
                            td class="n" { (row.denominator.map(export::number).unwrap_or_default()) }
                            td { (unit_name(&tr, row.unit)) }
                        }
                    }
                }
            }
        }
    };
    layout::page(tr, Some(&staff), &title, "/staff/exports", body).into_response()
}

pub async fn figures_csv(
    State(state): State<AppState>,
    staff: Allowed<SeesMetrics>,
    Query(query): Query<ExportQuery>,
) -> Response {
    figures_file(state, staff.into_inner(), query, Format::Csv).await
}

/// The CSV with a byte-order mark, which Excel needs to read accented names.
pub async fn figures_excel(
    State(state): State<AppState>,
    staff: Allowed<SeesMetrics>,
    Query(query): Query<ExportQuery>,
) -> Response {
    figures_file(state, staff.into_inner(), query, Format::Excel).await
}

/// How a figures file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Excel,
    Json,
}

pub async fn figures_json(
    State(state): State<AppState>,
    staff: Allowed<SeesMetrics>,
    Query(query): Query<ExportQuery>,
) -> Response {
    figures_file(state, staff.into_inner(), query, Format::Json).await
}

async fn figures_file(
    state: AppState,
    staff: Staff,
    query: ExportQuery,
    format: Format,
) -> Response {
    let what = match format {
        Format::Json => "export json",
        Format::Csv | Format::Excel => "export csv",
    };
    match rows_for(&state, &staff, query.month, what).await {
        Ok(Found { label, rows, .. }) => match format {
            Format::Json => download(
                export::json(&rows),
                "application/json",
                format!("access-gap-{label}.json"),
            ),
            Format::Csv => download(
                export::csv(&rows),
                "text/csv; charset=utf-8",
                format!("access-gap-{label}.csv"),
            ),
            Format::Excel => download(
                export::csv_for_excel(&rows),
                "text/csv; charset=utf-8",
                format!("access-gap-{label}-excel.csv"),
            ),
        },
        Err(failure) => failure.into_response(),
    }
}

pub async fn definitions_csv(_staff: Allowed<AnyRole>) -> Response {
    download(
        export::definitions_csv(),
        "text/csv; charset=utf-8",
        "access-gap-definitions.csv".into(),
    )
}

pub async fn definitions_json(_staff: Allowed<AnyRole>) -> Response {
    download(
        export::definitions_json(),
        "application/json",
        "access-gap-definitions.json".into(),
    )
}
