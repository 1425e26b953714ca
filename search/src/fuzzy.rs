//! The index's vocabulary of words, for the look-ups that go beyond an exact match: words that
//! start with what a resident has typed so far, and words within a typo or two of it
//! (Damerau–Levenshtein distance: a letter missing, extra, wrong, or two letters swapped).

/// A word of the vocabulary and the index term it stands for.
#[derive(Debug)]
struct Word {
    text: Box<str>,
    term: u32,
}

/// A word's place in the typo look-up: which word, and which characters it has.
#[derive(Debug, Clone, Copy)]
struct Shape {
    word: u32,
    /// One bit per character (hashed into 64): a cheap test that rules most words out before
    /// the distance is computed.
    characters: u64,
}

/// Every word of the index (not the Chinese and Japanese character pairs).
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Sorted by text, for prefix look-ups.
    words: Vec<Word>,
    /// `by_length[n]`: the words of `n` characters.
    by_length: Vec<Vec<Shape>>,
}

/// How many typos a query word of `length` characters may have: none up to 3 characters (too
/// many short words are one letter apart), 1 up to 7, 2 from 8.
pub(crate) fn max_typos(length: usize) -> usize {
    match length {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

impl Lexicon {
    /// The lexicon of these (word, index term) pairs; each word once.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = (&'a str, u32)>) -> Lexicon {
        let mut words: Vec<Word> = words
            .into_iter()
            .map(|(text, term)| Word {
                text: text.into(),
                term,
            })
            .collect();
        words.sort_unstable_by(|a, b| a.text.cmp(&b.text));
        let mut by_length: Vec<Vec<Shape>> = Vec::new();
        for (position, word) in words.iter().enumerate() {
            let length = word.text.chars().count();
            if by_length.len() <= length {
                by_length.resize_with(length + 1, Vec::new);
            }
            let Ok(position) = u32::try_from(position) else {
                break;
            };
            by_length[length].push(Shape {
                word: position,
                characters: characters(&word.text),
            });
        }
        Lexicon { words, by_length }
    }

    /// Calls `found(term, word)` for every word that starts with `prefix` and is longer.
    pub(crate) fn prefixed(&self, prefix: &str, mut found: impl FnMut(u32, &str)) {
        let start = self.words.partition_point(|word| &*word.text <= prefix);
        for word in self.words[start..]
            .iter()
            .take_while(|word| word.text.starts_with(prefix))
        {
            found(word.term, &word.text);
        }
    }

    /// Calls `found(term, distance)` for every word at a Damerau–Levenshtein distance of 1 to
    /// `max_distance` from `query`.
    pub(crate) fn within(
        &self,
        query: &str,
        max_distance: usize,
        mut found: impl FnMut(u32, usize),
    ) {
        if max_distance == 0 {
            return;
        }
        let length = query.chars().count();
        let query_characters = characters(query);
        let lengths = length.saturating_sub(max_distance)..=length + max_distance;
        for shapes in lengths.filter_map(|n| self.by_length.get(n)) {
            for shape in shapes {
                // Each edit removes at most one character the other word lacks, so more
                // missing characters than allowed edits rule a word out.
                let missing = (query_characters & !shape.characters).count_ones();
                let extra = (shape.characters & !query_characters).count_ones();
                if missing.max(extra) as usize > max_distance {
                    continue;
                }
                let Some(word) = self.words.get(shape.word as usize) else {
                    continue;
                };
                let distance = strsim::damerau_levenshtein(query, &word.text);
                if (1..=max_distance).contains(&distance) {
                    found(word.term, distance);
                }
            }
        }
    }
}

/// The set of a word's characters, hashed into 64 bits.
fn characters(word: &str) -> u64 {
    word.chars().fold(0, |set, c| {
        set | 1 << ((c as u32).wrapping_mul(0x9E37_79B9) >> 26)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::new([
            ("library", 0),
            ("libraries", 1),
            ("card", 2),
            ("cards", 3),
            ("bibliotheque", 4),
            ("liberty", 5),
        ])
    }

    #[test]
    fn prefixes() {
        let mut found = Vec::new();
        lexicon().prefixed("libr", |term, _| found.push(term));
        assert_eq!(found, [1, 0]);
        found.clear();
        lexicon().prefixed("card", |term, _| found.push(term));
        assert_eq!(found, [3], "the word itself is not a prefix match");
    }

    #[test]
    fn typos() {
        let mut found = Vec::new();
        lexicon().within("libary", max_typos(6), |term, distance| {
            found.push((term, distance))
        });
        assert_eq!(found, [(0, 1)]);
        found.clear();
        lexicon().within("bilbioteque", max_typos(11), |term, distance| {
            found.push((term, distance))
        });
        assert_eq!(found, [(4, 2)], "a swap and a missing letter");
        found.clear();
        lexicon().within("crad", max_typos(4), |term, distance| {
            found.push((term, distance))
        });
        assert_eq!(found, [(2, 1)], "two swapped letters are one typo");
        assert_eq!(max_typos(3), 0);
    }
}
