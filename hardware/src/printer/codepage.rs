//! The printer's code page for text: WPC1252 (Windows-1252, `ESC t 16` on Epson-compatible
//! printers). It covers English, Spanish, French, Portuguese and Kiswahili, with the euro sign;
//! a text it cannot show entirely is printed as an image instead.

use encoding_rs::WINDOWS_1252;

/// `n` of `ESC t n` selecting WPC1252.
pub const ESC_T_WPC1252: u8 = 16;

/// The text in WPC1252, or `None` when a character has no place there (Arabic, Chinese,
/// Cyrillic…) or is a control character that would be taken for a command.
pub fn encode(text: &str) -> Option<Vec<u8>> {
    if text.chars().any(char::is_control) {
        return None;
    }
    let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_texts_encode_byte_for_byte() {
        assert_eq!(
            encode("Référence: 12 €").unwrap(),
            b"R\xe9f\xe9rence: 12 \x80"
        );
        assert_eq!(encode("Ação, niño, Straße").unwrap().len(), 18);
    }

    #[test]
    fn other_scripts_and_controls_do_not() {
        assert_eq!(encode("مرحبا"), None);
        assert_eq!(encode("你好"), None);
        assert_eq!(encode("Привіт"), None);
        assert_eq!(encode("line\nbreak"), None);
        assert_eq!(encode("esc\u{1b}@"), None);
    }
}
