//! `/staff/`: every kiosk with where it stands, when it was last seen and what it delivered.

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use super::format;
use crate::store::KioskSummary;
use crate::{AppState, api::ApiFailure, clock};

/// A kiosk not seen for this long is flagged on the page.
const STALE_AFTER_SECONDS: i64 = 24 * 3600;

pub async fn kiosks_page(State(state): State<AppState>) -> Response {
    match state.store.call(|store| store.kiosks()).await {
        Ok(kiosks) => Html(render(&kiosks, clock::now()).into_string()).into_response(),
        Err(error) => ApiFailure::from(error).into_response(),
    }
}

fn render(kiosks: &[KioskSummary], now: i64) -> Markup {
    let total_records: u64 = kiosks.iter().map(|k| k.records_stored).sum();
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="refresh" content="30";
                title { "Kiosks — inclusion kiosk sync server" }
                style { (STYLE) }
            }
            body {
                header { h1 { "Kiosks" } }
                main {
                    p {
                        (kiosks.len()) " kiosk" @if kiosks.len() != 1 { "s" } " enrolled, "
                        (total_records) " record" @if total_records != 1 { "s" } " stored. "
                        "This page refreshes every 30 seconds."
                    }
                    @if kiosks.is_empty() {
                        p { "No kiosk is enrolled yet. Create a code with "
                            code { "sync-server enrol --site NAME --neighbourhood NAME" } "." }
                    } @else {
                        table {
                            caption { "Enrolled kiosks, by neighbourhood and site" }
                            thead { tr {
                                th scope="col" { "Kiosk" }
                                th scope="col" { "Site" }
                                th scope="col" { "Neighbourhood" }
                                th scope="col" { "Last seen" }
                                th scope="col" class="number" { "Records stored" }
                                th scope="col" class="number" { "Visits" }
                                th scope="col" class="number" title="Records offered twice with different content: refused and kept for review" { "Conflicts" }
                                th scope="col" { "Last upload" }
                                th scope="col" class="number" title="As the kiosk's last heartbeat said" { "Waiting on kiosk" }
                                th scope="col" class="number" { "Bytes today" }
                                th scope="col" { "Clock" }
                                th scope="col" { "Content" }
                                th scope="col" { "Devices" }
                                th scope="col" { "Last problem" }
                            } }
                            tbody {
                                @for kiosk in kiosks { (row(kiosk, now)) }
                            }
                        }
                    }
                }
                footer { p { "API description: " a href=(wire::paths::OPENAPI) { (wire::paths::OPENAPI) } } }
            }
        }
    }
}

fn row(kiosk: &KioskSummary, now: i64) -> Markup {
    html! {
        tr {
            th scope="row" {
                code { (kiosk.kiosk_id) }
                @if kiosk.state != "active" { " " strong class="alert" { "(" (kiosk.state) ")" } }
            }
            td { (kiosk.site) }
            td { (kiosk.neighbourhood) }
            td {
                @match kiosk.last_seen_at {
                    Some(seen) => {
                        time datetime=(format::rfc3339(seen)) title=(format::utc(seen)) { (format::ago(now, seen)) }
                        @if now - seen > STALE_AFTER_SECONDS { " " strong class="alert" { "(offline for over a day)" } }
                    },
                    None => { "never" },
                }
            }
            td class="number" { (kiosk.records_stored) }
            td class="number" { (kiosk.sessions) }
            td class="number" {
                @if kiosk.conflicts > 0 { strong class="alert" { (kiosk.conflicts) } } @else { "0" }
            }
            td {
                @match kiosk.last_upload_at {
                    Some(at) => { time datetime=(format::rfc3339(at)) title=(format::utc(at)) { (format::ago(now, at)) } },
                    None => { "never" },
                }
            }
            td class="number" { @match kiosk.waiting { Some(w) => { (w) }, None => { "—" } } }
            td class="number" { (kiosk.bytes_today) }
            td {
                @match kiosk.clock_offset {
                    Some(offset) if offset.abs() <= 60 => { "in step" },
                    Some(offset) if offset < 0 => { strong class="alert" { (-offset) " s ahead" } },
                    Some(offset) => { strong class="alert" { (offset) " s behind" } },
                    None => { "—" },
                }
            }
            td {
                @match kiosk.content_version {
                    Some(0) => { "built-in sample" },
                    Some(version) => { "version " (version) },
                    None => { "—" },
                }
            }
            td {
                @if kiosk.devices.is_empty() { "—" }
                ul class="devices" {
                    @for (device, status) in &kiosk.devices {
                        li { (device) ": " (status) }
                    }
                }
            }
            td { @match &kiosk.last_problem { Some(problem) => { (problem) }, None => { "none" } } }
        }
    }
}

const STYLE: &str = "
body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; margin: 0; color: #1a1a1a; background: #fff; }
header { background: #0b3d91; color: #fff; padding: 0.75rem 1.5rem; }
main, footer { padding: 0 1.5rem; }
table { border-collapse: collapse; margin: 1rem 0; min-width: 60%; }
caption { text-align: start; font-weight: 600; padding-bottom: 0.5rem; }
th, td { border-bottom: 1px solid #767676; padding: 0.5rem 0.75rem; text-align: start; }
.number { text-align: end; font-variant-numeric: tabular-nums; }
.alert { color: #a4000f; }
ul.devices { margin: 0; padding-inline-start: 1rem; }
a { color: #0b3d91; }
";

#[cfg(test)]
mod tests {
    use super::*;

    fn kiosk(id: &str, site: &str, last_seen_at: Option<i64>, records: u64) -> KioskSummary {
        KioskSummary {
            kiosk_id: id.into(),
            site: site.into(),
            neighbourhood: "Old Town".into(),
            enrolled_at: 0,
            last_seen_at,
            records_stored: records,
            sessions: records / 3,
            conflicts: 0,
            clock_offset: None,
            state: "active".into(),
            last_upload_at: None,
            bytes_today: 0,
            waiting: None,
            last_problem: None,
            content_version: None,
            devices: [("printer".to_owned(), "paper out".to_owned())].into(),
        }
    }

    #[test]
    fn lists_each_kiosk_with_last_seen_and_counts() {
        let now = 100_000;
        let page = render(
            &[
                kiosk("kiosk-a", "Central Library", Some(now - 300), 42),
                kiosk("kiosk-b", "Youth Centre", None, 0),
            ],
            now,
        )
        .into_string();
        assert!(
            page.contains("2 kiosks enrolled, 42 records stored"),
            "{page}"
        );
        assert!(
            page.contains("kiosk-a")
                && page.contains("Central Library")
                && page.contains("5 minutes ago")
        );
        assert!(page.contains(">42<"));
        assert!(
            page.contains("printer: paper out"),
            "device statuses are listed"
        );
        assert!(page.contains("never"));
    }

    #[test]
    fn site_names_are_escaped() {
        let page =
            render(&[kiosk("kiosk-a", "<script>alert(1)</script>", None, 0)], 0).into_string();
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(page.contains("&lt;script&gt;"));
    }

    #[test]
    fn stale_kiosks_are_flagged() {
        let now = 10 * 86_400;
        let page = render(
            &[kiosk("kiosk-a", "Library", Some(now - 2 * 86_400), 1)],
            now,
        )
        .into_string();
        assert!(page.contains("offline for over a day"));
    }
}
