//! The kiosk's screens rendered offscreen with the software renderer and the embedded fonts,
//! at the four form factors, in English and Arabic, at 100 % and 200 % text: every locale's
//! text reaches the pixels on the reading side, and no text element overflows the elements
//! that contain it (at any scroll position).

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::rc::Rc;

use i_slint_backend_testing::{ElementHandle, ElementQuery};
use kiosk::i18n::Catalog;
use kiosk::session::{Journal, LearnerProgress};
use kiosk::store::{LocalEvent, LocalRecord};
use kiosk::ui::snapshot::{Offscreen, Screen};
use kiosk::ui::{IdleSettings, KioskUi, UiParts};
use slint::{Rgb8Pixel, SharedPixelBuffer};

const SIZES: [(u32, u32); 4] = [(1920, 1080), (1366, 768), (800, 1280), (360, 640)];

struct Discard;

impl Journal for Discard {
    fn record(&self, _event: LocalEvent) {}
    fn keep(&self, _record: LocalRecord) {}
    fn load_learner(&self, _code: String, reply: Box<dyn FnOnce(LearnerProgress) + Send>) {
        reply(Ok(Default::default()));
    }
}

fn kiosk_ui(catalog: Rc<Catalog>) -> KioskUi {
    KioskUi::new(UiParts {
        catalog,
        content: Rc::new(content::Bundle::sample().unwrap()),
        journal: Box::new(Discard),
        devices: Rc::new(kiosk::devices::NoDevices),
        sealing_key: Default::default(),
        pull_learner: None,
        check_request: None,
        staff: Default::default(),
        online: Default::default(),
        clock: Box::new(|| 1_796_000_000),
        idle: IdleSettings::default(),
    })
    .unwrap()
}

/// Dark pixels (text on the light page background) inside a rectangle.
fn ink(
    image: &SharedPixelBuffer<Rgb8Pixel>,
    x: std::ops::Range<u32>,
    y: std::ops::Range<u32>,
) -> usize {
    let width = image.width() as usize;
    let pixels = image.as_slice();
    y.flat_map(|row| x.clone().map(move |column| (row, column)))
        .filter(|(row, column)| {
            let p = pixels[*row as usize * width + *column as usize];
            u32::from(p.r) + u32::from(p.g) + u32::from(p.b) < 200
        })
        .count()
}

/// A rectangle in window coordinates.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

fn rect(element: &ElementHandle) -> Rect {
    let position = element.absolute_position();
    let size = element.size();
    Rect {
        x: position.x,
        y: position.y,
        w: size.width,
        h: size.height,
    }
}

impl Rect {
    fn contains(&self, inner: &Rect) -> bool {
        const SLACK: f32 = 1.0;
        inner.x >= self.x - SLACK
            && inner.y >= self.y - SLACK
            && inner.x + inner.w <= self.x + self.w + SLACK
            && inner.y + inner.h <= self.y + self.h + SLACK
    }
}

/// Containers whose content may legitimately extend past them: the scrolling ones.
fn scrolls(element: &ElementHandle) -> bool {
    let names: Vec<String> = element
        .type_name()
        .into_iter()
        .chain(element.bases().into_iter().flatten())
        .map(|name| name.to_string())
        .collect();
    names.iter().any(|name| {
        matches!(
            name.as_str(),
            "Flickable" | "ScrollView" | "Window" | "KioskWindow"
        )
    })
}

