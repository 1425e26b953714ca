//! Localisation: every locale folder of `locales/`, embedded at build time and loaded into
//! Fluent bundles. Falls back to `en` for a message a locale lacks.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use unic_langid::{CharacterDirection, LanguageIdentifier};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locale_files.rs"));
}

/// The locale every other is checked against and falls back to.
pub const REFERENCE_LOCALE: &str = "en";

/// Why the locale files could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// A folder name is not a language tag.
    #[error("locales/{0}: the folder name is not a language tag")]
    BadTag(String),
    /// A file does not parse as Fluent.
    #[error("locales/{locale}/{file}: {details}")]
    Syntax {
        /// The locale folder.
        locale: String,
        /// The file.
        file: String,
        /// Each error with its byte position.
        details: String,
    },
    /// A message is defined twice in one locale.
    #[error("locales/{locale}: {details}")]
    Duplicate {
        /// The locale folder.
        locale: String,
        /// Which messages.
        details: String,
    },
    /// The reference locale is missing.
    #[error(
        "locales/{REFERENCE_LOCALE} is missing: it is the reference every locale falls back to"
    )]
    NoReference,
}

/// One language the kiosk can speak.
pub struct Locale {
    tag: String,
    direction_rtl: bool,
    native_name: String,
    bundle: FluentBundle<FluentResource>,
}

impl Locale {
    /// The BCP 47 tag, e.g. `zh-Hans`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The language's name in itself ("العربية"), from its `language-name` message.
    pub fn native_name(&self) -> &str {
        &self.native_name
    }

    /// True for right-to-left scripts such as Arabic.
    pub fn is_rtl(&self) -> bool {
        self.direction_rtl
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        if !errors.is_empty() {
            tracing::warn!(locale = %self.tag, id, ?errors, "message formatted with errors");
        }
        Some(text)
    }
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("tag", &self.tag)
            .field("rtl", &self.direction_rtl)
            .finish_non_exhaustive()
    }
}

/// Every locale the kiosk ships, in a stable order.
#[derive(Debug)]
pub struct Catalog {
    locales: Vec<Locale>,
}

/// The tags of the locales the kiosk carries (`en`, `ar`, `zh-Hans`, …), each once.
pub fn locale_tags() -> impl Iterator<Item = &'static str> {
    let mut tags: Vec<&'static str> = embedded::LOCALE_FILES
        .iter()
        .map(|(tag, _, _)| *tag)
        .collect();
    tags.dedup();
    tags.into_iter()
}

impl Catalog {
    /// Loads the locales embedded in the binary.
    pub fn embedded() -> Result<Catalog, I18nError> {
        Catalog::from_sources(
            embedded::LOCALE_FILES
                .iter()
                .map(|(tag, file, text)| (*tag, *file, *text)),
        )
    }

    /// The embedded locales, with those in `overrides` (locale, file name, Fluent source)
    /// replaced: UI translations that came with published content.
    pub fn with_overrides(overrides: &[(String, String, String)]) -> Result<Catalog, I18nError> {
        let replaced: std::collections::HashSet<&str> =
            overrides.iter().map(|(tag, _, _)| tag.as_str()).collect();
        Catalog::from_sources(
            embedded::LOCALE_FILES
                .iter()
                .filter(|(tag, _, _)| !replaced.contains(tag))
                .map(|(tag, file, text)| (*tag, *file, *text))
                .chain(
                    overrides
                        .iter()
                        .map(|(tag, file, text)| (tag.as_str(), file.as_str(), text.as_str())),
                ),
        )
    }

    /// Loads locales from (locale, file name, Fluent source) triples.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    ) -> Result<Catalog, I18nError> {
        let mut locales: Vec<Locale> = Vec::new();
        for (tag, file, text) in sources {
            let index = match locales.iter().position(|locale| locale.tag == tag) {
                Some(index) => index,
                None => {
                    locales.push(new_locale(tag)?);
                    locales.len() - 1
                }
            };
            let resource = FluentResource::try_new(text.to_owned()).map_err(|(_, errors)| {
                I18nError::Syntax {
                    locale: tag.to_owned(),
                    file: file.to_owned(),
                    details: errors
                        .iter()
                        .map(|e| format!("{:?} at bytes {:?}", e.kind, e.pos))
                        .collect::<Vec<_>>()
                        .join("; "),
                }
            })?;
            locales[index]
                .bundle
                .add_resource(resource)
                .map_err(|errors| I18nError::Duplicate {
                    locale: tag.to_owned(),
                    details: errors
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                })?;
        }
        if !locales.iter().any(|locale| locale.tag == REFERENCE_LOCALE) {
            return Err(I18nError::NoReference);
        }
        for locale in &mut locales {
            locale.native_name = locale
                .format("language-name", None)
                .unwrap_or_else(|| locale.tag.clone());
        }
        locales.sort_by(|a, b| a.tag.cmp(&b.tag));
        Ok(Catalog { locales })
    }

    /// Every locale, sorted by tag.
    pub fn locales(&self) -> &[Locale] {
        &self.locales
    }

    /// The locale with this tag, if shipped.
    pub fn locale(&self, tag: &str) -> Option<&Locale> {
        self.locales.iter().find(|locale| locale.tag == tag)
    }

    /// The text of message `id` in `tag`, falling back to the reference locale, then to the id
    /// itself (so a missing message shows up on screen rather than crashing the kiosk).
    pub fn text(&self, tag: &str, id: &str) -> String {
        self.format(tag, id, None)
    }

    /// Like [`Catalog::text`], with variables.
    pub fn format(&self, tag: &str, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        self.locale(tag)
            .and_then(|locale| locale.format(id, args))
            .or_else(|| {
                self.locale(REFERENCE_LOCALE)
                    .and_then(|locale| locale.format(id, args))
            })
            .unwrap_or_else(|| id.to_owned())
    }
}

