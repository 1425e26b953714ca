//! Learn digital skills: the module list, learner codes (new, typed in, printed), lesson steps,
//! practice, the check and its result, and progress kept under the learner's code.

use std::cell::RefCell;
use std::rc::Rc;

use content::{ChoiceText, Module, ModuleText};
use slint::{ComponentHandle as _, ModelRc, SharedString, VecModel};
use wire::EventKind;

use super::state::UiState;
use super::{KioskWindow, LearnAdapter, ModuleItem, OptionItem, Page, go, handler, icons};
use crate::codes::LearnerCode;
use crate::devices::Printout;
use crate::learning::{ModuleRun, Stage};
use crate::store::LocalRecord;

pub fn wire(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    let adapter = window.global::<LearnAdapter>();
    adapter.on_open_module(handler(window, state, |window, state, id: SharedString| {
        start_module(window, state, &id)
    }));
    adapter.on_use_code(handler(
        window,
        state,
        |window, state, typed: SharedString| use_code(window, state, &typed),
    ));
    let new_code = handler(window, state, |window, state, ()| {
        let code = LearnerCode::new();
        state.learner = Some(code);
        state.progress.clear();
        fill_modules(window, state);
    });
    adapter.on_new_code(move || new_code(()));
    let card = handler(window, state, |window, state, ()| print_card(window, state));
    adapter.on_print_card(move || card(()));
    let next = handler(window, state, |window, state, ()| advance(window, state));
    adapter.on_next_step(move || next(()));
    let previous = handler(window, state, |window, state, ()| {
        let Some(run) = state.run.as_mut() else {
            return;
        };
        run.previous();
        show_stage(window, state);
    });
    adapter.on_previous_step(move || previous(()));
    adapter.on_answer(handler(
        window,
        state,
        |window, state, option: SharedString| answer(window, state, &option),
    ));
    let next_question = handler(window, state, |window, state, ()| advance(window, state));
    adapter.on_next_question(move || next_question(()));
    let retry = handler(window, state, |window, state, ()| {
        if let Some(run) = state.run.as_mut() {
            run.retry();
        }
        show_stage(window, state);
    });
    adapter.on_retry(move || retry(()));
    let certificate = handler(window, state, |window, state, ()| {
        print_certificate(window, state)
    });
    adapter.on_print_certificate(move || certificate(()));
}

/// Opens the module list.
pub fn open(window: &KioskWindow, state: &mut UiState) {
    fill_modules(window, state);
    go(window, state, Page::Learn);
}

/// Forgets the learner on screen.
pub fn clear(window: &KioskWindow) {
    let adapter = window.global::<LearnAdapter>();
    adapter.set_learner_code(SharedString::new());
    adapter.set_code_entry(SharedString::new());
    adapter.set_code_message(SharedString::new());
    adapter.set_modules(ModelRc::default());
    adapter.set_question_options(ModelRc::default());
}

fn module_text<'a>(state: &UiState, module: &'a Module) -> Option<(&'a ModuleText, bool)> {
    module
        .text
        .get(&state.locale, state.content.default_locale())
        .map(|shown| (shown.value, shown.is_fallback))
}

fn fill_modules(window: &KioskWindow, state: &UiState) {
    let modules: Vec<ModuleItem> = state
        .content
        .modules
        .iter()
        .filter_map(|module| {
            let (text, fallback) = module_text(state, module)?;
            let progress = state.progress.get(&module.id);
            let status = match progress {
                Some(p) if p.passed => state.text("learn-status-passed"),
                Some(_) => state.text("learn-status-started"),
                None => state.text("learn-status-new"),
            };
            Some(ModuleItem {
                id: module.id.as_str().into(),
                title: text.title.as_str().into(),
                summary: text.summary.as_str().into(),
                status: status.into(),
                passed: progress.is_some_and(|p| p.passed),
                fallback,
            })
        })
        .collect();
    let adapter = window.global::<LearnAdapter>();
    adapter.set_modules(ModelRc::new(VecModel::from(modules)));
    adapter.set_learner_code(
        state
            .learner
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default()
            .into(),
    );
}

/// A code from the scanner: a learner card scanned on the Learn page resumes that learner.
pub(super) fn scanned(window: &KioskWindow, state: &mut UiState, code: &str) {
    if takes(window.global::<super::AppAdapter>().get_page(), code) {
        use_code(window, state, code);
    }
}

/// True if a code scanned on `page` is a learner card the page takes.
pub(super) fn takes(page: Page, code: &str) -> bool {
    page == Page::Learn && code.parse::<LearnerCode>().is_ok()
}

