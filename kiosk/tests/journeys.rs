//! Every resident journey walked through the real UI under Slint's testing backend, by
//! accessible labels, in English and in Arabic, with no network at all: start and leave (with
//! the idle timeout), city services and search, the three request forms, learning with a
//! learner code, and having a say. On every screen, every interactive element must have a
//! label and be at least 44 × 44 px. After "Finish", nothing about the resident remains in
//! memory or in the database, and the events kept are anonymous.

// Test helpers may panic: a panic here is a failed test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use kiosk::devices::{Devices, PrintDone, Printout};
use kiosk::i18n::Catalog;
use kiosk::recorder::Recorder;
use kiosk::store::LocalStore;
use kiosk::ui::{IdleSettings, KioskUi, KioskWindow, UiParts};
use slint::ComponentHandle as _;
use wire::{EndReason, EventKind};

/// The devices of a kiosk whose printer and voice are simulated: what was printed and spoken
/// is kept for the test to look at.
#[derive(Default)]
struct Log {
    printed: Mutex<Vec<Printout>>,
    spoken: Mutex<Vec<(String, String)>>,
}

#[derive(Clone, Default)]
struct Recording(Arc<Log>);

impl std::ops::Deref for Recording {
    type Target = Log;
    fn deref(&self) -> &Log {
        &self.0
    }
}

impl Devices for Recording {
    fn print(&self, printout: Printout, _locale: &str, done: PrintDone) {
        self.printed.lock().unwrap().push(printout);
        done(Ok(()));
    }
    fn speak(&self, text: &str, locale: &str) {
        self.spoken
            .lock()
            .unwrap()
            .push((text.to_owned(), locale.to_owned()));
    }
    fn stop_speaking(&self) {}
    fn can_speak(&self, _locale: &str) -> bool {
        true
    }
    fn reset_for_new_session(&self) {}
}

const STAFF_PIN: &str = "482913";
const STAFF_CARD: &str = "STAFF-RIVERTON-0042";

struct Kiosk {
    syncs: Arc<std::sync::atomic::AtomicUsize>,
    /// What staff asked the (stand-in) sync worker to enrol with.
    enrolments: Arc<Mutex<Vec<kiosk::sync::EnrolEntry>>>,
    ui: KioskUi,
    catalog: Rc<Catalog>,
    locale: &'static str,
    database: PathBuf,
    devices: Recording,
    server_key: crypto_box::SecretKey,
    _dir: tempfile::TempDir,
}

const INTERACTIVE: [AccessibleRole; 5] = [
    AccessibleRole::Button,
    AccessibleRole::RadioButton,
    AccessibleRole::Checkbox,
    AccessibleRole::Switch,
    AccessibleRole::TextInput,
];

impl Kiosk {
    fn new(locale: &'static str) -> Kiosk {
        let devices = Recording::default();
        Kiosk::with_devices(locale, devices.clone(), Rc::new(devices))
    }

    /// A kiosk whose UI drives `devices` (`log` keeps what a `Recording` was asked).
    fn with_devices(locale: &'static str, log: Recording, devices: Rc<dyn Devices>) -> Kiosk {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("kiosk.sqlite3");
        // Staff mode opens with this PIN or this staff card.
        let mut store = LocalStore::open(&database).unwrap();
        store
            .set_staff_pin(&kiosk::store::StaffPin::new(STAFF_PIN).unwrap())
            .unwrap();
        store.add_staff_card(STAFF_CARD).unwrap();
        let staff_gate =
            kiosk::staff_gate::StaffGate::spawn(LocalStore::open(&database).unwrap(), || {
                1_796_000_000
            })
            .unwrap();
        let recorder = Recorder::spawn(store, || {}).unwrap();
        let conditions = kiosk::sync::SharedConditions::default();
        conditions
            .lock()
            .unwrap()
            .devices
            .insert("printer".into(), "ready".into());
        // No scanner where the hardware looked: a simulated one stands in, and says so.
        kiosk::sync::conditions::apply(
            &conditions,
            &hardware::HardwareEvent::Simulated {
                device: hardware::DeviceKind::Scanner,
                reason: "no scanner found in /dev/input/by-id".into(),
            },
        );
        conditions.lock().unwrap().sync = Some(kiosk::sync::conditions::SyncFacts {
            waiting: 37,
            last_success_at: Some(1_796_000_000),
            bytes_today: 1200,
            clock_offset: Some(-300),
            last_message: Some("sent 12 records (333 bytes)".into()),
        });
        let syncs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = syncs.clone();
        let catalog = Rc::new(Catalog::embedded().unwrap());
        let server_key = crypto_box::SecretKey::generate(&mut crypto_box::aead::OsRng);
        let public =
            base64::engine::general_purpose::STANDARD.encode(server_key.public_key().as_bytes());
        // The sync worker's enroller is tested against a real server in `tests/`; here a
        // stand-in answers from another thread, as the worker does: a used code is refused, a
        // code alone needs a known server, a ticket enrols.
        let enrolments: Arc<Mutex<Vec<kiosk::sync::EnrolEntry>>> = Default::default();
        let asked = enrolments.clone();
        let enroller: kiosk::sync::Enroller = Arc::new(move |entry, reply| {
            asked.lock().unwrap().push(entry.clone());
            std::thread::spawn(move || {
                reply(match entry {
                    kiosk::sync::EnrolEntry::Code(code) if code.starts_with("USED") => Err(
                        kiosk::sync::EnrolFailure::CodeRefused("already used".into()),
                    ),
                    kiosk::sync::EnrolEntry::Code(_) => {
                        Err(kiosk::sync::EnrolFailure::NoServerKnown)
                    }
                    kiosk::sync::EnrolEntry::Ticket(_) => Ok(kiosk::sync::EnrolledAs {
                        kiosk_id: "K-0007".into(),
                        site: "Old Town Library".into(),
                        neighbourhood: "Old Town".into(),
                    }),
                })
            });
        });
        let ui = KioskUi::new(UiParts {
            catalog: catalog.clone(),
            content: Rc::new(content::Bundle::sample().unwrap()),
            journal: Box::new(recorder),
            devices,
            sealing_key: Arc::new(Mutex::new(Some(public.parse().unwrap()))),
            pull_learner: None,
            check_request: None,
            staff: kiosk::ui::StaffParts {
                gate: Some(staff_gate),
                conditions: Some(conditions),
                force_sync: Some(Arc::new(move || {
                    counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                })),
                enroller: Some(enroller),
                enrolled: None,
            },
            online: Default::default(),
            clock: Box::new(|| 1_796_000_000),
            idle: IdleSettings {
                warn_after: 90,
                countdown: 30,
            },
        })
        .unwrap();
        ui.window()
            .window()
            .set_size(slint::LogicalSize::new(1366.0, 768.0));
        ui.window().show().unwrap();
        Kiosk {
            syncs,
            enrolments,
            ui,
            catalog,
            locale,
            database,
            devices: log,
            server_key,
            _dir: dir,
        }
    }

