//! Every locale in `locales/` has exactly the message ids of `en`, with the same variables,
//! and parses cleanly. This reads the files on disk, the same ones the build embeds.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

type Messages = BTreeMap<String, BTreeSet<String>>;

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales")
}

/// Message (and term) id → variables it uses, for every `.ftl` file of one locale.
fn messages_of(locale: &Path) -> Messages {
    let mut messages = Messages::new();
    for file in fs::read_dir(locale).expect("locale folder") {
        let path = file.expect("entry").path();
        if path.extension().is_none_or(|ext| ext != "ftl") {
            continue;
        }
        let source = fs::read_to_string(&path).expect("readable");
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
        for entry in resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), m.value, m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
                _ => continue,
            };
            let mut variables = BTreeSet::new();
            if let Some(pattern) = &value {
                collect_pattern(pattern, &mut variables);
            }
            for attribute in &attributes {
                collect_pattern(&attribute.value, &mut variables);
            }
            assert!(
                messages.insert(id.clone(), variables).is_none(),
                "{id} defined twice in {}",
                locale.display()
            );
        }
    }
    messages
}

fn collect_pattern(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_expression(expression, out);
        }
    }
}

fn collect_expression(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            collect_inline(selector, out);
            for variant in variants {
                collect_pattern(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => collect_inline(inline, out),
    }
}

fn collect_inline(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => collect_expression(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                collect_inline(argument, out);
            }
            for named in &arguments.named {
                collect_inline(&named.value, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_locale_has_exactly_the_reference_messages_and_variables() {
    let reference = messages_of(&locales_dir().join("en"));
    assert!(
        reference.contains_key("language-name"),
        "en must name itself"
    );
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in fs::read_dir(locales_dir()).expect("locales/") {
        let path = entry.expect("entry").path();
        if !path.is_dir() {
            continue;
        }
        let tag = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let messages = messages_of(&path);
        checked += 1;
        for id in reference.keys().filter(|id| !messages.contains_key(*id)) {
            problems.push(format!("{tag}: missing {id}"));
        }
        for id in messages.keys().filter(|id| !reference.contains_key(*id)) {
            problems.push(format!("{tag}: {id} is not in en"));
        }
        for (id, variables) in &messages {
            if let Some(expected) = reference.get(id)
                && expected != variables
            {
                problems.push(format!(
                    "{tag}: {id} uses {variables:?}, en uses {expected:?}"
                ));
            }
        }
    }
    assert!(checked >= 8, "only {checked} locales found");
    assert!(
        problems.is_empty(),
        "locale problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_catches_a_missing_message_and_a_renamed_variable() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.ftl"), "hello = Hi { $name }\n").expect("write");
    let broken = messages_of(dir.path());
    let mut reference = Messages::new();
    reference.insert("hello".into(), BTreeSet::from(["person".to_owned()]));
    reference.insert("bye".into(), BTreeSet::new());
    assert_ne!(broken.get("hello"), reference.get("hello"));
    assert!(!broken.contains_key("bye"));
}
