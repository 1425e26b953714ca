//! The Slint window and the Rust controllers behind it: one module per journey fills that
//! journey's adapter global from content and state, and turns the resident's taps into state
//! changes, anonymous events and kept records. Nothing here touches the disk, the network or
//! a device directly: events and records go to a [`Journal`], printing and speech to
//! [`Devices`], each of which works on another thread.

mod admin;
mod check;
pub use admin::StaffParts;
pub mod fonts;
mod forms;
mod icons;
mod idle;
mod keyboard;
mod learn;
mod listen;
mod say;
mod services;
pub mod snapshot;
mod state;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use slint::{ComponentHandle as _, ModelRc, VecModel};
use wire::{AccessibilityFeature, EndReason, EventKind, Tile};

use crate::devices::Devices;
use crate::i18n::{Catalog, REFERENCE_LOCALE};
use crate::session::Journal;
pub use idle::IdleSettings;
use state::UiState;

/// Code generated from `ui/*.slint` and `locales/en` by the build script.
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::todo, missing_docs)]
mod generated {
    slint::include_modules!();
    include!(concat!(env!("OUT_DIR"), "/strings.rs"));
}

pub use generated::*;

/// What the UI needs from the rest of the kiosk.
pub struct UiParts {
    /// UI strings in every language.
    pub catalog: Rc<Catalog>,
    /// Services, forms, modules and surveys.
    pub content: Rc<content::Bundle>,
    /// Where events and records go.
    pub journal: Box<dyn Journal>,
    /// Printer and voice.
    pub devices: Rc<dyn Devices>,
    /// The server's key for residents' personal data (empty until the kiosk has it).
    pub sealing_key: crate::sealing::SharedSealingKey,
    /// True while the sync worker can reach the server.
    pub online: Arc<AtomicBool>,
    /// Fetches a learner's progress from other kiosks through the server, when online.
    pub pull_learner: Option<crate::sync::LearnerPuller>,
    /// Asks the server where a resident's request stands, when online.
    pub check_request: Option<crate::sync::RequestChecker>,
    /// Staff mode: what unlocks it, device statuses, "sync now".
    pub staff: StaffParts,
    /// Unix seconds.
    pub clock: Box<dyn Fn() -> i64>,
    /// When to warn and when to reset an idle screen.
    pub idle: IdleSettings,
}

/// The kiosk UI: a window plus the state behind it.
pub struct KioskUi {
    window: KioskWindow,
    state: Rc<RefCell<UiState>>,
    _idle: idle::IdleTimer,
}

impl KioskUi {
    /// Builds the window on the attract screen.
    pub fn new(parts: UiParts) -> Result<KioskUi, slint::PlatformError> {
        let families = fonts::register();
        let window = KioskWindow::new()?;
        let idle_settings = parts.idle;
        let state = Rc::new(RefCell::new(UiState::new(parts, families)));
        CURRENT.with(|current| *current.borrow_mut() = Rc::downgrade(&state));
        fill_static_models(&window, &state.borrow());
        apply_locale(&window, &state.borrow());
        apply_settings(&window, &state.borrow());
        wire_app(&window, &state);
        admin::wire(&window, &state);
        services::wire(&window, &state);
        forms::wire(&window, &state);
        learn::wire(&window, &state);
        say::wire(&window, &state);
        check::wire(&window, &state);
        keyboard::wire(&window, &state);
        let idle = idle::IdleTimer::start(&window, &state, idle_settings);
        Ok(KioskUi {
            window,
            state,
            _idle: idle,
        })
    }

    /// The Slint window.
    pub fn window(&self) -> &KioskWindow {
        &self.window
    }

    /// True while a visit is under way (for tests and the status of the kiosk).
    pub fn visit_active(&self) -> bool {
        self.state.borrow().visits.is_active()
    }

    /// A description of what the UI still holds about the current visit, for tests that
    /// check nothing survives "Finish".
    pub fn remembered(&self) -> String {
        self.state.borrow().remembered()
    }
}

impl Drop for KioskUi {
    /// Hides the window so Slint lets go of it: the controller, and with it the journal, are
    /// dropped with the UI (the recorder then writes what it still holds).
    fn drop(&mut self) {
        if let Err(error) = self.window.hide() {
            tracing::warn!(%error, "cannot hide the kiosk window");
        }
    }
}

thread_local! {
    /// The UI state of this thread's kiosk window, for work that comes back from another
    /// thread (a learner's progress read from disk) and has only the window.
    static CURRENT: RefCell<std::rc::Weak<RefCell<UiState>>> = const { RefCell::new(std::rc::Weak::new()) };
}

