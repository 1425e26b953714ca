//! Rendering the kiosk's screens to images without any display: Slint's software renderer
//! draws into memory, using only the fonts the kiosk carries. Used by `kiosk screenshots`
//! (for reviewers, translators and documentation) and by tests that look at pixels.

use std::path::Path;
use std::rc::Rc;

use slint::platform::software_renderer::{MinimalSoftwareWindow, RepaintBufferType};
use slint::platform::{Platform, WindowAdapter};
use slint::{ComponentHandle as _, PhysicalSize, PlatformError, Rgb8Pixel, SharedPixelBuffer};

use super::{
    AppAdapter, AttractAdapter, HomeAdapter, KioskUi, LanguageAdapter, LearnAdapter, SayAdapter,
    ServicesAdapter, SettingsAdapter,
};

/// A screen of the kiosk, reached the way a resident reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// "Touch the screen to start".
    Attract,
    /// The language picker.
    Language,
    /// Accessibility quick settings.
    Settings,
    /// The three tiles.
    Home,
    /// City services: search and categories.
    Services,
    /// The services of the first category.
    ServiceList,
    /// The first service of the first category.
    Service,
    /// The request form of the first service that has one.
    Form,
    /// The modules and the learner code.
    Learn,
    /// The first step of the first module.
    Lesson,
    /// Have a say.
    Say,
    /// The first question of the survey.
    Survey,
    /// Staff sign-in (the PIN).
    StaffSignIn,
    /// Staff mode, with a few device statuses.
    Staff,
    /// "Check a request", before a reference is typed.
    CheckRequest,
    /// "Check a request", showing where a request stands.
    CheckResult,
}

impl Screen {
    /// Every screen, in journey order.
    pub const ALL: [Screen; 16] = [
        Screen::Attract,
        Screen::Language,
        Screen::Settings,
        Screen::Home,
        Screen::Services,
        Screen::ServiceList,
        Screen::Service,
        Screen::Form,
        Screen::Learn,
        Screen::Lesson,
        Screen::Say,
        Screen::Survey,
        Screen::StaffSignIn,
        Screen::Staff,
        Screen::CheckRequest,
        Screen::CheckResult,
    ];

