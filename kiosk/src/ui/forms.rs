//! Request forms: showing a form from content, checking it with clear messages, sealing the
//! personal fields and keeping the request, then the reference number and the ticket.

use std::cell::RefCell;
use std::rc::Rc;

use content::{FieldKind, RequestForm};
use slint::{ComponentHandle as _, Model as _, ModelRc, SharedString, VecModel};
use wire::EventKind;

use super::state::UiState;
use super::{FieldItem, FormAdapter, KioskWindow, OptionItem, Page, go, handler};
use crate::devices::Printout;
use crate::forms::{self, FieldError, FormDraft};
use crate::store::LocalRecord;

pub fn wire(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    let adapter = window.global::<FormAdapter>();
    let set_value = handler(
        window,
        state,
        |_, state, (field, value): (SharedString, SharedString)| {
            if let Some(draft) = state.form.as_mut() {
                draft.set(&field, &value);
            }
        },
    );
    adapter.on_set_value(move |field, value| set_value((field, value)));
    let choose = handler(
        window,
        state,
        |window, state, (field, option): (SharedString, SharedString)| {
            if let Some(draft) = state.form.as_mut() {
                draft.set(&field, &option);
            }
            mark_selected(window, &field, &option);
        },
    );
    adapter.on_choose(move |field, option| choose((field, option)));
    let submit = handler(window, state, |window, state, ()| submit(window, state));
    adapter.on_submit(move || submit(()));
    let ticket = handler(window, state, |window, state, ()| {
        print_ticket(window, state)
    });
    adapter.on_print_ticket(move || ticket(()));
}

/// Forgets the form on screen.
pub fn clear(window: &KioskWindow) {
    let adapter = window.global::<FormAdapter>();
    adapter.set_fields(ModelRc::default());
    adapter.set_reference(SharedString::new());
    adapter.set_form_error(SharedString::new());
    adapter.set_offline_note(SharedString::new());
    adapter.set_next_steps(SharedString::new());
}

/// Opens the form with this id.
pub fn open(window: &KioskWindow, state: &mut UiState, form_id: &str) {
    let Some(form) = state.content.form(form_id).cloned() else {
        return;
    };
    let Some(text) = form
        .text
        .get(&state.locale, state.content.default_locale())
        .map(|s| s.value.clone())
    else {
        return;
    };
    state.visits.record(EventKind::RequestStarted {
        topic: form.topic.clone(),
    });
    state.form = Some(FormDraft::new(&form));
    let adapter = window.global::<FormAdapter>();
    adapter.set_title(text.title.as_str().into());
    adapter.set_intro(text.intro.as_str().into());
    let personal = forms::has_personal_fields(&form);
    let note = if !personal {
        String::new()
    } else if state.sealing_key().is_some() {
        state.text("form-privacy-note")
    } else {
        state.text("form-unavailable")
    };
    adapter.set_privacy_note(note.into());
    adapter.set_form_error(SharedString::new());
    fill_fields(window, state, &form, &Default::default());
    go(window, state, Page::Form);
}

fn fill_fields(
    window: &KioskWindow,
    state: &UiState,
    form: &RequestForm,
    errors: &std::collections::BTreeMap<String, FieldError>,
) {
    let fallback = state.content.default_locale();
    let Some(text) = form.text.get(&state.locale, fallback).map(|s| s.value) else {
        return;
    };
    let draft = state.form.as_ref();
    let fields: Vec<FieldItem> = form
        .field
        .iter()
        .map(|field| {
            let field_text = text.fields.get(&field.id);
            let value = draft
                .map(|d| d.value(&field.id).to_owned())
                .unwrap_or_default();
            let options: Vec<OptionItem> = match field.kind {
                FieldKind::Slot => form
                    .slot
                    .iter()
                    .map(|slot| OptionItem {
                        id: slot.id.as_str().into(),
                        label: slot_label(state, &slot.start, slot.minutes).into(),
                        selected: value == slot.id,
                    })
                    .collect(),
                _ => field
                    .options
                    .iter()
                    .map(|option| OptionItem {
                        id: option.as_str().into(),
                        label: field_text
                            .and_then(|t| t.options.get(option))
                            .map(String::as_str)
                            .unwrap_or(option)
                            .into(),
                        selected: value == *option,
                    })
                    .collect(),
            };
            FieldItem {
                id: field.id.as_str().into(),
                kind: match field.kind {
                    FieldKind::Text => "text",
                    FieldKind::LongText => "long-text",
                    FieldKind::Phone => "phone",
                    FieldKind::Choice => "choice",
                    FieldKind::Slot => "slot",
                }
                .into(),
                label: field_text
                    .map(|t| t.label.as_str())
                    .unwrap_or(&field.id)
                    .into(),
                hint: field_text
                    .and_then(|t| t.hint.as_deref())
                    .unwrap_or_default()
                    .into(),
                required: field.required,
                personal: field.personal,
                value: value.into(),
                error: errors
                    .get(&field.id)
                    .map(|e| error_text(state, *e))
                    .unwrap_or_default()
                    .into(),
                options: ModelRc::new(VecModel::from(options)),
            }
        })
        .collect();
    window
        .global::<FormAdapter>()
        .set_fields(ModelRc::new(VecModel::from(fields)));
}

