//! Neighbourhood boundaries from a GeoJSON FeatureCollection: one Polygon or MultiPolygon
//! feature per neighbourhood, named by its `neighbourhood` (or `name`) property. Every problem
//! is reported with the feature it is in.

use serde_json::Value;

use super::{ImportErrors, Problem};

/// A ring of (longitude, latitude) points, closed (the last point repeats the first).
pub type Ring = Vec<[f64; 2]>;

/// One neighbourhood's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// The neighbourhood's name.
    pub neighbourhood: String,
    /// Its polygons, each an outer ring then any holes.
    pub polygons: Vec<Vec<Ring>>,
}

impl Boundary {
    /// The outline as a GeoJSON MultiPolygon geometry.
    pub fn geometry_json(&self) -> String {
        serde_json::json!({ "type": "MultiPolygon", "coordinates": self.polygons }).to_string()
    }

    /// Reads back an outline stored with [`Boundary::geometry_json`].
    pub fn from_geometry_json(neighbourhood: &str, json: &str) -> Option<Boundary> {
        let value: Value = serde_json::from_str(json).ok()?;
        let polygons = value.get("coordinates")?.as_array()?;
        let polygons = polygons
            .iter()
            .map(|polygon| {
                polygon
                    .as_array()?
                    .iter()
                    .map(|ring| {
                        ring.as_array()?
                            .iter()
                            .map(|p| Some([p.get(0)?.as_f64()?, p.get(1)?.as_f64()?]))
                            .collect::<Option<Ring>>()
                    })
                    .collect::<Option<Vec<Ring>>>()
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Boundary {
            neighbourhood: neighbourhood.to_owned(),
            polygons,
        })
    }
}

/// Reads and checks a FeatureCollection of neighbourhood outlines.
pub fn parse_boundaries(bytes: &[u8]) -> Result<Vec<Boundary>, ImportErrors> {
    let root: Value = serde_json::from_slice(bytes).map_err(|error| {
        ImportErrors(vec![Problem {
            at: format!("line {}, column {}", error.line(), error.column()),
            message: format!("not valid JSON: {}", json_reason(&error)),
        }])
    })?;
    let whole = |message: &str| {
        ImportErrors(vec![Problem {
            at: "the file".into(),
            message: message.into(),
        }])
    };
    if root.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(whole(
            "it must be a GeoJSON FeatureCollection (\"type\": \"FeatureCollection\")",
        ));
    }
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| whole("a FeatureCollection needs a \"features\" list"))?;
    if features.is_empty() {
        return Err(whole("the FeatureCollection has no features"));
    }
    if features.len() > super::MAX_NEIGHBOURHOODS {
        return Err(whole(&super::too_many_neighbourhoods(features.len())));
    }
    let mut names: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut problems = Vec::new();
    let mut boundaries: Vec<Boundary> = Vec::new();
    for (index, feature) in features.iter().enumerate() {
        let name = feature
            .pointer("/properties/neighbourhood")
            .or_else(|| feature.pointer("/properties/name"))
            .and_then(Value::as_str)
            .map(str::trim);
        let at = match name {
            Some(name) => format!("feature {} (\"{name}\")", index + 1),
            None => format!("feature {}", index + 1),
        };
        let mut bad = |message: String| {
            problems.push(Problem {
                at: at.clone(),
                message,
            })
        };
        if feature.get("type").and_then(Value::as_str) != Some("Feature") {
            bad("is not a Feature (\"type\": \"Feature\")".into());
            continue;
        }
        let name = match name {
            Some(name) if !name.is_empty() && name.chars().count() <= 100 => name.to_owned(),
            _ => {
                bad("needs a \"neighbourhood\" property naming the neighbourhood".into());
                String::new()
            }
        };
        if !name.is_empty() && !names.insert(name.clone()) {
            bad(format!(
                "\"{name}\" has an outline already (merge them into one MultiPolygon)"
            ));
        }
        let Some(geometry) = feature.get("geometry").filter(|g| !g.is_null()) else {
            bad("has no geometry".into());
            continue;
        };
        let coordinates = geometry.get("coordinates");
        let polygons = match (geometry.get("type").and_then(Value::as_str), coordinates) {
            (Some("Polygon"), Some(c)) => polygon(c).map(|p| vec![p]),
            (Some("MultiPolygon"), Some(Value::Array(list))) if !list.is_empty() => list
                .iter()
                .enumerate()
                .map(|(i, p)| polygon(p).map_err(|e| format!("polygon {}: {e}", i + 1)))
                .collect(),
            (Some("Polygon" | "MultiPolygon"), _) => {
                Err("the geometry's \"coordinates\" are missing or empty".into())
            }
            (Some(other), _) => Err(format!(
                "the geometry is a {other}; an outline must be a Polygon or MultiPolygon"
            )),
            (None, _) => Err("the geometry has no \"type\"".into()),
        };
        match polygons {
            Ok(polygons) if !name.is_empty() => boundaries.push(Boundary {
                neighbourhood: name,
                polygons,
            }),
            Ok(_) => {}
            Err(message) => bad(message),
        }
    }
    if problems.is_empty() {
        Ok(boundaries)
    } else {
        Err(ImportErrors(super::capped(problems)))
    }
}

