//! A city's places: neighbourhood baselines (CSV) and boundaries (GeoJSON) as city staff upload them,
//! checked in full before anything is stored, so a file with mistakes names every one of them
//! (line and column, or feature) and changes nothing.

pub mod geojson;
pub mod hours;

pub use geojson::{Boundary, parse_boundaries};
pub use hours::WeeklyHours;

/// One neighbourhood's baseline: what the metrics divide by.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// The neighbourhood's name, as kiosks' sites refer to it.
    pub neighbourhood: String,
    /// Residents aged 15 and over (P).
    pub population: u64,
    /// Share of households without home internet, 0 to 1 (h), if known.
    pub offline_share: Option<f64>,
    /// When kiosks there are meant to be open, as written (`Mo-Fr 09:00-18:00`).
    pub opening_hours: String,
    /// The city's default locale there (a BCP 47 tag such as `en` or `es`).
    pub default_locale: String,
}

impl Baseline {
    /// The opening hours, parsed (they were checked on import).
    pub fn weekly_hours(&self) -> WeeklyHours {
        WeeklyHours::parse(&self.opening_hours).unwrap_or_else(|_| WeeklyHours::closed())
    }
}

/// One mistake in an uploaded file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where: `line 4, column 2 (population_15_plus)` or `feature 3 ("Old Town")`.
    pub at: String,
    /// What is wrong and how to put it right.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Why a file was not imported: every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s), nothing imported:\n{}", .0.len(), .0.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
pub struct ImportErrors(pub Vec<Problem>);

/// The most neighbourhoods a city may have: baselines and outlines with more are refused.
/// Suppression (`metrics/disclosure.rs`) is checked at this size by the metrics benchmark.
pub const MAX_NEIGHBOURHOODS: usize = 1_000;

/// The most problems an import lists one by one (the rest are counted).
pub const MAX_PROBLEMS_LISTED: usize = 100;

/// The message for a file past [`MAX_NEIGHBOURHOODS`].
pub fn too_many_neighbourhoods(found: usize) -> String {
    format!(
        "the file has more than {MAX_NEIGHBOURHOODS} neighbourhoods ({found} read so far); \
         a city may have at most {MAX_NEIGHBOURHOODS}: merge small areas into larger ones"
    )
}

/// Keeps the first [`MAX_PROBLEMS_LISTED`] problems and counts the rest in a last line.
pub fn capped(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PROBLEMS_LISTED {
        let more = problems.len() - MAX_PROBLEMS_LISTED;
        problems.truncate(MAX_PROBLEMS_LISTED);
        problems.push(Problem {
            at: "and more".into(),
            message: format!("{more} further problem(s) not listed"),
        });
    }
    problems
}

/// The columns a baselines file has, in this order.
pub const BASELINE_COLUMNS: [&str; 5] = [
    "neighbourhood",
    "population_15_plus",
    "offline_share",
    "opening_hours",
    "default_locale",
];