    fn window(&self) -> &KioskWindow {
        self.ui.window()
    }

    /// A UI string in the kiosk's test language.
    fn t(&self, id: &str) -> String {
        self.catalog.text(self.locale, id)
    }

    fn find_controls(&self, label: &str) -> Vec<ElementHandle> {
        ElementHandle::find_by_accessible_label(self.window(), label)
            .filter(|e| {
                e.accessible_role()
                    .is_some_and(|role| INTERACTIVE.contains(&role))
            })
            .collect()
    }

    /// Scrolls the page (as a resident would, with the wheel or a swipe) until `found` holds,
    /// from the top down; false if it never does.
    fn scroll_until(&self, found: impl Fn(&Kiosk) -> bool) -> bool {
        let pages: Vec<ElementHandle> =
            ElementHandle::find_by_element_type_name(self.window(), "ScrollView").collect();
        for page in &pages {
            page.scroll(0.0, 10_000.0);
        }
        for _ in 0..40 {
            if found(self) {
                return true;
            }
            for page in &pages {
                page.scroll(0.0, -150.0);
            }
        }
        found(self)
    }

    /// The one interactive element with this label, checked for size; scrolled into view.
    fn control(&self, label: &str) -> ElementHandle {
        let mut found = self.find_controls(label);
        if found.is_empty() && self.scroll_until(|k| !k.find_controls(label).is_empty()) {
            found = self.find_controls(label);
        }
        if found.len() != 1 {
            let page = self.window().global::<kiosk::ui::AppAdapter>().get_page();
            let labels: Vec<String> = self
                .all_elements()
                .iter()
                .filter(|e| {
                    e.accessible_role()
                        .is_some_and(|role| INTERACTIVE.contains(&role))
                })
                .filter_map(|e| e.accessible_label().map(|l| l.to_string()))
                .collect();
            panic!(
                "[{}] expected one control labelled {label:?}, found {} on {page:?}; controls: {labels:?}",
                self.locale,
                found.len()
            );
        }
        found.into_iter().next().unwrap()
    }

    fn press(&self, label: &str) {
        self.control(label).invoke_accessible_default_action();
        self.check_screen();
    }

    fn type_into(&self, label: &str, text: &str) {
        self.control(label).set_accessible_value(text);
    }

    /// A finger on the control with this label: pressed and released where it is. (Unlike an
    /// accessibility action this leaves the keyboard focus where it was, as a tap does.)
    fn tap(&self, label: &str) {
        let target = self.control(label);
        let (position, size) = (target.absolute_position(), target.size());
        let point = slint::LogicalPosition::new(
            position.x + size.width / 2.0,
            position.y + size.height / 2.0,
        );
        let button = slint::platform::PointerEventButton::Left;
        let window = self.window().window();
        window.dispatch_event(slint::platform::WindowEvent::PointerMoved { position: point });
        window.dispatch_event(slint::platform::WindowEvent::PointerPressed {
            position: point,
            button,
        });
        window.dispatch_event(slint::platform::WindowEvent::PointerReleased {
            position: point,
            button,
        });
        window.dispatch_event(slint::platform::WindowEvent::PointerExited);
        i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(1));
    }

    /// Types on the on-screen keyboard, as a resident without a physical keyboard does: tap
    /// the box, then the keys (Capitals before an upper-case letter).
    fn type_on_screen(&self, label: &str, text: &str) {
        // Into the box (as a tap, or a screen reader's "activate", does).
        self.control(label).invoke_accessible_default_action();
        // Slint runs change handlers (here: "a text box got the focus") on the next turn.
        i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(1));
        assert!(
            self.shows(&self.t("keyboard-done")),
            "[{}] no on-screen keyboard for {label:?}",
            self.locale
        );
        // The box is scrolled above the keyboard, so the resident sees what they type.
        let keyboard_top =
            ElementHandle::find_by_accessible_label(self.window(), &self.t("keyboard-title"))
                .next()
                .unwrap()
                .absolute_position()
                .y;
        let field = self.control(label);
        let field_bottom = field.absolute_position().y + field.size().height;
        assert!(
            field_bottom <= keyboard_top,
            "[{}] {label:?} ends at y={field_bottom}, under the keyboard (top y={keyboard_top})",
            self.locale
        );
        for c in text.chars() {
            if c == ' ' {
                self.tap(&self.t("keyboard-space"));
                continue;
            }
            // Capitals turns the keys upper case, for one letter (code keys are capitals
            // already, and have no Capitals key).
            let has_capitals =
                ElementHandle::find_by_accessible_label(self.window(), &self.t("keyboard-shift"))
                    .next()
                    .is_some();
            if c.is_uppercase() && has_capitals {
                self.tap(&self.t("keyboard-shift"));
            }
            self.tap(&c.to_string());
        }
        let typed = self.control(label).accessible_value().unwrap_or_default();
        assert_eq!(
            typed, text,
            "[{}] the on-screen keyboard typed {typed:?}",
            self.locale
        );
        self.tap(&self.t("keyboard-done"));
        i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(1));
        assert!(
            !self.shows(&self.t("keyboard-done")),
            "the keyboard stays after Done"
        );
    }

    /// True if something with this label is on the page (scrolling to it if need be).
    fn shows(&self, label: &str) -> bool {
        let on_screen = |k: &Kiosk| {
            ElementHandle::find_by_accessible_label(k.window(), label)
                .next()
                .is_some()
        };
        on_screen(self) || self.scroll_until(on_screen)
    }

    /// Every element on screen.
    fn all_elements(&self) -> Vec<ElementHandle> {
        i_slint_backend_testing::ElementQuery::from_root(self.window())
            .match_descendants()
            .find_all()
    }

    /// Every interactive element on screen has a label and is at least 44 × 44 px.
    fn check_screen(&self) {
        let elements = self.all_elements();
        let interactive = elements
            .iter()
            .filter(|e| {
                e.accessible_role()
                    .is_some_and(|r| INTERACTIVE.contains(&r))
            })
            .count();
        assert!(
            interactive > 0,
            "[{}] no control at all on this screen",
            self.locale
        );
        for element in elements {
            let Some(role) = element.accessible_role() else {
                continue;
            };
            if !INTERACTIVE.contains(&role) {
                continue;
            }
            let label = element.accessible_label().unwrap_or_default();
            assert!(
                !label.trim().is_empty(),
                "[{}] a {role:?} has no accessible label",
                self.locale
            );
            let size = element.size();
            assert!(
                size.width >= 44.0 && size.height >= 44.0,
                "[{}] {label:?} is {}×{}, under 44×44",
                self.locale,
                size.width,
                size.height
            );
        }
    }

    /// Lets Slint run what other threads handed to the UI (print results, learner progress).
    fn pump_until(&self, what: &str, mut done: impl FnMut(&Kiosk) -> bool) {
        // Generous: staff checks run Argon2id on another thread, and CI machines are shared.
        let deadline = Instant::now() + Duration::from_secs(30);
        while !done(self) {
            assert!(
                Instant::now() < deadline,
                "[{}] timed out waiting for {what}",
                self.locale
            );
            std::thread::sleep(Duration::from_millis(20));
            slint::invoke_from_event_loop(|| {
                let _ = slint::quit_event_loop();
            })
            .unwrap();
            slint::run_event_loop().unwrap();
        }
    }

    fn start(&self) {
        self.press(&self.catalog.text("en", "attract-touch-to-start"));
        let language = self
            .catalog
            .locale(self.locale)
            .unwrap()
            .native_name()
            .to_owned();
        self.press(&language);
        self.press(&self.t("settings-continue"));
        assert!(
            self.shows(&self.t("home-tile-services")),
            "[{}] not on the home screen",
            self.locale
        );
    }

    fn finish(&self) {
        self.press(&self.t("nav-finish"));
        assert!(
            self.shows(&self.catalog.text("en", "attract-touch-to-start")),
            "not back on the attract screen"
        );
    }

    fn store(&self) -> LocalStore {
        LocalStore::open(&self.database).unwrap()
    }

    fn events(&self) -> Vec<wire::Event> {
        self.store().all_events().unwrap()
    }
}

