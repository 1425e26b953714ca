//! Which espeak-ng voice speaks each locale, and which voices the installed espeak-ng has
//! (read from `espeak-ng --voices`).

use std::collections::{BTreeMap, BTreeSet};

/// Our locales and their espeak-ng voices (all in Debian's `espeak-ng-data`).
pub const DEFAULT_VOICES: [(&str, &str); 8] = [
    ("ar", "ar"),
    ("en", "en"),
    ("es", "es"),
    ("fr", "fr"),
    ("pt", "pt"),
    ("sw", "sw"),
    ("uk", "uk"),
    ("zh-Hans", "cmn"),
];

/// The voice to try for `locale`: a configured override, our table, else the language
/// subtag (`de-AT` → `de`).
pub fn voice_name(locale: &str, overrides: &BTreeMap<String, String>) -> String {
    if let Some(voice) = overrides.get(locale) {
        return voice.clone();
    }
    if let Some((_, voice)) = DEFAULT_VOICES.iter().find(|(tag, _)| *tag == locale) {
        return (*voice).to_owned();
    }
    locale
        .split(['-', '_'])
        .next()
        .unwrap_or(locale)
        .to_ascii_lowercase()
}

/// Every name espeak-ng accepts for `-v`, from its `--voices` listing: each voice's language,
/// its file's name and the other languages it is listed for.
pub fn parse_voice_list(listing: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in listing.lines().skip(1) {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let (Some(language), Some(file)) = (tokens.get(1), tokens.get(4)) else {
            continue;
        };
        names.insert((*language).to_owned());
        if let Some(base) = file.rsplit('/').next() {
            names.insert(base.to_ascii_lowercase());
        }
        let rest = tokens.get(5..).unwrap_or_default().join(" ");
        for alias in rest.split('(').skip(1) {
            if let Some(name) = alias.split_whitespace().next() {
                names.insert(name.to_owned());
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTING: &str = "Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  ar              --/M      Arabic             sem/ar
 5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)
 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
 5  fr-fr           --/M      French_(France)    roa/fr               (fr 5)
";

    #[test]
    fn the_listing_gives_languages_files_and_aliases() {
        let names = parse_voice_list(LISTING);
        for name in ["ar", "cmn", "zh", "zh-cmn", "en-gb", "en", "fr-fr", "fr"] {
            assert!(names.contains(name), "{name} in {names:?}");
        }
        assert!(!names.contains("sw"));
        assert!(!names.contains("Pty"));
    }

    #[test]
    fn locales_map_to_voices() {
        let mut overrides = BTreeMap::new();
        assert_eq!(voice_name("zh-Hans", &overrides), "cmn");
        assert_eq!(voice_name("de-AT", &overrides), "de");
        overrides.insert("pt".to_owned(), "pt-br".to_owned());
        assert_eq!(voice_name("pt", &overrides), "pt-br");
    }
}
