//! The Slint window and the Rust controller behind it: fills each page's adapter global from
//! the catalog and the session, and turns the resident's taps into session events. Nothing
//! here touches the disk or the network: events go to an [`EventSink`], which hands them to
//! another thread.

pub mod fonts;
pub mod snapshot;

use std::cell::RefCell;
use std::rc::Rc;

use slint::{ComponentHandle as _, ModelRc, SharedString, VecModel};
use wire::{EndReason, Tile};

use crate::i18n::{Catalog, REFERENCE_LOCALE};
use crate::session::{EventSink, SessionController};

/// Code generated from `ui/*.slint` and `locales/en` by the build script.
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::todo, missing_docs)]
mod generated {
    slint::include_modules!();
    include!(concat!(env!("OUT_DIR"), "/strings.rs"));
}

pub use generated::*;

/// The kiosk UI: a window plus the state behind it.
pub struct KioskUi {
    window: KioskWindow,
    _state: Rc<RefCell<UiState>>,
}

struct UiState {
    catalog: Rc<Catalog>,
    families: &'static [fonts::EmbeddedFamily],
    visits: SessionController<Box<dyn EventSink>>,
    locale: String,
}

impl KioskUi {
    /// Builds the window on the attract screen. `sink` receives the visit's events; `clock`
    /// gives Unix seconds.
    pub fn new(
        catalog: Rc<Catalog>,
        sink: Box<dyn EventSink>,
        clock: impl Fn() -> i64 + 'static,
    ) -> Result<KioskUi, slint::PlatformError> {
        let families = fonts::register();
        let window = KioskWindow::new()?;
        let state = Rc::new(RefCell::new(UiState {
            catalog,
            families,
            visits: SessionController::new(sink, clock),
            locale: REFERENCE_LOCALE.to_owned(),
        }));
        fill_static_models(&window, &state.borrow());
        apply_locale(&window, &state.borrow());
        wire_callbacks(&window, &state);
        Ok(KioskUi {
            window,
            _state: state,
        })
    }

    /// The Slint window.
    pub fn window(&self) -> &KioskWindow {
        &self.window
    }
}

impl Drop for KioskUi {
    /// Hides the window so Slint lets go of it: the controller, and with it the event sink,
    /// are dropped with the UI (the recorder then writes what it still holds).
    fn drop(&mut self) {
        if let Err(error) = self.window.hide() {
            tracing::warn!(%error, "cannot hide the kiosk window");
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
fn apply_locale(window: &KioskWindow, state: &UiState) {
    let (catalog, tag) = (&state.catalog, state.locale.as_str());
    fill_strings(&window.global::<Strings>(), |id| catalog.text(tag, id));
    let theme = window.global::<Theme>();
    theme.set_rtl(catalog.locale(tag).is_some_and(|locale| locale.is_rtl()));
    theme.set_font_family(fonts::family_for_script(state.families, &fonts::script_of(tag)).into());
    let tiles: Vec<TileItem> = Tile::ALL
        .iter()
        .map(|tile| {
            let (title, hint) = tile_message_ids(*tile);
            TileItem {
                id: tile.id().into(),
                title: catalog.text(tag, title).into(),
                hint: catalog.text(tag, hint).into(),
            }
        })
        .collect();
    window
        .global::<HomeAdapter>()
        .set_tiles(ModelRc::new(VecModel::from(tiles)));
}

fn tile_message_ids(tile: Tile) -> (&'static str, &'static str) {
    match tile {
        Tile::Services => ("home-tile-services", "home-tile-services-hint"),
        Tile::Learn => ("home-tile-learn", "home-tile-learn-hint"),
        Tile::HaveASay => ("home-tile-say", "home-tile-say-hint"),
    }
}

fn wire_callbacks(window: &KioskWindow, state: &Rc<RefCell<UiState>>) {
    // Every callback gets a weak window handle and the shared state.
    let on = |f: fn(&KioskWindow, &mut UiState, SharedString)| {
        let weak = window.as_weak();
        let state = state.clone();
        move |argument: SharedString| {
            if let Some(window) = weak.upgrade() {
                f(&window, &mut state.borrow_mut(), argument);
            }
        }
    };

    let start = on(|window, state, _| {
        state.visits.start();
        window.global::<AppAdapter>().set_page(Page::Language);
    });
    window
        .global::<AttractAdapter>()
        .on_start(move || start(SharedString::new()));

    window
        .global::<LanguageAdapter>()
        .on_choose(on(|window, state, tag| {
            if state.catalog.locale(&tag).is_none() {
                tracing::warn!(%tag, "ignoring a language the kiosk does not ship");
                return;
            }
            state.visits.choose_language(&tag);
            state.locale = tag.to_string();
            apply_locale(window, state);
            window.global::<AppAdapter>().set_page(Page::Home);
        }));

    let back = on(|window, state, _| end_visit(window, state, EndReason::Finished));
    window
        .global::<LanguageAdapter>()
        .on_back(move || back(SharedString::new()));

    let home = window.global::<HomeAdapter>();
    home.on_open_tile(on(|window, state, id| {
        let Some(tile) = Tile::from_id(&id) else {
            return;
        };
        state.visits.open_tile(tile);
        let (title, _) = tile_message_ids(tile);
        window
            .global::<HomeAdapter>()
            .set_open_tile_title(state.catalog.text(&state.locale, title).into());
        window.global::<AppAdapter>().set_page(Page::NotReady);
    }));
    let change_language = on(|window, _, _| window.global::<AppAdapter>().set_page(Page::Language));
    home.on_change_language(move || change_language(SharedString::new()));
    let finish = on(|window, state, _| end_visit(window, state, EndReason::Finished));
    home.on_finish(move || finish(SharedString::new()));
    let back_home = on(|window, _, _| window.global::<AppAdapter>().set_page(Page::Home));
    home.on_back_home(move || back_home(SharedString::new()));
}

/// Ends the visit: records it, forgets it, and resets the screen for the next resident.
fn end_visit(window: &KioskWindow, state: &mut UiState, reason: EndReason) {
    state.visits.finish(reason);
    state.locale = REFERENCE_LOCALE.to_owned();
    apply_locale(window, state);
    window.global::<AppAdapter>().set_page(Page::Attract);
}
