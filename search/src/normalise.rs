//! Text normalisation shared by the index and the query, so that what a resident types matches
//! what content authors wrote whatever the case, accents, Arabic vowel marks or letter variants.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises text for searching: lower-cased, compatibility-decomposed (NFKD), accents removed
/// (é→e, ñ→n, ç→c, ü→u, œ→oe, ß→ss), Arabic harakat and tatweel removed and letter variants
/// unified (أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي, Arabic-Indic digits → 0–9), and every run
/// of characters that are neither letters nor digits replaced by one space.
///
/// Letters whose marks make them different letters are kept whole: Cyrillic й, ї, ў (but ё
/// becomes е, as Russian readers expect), Japanese kana with voicing marks (が), Hangul
/// syllables, and the vowel signs of scripts such as Devanagari.
///
/// ```
/// assert_eq!(search::normalise("Bibliothèque  CENTRALE!"), "bibliotheque centrale");
/// assert_eq!(search::normalise("الْمَكْتَبَة"), "المكتبه");
/// assert_eq!(search::normalise("Київ, бібліотека"), "київ бібліотека");
/// ```
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The script of the last letter written, to decide what a following mark does.
    let mut base = Base::None;
    let mut space_pending = false;
    let mut recompose = false;
    for decomposed in text.nfkd() {
        if is_combining_mark(decomposed) {
            if keeps_mark(base, decomposed) {
                out.push(decomposed);
                recompose = true;
            }
            continue;
        }
        for c in decomposed.to_lowercase() {
            match fold(c) {
                Folded::Drop => {}
                Folded::Separator => {
                    space_pending = true;
                    base = Base::None;
                }
                Folded::Char(c) => {
                    if space_pending && !out.is_empty() {
                        out.push(' ');
                    }
                    space_pending = false;
                    out.push(c);
                    base = Base::of(c);
                    recompose |= base == Base::Hangul;
                }
                Folded::Pair(a, b) => {
                    if space_pending && !out.is_empty() {
                        out.push(' ');
                    }
                    space_pending = false;
                    out.push(a);
                    out.push(b);
                    base = Base::Stripped;
                }
            }
        }
    }
    if recompose { out.nfc().collect() } else { out }
}

/// What a letter says about the combining marks that follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    /// No letter before (start of text or after a separator): marks are dropped.
    None,
    /// Latin, Greek, Arabic, Hebrew and digits: marks are accents or vowel signs; dropped.
    Stripped,
    /// Cyrillic: breve and diaeresis make other letters (й, ї, ў); kept, except on е (ё → е).
    Cyrillic(char),
    /// Hangul jamo: recomposed into syllables.
    Hangul,
    /// Every other script (kana, Indic, Thai…): marks are part of the letter; kept.
    Kept,
}

impl Base {
    fn of(c: char) -> Base {
        match c {
            '\u{0400}'..='\u{04FF}' => Base::Cyrillic(c),
            '\u{1100}'..='\u{11FF}' => Base::Hangul,
            c if c.is_ascii()
                || matches!(c,
                    '\u{00C0}'..='\u{024F}'     // Latin-1 and Latin Extended
                    | '\u{1E00}'..='\u{1EFF}'   // Latin Extended Additional (Vietnamese)
                    | '\u{0370}'..='\u{03FF}'   // Greek
                    | '\u{1F00}'..='\u{1FFF}'   // Greek Extended
                    | '\u{0590}'..='\u{05FF}'   // Hebrew
                    | '\u{0600}'..='\u{06FF}'   // Arabic
                    | '\u{0750}'..='\u{077F}'   // Arabic Supplement
                    | '\u{08A0}'..='\u{08FF}'   // Arabic Extended-A
                ) =>
            {
                Base::Stripped
            }
            _ => Base::Kept,
        }
    }
}

/// True if the combining `mark` after a letter of kind `base` is kept (part of the letter).
fn keeps_mark(base: Base, mark: char) -> bool {
    match base {
        Base::None | Base::Stripped => false,
        // Breve (й, ў) and diaeresis (ї), but ё is written е in most texts.
        Base::Cyrillic(letter) => mark == '\u{0306}' || (mark == '\u{0308}' && letter != 'е'),
        Base::Hangul | Base::Kept => true,
    }
}

