//! `/staff/definitions`: what every figure means, its formula, unit and the privacy rules
//! that apply; one page per metric, which every figure on the dashboard links to.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;

use super::auth::tr_for;
use super::gate::{Allowed, AnyRole};
use super::i18n::Tr;
use super::layout;
use super::view::{definition_href, metric_name, unit_name};
use crate::AppState;
use crate::metrics::compute::K;
use crate::metrics::definitions::{DEFINITIONS, Definition, Rule, definition};
use crate::metrics::privacy;

fn formula(tr: &Tr, d: &Definition) -> String {
    tr.try_t(&format!("metric-{}-formula", d.id))
        .unwrap_or_else(|| d.formula.to_owned())
}

fn about(tr: &Tr, d: &Definition) -> String {
    tr.try_t(&format!("metric-{}-about", d.id))
        .unwrap_or_else(|| d.about.to_owned())
}

fn rule_text(tr: &Tr, rule: Rule) -> String {
    let id = match rule {
        Rule::SmallCells => "rule-small-cells",
        Rule::SecondarySuppression => "rule-secondary",
        Rule::FromShownFiguresOnly => "rule-from-shown",
        Rule::NotPersonal => "rule-not-personal",
        Rule::OptionalNoise => "rule-noise",
        Rule::HiddenUnderNoise => "rule-hidden-under-noise",
        Rule::ClosedMonths => "rule-closed-months",
        Rule::BoundedByHiddenCounts => "rule-bounded-by-hidden",
    };
    let days = crate::metrics::publication::GRACE_DAYS;
    match tr.try_t(id) {
        Some(_) => tr.ta(id, &[("days", days.into())]),
        None => rule.describe().to_owned(),
    }
}

pub async fn list(
    State(state): State<AppState>,
    staff: Allowed<AnyRole>,
    headers: HeaderMap,
) -> Response {
    let tr = tr_for(&headers);
    // A store failure only loses the line saying whether noise is on now.
    let noise = state.store.call(privacy::noise_settings).await.ok();
    let title = tr.t("definitions-title");
    let body = html! {
        h1 { (title) }
        p { (tr.t("definitions-intro")) }
        table {
            caption { (tr.t("definitions-caption")) }
            thead { tr {
                th scope="col" { (tr.t("metric")) }
                th scope="col" { (tr.t("formula")) }
                th scope="col" { (tr.t("unit")) }
            } }
            tbody {
                @for d in DEFINITIONS {
                    tr {
                        th scope="row" { a href=(definition_href(d.id)) { code { (d.id) } " " (metric_name(&tr, d.id)) } }
                        td { (formula(&tr, d)) }
                        td { (unit_name(&tr, d.unit)) }
                    }
                }
            }
        }
        section id="privacy" aria-labelledby="privacy-heading" {
            h2 id="privacy-heading" { (tr.t("privacy-heading")) }
            ul {
                li { (tr.ta("privacy-k", &[("k", K.into())])) }
                li { (rule_text(&tr, Rule::SecondarySuppression)) }
                li { (tr.t("privacy-minimal")) }
                li { (tr.t("privacy-monthly")) }
                li { (tr.ta("privacy-closed-months", &[("days", crate::metrics::publication::GRACE_DAYS.into())])) }
                li {
                    (rule_text(&tr, Rule::OptionalNoise)) " "
                    @match noise {
                        Some(Some(n)) => { strong { (tr.ta("noise-now-on", &[("epsilon", crate::metrics::export::number(n.epsilon).into())])) } }
                        Some(None) => { strong { (tr.t("noise-now-off")) } }
                        None => {}
                    }
                    " " a href="/staff/privacy" { (tr.t("noise-more")) }
                }
                li { (tr.t("privacy-roles")) }
            }
        }
        p { (tr.t("definitions-downloads")) " "
            a href="/staff/exports/definitions.csv" { "CSV" } " · "
            a href="/staff/exports/definitions.json" { "JSON" } }
    };
    layout::page(tr, Some(&staff), &title, "/staff/definitions", body).into_response()
}

pub async fn one(staff: Allowed<AnyRole>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let tr = tr_for(&headers);
    let Some(d) = definition(&id) else {
        return layout::refused(tr, StatusCode::NOT_FOUND, &tr.t("definition-unknown"));
    };
    let title = format!("{} {}", d.id, metric_name(&tr, d.id));
    let body = html! {
        p { a href="/staff/definitions" { (tr.t("definitions-back")) } }
        h1 { code { (d.id) } " " (metric_name(&tr, d.id)) }
        dl class="panel" {
            dt { (tr.t("formula")) } dd { (formula(&tr, d)) }
            dt { (tr.t("unit")) } dd { (unit_name(&tr, d.unit)) }
            @if let Some(breakdown) = d.breakdown {
                dt { (tr.t("breakdown")) } dd { code { "[" (breakdown) "]" } }
            }
            dt { (tr.t("about")) } dd { (about(&tr, d)) }
        }
        h2 { (tr.t("rules-that-apply")) }
        ul {
            @for rule in d.rules { li { (rule_text(&tr, *rule)) } }
        }
        p { a href="/staff/definitions#privacy" { (tr.t("privacy-rules-link")) } }
    };
    layout::page(tr, Some(&staff), &title, "/staff/definitions", body).into_response()
}
