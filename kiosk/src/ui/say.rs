//! Have a say: rate a service (1–5, optional comment, sealed) and answer the current survey,
//! one question at a time. Answers are anonymous.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use content::{Survey, SurveyAnswer, SurveyText};
use slint::{ComponentHandle as _, ModelRc, SharedString, VecModel};
use wire::EventKind;

use super::state::{SurveyRun, UiState};
use super::{KioskWindow, OptionItem, Page, SayAdapter, ServiceItem, go, handler};
use crate::store::{FeedbackKind, LocalRecord, StoredFeedback};

pub fn wire(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    let adapter = window.global::<SayAdapter>();
    adapter.on_rate_service(handler(window, state, |window, state, id: SharedString| {
        rate(window, state, &id)
    }));
    adapter.on_set_rating(handler(window, state, |window, state, stars: i32| {
        let stars = stars.clamp(1, 5) as u8;
        if let Some((_, rating)) = state.rating.as_mut() {
            *rating = stars;
        }
        window.global::<SayAdapter>().set_rating(i32::from(stars));
    }));
    let send = handler(window, state, |window, state, ()| {
        send_rating(window, state)
    });
    adapter.on_send_rating(move || send(()));
    let survey = handler(window, state, |window, state, ()| {
        open_survey(window, state)
    });
    adapter.on_open_survey(move || survey(()));
    adapter.on_survey_choose(handler(
        window,
        state,
        |window, state, option: SharedString| choose(window, state, &option),
    ));
    let next = handler(window, state, |window, state, ()| {
        survey_next(window, state)
    });
    adapter.on_survey_next(move || next(()));
}

/// Forgets answers on screen.
pub fn clear(window: &KioskWindow) {
    let adapter = window.global::<SayAdapter>();
    adapter.set_rating(0);
    adapter.set_comment(SharedString::new());
    adapter.set_recent_services(ModelRc::default());
    adapter.set_survey_options(ModelRc::default());
}

fn today(state: &UiState) -> String {
    time::OffsetDateTime::from_unix_timestamp(state.visits.now())
        .ok()
        .and_then(|now| {
            now.format(time::macros::format_description!("[year]-[month]-[day]"))
                .ok()
        })
        .unwrap_or_default()
}

fn current_survey(state: &UiState) -> Option<Survey> {
    state.content.current_survey(&today(state)).cloned()
}

fn survey_text<'a>(state: &UiState, survey: &'a Survey) -> Option<&'a SurveyText> {
    survey
        .text
        .get(&state.locale, state.content.default_locale())
        .map(|shown| shown.value)
}

/// Opens "Have a say": the survey, and the services seen in this visit (or all of them) to rate.
pub fn open(window: &KioskWindow, state: &mut UiState) {
    let adapter = window.global::<SayAdapter>();
    let survey = current_survey(state);
    adapter.set_survey_available(survey.is_some());
    adapter.set_survey_title(
        survey
            .as_ref()
            .and_then(|s| survey_text(state, s))
            .map(|t| t.title.as_str())
            .unwrap_or_default()
            .into(),
    );
    let ids: Vec<String> = if state.recent_services.is_empty() {
        state
            .content
            .services
            .iter()
            .map(|s| s.id.clone())
            .collect()
    } else {
        state.recent_services.clone()
    };
    let services: Vec<ServiceItem> = ids
        .iter()
        .filter_map(|id| state.content.service(id))
        .filter_map(|service| {
            let (text, fallback) = super::services::service_text(state, service)?;
            Some(ServiceItem {
                id: service.id.as_str().into(),
                name: text.name.as_str().into(),
                summary: SharedString::new(),
                fallback,
            })
        })
        .collect();
    adapter.set_recent_services(ModelRc::new(VecModel::from(services)));
    go(window, state, Page::Say);
}

/// Opens the rating page for a service.
pub fn rate(window: &KioskWindow, state: &mut UiState, service_id: &str) {
    let Some(service) = state.content.service(service_id) else {
        return;
    };
    let Some((text, _)) = super::services::service_text(state, service) else {
        return;
    };
    let adapter = window.global::<SayAdapter>();
    adapter.set_rate_service_name(text.name.as_str().into());
    adapter.set_rating(0);
    adapter.set_comment(SharedString::new());
    state.rating = Some((service.id.clone(), 0));
    go(window, state, Page::Rate);
}

fn send_rating(window: &KioskWindow, state: &mut UiState) {
    let Some((service_id, stars)) = state.rating.clone() else {
        return;
    };
    let adapter = window.global::<SayAdapter>();
    if stars == 0 {
        window
            .global::<super::AppAdapter>()
            .set_notice(state.text("rate-choose").into());
        return;
    }
    let Some(topic) = state.content.service(&service_id).map(|s| s.topic.clone()) else {
        return;
    };
    let comment = adapter.get_comment().trim().to_owned();
    // A comment is free text and may name someone: it is sealed like personal data, or not
    // kept at all on a kiosk that has no key yet.
    let sealed_comment = match (&state.sealing_key(), comment.is_empty()) {
        (_, true) | (None, false) => None,
        (Some(key), false) => key.seal(comment.as_bytes()).ok(),
    };
    state.visits.keep(LocalRecord::Feedback(StoredFeedback {
        kind: FeedbackKind::Rating,
        subject: topic.clone(),
        answers: BTreeMap::from([("rating".to_owned(), vec![stars.to_string()])]),
        sealed_comment,
        hour: state.visits.hour(),
    }));
    state.visits.record(EventKind::FeedbackGiven {
        topic,
        rating: stars,
    });
    state.rating = None;
    adapter.set_comment(SharedString::new());
    adapter.set_thanks_message(state.text("thanks-rating").into());
    state.history.retain(|page| *page != Page::Rate);
    go(window, state, Page::Thanks);
}

