//! A synthetic catalogue of city services, as large as asked, with texts in English (the default
//! locale), Spanish, French and Arabic for every service, Chinese for most and Ukrainian for
//! half: made of everyday service words, made-up place and street names, and filler words.

use std::collections::BTreeMap;

use content::{Bundle, BundleInfo, Category, Channel, Localised, Service, ServiceText};

use crate::words;

/// A small deterministic random number generator (SplitMix64): the same catalogue every run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` if `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One item of a list (`""` if it is empty).
    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.below(list.len())).copied().unwrap_or("")
    }
}

/// How one language's texts are made.
struct Language {
    tag: &'static str,
    topic: &'static [&'static str],
    filler: &'static [&'static str],
    /// Endings that make other forms of a word (plurals, cases), as real texts have.
    endings: &'static [&'static str],
    /// Written without spaces between words (Chinese).
    unspaced: bool,
}

const LANGUAGES: [Language; 6] = [
    Language {
        tag: "en",
        topic: words::EN,
        filler: words::EN_FILLER,
        endings: &["s", "es", "ing", "ed", "er"],
        unspaced: false,
    },
    Language {
        tag: "es",
        topic: words::ES,
        filler: words::EN_FILLER,
        endings: &["s", "es", "ción", "ado"],
        unspaced: false,
    },
    Language {
        tag: "fr",
        topic: words::FR,
        filler: words::EN_FILLER,
        endings: &["s", "e", "es", "ment"],
        unspaced: false,
    },
    Language {
        tag: "ar",
        topic: words::AR,
        filler: words::AR_FILLER,
        endings: &["ات", "ين", "ون", "ية"],
        unspaced: false,
    },
    Language {
        tag: "uk",
        topic: words::UK,
        filler: words::EN_FILLER,
        endings: &["и", "у", "ою", "ів", "ам"],
        unspaced: false,
    },
    Language {
        tag: "zh-Hans",
        topic: words::ZH,
        filler: words::ZH_FILLER,
        endings: &[],
        unspaced: true,
    },
];

impl Language {
    /// A made-up proper name (a place, a street, an organisation).
    fn proper_name(&self, rng: &mut Rng) -> String {
        match self.tag {
            "ar" => (0..rng.between(2, 4))
                .map(|_| rng.pick(words::AR_SYLLABLES))
                .collect(),
            "zh-Hans" => (0..rng.between(2, 3))
                .map(|_| rng.pick(words::ZH_CHARACTERS))
                .collect(),
            _ => {
                let name: String = (0..rng.between(2, 3))
                    .map(|_| rng.pick(words::SYLLABLES))
                    .collect();
                let mut letters = name.chars();
                letters
                    .next()
                    .map(|first| first.to_uppercase().chain(letters).collect())
                    .unwrap_or_default()
            }
        }
    }

    /// A service word, in another form one time in five.
    fn topic_word(&self, rng: &mut Rng) -> String {
        let word = rng.pick(self.topic);
        if !self.endings.is_empty() && rng.chance(20) {
            format!("{word}{}", rng.pick(self.endings))
        } else {
            word.to_owned()
        }
    }

    /// A text of `min` to `max` words, about `topic_share` percent of them service words, the first
    /// being `theme` (an index into the service words, shared by all languages).
    fn text(
        &self,
        rng: &mut Rng,
        theme: usize,
        (min, max): (usize, usize),
        topic_share: usize,
    ) -> String {
        let words = rng.between(min, max);
        let mut parts: Vec<String> = Vec::with_capacity(words + 1);
        parts.push(
            self.topic
                .get(theme % self.topic.len().max(1))
                .copied()
                .unwrap_or("")
                .to_owned(),
        );
        for _ in 1..words {
            let part = match rng.below(100) {
                n if n < topic_share => self.topic_word(rng),
                n if n < topic_share + 8 => self.proper_name(rng),
                _ => rng.pick(self.filler).to_owned(),
            };
            parts.push(part);
        }
        if self.unspaced {
            parts.concat() + "。"
        } else {
            parts.join(" ") + "."
        }
    }

    fn service_text(&self, rng: &mut Rng, theme: usize) -> ServiceText {
        let place = self.proper_name(rng);
        let street = self.proper_name(rng);
        let separator = if self.unspaced { "" } else { " " };
        ServiceText {
            name: self
                .text(rng, theme, (2, 5), 70)
                .trim_end_matches(['.', '。'])
                .to_owned(),
            summary: self.text(rng, theme + 1, (10, 18), 40),
            easy: Vec::new(),
            who: self.text(rng, theme + 2, (6, 12), 25),
            bring: (0..rng.between(0, 3))
                .map(|i| self.text(rng, theme + 3 + i, (3, 6), 40))
                .collect(),
            place: format!(
                "{place}{separator}{}{separator}{street}{separator}{}",
                rng.between(1, 200),
                rng.pick(self.topic)
            ),
            how: self.text(rng, theme + 4, (8, 16), 25),
            keywords: (0..rng.between(0, 5))
                .map(|_| rng.pick(self.topic).to_owned())
                .collect(),
        }
    }
}

/// A bundle of `services` services (and 14 categories), the same for the same `seed`.
pub fn generate(services: usize, seed: u64) -> Bundle {
    let mut rng = Rng::new(seed);
    let categories: Vec<Category> = content::ICONS
        .iter()
        .enumerate()
        .map(|(i, icon)| Category {
            id: (*icon).to_owned(),
            icon: (*icon).to_owned(),
            name: Localised(
                LANGUAGES
                    .iter()
                    .map(|language| {
                        (
                            language.tag.to_owned(),
                            language.text(&mut rng, i * 3, (2, 2), 100),
                        )
                    })
                    .collect(),
            ),
        })
        .collect();
    let services = (0..services)
        .map(|i| {
            let theme = rng.below(words::EN.len());
            let mut texts = BTreeMap::new();
            for language in &LANGUAGES {
                let present = match language.tag {
                    "zh-Hans" => rng.chance(80),
                    "uk" => rng.chance(50),
                    _ => true,
                };
                if present {
                    texts.insert(
                        language.tag.to_owned(),
                        language.service_text(&mut rng, theme),
                    );
                }
            }
            Service {
                id: format!("service-{i:05}"),
                category: categories
                    .get(rng.below(categories.len()))
                    .map(|c| c.id.clone())
                    .unwrap_or_default(),
                topic: "bench.synthetic".to_owned(),
                channels: vec![Channel::InPerson],
                phone: None,
                website: None,
                hours: Vec::new(),
                form: None,
                text: Localised(texts),
            }
        })
        .collect();
    Bundle {
        info: BundleInfo {
            id: "search-bench".to_owned(),
            version: 1,
            default_locale: "en".to_owned(),
            complete_locales: vec!["en".to_owned()],
            publisher: Localised([("en".to_owned(), "Bench City".to_owned())].into()),
        },
        categories,
        services,
        forms: Vec::new(),
        modules: Vec::new(),
        surveys: Vec::new(),
    }
}