/// Lets `seconds` of (mock) time pass, a second at a time as the kiosk's timer ticks.
fn wait_seconds(seconds: u32) {
    for _ in 0..seconds {
        i_slint_backend_testing::mock_elapsed_time(Duration::from_secs(1));
    }
}

fn start_and_leave(kiosk: &Kiosk) {
    kiosk.press(&kiosk.catalog.text("en", "attract-touch-to-start"));
    // Every language is offered by its own name.
    for locale in kiosk.catalog.locales() {
        kiosk.control(locale.native_name());
    }
    kiosk.press(kiosk.catalog.locale(kiosk.locale).unwrap().native_name());
    // Quick settings, in the chosen language: all four change the screen at once.
    kiosk.press(&kiosk.t("settings-bigger"));
    kiosk.press(&kiosk.t("settings-bigger"));
    kiosk.press(&kiosk.t("settings-high-contrast"));
    kiosk.press(&kiosk.t("settings-read-aloud"));
    kiosk.press(&kiosk.t("settings-easy-read"));
    let theme = kiosk.window().global::<kiosk::ui::Theme>();
    assert_eq!(theme.get_text_scale(), 1.5);
    assert!(theme.get_high_contrast() && theme.get_easy_read());
    assert_eq!(
        kiosk
            .control(&kiosk.t("settings-high-contrast"))
            .accessible_checked(),
        Some(true)
    );
    kiosk.press(&kiosk.t("settings-continue"));
    // Read aloud: the home screen was spoken in the chosen language.
    let spoken = kiosk
        .devices
        .spoken
        .lock()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    assert_eq!(spoken.1, kiosk.locale);
    assert!(
        spoken.0.contains(&kiosk.t("home-tile-services")),
        "{spoken:?}"
    );
    // Arabic lays out right to left: the first tile is the rightmost.
    let first = kiosk
        .control(&kiosk.t("home-tile-services"))
        .absolute_position()
        .x;
    let last = kiosk
        .control(&kiosk.t("home-tile-say"))
        .absolute_position()
        .x;
    assert_eq!(
        first > last,
        kiosk.catalog.locale(kiosk.locale).unwrap().is_rtl(),
        "[{}] tile order",
        kiosk.locale
    );

    kiosk.finish();
    // Everything back to the defaults for the next resident.
    assert_eq!(theme.get_text_scale(), 1.0);
    assert!(!theme.get_high_contrast() && !theme.get_easy_read() && !theme.get_rtl());
    assert_eq!(kiosk.ui.remembered(), "");

    // The idle timeout: a warning after 90 s, one tap extends, as often as needed...
    kiosk.start();
    for _ in 0..12 {
        wait_seconds(91);
        kiosk.press(&kiosk.t("idle-more-time"));
        assert!(
            !kiosk.shows(&kiosk.t("idle-more-time")),
            "the warning stays after extending"
        );
    }
    // ... and with no tap, the screen resets 30 s later.
    wait_seconds(91);
    assert!(kiosk.shows(&kiosk.t("idle-more-time")));
    // The warning appeared at 90 s; 20 s later it is still there ...
    wait_seconds(19);
    assert!(
        kiosk.shows(&kiosk.t("idle-more-time")),
        "the warning gives at least 20 seconds"
    );
    // ... and at 30 s the visit ends.
    wait_seconds(10);
    assert!(
        kiosk.shows(&kiosk.catalog.text("en", "attract-touch-to-start")),
        "the idle timeout did not reset"
    );
    assert!(!kiosk.ui.visit_active());
    let ended = |k: &Kiosk| {
        k.events()
            .iter()
            .filter(|e| matches!(e.kind, EventKind::SessionEnded { .. }))
            .count()
            == 2
    };
    kiosk.pump_until("both visits' ends on disk", ended);
    let ends: Vec<EndReason> = kiosk
        .events()
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::SessionEnded { reason } => Some(reason),
            _ => None,
        })
        .collect();
    assert_eq!(ends, vec![EndReason::Finished, EndReason::IdleTimeout]);
}

