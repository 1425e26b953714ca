//! Checks a parsed bundle for what the types alone cannot say: references that point
//! nowhere, texts missing for a field or an option, answer keys out of range, and locales that
//! promise completeness but are not complete. Every problem is reported, not just the first.

use std::collections::{BTreeSet, HashSet};

use crate::model::{
    Choice, FieldKind, FormKind, Module, RequestForm, Service, Survey, SurveyAnswer,
};
use crate::{Bundle, Localised};

/// Icons the kiosk can draw for categories.
pub const ICONS: &[&str] = &[
    "health",
    "housing",
    "jobs",
    "benefits",
    "waste",
    "transport",
    "documents",
    "education",
    "safety",
    "family",
    "library",
    "community",
    "money",
    "streets",
];

/// Pictures the kiosk can draw for lesson steps.
pub const PICTURES: &[&str] = &[
    "touch",
    "scroll",
    "text-size",
    "speaker",
    "help",
    "search",
    "official",
    "advert",
    "email",
    "attachment",
    "spam",
    "lock",
    "key",
    "dice",
    "one-time-code",
    "warning",
    "phone-message",
    "phone-call",
    "shield",
    "private-window",
    "logout",
    "footprints",
    "form",
    "upload",
    "calendar",
    "receipt",
    "video-call",
    "microphone",
    "camera",
    "money",
    "bank",
    "wifi",
    "update",
    "settings",
    "checklist",
    "people",
    "library",
    "question",
];

const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

struct Checker<'a> {
    bundle: &'a Bundle,
    problems: Vec<String>,
}

/// Easy-read guidance (Inclusion Europe): one idea per sentence, at most 15 words.
const EASY_READ_MAX_WORDS: usize = 15;

/// Every problem in the bundle, as `file: what is wrong` lines.
pub fn problems(bundle: &Bundle) -> Vec<String> {
    let mut checker = Checker {
        bundle,
        problems: Vec::new(),
    };
    checker.info();
    checker.categories();
    for service in &bundle.services {
        checker.service(service);
    }
    for form in &bundle.forms {
        checker.form(form);
    }
    for module in &bundle.modules {
        checker.module(module);
    }
    for survey in &bundle.surveys {
        checker.survey(survey);
    }
    checker.problems
}