/// "Tuesday 1 December, 09:30" in the resident's language (day name from the UI strings).
fn slot_label(state: &UiState, start: &str, minutes: u32) -> String {
    let date = time::Date::parse(
        &start[..10.min(start.len())],
        time::macros::format_description!("[year]-[month]-[day]"),
    );
    let day = date.map(|d| {
        let name = match d.weekday() {
            time::Weekday::Monday => "day-mon",
            time::Weekday::Tuesday => "day-tue",
            time::Weekday::Wednesday => "day-wed",
            time::Weekday::Thursday => "day-thu",
            time::Weekday::Friday => "day-fri",
            time::Weekday::Saturday => "day-sat",
            time::Weekday::Sunday => "day-sun",
        };
        format!("{} {}", state.text(name), &start[..10])
    });
    let clock = start.get(11..16).unwrap_or_default();
    format!(
        "{} \u{2066}{clock}\u{2069} ({minutes} min)",
        day.unwrap_or_else(|_| start.to_owned())
    )
}

fn error_text(state: &UiState, error: FieldError) -> String {
    match error {
        FieldError::Required => state.text("form-error-required"),
        FieldError::Choose | FieldError::UnknownOption => state.text("form-error-choose"),
        FieldError::Phone => state.text("form-error-phone"),
        FieldError::TooLong { max } => {
            state.format("form-error-too-long", &[("max", (max as i64).into())])
        }
    }
}

fn mark_selected(window: &KioskWindow, field: &str, option: &str) {
    let fields = window.global::<FormAdapter>().get_fields();
    for row in 0..fields.row_count() {
        let Some(item) = fields.row_data(row) else {
            continue;
        };
        if item.id != field {
            continue;
        }
        for index in 0..item.options.row_count() {
            if let Some(mut choice) = item.options.row_data(index) {
                choice.selected = choice.id == option;
                item.options.set_row_data(index, choice);
            }
        }
    }
}

fn submit(window: &KioskWindow, state: &mut UiState) {
    let Some(draft) = state.form.clone() else {
        return;
    };
    let Some(form) = state.content.form(&draft.form_id).cloned() else {
        return;
    };
    let errors = forms::validate(&form, &draft);
    let adapter = window.global::<FormAdapter>();
    if !errors.is_empty() {
        adapter.set_form_error(state.text("form-fix-errors").into());
        fill_fields(window, state, &form, &errors);
        return;
    }
    let (reference, request) = match forms::seal_request(
        &form,
        &draft,
        state.sealing_key().as_ref(),
        state.visits.hour(),
    ) {
        Ok(sealed) => sealed,
        Err(_) => {
            adapter.set_form_error(state.text("form-unavailable").into());
            return;
        }
    };
    state.visits.keep(LocalRecord::Request(request));
    state.visits.record(EventKind::RequestSubmitted {
        topic: form.topic.clone(),
    });
    // The draft (with the personal fields in clear) is dropped now; only the sealed copy
    // stays, on the recorder's way to the disk.
    state.form = None;
    let next_steps = form
        .text
        .get(&state.locale, state.content.default_locale())
        .map(|t| t.value.next_steps.clone());
    state.last_request = Some((reference.to_string(), form.id.clone()));
    adapter.set_fields(ModelRc::default());
    adapter.set_reference(reference.to_string().into());
    adapter.set_next_steps(next_steps.unwrap_or_default().into());
    adapter.set_offline_note(
        state
            .text(if state.online() {
                "submitted-online"
            } else {
                "submitted-offline"
            })
            .into(),
    );
    // A submitted form is not a page to go back to.
    state.history.retain(|page| *page != Page::Form);
    go(window, state, Page::Submitted);
}

fn print_ticket(window: &KioskWindow, state: &mut UiState) {
    let Some((reference, form_id)) = state.last_request.clone() else {
        return;
    };
    let Some(form) = state.content.form(&form_id) else {
        return;
    };
    let Some(text) = form
        .text
        .get(&state.locale, state.content.default_locale())
        .map(|t| t.value)
    else {
        return;
    };
    let printout = Printout::Request {
        title: text.title.clone(),
        reference_label: state.text("ticket-reference"),
        reference,
        lines: vec![text.next_steps.clone()],
        offline_note: (!state.online()).then(|| state.text("ticket-offline")),
    };
    super::print(window, state, printout);
}
