//! The staff pages' languages: Fluent files under `sync-server/locales/<tag>/staff.ftl`,
//! embedded at build time, `en` the reference and the fallback. A page's language comes from
//! the `staff_lang` cookie (set by the language links), else the browser's Accept-Language.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The languages the staff pages speak, with their own names.
pub const LOCALES: [(&str, &str); 4] = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("ar", "العربية"),
];

const SOURCES: [(&str, &str); 4] = [
    ("en", include_str!("../../locales/en/staff.ftl")),
    ("es", include_str!("../../locales/es/staff.ftl")),
    ("fr", include_str!("../../locales/fr/staff.ftl")),
    ("ar", include_str!("../../locales/ar/staff.ftl")),
];

/// The cookie holding the chosen language.
pub const LANG_COOKIE: &str = "staff_lang";

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static Vec<(&'static str, Bundle)> {
    static BUNDLES: OnceLock<Vec<(&'static str, Bundle)>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(tag, source)| {
                let language = tag.parse().unwrap_or_default();
                let mut bundle = Bundle::new_concurrent(vec![language]);
                bundle.set_use_isolating(false);
                // A broken file keeps the messages it could read; the test refuses it.
                let resource = FluentResource::try_new((*source).to_owned())
                    .unwrap_or_else(|(partial, _)| partial);
                let _ = bundle.add_resource(resource);
                (*tag, bundle)
            })
            .collect()
    })
}

/// Translations for one page.
#[derive(Clone, Copy)]
pub struct Tr {
    locale: &'static str,
    bundle: &'static Bundle,
    fallback: &'static Bundle,
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tr").field("locale", &self.locale).finish()
    }
}

impl Tr {
    /// The translations of `locale` (one of [`LOCALES`], else English).
    pub fn new(locale: &str) -> Tr {
        let bundles = bundles();
        let find = |tag: &str| bundles.iter().find(|(t, _)| *t == tag);
        let (locale, bundle) = find(locale)
            .or_else(|| find("en"))
            .map(|(t, b)| (*t, b))
            .unwrap_or(("en", &bundles[0].1));
        Tr {
            locale,
            bundle,
            fallback: &bundles[0].1,
        }
    }

    /// The page's language tag.
    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// `rtl` for right-to-left languages, else `ltr`.
    pub fn dir(&self) -> &'static str {
        if self.locale == "ar" { "rtl" } else { "ltr" }
    }

    /// Whether the page reads right to left.
    pub fn rtl(&self) -> bool {
        self.dir() == "rtl"
    }

    /// A message (the id itself if no language has it).
    pub fn t(&self, id: &str) -> String {
        self.with(id, None)
    }

    /// A message with arguments.
    pub fn ta(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.with(id, Some(&fluent_args))
    }

    /// A message if any language has it.
    pub fn try_t(&self, id: &str) -> Option<String> {
        [self.bundle, self.fallback]
            .into_iter()
            .find(|b| b.has_message(id))
            .map(|_| self.t(id))
    }

    fn with(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for bundle in [self.bundle, self.fallback] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        id.to_owned()
    }

    /// A number with `decimals` decimals, in the page's notation (decimal comma in es, fr).
    pub fn num(&self, value: f64, decimals: usize) -> String {
        let text = format!("{value:.decimals$}");
        match self.locale {
            "es" | "fr" => text.replace('.', ","),
            _ => text,
        }
    }
}

/// The language for a request: the cookie's, else the best supported one the browser asks
/// for (`Accept-Language`, parsed and matched by `fluent-langneg`: `fr-CA` gets `fr`), else
/// English.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> &'static str {
    use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
    use unic_langid::LanguageIdentifier;
    let available: Vec<LanguageIdentifier> = LOCALES
        .iter()
        .filter_map(|(tag, _)| tag.parse().ok())
        .collect();
    let best = |requested: &[LanguageIdentifier]| -> Option<&'static str> {
        let chosen = negotiate_languages(requested, &available, None, NegotiationStrategy::Lookup);
        let chosen = chosen.first()?.to_string();
        LOCALES
            .iter()
            .map(|(tag, _)| *tag)
            .find(|tag| *tag == chosen)
    };
    let from_cookie: Vec<LanguageIdentifier> = cookie
        .and_then(|tag| tag.trim().parse().ok())
        .into_iter()
        .collect();
    // fluent-langneg takes the header's order as the preference (browsers send it sorted);
    // a header in another order is sorted by its weights first, and q=0 means "not this".
    let mut weighted: Vec<(f32, &str)> = accept_language
        .unwrap_or("")
        .split(',')
        .map(|part| {
            let quality = part
                .split(';')
                .skip(1)
                .find_map(|p| p.trim().strip_prefix("q=")?.parse::<f32>().ok())
                .unwrap_or(1.0);
            (quality, part)
        })
        .filter(|(quality, _)| *quality > 0.0)
        .collect();
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let ordered: Vec<&str> = weighted.into_iter().map(|(_, part)| part).collect();
    best(&from_cookie)
        .or_else(|| best(&accepted_languages::parse(&ordered.join(","))))
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids(source: &str) -> Result<BTreeSet<String>, String> {
        let resource =
            fluent_syntax::parser::parse(source).map_err(|(_, errors)| format!("{errors:?}"))?;
        Ok(resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect())
    }

    #[test]
    fn every_language_has_exactly_the_reference_messages() -> Result<(), String> {
        let reference = ids(SOURCES[0].1)?;
        assert!(
            reference.len() > 100,
            "the reference has the pages' messages"
        );
        for (tag, source) in SOURCES {
            let found = ids(source).map_err(|e| format!("{tag}: {e}"))?;
            let missing: Vec<_> = reference.difference(&found).collect();
            let extra: Vec<_> = found.difference(&reference).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{tag}: missing {missing:?}, extra {extra:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn language_comes_from_the_cookie_then_the_browser() {
        assert_eq!(negotiate(Some("ar"), Some("fr")), "ar");
        assert_eq!(negotiate(None, Some("de-DE, fr;q=0.8, es;q=0.9")), "es");
        assert_eq!(negotiate(Some("xx"), None), "en");
        assert_eq!(negotiate(None, Some("fr-CA,fr;q=0.9,en;q=0.5")), "fr");
        assert_eq!(negotiate(None, Some("de-DE, *;q=0.1")), "en");
        assert_eq!(negotiate(None, Some("AR-eg")), "ar");
        assert_eq!(negotiate(None, Some(";;,q=,")), "en");
        assert_eq!(negotiate(None, Some("fr;q=0, es;q=0.2")), "es");
        assert_eq!(Tr::new("fr").num(12.5, 1), "12,5");
        assert_eq!(Tr::new("ar").dir(), "rtl");
    }
}
