//! Reading a bundle from its TOML files, with the file, line and column of every mistake.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::model::{BundleInfo, Categories, Module, RequestForm, Service, Survey};
use crate::{Bundle, ContentError};

/// Where a file goes in a bundle, by its path inside the bundle.
enum Part {
    Info,
    Categories,
    Service,
    Form,
    Module,
    Survey,
}

fn part_of(path: &str) -> Option<Part> {
    match path.split_once('/') {
        None if path == "bundle.toml" => Some(Part::Info),
        None if path == "categories.toml" => Some(Part::Categories),
        Some(("services", _)) => Some(Part::Service),
        Some(("forms", _)) => Some(Part::Form),
        Some(("modules", _)) => Some(Part::Module),
        Some(("surveys", _)) => Some(Part::Survey),
        _ => None,
    }
}

/// Parses a bundle from (path inside the bundle, TOML text) pairs. Every parse error is
/// collected, so an author sees all of them at once.
pub fn from_files<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Bundle, ContentError> {
    let mut info = None;
    let mut categories = Vec::new();
    let mut bundle_parts = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut errors = Vec::new();
    for (path, text) in files {
        let outcome = match part_of(path) {
            Some(Part::Info) => parse::<BundleInfo>(path, text).map(|v| info = Some(v)),
            Some(Part::Categories) => {
                parse::<Categories>(path, text).map(|v| categories = v.category)
            }
            Some(Part::Service) => parse::<Service>(path, text)
                .and_then(|v| named_after_file(path, &v.id).map(|()| bundle_parts.0.push(v))),
            Some(Part::Form) => parse::<RequestForm>(path, text)
                .and_then(|v| named_after_file(path, &v.id).map(|()| bundle_parts.1.push(v))),
            Some(Part::Module) => parse::<Module>(path, text)
                .and_then(|v| named_after_file(path, &v.id).map(|()| bundle_parts.2.push(v))),
            Some(Part::Survey) => parse::<Survey>(path, text)
                .and_then(|v| named_after_file(path, &v.id).map(|()| bundle_parts.3.push(v))),
            None => Err(format!(
                "{path}: not part of a bundle (expected bundle.toml, categories.toml, or a file in services/, forms/, modules/ or surveys/)"
            )),
        };
        if let Err(error) = outcome {
            errors.push(error);
        }
    }
    let info = match info {
        Some(info) => Some(info),
        None => {
            errors.push("bundle.toml: missing".to_owned());
            None
        }
    };
    match info {
        Some(info) if errors.is_empty() => {
            let (services, forms, modules, surveys) = bundle_parts;
            Ok(Bundle {
                info,
                categories,
                services,
                forms,
                modules,
                surveys,
            })
        }
        _ => Err(ContentError::Parse(errors)),
    }
}

/// Reads every `.toml` file under `dir` as a bundle.
pub fn from_dir(dir: &Path) -> Result<Bundle, ContentError> {
    let mut files = Vec::new();
    read_tree(dir, dir, &mut files)
        .map_err(|e| ContentError::Io(format!("{}: {e}", dir.display())))?;
    files.sort();
    from_files(
        files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str())),
    )
}

fn read_tree(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            read_tree(root, &path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            let relative = path
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            out.push((relative, std::fs::read_to_string(&path)?));
        }
    }
    Ok(())
}

/// An entry's id is its file name, so authors find it and ids stay unique.
fn named_after_file(path: &str, id: &str) -> Result<(), String> {
    let stem = path
        .rsplit('/')
        .next()
        .and_then(|name| name.strip_suffix(".toml"))
        .unwrap_or(path);
    if stem == id {
        Ok(())
    } else {
        Err(format!(
            "{path}: id is \"{id}\" but the file is named {stem}.toml; make them the same"
        ))
    }
}

fn parse<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, String> {
    toml::from_str(text).map_err(|error| {
        let position = error
            .span()
            .map(|span| line_and_column(text, span.start))
            .map(|(l, c)| format!(":{l}:{c}"));
        format!(
            "{path}{}: {}",
            position.unwrap_or_default(),
            error.message()
        )
    })
}

/// One-based line and column of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INFO: &str = r#"
id = "test"
version = 1
default_locale = "en"
complete_locales = ["en"]
publisher = { en = "Test City" }
"#;

    #[test]
    fn every_mistake_is_reported_with_its_position() {
        let bad_service =
            "id = \"a\"\ncategory = \"x\"\ntopic = \"t\"\nchannels = [\"by_pigeon\"]\n";
        let error = from_files([
            ("bundle.toml", INFO),
            ("services/a.toml", bad_service),
            ("stray.toml", ""),
        ])
        .expect_err("must fail");
        let ContentError::Parse(errors) = error else {
            panic!("not a parse error")
        };
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("services/a.toml:4:") && e.contains("by_pigeon")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("stray.toml: not part of a bundle")),
            "{errors:?}"
        );
    }

    #[test]
    fn unknown_keys_are_named() {
        let error = from_files([("bundle.toml", &format!("{INFO}colour = \"red\"\n") as &str)])
            .expect_err("must fail");
        assert!(error.to_string().contains("colour"), "{error}");
    }

    #[test]
    fn positions() {
        assert_eq!(line_and_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_and_column("ab\ncd", 4), (2, 2));
    }
}