/// Runs `f` with the UI state, if the UI still exists and is not busy.
pub(crate) fn with_state(f: impl FnOnce(&mut UiState)) {
    let state = CURRENT.with(|current| current.borrow().upgrade());
    if let Some(state) = state
        && let Ok(mut state) = state.try_borrow_mut()
    {
        f(&mut state);
    }
}

/// Makes a callback handler with a weak window handle and the shared state, marking activity
/// for the idle timer on every call.
pub(crate) fn handler<A: 'static>(
    window: &KioskWindow,
    state: &Rc<RefCell<UiState>>,
    f: impl Fn(&KioskWindow, &mut UiState, A) + 'static,
) -> impl Fn(A) + 'static {
    let weak = window.as_weak();
    let state = state.clone();
    move |argument: A| {
        if let Some(window) = weak.upgrade() {
            let Ok(mut state) = state.try_borrow_mut() else {
                tracing::warn!("ignoring a UI callback made while another one runs");
                return;
            };
            state.idle_seconds = 0;
            f(&window, &mut state, argument);
        }
    }
}

/// Models that do not change with the language: the attract lines and the language list.
fn fill_static_models(window: &KioskWindow, state: &UiState) {
    let catalog = &state.catalog;
    let family_of = |tag: &str| fonts::family_for_script(state.families, &fonts::script_of(tag));
    // The attract screen starts with the reference language, then cycles through the others.
    let mut tags: Vec<&str> = catalog.locales().iter().map(|l| l.tag()).collect();
    tags.sort_by_key(|tag| *tag != REFERENCE_LOCALE);
    let lines: Vec<AttractLine> = tags
        .iter()
        .map(|tag| AttractLine {
            welcome: catalog.text(tag, "attract-welcome").into(),
            touch_to_start: catalog.text(tag, "attract-touch-to-start").into(),
            font_family: family_of(tag).into(),
        })
        .collect();
    window
        .global::<AttractAdapter>()
        .set_lines(ModelRc::new(VecModel::from(lines)));
    let languages: Vec<LanguageOption> = catalog
        .locales()
        .iter()
        .map(|locale| LanguageOption {
            tag: locale.tag().into(),
            name: locale.native_name().into(),
            font_family: family_of(locale.tag()).into(),
        })
        .collect();
    window
        .global::<LanguageAdapter>()
        .set_languages(ModelRc::new(VecModel::from(languages)));
}

/// Re-renders every text in the current locale, with its direction and font.
pub(crate) fn apply_locale(window: &KioskWindow, state: &UiState) {
    let (catalog, tag) = (&state.catalog, state.locale.as_str());
    fill_strings(&window.global::<Strings>(), |id| catalog.text(tag, id));
    let theme = window.global::<Theme>();
    theme.set_rtl(catalog.locale(tag).is_some_and(|locale| locale.is_rtl()));
    theme.set_font_family(fonts::family_for_script(state.families, &fonts::script_of(tag)).into());
    let tiles: Vec<TileItem> = Tile::ALL
        .iter()
        .map(|tile| {
            let (title, hint, icon) = match tile {
                Tile::Services => ("home-tile-services", "home-tile-services-hint", "documents"),
                Tile::Learn => ("home-tile-learn", "home-tile-learn-hint", "learn"),
                Tile::HaveASay => ("home-tile-say", "home-tile-say-hint", "say"),
            };
            TileItem {
                id: tile.id().into(),
                title: catalog.text(tag, title).into(),
                hint: catalog.text(tag, hint).into(),
                icon: icons::icon(icon),
            }
        })
        .collect();
    window
        .global::<HomeAdapter>()
        .set_tiles(ModelRc::new(VecModel::from(tiles)));
    services::fill_categories(window, state);
    keyboard::fill(window, state);
}

/// Shows the resident's accessibility settings.
pub(crate) fn apply_settings(window: &KioskWindow, state: &UiState) {
    let settings = &state.settings;
    let theme = window.global::<Theme>();
    theme.set_text_scale(f32::from(settings.text_percent) / 100.0);
    theme.set_high_contrast(settings.high_contrast);
    theme.set_easy_read(settings.easy_read);
    let adapter = window.global::<SettingsAdapter>();
    adapter.set_text_percent(i32::from(settings.text_percent));
    adapter.set_high_contrast(settings.high_contrast);
    adapter.set_read_aloud(settings.read_aloud);
    adapter.set_easy_read(settings.easy_read);
}

/// Goes to `page`, remembering where we were for "Back".
pub(crate) fn go(window: &KioskWindow, state: &mut UiState, page: Page) {
    let app = window.global::<AppAdapter>();
    let current = app.get_page();
    if current != page {
        state.history.push(current);
    }
    show(window, state, page);
}