    /// A file-name-friendly name.
    pub fn name(self) -> &'static str {
        match self {
            Screen::Attract => "attract",
            Screen::Language => "language",
            Screen::Settings => "settings",
            Screen::Home => "home",
            Screen::Services => "services",
            Screen::ServiceList => "service-list",
            Screen::Service => "service",
            Screen::Form => "form",
            Screen::Learn => "learn",
            Screen::Lesson => "lesson",
            Screen::Say => "say",
            Screen::Survey => "survey",
            Screen::StaffSignIn => "staff-sign-in",
            Screen::Staff => "staff",
            Screen::CheckRequest => "check-request",
            Screen::CheckResult => "check-result",
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

    /// Walks `ui` to `screen` in `locale` with `text_percent` text (from wherever it is), then
    /// renders it at `size`.
    pub fn render(
        &self,
        ui: &KioskUi,
        screen: Screen,
        locale: &str,
        text_percent: u16,
        size: (u32, u32),
    ) -> SharedPixelBuffer<Rgb8Pixel> {
        go_to(ui, screen, locale, text_percent);
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
fn go_to(ui: &KioskUi, screen: Screen, locale: &str, text_percent: u16) {
    let window = ui.window();
    let app = window.global::<AppAdapter>();
    if app.get_page() != super::Page::Attract {
        app.invoke_finish();
    }
    if screen == Screen::Attract {
        return;
    }
    window.global::<AttractAdapter>().invoke_start();
    window
        .global::<LanguageAdapter>()
        .invoke_choose(locale.into());
    let settings = window.global::<SettingsAdapter>();
    for _ in 0..(text_percent.saturating_sub(100) / 25) {
        settings.invoke_text_bigger();
    }
    match screen {
        Screen::Attract => {}
        Screen::Language => {
            // The picker in the chosen language, as reached from the home screen.
            settings.invoke_done();
            window.global::<HomeAdapter>().invoke_change_language();
        }
        Screen::Settings => {}
        Screen::Home => settings.invoke_done(),
        Screen::Services | Screen::ServiceList | Screen::Service | Screen::Form => {
            settings.invoke_done();
            window
                .global::<HomeAdapter>()
                .invoke_open_tile(wire::Tile::Services.id().into());
            let services = window.global::<ServicesAdapter>();
            if screen == Screen::Services {
                return;
            }
            let first = slint::Model::row_data(&services.get_categories(), 0)
                .map(|c| c.id)
                .unwrap_or_default();
            services.invoke_open_category(first);
            if screen == Screen::ServiceList {
                return;
            }
            let service = slint::Model::row_data(&services.get_list(), 0)
                .map(|s| s.id)
                .unwrap_or_default();
            services.invoke_open_service(service);
            if screen == Screen::Form {
                open_first_form(ui);
            }
        }
        Screen::Learn | Screen::Lesson => {
            settings.invoke_done();
            window
                .global::<HomeAdapter>()
                .invoke_open_tile(wire::Tile::Learn.id().into());
            if screen == Screen::Lesson {
                let learn = window.global::<LearnAdapter>();
                let first = slint::Model::row_data(&learn.get_modules(), 0)
                    .map(|m| m.id)
                    .unwrap_or_default();
                learn.invoke_open_module(first);
            }
        }
        Screen::StaffSignIn => {
            settings.invoke_done();
            window.global::<super::AdminAdapter>().invoke_open();
        }
        Screen::Staff => {
            // Staff mode behind its PIN, shown as it looks with a few devices reporting.
            settings.invoke_done();
            let admin = window.global::<super::AdminAdapter>();
            admin.set_devices(slint::ModelRc::new(slint::VecModel::from(vec![
                super::DeviceLine {
                    name: "printer".into(),
                    status: "paper out, cover open".into(),
                },
                super::DeviceLine {
                    name: "link".into(),
                    status: "up on wwan0, metered".into(),
                },
            ])));
            admin.set_visit_active(true);
            super::with_state(|state| {
                admin.set_enrolled_as(state.text("admin-not-enrolled").into());
            });
            app.set_page(super::Page::Admin);
        }
        Screen::CheckRequest | Screen::CheckResult => {
            settings.invoke_done();
            window.global::<HomeAdapter>().invoke_check_request();
            if screen == Screen::CheckResult {
                // Shown as a kiosk shows a status it received in a sync.
                let check = window.global::<super::CheckAdapter>();
                super::with_state(|state| {
                    check.set_reference("K7PQ-M3XZ-R9TA".into());
                    check.set_status_title(state.text("check-status-in-progress").into());
                    check.set_status_detail(state.text("request-phrase-we-will-call").into());
                    check.set_updated(
                        state
                            .format("check-updated", &[("date", "2026-12-03".into())])
                            .into(),
                    );
                    check.set_source(state.text("check-source-kiosk").into());
                });
                check.set_has_result(true);
            }
        }
        Screen::Say | Screen::Survey => {
            settings.invoke_done();
            window
                .global::<HomeAdapter>()
                .invoke_open_tile(wire::Tile::HaveASay.id().into());
            if screen == Screen::Survey {
                window.global::<SayAdapter>().invoke_open_survey();
            }
        }
    }
}

/// Opens the request form of the first service (in category order) that has one.
fn open_first_form(ui: &KioskUi) {
    use slint::Model as _;
    let services = ui.window().global::<ServicesAdapter>();
    for category in services.get_categories().iter() {
        services.invoke_open_category(category.id.clone());
        for service in services.get_list().iter() {
            services.invoke_open_service(service.id.clone());
            if services.get_has_form() {
                services.invoke_request();
                return;
            }
        }
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
