//! The kiosk window under Slint's testing backend (no display): a resident's visit walked by
//! accessible labels, from the attract screen to Finish, switching to Arabic on the way.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::rc::Rc;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use kiosk::i18n::Catalog;
use kiosk::recorder::Recorder;
use kiosk::store::LocalStore;
use kiosk::ui::{KioskUi, KioskWindow};
use slint::ComponentHandle as _;
use wire::{EndReason, EventKind, Tile};

/// The one visible button with this accessible label.
fn button(window: &KioskWindow, label: &str) -> ElementHandle {
    let found: Vec<ElementHandle> = ElementHandle::find_by_accessible_label(window, label)
        .filter(|element| element.accessible_role() == Some(AccessibleRole::Button))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one button labelled {label:?}, found {}",
        found.len()
    );
    let element = found.into_iter().next().expect("one button");
    let size = element.size();
    assert!(
        size.width >= 44.0 && size.height >= 44.0,
        "{label:?} is {}×{}, under 44×44",
        size.width,
        size.height
    );
    element
}

fn press(window: &KioskWindow, label: &str) {
    button(window, label).invoke_accessible_default_action();
}

fn absent(window: &KioskWindow, label: &str) -> bool {
    ElementHandle::find_by_accessible_label(window, label)
        .next()
        .is_none()
}

#[test]
fn a_visit_in_english_then_arabic() -> Result<(), Box<dyn std::error::Error>> {
    let fonts = tempfile::tempdir()?;
    common::use_kiosk_fonts(fonts.path())?;
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("kiosk.sqlite3");
    let recorder = Recorder::spawn(LocalStore::open(&path)?, || {})?;
    let catalog = Rc::new(Catalog::embedded()?);
    let ui = KioskUi::new(catalog.clone(), Box::new(recorder), || 1_790_003_723)?;
    let window = ui.window();
    window
        .window()
        .set_size(slint::LogicalSize::new(1366.0, 768.0));
    window.show()?;

    press(window, "Touch the screen to start");
    // Every language is offered by its own name.
    for locale in catalog.locales() {
        button(window, locale.native_name());
    }
    press(window, "English");

    let english = ["City services", "Learn digital skills", "Have a say"];
    for label in english {
        button(window, label);
    }
    button(window, "Finish");

    press(window, "Language");
    press(window, "العربية");
    let arabic = ["خدمات المدينة", "تعلّم المهارات الرقمية", "شارك برأيك"];
    for label in arabic {
        button(window, label);
    }
    for label in english {
        assert!(
            absent(window, label),
            "{label:?} is still shown after switching to Arabic"
        );
    }
    // Right to left: the first tile (city services) is now the rightmost.
    let services = button(window, arabic[0]).absolute_position().x;
    let have_a_say = button(window, arabic[2]).absolute_position().x;
    assert!(
        services > have_a_say,
        "tiles are not mirrored: {services} vs {have_a_say}"
    );

    press(window, arabic[0]);
    press(window, "العودة إلى الشاشة الرئيسية");
    press(window, "إنهاء");
    // Back to the attract screen, reset to the reference language for the next resident.
    button(window, "Touch the screen to start");

    drop(ui); // writes what the recorder has queued
    let events = LocalStore::open(&path)?.all_events()?;
    let kinds: Vec<EventKind> = events.iter().map(|e| e.kind.clone()).collect();
    assert_eq!(
        kinds,
        vec![
            EventKind::SessionStarted,
            EventKind::LanguageChosen {
                locale: "en".into()
            },
            EventKind::LanguageChosen {
                locale: "ar".into()
            },
            EventKind::TileOpened {
                tile: Tile::Services
            },
            EventKind::SessionEnded {
                reason: EndReason::Finished
            },
        ]
    );
    assert!(
        events.iter().all(|e| e.hour == 1_790_002_800),
        "times are rounded to the hour"
    );
    Ok(())
}