impl Checker<'_> {
    fn report(&mut self, file: &str, message: impl std::fmt::Display) {
        self.problems.push(format!("{file}: {message}"));
    }

    /// The default locale must be there (it is the fallback); each promised locale too.
    fn locales<T>(&mut self, file: &str, what: &str, texts: &Localised<T>) {
        let info = &self.bundle.info;
        let mut required: Vec<&str> = info.complete_locales.iter().map(String::as_str).collect();
        required.push(&info.default_locale);
        required.sort_unstable();
        required.dedup();
        for locale in required {
            if !texts.has(locale) {
                self.report(file, format!("{what} has no text in {locale}"));
            }
        }
    }

    fn info(&mut self) {
        let info = &self.bundle.info;
        if info.version == 0 {
            self.report("bundle.toml", "version starts at 1");
        }
        self.locales("bundle.toml", "publisher", &info.publisher.clone());
    }

    fn categories(&mut self) {
        let mut seen = HashSet::new();
        for category in &self.bundle.categories {
            if !seen.insert(category.id.as_str()) {
                self.report(
                    "categories.toml",
                    format!("category {} is listed twice", category.id),
                );
            }
            if !ICONS.contains(&category.icon.as_str()) {
                self.report(
                    "categories.toml",
                    format!("category {}: unknown icon {}", category.id, category.icon),
                );
            }
            self.locales(
                "categories.toml",
                &format!("category {}", category.id),
                &category.name,
            );
        }
        if self.bundle.categories.is_empty() {
            self.report("categories.toml", "no categories");
        }
    }

    fn service(&mut self, service: &Service) {
        let file = format!("services/{}.toml", service.id);
        if !self
            .bundle
            .categories
            .iter()
            .any(|c| c.id == service.category)
        {
            self.report(
                &file,
                format!("category {} is not in categories.toml", service.category),
            );
        }
        if let Some(form) = &service.form
            && self.bundle.form(form).is_none()
        {
            self.report(&file, format!("form {form} does not exist in forms/"));
        }
        if service.channels.is_empty() {
            self.report(
                &file,
                "no channels: say how the service is used (in_person, online, phone)",
            );
        }
        for hours in &service.hours {
            if hours.days.is_empty() || hours.days.iter().any(|d| !DAYS.contains(&d.as_str())) {
                self.report(
                    &file,
                    format!("hours: days must be among {}", DAYS.join(" ")),
                );
            }
            if !is_time(&hours.opens) || !is_time(&hours.closes) || hours.opens >= hours.closes {
                self.report(
                    &file,
                    format!(
                        "hours {}–{}: times are HH:MM and opens before closes",
                        hours.opens, hours.closes
                    ),
                );
            }
        }
        self.topic(&file, &service.topic);
        self.locales(&file, "the service", &service.text);
        for (locale, text) in &service.text.0 {
            if text.name.trim().is_empty() || text.summary.trim().is_empty() {
                self.report(
                    &file,
                    format!("{locale}: name and summary must not be empty"),
                );
            }
            for sentence in &text.easy {
                let words = sentence.split_whitespace().count();
                if words == 0 || words > EASY_READ_MAX_WORDS {
                    self.report(
                        &file,
                        format!(
                            "{locale}: easy-read sentences have 1 to {EASY_READ_MAX_WORDS} words, \
                             this one has {words}: {sentence:?}"
                        ),
                    );
                }
            }
        }
    }

    fn topic(&mut self, file: &str, topic: &str) {
        let valid = !topic.is_empty()
            && topic.split('.').all(|part| {
                !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            });
        if !valid {
            self.report(
                file,
                format!("topic {topic:?} must be a code like housing.repairs"),
            );
        }
    }

    fn form(&mut self, form: &RequestForm) {
        let file = format!("forms/{}.toml", form.id);
        self.topic(&file, &form.topic);
        let ids: BTreeSet<&str> = form.field.iter().map(|f| f.id.as_str()).collect();
        if ids.len() != form.field.len() {
            self.report(&file, "two fields share an id");
        }
        let has_slot_field = form.field.iter().any(|f| f.kind == FieldKind::Slot);
        if form.kind == FormKind::Appointment && (!has_slot_field || form.slot.is_empty()) {
            self.report(
                &file,
                "an appointment form needs a slot field and at least one [[slot]]",
            );
        }
        for slot in &form.slot {
            let valid = slot.start.len() == 16
                && slot.start.as_bytes().get(10) == Some(&b'T')
                && is_date(&slot.start[..10])
                && is_time(&slot.start[11..]);
            if !valid || slot.minutes == 0 {
                self.report(
                    &file,
                    format!(
                        "slot {}: start is YYYY-MM-DDTHH:MM and minutes > 0",
                        slot.id
                    ),
                );
            }
        }
        for field in &form.field {
            if field.kind == FieldKind::Choice && field.options.is_empty() {
                self.report(&file, format!("field {}: a choice needs options", field.id));
            }
        }
        self.locales(&file, "the form", &form.text);
        for (locale, text) in &form.text.0 {
            let described: BTreeSet<&str> = text.fields.keys().map(String::as_str).collect();
            if described != ids {
                self.report(
                    &file,
                    format!("{locale}: field texts {described:?} do not match the fields {ids:?}"),
                );
            }
            for field in &form.field {
                if let Some(field_text) = text.fields.get(&field.id) {
                    let labelled: BTreeSet<&str> =
                        field_text.options.keys().map(String::as_str).collect();
                    let options: BTreeSet<&str> =
                        field.options.iter().map(String::as_str).collect();
                    if labelled != options {
                        self.report(&file, format!("{locale}: field {} has option labels {labelled:?} for options {options:?}", field.id));
                    }
                }
            }
        }
    }

    fn module(&mut self, module: &Module) {
        let file = format!("modules/{}.toml", module.id);
        if module.question.len() != 5 {
            self.report(
                &file,
                format!(
                    "the check has {} questions; it must have 5",
                    module.question.len()
                ),
            );
        }
        if module.pass_mark == 0 || module.pass_mark as usize > module.question.len() {
            self.report(
                &file,
                "pass_mark must be between 1 and the number of questions",
            );
        }
        if module.step.is_empty() || module.practice.is_empty() {
            self.report(&file, "a module needs lesson steps and practice");
        }
        for step in &module.step {
            if !PICTURES.contains(&step.picture.as_str()) {
                self.report(
                    &file,
                    format!("step {}: unknown picture {}", step.id, step.picture),
                );
            }
        }
        for choice in module.practice.iter().chain(&module.question) {
            if choice.options < 2
                || choice.correct.is_empty()
                || choice.correct.iter().any(|c| *c >= choice.options)
            {
                self.report(
                    &file,
                    format!(
                        "{}: needs 2 or more options and correct answers among them",
                        choice.id
                    ),
                );
            }
        }
        self.locales(&file, "the module", &module.text);
        let step_ids: BTreeSet<&str> = module.step.iter().map(|s| s.id.as_str()).collect();
        for (locale, text) in &module.text.0 {
            let described: BTreeSet<&str> = text.steps.keys().map(String::as_str).collect();
            if described != step_ids {
                self.report(
                    &file,
                    format!(
                        "{locale}: step texts {described:?} do not match the steps {step_ids:?}"
                    ),
                );
            }
            self.choices(&file, locale, "practice", &module.practice, &text.practice);
            self.choices(&file, locale, "question", &module.question, &text.questions);
        }
    }

    fn choices(
        &mut self,
        file: &str,
        locale: &str,
        what: &str,
        choices: &[Choice],
        texts: &std::collections::BTreeMap<String, crate::ChoiceText>,
    ) {
        let ids: BTreeSet<&str> = choices.iter().map(|c| c.id.as_str()).collect();
        let described: BTreeSet<&str> = texts.keys().map(String::as_str).collect();
        if ids != described {
            self.report(
                file,
                format!("{locale}: {what} texts {described:?} do not match {ids:?}"),
            );
        }
        for choice in choices {
            if let Some(text) = texts.get(&choice.id)
                && text.options.len() != choice.options as usize
            {
                self.report(
                    file,
                    format!(
                        "{locale}: {what} {} has {} options, not {}",
                        choice.id,
                        text.options.len(),
                        choice.options
                    ),
                );
            }
        }
    }

    fn survey(&mut self, survey: &Survey) {
        let file = format!("surveys/{}.toml", survey.id);
        if !is_date(&survey.opens) || !is_date(&survey.closes) || survey.opens > survey.closes {
            self.report(&file, "opens and closes are YYYY-MM-DD, opens first");
        }
        self.locales(&file, "the survey", &survey.text);
        for question in &survey.question {
            let needs_options = question.kind != SurveyAnswer::Scale;
            if needs_options == question.options.is_empty() {
                self.report(
                    &file,
                    format!(
                        "question {}: choice questions need options, scales none",
                        question.id
                    ),
                );
            }
        }
        let ids: BTreeSet<&str> = survey.question.iter().map(|q| q.id.as_str()).collect();
        for (locale, text) in &survey.text.0 {
            let described: BTreeSet<&str> = text.questions.keys().map(String::as_str).collect();
            if described != ids {
                self.report(
                    &file,
                    format!("{locale}: question texts {described:?} do not match {ids:?}"),
                );
            }
            for question in &survey.question {
                let Some(question_text) = text.questions.get(&question.id) else {
                    continue;
                };
                let labelled: BTreeSet<&str> =
                    question_text.options.keys().map(String::as_str).collect();
                let options: BTreeSet<&str> = question.options.iter().map(String::as_str).collect();
                if labelled != options {
                    self.report(
                        &file,
                        format!(
                            "{locale}: question {} labels {labelled:?} for options {options:?}",
                            question.id
                        ),
                    );
                }
                if question.kind == SurveyAnswer::Scale && question_text.scale_ends.len() != 2 {
                    self.report(
                        &file,
                        format!("{locale}: question {} needs two scale_ends", question.id),
                    );
                }
            }
        }
    }
}

fn is_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 5
        && bytes[2] == b':'
        && text[..2].parse::<u8>().is_ok_and(|h| h < 24)
        && text[3..].parse::<u8>().is_ok_and(|m| m < 60)
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts[0].parse::<u16>().is_ok()
        && parts[1].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        && parts[2].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_dates() {
        assert!(is_time("09:30") && is_time("23:59"));
        assert!(!is_time("24:00") && !is_time("9:30") && !is_time("09-30"));
        assert!(is_date("2026-12-01"));
        assert!(!is_date("2026-13-01") && !is_date("26-12-01"));
    }

    #[test]
    fn long_easy_read_sentences_are_reported_with_their_file() {
        let mut bundle = match crate::Bundle::sample() {
            Ok(bundle) => bundle,
            Err(error) => panic!("{error}"),
        };
        assert!(problems(&bundle).is_empty());
        let service = &mut bundle.services[0];
        let id = service.id.clone();
        let Some(text) = service.text.0.get_mut("en") else {
            panic!("the sample has English text")
        };
        text.easy.push("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen.".into());
        let found = problems(&bundle);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("services/{id}.toml")) && found[0].contains("16"),
            "{found:?}"
        );
    }
}
