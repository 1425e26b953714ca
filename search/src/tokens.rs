//! Splits normalised text into the terms the index stores and the query looks up: words, with
//! the Arabic article taken off, and overlapping character pairs for Chinese and Japanese text,
//! which is written without spaces.

/// The most terms one query is searched for; a kiosk query is a few words.
pub(crate) const MAX_QUERY_TERMS: usize = 16;

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum QueryTerm {
    /// A word: matched exactly, as a prefix, or with a typo.
    Word(String),
    /// One or two Chinese or Japanese characters: matched exactly.
    Gram(String),
}

/// Every term of a normalised text, for the index: each word, its form without the Arabic
/// article, and for runs of Chinese or Japanese characters each character and each pair of
/// neighbouring characters. Terms may repeat.
pub(crate) fn index_terms(normalised: &str, mut emit: impl FnMut(&str)) {
    let mut gram = String::new();
    for piece in pieces(normalised) {
        match piece {
            Piece::Word(word) => {
                emit(word);
                if let Some(stem) = without_article(word) {
                    emit(stem);
                }
            }
            Piece::Unspaced(run) => {
                let chars: Vec<char> = run.chars().collect();
                for (i, &c) in chars.iter().enumerate() {
                    gram.clear();
                    gram.push(c);
                    emit(&gram);
                    if let Some(&next) = chars.get(i + 1) {
                        gram.push(next);
                        emit(&gram);
                    }
                }
            }
        }
    }
}

/// The distinct terms of a normalised query, in order, at most [`MAX_QUERY_TERMS`]: words
/// (without the Arabic article), a lone Chinese or Japanese character, or the pairs of
/// neighbouring characters of a longer run.
pub(crate) fn query_terms(normalised: &str) -> Vec<QueryTerm> {
    let mut terms = Vec::new();
    let mut push = |term: QueryTerm| {
        if !terms.contains(&term) {
            terms.push(term);
        }
    };
    for piece in pieces(normalised) {
        match piece {
            Piece::Word(word) => push(QueryTerm::Word(
                without_article(word).unwrap_or(word).to_owned(),
            )),
            Piece::Unspaced(run) => {
                let chars: Vec<char> = run.chars().collect();
                if chars.len() == 1 {
                    push(QueryTerm::Gram(run.to_owned()));
                }
                for pair in chars.windows(2) {
                    push(QueryTerm::Gram(pair.iter().collect()));
                }
            }
        }
    }
    terms.truncate(MAX_QUERY_TERMS);
    terms
}

/// A stretch of normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'a> {
    /// A word of a script written with spaces.
    Word(&'a str),
    /// A run of Chinese or Japanese characters.
    Unspaced(&'a str),
}

/// Splits normalised text at spaces, and each word where it goes in or out of Chinese or
/// Japanese characters ("wifi图书馆" is a word and a run).
fn pieces(normalised: &str) -> impl Iterator<Item = Piece<'_>> {
    normalised
        .split(' ')
        .filter(|word| !word.is_empty())
        .flat_map(|word| {
            let mut rest = word;
            std::iter::from_fn(move || {
                let first = rest.chars().next()?;
                let unspaced = is_unspaced(first);
                let end = rest
                    .char_indices()
                    .find(|&(_, c)| is_unspaced(c) != unspaced)
                    .map_or(rest.len(), |(i, _)| i);
                let (piece, tail) = rest.split_at(end);
                rest = tail;
                Some(if unspaced {
                    Piece::Unspaced(piece)
                } else {
                    Piece::Word(piece)
                })
            })
        })
}

/// True for characters of scripts written without spaces between words that the index splits
/// into character pairs: Chinese (Han), Japanese kana, Bopomofo.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'       // Hiragana, Katakana
        | '\u{3100}'..='\u{312F}'     // Bopomofo
        | '\u{31F0}'..='\u{31FF}'     // Katakana extensions
        | '\u{3400}'..='\u{4DBF}'     // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'     // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'     // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{3134F}'   // CJK Extensions B–G
    )
}

/// The Arabic article, alone or after "for" ("لل"), with at least three letters after it; then
/// after "and", "with", "like", "so" ("وال", "بال", "كال", "فال"), with at least four letters
/// after it, so that a word such as "والدين" (parents) keeps its own first letters.
const ARABIC_ARTICLES: [(&str, usize); 6] = [
    ("ال", 3),
    ("لل", 3),
    ("وال", 4),
    ("بال", 4),
    ("كال", 4),
    ("فال", 4),
];

/// The word without a leading Arabic article ("المكتبه" → "مكتبه"), so that "library" and
/// "the library" are the same word; `None` if it has none.
pub(crate) fn without_article(word: &str) -> Option<&str> {
    ARABIC_ARTICLES
        .iter()
        .filter_map(|&(article, rest)| {
            word.strip_prefix(article)
                .filter(|stem| stem.chars().count() >= rest)
        })
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_index_terms(text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        index_terms(text, |term| terms.push(term.to_owned()));
        terms
    }

    #[test]
    fn words_and_chinese_pairs() {
        assert_eq!(
            all_index_terms("wifi 图书馆"),
            ["wifi", "图", "图书", "书", "书馆", "馆"]
        );
        assert_eq!(all_index_terms("wifi图书"), ["wifi", "图", "图书", "书"]);
        assert_eq!(
            query_terms("图书馆 card"),
            [
                QueryTerm::Gram("图书".into()),
                QueryTerm::Gram("书馆".into()),
                QueryTerm::Word("card".into())
            ]
        );
        assert_eq!(query_terms("馆"), [QueryTerm::Gram("馆".into())]);
    }

    #[test]
    fn arabic_article() {
        assert_eq!(
            all_index_terms("المكتبه مكتب"),
            ["المكتبه", "مكتبه", "مكتب"]
        );
        assert_eq!(without_article("بالمكتبه"), Some("مكتبه"));
        assert_eq!(without_article("والدين"), None);
        assert_eq!(without_article("الم"), None);
        assert_eq!(query_terms("المكتبه"), [QueryTerm::Word("مكتبه".into())]);
    }

    #[test]
    fn queries_are_distinct_and_bounded() {
        assert_eq!(query_terms("card card"), [QueryTerm::Word("card".into())]);
        assert!(query_terms("").is_empty());
        let long: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        assert_eq!(query_terms(&long.join(" ")).len(), MAX_QUERY_TERMS);
    }
}
