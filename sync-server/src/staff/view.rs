//! Small pieces the staff pages share: how a figure is written (suppressed, missing, a
//! percentage), metric and unit names in the page's language, links to definitions.

use maud::{Markup, html};

use super::i18n::Tr;
use crate::metrics::MetricRow;
use crate::metrics::definitions::{self, definition};

/// The metric's name in the page's language (`M6[read_aloud]` → "Assistive use: read_aloud").
pub fn metric_name(tr: &Tr, id: &str) -> String {
    let (base, breakdown) = match id.split_once('[') {
        Some((base, rest)) => (base, Some(rest.trim_end_matches(']'))),
        None => (id, None),
    };
    let name = tr
        .try_t(&format!("metric-{base}-name"))
        .or_else(|| definition(base).map(|d| d.name.to_owned()))
        .unwrap_or_else(|| base.to_owned());
    match breakdown {
        Some(part) => format!("{name}: {}", breakdown_name(tr, part)),
        None => name,
    }
}

/// A breakdown value in the page's language where there is a name for it.
pub fn breakdown_name(tr: &Tr, code: &str) -> String {
    tr.try_t(&format!("breakdown-{code}"))
        .unwrap_or_else(|| code.to_owned())
}

/// The definition page of a metric.
pub fn definition_href(id: &str) -> String {
    let base = id.split('[').next().unwrap_or(id);
    format!("/staff/definitions/{base}")
}

/// A link to a metric's definition, named in the page's language.
pub fn metric_link(tr: &Tr, id: &str) -> Markup {
    html! { a href=(definition_href(id)) { (metric_name(tr, id)) } }
}

/// The unit in the page's language.
pub fn unit_name(tr: &Tr, unit: &str) -> String {
    let id = match unit {
        definitions::PER_1000 => "unit-per-1000",
        definitions::PER_1000_OFFLINE => "unit-per-1000-offline",
        definitions::PERCENT => "unit-percent",
        definitions::RATING => "unit-rating",
        definitions::HOURS => "unit-hours",
        definitions::KIOSKS => "unit-kiosks",
        definitions::REQUESTS => "unit-requests",
        definitions::VISITS => "unit-visits",
        definitions::SCORE_0_1 => "unit-0-1",
        definitions::SCORE_0_100 => "unit-0-100",
        definitions::RATIO => "unit-ratio",
        other => return other.to_owned(),
    };
    tr.t(id)
}

/// Decimals that suit a unit.
fn decimals(unit: &str) -> usize {
    match unit {
        definitions::SCORE_0_1 | definitions::RATIO => 2,
        definitions::HOURS | definitions::KIOSKS | definitions::REQUESTS | definitions::VISITS => 0,
        _ => 1,
    }
}

/// A figure as text: suppressed, missing, or the value (with % for rates).
pub fn value_text(tr: &Tr, row: Option<&MetricRow>, unsuppressed: bool) -> String {
    let Some(row) = row else {
        return "—".into();
    };
    if row.suppressed && !unsuppressed {
        return tr.t("suppressed-short");
    }
    match row.value {
        None => "—".into(),
        Some(value) => {
            let text = tr.num(value, decimals(row.unit));
            if row.unit == definitions::PERCENT {
                format!("{text} %")
            } else {
                text
            }
        }
    }
}

/// A figure for a table cell; suppressed ones say why, and analysts see them marked.
pub fn value_cell(tr: &Tr, row: Option<&MetricRow>, unsuppressed: bool) -> Markup {
    let text = value_text(tr, row, unsuppressed);
    let suppressed = row.is_some_and(|r| r.suppressed);
    html! {
        @if suppressed && !unsuppressed {
            abbr title=(tr.t("suppressed-explained")) { (text) }
        } @else if suppressed {
            (text) " " abbr title=(tr.t("suppressed-for-others")) { "*" }
        } @else {
            (text)
        }
    }
}

/// What a page says about noise on the figures of `months` (nothing while noise is off).
pub fn noise_notice(tr: &Tr, months: &[(String, crate::metrics::Noise)]) -> Markup {
    use crate::metrics::Noise;
    let released: Vec<(f64, i64)> = months
        .iter()
        .filter_map(|(_, noise)| match noise {
            Noise::Released { epsilon, at } => Some((*epsilon, *at)),
            _ => None,
        })
        .collect();
    let waiting: Vec<&str> = months
        .iter()
        .filter(|(_, noise)| *noise == Noise::NotReleased)
        .map(|(month, _)| month.as_str())
        .collect();
    let provisional: Vec<String> = months
        .iter()
        .filter_map(|(month, noise)| match noise {
            Noise::NotPublished { on } => Some(format!("{month} ({})", super::format::utc(*on))),
            _ => None,
        })
        .collect();
    html! {
        @if let Some((epsilon, at)) = released.last() {
            p class="panel" role="note" {
                (tr.ta("noise-on", &[("epsilon", epsilon.to_string().into()), ("when", super::format::utc(*at).into())]))
                " " a href="/staff/privacy" { (tr.t("noise-more")) }
            }
        }
        @if !waiting.is_empty() {
            p class="panel" role="note" {
                (tr.ta("noise-not-released", &[("months", waiting.join(", ").into())]))
                " " a href="/staff/privacy" { (tr.t("noise-more")) }
            }
        }
        @if !provisional.is_empty() {
            p class="panel" role="note" {
                (tr.ta("not-published-yet", &[("months", provisional.join(", ").into()), ("days", crate::metrics::publication::GRACE_DAYS.into())]))
                " " a href="/staff/definitions#privacy" { (tr.t("noise-more")) }
            }
        }
    }
}
