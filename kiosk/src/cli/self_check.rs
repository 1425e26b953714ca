//! `kiosk self-check`: what the privileged installer runs after installing a new version,
//! before restarting the kiosk on it. It starts the same parts `kiosk run` starts, without
//! a display and without touching the kiosk's database: the embedded translations, the
//! content the kiosk would run, the UI, and one frame of the first screen in every language,
//! rendered offscreen. Exits 0 only if all of it works.

use std::rc::Rc;

use anyhow::Context as _;
use kiosk::clock;
use kiosk::data_dir::DataDir;
use kiosk::i18n::Catalog;
use kiosk::ui::snapshot::{Offscreen, Screen};
use kiosk::ui::{KioskUi, UiParts};

use super::screenshots::Discard;

pub fn self_check(data_dir: &DataDir) -> anyhow::Result<()> {
    let offscreen = Offscreen::install().context("the offscreen renderer does not start")?;
    let content_dir = kiosk::content_dir::ContentDir::new(data_dir.path());
    let (version, bundle) = content_dir.load();
    let content = Rc::new(bundle.context("the content does not load")?);
    let catalog = Rc::new(
        Catalog::with_overrides(&content_dir.translations(version))
            .or_else(|_| Catalog::embedded())
            .context("the translations do not load")?,
    );
    let tags: Vec<String> = catalog
        .locales()
        .iter()
        .map(|l| l.tag().to_owned())
        .collect();
    let ui = KioskUi::new(UiParts {
        catalog,
        content,
        journal: Box::new(Discard),
        devices: Rc::new(kiosk::devices::NoDevices),
        sealing_key: Default::default(),
        pull_learner: None,
        check_request: None,
        staff: Default::default(),
        online: Default::default(),
        clock: Box::new(clock::now),
        idle: kiosk::ui::IdleSettings::default(),
    })
    .context("the UI does not start")?;
    for tag in &tags {
        let image = offscreen.render(&ui, Screen::ALL[0], tag, 100, (1366, 768));
        let pixels = image.as_slice();
        let first = pixels.first().copied().unwrap_or_default();
        anyhow::ensure!(
            pixels.iter().any(|p| *p != first),
            "the first screen in {tag} renders blank"
        );
    }
    println!(
        "self-check passed: kiosk {}, content version {version}, the first screen drawn in {} languages",
        kiosk::updates::running_version(),
        tags.len()
    );
    Ok(())
}
