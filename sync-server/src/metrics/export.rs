//! Figures and definitions written out in one tidy shape:
//! `neighbourhood, month, metric, value, numerator, denominator, unit, suppressed`, as CSV
//! (RFC 4180) or JSON. Callers pass rows already published for the reader's role.

use serde::Serialize;

use super::MetricRow;
use super::definitions::{DEFINITIONS, Definition};

/// The CSV header of figures.
pub const HEADER: &str = "neighbourhood,month,metric,value,numerator,denominator,unit,suppressed";

/// A number as exports write it: up to four decimals, no trailing zeros.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{value:.0}");
    }
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Whether a spreadsheet would run this cell as a formula.
fn is_formula(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell made safe for a spreadsheet (a leading apostrophe before what would run as
/// a formula), for writers that do their own quoting.
pub fn defuse(field: &str) -> String {
    if is_formula(field) {
        format!("'{field}")
    } else {
        field.to_owned()
    }
}

/// A text cell as written: one that a spreadsheet would run as a formula (it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe and quotes, as
/// OWASP recommends against CSV injection; then RFC 4180 quoting.
fn quote(field: &str) -> String {
    let formula = is_formula(field);
    let field = if formula {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if formula || field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// The rows as CSV, header first.
pub fn csv(rows: &[MetricRow]) -> String {
    let mut out = String::with_capacity(64 * (rows.len() + 1));
    out.push_str(HEADER);
    out.push_str("\r\n");
    let opt = |value: Option<f64>| value.map(number).unwrap_or_default();
    for row in rows {
        let fields = [
            quote(&row.neighbourhood),
            row.month.clone(),
            quote(&row.metric),
            opt(row.value),
            opt(row.numerator),
            opt(row.denominator),
            quote(row.unit),
            row.suppressed.to_string(),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The rows as a JSON array of objects with the same fields (absent numbers are null).
pub fn json(rows: &[MetricRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into())
}

#[derive(Serialize)]
struct DefinitionOut<'a> {
    id: &'a str,
    name: &'a str,
    formula: &'a str,
    unit: &'a str,
    about: &'a str,
    breakdown: Option<&'a str>,
    privacy: Vec<&'static str>,
}

fn out(definition: &Definition) -> DefinitionOut<'_> {
    DefinitionOut {
        id: definition.id,
        name: definition.name,
        formula: definition.formula,
        unit: definition.unit,
        about: definition.about,
        breakdown: definition.breakdown,
        privacy: definition
            .rules
            .iter()
            .map(|rule| rule.describe())
            .collect(),
    }
}

/// The definitions file as CSV.
pub fn definitions_csv() -> String {
    let mut text = String::from("id,name,formula,unit,about,breakdown,privacy\r\n");
    for definition in DEFINITIONS {
        let privacy: Vec<&str> = definition.rules.iter().map(|r| r.describe()).collect();
        let fields = [
            quote(definition.id),
            quote(definition.name),
            quote(definition.formula),
            quote(definition.unit),
            quote(definition.about),
            quote(definition.breakdown.unwrap_or("")),
            quote(&privacy.join(" ")),
        ];
        text.push_str(&fields.join(","));
        text.push_str("\r\n");
    }
    text
}

/// The definitions file as JSON.
pub fn definitions_json() -> String {
    let list: Vec<DefinitionOut<'_>> = DEFINITIONS.iter().map(out).collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_a_spreadsheet_would_run_is_neutralised() {
        for (text, written) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1", "\"'+1\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tTab", "\"'\tTab\""),
            ("\rReturn", "\"'\rReturn\""),
            ("Old Town", "Old Town"),
            ("Riverside, East", "\"Riverside, East\""),
        ] {
            assert_eq!(quote(text), written, "{text:?}");
        }
        let row = MetricRow {
            neighbourhood: "=cmd|' /C calc'!A0".into(),
            month: "2026-03".into(),
            metric: "M1".into(),
            value: Some(-0.5),
            numerator: None,
            denominator: None,
            unit: "%",
            suppressed: false,
        };
        let text = csv(&[row]);
        assert!(
            text.contains("\r\n\"'=cmd|' /C calc'!A0\",2026-03,M1,-0.5,"),
            "{text}"
        );
    }

    #[test]
    fn suppressed_rows_are_written_without_figures() {
        let row = MetricRow {
            neighbourhood: "Riverside, East".into(),
            month: "2026-03".into(),
            metric: "M3".into(),
            value: Some(62.5),
            numerator: Some(25.0),
            denominator: Some(40.0),
            unit: "%",
            suppressed: false,
        };
        let hidden = MetricRow {
            metric: "M10".into(),
            suppressed: true,
            ..row.clone()
        }
        .published();
        let text = csv(&[row, hidden]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], HEADER);
        assert_eq!(
            lines[1],
            "\"Riverside, East\",2026-03,M3,62.5,25,40,%,false"
        );
        assert_eq!(lines[2], "\"Riverside, East\",2026-03,M10,,,,%,true");
        assert_eq!(number(1.0 / 3.0), "0.3333");
        assert!(definitions_csv().lines().count() == DEFINITIONS.len() + 1);
    }
}