/// WCAG 2 contrast ratio of two colours.
fn contrast(a: slint::Color, b: slint::Color) -> f64 {
    let luminance = |c: slint::Color| {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every text colour against every background it is drawn on: 4.5:1 normally, 7:1 in high
/// contrast; the focus ring at least 3:1 against the page.
fn colours(kiosk: &Kiosk) {
    let theme = kiosk.window().global::<kiosk::ui::Theme>();
    for high_contrast in [false, true] {
        theme.set_high_contrast(high_contrast);
        let minimum = if high_contrast { 7.0 } else { 4.5 };
        let mut pairs = vec![
            (
                "text on background",
                theme.get_text(),
                theme.get_background(),
            ),
            ("text on surface", theme.get_text(), theme.get_surface()),
            (
                "muted on background",
                theme.get_muted(),
                theme.get_background(),
            ),
            ("muted on surface", theme.get_muted(), theme.get_surface()),
            (
                "on-primary on primary",
                theme.get_on_primary(),
                theme.get_primary(),
            ),
            (
                "primary on surface",
                theme.get_primary(),
                theme.get_surface(),
            ),
            (
                "primary on background",
                theme.get_primary(),
                theme.get_background(),
            ),
            (
                "on-selected on selected",
                theme.get_on_selected(),
                theme.get_selected(),
            ),
            ("bad on surface", theme.get_bad(), theme.get_surface()),
            ("bad on background", theme.get_bad(), theme.get_background()),
            (
                "good on background",
                theme.get_good(),
                theme.get_background(),
            ),
            (
                "text on notice",
                theme.get_text(),
                theme.get_notice_background(),
            ),
            (
                "attract text",
                theme.get_attract_text(),
                theme.get_attract_background(),
            ),
        ];
        let tiles = theme.get_tile_colors();
        for tile in slint::Model::iter(&tiles) {
            pairs.push(("tile text on a tile", theme.get_tile_text(), tile));
        }
        for (what, foreground, background) in pairs {
            let ratio = contrast(foreground, background);
            assert!(
                ratio >= minimum,
                "{what}: {ratio:.2}:1 (high contrast {high_contrast}), needs {minimum}:1"
            );
        }
        let ring = contrast(theme.get_focus_outer(), theme.get_background());
        assert!(ring >= 3.0, "focus ring {ring:.2}:1 against the page");
    }
    theme.set_high_contrast(false);
}

/// Keyboard only: arrows (mirrored in right-to-left) move between controls, Enter activates.
fn keyboard(kiosk: &Kiosk) {
    let key = |k: slint::platform::Key| {
        let text = slint::SharedString::from(k);
        kiosk
            .window()
            .window()
            .dispatch_event(slint::platform::WindowEvent::KeyPressed { text: text.clone() });
        kiosk
            .window()
            .window()
            .dispatch_event(slint::platform::WindowEvent::KeyReleased { text });
        wait_seconds(0);
        i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(20));
    };
    // The attract screen has the focus: Enter starts.
    key(slint::platform::Key::Return);
    assert!(
        kiosk.shows(&kiosk.catalog.text("en", "language-title")),
        "Enter did not start"
    );
    // On the language page the controls come in reading order: the header's Back, Listen,
    // Help and Finish, then the languages (Arabic first): five arrows forward reach Arabic.
    for _ in 0..5 {
        key(slint::platform::Key::DownArrow);
    }
    key(slint::platform::Key::Return);
    assert!(
        kiosk.shows(&kiosk.catalog.text("ar", "settings-title")),
        "arrows + Enter did not choose Arabic"
    );
    // Settings: Tab five times reaches Finish (Back, Listen, Help, Home, Finish); the up arrow
    // goes back one, to Home.
    for _ in 0..5 {
        key(slint::platform::Key::Tab);
    }
    key(slint::platform::Key::UpArrow);
    key(slint::platform::Key::Return);
    assert!(
        kiosk.shows(&kiosk.catalog.text("ar", "home-tile-services")),
        "Up + Enter did not reach Home"
    );
    kiosk.press(&kiosk.catalog.text("ar", "nav-finish"));
}

fn city_services(kiosk: &Kiosk) {
    kiosk.start();
    kiosk.press(&kiosk.t("home-tile-services"));
    // Search with a typo; English words work in every locale's index only through the content,
    // so each locale searches in its own words.
    let library = content::Bundle::sample()
        .unwrap()
        .service("library-card")
        .unwrap()
        .clone();
    let expected = library
        .text
        .get(kiosk.locale, "en")
        .unwrap()
        .value
        .name
        .clone();
    let expected = expected.as_str();
    // A typo in English; in Arabic, a spelling without the article and with ه for ة.
    let query = match kiosk.locale {
        "ar" => "مكتبه",
        _ => "libary",
    };
    kiosk.type_into(&kiosk.t("services-search-label"), query);
    kiosk.press(&kiosk.t("services-search-button"));
    kiosk.press(expected);
    assert!(
        kiosk.shows(&kiosk.t("service-bring")),
        "no 'what to bring' section"
    );
    // Send to my phone: a QR code on screen.
    kiosk.press(&kiosk.t("service-send-to-phone"));
    assert!(kiosk.shows(&kiosk.t("qr-title")));
    kiosk.press(&kiosk.t("qr-close"));
    // Print: the printer gets the service's details.
    kiosk.press(&kiosk.t("service-print"));
    kiosk.pump_until("the print notice", |k| k.shows(&k.t("notice-printed")));
    let printed = kiosk
        .devices
        .printed
        .lock()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    assert!(
        matches!(&printed, Printout::Service { title, link: Some(_), .. } if title == expected),
        "{printed:?}"
    );
    // Browse: back to the services, then a category.
    kiosk.press(&kiosk.t("nav-back"));
    kiosk.press(&kiosk.t("nav-back"));
    let bundle = content::Bundle::sample().unwrap();
    let housing = bundle
        .categories
        .iter()
        .find(|c| c.id == "housing")
        .unwrap();
    kiosk.press(&housing.name.get(kiosk.locale, "en").unwrap().value.clone());
    for service in bundle.services_in("housing") {
        kiosk.control(&service.text.get(kiosk.locale, "en").unwrap().value.name);
    }
    kiosk.finish();
}

/// Easy-read: a service page says what the service is in the content's short sentences and
/// leaves out the long sections.
fn easy_read(kiosk: &Kiosk) {
    kiosk.press(&kiosk.catalog.text("en", "attract-touch-to-start"));
    kiosk.press(kiosk.catalog.locale(kiosk.locale).unwrap().native_name());
    kiosk.press(&kiosk.t("settings-easy-read"));
    kiosk.press(&kiosk.t("settings-continue"));
    kiosk.press(&kiosk.t("home-tile-services"));
    let bundle = content::Bundle::sample().unwrap();
    let text = bundle
        .service("library-card")
        .unwrap()
        .text
        .get(kiosk.locale, "en")
        .unwrap()
        .value
        .clone();
    assert!(
        !text.easy.is_empty(),
        "[{}] no easy-read text",
        kiosk.locale
    );
    kiosk.type_into(&kiosk.t("services-search-label"), &text.name);
    kiosk.press(&kiosk.t("services-search-button"));
    kiosk.press(&text.name);
    assert!(
        kiosk.shows(&text.easy.join("\n")),
        "[{}] the easy-read sentences are not shown",
        kiosk.locale
    );
    assert!(
        !kiosk.shows(&kiosk.t("service-who")),
        "[{}] easy-read still shows who the service is for",
        kiosk.locale
    );
    kiosk.finish();
}

fn request_forms(kiosk: &Kiosk) {
    kiosk.start();
    kiosk.press(&kiosk.t("home-tile-services"));
    let bundle = content::Bundle::sample().unwrap();
    let category = bundle
        .categories
        .iter()
        .find(|c| c.id == "education")
        .unwrap();
    kiosk.press(&category.name.get(kiosk.locale, "en").unwrap().value.clone());
    kiosk.press(
        &bundle
            .service("library-card")
            .unwrap()
            .text
            .get(kiosk.locale, "en")
            .unwrap()
            .value
            .name
            .clone(),
    );
    kiosk.press(&kiosk.t("service-request"));
    // Submitting an empty form names what is missing.
    kiosk.press(&kiosk.t("form-submit"));
    assert!(kiosk.shows(&kiosk.t("form-fix-errors")));
    let form = content::Bundle::sample()
        .unwrap()
        .form("callback")
        .unwrap()
        .clone();
    let text = form.text.get(kiosk.locale, "en").unwrap().value.clone();
    let label = |id: &str| text.fields[id].label.clone();
    kiosk.press(&text.fields["topic"].options["housing"]);
    let name = match kiosk.locale {
        "ar" => "سارة",
        _ => "Ana Lopez",
    };
    kiosk.type_on_screen(&label("name"), name);
    kiosk.type_into(&label("phone"), "12");
    kiosk.press(&kiosk.t("form-submit"));
    assert!(
        kiosk.shows(&kiosk.t("form-error-phone")),
        "a bad phone number is explained"
    );
    // The phone box sits low on the page, under the error messages: it scrolls above the
    // keyboard, which turns into a phone keypad.
    kiosk.type_into(&label("phone"), "");
    kiosk.type_on_screen(&label("phone"), "555-0142");
    kiosk.press(&kiosk.t("form-submit"));
    // The reference number, on screen and on the ticket, with the offline note.
    assert!(
        kiosk.shows(&kiosk.t("submitted-offline")),
        "the kiosk is offline in this test"
    );
    kiosk.press(&kiosk.t("submitted-print"));
    kiosk.pump_until("the ticket", |k| k.shows(&k.t("notice-printed")));
    let printed = kiosk
        .devices
        .printed
        .lock()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    let Printout::Request {
        reference,
        offline_note,
        ..
    } = printed
    else {
        panic!("not a request ticket")
    };
    assert_eq!(reference.len(), 14);
    assert!(
        reference.parse::<kiosk::codes::Reference>().is_ok(),
        "{reference}"
    );
    assert!(offline_note.is_some());
    // The resident checks it at once, typing the reference on the on-screen keyboard: made
    // here, waiting to be sent (this kiosk is offline).
    kiosk.press(&kiosk.t("nav-home"));
    kiosk.press(&kiosk.t("home-check-request"));
    kiosk.type_on_screen(
        &kiosk.t("check-reference-label"),
        &reference.replace('-', ""),
    );
    kiosk.press(&kiosk.t("check-button"));
    kiosk.pump_until("where the request stands", |k| {
        k.shows(&k.t("check-status-waiting"))
    });
    assert!(kiosk.shows(&kiosk.t("check-source-here")));
    kiosk.finish();
    // Kept: the request, its personal fields sealed (the server's key opens them).
    kiosk.pump_until("the request on disk", |k| {
        !k.store().requests().unwrap().is_empty()
    });
    let requests = kiosk.store().requests().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].reference, reference);
    assert_eq!(
        requests[0].answers,
        BTreeMap::from([("topic".to_owned(), "housing".to_owned())])
    );
    let opened = kiosk
        .server_key
        .unseal(requests[0].sealed.as_ref().unwrap())
        .unwrap();
    let personal: BTreeMap<String, String> = serde_json::from_slice(&opened).unwrap();
    assert_eq!(personal["name"], name);
}

