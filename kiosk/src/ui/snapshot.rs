//! Rendering the kiosk's screens to images without any display: Slint's software renderer
//! draws into memory, using only the fonts the kiosk carries. Used by `kiosk screenshots`
//! (for reviewers, translators and documentation) and by tests that look at pixels.

use std::path::Path;
use std::rc::Rc;

use slint::platform::software_renderer::{MinimalSoftwareWindow, RepaintBufferType};
use slint::platform::{Platform, WindowAdapter};
use slint::{ComponentHandle as _, PhysicalSize, PlatformError, Rgb8Pixel, SharedPixelBuffer};

use super::{AppAdapter, AttractAdapter, HomeAdapter, KioskUi, LanguageAdapter, Page};

/// A screen of the kiosk, reached the way a resident reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// "Touch the screen to start".
    Attract,
    /// The language picker.
    Language,
    /// The three tiles.
    Home,
    /// A part not built yet (opened from the first tile).
    NotReady,
}

impl Screen {
    /// Every screen, in journey order.
    pub const ALL: [Screen; 4] = [
        Screen::Attract,
        Screen::Language,
        Screen::Home,
        Screen::NotReady,
    ];

    /// A file-name-friendly name.
    pub fn name(self) -> &'static str {
        match self {
            Screen::Attract => "attract",
            Screen::Language => "language",
            Screen::Home => "home",
            Screen::NotReady => "not-ready",
        }
    }
}

struct OffscreenPlatform(Rc<MinimalSoftwareWindow>);

impl Platform for OffscreenPlatform {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, PlatformError> {
        Ok(self.0.clone())
    }
}

/// An offscreen window. Only one per process: it becomes Slint's platform.
pub struct Offscreen {
    window: Rc<MinimalSoftwareWindow>,
}

impl Offscreen {
    /// Makes the offscreen window Slint's platform; call before creating the UI.
    pub fn install() -> Result<Offscreen, PlatformError> {
        let window = MinimalSoftwareWindow::new(RepaintBufferType::NewBuffer);
        slint::platform::set_platform(Box::new(OffscreenPlatform(window.clone())))
            .map_err(|e| PlatformError::Other(format!("cannot render offscreen: {e}")))?;
        Ok(Offscreen { window })
    }

    /// Walks `ui` to `screen` in `locale` (from wherever it is), then renders it at `size`.
    pub fn render(
        &self,
        ui: &KioskUi,
        screen: Screen,
        locale: &str,
        size: (u32, u32),
    ) -> SharedPixelBuffer<Rgb8Pixel> {
        go_to(ui, screen, locale);
        self.window.set_size(PhysicalSize::new(size.0, size.1));
        slint::platform::update_timers_and_animations();
        let mut buffer = SharedPixelBuffer::<Rgb8Pixel>::new(size.0, size.1);
        self.window.request_redraw();
        self.window.draw_if_needed(|renderer| {
            renderer.render(buffer.make_mut_slice(), size.0 as usize);
        });
        buffer
    }
}

/// Drives the UI through its adapters exactly as taps would.
fn go_to(ui: &KioskUi, screen: Screen, locale: &str) {
    let window = ui.window();
    let page = window.global::<AppAdapter>().get_page();
    if page != Page::Attract {
        window.global::<HomeAdapter>().invoke_finish();
    }
    if screen == Screen::Attract {
        return;
    }
    window.global::<AttractAdapter>().invoke_start();
    if screen == Screen::Language {
        // The picker in the chosen language: choose it, then come back to the picker.
        window
            .global::<LanguageAdapter>()
            .invoke_choose(locale.into());
        window.global::<HomeAdapter>().invoke_change_language();
        return;
    }
    window
        .global::<LanguageAdapter>()
        .invoke_choose(locale.into());
    if screen == Screen::NotReady {
        window
            .global::<HomeAdapter>()
            .invoke_open_tile(wire::Tile::Services.id().into());
    }
}

/// Writes an RGB image as PNG.
pub fn write_png(buffer: &SharedPixelBuffer<Rgb8Pixel>, path: &Path) -> std::io::Result<()> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut encoder = png::Encoder::new(file, buffer.width(), buffer.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
    writer
        .write_image_data(buffer.as_bytes())
        .map_err(std::io::Error::other)?;
    writer.finish().map_err(std::io::Error::other)
}
