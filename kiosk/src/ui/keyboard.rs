//! The on-screen keyboard: key rows for the resident's language (Latin with the language's
//! accented letters, Arabic, Ukrainian Cyrillic; Chinese residents type names in pinyin), a
//! phone keypad, the characters of printed codes (references, learner codes) for every
//! language, and typing into the focused text box by sending it key events.

use std::cell::RefCell;
use std::rc::Rc;

use slint::{ComponentHandle as _, ModelRc, SharedString, VecModel};

use super::state::UiState;
use super::{KeyboardAdapter, KioskWindow, handler};

/// The letter rows for a locale, lower case.
fn letter_rows(locale: &str) -> Vec<&'static str> {
    let mut rows = vec!["1234567890"];
    match locale {
        "ar" => rows.extend(["ضصثقفغعهخحج", "شسيبلاتنمكط", "ئءؤرىةوزظدذ"]),
        "uk" => rows.extend(["йцукенгшщзхї", "фівапролджєґ", "ячсмитьбю'.-"]),
        _ => {
            rows.extend(["qwertyuiop", "asdfghjkl", "zxcvbnm@.-"]);
            match locale {
                "es" => rows.push("áéíóúñü"),
                "fr" => rows.push("éèêàâçôùëî"),
                "pt" => rows.push("áâãàçéêíóôõú"),
                _ => {}
            }
        }
    }
    rows
}

/// The keys for a code from a ticket or card: its digits, then its letters, in rows of at
/// most 10 (the same in every language: codes are printed in Latin capitals).
fn code_rows() -> Vec<String> {
    let (digits, letters): (Vec<u8>, Vec<u8>) = crate::codes::ALPHABET
        .iter()
        .partition(|c| c.is_ascii_digit());
    let mut rows = vec![String::from_utf8_lossy(&digits).into_owned()];
    rows.extend(
        letters
            .chunks(10)
            .map(|row| String::from_utf8_lossy(row).into_owned()),
    );
    rows
}

fn model(rows: Vec<String>) -> ModelRc<ModelRc<SharedString>> {
    let rows: Vec<ModelRc<SharedString>> = rows
        .into_iter()
        .map(|row| {
            ModelRc::new(VecModel::from(
                row.chars()
                    .map(|c| SharedString::from(c.to_string()))
                    .collect::<Vec<_>>(),
            ))
        })
        .collect();
    ModelRc::new(VecModel::from(rows))
}

/// Sets the keys for the current language and shift state.
pub fn fill(window: &KioskWindow, state: &UiState) {
    let adapter = window.global::<KeyboardAdapter>();
    let rows: Vec<String> = letter_rows(&state.locale)
        .into_iter()
        .map(|row| {
            if state.keyboard_shift {
                row.to_uppercase()
            } else {
                row.to_owned()
            }
        })
        .collect();
    adapter.set_letters(model(rows));
    adapter.set_keypad(model(
        ["123", "456", "789", "+0-"].map(String::from).to_vec(),
    ));
    adapter.set_code_keys(model(code_rows()));
    adapter.set_shifted(state.keyboard_shift);
}

fn send(window: &KioskWindow, text: SharedString) {
    let slint_window = window.window();
    slint_window.dispatch_event(slint::platform::WindowEvent::KeyPressed { text: text.clone() });
    slint_window.dispatch_event(slint::platform::WindowEvent::KeyReleased { text });
}

pub fn wire(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    let adapter = window.global::<KeyboardAdapter>();
    // Capitals last for one letter, as on a phone.
    let unshift = handler(window, state, |window, state, ()| {
        if state.keyboard_shift {
            state.keyboard_shift = false;
            fill(window, state);
        }
    });
    // Keys are sent without holding the UI state: the text box's own callbacks (which record
    // what was typed) run while the key is delivered.
    let weak = window.as_weak();
    adapter.on_key(move |text| {
        if let Some(window) = weak.upgrade() {
            send(&window, text);
        }
        unshift(());
    });
    let weak = window.as_weak();
    adapter.on_backspace(move || {
        if let Some(window) = weak.upgrade() {
            send(&window, slint::platform::Key::Backspace.into());
        }
    });
    let shift = handler(window, state, |window, state, ()| {
        state.keyboard_shift = !state.keyboard_shift;
        fill(window, state);
    });
    adapter.on_toggle_shift(move || shift(()));
    let done = handler(window, state, |window, _, ()| {
        window.invoke_reset_focus();
        window.global::<KeyboardAdapter>().set_open(false);
    });
    adapter.on_done(move || done(()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_letters() {
        assert!(letter_rows("ar").concat().contains('ض'));
        assert!(letter_rows("uk").concat().contains('ї'));
        assert!(letter_rows("es").concat().contains('ñ'));
        assert!(letter_rows("fr").concat().contains('ç'));
        assert!(letter_rows("en").concat().contains('q'));
        let code: String = code_rows().concat();
        assert_eq!(
            code.len(),
            crate::codes::ALPHABET.len(),
            "every code character, once"
        );
        assert!(code_rows().iter().all(|row| row.len() <= 10));
        for locale in ["ar", "uk", "en", "es", "fr", "pt", "sw", "zh-Hans"] {
            assert!(
                letter_rows(locale)
                    .iter()
                    .all(|row| row.chars().count() <= 12),
                "{locale}: rows fit 12 keys"
            );
        }
    }
}
