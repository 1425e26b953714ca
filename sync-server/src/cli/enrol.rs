//! `sync-server enrol`: a one-time code for one kiosk at one site.

use crate::DataDir;
use crate::enrolment::{self, NewCode};
use crate::staff::format;
use serde::Serialize;

#[derive(Serialize)]
struct CodeOutput<'a> {
    code: &'a str,
    site: &'a str,
    neighbourhood: &'a str,
    expires_at: String,
    server_url: Option<String>,
    fingerprint: Option<String>,
    /// The line a kiosk's staff screen takes (typed, or scanned as a QR code).
    ticket: Option<String>,
}

pub fn enrol(
    data_dir: &DataDir,
    site: &str,
    neighbourhood: &str,
    valid_hours: u32,
    json: bool,
) -> anyhow::Result<()> {
    let (site, neighbourhood) = (site.trim(), neighbourhood.trim());
    anyhow::ensure!(
        !site.is_empty(),
        "--site must name the site, e.g. \"Central Library\""
    );
    anyhow::ensure!(
        !neighbourhood.is_empty(),
        "--neighbourhood must name the neighbourhood, e.g. \"Old Town\""
    );
    anyhow::ensure!(
        site.chars().count() <= 120 && neighbourhood.chars().count() <= 120,
        "names are limited to 120 characters"
    );

    let store = data_dir.open_store()?;
    let NewCode { code, expires_at } =
        enrolment::create_code(&store, site, neighbourhood, valid_hours)?;
    let announcement = data_dir.announcement();
    let ticket = announcement
        .as_ref()
        .and_then(|a| wire::EnrolmentTicket::new(&a.url, &a.fingerprint, &code).ok());
    if json {
        let output = CodeOutput {
            code: &code,
            site,
            neighbourhood,
            expires_at: format::rfc3339(expires_at),
            server_url: announcement.as_ref().map(|a| a.url.clone()),
            fingerprint: announcement.as_ref().map(|a| a.fingerprint.clone()),
            ticket: ticket.as_ref().map(ToString::to_string),
        };
        println!("{}", serde_json::to_string_pretty(&output)?);
        return Ok(());
    }
    println!("Enrolment code for {site} ({neighbourhood}): {code}");
    println!("It works once, until {}.", format::utc(expires_at));
    match (announcement, ticket) {
        (Some(a), Some(ticket)) => println!(
            "On the kiosk's staff screen (\"Enrol this kiosk\"), type or scan:\n  {ticket}\n\
             or on its command line, run:\n  kiosk enrol --server {} --fingerprint {} --code {code}",
            a.url, a.fingerprint
        ),
        (Some(a), None) => println!(
            "On the kiosk, run:\n  kiosk enrol --server {} --fingerprint {} --code {code}",
            a.url, a.fingerprint
        ),
        (None, _) => println!(
            "On the kiosk, run `kiosk enrol --server URL --fingerprint FINGERPRINT --code {code}`\n\
             with the URL and fingerprint that `sync-server serve` prints when it starts."
        ),
    }
    Ok(())
}
