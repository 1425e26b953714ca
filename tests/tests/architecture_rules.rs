//! The rules ARCHITECTURE.md states, checked on every `cargo test` so that they hold by more
//! than convention: the wire crate does no I/O, SQL lives in the store modules only, the
//! hardware crate (and the kiosk core, once split) never depends on Slint, only command-line
//! code uses `anyhow`, and every library crate documents its public items.
//!
//! Dependencies are read from `cargo metadata` (the resolved graph, so a rule also breaks when
//! a forbidden crate comes in through another one); sources are read as text, production code
//! only (a file's `#[cfg(test)]` module at its end, `tests.rs` and `*_tests.rs` are tests).

#![allow(clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's root directory.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The resolved dependency graph: package name → names of its normal and build
/// dependencies (dev-dependencies are left out: tests may use anything).
struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
    members: BTreeSet<String>,
}

impl Graph {
    fn load() -> Graph {
        let output = Command::new(env!("CARGO"))
            .args(["metadata", "--format-version", "1", "--offline"])
            .current_dir(root())
            .output()
            .expect("cargo metadata runs");
        assert!(
            output.status.success(),
            "cargo metadata: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let metadata: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
        let names: BTreeMap<String, String> = metadata["packages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p["id"].as_str()?.to_owned(), p["name"].as_str()?.to_owned())))
            .collect();
        let name = |id: &serde_json::Value| id.as_str().and_then(|id| names.get(id)).cloned();
        let members = metadata["workspace_members"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(name)
            .collect();
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for node in metadata["resolve"]["nodes"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let Some(from) = name(&node["id"]) else {
                continue;
            };
            let entry = edges.entry(from).or_default();
            for dep in node["deps"].as_array().into_iter().flatten() {
                let normal = dep["dep_kinds"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|kind| kind["kind"].as_str() != Some("dev"));
                if normal && let Some(to) = name(&dep["pkg"]) {
                    entry.insert(to);
                }
            }
        }
        Graph { edges, members }
    }

    /// Every package `package` depends on, directly or not.
    fn closure(&self, package: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![package.to_owned()];
        while let Some(next) = todo.pop() {
            for dep in self.edges.get(&next).into_iter().flatten() {
                if seen.insert(dep.clone()) {
                    todo.push(dep.clone());
                }
            }
        }
        seen
    }
}

/// Production source files of a crate directory, with their text before any test module.
fn production_sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut todo = vec![dir.join("src")];
    while let Some(next) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&next) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
                continue;
            }
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.ends_with(".rs")
                || name == "tests.rs"
                || name.ends_with("_tests.rs")
                || name == "test_support.rs"
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let production = match text.find("#[cfg(test)]\nmod ") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
            files.push((path, production));
        }
    }
    files.sort();
    files
}

/// Lines of `text` (without `//` comments) matching any of `needles`.
fn offending_lines(text: &str, needles: &[&str]) -> Vec<String> {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .filter(|code| needles.iter().any(|needle| code.contains(needle)))
        .map(|code| code.trim().to_owned())
        .collect()
}

/// `file: line` for every line of the members' production sources that matches a needle,
/// leaving out the files `allowed` lets through.
fn offences(members: &[&str], allowed: impl Fn(&Path) -> bool, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for member in members {
        for (path, text) in production_sources(&root().join(member)) {
            if allowed(&path) {
                continue;
            }
            for line in offending_lines(&text, needles) {
                found.push(format!("{}: {line}", relative(&path)));
            }
        }
    }
    found
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn the_wire_crate_does_no_io() {
    let graph = Graph::load();
    let io_crates = [
        "tokio",
        "mio",
        "socket2",
        "hyper",
        "reqwest",
        "rusqlite",
        "libsqlite3-sys",
        "axum",
        "rustls",
        "slint",
    ];
    let closure = graph.closure("wire");
    let found: Vec<&&str> = io_crates.iter().filter(|c| closure.contains(**c)).collect();
    assert!(found.is_empty(), "wire depends on I/O crates: {found:?}");
    let offences = offences(
        &["wire"],
        |_| false,
        &[
            "std::fs",
            "std::net",
            "std::process",
            "std::env",
            "File::",
            "TcpStream",
        ],
    );
    assert!(
        offences.is_empty(),
        "wire does I/O:\n{}",
        offences.join("\n")
    );
}

#[test]
fn sql_lives_in_the_store_modules_only() {
    let statements = [
        "\"SELECT ",
        "\"INSERT ",
        "\"UPDATE ",
        "\"DELETE ",
        "\"CREATE ",
        "\"DROP ",
        "\"ALTER ",
        "\"PRAGMA ",
        "\"BEGIN",
        "rusqlite::",
        "use rusqlite",
    ];
    let offences = offences(
        &[
            "kiosk-core",
            "kiosk",
            "sync-server",
            "updater",
            "hardware",
            "wire",
            "content",
            "places",
        ],
        |path| path.components().any(|c| c.as_os_str() == "store"),
        &statements,
    );
    assert!(
        offences.is_empty(),
        "SQL outside the store modules:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_hardware_crate_and_the_kiosk_core_never_depend_on_slint() {
    let graph = Graph::load();
    for package in ["hardware", "kiosk-core", "wire"] {
        if !graph.members.contains(package) {
            continue;
        }
        let slint: Vec<String> = graph
            .closure(package)
            .into_iter()
            .filter(|dep| dep == "slint" || dep.starts_with("i-slint"))
            .collect();
        assert!(slint.is_empty(), "{package} depends on {slint:?}");
    }
    for package in ["hardware", "kiosk-core"] {
        assert!(graph.members.contains(package), "{package} is a member");
    }
}

#[test]
fn only_command_line_code_uses_anyhow() {
    let graph = Graph::load();
    // Library crates: typed errors only, not even through a dependency of theirs.
    for library in [
        "wire",
        "places",
        "content",
        "hardware",
        "search",
        "kiosk-core",
    ] {
        assert!(
            !graph.closure(library).contains("anyhow"),
            "{library} depends on anyhow"
        );
    }
    // Crates with a command line: anyhow in `src/cli/`, `main.rs` and `src/bin/` only.
    let offences = offences(
        &["kiosk", "sync-server", "updater"],
        |path| {
            path.components()
                .any(|c| c.as_os_str() == "cli" || c.as_os_str() == "bin")
                || path.file_name().is_some_and(|n| n == "main.rs")
        },
        &["anyhow"],
    );
    assert!(
        offences.is_empty(),
        "anyhow outside the command line:\n{}",
        offences.join("\n")
    );
}

#[test]
fn library_crates_document_their_public_items() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap_or_default();
    let lints = manifest
        .split("[workspace.lints.rust]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or("");
    assert!(
        lints
            .lines()
            .any(|line| line.replace(' ', "") == "missing_docs=\"warn\""
                || line.replace(' ', "") == "missing_docs=\"deny\""),
        "missing_docs is on for the workspace:\n{lints}"
    );
    for library in [
        "wire",
        "places",
        "content",
        "hardware",
        "search",
        "kiosk-core",
        "kiosk",
        "sync-server",
        "updater",
    ] {
        let crate_manifest =
            std::fs::read_to_string(root().join(library).join("Cargo.toml")).unwrap_or_default();
        let uses_workspace_lints = crate_manifest
            .split("[lints]")
            .nth(1)
            .is_some_and(|rest| rest.trim_start().starts_with("workspace = true"));
        assert!(
            uses_workspace_lints,
            "{library} takes the workspace's lints"
        );
    }
}
