//! `sync-server demo`: a realistic city in a fresh data directory, and a login per role.

use crate::demo::{DemoSettings, make_city};
use crate::store::Role;
use crate::{DataDir, accounts, clock};

pub fn demo(data_dir: &DataDir, settings: DemoSettings) -> anyhow::Result<()> {
    let store = data_dir.open_store()?;
    eprintln!(
        "Making a city of {} neighbourhoods and {} kiosks with {} months of visits (seed {})…",
        settings.neighbourhoods, settings.kiosks, settings.months, settings.seed
    );
    let started = std::time::Instant::now();
    let report = make_city(&store, settings, clock::now())?;
    println!(
        "Demo city made in {:.1} s: {} neighbourhoods, {} kiosks, {} visits, {} events stored through the upload path.",
        started.elapsed().as_secs_f64(),
        report.neighbourhoods,
        report.kiosks,
        report.sessions,
        report.events
    );
    println!(
        "  {} was offline for three weeks and has just caught up;",
        report.late_kiosk
    );
    println!("  {} has a printer out of paper.", report.printer_kiosk);
    println!("\nStaff logins (passwords shown only now):");
    for (name, role) in [
        ("librarian", Role::Librarian),
        ("city-staff", Role::CityStaff),
        ("analyst", Role::Analyst),
        ("admin", Role::Admin),
    ] {
        let password = accounts::generate_password();
        let sites = if role == Role::Librarian {
            vec![report.first_site.clone()]
        } else {
            Vec::new()
        };
        accounts::add_user(&store, name, role, &password, &sites, clock::now())?;
        let scope = if sites.is_empty() {
            String::new()
        } else {
            format!(" (site: {})", sites.join(", "))
        };
        println!("  {:<11} {:<11} {password}{scope}", role.as_str(), name);
    }
    Ok(())
}