fn learn(kiosk: &Kiosk) {
    kiosk.start();
    kiosk.press(&kiosk.t("home-tile-learn"));
    kiosk.press(&kiosk.t("learn-new-code"));
    kiosk.press(&kiosk.t("learn-print-card"));
    kiosk.pump_until("the learner card", |k| k.shows(&k.t("notice-printed")));
    let Printout::LearnerCard { code, .. } = kiosk
        .devices
        .printed
        .lock()
        .unwrap()
        .last()
        .cloned()
        .unwrap()
    else {
        panic!("not a learner card")
    };
    let bundle = content::Bundle::sample().unwrap();
    let module = bundle.module("strong-passwords").unwrap().clone();
    let text = module.text.get(kiosk.locale, "en").unwrap().value.clone();
    kiosk.press(&text.title);
    for step in &module.step {
        assert!(
            kiosk.shows(&text.steps[&step.id].title),
            "step {} not shown",
            step.id
        );
        kiosk.press(&kiosk.t("learn-next"));
    }
    for item in &module.practice {
        let options = &text.practice[&item.id].options;
        assert!(
            !kiosk.shows(&kiosk.t("learn-next")),
            "Next shows before an answer"
        );
        kiosk.press(&options[item.correct[0] as usize]);
        // Feedback: right, with the explanation.
        let feedback = format!(
            "{} {}",
            kiosk.t("learn-right"),
            text.practice[&item.id].explanation
        );
        assert!(
            kiosk.shows(&feedback),
            "no feedback after a practice answer"
        );
        kiosk.press(&kiosk.t("learn-next"));
    }
    for question in &module.question {
        let options = &text.questions[&question.id].options;
        kiosk.press(&options[question.correct[0] as usize]);
        kiosk.press(&kiosk.t("learn-next"));
    }
    assert!(
        kiosk.shows(&kiosk.t("learn-passed-title")),
        "[{}] not passed",
        kiosk.locale
    );
    kiosk.press(&kiosk.t("learn-print-certificate"));
    kiosk.pump_until("the certificate", |k| {
        matches!(
            k.devices.printed.lock().unwrap().last(),
            Some(Printout::Certificate { .. })
        )
    });
    kiosk.finish();

    // Later: the learner code brings the progress back.
    kiosk.start();
    kiosk.press(&kiosk.t("home-tile-learn"));
    kiosk.type_into(&kiosk.t("learn-code-label"), "not a code");
    kiosk.press(&kiosk.t("learn-use-code"));
    assert!(kiosk.shows(&kiosk.t("learn-code-invalid")));
    kiosk.type_into(&kiosk.t("learn-code-label"), "");
    // Typed on the on-screen keyboard, which offers the code's characters in every language.
    kiosk.type_on_screen(&kiosk.t("learn-code-label"), &code.replace('-', ""));
    kiosk.press(&kiosk.t("learn-use-code"));
    let passed = kiosk.t("learn-status-passed");
    kiosk.pump_until("the stored progress", |k| {
        let modules = k.window().global::<kiosk::ui::LearnAdapter>().get_modules();
        slint::Model::iter(&modules).any(|m| m.passed && m.status == passed)
    });
    kiosk.finish();

    // Or the printed learner card, held to the scanner on the Learn page.
    kiosk.start();
    kiosk.press(&kiosk.t("home-tile-learn"));
    kiosk::ui::device_event(
        kiosk.window(),
        kiosk::devices::DeviceEvent::Scanned(code.clone()),
    );
    assert_eq!(
        kiosk
            .window()
            .global::<kiosk::ui::LearnAdapter>()
            .get_learner_code(),
        code.as_str()
    );
    kiosk.pump_until("the progress of the scanned card", |k| {
        let modules = k.window().global::<kiosk::ui::LearnAdapter>().get_modules();
        slint::Model::iter(&modules).any(|m| m.passed && m.status == passed)
    });
    kiosk.finish();
}

