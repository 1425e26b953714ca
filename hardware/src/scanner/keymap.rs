//! Key events from a keyboard-emulating scanner to text, in the keyboard layout the scanner
//! types in (`[scanner] layout` in `hardware.toml`: `us` by default, `fr` for an AZERTY
//! scanner, `de` for QWERTZ), mapped by libxkbcommon with shift, AltGr and caps lock as a
//! keyboard of that layout would; Enter ends a scan.

use xkbcommon::xkb;

use super::ScannerError;
use super::input_event::{EV_KEY, InputEvent};
use crate::config::ScannerConfig;

const KEY_BACKSPACE: u16 = 14;
const KEY_ENTER: u16 = 28;
const KEY_LEFTSHIFT: u16 = 42;
#[cfg(test)]
const KEY_CAPSLOCK: u16 = 58;
const KEY_KPENTER: u16 = 96;

/// Longest scan we keep (a QR code can hold a few kilobytes); longer input is cut off.
pub const MAX_SCAN_CHARS: usize = 4096;

/// The character a key gives on a US layout, without and with shift.
fn us_layout(code: u16) -> Option<(char, char)> {
    const ROW_DIGITS: [(char, char); 10] = [
        ('1', '!'),
        ('2', '@'),
        ('3', '#'),
        ('4', '$'),
        ('5', '%'),
        ('6', '^'),
        ('7', '&'),
        ('8', '*'),
        ('9', '('),
        ('0', ')'),
    ];
    let letter = |c: char| Some((c, c.to_ascii_uppercase()));
    match code {
        2..=11 => ROW_DIGITS.get(usize::from(code - 2)).copied(),
        12 => Some(('-', '_')),
        13 => Some(('=', '+')),
        16..=25 => letter(b"qwertyuiop"[usize::from(code - 16)] as char),
        26 => Some(('[', '{')),
        27 => Some((']', '}')),
        30..=38 => letter(b"asdfghjkl"[usize::from(code - 30)] as char),
        39 => Some((';', ':')),
        40 => Some(('\'', '"')),
        41 => Some(('`', '~')),
        43 => Some(('\\', '|')),
        44..=50 => letter(b"zxcvbnm"[usize::from(code - 44)] as char),
        51 => Some((',', '<')),
        52 => Some(('.', '>')),
        53 => Some(('/', '?')),
        55 => Some(('*', '*')),
        57 => Some((' ', ' ')),
        71 => Some(('7', '7')),
        72 => Some(('8', '8')),
        73 => Some(('9', '9')),
        74 => Some(('-', '-')),
        75 => Some(('4', '4')),
        76 => Some(('5', '5')),
        77 => Some(('6', '6')),
        78 => Some(('+', '+')),
        79 => Some(('1', '1')),
        80 => Some(('2', '2')),
        81 => Some(('3', '3')),
        82 => Some(('0', '0')),
        83 => Some(('.', '.')),
        98 => Some(('/', '/')),
        _ => None,
    }
}

/// A keyboard layout by its XKB names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The layout (`us`, `fr`, `de`, …).
    pub layout: String,
    /// Its variant, or empty.
    pub variant: String,
}

impl Layout {
    /// The US layout scanners ship with.
    pub fn us() -> Layout {
        Layout::named("us", "")
    }

    /// A layout and variant.
    pub fn named(layout: &str, variant: &str) -> Layout {
        Layout {
            layout: layout.to_owned(),
            variant: variant.to_owned(),
        }
    }

    /// The layout `hardware.toml` sets.
    pub fn of(config: &ScannerConfig) -> Layout {
        Layout::named(&config.layout, &config.variant)
    }

    /// Whether the names are plain enough to hand to libxkbcommon (letters, digits, `_`, `-`,
    /// `(`, `)`; at most 64 characters each).
    pub fn is_plausible(&self) -> bool {
        let plain = |name: &str| {
            name.len() <= 64
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-()".contains(c))
        };
        !self.layout.is_empty() && plain(&self.layout) && plain(&self.variant)
    }

