//! Charts as inline SVG images (no links inside: the tables beside them carry the same
//! figures and the links), drawn on the server: a bar chart, a choropleth map from the uploaded
//! outlines (no tile server: it works offline), and sparklines. Every chart has a text
//! alternative and sits beside a table with the same figures; colours are never the only
//! carrier of a value. Right-to-left pages get mirrored bars.

use maud::{Markup, html};

use super::i18n::Tr;
use crate::places::Boundary;

/// The colour classes of the map (light to dark, a colour-blind-safe sequential scale) and
/// of missing or hidden figures.
pub const CLASS_COLOURS: [&str; 5] = ["#edf8fb", "#b3cde3", "#8c96c6", "#8856a7", "#810f7c"];
/// The fill for a neighbourhood without a figure.
pub const NO_DATA: &str = "#d9d9d9";

/// One bar: label, value (None: hidden or missing), text shown at the bar's end, link.
pub struct Bar {
    /// The label.
    pub label: String,
    /// The value, 0 to `max`.
    pub value: Option<f64>,
    /// The value as written.
    pub text: String,
}

/// A horizontal bar chart.
pub fn bar_chart(tr: &Tr, title: &str, bars: &[Bar], max: f64) -> Markup {
    let (width, label_width, row) = (560.0, 170.0, 30.0);
    let height = row * bars.len() as f64 + 10.0;
    let plot = width - label_width - 70.0;
    let rtl = tr.rtl();
    let x = |from_start: f64, w: f64| {
        if rtl {
            width - from_start - w
        } else {
            from_start
        }
    };
    html! {
        // Positions are mirrored here for right-to-left pages, so the drawing itself is laid
        // out left to right.
        svg viewBox={ "0 0 " (width) " " (height) } width="100%" role="img" aria-label=(title) direction="ltr" {
            title { (title) }
            @for (i, bar) in bars.iter().enumerate() {
                @let y = 5.0 + row * i as f64;
                @let w = bar.value.map(|v| (v / max.max(1e-9)).clamp(0.0, 1.0) * plot).unwrap_or(0.0);
                g {
                    text x=(x(label_width - 8.0, 0.0)) y=(y + 20.0) text-anchor=(if rtl { "start" } else { "end" }) font-size="14" fill="#1a1a1a" {
                        (bar.label)
                    }
                    @if bar.value.is_some() {
                        rect x=(x(label_width, w)) y=(y + 4.0) width=(w) height=(row - 8.0) fill="#0b5394" {}
                    } @else {
                        rect x=(x(label_width, plot)) y=(y + 4.0) width=(plot) height=(row - 8.0) fill="url(#hatch)" stroke="#8a8a8a" {}
                    }
                    text x=(x(label_width + w + 6.0, 0.0)) y=(y + 20.0) text-anchor=(if rtl { "end" } else { "start" }) font-size="14" fill="#1a1a1a" {
                        (bar.text)
                    }
                }
            }
            (hatch_pattern())
        }
    }
}

fn hatch_pattern() -> Markup {
    html! {
        defs {
            pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                rect width="8" height="8" fill=(NO_DATA) {}
                line x1="0" y1="0" x2="0" y2="8" stroke="#7a7a7a" stroke-width="2" {}
            }
        }
    }
}

/// The class (0–4) of a 0–100 value, in steps of 20.
pub fn class_of(value: f64) -> usize {
    ((value / 20.0).floor().max(0.0) as usize).min(4)
}

/// One neighbourhood on the map.
pub struct Area<'a> {
    /// Its outline.
    pub boundary: &'a Boundary,
    /// Its value (None: hidden or missing).
    pub value: Option<f64>,
    /// The value as written.
    pub text: String,
}