/// Text elements that stick out of an element containing them, described for the message.
fn overflowing_texts(ui: &KioskUi) -> Vec<String> {
    let mut problems = Vec::new();
    let all = ElementQuery::from_root(ui.window())
        .match_descendants()
        .find_all();
    for container in all
        .iter()
        .filter(|e| !scrolls(e) && e.type_name().is_some_and(|t| t != "Text"))
    {
        // Elements around a scrolling area bound what is visible, not what is laid out.
        if container
            .query_descendants()
            .match_type_name("Flickable")
            .find_first()
            .is_some()
        {
            continue;
        }
        let outer = rect(container);
        if outer.w <= 0.0 || outer.h <= 0.0 {
            continue;
        }
        for text in container
            .query_descendants()
            .match_type_name("Text")
            .find_all()
        {
            let inner = rect(&text);
            if inner.w > 0.0 && inner.h > 0.0 && !outer.contains(&inner) {
                problems.push(format!(
                    "{:?} at {inner:?} sticks out of {} at {outer:?}",
                    text.accessible_label().unwrap_or_default(),
                    container.type_name().unwrap_or_default()
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

/// The kiosk's fonts, set up once for the whole test program (before any test renders).
static FONTS: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();

/// An offscreen window and the kiosk's UI on this test's thread (Slint's platform belongs to
/// the thread, so the tests below render side by side).
fn offscreen_kiosk() -> (Offscreen, Rc<Catalog>, KioskUi) {
    FONTS.get_or_init(|| {
        let fonts = tempfile::tempdir().unwrap();
        common::use_kiosk_fonts(fonts.path()).unwrap();
        fonts
    });
    let offscreen = Offscreen::install().unwrap();
    let catalog = Rc::new(Catalog::embedded().unwrap());
    let ui = kiosk_ui(catalog.clone());
    (offscreen, catalog, ui)
}

#[test]
fn every_locale_draws_its_home_title_on_its_reading_side() {
    let (offscreen, catalog, ui) = offscreen_kiosk();
    let (width, height) = (1366, 768);
    for locale in catalog.locales() {
        let image = offscreen.render(&ui, Screen::Home, locale.tag(), 100, (width, height));
        let left = ink(&image, 8..450, 8..70);
        let right = ink(&image, width - 450..width - 8, 8..70);
        let (reading_side, other_side) = if locale.is_rtl() {
            (right, left)
        } else {
            (left, right)
        };
        assert!(
            reading_side > 200,
            "{}: the title left no ink ({reading_side} dark pixels)",
            locale.tag()
        );
        assert!(
            other_side < reading_side,
            "{}: the title is on the wrong side",
            locale.tag()
        );
    }
}

#[test]
fn nothing_overflows_in_english_at_normal_text_size() {
    nothing_overflows("en", 100);
}

#[test]
fn nothing_overflows_in_english_at_double_text_size() {
    nothing_overflows("en", 200);
}

#[test]
fn nothing_overflows_in_arabic_at_normal_text_size() {
    nothing_overflows("ar", 100);
}

#[test]
fn nothing_overflows_in_arabic_at_double_text_size() {
    nothing_overflows("ar", 200);
}

/// No text sticks out of its container on any screen or window size, at any scroll position,
/// in `locale` with `text_percent` text.
fn nothing_overflows(locale: &str, text_percent: u16) {
    let (offscreen, _catalog, ui) = offscreen_kiosk();
    let mut problems = Vec::new();
    for size in SIZES {
        for screen in Screen::ALL {
            offscreen.render(&ui, screen, locale, text_percent, size);
            let pages: Vec<ElementHandle> =
                ElementHandle::find_by_element_type_name(ui.window(), "ScrollView").collect();
            let mut last_positions = Vec::new();
            for step in 0..12 {
                let positions: Vec<f32> = ElementQuery::from_root(ui.window())
                    .match_descendants()
                    .match_type_name("Text")
                    .find_all()
                    .iter()
                    .map(|t| t.absolute_position().y)
                    .collect();
                if positions == last_positions {
                    break;
                }
                last_positions = positions;
                for problem in overflowing_texts(&ui) {
                    problems.push(format!(
                        "{} {locale} {}% {}x{} scroll {step}: {problem}",
                        screen.name(),
                        text_percent,
                        size.0,
                        size.1
                    ));
                }
                if pages.is_empty() {
                    break;
                }
                for page in &pages {
                    page.scroll(0.0, -400.0);
                }
                slint::platform::update_timers_and_animations();
            }
        }
    }
    problems.dedup();
    let mut screens: Vec<String> = problems
        .iter()
        .map(|p| p.split(" scroll").next().unwrap_or(p).to_owned())
        .collect();
    screens.dedup();
    assert!(
        problems.is_empty(),
        "{} overflows on {} screens: {screens:?}\nfor example:\n{}",
        problems.len(),
        screens.len(),
        problems
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