    fn keymap(&self) -> Result<xkb::Keymap, ScannerError> {
        let unknown = || ScannerError::UnknownLayout {
            layout: self.layout.clone(),
            variant: self.variant.clone(),
        };
        if !self.is_plausible() {
            return Err(unknown());
        }
        let mut context = xkb::Context::new(xkb::CONTEXT_NO_FLAGS);
        // An unknown layout is our error to report, not libxkbcommon's to print.
        context.set_log_level(xkb::LogLevel::Critical);
        let keymap = xkb::Keymap::new_from_names(
            &context,
            "evdev",
            "pc105",
            self.layout.as_str(),
            self.variant.as_str(),
            None,
            xkb::KEYMAP_COMPILE_NO_FLAGS,
        )
        .ok_or_else(unknown)?;
        // libxkbcommon falls back to US for a name it does not know: check it took ours.
        let took = keymap.layouts().next().is_some_and(|name| !name.is_empty());
        if !took || keymap.num_layouts() == 0 {
            return Err(unknown());
        }
        Ok(keymap)
    }
}

/// Collects key events into scans.
pub struct ScanDecoder {
    state: xkb::State,
    text: String,
}

impl std::fmt::Debug for ScanDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScanDecoder")
            .field("chars", &self.text.chars().count())
            .finish()
    }
}

impl ScanDecoder {
    /// A decoder with no key held, typing in `layout`.
    pub fn new(layout: &Layout) -> Result<ScanDecoder, ScannerError> {
        let keymap = layout.keymap()?;
        let mut state = xkb::State::new(&keymap);
        // Num Lock on, as scanners that type on the keypad expect: keypad keys give digits.
        let num_lock = keymap.mod_get_index(xkb::MOD_NAME_NUM);
        if num_lock < 32 {
            state.update_mask(0, 0, 1 << num_lock, 0, 0, 0);
        }
        Ok(ScanDecoder {
            state,
            text: String::new(),
        })
    }

    /// Takes one event; returns the scanned text when it ends one (Enter after some text).
    pub fn event(&mut self, event: &InputEvent) -> Option<String> {
        if event.kind != EV_KEY {
            return None;
        }
        // Linux key codes are XKB key codes less 8.
        let key = xkb::Keycode::new(u32::from(event.code) + 8);
        if event.value == 0 {
            self.state.update_key(key, xkb::KeyDirection::Up);
            return None;
        }
        let mut ended = None;
        match event.code {
            KEY_ENTER | KEY_KPENTER => {
                if !self.text.is_empty() {
                    ended = Some(std::mem::take(&mut self.text));
                }
            }
            KEY_BACKSPACE => {
                self.text.pop();
            }
            _ => {
                // The character of the key in the state before it goes down.
                let typed = self.state.key_get_utf8(key);
                for c in typed.chars().filter(|c| !c.is_control()) {
                    if self.text.chars().count() < MAX_SCAN_CHARS {
                        self.text.push(c);
                    }
                }
            }
        }
        // A repeat (value 2) changes no modifier.
        if event.value == 1 {
            self.state.update_key(key, xkb::KeyDirection::Down);
        }
        ended
    }
}

