//! `/staff/dashboard`: the access-gap index per neighbourhood as a table, a bar chart and a
//! map; trends over months; top unmet needs; the language and accessibility mix; city-wide
//! disparity. Suppressed figures for everyone but analysts, whose views are logged.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::auth::tr_for;
use super::charts::{self, Area, Bar};
use super::gate::{Allowed, SeesMetrics};
use super::i18n::Tr;
use super::layout;
use super::view::{metric_link, metric_name, noise_notice, value_cell, value_text};
use crate::metrics::{ALL, MetricRow, MonthFigures, Noise};
use crate::places::Boundary;
use crate::{AppState, clock};

/// Months shown in the trends.
const TREND_MONTHS: usize = 6;

/// `?month=YYYY-MM`.
#[derive(Debug, Deserialize)]
pub struct MonthQuery {
    /// The month to show (default: the latest with data).
    pub month: Option<String>,
}

/// What the page needs from the store.
struct Data {
    months: Vec<String>,
    month: String,
    trend: Vec<Arc<MonthFigures>>,
    /// Noise on each month of the trend.
    noise: Vec<(String, Noise)>,
    boundaries: Vec<Boundary>,
    neighbourhoods: Vec<String>,
}

/// The months a role can see figures of: every month for analysts; for everyone else, the
/// months that have closed or were released with noise.
pub fn visible_months(
    store: &crate::store::Store,
    months: Vec<String>,
    now: i64,
    unsuppressed: bool,
) -> Result<Vec<String>, crate::store::StoreError> {
    if unsuppressed {
        return Ok(months);
    }
    let calendar = crate::metrics::calendar(store)?;
    let released = store.released_months()?;
    Ok(months
        .into_iter()
        .filter(|month| {
            released.contains(month)
                || crate::metrics::publication::closes_at(&calendar, month)
                    .is_ok_and(|closes| closes <= now)
        })
        .collect())
}

/// The months with data, and the chosen one (the query's if valid, else the latest).
pub fn choose_month(months: &[String], asked: Option<&str>) -> String {
    match asked {
        Some(month) if crate::metrics::Calendar::utc().month_bounds(month).is_ok() => {
            month.to_owned()
        }
        _ => months
            .last()
            .cloned()
            .unwrap_or_else(|| crate::metrics::Calendar::utc().month_of(clock::now())),
    }
}

pub async fn dashboard(
    State(state): State<AppState>,
    staff: Allowed<SeesMetrics>,
    headers: HeaderMap,
    Query(query): Query<MonthQuery>,
) -> Response {
    let tr = tr_for(&headers);
    let cache = state.figures.clone();
    let unsuppressed = staff.role().sees_unsuppressed();
    let (who, role) = (staff.user.name.clone(), staff.role());
    let loaded = state
        .store
        .call(move |store| {
            let now = clock::now();
            let months = store.rollup_months()?;
            // The default is the latest month the reader can see figures of.
            let visible = visible_months(store, months.clone(), now, unsuppressed)?;
            let month = match query.month.as_deref() {
                Some(asked) => choose_month(&months, Some(asked)),
                None => choose_month(&visible, None),
            };
            let mut trend_months: Vec<String> =
                months.iter().filter(|m| **m <= month).cloned().collect();
            if !trend_months.contains(&month) {
                trend_months.push(month.clone());
            }
            let start = trend_months.len().saturating_sub(TREND_MONTHS);
            let mut trend = Vec::new();
            let mut noise = Vec::new();
            for m in &trend_months[start..] {
                let (figures, how) = cache
                    .shown(store, m, now, unsuppressed)
                    .map_err(super::figures_failure)?;
                trend.push(figures);
                noise.push((m.clone(), how));
            }
            if unsuppressed {
                store.audit(
                    &who,
                    role,
                    "view_unsuppressed",
                    &format!("dashboard {month}"),
                    now,
                )?;
            }
            let neighbourhoods = store
                .baselines()?
                .into_iter()
                .map(|b| b.neighbourhood)
                .collect();
            Ok(Data {
                months,
                month,
                trend,
                noise,
                boundaries: store.boundaries()?,
                neighbourhoods,
            })
        })
        .await;
    let data = match loaded {
        Ok(data) => data,
        Err(error) => return super::figures_problem(tr, error),
    };
    let title = tr.t("dashboard-title");
    let body = render(&tr, &data, unsuppressed);
    layout::page(tr, Some(&staff), &title, "/staff/dashboard", body).into_response()
}