fn polygon(value: &Value) -> Result<Vec<Ring>, String> {
    let rings = value
        .as_array()
        .filter(|rings| !rings.is_empty())
        .ok_or("a polygon must be a list of rings")?;
    rings
        .iter()
        .enumerate()
        .map(|(i, ring)| self::ring(ring).map_err(|e| format!("ring {}: {e}", i + 1)))
        .collect()
}

fn ring(value: &Value) -> Result<Ring, String> {
    let points = value
        .as_array()
        .ok_or("a ring must be a list of positions")?;
    let mut ring = Vec::with_capacity(points.len());
    for (i, point) in points.iter().enumerate() {
        let position = point
            .as_array()
            .filter(|p| p.len() >= 2)
            .and_then(|p| Some([p[0].as_f64()?, p[1].as_f64()?]))
            .ok_or_else(|| format!("position {} is not [longitude, latitude]", i + 1))?;
        if !(-180.0..=180.0).contains(&position[0]) || !(-90.0..=90.0).contains(&position[1]) {
            return Err(format!(
                "position {} ({}, {}) is off the globe (longitude first, then latitude)",
                i + 1,
                position[0],
                position[1]
            ));
        }
        ring.push(position);
    }
    if ring.len() < 4 {
        return Err(format!(
            "has {} positions; a ring needs at least 4",
            ring.len()
        ));
    }
    if ring.first() != ring.last() {
        return Err("is not closed (its last position must repeat the first)".into());
    }
    Ok(ring)
}

fn json_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C", which the position already says.
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64) -> String {
        format!(
            "[[[{x},0],[{},0],[{},1],[{x},1],[{x},0]]]",
            x + 1.0,
            x + 1.0
        )
    }

    #[test]
    fn polygons_and_multipolygons_are_read() -> Result<(), ImportErrors> {
        let json = format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"neighbourhood":"Old Town"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
            {{"type":"Feature","properties":{{"name":"Docks"}},"geometry":{{"type":"MultiPolygon","coordinates":[{},{}]}}}}]}}"#,
            square(0.0),
            square(2.0),
            square(4.0)
        );
        let boundaries = parse_boundaries(json.as_bytes())?;
        assert_eq!(boundaries.len(), 2);
        assert_eq!(boundaries[1].neighbourhood, "Docks");
        assert_eq!(boundaries[1].polygons.len(), 2);
        let back = Boundary::from_geometry_json("Docks", &boundaries[1].geometry_json());
        assert_eq!(back.as_ref(), Some(&boundaries[1]));
        Ok(())
    }

    #[test]
    fn every_bad_feature_is_named() {
        let json = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"neighbourhood":"Open"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
            {"type":"Feature","properties":{"neighbourhood":"Point"},"geometry":{"type":"Point","coordinates":[0,0]}},
            {"type":"Feature","properties":{"neighbourhood":"Swapped"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,200],[0,0]]]}}
        ]}"#;
        let errors = parse_boundaries(json.as_bytes()).expect_err("must fail");
        let text: Vec<String> = errors.0.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "feature 1 (\"Open\"): ring 1: is not closed (its last position must repeat the first)",
                "feature 2: needs a \"neighbourhood\" property naming the neighbourhood",
                "feature 3 (\"Point\"): the geometry is a Point; an outline must be a Polygon or MultiPolygon",
                "feature 4 (\"Swapped\"): ring 1: position 3 (1, 200) is off the globe (longitude first, then latitude)",
            ]
        );
    }

    #[test]
    fn broken_json_gives_its_line_and_column() {
        let errors = parse_boundaries(b"{\"type\": \"FeatureCollection\",\n \"features\": [,]}")
            .expect_err("must fail");
        assert_eq!(errors.0[0].at, "line 2, column 15");
        assert!(errors.0[0].message.starts_with("not valid JSON"));
    }
}
