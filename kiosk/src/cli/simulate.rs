//! `kiosk simulate`.

use std::time::Instant;

use kiosk::data_dir::DataDir;
use kiosk::i18n::Catalog;
use kiosk::recorder::Recorder;
use kiosk::session::SessionController;
use kiosk::{clock, simulate};
use rand::SeedableRng as _;

pub fn simulate(data_dir: &DataDir, sessions: u32, seed: Option<u64>) -> anyhow::Result<()> {
    let locales: Vec<String> = Catalog::embedded()?
        .locales()
        .iter()
        .map(|l| l.tag().to_owned())
        .collect();
    let recorder = Recorder::spawn(data_dir.open_store()?, || {})?;
    let mut visits = SessionController::new(recorder, clock::now);
    let mut rng = match seed {
        Some(seed) => rand::rngs::StdRng::seed_from_u64(seed),
        None => rand::rngs::StdRng::from_os_rng(),
    };
    let started = Instant::now();
    let summary = simulate::simulate(&mut visits, sessions, &locales, &mut rng);
    visits.sink().flush()?;
    let elapsed = started.elapsed();
    let waiting = data_dir.open_store()?.unsent_count()?;
    println!(
        "Recorded {} visits ({} events) in {:.1} ms; {waiting} records wait to be synced.",
        summary.sessions,
        summary.events,
        elapsed.as_secs_f64() * 1000.0
    );
    let languages: Vec<String> = summary
        .by_locale
        .iter()
        .map(|(tag, n)| format!("{tag} {n}"))
        .collect();
    println!("Languages: {}", languages.join(", "));
    Ok(())
}
