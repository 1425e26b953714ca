//! Key events from a keyboard-emulating scanner to text: Linux key codes on a US layout, with
//! shift and caps lock; Enter ends a scan. Scanners are set up for the US layout almost
//! everywhere, whatever the kiosk's language.

use super::input_event::{EV_KEY, InputEvent};

const KEY_BACKSPACE: u16 = 14;
const KEY_ENTER: u16 = 28;
const KEY_LEFTSHIFT: u16 = 42;
const KEY_RIGHTSHIFT: u16 = 54;
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

/// Collects key events into scans.
#[derive(Debug, Default)]
pub struct ScanDecoder {
    left_shift: bool,
    right_shift: bool,
    caps_lock: bool,
    text: String,
}

impl ScanDecoder {
    /// A decoder with no key held.
    pub fn new() -> ScanDecoder {
        ScanDecoder::default()
    }

    /// Takes one event; returns the scanned text when it ends one (Enter after some text).
    pub fn event(&mut self, event: &InputEvent) -> Option<String> {
        if event.kind != EV_KEY {
            return None;
        }
        let pressed = event.value != 0;
        match event.code {
            KEY_LEFTSHIFT => self.left_shift = pressed,
            KEY_RIGHTSHIFT => self.right_shift = pressed,
            _ if !pressed => {}
            KEY_CAPSLOCK if event.value == 1 => self.caps_lock = !self.caps_lock,
            KEY_ENTER | KEY_KPENTER => {
                if !self.text.is_empty() {
                    return Some(std::mem::take(&mut self.text));
                }
            }
            KEY_BACKSPACE => {
                self.text.pop();
            }
            code => {
                if let Some((plain, shifted)) = us_layout(code)
                    && self.text.chars().count() < MAX_SCAN_CHARS
                {
                    let shift = self.left_shift || self.right_shift;
                    let upper = if plain.is_ascii_alphabetic() {
                        shift != self.caps_lock
                    } else {
                        shift
                    };
                    self.text.push(if upper { shifted } else { plain });
                }
            }
        }
        None
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
mod tests {
    use super::*;

    fn decode(events: &[InputEvent]) -> Vec<String> {
        let mut decoder = ScanDecoder::new();
        events.iter().filter_map(|e| decoder.event(e)).collect()
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