/// Shows `page` without touching the history.
pub(crate) fn show(window: &KioskWindow, state: &mut UiState, page: Page) {
    let app = window.global::<AppAdapter>();
    app.set_page(page);
    if page != Page::Attract {
        window.invoke_reset_focus();
    }
    app.set_can_go_back(!matches!(page, Page::Attract | Page::Home) && !state.history.is_empty());
    app.set_notice(Default::default());
    apply_power_look(window, state);
    if state.settings.read_aloud && page != Page::Attract {
        listen::speak_screen(window, state);
    }
}

/// Connects every callback of the window to its controller, journey by journey.
fn wire_app(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    wire_start(window, state);
    wire_settings(window, state);
    wire_home(window, state);
    wire_navigation(window, state);
}

/// Starting a visit: the attract screen, then the language.
fn wire_start(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    let start = handler(window, state, |window, state, ()| {
        state.visits.start();
        go(window, state, Page::Language);
    });
    window
        .global::<AttractAdapter>()
        .on_start(move || start(()));

    window.global::<LanguageAdapter>().on_choose(handler(
        window,
        state,
        |window, state, tag: slint::SharedString| {
            if state.catalog.locale(&tag).is_none() {
                tracing::warn!(%tag, "ignoring a language the kiosk does not ship");
                return;
            }
            state.visits.choose_language(&tag);
            state.locale = tag.to_string();
            state.invalidate_locale_caches();
            apply_locale(window, state);
            // First choice of the visit: the quick settings next. Changing language later: back
            // to where the resident was.
            if state.settings_seen {
                go(window, state, Page::Home);
            } else {
                go(window, state, Page::Settings);
            }
        },
    ));
}

/// The quick settings (text size, contrast, read aloud, easy read).
fn wire_settings(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    let settings = window.global::<SettingsAdapter>();
    let change = |f: fn(&mut UiState) -> Option<AccessibilityFeature>| {
        handler(
            window,
            state,
            move |window: &KioskWindow, state: &mut UiState, ()| {
                if let Some(feature) = f(state)
                    && state.features_used.insert(feature)
                {
                    state
                        .visits
                        .record(EventKind::AccessibilityUsed { feature });
                }
                apply_settings(window, state);
            },
        )
    };
    let bigger = change(|state| {
        state.settings.text_percent = (state.settings.text_percent + 25).min(200);
        (state.settings.text_percent > 100).then_some(AccessibilityFeature::LargeText)
    });
    settings.on_text_bigger(move || bigger(()));
    let smaller = change(|state| {
        state.settings.text_percent = state.settings.text_percent.saturating_sub(25).max(100);
        None
    });
    settings.on_text_smaller(move || smaller(()));
    let contrast = change(|state| {
        state.settings.high_contrast = !state.settings.high_contrast;
        state
            .settings
            .high_contrast
            .then_some(AccessibilityFeature::HighContrast)
    });
    settings.on_toggle_high_contrast(move || contrast(()));
    let aloud = change(|state| {
        state.settings.read_aloud = !state.settings.read_aloud;
        state
            .settings
            .read_aloud
            .then_some(AccessibilityFeature::ReadAloud)
    });
    settings.on_toggle_read_aloud(move || aloud(()));
    let easy = change(|state| {
        state.settings.easy_read = !state.settings.easy_read;
        state
            .settings
            .easy_read
            .then_some(AccessibilityFeature::EasyRead)
    });
    settings.on_toggle_easy_read(move || easy(()));
    let done = handler(window, state, |window, state, ()| {
        state.settings_seen = true;
        state.history.clear();
        go(window, state, Page::Home);
    });
    settings.on_done(move || done(()));
}

/// The home screen: the three tiles and the language button.
fn wire_home(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    window.global::<HomeAdapter>().on_open_tile(handler(
        window,
        state,
        |window, state, id: slint::SharedString| {
            let Some(tile) = Tile::from_id(&id) else {
                return;
            };
            state.visits.open_tile(tile);
            match tile {
                Tile::Services => go(window, state, Page::Services),
                Tile::Learn => learn::open(window, state),
                Tile::HaveASay => say::open(window, state),
            }
        },
    ));

    let change_language = handler(window, state, |window, state, ()| {
        go(window, state, Page::Language)
    });
    window
        .global::<HomeAdapter>()
        .on_change_language(move || change_language(()));
}