fn use_code(window: &KioskWindow, state: &mut UiState, typed: &str) {
    let weak = window.as_weak();
    let adapter = window.global::<LearnAdapter>();
    let Ok(code) = typed.parse::<LearnerCode>() else {
        adapter.set_code_message(state.text("learn-code-invalid").into());
        return;
    };
    adapter.set_code_message(SharedString::new());
    adapter.set_code_entry(SharedString::new());
    state.learner = Some(code.clone());
    state.progress.clear();
    fill_modules(window, state);
    // Stored progress is read off the UI thread and shown when it arrives; progress made on
    // other kiosks comes from the server too, when it can be reached.
    let unknown = state.text("learn-code-unknown");
    let local = (weak.clone(), code.clone());
    state.visits.sink().load_learner(
        code.as_str().to_owned(),
        Box::new(move |loaded| show_loaded(local.0, local.1, loaded, Some(unknown))),
    );
    if state.online()
        && let Some(pull) = &state.pull_learner
    {
        let expected = code.clone();
        pull(
            code.as_str().to_owned(),
            Box::new(move |pulled| match pulled {
                Ok(progress) => show_loaded(weak, expected, Ok(progress), None),
                Err(error) => {
                    tracing::info!(%error, "learner progress from other kiosks is not available now")
                }
            }),
        );
    }
}

/// Merges progress read from the store or the server into what the learner sees, if the same
/// learner is still there. `unknown`: what to say when there is none at all.
fn show_loaded(
    weak: slint::Weak<KioskWindow>,
    expected: LearnerCode,
    loaded: crate::session::LearnerProgress,
    unknown: Option<String>,
) {
    let _ = weak.upgrade_in_event_loop(move |window| {
        let adapter = window.global::<LearnAdapter>();
        // The visit may have ended, or another code been entered, meanwhile.
        if adapter.get_learner_code() != expected.to_string() {
            return;
        }
        super::with_state(|state| match loaded {
            Ok(progress) if progress.is_empty() => {
                if let Some(unknown) = unknown
                    && state.progress.is_empty()
                {
                    adapter.set_code_message(unknown.into());
                }
            }
            Ok(progress) => {
                adapter.set_code_message(SharedString::new());
                for (module, stored) in progress {
                    let merged = state
                        .progress
                        .get(&module)
                        .map(|p| p.merge(&stored))
                        .unwrap_or(stored);
                    state.progress.insert(module, merged);
                }
                fill_modules(&window, state);
            }
            Err(error) => tracing::warn!(%error, "cannot read learner progress"),
        });
    });
}

fn start_module(window: &KioskWindow, state: &mut UiState, id: &str) {
    let Some(module) = state.content.module(id).cloned() else {
        return;
    };
    state.visits.record(EventKind::ModuleStarted {
        module: module.id.clone(),
    });
    state.run = Some(ModuleRun::start(&module, false));
    let Some((text, _)) = module_text(state, &module) else {
        return;
    };
    window
        .global::<LearnAdapter>()
        .set_module_title(text.title.as_str().into());
    show_stage(window, state);
}

fn advance(window: &KioskWindow, state: &mut UiState) {
    let Some(module) = current_module(state) else {
        return;
    };
    let Some(run) = state.run.as_mut() else {
        return;
    };
    let before = run.stage;
    let after = run.next(&module);
    if after == Stage::Result && before != Stage::Result {
        let passed = run.passed(&module);
        let progress = run.progress.clone();
        state.visits.record(EventKind::ModuleFinished {
            module: module.id.clone(),
            passed,
        });
        keep_progress(state, &module.id, progress);
    }
    show_stage(window, state);
}

/// Keeps what this run achieved, under the learner code if there is one.
fn keep_progress(state: &mut UiState, module: &str, progress: crate::store::ModuleProgress) {
    let merged = state
        .progress
        .get(module)
        .map(|p| p.merge(&progress))
        .unwrap_or_else(|| progress.clone());
    state.progress.insert(module.to_owned(), merged);
    if let Some(code) = &state.learner {
        state.visits.keep(LocalRecord::Progress {
            learner_code: code.as_str().to_owned(),
            module: module.to_owned(),
            progress,
        });
    }
}

fn current_module(state: &UiState) -> Option<Module> {
    let run = state.run.as_ref()?;
    state.content.module(&run.module_id).cloned()
}

