//! `sync-server kiosks`: the fleet as a table or as JSON.

use crate::staff::format;
use crate::{DataDir, clock};
use serde::Serialize;

#[derive(Serialize)]
struct KioskRow {
    kiosk_id: String,
    site: String,
    neighbourhood: String,
    enrolled_at: String,
    last_seen: Option<String>,
    records_stored: u64,
    sessions: u64,
    conflicts: u64,
    clock_offset_seconds: Option<i64>,
    clock_flagged_records: u64,
    state: String,
}

pub fn kiosks(data_dir: &DataDir, json: bool) -> anyhow::Result<()> {
    let kiosks = data_dir.open_store()?.kiosks()?;
    if json {
        let rows: Vec<KioskRow> = kiosks
            .into_iter()
            .map(|k| KioskRow {
                kiosk_id: k.kiosk_id,
                site: k.site,
                neighbourhood: k.neighbourhood,
                enrolled_at: format::rfc3339(k.enrolled_at),
                last_seen: k.last_seen_at.map(format::rfc3339),
                records_stored: k.records_stored,
                sessions: k.sessions,
                conflicts: k.conflicts,
                clock_offset_seconds: k.clock_offset,
                clock_flagged_records: k.clock_flagged,
                state: k.state,
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    if kiosks.is_empty() {
        println!(
            "No kiosks enrolled yet (data directory {}).",
            data_dir.path().display()
        );
        println!("Create a code with: sync-server enrol --site NAME --neighbourhood NAME");
        return Ok(());
    }
    let now = clock::now();
    let header = [
        "KIOSK",
        "SITE",
        "NEIGHBOURHOOD",
        "LAST SEEN",
        "RECORDS STORED",
        "CONFLICTS",
    ];
    for k in kiosks.iter().filter(|k| k.clock_flagged > 0) {
        eprintln!(
            "note: kiosk {}'s clock was more than 48 hours off; {} of its records keep its own time (set its clock)",
            k.kiosk_id, k.clock_flagged
        );
    }
    let rows: Vec<[String; 6]> = kiosks
        .iter()
        .map(|k| {
            [
                if k.state == "active" {
                    k.kiosk_id.clone()
                } else {
                    format!("{} ({})", k.kiosk_id, k.state)
                },
                k.site.clone(),
                k.neighbourhood.clone(),
                k.last_seen_at
                    .map(|seen| format!("{} ({})", format::utc(seen), format::ago(now, seen)))
                    .unwrap_or_else(|| "never".into()),
                k.records_stored.to_string(),
                k.conflicts.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, width))| {
                let pad = width - cell.chars().count();
                if i >= 4 {
                    format!("{}{cell}", " ".repeat(pad))
                } else {
                    format!("{cell}{}", " ".repeat(pad))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    println!("{}", line(&header.map(String::from)));
    for row in &rows {
        println!("{}", line(row));
    }
    Ok(())
}