fn slug(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn render(tr: &Tr, data: &Data, unsuppressed: bool) -> Markup {
    let Some(figures) = data.trend.last() else {
        return html! {};
    };
    html! {
        h1 { (tr.t("dashboard-title")) }
        form method="get" action="/staff/dashboard" class="inline" {
            p {
                label for="month" { (tr.t("month-label")) }
                select id="month" name="month" {
                    @for m in data.months.iter().rev() {
                        option value=(m) selected[*m == data.month] { (m) }
                    }
                    @if data.months.is_empty() { option value=(data.month) { (data.month) } }
                }
            }
            p { button type="submit" { (tr.t("show")) } }
        }
        @if unsuppressed {
            p class="panel" role="note" { (tr.t("analyst-notice")) }
        } @else {
            p class="muted" { (tr.t("suppression-notice")) " " a href="/staff/definitions#privacy" { (tr.t("privacy-rules-link")) } }
        }
        (noise_notice(tr, &data.noise))
        @if let Some(missing) = not_released(data) {
            p class="panel" role="note" { (tr.ta("noise-not-released-places", &[("places", missing.into())])) }
        }
        @if data.neighbourhoods.is_empty() {
            p class="panel" { (tr.t("no-baselines")) " " a href="/staff/places" { (tr.t("nav-places")) } }
        }
        @if !figures.rows.is_empty() { (figures_sections(tr, data, unsuppressed)) }
    }
}

/// The neighbourhoods with no figures in the chosen month's noisy release (added after it),
/// named, or None.
fn not_released(data: &Data) -> Option<String> {
    let released = data
        .noise
        .iter()
        .any(|(month, noise)| *month == data.month && matches!(noise, Noise::Released { .. }));
    let figures = data.trend.last()?;
    let missing: Vec<&str> = data
        .neighbourhoods
        .iter()
        .filter(|place| !figures.rows.iter().any(|r| &r.neighbourhood == *place))
        .map(String::as_str)
        .collect();
    (released && !missing.is_empty()).then(|| missing.join(", "))
}

/// Everything below the month picker, for a month with figures to show.
fn figures_sections(tr: &Tr, data: &Data, unsuppressed: bool) -> Markup {
    let Some(figures) = data.trend.last() else {
        return html! {};
    };
    let find = |place: &str, metric: &str| figures.find(place, metric);
    let mut places: Vec<&String> = data.neighbourhoods.iter().collect();
    // Widest gap first; hidden ones last.
    let gap = |place: &str| {
        find(place, "gap_index")
            .filter(|r| unsuppressed || !r.suppressed)
            .and_then(|r| r.value)
    };
    places.sort_by(|a, b| {
        gap(b)
            .unwrap_or(-1.0)
            .partial_cmp(&gap(a).unwrap_or(-1.0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let columns = [
        "gap_index",
        "inclusion_score",
        "access",
        "use",
        "ability",
        "M1",
        "M6",
        "M7",
        "M13",
        "M13b",
    ];
    html! {
        section aria-labelledby="gap-heading" {
            h2 id="gap-heading" { (tr.ta("gap-heading", &[("month", data.month.clone().into())])) }
            div class="charts" {
                figure {
                    figcaption { a href="/staff/definitions/gap_index" { (metric_name(tr, "gap_index")) } }
                    (charts::bar_chart(tr, &tr.t("gap-chart-label"), &places.iter().map(|place| Bar {
                        label: (*place).clone(),
                        value: gap(place),
                        text: value_text(tr, find(place, "gap_index"), unsuppressed),
                    }).collect::<Vec<_>>(), 100.0))
                }
                @if !data.boundaries.is_empty() {
                    figure {
                        figcaption { (tr.t("map-caption")) }
                        (charts::choropleth(&tr.t("map-label"), &data.boundaries.iter().map(|b| Area {
                            boundary: b,
                            value: gap(&b.neighbourhood),
                            text: value_text(tr, find(&b.neighbourhood, "gap_index"), unsuppressed),
                        }).collect::<Vec<_>>()))
                        ul class="legend" aria-label=(tr.t("legend-label")) {
                            @for (i, _) in charts::CLASS_COLOURS.iter().enumerate() {
                                li { span class={ "swatch s" (i) } {} (i * 20) "–" (i * 20 + 20) }
                            }
                            li { span class="swatch snone" {} (tr.t("legend-no-figure")) }
                        }
                    }
                }
            }
            div class="scroll" {
                table {
                    caption { (tr.t("gap-table-caption")) }
                    thead { tr {
                        th scope="col" { (tr.t("neighbourhood")) }
                        @for id in columns { th scope="col" class="n" { (metric_link(tr, id)) } }
                    } }
                    tbody {
                        @for place in &places {
                            tr id={ "nb-" (slug(place)) } {
                                th scope="row" { (place) }
                                @for id in columns { td class="n" { (value_cell(tr, find(place, id), unsuppressed)) } }
                            }
                        }
                    }
                }
            }
            (disparity(tr, figures))
        }
        (trends(tr, data, &places, unsuppressed))
        (unmet(tr, figures, unsuppressed))
        (mix(tr, figures, unsuppressed))
        p { a href={ "/staff/exports?month=" (data.month) } { (tr.t("all-figures-link")) } }
    }
}

fn disparity(tr: &Tr, figures: &MonthFigures) -> Markup {
    html! {
        h3 { (tr.t("disparity-heading")) }
        dl class="panel" {
            @for id in ["gini_m1", "quintile_ratio_m1"] {
                dt { (metric_link(tr, id)) }
                dd { (value_text(tr, figures.find(ALL, id), false)) }
            }
        }
    }
}

fn trends(tr: &Tr, data: &Data, places: &[&String], unsuppressed: bool) -> Markup {
    let shown = |figures: &MonthFigures, place: &str| {
        figures
            .find(place, "gap_index")
            .filter(|r| unsuppressed || !r.suppressed)
            .and_then(|r| r.value)
    };
    html! {
        section aria-labelledby="trend-heading" {
            h2 id="trend-heading" { (tr.t("trend-heading")) }
            div class="scroll" {
                table {
                    caption { (tr.t("trend-caption")) " (" a href="/staff/definitions/gap_index" { (metric_name(tr, "gap_index")) } ")" }
                    thead { tr {
                        th scope="col" { (tr.t("neighbourhood")) }
                        @for figures in &data.trend { th scope="col" class="n" { (figures.month) } }
                        th scope="col" { (tr.t("trend-column")) }
                    } }
                    tbody {
                        @for place in places {
                            tr {
                                th scope="row" { (place) }
                                @for figures in &data.trend {
                                    td class="n" { (value_cell(tr, figures.find(place, "gap_index"), unsuppressed)) }
                                }
                                td { (charts::sparkline(&tr.ta("trend-sparkline-label", &[("place", (*place).clone().into())]),
                                    &data.trend.iter().map(|f| shown(f, place)).collect::<Vec<_>>())) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn unmet(tr: &Tr, figures: &MonthFigures, unsuppressed: bool) -> Markup {
    let mut topics: Vec<&MetricRow> = figures
        .rows
        .iter()
        .filter(|r| r.neighbourhood == ALL && r.metric.starts_with("M5["))
        .collect();
    // Topics with none unmet are left out by their published value; the order is by
    // published value, hidden ones last, then by name.
    let hidden = |r: &MetricRow| r.suppressed && !unsuppressed;
    topics.retain(|r| hidden(r) || r.value.unwrap_or(0.0) > 0.0);
    by_published_value(&mut topics, unsuppressed);
    topics.truncate(10);
    html! {
        section aria-labelledby="unmet-heading" {
            h2 id="unmet-heading" { (tr.t("unmet-heading")) }
            p { (metric_link(tr, "M5")) ": " strong { (value_text(tr, figures.find(ALL, "M5"), unsuppressed)) } }
            @if topics.is_empty() {
                p class="muted" { (tr.t("unmet-none")) }
            } @else {
                table {
                    caption { (tr.t("unmet-caption")) }
                    thead { tr { th scope="col" { (tr.t("topic")) } th scope="col" class="n" { (tr.t("unmet-requests")) } } }
                    tbody {
                        @for row in topics {
                            tr {
                                th scope="row" { code { (row.metric.trim_start_matches("M5[").trim_end_matches(']')) } }
                                td class="n" { (value_cell(tr, Some(row), unsuppressed)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Sorts rows by the value the reader is shown, largest first, hidden ones last, then by
/// metric: never by a value the reader may not see (where a hidden row sits would bound it).
fn by_published_value(rows: &mut [&MetricRow], unsuppressed: bool) {
    let shown = |r: &MetricRow| (unsuppressed || !r.suppressed).then_some(r.value).flatten();
    rows.sort_by(|a, b| {
        match (shown(a), shown(b)) {
            (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(std::cmp::Ordering::Equal),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.metric.cmp(&b.metric))
    });
}

fn mix(tr: &Tr, figures: &MonthFigures, unsuppressed: bool) -> Markup {
    let breakdown = |prefix: &str| -> Vec<&MetricRow> {
        let mut rows: Vec<&MetricRow> = figures
            .rows
            .iter()
            .filter(|r| r.neighbourhood == ALL && r.metric.starts_with(prefix))
            .collect();
        by_published_value(&mut rows, unsuppressed);
        rows
    };
    let table = |caption: String, rows: Vec<&MetricRow>| {
        html! {
            table {
                caption { (caption) }
                thead { tr { th scope="col" { (tr.t("share-of-visits")) } th scope="col" class="n" { "%" } th scope="col" { span class="visually-hidden" { (tr.t("bar")) } } } }
                tbody {
                    @for row in rows {
                        tr {
                            th scope="row" { (metric_name(tr, &row.metric)) }
                            td class="n" { (value_cell(tr, Some(row), unsuppressed)) }
                            td {
                                @if unsuppressed || !row.suppressed {
                                    meter min="0" max="100" value=(format!("{:.1}", row.value.unwrap_or(0.0))) aria-label=(metric_name(tr, &row.metric)) {}
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    html! {
        section aria-labelledby="mix-heading" {
            h2 id="mix-heading" { (tr.t("mix-heading")) }
            p class="muted" { (tr.t("mix-note")) }
            div class="charts" {
                div {
                    p { (metric_link(tr, "M7")) ": " strong { (value_text(tr, figures.find(ALL, "M7"), unsuppressed)) } }
                    (table(tr.t("language-caption"), breakdown("M7[")))
                }
                div {
                    p { (metric_link(tr, "M6")) ": " strong { (value_text(tr, figures.find(ALL, "M6"), unsuppressed)) } }
                    (table(tr.t("accessibility-caption"), breakdown("M6[")))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rows_sit_last_in_name_order_whatever_their_true_values() {
        let row = |metric: &str, value: f64, suppressed: bool| MetricRow {
            neighbourhood: ALL.into(),
            month: "2026-03".into(),
            metric: metric.into(),
            value: Some(value),
            numerator: None,
            denominator: None,
            unit: "%",
            suppressed,
        };
        let rows = [
            row("M7[uk]", 3.0, true),
            row("M7[ar]", 40.0, false),
            row("M7[pl]", 90.0, true),
            row("M7[es]", 55.0, false),
        ];
        let order = |rows: &[MetricRow], unsuppressed: bool| {
            let mut sorted: Vec<&MetricRow> = rows.iter().collect();
            by_published_value(&mut sorted, unsuppressed);
            sorted.iter().map(|r| r.metric.clone()).collect::<Vec<_>>()
        };
        assert_eq!(
            order(&rows, false),
            ["M7[es]", "M7[ar]", "M7[pl]", "M7[uk]"]
        );
        // Swapping the hidden rows' true values changes nothing a non-analyst sees.
        let mut swapped = rows.clone();
        swapped[0].value = Some(90.0);
        swapped[2].value = Some(3.0);
        assert_eq!(order(&swapped, false), order(&rows, false));
        // Analysts see true values, and the order follows them.
        assert_eq!(order(&rows, true), ["M7[pl]", "M7[es]", "M7[ar]", "M7[uk]"]);
    }
}