/// The key presses and releases a scanner sends for `text` (US layout) and Enter: for tests
/// and simulations. Characters with no key are skipped.
pub fn key_events_for(text: &str) -> Vec<InputEvent> {
    let mut events = Vec::new();
    for c in text.chars() {
        let Some((code, shift)) = (1..=98u16).find_map(|code| {
            let (plain, shifted) = us_layout(code)?;
            if plain == c {
                Some((code, false))
            } else if shifted == c {
                Some((code, true))
            } else {
                None
            }
        }) else {
            continue;
        };
        if shift {
            events.push(InputEvent::key(KEY_LEFTSHIFT, 1));
        }
        events.push(InputEvent::key(code, 1));
        events.push(InputEvent::sync());
        events.push(InputEvent::key(code, 0));
        if shift {
            events.push(InputEvent::key(KEY_LEFTSHIFT, 0));
        }
        events.push(InputEvent::sync());
    }
    events.push(InputEvent::key(KEY_ENTER, 1));
    events.push(InputEvent::key(KEY_ENTER, 0));
    events.push(InputEvent::sync());
    events
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    fn decode_in(layout: &Layout, events: &[InputEvent]) -> Vec<String> {
        let mut decoder = ScanDecoder::new(layout).expect("the layout is known");
        events.iter().filter_map(|e| decoder.event(e)).collect()
    }

    fn decode(events: &[InputEvent]) -> Vec<String> {
        decode_in(&Layout::us(), events)
    }

    /// One key pressed and released.
    fn tap(code: u16) -> [InputEvent; 2] {
        [InputEvent::key(code, 1), InputEvent::key(code, 0)]
    }

    #[test]
    fn an_azerty_or_qwertz_scanner_is_read_in_its_own_layout() {
        // The keys a scanner set to AZERTY presses for "a1": A is where Q is on a US board,
        // and digits need shift.
        let mut azerty = Vec::new();
        azerty.extend(tap(16)); // KEY_Q
        azerty.push(InputEvent::key(KEY_LEFTSHIFT, 1));
        azerty.extend(tap(2)); // KEY_1
        azerty.push(InputEvent::key(KEY_LEFTSHIFT, 0));
        azerty.extend(tap(KEY_ENTER));
        assert_eq!(decode_in(&Layout::named("fr", ""), &azerty), ["a1"]);
        // Read as US, the same keys are another text.
        assert_eq!(decode(&azerty), ["q!"]);
        // QWERTZ: the key where US has Y gives Z.
        let mut qwertz = Vec::new();
        qwertz.extend(tap(21)); // KEY_Y
        qwertz.extend(tap(KEY_ENTER));
        assert_eq!(decode_in(&Layout::named("de", ""), &qwertz), ["z"]);
    }

    #[test]
    fn an_unknown_or_odd_layout_is_refused_with_its_name() {
        for (layout, variant) in [
            ("xx-nowhere", ""),
            ("", ""),
            ("us\0", ""),
            ("us", "no such"),
        ] {
            let error =
                ScanDecoder::new(&Layout::named(layout, variant)).expect_err("not a layout");
            assert!(
                matches!(error, ScannerError::UnknownLayout { .. }),
                "{layout:?}: {error}"
            );
        }
    }

    #[test]
    fn letters_digits_and_symbols_with_shift() {
        let text = "K7PQ-M3XZ r9ta https://city.example/r?id=SR_2041&x=1";
        assert_eq!(decode(&key_events_for(text)), vec![text.to_owned()]);
    }

    #[test]
    fn enter_ends_each_scan_and_empty_scans_are_dropped() {
        let mut events = key_events_for("AB12");
        events.extend(key_events_for(""));
        events.extend(key_events_for("cd"));
        assert_eq!(decode(&events), vec!["AB12".to_owned(), "cd".to_owned()]);
    }

    #[test]
    fn caps_lock_backspace_and_keypad() {
        let events = vec![
            InputEvent::key(KEY_CAPSLOCK, 1),
            InputEvent::key(KEY_CAPSLOCK, 0),
            InputEvent::key(30, 1), // a → A (caps)
            InputEvent::key(30, 0),
            InputEvent::key(KEY_LEFTSHIFT, 1),
            InputEvent::key(30, 1), // shift + caps → a
            InputEvent::key(2, 1),  // shift 1 → !
            InputEvent::key(KEY_LEFTSHIFT, 0),
            InputEvent::key(79, 1), // keypad 1
            InputEvent::key(44, 1), // z → Z
            InputEvent::key(KEY_BACKSPACE, 1),
            InputEvent::key(999, 1), // unknown key: ignored
            InputEvent::key(KEY_KPENTER, 1),
        ];
        assert_eq!(decode(&events), vec!["Aa!1".to_owned()]);
    }

    #[test]
    fn runaway_input_is_capped() {
        let long = "a".repeat(MAX_SCAN_CHARS + 10);
        let scans = decode(&key_events_for(&long));
        assert_eq!(scans[0].len(), MAX_SCAN_CHARS);
    }
}
