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
        ("case-worker", Role::CaseWorker),
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
        // The sample content's request forms (content/sample/forms/).
        let forms: Vec<String> = if role == Role::CaseWorker {
            ["callback", "book-appointment", "report-street-problem"]
                .map(str::to_owned)
                .to_vec()
        } else {
            Vec::new()
        };
        accounts::add_scoped_user(&store, name, role, &password, &sites, &forms, clock::now())?;
        let scope = if !sites.is_empty() {
            format!(" (site: {})", sites.join(", "))
        } else if !forms.is_empty() {
            format!(" (forms: {})", forms.join(", "))
        } else {
            String::new()
        };
        println!("  {:<11} {:<11} {password}{scope}", role.as_str(), name);
    }
    Ok(())
}
