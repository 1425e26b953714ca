//! The fonts the kiosk carries (Noto, OFL), registered with Slint at start so every locale
//! renders on a machine with no fonts installed. Each font becomes the fallback for the
//! scripts it covers, found by looking at its character map: adding a font file to
//! `kiosk-core/fonts/` is enough to cover a new script.

use std::sync::{Arc, OnceLock};

use slint::fontique_011::fontique;

mod embedded {
    pub use kiosk_core::fonts::files as font_files;
}

/// A fontconfig configuration that adds the kiosk's own fonts to whatever the system has.
///
/// Why: Slint's font library (fontique 0.11) asks fontconfig for the system fonts at start and
/// panics when fontconfig finds none (fixed upstream in linebender/parley#717, not yet in a
/// release Slint uses). Writing our fonts to `dir` and pointing `FONTCONFIG_FILE` at the file
/// returned here means fontconfig always finds at least ours, so the kiosk starts on a machine
/// with no fonts installed. The caller sets the variable before Slint starts.
pub fn write_fontconfig(dir: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
    let fonts_dir = dir.join("fonts");
    std::fs::create_dir_all(&fonts_dir)?;
    for (file, bytes) in embedded::font_files() {
        let path = fonts_dir.join(file);
        let current = std::fs::metadata(&path).map(|m| m.len()).ok();
        if current != Some(bytes.len() as u64) {
            let partial = fonts_dir.join(format!("{file}.partial"));
            std::fs::write(&partial, bytes)?;
            std::fs::rename(&partial, &path)?;
        }
    }
    let system =
        std::env::var("FONTCONFIG_FILE").unwrap_or_else(|_| "/etc/fonts/fonts.conf".to_owned());
    let escape = |path: &std::path::Path| {
        path.display()
            .to_string()
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let config = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n\
         <!-- Written by the kiosk at start: the system's fonts plus the kiosk's own. -->\n\
         <fontconfig>\n  <include ignore_missing=\"yes\">{}</include>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
        escape(std::path::Path::new(&system)),
        escape(&fonts_dir),
        escape(&fonts_dir.join("cache")),
    );
    let path = dir.join("fonts.conf");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(config.as_str()) {
        std::fs::write(&path, config)?;
    }
    Ok(path)
}

/// The font files the kiosk carries, Latin first (the printer draws with them too).
pub use kiosk_core::fonts::embedded_files;

/// The family used when nothing better is known.
pub const DEFAULT_FAMILY: &str = "Noto Sans";

/// Scripts we look for (ISO 15924) and characters a font must have to count as covering one.
const SCRIPT_SAMPLES: &[(&str, &str)] = &[
    ("Latn", "AaZzÉéÑñŁł"),
    ("Cyrl", "ЖжЇїЩщ"),
    ("Grek", "ΩωΣσ"),
    ("Arab", "ابتثجم"),
    ("Hebr", "אבגש"),
    ("Hani", "中文字学"),
    ("Deva", "कखगन"),
    ("Beng", "কখগ"),
    ("Thai", "กขค"),
    ("Ethi", "ሀለሐ"),
    ("Hang", "한글"),
];

/// A family and the scripts it covers.
#[derive(Debug, Clone)]
pub struct EmbeddedFamily {
    /// The family name as fonts declare it, e.g. "Noto Sans Arabic".
    pub family: String,
    /// ISO 15924 codes it covers.
    pub scripts: Vec<&'static str>,
}

static FAMILIES: OnceLock<Vec<EmbeddedFamily>> = OnceLock::new();

/// Registers every embedded font with Slint (once per process) and returns the families.
pub fn register() -> &'static [EmbeddedFamily] {
    FAMILIES.get_or_init(register_all)
}

fn register_all() -> Vec<EmbeddedFamily> {
    let mut collection = slint::fontique_011::shared_collection();
    let mut families: Vec<(fontique::FamilyId, EmbeddedFamily)> = Vec::new();
    for (file, bytes) in embedded::font_files() {
        let scripts = scripts_covered(bytes);
        let registered = collection.register_fonts(fontique::Blob::new(Arc::new(*bytes)), None);
        if registered.is_empty() {
            tracing::warn!(file, "embedded font could not be registered");
            continue;
        }
        for (id, _) in registered {
            let Some(name) = collection.family_name(id).map(str::to_owned) else {
                continue;
            };
            match families.iter_mut().find(|(known, _)| *known == id) {
                Some((_, family)) => {
                    let new: Vec<&'static str> = scripts
                        .iter()
                        .copied()
                        .filter(|s| !family.scripts.contains(s))
                        .collect();
                    family.scripts.extend(new);
                }
                None => families.push((
                    id,
                    EmbeddedFamily {
                        family: name,
                        scripts: scripts.clone(),
                    },
                )),
            }
        }
    }
    // Latin fonts first: they are the best fallback for digits and punctuation everywhere.
    families.sort_by_key(|(_, family)| !family.scripts.contains(&"Latn"));
    for (id, family) in &families {
        for script in &family.scripts {
            let Ok(code) = <[u8; 4]>::try_from(script.as_bytes()) else {
                continue;
            };
            let key = fontique::FallbackKey::new(fontique::Script::from_bytes(code), None);
            collection.append_fallbacks(key, std::iter::once(*id));
        }
    }
    collection.set_generic_families(
        fontique::GenericFamily::SansSerif,
        families.iter().map(|(id, _)| *id),
    );
    collection.set_generic_families(
        fontique::GenericFamily::SystemUi,
        families.iter().map(|(id, _)| *id),
    );
    families.into_iter().map(|(_, family)| family).collect()
}

