//! The search index of one catalogue in one language: for every term, the services whose texts
//! contain it and how much it counts there (a word in a service's name counts most), and the
//! ranking of the services that match a query.

use std::collections::HashMap;
use std::fmt;

use content::{Bundle, ServiceText};

use crate::fuzzy::{self, Lexicon};
use crate::normalise::normalise;
use crate::tokens::{self, QueryTerm};

/// The fields of a service text, by how much a word found there counts.
#[derive(Debug, Clone, Copy)]
enum Field {
    Name,
    Keywords,
    Category,
    Summary,
    /// Who, what to bring, where, how.
    Details,
}

impl Field {
    const ALL: [Field; 5] = [
        Field::Name,
        Field::Keywords,
        Field::Category,
        Field::Summary,
        Field::Details,
    ];

    fn weight(self) -> f32 {
        match self {
            Field::Name => 8.0,
            Field::Keywords => 5.0,
            Field::Category => 3.0,
            Field::Summary => 2.0,
            Field::Details => 1.0,
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A term found in more fields of a service counts a little more: this share of the weights of
/// the fields other than the best one is added.
const OTHER_FIELDS_SHARE: f32 = 0.1;

/// The most a term can weigh in a service: in every field.
const MAX_WEIGHT: f32 = 8.0 + OTHER_FIELDS_SHARE * (5.0 + 3.0 + 2.0 + 1.0);

/// How well a word of the index matches a query word, as a factor of its weight.
const EXACT: f32 = 1.0;
/// A word that starts with the query word: between these two, the closer in length the higher.
const PREFIX_MIN: f32 = 0.5;
const PREFIX_MAX: f32 = 0.9;
/// A word one typo away.
const ONE_TYPO: f32 = 0.5;
/// A word two typos away.
const TWO_TYPOS: f32 = 0.3;

/// A query word that is a word of the catalogue is also matched with typos from this length.
const TYPO_CHECKED_WORD_LENGTH: usize = 6;

/// The parts of a score, from most to least important; see [`SearchIndex::search`].
const PER_TERM_MATCHED: f32 = 1000.0;
const PER_TERM_MATCHED_WITHOUT_TYPO: f32 = 50.0;
const RELEVANCE: f32 = 40.0;

/// One service in a term's list: which, and how much the term weighs there.
#[derive(Debug, Clone, Copy)]
struct Posting {
    service: u32,
    weight: f32,
}

/// A searchable index of a bundle's services in one language. Built once per (bundle, locale);
/// searching does not change it, so one index can serve several threads.
pub struct SearchIndex {
    /// Service ids, by position.
    service_ids: Vec<String>,
    /// Every term (words and Chinese or Japanese character pairs) → its id.
    terms: HashMap<Box<str>, u32>,
    /// By term id: the services containing it, in service order.
    postings: Vec<Vec<Posting>>,
    /// The words among the terms, for prefix and typo look-ups.
    lexicon: Lexicon,
}

/// A service that matches a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The service's id (`content::Service::id`).
    pub service_id: String,
    /// How well it matches: higher is better. Comparable only within one search.
    pub score: f32,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("services", &self.service_ids.len())
            .field("terms", &self.terms.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Indexes every service of `bundle` with its texts in `locale`, or in the bundle's default
    /// locale for a service that has none in `locale`. Each service is found by the words of its
    /// name, keywords, category name, summary, and who, what to bring, where and how.
    pub fn build(bundle: &Bundle, locale: &str) -> SearchIndex {
        let fallback = bundle.default_locale();
        let categories: HashMap<&str, String> = bundle
            .categories
            .iter()
            .filter_map(|category| {
                Some((
                    category.id.as_str(),
                    normalise(category.name.get(locale, fallback)?.value),
                ))
            })
            .collect();
        let mut index = SearchIndex {
            service_ids: Vec::with_capacity(bundle.services.len()),
            terms: HashMap::new(),
            postings: Vec::new(),
            lexicon: Lexicon::default(),
        };
        // For the service being indexed: term id → the fields it appears in.
        let mut fields: HashMap<u32, u8> = HashMap::new();
        for service in &bundle.services {
            let Some(text) = service.text.get(locale, fallback) else {
                continue;
            };
            let Ok(position) = u32::try_from(index.service_ids.len()) else {
                break;
            };
            for field in Field::ALL {
                let mut add = |normalised: &str| {
                    tokens::index_terms(normalised, |term| {
                        *fields.entry(index.term_id(term)).or_default() |= field.bit();
                    });
                };
                match field {
                    Field::Category => add(categories
                        .get(service.category.as_str())
                        .map_or("", String::as_str)),
                    _ => field_texts(text.value, field).for_each(|text| add(&normalise(text))),
                }
            }
            for (term, found_in) in fields.drain() {
                if let Some(postings) = index.postings.get_mut(term as usize) {
                    postings.push(Posting {
                        service: position,
                        weight: weight(found_in),
                    });
                }
            }
            index.service_ids.push(service.id.clone());
        }
        index.lexicon = Lexicon::new(
            index
                .terms
                .iter()
                .filter(|(term, _)| !term.starts_with(tokens::is_unspaced))
                .map(|(term, &id)| (&**term, id)),
        );
        for postings in &mut index.postings {
            postings.shrink_to_fit();
        }
        index
    }

    /// The services that best match `query`, best first, at most `limit`; none for a query with
    /// no letters or digits.
    ///
    /// The query goes through [`normalise`](crate::normalise) and is split into words (and, for
    /// Chinese and Japanese, pairs of characters). A word matches a word of a service exactly, as
    /// the start of a longer word (the resident may still be typing), or with one typo (words of
    /// 4–7 letters) or two (8 letters or more); a word of 4 or 5 letters that is itself a word of
    /// the catalogue is not matched with typos (card, care and cart are different words).
    /// Services are ranked by, in order: how many query words they match (words found in more
    /// than half the services do not count here), how many of those match without a typo, and
    /// relevance: where the words are (name, then keywords, category, summary, details), how
    /// rare they are in the catalogue, and how exact the match is.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms = tokens::query_terms(&normalise(query));
        if terms.is_empty() || limit == 0 || self.service_ids.is_empty() {
            return Vec::new();
        }
        let services = self.service_ids.len();
        let mut totals = vec![Total::default(); services];
        // For the query term being looked up: each service's best match, and whether a match
        // without a typo was among them.
        let mut best = vec![(0.0_f32, false); services];
        let mut touched: Vec<u32> = Vec::new();
        let mut rarity_sum = 0.0;
        for term in &terms {
            self.matches(term, |term_id, quality, without_typo| {
                for posting in self.postings.get(term_id as usize).into_iter().flatten() {
                    let Some(slot) = best.get_mut(posting.service as usize) else {
                        continue;
                    };
                    if slot.0 == 0.0 {
                        touched.push(posting.service);
                    }
                    slot.0 = slot.0.max(quality * posting.weight);
                    slot.1 |= without_typo;
                }
            });
            let found_in = touched.len();
            let rarity = (1.0 + services as f32 / (1.0 + found_in as f32)).ln();
            rarity_sum += rarity;
            let counts = services < 10 || found_in * 2 <= services;
            for &service in &touched {
                let (Some(slot), Some(total)) = (
                    best.get_mut(service as usize),
                    totals.get_mut(service as usize),
                ) else {
                    continue;
                };
                total.relevance += rarity * slot.0;
                if counts {
                    total.matched += 1;
                    total.without_typo += u16::from(slot.1);
                }
                total.any = true;
                *slot = (0.0, false);
            }
            touched.clear();
        }
        let scale = RELEVANCE / (rarity_sum * MAX_WEIGHT).max(f32::MIN_POSITIVE);
        let mut hits: Vec<(u32, f32)> = totals
            .iter()
            .zip(0..)
            .filter(|(total, _)| total.any)
            .map(|(total, position)| {
                let score = PER_TERM_MATCHED * f32::from(total.matched)
                    + PER_TERM_MATCHED_WITHOUT_TYPO * f32::from(total.without_typo)
                    + scale * total.relevance;
                (position, score)
            })
            .collect();
        let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        hits.into_iter()
            .filter_map(|(position, score)| {
                let service_id = self.service_ids.get(position as usize)?.clone();
                Some(Hit { service_id, score })
            })
            .collect()
    }

    /// The id of `term`, added if new.
    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.terms.get(term) {
            return id;
        }
        let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
        self.terms.insert(term.into(), id);
        self.postings.push(Vec::new());
        id
    }

    /// Calls `found(term id, quality, without typo)` for every index term that matches `term`.
    fn matches(&self, term: &QueryTerm, mut found: impl FnMut(u32, f32, bool)) {
        let word = match term {
            QueryTerm::Gram(gram) => {
                if let Some(&id) = self.terms.get(gram.as_str()) {
                    found(id, EXACT, true);
                }
                return;
            }
            QueryTerm::Word(word) => word.as_str(),
        };
        let exact = self.terms.get(word).copied();
        if let Some(id) = exact {
            found(id, EXACT, true);
        }
        let length = word.chars().count();
        if length >= 2 {
            self.lexicon.prefixed(word, |id, longer| {
                let closeness = word.len() as f32 / longer.len() as f32;
                found(id, PREFIX_MIN + (PREFIX_MAX - PREFIX_MIN) * closeness, true);
            });
        }
        // A short word of the catalogue is taken as typed: too many short words are one letter
        // apart (card, care, cart). Longer ones also find their other forms (бібліотека,
        // бібліотеки; biblioteca, bibliotecas).
        let typos = if exact.is_some() && length < TYPO_CHECKED_WORD_LENGTH {
            0
        } else {
            fuzzy::max_typos(length)
        };
        self.lexicon.within(word, typos, |id, distance| {
            found(id, if distance == 1 { ONE_TYPO } else { TWO_TYPOS }, false);
        });
    }
}

/// What one service has gathered over the query's terms.
#[derive(Debug, Clone, Copy, Default)]
struct Total {
    /// Matched at least one term.
    any: bool,
    /// Query terms matched (common words aside).
    matched: u16,
    /// Of those, matched without a typo.
    without_typo: u16,
    /// Sum over the terms of rarity × quality × field weight.
    relevance: f32,
}

/// The weight of a term found in these fields (bits of [`Field::bit`]).
fn weight(found_in: u8) -> f32 {
    let weights = Field::ALL
        .iter()
        .filter(|field| found_in & field.bit() != 0)
        .map(|field| field.weight());
    let (best, sum) = weights.fold((0.0_f32, 0.0_f32), |(best, sum), weight| {
        (best.max(weight), sum + weight)
    });
    best + OTHER_FIELDS_SHARE * (sum - best)
}

/// The texts of `field` in a service text (not the category, which is the bundle's).
fn field_texts(text: &ServiceText, field: Field) -> Box<dyn Iterator<Item = &str> + '_> {
    match field {
        Field::Name => Box::new(std::iter::once(text.name.as_str())),
        Field::Keywords => Box::new(text.keywords.iter().map(String::as_str)),
        Field::Category => Box::new(std::iter::empty()),
        Field::Summary => Box::new(std::iter::once(text.summary.as_str())),
        Field::Details => Box::new(
            [text.who.as_str(), text.place.as_str(), text.how.as_str()]
                .into_iter()
                .chain(text.bring.iter().map(String::as_str)),
        ),
    }
}
