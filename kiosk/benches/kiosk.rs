//! The kiosk's speed and memory figures, printed as a table: `cargo bench -p kiosk`
//! (an optimised build; under Xvfb set `SLINT_BACKEND=winit-software` and `DISPLAY`).
//!
//! * cold start: from launching `kiosk run` to its first frame, and its resident memory then
//!   (needs a display; under Xvfb set `SLINT_BACKEND=winit-software`);
//! * scrolling: the software renderer redrawing the longest service list while it scrolls;
//! * search: queries over the sample catalogue in four languages.

use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

use kiosk::i18n::Catalog;
use kiosk::session::{Journal, LearnerProgress};
use kiosk::store::{LocalEvent, LocalRecord};
use kiosk::ui::snapshot::{Offscreen, Screen};
use kiosk::ui::{IdleSettings, KioskUi, UiParts};

struct Discard;

impl Journal for Discard {
    fn record(&self, _event: LocalEvent) {}
    fn keep(&self, _record: LocalRecord) {}
    fn load_learner(&self, _code: String, reply: Box<dyn FnOnce(LearnerProgress) + Send>) {
        reply(Ok(Default::default()));
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn row(what: &str, figure: &str, aim: &str) {
    println!("| {what:<48} | {figure:>22} | {aim:<14} |");
}

fn cold_start(runs: usize) {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        row(
            "cold start to first frame",
            "skipped: no display",
            "≤ 300 ms",
        );
        return;
    }
    let kiosk = env!("CARGO_BIN_EXE_kiosk");
    let mut times = Vec::new();
    let mut memory = Vec::new();
    for _ in 0..runs {
        let Ok(dir) = tempfile::tempdir() else { return };
        let started = Instant::now();
        let child = Command::new(kiosk)
            .args([
                "run",
                "--windowed",
                "1366x768",
                "--exit-after-first-frame",
                "--data-dir",
            ])
            .arg(dir.path())
            .env(
                "SLINT_BACKEND",
                std::env::var("SLINT_BACKEND").unwrap_or_else(|_| "winit-software".into()),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let Ok(mut child) = child else {
            row(
                "cold start to first frame",
                "kiosk binary not found",
                "≤ 300 ms",
            );
            return;
        };
        let Some(stdout) = child.stdout.take() else {
            return;
        };
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rss) = line.strip_prefix("first-frame rss-kib=") {
                times.push(started.elapsed());
                memory.push(rss.trim().parse::<u64>().unwrap_or(0));
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    times.sort();
    memory.sort_unstable();
    row(
        &format!("cold start to first frame (median of {})", times.len()),
        &ms(percentile(&times, 0.5)),
        "≤ 300 ms",
    );
    row("cold start, slowest", &ms(percentile(&times, 1.0)), "");
    let median_rss = memory.get(memory.len() / 2).copied().unwrap_or(0);
    row(
        "resident memory at first frame (median)",
        &format!("{:.1} MiB", median_rss as f64 / 1024.0),
        "≤ 60 MB",
    );
}

fn scrolling(frames: usize) -> Result<(), Box<dyn std::error::Error>> {
    let fonts = tempfile::tempdir()?;
    let config = kiosk::ui::fonts::write_fontconfig(fonts.path())?;
    // SAFETY: single-threaded so far: nothing else reads the environment yet.
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("FONTCONFIG_FILE", config);
    }
    let offscreen = Offscreen::install()?;
    let ui = KioskUi::new(UiParts {
        catalog: Rc::new(Catalog::embedded()?),
        content: Rc::new(content::Bundle::sample()?),
        journal: Box::new(Discard),
        devices: Rc::new(kiosk::devices::NoDevices),
        sealing_key: Default::default(),
        pull_learner: None,
        check_request: None,
        staff: Default::default(),
        online: Default::default(),
        clock: Box::new(kiosk::clock::now),
        idle: IdleSettings::default(),
    })?;
    // The "Have a say" list shows every service: the longest list there is.
    offscreen.render(&ui, Screen::Say, "en", 100, (1366, 768));
    let pages: Vec<i_slint_backend_testing::ElementHandle> =
        i_slint_backend_testing::ElementHandle::find_by_element_type_name(
            ui.window(),
            "ScrollView",
        )
        .collect();
    let mut times = Vec::new();
    for frame in 0..frames {
        let delta = if (frame / 20) % 2 == 0 { -40.0 } else { 40.0 };
        for page in &pages {
            page.scroll(0.0, delta);
        }
        let started = Instant::now();
        offscreen.render(&ui, Screen::Say, "en", 100, (1366, 768));
        times.push(started.elapsed());
    }
    times.sort();
    row(
        &format!("scroll frame, full redraw 1366x768 (p50 of {frames})"),
        &ms(percentile(&times, 0.5)),
        "≤ 16 ms",
    );
    row(
        "scroll frame, p95",
        &ms(percentile(&times, 0.95)),
        "≤ 16 ms",
    );
    row("scroll frame, max", &ms(percentile(&times, 1.0)), "");
    Ok(())
}

fn searching() -> Result<(), Box<dyn std::error::Error>> {
    let bundle = content::Bundle::sample()?;
    let queries = [
        ("en", "libary"),
        ("es", "biblioteca"),
        ("fr", "logement"),
        ("ar", "مكتبه"),
    ];
    let mut times = Vec::new();
    for (locale, query) in queries {
        let index = search::SearchIndex::build(&bundle, locale);
        for _ in 0..500 {
            let started = Instant::now();
            let hits = index.search(query, 20);
            times.push(started.elapsed());
            std::hint::black_box(hits);
        }
    }
    times.sort();
    row(
        "search, sample catalogue (p99 of 2000)",
        &ms(percentile(&times, 0.99)),
        "≤ 10 ms",
    );
    Ok(())
}

/// One staff PIN check (Argon2id, the crate's recommended parameters), which the staff gate
/// does on its own thread: the UI thread never waits for it.
fn staff_check() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut store = kiosk::store::LocalStore::open(&dir.path().join("kiosk.sqlite3"))?;
    store.set_staff_pin(&kiosk::store::StaffPin::new("482913")?)?;
    let access = store.staff_access()?;
    let mut times = Vec::new();
    for attempt in 0..20 {
        let typed = if attempt % 2 == 0 { "482913" } else { "000000" };
        let started = Instant::now();
        let found = access.check_pin(typed);
        times.push(started.elapsed());
        std::hint::black_box(found);
    }
    times.sort();
    row(
        "staff PIN check, Argon2id (median of 20)",
        &ms(percentile(&times, 0.5)),
        "off the UI thread",
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("| {:<48} | {:>22} | {:<14} |", "measure", "figure", "aim");
    println!("|{}|{}|{}|", "-".repeat(50), "-".repeat(24), "-".repeat(16));
    cold_start(5);
    searching()?;
    staff_check()?;
    scrolling(200)?;
    Ok(())
}