fn open_survey(window: &KioskWindow, state: &mut UiState) {
    let Some(survey) = current_survey(state) else {
        return;
    };
    state.survey = Some(SurveyRun {
        survey_id: survey.id.clone(),
        index: 0,
        answers: BTreeMap::new(),
    });
    show_question(window, state);
    go(window, state, Page::Survey);
}

fn show_question(window: &KioskWindow, state: &UiState) {
    let Some(run) = &state.survey else { return };
    let Some(survey) = state.content.surveys.iter().find(|s| s.id == run.survey_id) else {
        return;
    };
    let Some(text) = survey_text(state, survey) else {
        return;
    };
    let Some(question) = survey.question.get(run.index) else {
        return;
    };
    let Some(question_text) = text.questions.get(&question.id) else {
        return;
    };
    let chosen = run.answers.get(&question.id).cloned().unwrap_or_default();
    let options: Vec<OptionItem> = match question.kind {
        SurveyAnswer::Scale => (1..=5)
            .map(|n| {
                let label = match n {
                    1 => format!(
                        "1 – {}",
                        question_text
                            .scale_ends
                            .first()
                            .map(String::as_str)
                            .unwrap_or_default()
                    ),
                    5 => format!(
                        "5 – {}",
                        question_text
                            .scale_ends
                            .get(1)
                            .map(String::as_str)
                            .unwrap_or_default()
                    ),
                    n => n.to_string(),
                };
                OptionItem {
                    id: n.to_string().into(),
                    label: label.into(),
                    selected: chosen.contains(&n.to_string()),
                }
            })
            .collect(),
        _ => question
            .options
            .iter()
            .map(|option| OptionItem {
                id: option.as_str().into(),
                label: question_text
                    .options
                    .get(option)
                    .map(String::as_str)
                    .unwrap_or(option)
                    .into(),
                selected: chosen.contains(option),
            })
            .collect(),
    };
    let adapter = window.global::<SayAdapter>();
    adapter.set_survey_title(text.title.as_str().into());
    adapter.set_survey_counter(
        state
            .format(
                "survey-counter",
                &[
                    ("current", (run.index as i64 + 1).into()),
                    ("total", (survey.question.len() as i64).into()),
                ],
            )
            .into(),
    );
    adapter.set_survey_prompt(question_text.prompt.as_str().into());
    adapter.set_survey_multiple(question.kind == SurveyAnswer::Multiple);
    adapter.set_survey_options(ModelRc::new(VecModel::from(options)));
}

fn choose(window: &KioskWindow, state: &mut UiState, option: &str) {
    let Some(run) = state.survey.as_mut() else {
        return;
    };
    let Some(survey) = state.content.surveys.iter().find(|s| s.id == run.survey_id) else {
        return;
    };
    let Some(question) = survey.question.get(run.index) else {
        return;
    };
    let chosen = run.answers.entry(question.id.clone()).or_default();
    if question.kind == SurveyAnswer::Multiple {
        if let Some(position) = chosen.iter().position(|o| o == option) {
            chosen.remove(position);
        } else {
            chosen.push(option.to_owned());
        }
    } else {
        *chosen = vec![option.to_owned()];
    }
    show_question(window, state);
}

fn survey_next(window: &KioskWindow, state: &mut UiState) {
    let Some(run) = state.survey.as_mut() else {
        return;
    };
    let Some(survey) = state
        .content
        .surveys
        .iter()
        .find(|s| s.id == run.survey_id)
        .cloned()
    else {
        return;
    };
    if run.index + 1 < survey.question.len() {
        run.index += 1;
        show_question(window, state);
        if state.settings.read_aloud {
            super::listen::speak_screen(window, state);
        }
        return;
    }
    // Unanswered questions are simply left out: every question is optional.
    let answers = run.answers.clone();
    state.visits.keep(LocalRecord::Feedback(StoredFeedback {
        kind: FeedbackKind::Survey,
        subject: survey.id.clone(),
        answers,
        sealed_comment: None,
        hour: state.visits.hour(),
    }));
    state.visits.record(EventKind::SurveyAnswered {
        survey: survey.id.clone(),
    });
    state.survey = None;
    window
        .global::<SayAdapter>()
        .set_thanks_message(state.text("thanks-survey").into());
    state.history.retain(|page| *page != Page::Survey);
    go(window, state, Page::Thanks);
}