fn scripts_covered(bytes: &[u8]) -> Vec<&'static str> {
    let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
        return Vec::new();
    };
    SCRIPT_SAMPLES
        .iter()
        .filter(|(_, sample)| sample.chars().all(|c| face.glyph_index(c).is_some()))
        .map(|(script, _)| *script)
        .collect()
}

/// The embedded family to use for text in `script` (ISO 15924; `Hans`/`Hant` count as `Hani`).
pub fn family_for_script(families: &[EmbeddedFamily], script: &str) -> String {
    let script = match script {
        "Hans" | "Hant" | "Jpan" => "Hani",
        other => other,
    };
    families
        .iter()
        .find(|family| family.scripts.contains(&script))
        .map(|family| family.family.clone())
        .unwrap_or_else(|| DEFAULT_FAMILY.to_owned())
}

/// The script a language is written in, e.g. `ar` → `Arab`, `zh-Hans` → `Hans`, `uk` → `Cyrl`.
pub fn script_of(tag: &str) -> String {
    let Ok(mut langid) = tag.parse::<unic_langid::LanguageIdentifier>() else {
        return "Latn".into();
    };
    if langid.script.is_none() {
        langid.maximize();
    }
    langid
        .script
        .map(|script| script.as_str().to_owned())
        .unwrap_or_else(|| "Latn".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Vec<EmbeddedFamily> {
        embedded::font_files()
            .iter()
            .filter_map(|(_, bytes)| {
                let face = ttf_parser::Face::parse(bytes, 0).ok()?;
                let family = face
                    .names()
                    .into_iter()
                    .find(|name| name.name_id == ttf_parser::name_id::FAMILY && name.is_unicode())
                    .and_then(|name| name.to_string())?;
                Some(EmbeddedFamily {
                    family,
                    scripts: scripts_covered(bytes),
                })
            })
            .collect()
    }

    #[test]
    fn every_shipped_locale_has_a_font_for_its_script() {
        let families = shipped();
        let catalog = crate::i18n::Catalog::embedded().expect("locales");
        for locale in catalog.locales() {
            let script = script_of(locale.tag());
            let script = if script == "Hans" {
                "Hani".to_owned()
            } else {
                script
            };
            assert!(
                families
                    .iter()
                    .any(|f| f.scripts.contains(&script.as_str())),
                "no embedded font covers {script} for {}",
                locale.tag()
            );
        }
    }

    #[test]
    fn every_character_of_every_message_has_a_glyph_in_an_embedded_font() {
        let faces: Vec<ttf_parser::Face<'_>> = embedded::font_files()
            .iter()
            .filter_map(|(_, bytes)| ttf_parser::Face::parse(bytes, 0).ok())
            .collect();
        assert_eq!(
            faces.len(),
            embedded::font_files().len(),
            "every embedded font parses"
        );
        let catalog = crate::i18n::Catalog::embedded().expect("locales");
        let mut missing = std::collections::BTreeSet::new();
        for locale in catalog.locales() {
            for id in crate::ui::UI_MESSAGE_IDS {
                for c in catalog
                    .text(locale.tag(), id)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                {
                    if !faces.iter().any(|face| face.glyph_index(c).is_some()) {
                        missing.insert(format!("{} U+{:04X} {c} in {id}", locale.tag(), c as u32));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "characters no embedded font can draw:\n{missing:#?}"
        );
    }

    #[test]
    fn scripts_of_our_locales() {
        assert_eq!(script_of("ar"), "Arab");
        assert_eq!(script_of("zh-Hans"), "Hans");
        assert_eq!(script_of("uk"), "Cyrl");
        assert_eq!(script_of("sw"), "Latn");
    }

    #[test]
    fn families_are_chosen_by_script() {
        let families = shipped();
        assert_eq!(family_for_script(&families, "Arab"), "Noto Sans Arabic");
        assert_eq!(family_for_script(&families, "Hans"), "Noto Sans CJK SC");
        assert_eq!(family_for_script(&families, "Cyrl"), "Noto Sans");
        assert_eq!(family_for_script(&families, "Zzzz"), DEFAULT_FAMILY);
    }
}
