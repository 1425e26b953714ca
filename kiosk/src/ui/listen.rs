//! "Listen": the text of the screen the resident sees, read from the same adapters the screen
//! shows, spoken in the screen's language.

use slint::{ComponentHandle as _, Model as _};

use super::state::UiState;
use super::{
    AdminAdapter, AppAdapter, CheckAdapter, FormAdapter, HomeAdapter, KioskWindow, LearnAdapter,
    Page, SayAdapter, ServicesAdapter, Strings,
};

/// Speaks the current screen (interrupting whatever was being said).
pub fn speak_screen(window: &KioskWindow, state: &UiState) {
    if !state.devices.can_speak(&state.locale) {
        window
            .global::<AppAdapter>()
            .set_notice(state.text("notice-speech-problem").into());
        return;
    }
    let text = screen_text(window);
    if !text.is_empty() {
        state.devices.speak(&text, &state.locale);
    }
}

/// The words on the current screen, in reading order.
pub fn screen_text(window: &KioskWindow) -> String {
    let strings = window.global::<Strings>();
    let mut parts: Vec<String> = Vec::new();
    let mut push = |text: &str| {
        let text = text.trim();
        if !text.is_empty() {
            parts.push(text.to_owned());
        }
    };
    match window.global::<AppAdapter>().get_page() {
        Page::Attract => push(&strings.get_attract_touch_to_start()),
        Page::Language => push(&strings.get_language_title()),
        Page::AdminPin => {
            push(&strings.get_admin_pin_title());
            push(&strings.get_admin_pin_label());
            push(&window.global::<AdminAdapter>().get_pin_message());
        }
        Page::Admin => {
            let adapter = window.global::<AdminAdapter>();
            push(&strings.get_admin_title());
            push(&adapter.get_message());
            push(&if adapter.get_online() {
                strings.get_admin_online()
            } else {
                strings.get_admin_offline()
            });
            for device in adapter.get_devices().iter() {
                push(&format!("{}: {}", device.name, device.status));
            }
        }
        Page::Settings => {
            push(&strings.get_settings_title());
            push(&strings.get_settings_intro());
        }
        Page::Home => {
            push(&strings.get_home_title());
            for tile in window.global::<HomeAdapter>().get_tiles().iter() {
                push(&tile.title);
                push(&tile.hint);
            }
            push(&strings.get_home_check_request());
        }
        Page::CheckRequest => {
            let adapter = window.global::<CheckAdapter>();
            push(&strings.get_check_title());
            if adapter.get_has_result() {
                push(&strings.get_check_reference_label());
                push(&adapter.get_reference());
                push(&adapter.get_status_title());
                push(&adapter.get_status_detail());
                if !adapter.get_note().is_empty() {
                    push(&strings.get_check_note_label());
                    push(&adapter.get_note());
                }
                push(&adapter.get_updated());
                push(&adapter.get_source());
            } else {
                push(&strings.get_check_intro());
                push(&adapter.get_entry_message());
            }
        }
        Page::Services => {
            push(&strings.get_services_title());
            push(&strings.get_services_search_label());
            push(&strings.get_services_browse());
            for category in window.global::<ServicesAdapter>().get_categories().iter() {
                push(&category.name);
            }
        }
        Page::ServiceList => {
            let adapter = window.global::<ServicesAdapter>();
            push(&adapter.get_list_title());
            push(&adapter.get_list_message());
            for service in adapter.get_list().iter() {
                push(&service.name);
            }
        }
        Page::Service => {
            let adapter = window.global::<ServicesAdapter>();
            push(&adapter.get_service_name());
            push(&adapter.get_service_summary());
            for section in adapter.get_sections().iter() {
                push(&section.heading);
                push(&section.body);
                for item in section.items.iter() {
                    push(&item);
                }
            }
        }
        Page::Form => {
            let adapter = window.global::<FormAdapter>();
            push(&adapter.get_title());
            push(&adapter.get_intro());
            push(&adapter.get_form_error());
            for field in adapter.get_fields().iter() {
                push(&field.label);
                push(&field.error);
            }
        }
        Page::Submitted => {
            let adapter = window.global::<FormAdapter>();
            push(&strings.get_submitted_title());
            push(&strings.get_submitted_reference());
            // Spelled out character by character so it can be written down.
            let reference: Vec<String> = adapter
                .get_reference()
                .chars()
                .filter(|c| *c != '-')
                .map(String::from)
                .collect();
            push(&reference.join(" "));
            push(&adapter.get_next_steps());
            push(&adapter.get_offline_note());
        }
        Page::Learn => {
            push(&strings.get_learn_title());
            push(&strings.get_learn_intro());
            for module in window.global::<LearnAdapter>().get_modules().iter() {
                push(&module.title);
                push(&module.status);
            }
        }
        Page::Lesson => {
            let adapter = window.global::<LearnAdapter>();
            push(&adapter.get_step_title());
            push(&adapter.get_step_body());
        }
        Page::Question => {
            let adapter = window.global::<LearnAdapter>();
            push(&adapter.get_question_prompt());
            if adapter.get_answered() {
                push(&if adapter.get_answered_right() {
                    strings.get_learn_right()
                } else {
                    strings.get_learn_not_quite()
                });
                push(&adapter.get_explanation());
            } else {
                for option in adapter.get_question_options().iter() {
                    push(&option.label);
                }
            }
        }
        Page::Result => {
            let adapter = window.global::<LearnAdapter>();
            push(&adapter.get_result_title());
            push(&adapter.get_result_message());
        }
        Page::Say => {
            push(&strings.get_say_title());
            push(&strings.get_say_intro());
            push(&window.global::<SayAdapter>().get_survey_title());
        }
        Page::Rate => {
            push(&window.global::<SayAdapter>().get_rate_service_name());
            push(&strings.get_rate_question());
        }
        Page::Survey => {
            let adapter = window.global::<SayAdapter>();
            push(&adapter.get_survey_prompt());
            for option in adapter.get_survey_options().iter() {
                push(&option.label);
            }
        }
        Page::Thanks => push(&window.global::<SayAdapter>().get_thanks_message()),
    }
    parts.join(". ")
}