fn new_locale(tag: &str) -> Result<Locale, I18nError> {
    let langid: LanguageIdentifier = tag.parse().map_err(|_| I18nError::BadTag(tag.to_owned()))?;
    let direction_rtl = langid.character_direction() == CharacterDirection::RTL;
    let mut bundle = FluentBundle::new(vec![langid]);
    // No bidi isolation marks around placeables: the strings are accessible labels and
    // on-screen text, where invisible U+2068/U+2069 would only get in the way.
    bundle.set_use_isolating(false);
    Ok(Locale {
        tag: tag.to_owned(),
        direction_rtl,
        native_name: String::new(),
        bundle,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::embedded().expect("the shipped locales load")
    }

    #[test]
    fn ships_the_eight_locales_each_named_in_itself() {
        let catalog = catalog();
        let names: Vec<(&str, &str)> = catalog
            .locales()
            .iter()
            .map(|l| (l.tag(), l.native_name()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("ar", "العربية"),
                ("en", "English"),
                ("es", "Español"),
                ("fr", "Français"),
                ("pt", "Português"),
                ("sw", "Kiswahili"),
                ("uk", "Українська"),
                ("zh-Hans", "中文（简体）"),
            ]
        );
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        let catalog = catalog();
        let rtl: Vec<&str> = catalog
            .locales()
            .iter()
            .filter(|l| l.is_rtl())
            .map(|l| l.tag())
            .collect();
        assert_eq!(rtl, vec!["ar"]);
    }

    #[test]
    fn plurals_follow_each_language() {
        let catalog = catalog();
        let waiting = |tag: &str, count: i64| {
            let mut args = FluentArgs::new();
            args.set("count", count);
            catalog.format(tag, "status-records-waiting", Some(&args))
        };
        assert_eq!(waiting("en", 1), "1 record waiting to be sent");
        assert_eq!(waiting("en", 5), "5 records waiting to be sent");
        assert_eq!(waiting("uk", 3), "3 записи очікують на надсилання");
        assert_eq!(waiting("uk", 5), "5 записів очікують на надсилання");
        assert_eq!(waiting("ar", 2), "سجلان بانتظار الإرسال");
        assert_eq!(waiting("ar", 0), "لا توجد سجلات بانتظار الإرسال");
        assert_eq!(waiting("zh-Hans", 1), "1条记录等待发送");
    }

    #[test]
    fn missing_messages_fall_back_to_english_then_to_the_id() -> Result<(), I18nError> {
        let catalog = Catalog::from_sources([
            ("en", "a.ftl", "hello = Hello\nbye = Bye\n"),
            ("fr", "a.ftl", "hello = Bonjour\n"),
        ])?;
        assert_eq!(catalog.text("fr", "hello"), "Bonjour");
        assert_eq!(catalog.text("fr", "bye"), "Bye");
        assert_eq!(catalog.text("xx", "hello"), "Hello");
        assert_eq!(catalog.text("fr", "nope"), "nope");
        Ok(())
    }

    #[test]
    fn broken_files_are_named_in_the_error() {
        let error = Catalog::from_sources([
            ("en", "a.ftl", "hello = Hello\n"),
            ("fr", "b.ftl", "= oops\n"),
        ])
        .expect_err("must fail");
        assert!(
            error.to_string().starts_with("locales/fr/b.ftl:"),
            "{error}"
        );
        let error =
            Catalog::from_sources([("fr", "a.ftl", "hello = Bonjour\n")]).expect_err("must fail");
        assert!(matches!(error, I18nError::NoReference));
    }
}