/// A choropleth map of 0–100 values.
pub fn choropleth(title: &str, areas: &[Area<'_>]) -> Markup {
    let points = areas
        .iter()
        .flat_map(|a| a.boundary.polygons.iter().flatten().flatten());
    let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for [lon, lat] in points {
        west = west.min(*lon);
        east = east.max(*lon);
        south = south.min(*lat);
        north = north.max(*lat);
    }
    if west > east {
        return html! {};
    }
    // Equirectangular, shrunk east–west by the cosine of the middle latitude.
    let squeeze = ((south + north) / 2.0).to_radians().cos().max(0.1);
    let (span_x, span_y) = (
        ((east - west) * squeeze).max(1e-9),
        (north - south).max(1e-9),
    );
    let width = 560.0;
    let scale = width / span_x;
    let height = (span_y * scale).min(460.0);
    let scale = scale.min(height / span_y);
    let width = (span_x * scale).ceil();
    let project = |[lon, lat]: [f64; 2]| ((lon - west) * squeeze * scale, (north - lat) * scale);
    html! {
        svg viewBox={ "0 0 " (format!("{width:.0}")) " " (format!("{height:.0}")) } width=(format!("{width:.0}")) height=(format!("{height:.0}")) role="img" aria-label=(title) direction="ltr" {
            title { (title) }
            (hatch_pattern())
            @for area in areas {
                @let path = area.boundary.polygons.iter().flatten().map(|ring| {
                    let mut d = String::new();
                    for (i, point) in ring.iter().enumerate() {
                        let (x, y) = project(*point);
                        d.push_str(&format!("{}{x:.1} {y:.1} ", if i == 0 { "M" } else { "L" }));
                    }
                    d.push('Z');
                    d
                }).collect::<Vec<_>>().join(" ");
                @let fill = match area.value { Some(v) => CLASS_COLOURS[class_of(v)].to_owned(), None => "url(#hatch)".to_owned() };
                g {
                    path d=(path) fill=(fill) fill-rule="evenodd" stroke="#1a1a1a" stroke-width="1.5" {
                        title { (area.boundary.neighbourhood) ": " (area.text) }
                    }
                }
            }
            @for area in areas {
                @if let Some((x, y)) = centre(area.boundary).map(project) {
                    text x=(format!("{x:.1}")) y=(format!("{y:.1}")) text-anchor="middle" font-size="13" font-weight="700"
                        fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke" {
                        (area.boundary.neighbourhood)
                    }
                    text x=(format!("{x:.1}")) y=(format!("{:.1}", y + 16.0)) text-anchor="middle" font-size="13"
                        fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke" {
                        (area.text)
                    }
                }
            }
        }
    }
}

/// The centre of a neighbourhood's largest ring (the mean of its corners).
fn centre(boundary: &Boundary) -> Option<[f64; 2]> {
    let ring = boundary
        .polygons
        .iter()
        .filter_map(|p| p.first())
        .max_by_key(|ring| ring.len())?;
    let corners = &ring[..ring.len().saturating_sub(1).max(1)];
    let n = corners.len() as f64;
    Some([
        corners.iter().map(|p| p[0]).sum::<f64>() / n,
        corners.iter().map(|p| p[1]).sum::<f64>() / n,
    ])
}

/// A small line of values over time (gaps for hidden ones), 0–100.
pub fn sparkline(label: &str, values: &[Option<f64>]) -> Markup {
    let (width, height) = (140.0, 32.0);
    let step = if values.len() > 1 {
        width / (values.len() - 1) as f64
    } else {
        0.0
    };
    let y = |v: f64| height - 2.0 - (v.clamp(0.0, 100.0) / 100.0) * (height - 4.0);
    let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, value) in values.iter().enumerate() {
        match value {
            Some(v) => segments
                .last_mut()
                .map(|s| s.push((i as f64 * step, y(*v))))
                .unwrap_or(()),
            None => segments.push(Vec::new()),
        }
    }
    html! {
        svg viewBox={ "0 0 " (width) " " (height) } width=(width) height=(height) role="img" aria-label=(label) {
            line x1="0" y1=(height - 1.0) x2=(width) y2=(height - 1.0) stroke="#c9c9c9" {}
            @for segment in segments.iter().filter(|s| !s.is_empty()) {
                polyline fill="none" stroke="#0b5394" stroke-width="2.5"
                    points=(segment.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ")) {}
                @for (x, y) in segment {
                    circle cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="2.5" fill="#0b5394" {}
                }
            }
        }
    }
}