fn show_stage(window: &KioskWindow, state: &mut UiState) {
    let Some(module) = current_module(state) else {
        return;
    };
    let Some(run) = state.run.clone() else { return };
    let Some((text, _)) = module_text(state, &module) else {
        return;
    };
    let adapter = window.global::<LearnAdapter>();
    let counter = |id: &str, current: usize, total: usize| {
        state.format(
            id,
            &[
                ("current", (current as i64 + 1).into()),
                ("total", (total as i64).into()),
            ],
        )
    };
    match run.stage {
        Stage::Step(n) => {
            let Some(step) = module.step.get(n) else {
                return;
            };
            let step_text = text.steps.get(&step.id);
            adapter.set_step_counter(counter("learn-step-counter", n, module.step.len()).into());
            adapter.set_step_title(
                step_text
                    .map(|t| t.title.as_str())
                    .unwrap_or_default()
                    .into(),
            );
            adapter.set_step_body(
                step_text
                    .map(|t| t.body.as_str())
                    .unwrap_or_default()
                    .into(),
            );
            adapter.set_step_picture(icons::icon(&step.picture));
            adapter.set_first_step(n == 0);
            show(window, state, Page::Lesson);
        }
        Stage::Practice(n) | Stage::Question(n) => {
            let practice = matches!(run.stage, Stage::Practice(_));
            let Some(choice) = run.current_choice(&module) else {
                return;
            };
            let texts = if practice {
                &text.practice
            } else {
                &text.questions
            };
            let Some(choice_text) = texts.get(&choice.id) else {
                return;
            };
            let (id, total) = if practice {
                ("learn-practice-counter", module.practice.len())
            } else {
                ("learn-question-counter", module.question.len())
            };
            adapter.set_question_counter(counter(id, n, total).into());
            fill_question(window, choice_text, run.answer, None);
            adapter.set_answered(false);
            show(window, state, Page::Question);
        }
        Stage::Result => {
            let passed = run.passed(&module);
            adapter.set_passed(passed);
            adapter.set_result_title(
                state
                    .text(if passed {
                        "learn-passed-title"
                    } else {
                        "learn-failed-title"
                    })
                    .into(),
            );
            adapter.set_result_message(
                state
                    .format(
                        "learn-result-message",
                        &[
                            ("score", i64::from(run.score).into()),
                            ("total", (module.question.len() as i64).into()),
                            ("pass", i64::from(module.pass_mark).into()),
                        ],
                    )
                    .into(),
            );
            show(window, state, Page::Result);
        }
    }
}

/// Shows a page of the module without stacking it in the history: "Back" from anywhere in a
/// module returns to the module list.
fn show(window: &KioskWindow, state: &mut UiState, page: Page) {
    if window.global::<super::AppAdapter>().get_page() == Page::Learn {
        go(window, state, page);
    } else {
        super::show(window, state, page);
    }
}

fn fill_question(
    window: &KioskWindow,
    text: &ChoiceText,
    chosen: Option<usize>,
    _right: Option<bool>,
) {
    let adapter = window.global::<LearnAdapter>();
    adapter.set_question_prompt(text.prompt.as_str().into());
    let options: Vec<OptionItem> = text
        .options
        .iter()
        .enumerate()
        .map(|(index, label)| OptionItem {
            id: index.to_string().into(),
            label: label.as_str().into(),
            selected: chosen == Some(index),
        })
        .collect();
    adapter.set_question_options(ModelRc::new(VecModel::from(options)));
    adapter.set_explanation(text.explanation.as_str().into());
}

fn answer(window: &KioskWindow, state: &mut UiState, option: &str) {
    let Ok(option) = option.parse::<usize>() else {
        return;
    };
    let Some(module) = current_module(state) else {
        return;
    };
    let Some(run) = state.run.as_mut() else {
        return;
    };
    let Some(right) = run.answer(&module, option) else {
        return;
    };
    let Some(choice) = run.current_choice(&module).cloned() else {
        return;
    };
    let practice = matches!(run.stage, Stage::Practice(_));
    let Some((text, _)) = module_text(state, &module) else {
        return;
    };
    let texts = if practice {
        &text.practice
    } else {
        &text.questions
    };
    if let Some(choice_text) = texts.get(&choice.id) {
        fill_question(window, choice_text, Some(option), Some(right));
    }
    let adapter = window.global::<LearnAdapter>();
    adapter.set_answered(true);
    adapter.set_answered_right(right);
    if state.settings.read_aloud {
        super::listen::speak_screen(window, state);
    }
}

fn print_card(window: &KioskWindow, state: &mut UiState) {
    let Some(code) = state.learner.clone() else {
        return;
    };
    let printout = Printout::LearnerCard {
        title: state.text("card-title"),
        code: code.to_string(),
        note: state.text("card-body"),
    };
    super::print(window, state, printout);
}

fn print_certificate(window: &KioskWindow, state: &mut UiState) {
    let Some(module) = current_module(state) else {
        return;
    };
    let Some((text, _)) = module_text(state, &module) else {
        return;
    };
    let date = time::OffsetDateTime::from_unix_timestamp(state.visits.now())
        .ok()
        .and_then(|now| {
            now.format(time::macros::format_description!("[year]-[month]-[day]"))
                .ok()
        })
        .unwrap_or_default();
    let printout = Printout::Certificate {
        title: state.text("certificate-title"),
        body: state.format(
            "certificate-body",
            &[("module", text.title.clone().into()), ("date", date.into())],
        ),
        code: state
            .learner
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default(),
    };
    super::print(window, state, printout);
}
