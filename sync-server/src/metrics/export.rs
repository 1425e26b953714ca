//! Figures and definitions written out in one tidy shape:
//! `neighbourhood, month, metric, value, numerator, denominator, unit, suppressed`, as CSV
//! (RFC 4180) or JSON. Callers pass rows already published for the reader's role.

use serde::Serialize;

use super::MetricRow;
use super::definitions::{DEFINITIONS, Definition};

/// The CSV header of figures.
pub const HEADER: &str = "neighbourhood,month,metric,value,numerator,denominator,unit,suppressed";

/// A number as exports write it: whole numbers without decimals, others with up to four, no
/// trailing zeros, and never `-0`.
pub fn number(value: f64) -> String {
    let text = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    if text == "-0" { "0".to_owned() } else { text }
}

/// Whether a spreadsheet would run this cell as a formula.
fn is_formula(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell made safe for a spreadsheet: a leading apostrophe before what would run as a
/// formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return), as OWASP
/// recommends against CSV injection.
pub fn defuse(field: &str) -> String {
    if is_formula(field) {
        format!("'{field}")
    } else {
        field.to_owned()
    }
}

/// Rows of cells as CSV (RFC 4180: CRLF, quotes where needed); callers defuse text cells.
fn write_csv(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The byte-order mark that makes Excel read a CSV file as UTF-8 (accented and non-Latin
/// names are garbled otherwise).
pub const BOM: &str = "\u{feff}";

/// The rows as CSV, header first.
pub fn csv(rows: &[MetricRow]) -> String {
    let opt = |value: Option<f64>| value.map(number).unwrap_or_default();
    let header = HEADER.split(',').map(str::to_owned).collect();
    write_csv(std::iter::once(header).chain(rows.iter().map(|row| {
        vec![
            defuse(&row.neighbourhood),
            row.month.clone(),
            defuse(&row.metric),
            opt(row.value),
            opt(row.numerator),
            opt(row.denominator),
            defuse(row.unit),
            row.suppressed.to_string(),
        ]
    })))
}

/// The same CSV for Excel: with the byte-order mark.
pub fn csv_for_excel(rows: &[MetricRow]) -> String {
    format!("{BOM}{}", csv(rows))
}

/// A figure in JSON: a whole number as an integer (`12000`, not `12000.0`), never `-0`.
fn json_number(value: Option<f64>) -> serde_json::Value {
    match value {
        None => serde_json::Value::Null,
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => serde_json::Value::from(v as i64),
        Some(v) => serde_json::Number::from_f64(v)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
    }
}

/// The rows as a JSON array of objects with the same fields (absent numbers are null).
pub fn json(rows: &[MetricRow]) -> String {
    let list: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            serde_json::json!({
                "neighbourhood": row.neighbourhood,
                "month": row.month,
                "metric": row.metric,
                "value": json_number(row.value),
                "numerator": json_number(row.numerator),
                "denominator": json_number(row.denominator),
                "unit": row.unit,
                "suppressed": row.suppressed,
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into())
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
    let header = [
        "id",
        "name",
        "formula",
        "unit",
        "about",
        "breakdown",
        "privacy",
    ]
    .map(str::to_owned)
    .to_vec();
    write_csv(
        std::iter::once(header).chain(DEFINITIONS.iter().map(|definition| {
            let privacy: Vec<&str> = definition.rules.iter().map(|r| r.describe()).collect();
            vec![
                definition.id.to_owned(),
                definition.name.to_owned(),
                definition.formula.to_owned(),
                definition.unit.to_owned(),
                definition.about.to_owned(),
                definition.breakdown.unwrap_or("").to_owned(),
                privacy.join(" "),
            ]
        })),
    )
}

/// The definitions file as JSON.
pub fn definitions_json() -> String {
    let list: Vec<DefinitionOut<'_>> = DEFINITIONS.iter().map(out).collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(neighbourhood: &str, value: Option<f64>) -> MetricRow {
        MetricRow {
            neighbourhood: neighbourhood.into(),
            month: "2026-03".into(),
            metric: "M1".into(),
            value,
            numerator: Some(12_000.0),
            denominator: Some(-0.0),
            unit: "%",
            suppressed: false,
        }
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_is_neutralised() {
        for (text, written) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("Old Town", "Old Town"),
            ("Riverside, East", "\"Riverside, East\""),
        ] {
            let text = csv(&[row(text, None)]);
            let line = text.lines().nth(1).unwrap_or_default();
            assert!(line.starts_with(&format!("{written},")), "{line}");
        }
        let text = csv(&[row("=cmd|' /C calc'!A0", Some(-0.5))]);
        assert!(
            text.contains("\r\n'=cmd|' /C calc'!A0,2026-03,M1,-0.5,"),
            "{text}"
        );
    }

    #[test]
    fn numbers_are_whole_where_whole_and_never_minus_zero() {
        assert_eq!(number(12_000.0), "12000");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(-0.000_01), "0");
        assert_eq!(number(2.5), "2.5");
        let text = csv(&[row("Óld Tówn", Some(-0.0))]);
        assert_eq!(
            text.lines().nth(1),
            Some("Óld Tówn,2026-03,M1,0,12000,0,%,false")
        );
        let json: serde_json::Value =
            serde_json::from_str(&json(&[row("x", Some(2.5))])).unwrap_or_default();
        assert_eq!(json[0]["numerator"], serde_json::json!(12000));
        assert!(json[0]["numerator"].is_i64(), "not 12000.0");
        assert_eq!(json[0]["denominator"], serde_json::json!(0));
        assert_eq!(json[0]["value"], serde_json::json!(2.5));
    }

    #[test]
    fn the_excel_file_starts_with_a_byte_order_mark_and_reads_back() {
        let rows = [row("Árbol, Norte", Some(1.0)), row("حي النور", None)];
        let excel = csv_for_excel(&rows);
        assert!(excel.starts_with('\u{feff}'));
        assert!(!csv(&rows).starts_with('\u{feff}'));
        let written = csv(&rows);
        let mut reader = csv::Reader::from_reader(written.as_bytes());
        let names: Vec<String> = reader
            .records()
            .filter_map(Result::ok)
            .map(|record| record[0].to_owned())
            .collect();
        assert_eq!(names, ["Árbol, Norte", "حي النور"]);
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
        // The definitions file carries the closed-month rule, with the grace period in force.
        let grace = format!(
            "{} days after its last day",
            super::super::publication::GRACE_DAYS
        );
        let csv = definitions_csv();
        assert_eq!(csv.matches(&grace).count(), DEFINITIONS.len(), "{csv}");
        assert!(definitions_json().contains(&grace));
    }
}