fn have_a_say(kiosk: &Kiosk) {
    kiosk.start();
    kiosk.press(&kiosk.t("home-tile-say"));
    let bundle = content::Bundle::sample().unwrap();
    let survey = bundle.surveys[0].clone();
    let text = survey.text.get(kiosk.locale, "en").unwrap().value.clone();
    kiosk.press(&text.title);
    for question in &survey.question {
        let question_text = &text.questions[&question.id];
        let label = match question.kind {
            content::SurveyAnswer::Scale => "4".to_owned(),
            _ => question_text.options[&question.options[0]].clone(),
        };
        kiosk.press(&label);
        kiosk.press(&kiosk.t("survey-next"));
    }
    assert!(kiosk.shows(&kiosk.t("thanks-survey")));
    // Rate a service, with a comment that names someone: it is sealed.
    kiosk.press(&kiosk.t("nav-home"));
    kiosk.press(&kiosk.t("home-tile-say"));
    let service = bundle
        .service("library-card")
        .unwrap()
        .text
        .get(kiosk.locale, "en")
        .unwrap()
        .value
        .name
        .clone();
    kiosk.press(&service);
    kiosk.press(&kiosk.t("rate-send"));
    assert!(
        kiosk.shows(&kiosk.t("rate-choose")),
        "sending without a rating is explained"
    );
    kiosk.press(&kiosk.t("rate-4"));
    kiosk.type_into(
        &format!("{} {}", kiosk.t("rate-comment"), kiosk.t("form-optional")),
        "Maria at the desk was kind",
    );
    kiosk.press(&kiosk.t("rate-send"));
    assert!(kiosk.shows(&kiosk.t("thanks-rating")));
    kiosk.finish();
    kiosk.pump_until("the feedback on disk", |k| {
        k.store().feedback().unwrap().len() == 2
    });
    let feedback = kiosk.store().feedback().unwrap();
    let rating = feedback
        .iter()
        .find(|f| f.kind == kiosk::store::FeedbackKind::Rating)
        .unwrap();
    assert_eq!(rating.answers["rating"], vec!["4".to_owned()]);
    assert!(rating.sealed_comment.is_some());
}