/// What every page has: back, home, finish, help, read aloud, the idle warning and keyboard arrows.
fn wire_navigation(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    let app = window.global::<AppAdapter>();
    let back = handler(window, state, |window, state, ()| {
        match state.history.pop() {
            Some(Page::Attract) | None => show(window, state, Page::Home),
            Some(page) => show(window, state, page),
        }
    });
    app.on_back(move || back(()));
    let home = handler(window, state, |window, state, ()| {
        state.history.clear();
        show(window, state, Page::Home);
    });
    app.on_home(move || home(()));
    let finish = handler(window, state, |window, state, ()| {
        end_visit(window, state, EndReason::Finished)
    });
    app.on_finish(move || finish(()));
    let help = handler(window, state, |window, _, ()| {
        let app = window.global::<AppAdapter>();
        app.set_help_open(!app.get_help_open());
    });
    app.on_toggle_help(move || help(()));
    let listen = handler(window, state, |window, state, ()| {
        if state.features_used.insert(AccessibilityFeature::ReadAloud) {
            state.visits.record(EventKind::AccessibilityUsed {
                feature: AccessibilityFeature::ReadAloud,
            });
        }
        listen::speak_screen(window, state);
    });
    app.on_listen(move || listen(()));
    let still_here = handler(window, state, |window, _, ()| {
        window.global::<AppAdapter>().set_idle_warning(false)
    });
    app.on_still_here(move || still_here(()));
    let activity = handler(window, state, |_, _, ()| {});
    app.on_activity(move || activity(()));
    app.on_arrow(handler(window, state, |window, state, forward: bool| {
        if state.features_used.insert(AccessibilityFeature::Keyboard) {
            state.visits.record(EventKind::AccessibilityUsed {
                feature: AccessibilityFeature::Keyboard,
            });
        }
        // After this key event is handled, a Tab (or Shift-Tab) moves the focus.
        let weak = window.as_weak();
        slint::Timer::single_shot(std::time::Duration::ZERO, move || {
            let Some(window) = weak.upgrade() else { return };
            let key = slint::SharedString::from(if forward {
                slint::platform::Key::Tab
            } else {
                slint::platform::Key::Backtab
            });
            let slint_window = window.window();
            slint_window
                .dispatch_event(slint::platform::WindowEvent::KeyPressed { text: key.clone() });
            slint_window.dispatch_event(slint::platform::WindowEvent::KeyReleased { text: key });
        });
    }));
}

/// Acts on a peripheral's report; call on the UI thread (e.g. through
/// `slint::Weak::upgrade_in_event_loop`).
pub fn device_event(window: &KioskWindow, event: crate::devices::DeviceEvent) {
    with_state(|state| match event {
        crate::devices::DeviceEvent::Scanned(code) => admin::scanned(window, state, &code),
        crate::devices::DeviceEvent::Presence(here) => {
            state.someone_here = Some(here);
            apply_power_look(window, state);
        }
        crate::devices::DeviceEvent::Power { low, critical } => {
            state.low_battery = low;
            let app = window.global::<AppAdapter>();
            if critical && !app.get_battery_critical() {
                // Get out what can still be sent before the power goes.
                if let Some(sync) = &state.staff.force_sync {
                    sync();
                }
            }
            app.set_battery_critical(critical);
            apply_power_look(window, state);
        }
    });
}

/// Dims the idle screen on a low battery or when the presence sensor sees nobody, and wakes
/// it when someone comes up to the kiosk. Screens in use are never dimmed.
pub(crate) fn apply_power_look(window: &KioskWindow, state: &UiState) {
    let app = window.global::<AppAdapter>();
    let idle = app.get_page() == Page::Attract;
    let dimmed = idle
        && match state.someone_here {
            Some(true) => false,
            Some(false) => true,
            None => state.low_battery,
        };
    app.set_dimmed(dimmed);
}

/// Prints in the background; says on screen how it went.
pub(crate) fn print(window: &KioskWindow, state: &UiState, printout: crate::devices::Printout) {
    let weak = window.as_weak();
    let printed = state.text("notice-printed");
    let problem = state.text("notice-printer-problem");
    state.devices.print(
        printout,
        &state.locale,
        Box::new(move |outcome| {
            let message = match outcome {
                Ok(()) => printed,
                Err(error) => {
                    tracing::warn!(%error, "printing failed");
                    problem
                }
            };
            let _ = weak.upgrade_in_event_loop(move |window| {
                window.global::<AppAdapter>().set_notice(message.into());
            });
        }),
    );
}

/// Ends the visit: records it, forgets everything about the resident, and resets the screen
/// (language, settings, every page's data) for the next one.
pub(crate) fn end_visit(window: &KioskWindow, state: &mut UiState, reason: EndReason) {
    state.visits.finish(reason);
    state.forget_visit();
    state.devices.stop_speaking();
    state.devices.reset_for_new_session();
    apply_locale(window, state);
    apply_settings(window, state);
    services::clear(window);
    forms::clear(window);
    learn::clear(window);
    say::clear(window);
    check::clear(window);
    let app = window.global::<AppAdapter>();
    app.set_help_open(false);
    app.set_idle_warning(false);
    show(window, state, Page::Attract);
}