/// Reads a baselines CSV (a header line with [`BASELINE_COLUMNS`], then one line per
/// neighbourhood). `offline_share` may be empty, a fraction (`0.23`) or a percentage (`23%`).
pub fn parse_baselines(bytes: &[u8]) -> Result<Vec<Baseline>, ImportErrors> {
    let mut problems = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(error) => {
            let line = bytes[..error.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(ImportErrors(vec![Problem {
                at: format!("line {line}"),
                message: "the file is not UTF-8 text (save it as \"CSV UTF-8\")".into(),
            }]));
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut baselines: Vec<Baseline> = Vec::new();
    let mut names: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut header_seen = false;
    for result in reader.records() {
        if baselines.len() >= MAX_NEIGHBOURHOODS {
            return Err(ImportErrors(vec![Problem {
                at: "the file".into(),
                message: too_many_neighbourhoods(baselines.len() + 1),
            }]));
        }
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                let at = error
                    .position()
                    .map(|p| format!("line {}", p.line()))
                    .unwrap_or_else(|| "the file".into());
                problems.push(Problem {
                    at,
                    message: format!("not readable as CSV: {}", csv_reason(&error)),
                });
                break;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if !header_seen {
            header_seen = true;
            let header: Vec<String> = record.iter().map(|h| h.to_ascii_lowercase()).collect();
            if header != BASELINE_COLUMNS {
                for (index, expected) in BASELINE_COLUMNS.iter().enumerate() {
                    let found = header.get(index).map(String::as_str).unwrap_or("");
                    if found != *expected {
                        problems.push(Problem {
                            at: format!("line {line}, column {}", index + 1),
                            message: format!(
                                "the header should say \"{expected}\" here, not \"{found}\" (columns: {})",
                                BASELINE_COLUMNS.join(",")
                            ),
                        });
                    }
                }
                if header.len() > BASELINE_COLUMNS.len() {
                    problems.push(Problem {
                        at: format!("line {line}, column {}", BASELINE_COLUMNS.len() + 1),
                        message: "the header has more columns than the five expected".into(),
                    });
                }
                return Err(ImportErrors(problems));
            }
            continue;
        }
        if record.len() != BASELINE_COLUMNS.len() {
            problems.push(Problem {
                at: format!("line {line}"),
                message: format!(
                    "{} field(s) where there should be {}",
                    record.len(),
                    BASELINE_COLUMNS.len()
                ),
            });
            continue;
        }
        let at = |column: usize| {
            format!(
                "line {line}, column {} ({})",
                column + 1,
                BASELINE_COLUMNS[column]
            )
        };
        let mut bad = |column: usize, message: String| {
            problems.push(Problem {
                at: at(column),
                message,
            })
        };
        let name = record.get(0).unwrap_or("").to_owned();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            bad(
                0,
                "a neighbourhood needs a name of 1 to 100 characters".into(),
            );
        } else if !names.insert(name.clone()) {
            bad(0, format!("\"{name}\" appears twice"));
        }
        let population = record.get(1).unwrap_or("").replace(['_', ' '], "");
        let population = match population.parse::<u64>() {
            Ok(0) => {
                bad(1, "the population must be above zero".into());
                0
            }
            Ok(p) if p > 100_000_000 => {
                bad(1, format!("{p} is more people than any city has"));
                0
            }
            Ok(p) => p,
            Err(_) => {
                bad(
                    1,
                    format!("\"{population}\" is not a whole number of residents"),
                );
                0
            }
        };
        let share_text = record.get(2).unwrap_or("");
        let offline_share = if share_text.is_empty() {
            None
        } else {
            let (number, scale) = match share_text.strip_suffix('%') {
                Some(number) => (number.trim(), 100.0),
                None => (share_text, 1.0),
            };
            match number.parse::<f64>().map(|n| n / scale) {
                Ok(share) if (0.0..=1.0).contains(&share) && share.is_finite() => {
                    if share == 0.0 {
                        None
                    } else {
                        Some(share)
                    }
                }
                _ => {
                    bad(
                        2,
                        format!(
                            "\"{share_text}\" is not a share between 0 and 1 (or 0% and 100%); leave it empty if unknown"
                        ),
                    );
                    None
                }
            }
        };
        let opening_hours = record.get(3).unwrap_or("").to_owned();
        if let Err(reason) = WeeklyHours::parse(&opening_hours) {
            bad(3, reason);
        }
        let default_locale = record.get(4).unwrap_or("").to_owned();
        if !wire::is_locale_tag(&default_locale) {
            bad(
                4,
                format!("\"{default_locale}\" is not a language tag such as en, es or zh-Hans"),
            );
        }
        baselines.push(Baseline {
            neighbourhood: name,
            population,
            offline_share,
            opening_hours,
            default_locale,
        });
    }
    if !header_seen {
        problems.push(Problem {
            at: "line 1".into(),
            message: format!(
                "the file is empty; it needs a header ({}) and a line per neighbourhood",
                BASELINE_COLUMNS.join(",")
            ),
        });
    } else if baselines.is_empty() && problems.is_empty() {
        problems.push(Problem {
            at: "line 2".into(),
            message: "the file has a header but no neighbourhood".into(),
        });
    }
    if problems.is_empty() {
        Ok(baselines)
    } else {
        Err(ImportErrors(capped(problems)))
    }
}

fn csv_reason(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "a field is not UTF-8 text".into(),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "neighbourhood,population_15_plus,offline_share,opening_hours,default_locale
Old Town,12000,0.18,Mo-Fr 09:00-18:00,en
\"Riverside, East\",8 500,23%,Mo-Sa 10:00-16:00,es
Hilltop,4000,,24/7,en
";

    #[test]
    fn a_good_file_reads_with_quotes_percentages_and_blanks() -> Result<(), ImportErrors> {
        let baselines = parse_baselines(GOOD.as_bytes())?;
        assert_eq!(baselines.len(), 3);
        assert_eq!(baselines[1].neighbourhood, "Riverside, East");
        assert_eq!(baselines[1].population, 8500);
        assert_eq!(baselines[1].offline_share, Some(0.23));
        assert_eq!(baselines[2].offline_share, None);
        assert_eq!(baselines[0].weekly_hours().minutes_per_week(), 5 * 9 * 60);
        Ok(())
    }

    #[test]
    fn every_mistake_is_named_with_its_line_and_column() {
        let bad = "neighbourhood,population_15_plus,offline_share,opening_hours,default_locale
Old Town,twelve,0.18,Mo-Fr 09:00-18:00,en
Old Town,100,1.5,Mo-Fr 9-18,en_GB
,100,,24/7,en
Short,100
";
        let errors = parse_baselines(bad.as_bytes()).expect_err("must fail");
        let text: Vec<String> = errors.0.iter().map(ToString::to_string).collect();
        let expect = [
            "line 2, column 2 (population_15_plus): \"twelve\" is not a whole number",
            "line 3, column 1 (neighbourhood): \"Old Town\" appears twice",
            "line 3, column 3 (offline_share): \"1.5\" is not a share",
            "line 3, column 4 (opening_hours): \"9\" is not a time like 09:30",
            "line 3, column 5 (default_locale): \"en_GB\" is not a language tag",
            "line 4, column 1 (neighbourhood): a neighbourhood needs a name",
            "line 5: 2 field(s) where there should be 5",
        ];
        for expected in expect {
            assert!(
                text.iter().any(|t| t.starts_with(expected)),
                "missing {expected:?} in {text:#?}"
            );
        }
        assert_eq!(text.len(), expect.len(), "{text:#?}");
    }

    #[test]
    fn a_wrong_header_an_empty_file_and_non_utf8_are_refused() {
        let header = parse_baselines(b"name,people\nA,1\n").expect_err("header");
        assert!(
            header.0[0]
                .to_string()
                .starts_with("line 1, column 1: the header should say \"neighbourhood\"")
        );
        let empty = parse_baselines(b"").expect_err("empty");
        assert!(empty.0[0].message.contains("empty"));
        let latin1 = parse_baselines(b"neighbourhood\n\xe9\n").expect_err("latin-1");
        assert_eq!(latin1.0[0].at, "line 2");
    }
}
