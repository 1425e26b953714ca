//! The sample bundle every kiosk carries: it parses, it is consistent, and it has what the
//! resident-experience issue promises (≥ 30 services in ≥ 8 categories, the three request
//! forms, at least six modules, a survey), complete in en, es, fr and ar.

use std::collections::BTreeSet;

use content::{Bundle, FormKind};

fn sample() -> Bundle {
    match Bundle::sample() {
        Ok(bundle) => bundle,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn the_sample_is_consistent_and_complete_in_four_languages() {
    let bundle = sample();
    for locale in ["en", "es", "fr", "ar"] {
        assert!(
            bundle.info.complete_locales.iter().any(|l| l == locale),
            "{locale} is not promised complete"
        );
    }
}

#[test]
fn at_least_thirty_services_in_eight_categories() {
    let bundle = sample();
    assert!(
        bundle.services.len() >= 30,
        "only {} services",
        bundle.services.len()
    );
    let used: BTreeSet<&str> = bundle
        .services
        .iter()
        .map(|s| s.category.as_str())
        .collect();
    assert!(
        used.len() >= 8,
        "services use only {} categories: {used:?}",
        used.len()
    );
    for category in &bundle.categories {
        assert!(
            bundle.services_in(&category.id).next().is_some(),
            "category {} is empty",
            category.id
        );
    }
}

#[test]
fn the_three_request_forms_exist_and_services_use_them() {
    let bundle = sample();
    for kind in [
        FormKind::ReportProblem,
        FormKind::Callback,
        FormKind::Appointment,
    ] {
        let form = bundle.forms.iter().find(|f| f.kind == kind);
        let Some(form) = form else {
            panic!("no {kind:?} form")
        };
        assert!(
            bundle
                .services
                .iter()
                .any(|s| s.form.as_deref() == Some(form.id.as_str())),
            "no service offers the {} form",
            form.id
        );
    }
    let personal = bundle
        .forms
        .iter()
        .flat_map(|f| &f.field)
        .filter(|f| f.personal)
        .count();
    assert!(
        personal > 0,
        "name and phone fields must be marked personal"
    );
}

#[test]
fn at_least_six_modules_with_five_question_checks() {
    let bundle = sample();
    assert!(
        bundle.modules.len() >= 6,
        "only {} modules",
        bundle.modules.len()
    );
    let numbers: BTreeSet<u32> = bundle.modules.iter().map(|m| m.number).collect();
    assert_eq!(numbers.len(), bundle.modules.len(), "module numbers repeat");
    for module in &bundle.modules {
        assert_eq!(module.question.len(), 5, "{}", module.id);
        assert_eq!(module.pass_mark, 4, "{}", module.id);
    }
}

#[test]
fn a_survey_is_open_in_the_sample_period() {
    let bundle = sample();
    assert!(!bundle.surveys.is_empty());
    let survey = &bundle.surveys[0];
    assert!(bundle.current_survey(&survey.opens).is_some());
}
