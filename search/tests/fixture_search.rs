//! Search over a bundle written for these tests: Chinese, Ukrainian, Spanish diacritics,
//! ranking, and the fallback to the default locale.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixture;

use search::{Hit, SearchIndex};

fn ids(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|hit| hit.service_id.as_str()).collect()
}

fn search<'a>(index: &SearchIndex, query: &str, hits: &'a mut Vec<Hit>) -> Vec<&'a str> {
    *hits = index.search(query, 10);
    assert!(
        hits.windows(2).all(|pair| pair[0].score >= pair[1].score),
        "{query}: best first: {hits:?}"
    );
    ids(hits)
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SearchIndex>();
}

#[test]
fn chinese_words_are_found_inside_text_without_spaces() {
    let index = SearchIndex::build(&fixture::bundle(), "zh-Hans");
    let hits = &mut Vec::new();
    // "Library" inside "申请图书馆借书证" (apply for a library card); the category and other
    // fields mention libraries too, but the name counts most.
    assert_eq!(search(&index, "图书馆", hits)[0], "library-card");
    // Two-character words inside the run: "借书" (borrow books) and "登记" (register).
    assert_eq!(search(&index, "借书", hits)[0], "library-card");
    assert_eq!(search(&index, "登记", hits)[0], "address-registration");
    // One character.
    assert_eq!(search(&index, "证", hits)[0], "library-card");
    // Punctuation and a full query phrase.
    assert_eq!(search(&index, "我要办借书证！", hits)[0], "library-card");
    // A pair that is nowhere.
    assert!(search(&index, "火车", hits).is_empty());
}

#[test]
fn ukrainian_is_case_insensitive_and_keeps_its_letters() {
    let index = SearchIndex::build(&fixture::bundle(), "uk");
    let hits = &mut Vec::new();
    assert_eq!(search(&index, "ЧИТАЦЬКИЙ КВИТОК", hits)[0], "library-card");
    assert_eq!(search(&index, "Київська", hits), ["library-card"]);
    // "бібліотека" is in library-card's text; reading-group (English text only) has the
    // category name "Школи та бібліотеки": another form of the word, one letter away.
    assert_eq!(
        search(&index, "бібліотека", hits),
        ["library-card", "reading-group"]
    );
    assert_eq!(
        search(&index, "житло", hits),
        ["parking-permit", "home-repairs"],
        "category name"
    );
}

#[test]
fn spanish_diacritics_do_not_matter() {
    let index = SearchIndex::build(&fixture::bundle(), "es");
    let hits = &mut Vec::new();
    assert_eq!(
        search(&index, "inscripcion", hits)[0],
        "address-registration"
    );
    assert_eq!(
        search(&index, "INSCRIPCIÓN", hits)[0],
        "address-registration"
    );
    assert_eq!(search(&index, "padron", hits)[0], "address-registration");
    assert_eq!(search(&index, "carne biblióteca", hits)[0], "library-card");
}

#[test]
fn arabic_words_are_found_with_or_without_the_article() {
    let index = SearchIndex::build(&fixture::bundle(), "ar");
    let hits = &mut Vec::new();
    // The text has "المكتبة" (the library) and "بطاقة" (card), "الكتب" (the books).
    for query in ["مكتبة", "المكتبة", "بالمكتبة", "البطاقة", "كتب", "والكتب"]
    {
        assert_eq!(search(&index, query, hits), ["library-card"], "{query}");
    }
}

#[test]
fn a_service_without_text_in_the_locale_is_found_by_its_default_locale_text() {
    let index = SearchIndex::build(&fixture::bundle(), "zh-Hans");
    let hits = &mut Vec::new();
    assert_eq!(search(&index, "repair", hits), ["home-repairs"]);
    assert_eq!(search(&index, "ID card", hits), ["id-card"]);
    // Services that have Chinese text are indexed by it, not by their English text.
    assert!(search(&index, "library", hits).is_empty(), "{hits:?}");
}

#[test]
fn a_name_match_ranks_above_a_summary_match() {
    let index = SearchIndex::build(&fixture::bundle(), "en");
    let hits = &mut Vec::new();
    // "library" is in library-card's name and in reading-group's summary only.
    assert_eq!(
        search(&index, "library", hits),
        ["library-card", "reading-group"]
    );
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn services_matching_more_query_words_rank_higher() {
    let index = SearchIndex::build(&fixture::bundle(), "en");
    let hits = &mut Vec::new();
    let found = search(&index, "library card", hits);
    assert_eq!(found[0], "library-card");
    // Those matching one of the words still appear, after it.
    assert!(
        found[1..].contains(&"id-card") && found[1..].contains(&"reading-group"),
        "{found:?}"
    );
    assert_eq!(search(&index, "town hall card", hits)[0], "id-card");
}

#[test]
fn exact_and_prefix_matches_rank_above_typo_matches() {
    let index = SearchIndex::build(&fixture::bundle(), "en");
    let hits = &mut Vec::new();
    // "care" is no word of the catalogue: it starts "carers" (parking-permit's name) and is
    // one typo from "card" (the names of library-card and id-card).
    let found = search(&index, "care", hits);
    assert_eq!(found[0], "parking-permit");
    assert!(
        found.contains(&"library-card") && found.contains(&"id-card"),
        "{found:?}"
    );
    // A short word of the catalogue is not corrected into others: "card" finds no "care".
    let mut found = search(&index, "card", hits);
    found.sort_unstable();
    assert_eq!(found, ["id-card", "library-card"]);
}

#[test]
fn limit_and_empty_queries() {
    let index = SearchIndex::build(&fixture::bundle(), "en");
    assert_eq!(index.search("card", 1).len(), 1);
    assert!(index.search("card", 0).is_empty());
    assert!(index.search("", 10).is_empty());
    assert!(index.search("  ?! … ", 10).is_empty());
    assert!(index.search("xylophone", 10).is_empty());
}
