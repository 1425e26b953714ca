//! Embeds the sample bundle (`content/sample/`), so a kiosk runs with no server at all, and
//! lists the UI languages kiosks ship with (the folders of `locales/`).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("sample");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files)?;
    files.sort();
    let mut code =
        String::from("/// (path inside the bundle, contents) of every sample content file.\n");
    code.push_str("pub static SAMPLE_FILES: &[(&str, &str)] = &[\n");
    for (relative, path) in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            code,
            "    ({relative:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let locales = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut tags: Vec<String> = fs::read_dir(&locales)?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    tags.sort();
    code.push_str("/// The UI languages kiosks ship with: the folders of `locales/`.\n");
    let _ = writeln!(code, "pub static KIOSK_LOCALES: &[&str] = &{tags:?};");
    fs::write(
        PathBuf::from(std::env::var("OUT_DIR")?).join("sample_files.rs"),
        code,
    )?;
    Ok(())
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            let relative = path
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            out.push((relative, path));
        }
    }
    Ok(())
}