/// Staff mode: the "Staff" button and the PIN (a wrong one is refused), device statuses, sync
/// now, a test print and a learner card; a staff card scanned during a visit opens it too and
/// marks the visit as assisted, then the resident carries on where they were.
fn staff_mode(kiosk: &Kiosk) {
    let en = |id: &str| kiosk.catalog.text("en", id);
    kiosk.press(&en("attract-staff"));
    kiosk.type_into(&en("admin-pin-label"), "000000");
    kiosk.press(&en("admin-pin-enter"));
    // The PIN is checked on the staff gate's thread; the verdict comes back to the UI.
    kiosk.pump_until("a wrong PIN refused", |k| k.shows(&en("admin-pin-wrong")));
    assert_eq!(
        kiosk.window().global::<kiosk::ui::AppAdapter>().get_page(),
        kiosk::ui::Page::AdminPin
    );
    kiosk.type_into(&en("admin-pin-label"), STAFF_PIN);
    kiosk.press(&en("admin-pin-enter"));
    kiosk.pump_until("staff mode", |k| {
        k.window().global::<kiosk::ui::AppAdapter>().get_page() == kiosk::ui::Page::Admin
    });
    kiosk.check_screen();
    assert!(
        kiosk.shows("\u{2066}printer: ready\u{2069}"),
        "device statuses are listed"
    );
    assert!(
        kiosk.shows("\u{2066}scanner: simulated (no scanner found in /dev/input/by-id)\u{2069}"),
        "a simulated device says so"
    );
    assert!(kiosk.shows(&en("admin-offline")));
    // The sync facts `kiosk status` gives, on the screen: waiting, last success, bytes
    // today, the clock (five minutes off) and the last attempt.
    let lines: Vec<String> = slint::Model::iter(
        &kiosk
            .window()
            .global::<kiosk::ui::AdminAdapter>()
            .get_sync_lines(),
    )
    .map(|line| line.to_string())
    .collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(
        lines[0].contains("37") && lines[1].contains("2026-11-30"),
        "{lines:?}"
    );
    assert!(
        lines[3].contains("300") && lines[4].contains("sent 12 records"),
        "{lines:?}"
    );
    kiosk.press(&en("admin-force-sync"));
    assert_eq!(kiosk.syncs.load(std::sync::atomic::Ordering::Relaxed), 1);
    assert!(kiosk.shows(&en("admin-sync-asked")));
    kiosk.press(&en("admin-test-print"));
    kiosk.pump_until("the test print", |k| {
        matches!(k.devices.printed.lock().unwrap().last(), Some(Printout::Service { title, .. }) if *title == en("admin-test-print"))
    });
    kiosk.press(&en("admin-learner-card"));
    kiosk.pump_until("the learner card", |k| {
        matches!(
            k.devices.printed.lock().unwrap().last(),
            Some(Printout::LearnerCard { .. })
        )
    });
    assert!(
        kiosk.find_controls(&en("admin-assisted")).is_empty(),
        "no visit to mark"
    );
    // Enrolment: what is typed is checked before anything is sent; the worker's answers are
    // shown; a ticket scanned in staff mode enrols the kiosk.
    assert!(kiosk.shows(&en("admin-not-enrolled")));
    kiosk.press(&en("admin-enrol-button"));
    assert!(kiosk.shows(&en("admin-enrol-empty")));
    kiosk.type_into(&en("admin-enrol-label"), "not;a code");
    kiosk.press(&en("admin-enrol-button"));
    assert!(kiosk.shows(&en("admin-enrol-bad-code")));
    kiosk.type_into(
        &en("admin-enrol-label"),
        "KIOSK-ENROL https://10.0.0.5:8443 K7PQ",
    );
    kiosk.press(&en("admin-enrol-button"));
    assert!(kiosk.shows(&en("admin-enrol-bad-ticket")));
    assert!(
        kiosk.enrolments.lock().unwrap().is_empty(),
        "nothing sent yet"
    );
    kiosk.type_into(&en("admin-enrol-label"), "USED-CODE-0000");
    kiosk.press(&en("admin-enrol-button"));
    kiosk.pump_until("the refusal", |k| k.shows(&en("admin-enrol-refused")));
    kiosk.type_into(&en("admin-enrol-label"), "K7PQ-M3XZ-R9AB");
    kiosk.press(&en("admin-enrol-button"));
    kiosk.pump_until("the need for a ticket", |k| {
        k.shows(&en("admin-enrol-need-ticket"))
    });
    kiosk.check_screen();
    let ticket = format!(
        "KIOSK-ENROL https://10.0.0.5:8443 {} K7PQ-M3XZ-R9AB",
        "AB".repeat(32)
    );
    kiosk::ui::device_event(
        kiosk.window(),
        kiosk::devices::DeviceEvent::Scanned(ticket.clone()),
    );
    let enrolled_as = |id: &str| {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("kiosk", "K-0007");
        args.set("site", "Old Town Library");
        args.set("neighbourhood", "Old Town");
        kiosk.catalog.format("en", id, Some(&args))
    };
    kiosk.pump_until("the enrolment", |k| {
        k.shows(&enrolled_as("admin-enrol-done"))
    });
    assert!(kiosk.shows(&enrolled_as("admin-enrolled-as")));
    assert_eq!(
        kiosk.enrolments.lock().unwrap().last(),
        Some(&kiosk::sync::EnrolEntry::Ticket(ticket.parse().unwrap()))
    );
    assert_eq!(kiosk.enrolments.lock().unwrap().len(), 3);
    kiosk.press(&en("admin-exit"));
    assert!(kiosk.shows(&en("attract-touch-to-start")));

    // During a visit, a staff card opens staff mode in the resident's language.
    kiosk.start();
    kiosk.press(&kiosk.t("home-tile-learn"));
    kiosk::ui::device_event(
        kiosk.window(),
        kiosk::devices::DeviceEvent::Scanned(STAFF_CARD.into()),
    );
    kiosk.pump_until("staff mode by card", |k| k.shows(&k.t("admin-title")));
    kiosk.press(&kiosk.t("admin-assisted"));
    assert!(kiosk.shows(&kiosk.t("admin-assisted-done")));
    kiosk.press(&kiosk.t("admin-exit"));
    assert_eq!(
        kiosk.window().global::<kiosk::ui::AppAdapter>().get_page(),
        kiosk::ui::Page::Learn,
        "back where the resident was"
    );
    kiosk.finish();
    kiosk.pump_until("the assisted mark", |k| {
        k.events()
            .iter()
            .any(|e| e.kind == EventKind::StaffAssisted)
    });
    // Any other scanned code is not a staff card, and counts as a wrong try: with four wrong
    // PINs, it locks staff sign-in, and the sign-in page says so, even for the right PIN.
    kiosk.press(&en("attract-staff"));
    for _ in 0..4 {
        kiosk.type_into(&en("admin-pin-label"), "000000");
        kiosk.press(&en("admin-pin-enter"));
        kiosk.pump_until("a wrong PIN refused", |k| k.shows(&en("admin-pin-wrong")));
        kiosk
            .window()
            .global::<kiosk::ui::AdminAdapter>()
            .set_pin_message(Default::default());
    }
    kiosk::ui::device_event(
        kiosk.window(),
        kiosk::devices::DeviceEvent::Scanned("STAFF-SOMEONE-ELSE".into()),
    );
    let locked = {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("minutes", 1);
        kiosk.catalog.format("en", "admin-pin-locked", Some(&args))
    };
    kiosk.pump_until("the lockout", |k| k.shows(&locked));
    kiosk.type_into(&en("admin-pin-label"), STAFF_PIN);
    kiosk.press(&en("admin-pin-enter"));
    kiosk.pump_until("the lockout again", |k| {
        k.window()
            .global::<kiosk::ui::AdminAdapter>()
            .get_pin_message()
            == locked.as_str()
    });
    assert_eq!(
        kiosk.window().global::<kiosk::ui::AppAdapter>().get_page(),
        kiosk::ui::Page::AdminPin,
        "locked out, even with the right PIN"
    );
    kiosk.check_screen();
    kiosk.press(&en("nav-finish"));
    assert!(kiosk.shows(&en("attract-touch-to-start")));
}

