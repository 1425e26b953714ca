//! Measures the search index on a synthetic catalogue (5,000 services unless a number is given):
//! build time and memory per locale, and latency percentiles for exact, prefix, typo, Arabic,
//! Chinese and several-word queries. Run it in release mode:
//! `cargo run -p search --release --bin search-bench [-- SERVICES]`.

mod catalogue;
mod words;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use catalogue::Rng;
use search::SearchIndex;

/// How many results each search asks for (a screen of results and some).
const LIMIT: usize = 20;
/// Distinct queries per kind, and how many times each is run.
const QUERIES: usize = 400;
const ROUNDS: usize = 5;

fn main() -> ExitCode {
    let services = match std::env::args().nth(1).map(|arg| arg.parse::<usize>()) {
        None => 5_000,
        Some(Ok(services)) => services,
        Some(Err(_)) => {
            eprintln!("usage: search-bench [SERVICES]  (default 5000)");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let bundle = catalogue::generate(services, 2026);
    println!(
        "Synthetic catalogue: {services} services, generated in {:.0?}.\n",
        started.elapsed()
    );

    println!("| index | terms | build time | memory (RSS growth) |");
    println!("|---|---:|---:|---:|");
    let mut indexes = Vec::new();
    for locale in ["en", "es", "ar", "zh-Hans"] {
        let before = resident_kib();
        let started = Instant::now();
        let index = SearchIndex::build(&bundle, locale);
        let took = started.elapsed();
        let grown = match (before, resident_kib()) {
            (Some(before), Some(after)) => {
                format!("{:.1} MiB", after.saturating_sub(before) as f64 / 1024.0)
            }
            _ => "n/a".to_owned(),
        };
        println!(
            "| {locale} | {} | {} | {grown} |",
            terms(&index),
            millis(took)
        );
        indexes.push((locale, index));
    }

    let mut rng = Rng::new(7);
    let kinds: [(&str, &str, Vec<String>); 9] = [
        ("exact word(s)", "en", queries(&mut rng, exact)),
        ("first two letters", "en", queries(&mut rng, two_letters)),
        ("prefix (still typing)", "en", queries(&mut rng, prefix)),
        ("one typo (4–7 letters)", "en", queries(&mut rng, one_typo)),
        ("two typos (8+ letters)", "en", queries(&mut rng, two_typos)),
        (
            "three words, one typo",
            "en",
            queries(&mut rng, several_words),
        ),
        (
            "Spanish, no accents, upper case",
            "es",
            queries(&mut rng, spanish),
        ),
        (
            "Arabic (harakat, article, variants)",
            "ar",
            queries(&mut rng, arabic),
        ),
        (
            "Chinese (word, phrase, character)",
            "zh-Hans",
            queries(&mut rng, chinese),
        ),
    ];
    println!(
        "\nLatency of `search(query, {LIMIT})`: {QUERIES} queries per kind, each run {ROUNDS} times.\n"
    );
    println!("| queries | index | p50 | p95 | p99 | max | mean hits | found something |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    for (kind, locale, queries) in &kinds {
        let Some((_, index)) = indexes.iter().find(|(tag, _)| tag == locale) else {
            continue;
        };
        println!("| {kind} | {locale} | {} |", measure(index, queries));
    }
    ExitCode::SUCCESS
}

/// Runs every query `ROUNDS` times (after one warm-up pass) and formats the percentiles.
fn measure(index: &SearchIndex, queries: &[String]) -> String {
    let mut hits = 0;
    let mut found = 0;
    for query in queries {
        let count = black_box(index.search(query, LIMIT)).len();
        hits += count;
        found += usize::from(count > 0);
    }
    let mut samples = Vec::with_capacity(queries.len() * ROUNDS);
    for _ in 0..ROUNDS {
        for query in queries {
            let started = Instant::now();
            black_box(index.search(black_box(query), LIMIT));
            samples.push(started.elapsed());
        }
    }
    samples.sort_unstable();
    let at = |share: f64| {
        samples.get(((samples.len() as f64 * share) as usize).min(samples.len().saturating_sub(1)))
    };
    let show = |sample: Option<&Duration>| sample.map_or("n/a".to_owned(), |d| millis(*d));
    format!(
        "{} | {} | {} | {} | {:.1} | {:.0} %",
        show(at(0.50)),
        show(at(0.95)),
        show(at(0.99)),
        show(samples.last()),
        hits as f64 / queries.len().max(1) as f64,
        100.0 * found as f64 / queries.len().max(1) as f64,
    )
}

fn millis(duration: Duration) -> String {
    format!("{:.3} ms", duration.as_secs_f64() * 1000.0)
}

/// The number of terms, from the index's `Debug` output.
fn terms(index: &SearchIndex) -> String {
    let debug = format!("{index:?}");
    debug
        .split("terms: ")
        .nth(1)
        .and_then(|rest| rest.split([',', ' ']).next())
        .unwrap_or("?")
        .to_owned()
}

/// This process's resident memory, from `/proc/self/status` (Linux).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn queries(rng: &mut Rng, make: fn(&mut Rng) -> String) -> Vec<String> {
    (0..QUERIES).map(|_| make(rng)).collect()
}

/// A word of at least `min` and at most `max` characters from `list`.
fn word_between(rng: &mut Rng, list: &[&str], min: usize, max: usize) -> String {
    let fitting: Vec<&str> = list
        .iter()
        .copied()
        .filter(|w| (min..=max).contains(&w.chars().count()))
        .collect();
    rng.pick(&fitting).to_owned()
}

fn exact(rng: &mut Rng) -> String {
    let word = rng.pick(words::EN).to_owned();
    if rng.chance(30) {
        format!("{word} {}", rng.pick(words::EN))
    } else {
        word
    }
}

fn two_letters(rng: &mut Rng) -> String {
    rng.pick(words::EN).chars().take(2).collect()
}

fn prefix(rng: &mut Rng) -> String {
    let word: Vec<char> = word_between(rng, words::EN, 5, 30).chars().collect();
    let keep = rng.between(3, word.len().saturating_sub(1).max(3));
    word.iter().take(keep).collect()
}

/// The word with one typo: two letters swapped, one missing, wrong or extra.
fn typo(rng: &mut Rng, word: &str) -> String {
    let mut letters: Vec<char> = word.chars().collect();
    let at = rng.below(letters.len().saturating_sub(1).max(1));
    let random = char::from(b'a' + rng.below(26) as u8);
    match rng.below(4) {
        0 if at + 1 < letters.len() => letters.swap(at, at + 1),
        1 if at < letters.len() => {
            letters.remove(at);
        }
        2 => {
            if let Some(letter) = letters.get_mut(at) {
                *letter = random;
            }
        }
        _ => letters.insert(at, random),
    }
    letters.into_iter().collect()
}

fn one_typo(rng: &mut Rng) -> String {
    let word = word_between(rng, words::EN, 4, 7);
    typo(rng, &word)
}

fn two_typos(rng: &mut Rng) -> String {
    let word = word_between(rng, words::EN, 8, 30);
    let once = typo(rng, &word);
    typo(rng, &once)
}

fn several_words(rng: &mut Rng) -> String {
    let with_typo = word_between(rng, words::EN, 5, 30);
    format!(
        "{} {} {}",
        rng.pick(words::EN_FILLER),
        rng.pick(words::EN),
        typo(rng, &with_typo)
    )
}

fn spanish(rng: &mut Rng) -> String {
    search::normalise(rng.pick(words::ES)).to_uppercase()
}

fn arabic(rng: &mut Rng) -> String {
    let word = rng.pick(words::AR);
    match rng.below(4) {
        0 => word.chars().flat_map(|c| [c, '\u{064E}']).collect(),
        1 if !word.starts_with("ال") => format!("ال{word}"),
        2 => word.replace('ة', "ه").replace(['أ', 'إ'], "ا"),
        _ => word.to_owned(),
    }
}

fn chinese(rng: &mut Rng) -> String {
    let word = rng.pick(words::ZH);
    match rng.below(4) {
        0 => format!("{}{word}", rng.pick(&["申请", "办理", "我要", "哪里"])),
        1 => word.chars().next().map(String::from).unwrap_or_default(),
        _ => word.to_owned(),
    }
}