/// What one lower-cased, decomposed character becomes.
enum Folded {
    /// Nothing (tatweel, invisible joiners, soft hyphens).
    Drop,
    /// A word boundary (spaces, punctuation, symbols).
    Separator,
    /// This character.
    Char(char),
    /// Two characters (a ligature or ß).
    Pair(char, char),
}

fn fold(c: char) -> Folded {
    match c {
        // Arabic: tatweel; alef wasla and wavy-hamza alefs; teh marbuta; alef maksura; the
        // Persian yeh and kaf that Arabic keyboards also produce.
        '\u{0640}' => Folded::Drop,
        '\u{0671}' | '\u{0672}' | '\u{0673}' => Folded::Char('\u{0627}'),
        '\u{0629}' => Folded::Char('\u{0647}'),
        '\u{0649}' | '\u{06CC}' => Folded::Char('\u{064A}'),
        '\u{06A9}' => Folded::Char('\u{0643}'),
        // Arabic-Indic and extended Arabic-Indic digits.
        '\u{0660}'..='\u{0669}' => ascii_digit(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => ascii_digit(c as u32 - 0x06F0),
        // Greek final sigma.
        'ς' => Folded::Char('σ'),
        // Latin letters with no decomposition that residents type without the stroke.
        'ß' => Folded::Pair('s', 's'),
        'œ' => Folded::Pair('o', 'e'),
        'æ' => Folded::Pair('a', 'e'),
        'ø' => Folded::Char('o'),
        'đ' => Folded::Char('d'),
        'ł' => Folded::Char('l'),
        'ı' => Folded::Char('i'),
        // Invisible characters inside words.
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Folded::Drop,
        c if c.is_alphanumeric() => Folded::Char(c),
        _ => Folded::Separator,
    }
}

fn ascii_digit(value: u32) -> Folded {
    char::from_digit(value, 10).map_or(Folded::Separator, Folded::Char)
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn case_and_latin_diacritics() {
        assert_eq!(normalise("LIBRARY Card"), "library card");
        assert_eq!(
            normalise("Inscripción en el padrón"),
            "inscripcion en el padron"
        );
        assert_eq!(
            normalise("Bibliothèque, accueil du rez-de-chaussée"),
            "bibliotheque accueil du rez de chaussee"
        );
        assert_eq!(
            normalise("Ça, Über, niño, œuvre, Straße"),
            "ca uber nino oeuvre strasse"
        );
        assert_eq!(normalise("Ｗｉ－Ｆｉ ﬁle"), "wi fi file");
        assert_eq!(normalise("İstanbul"), "istanbul");
    }

    #[test]
    fn arabic() {
        // Harakat and tatweel go; alef forms, teh marbuta and alef maksura are unified.
        assert_eq!(normalise("الْمَكْتَبَةُ"), "المكتبه");
        assert_eq!(normalise("المكـــتبة"), "المكتبه");
        assert_eq!(normalise("أ إ آ ٱ"), "ا ا ا ا");
        assert_eq!(normalise("مستشفى"), "مستشفي");
        assert_eq!(normalise("مسؤول، ٣٠ دقيقة"), "مسوول 30 دقيقه");
    }

    #[test]
    fn cyrillic_keeps_its_letters() {
        assert_eq!(normalise("Їжак Йосип, ВУЛИЦЯ"), "їжак йосип вулиця");
        assert_eq!(normalise("Ёлка"), "елка");
        assert_eq!(normalise("Беларусь ў"), "беларусь ў");
    }

    #[test]
    fn other_scripts_keep_their_marks() {
        assert_eq!(normalise("ガイド"), "ガイド");
        assert_eq!(normalise("도서관"), "도서관");
        assert_eq!(normalise("पुस्तकालय"), "पुस्तकालय");
        assert_eq!(normalise("申请图书馆借书证。"), "申请图书馆借书证");
    }

    #[test]
    fn separators_collapse() {
        assert_eq!(normalise("  «Wi‑Fi» — 10:00 "), "wi fi 10 00");
        assert_eq!(normalise("?!…"), "");
        assert_eq!(normalise(""), "");
    }
}
