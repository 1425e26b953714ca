//! `kiosk screenshots`: every screen in every language at the form factors we support,
//! rendered without a display into PNG files.

use std::path::Path;
use std::rc::Rc;

use anyhow::Context as _;
use kiosk::clock;
use kiosk::i18n::Catalog;
use kiosk::session::Journal;
use kiosk::store::LocalEvent;
use kiosk::ui::snapshot::{Offscreen, Screen, write_png};
use kiosk::ui::{KioskUi, UiParts};

/// The form factors of the design brief: landscape kiosks, a portrait tablet, a phone.
pub const SIZES: [(u32, u32); 4] = [(1920, 1080), (1366, 768), (800, 1280), (360, 640)];

/// Screenshots record nothing: visits made to reach a screen are not real visits.
pub struct Discard;

impl Journal for Discard {
    fn record(&self, _event: LocalEvent) {}
    fn keep(&self, _record: kiosk::store::LocalRecord) {}
    fn load_learner(
        &self,
        _code: String,
        reply: Box<dyn FnOnce(kiosk::session::LearnerProgress) + Send>,
    ) {
        reply(Ok(Default::default()));
    }
}

pub fn screenshots(out: &Path, locales: &[String], text_percent: u16) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let offscreen = Offscreen::install()?;
    let catalog = Rc::new(Catalog::embedded()?);
    let tags: Vec<String> = if locales.is_empty() {
        catalog
            .locales()
            .iter()
            .map(|l| l.tag().to_owned())
            .collect()
    } else {
        for tag in locales {
            anyhow::ensure!(
                catalog.locale(tag).is_some(),
                "the kiosk does not ship the locale {tag}"
            );
        }
        locales.to_vec()
    };
    let ui = KioskUi::new(UiParts {
        catalog,
        content: std::rc::Rc::new(content::Bundle::sample()?),
        journal: Box::new(Discard),
        devices: std::rc::Rc::new(kiosk::devices::NoDevices),
        sealing_key: Default::default(),
        pull_learner: None,
        check_request: None,
        staff: Default::default(),
        online: Default::default(),
        clock: Box::new(clock::now),
        idle: kiosk::ui::IdleSettings::default(),
    })?;
    let total = tags.len() * Screen::ALL.len() * SIZES.len();
    let mut written = 0;
    for tag in &tags {
        for screen in Screen::ALL {
            for size in SIZES {
                let image = offscreen.render(&ui, screen, tag, text_percent, size);
                let path = out.join(format!(
                    "{}-{tag}-{}x{}-{text_percent}.png",
                    screen.name(),
                    size.0,
                    size.1
                ));
                write_png(&image, &path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                written += 1;
            }
        }
        eprintln!("{written}/{total} screenshots written ({tag} done)");
    }
    println!("Wrote {written} screenshots to {}", out.display());
    Ok(())
}
