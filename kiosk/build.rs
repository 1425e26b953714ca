//! Build script: compiles the Slint UI and its icons (the Fluent files and fonts are embedded
//! by `kiosk-core`'s build script).
//!
//! * `strings.slint` / `strings.rs`: one `Strings` property per message of `locales/en`
//!   (messages without variables), and the Rust that fills them from Fluent. A new message in
//!   `en` is a new property; no hand-kept list can drift.
//! * `icon_files.rs`: every SVG icon of `ui/icons/`, embedded.
//!
//! Generated files are written only when their content changes: slint-build watches
//! `strings.slint`, and a file rewritten on every run would make every build compile the
//! kiosk again.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let locales_dir = manifest_dir.join("../locales");
    println!("cargo:rerun-if-changed={}", locales_dir.display());

    let locale_files = collect_locale_files(&locales_dir)?;
    for (_, path) in &locale_files {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    write_icon_table(&out_dir, &manifest_dir.join("ui/icons"))?;
    let ids = reference_message_ids(&locale_files)?;
    write_strings(&out_dir, &ids)?;

    let config =
        slint_build::CompilerConfiguration::new().with_include_paths(vec![out_dir.clone()]);
    slint_build::compile_with_config("ui/app.slint", config)?;
    Ok(())
}

/// (locale, path) for every `.ftl` file, sorted for a stable build.
fn collect_locale_files(
    locales_dir: &Path,
) -> Result<Vec<(String, PathBuf)>, Box<dyn std::error::Error>> {
    let mut files = Vec::new();
    for locale in fs::read_dir(locales_dir)? {
        let locale = locale?;
        if !locale.file_type()?.is_dir() {
            continue;
        }
        let tag = locale.file_name().to_string_lossy().into_owned();
        println!("cargo:rerun-if-changed={}", locale.path().display());
        for file in fs::read_dir(locale.path())? {
            let path = file?.path();
            if path.extension().is_some_and(|ext| ext == "ftl") {
                files.push((tag.clone(), path));
            }
        }
    }
    files.sort();
    Ok(files)
}

fn write_icon_table(out_dir: &Path, icons_dir: &Path) -> std::io::Result<()> {
    println!("cargo:rerun-if-changed={}", icons_dir.display());
    let mut icons: Vec<PathBuf> = fs::read_dir(icons_dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "svg"))
        .collect();
    icons.sort();
    let mut code = String::from("/// (name, SVG bytes) of every icon and lesson picture.\n");
    code.push_str("pub static ICON_FILES: &[(&str, &[u8])] = &[\n");
    for path in icons {
        let name = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    write_if_changed(&out_dir.join("icon_files.rs"), &code)
}

/// Ids of the reference locale's messages that take no variables, in file order.
fn reference_message_ids(
    files: &[(String, PathBuf)],
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut ids = Vec::new();
    for (tag, path) in files.iter().filter(|(tag, _)| tag == "en") {
        let source = fs::read_to_string(path)?;
        let resource = fluent_syntax::parser::parse(source.as_str())
            .map_err(|(_, errors)| format!("{tag}/{}: {errors:?}", path.display()))?;
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry
                && let Some(pattern) = &message.value
                && !pattern_has_variables(pattern)
            {
                ids.push(message.id.name.to_owned());
            }
        }
    }
    if ids.is_empty() {
        return Err("locales/en has no messages".into());
    }
    Ok(ids)
}

fn pattern_has_variables(pattern: &ast::Pattern<&str>) -> bool {
    pattern.elements.iter().any(|element| match element {
        ast::PatternElement::Placeable { expression } => expression_has_variables(expression),
        ast::PatternElement::TextElement { .. } => false,
    })
}

fn expression_has_variables(expression: &ast::Expression<&str>) -> bool {
    match expression {
        ast::Expression::Select { .. } => true,
        ast::Expression::Inline(ast::InlineExpression::VariableReference { .. }) => true,
        ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
            expression_has_variables(expression)
        }
        ast::Expression::Inline(_) => false,
    }
}

fn write_strings(out_dir: &Path, ids: &[String]) -> std::io::Result<()> {
    let mut slint = String::from(
        "// Generated by kiosk/build.rs from locales/en: one property per message. Do not edit.\n\
         export global Strings {\n",
    );
    let mut rust = String::from(
        "/// Ids of the messages shown through the `Strings` global (generated from `locales/en`).\n\
         pub const UI_MESSAGE_IDS: &[&str] = &[\n",
    );
    for id in ids {
        let _ = writeln!(slint, "    in property <string> {id};");
        let _ = writeln!(rust, "    {id:?},");
    }
    slint.push_str("}\n");
    rust.push_str(
        "];\n\n/// Fills every `Strings` property with `text(id)`.\n\
         pub fn fill_strings(strings: &Strings<'_>, text: impl Fn(&str) -> String) {\n",
    );
    for id in ids {
        let _ = writeln!(
            rust,
            "    strings.set_{}(text({id:?}).into());",
            id.replace('-', "_")
        );
    }
    rust.push_str("}\n");
    write_if_changed(&out_dir.join("strings.slint"), &slint)?;
    write_if_changed(&out_dir.join("strings.rs"), &rust)
}

/// Writes `content` to `path` unless the file already holds exactly that, so its
/// modification time (which Cargo and slint-build compare) moves only when it changed.
fn write_if_changed(path: &Path, content: &str) -> std::io::Result<()> {
    match fs::read(path) {
        Ok(existing) if existing == content.as_bytes() => Ok(()),
        _ => fs::write(path, content),
    }
}
