//! Texts in several languages, with fallback to the bundle's default language and a flag
//! saying when the fallback was used (the kiosk shows a marker then).

use std::collections::BTreeMap;

use serde::Deserialize;

/// A value per locale tag (`en`, `ar`, `zh-Hans`, …).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Localised<T>(pub BTreeMap<String, T>);

impl<T> Default for Localised<T> {
    fn default() -> Self {
        Localised(BTreeMap::new())
    }
}

/// A text looked up in a locale, and whether it came from the fallback locale instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a, T> {
    /// The value.
    pub value: &'a T,
    /// The locale it is in.
    pub locale: &'a str,
    /// True when the requested locale had none and the fallback was used.
    pub is_fallback: bool,
}

impl<T> Localised<T> {
    /// The value in `locale`, else in `fallback`, else `None`.
    pub fn get<'a>(&'a self, locale: &str, fallback: &str) -> Option<Shown<'a, T>> {
        if let Some((tag, value)) = self.0.get_key_value(locale) {
            return Some(Shown {
                value,
                locale: tag,
                is_fallback: false,
            });
        }
        self.0.get_key_value(fallback).map(|(tag, value)| Shown {
            value,
            locale: tag,
            is_fallback: true,
        })
    }

    /// The locales that have a value.
    pub fn locales(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// True if `locale` has its own value.
    pub fn has(&self, locale: &str) -> bool {
        self.0.contains_key(locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_and_says_so() {
        let text: Localised<String> = Localised(
            [
                ("en".to_owned(), "Hello".to_owned()),
                ("fr".to_owned(), "Bonjour".to_owned()),
            ]
            .into(),
        );
        let fr = text.get("fr", "en").expect("fr");
        assert_eq!((fr.value.as_str(), fr.is_fallback), ("Bonjour", false));
        let uk = text.get("uk", "en").expect("fallback");
        assert_eq!(
            (uk.value.as_str(), uk.locale, uk.is_fallback),
            ("Hello", "en", true)
        );
        assert!(Localised::<String>::default().get("en", "en").is_none());
    }
}
