//! Build script: embeds every Fluent file of `locales/` and every font of `kiosk-core/fonts/`,
//! so a kiosk needs no files beside its executable and the printer draws every script with
//! the same fonts as the screen.
//!
//! * `locale_files.rs`: (locale, file name, contents) of every `.ftl` file.
//! * `font_files.rs`: (file name, bytes) of every `.ttf`/`.otf` font.
//!
//! Generated files are written only when their content changes, so a build with nothing
//! changed compiles nothing.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let locales_dir = manifest_dir.join("../locales");
    let fonts_dir = manifest_dir.join("fonts");
    println!("cargo:rerun-if-changed={}", locales_dir.display());
    println!("cargo:rerun-if-changed={}", fonts_dir.display());
    write_locale_table(&out_dir, &collect_locale_files(&locales_dir)?)?;
    write_font_table(&out_dir, &fonts_dir)?;
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
                println!("cargo:rerun-if-changed={}", path.display());
                files.push((tag.clone(), path));
            }
        }
    }
    files.sort();
    Ok(files)
}

fn write_locale_table(out_dir: &Path, files: &[(String, PathBuf)]) -> std::io::Result<()> {
    let mut code =
        String::from("/// (locale, file name, contents) of every embedded Fluent file.\n");
    code.push_str("pub static LOCALE_FILES: &[(&str, &str, &str)] = &[\n");
    for (tag, path) in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({tag:?}, {name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    write_if_changed(&out_dir.join("locale_files.rs"), &code)
}

fn write_font_table(out_dir: &Path, fonts_dir: &Path) -> std::io::Result<()> {
    let mut fonts: Vec<PathBuf> = fs::read_dir(fonts_dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "ttf" || ext == "otf")
        })
        .collect();
    fonts.sort();
    let mut code = String::from("/// (file name, bytes) of every embedded font.\n");
    code.push_str("pub static FONT_FILES: &[(&str, &[u8])] = &[\n");
    for path in fonts {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    write_if_changed(&out_dir.join("font_files.rs"), &code)
}

fn write_if_changed(path: &Path, content: &str) -> std::io::Result<()> {
    match fs::read(path) {
        Ok(existing) if existing == content.as_bytes() => Ok(()),
        _ => fs::write(path, content),
    }
}