/// Power and presence: a low battery dims the idle screen, someone coming up wakes it, nobody
/// around dims it again; a critical battery is announced on every screen and syncs at once.
fn power_and_presence(kiosk: &Kiosk) {
    use kiosk::devices::DeviceEvent;
    let app = kiosk.window().global::<kiosk::ui::AppAdapter>();
    let event = |e: DeviceEvent| kiosk::ui::device_event(kiosk.window(), e);
    assert_eq!(app.get_page(), kiosk::ui::Page::Attract);
    assert!(!app.get_dimmed());
    event(DeviceEvent::Power {
        low: true,
        critical: false,
    });
    assert!(app.get_dimmed(), "a low battery dims the idle screen");
    event(DeviceEvent::Presence(true));
    assert!(!app.get_dimmed(), "someone came up: awake");
    // In use, never dimmed, even when the sensor misses the resident.
    kiosk.start();
    event(DeviceEvent::Presence(false));
    assert!(!app.get_dimmed());
    let syncs = kiosk.syncs.load(std::sync::atomic::Ordering::Relaxed);
    event(DeviceEvent::Power {
        low: true,
        critical: true,
    });
    assert_eq!(
        kiosk.syncs.load(std::sync::atomic::Ordering::Relaxed),
        syncs + 1,
        "a critical battery syncs at once"
    );
    assert!(kiosk.shows(&kiosk.t("notice-battery-critical")));
    kiosk.finish();
    assert!(
        app.get_dimmed(),
        "back on the idle screen with nobody around"
    );
    assert!(kiosk.shows(&kiosk.catalog.text("en", "notice-battery-critical")));
    event(DeviceEvent::Power {
        low: false,
        critical: false,
    });
    event(DeviceEvent::Presence(true));
    assert!(!app.get_dimmed() && !app.get_battery_critical());
}

/// After all of that: nothing personal on disk in clear, events anonymous and well formed.
fn nothing_personal_remains(kiosk: &Kiosk) {
    assert_eq!(
        kiosk.ui.remembered(),
        "",
        "the UI still holds something about a resident"
    );
    drop(kiosk.store());
    let mut bytes = std::fs::read(&kiosk.database).unwrap();
    if let Ok(wal) = std::fs::read(kiosk.database.with_extension("sqlite3-wal")) {
        bytes.extend(wal);
    }
    for secret in [
        "Ana Lopez",
        "555 0142",
        "Maria at the desk",
        "libary",
        "مكتبه",
    ] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret:?} is on disk in clear"
        );
    }
    let events = kiosk.events();
    assert!(events.len() > 20);
    for event in &events {
        event.validate().unwrap();
        let json = serde_json::to_string(event).unwrap();
        for secret in ["Ana", "سارة", "555 0142", "5550142", "Maria", "libary"] {
            assert!(!json.contains(secret), "{json}");
        }
    }
}

/// The screen keeps answering while espeak-ng is slow. A stand-in espeak-ng never reads what
/// it is given and ends only when the test says; the text is longer than a pipe holds, so
/// handing it over waits for the program. The kiosk's device worker does that waiting: the
/// resident moves on to City services meanwhile.
fn a_slow_voice_never_holds_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let marks = dir.path();
    let program = marks.join("espeak-ng");
    std::fs::write(
        &program,
        format!(
            "#!/bin/sh\n\
             if [ \"$1\" = \"--voices\" ]; then\n\
             echo 'Pty Language       Age/Gender VoiceName          File                 Other Languages'\n\
             echo ' 5  en              --/M      English            gmw/en'\n\
             exit 0\n\
             fi\n\
             touch '{m}/started'\n\
             i=0\n\
             while [ ! -e '{m}/release' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n\
             touch '{m}/finished'\n",
            m = marks.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(
        &program,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let config = hardware::HardwareConfig::parse(
        &format!(
            "[printer]\ndriver = \"simulated\"\n[speech]\ndriver = \"espeak-ng\"\nprogram = {:?}\n",
            program.display().to_string()
        ),
        std::path::Path::new("hardware.toml"),
    )
    .unwrap();
    let devices =
        Rc::new(kiosk::hardware_devices::HardwareDevices::start(&config, |_| {}).unwrap());
    assert!(
        devices.can_speak("en"),
        "the stand-in espeak-ng has an English voice"
    );
    let kiosk = Kiosk::with_devices("en", Recording::default(), devices.clone());
    kiosk.start();
    devices.speak(&"word ".repeat(40_000), "en");
    let until = |mark: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !marks.join(mark).exists() {
            assert!(Instant::now() < deadline, "espeak-ng never {mark}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    until("started");
    kiosk.press(&kiosk.t("home-tile-services"));
    assert!(kiosk.shows(&kiosk.t("services-search-label")));
    assert!(
        !marks.join("finished").exists(),
        "the screen answered only once espeak-ng had finished"
    );
    std::fs::write(marks.join("release"), b"").unwrap();
    until("finished");
    kiosk.finish();
}

#[test]
fn every_journey_in_english_and_arabic_offline() {
    let fonts = tempfile::tempdir().unwrap();
    common::use_kiosk_fonts(fonts.path()).unwrap();
    i_slint_backend_testing::init_integration_test_with_mock_time();
    for locale in ["en", "ar"] {
        let kiosk = Kiosk::new(locale);
        colours(&kiosk);
        start_and_leave(&kiosk);
        keyboard(&kiosk);
        city_services(&kiosk);
        easy_read(&kiosk);
        request_forms(&kiosk);
        learn(&kiosk);
        have_a_say(&kiosk);
        staff_mode(&kiosk);
        power_and_presence(&kiosk);
        nothing_personal_remains(&kiosk);
    }
    a_slow_voice_never_holds_the_screen();
}
