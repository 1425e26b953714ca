//! The kiosk's screens rendered offscreen with the software renderer and the embedded fonts:
//! every locale's text actually reaches the pixels, and right-to-left mirrors the layout.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::rc::Rc;

use kiosk::i18n::Catalog;
use kiosk::session::EventSink;
use kiosk::store::LocalEvent;
use kiosk::ui::KioskUi;
use kiosk::ui::snapshot::{Offscreen, Screen};
use slint::{Rgb8Pixel, SharedPixelBuffer};

struct Discard;

impl EventSink for Discard {
    fn record(&self, _event: LocalEvent) {}
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

#[test]
fn every_locale_draws_its_home_title_on_the_reading_side() -> Result<(), Box<dyn std::error::Error>>
{
    let fonts = tempfile::tempdir()?;
    common::use_kiosk_fonts(fonts.path())?;
    let offscreen = Offscreen::install()?;
    let catalog = Rc::new(Catalog::embedded()?);
    let ui = KioskUi::new(catalog.clone(), Box::new(Discard), || 0)?;
    let (width, height) = (1366, 768);
    for locale in catalog.locales() {
        let image = offscreen.render(&ui, Screen::Home, locale.tag(), (width, height));
        // The title sits in the top band, beside the Language and Finish buttons.
        let left = ink(&image, 32..450, 32..100);
        let right = ink(&image, width - 450..width - 32, 32..100);
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
    Ok(())
}
