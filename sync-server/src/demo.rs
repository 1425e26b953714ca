//! `sync-server demo`: a realistic city made up from a seed and pushed through the real
//! paths: baselines and outlines through the importers, kiosks through enrolment codes, and
//! months of visits as encoded upload batches through the upload decoder and the store's
//! ingest (so roll-ups are kept exactly as for real kiosks).
//!
//! Neighbourhoods differ in population, offline share, languages, accessibility needs and
//! how well they are served. Visits follow opening hours, weekdays and the time of day. One
//! kiosk was offline for the last three weeks and has just caught up (its records arrive
//! late, counted in the months they happened); one has a printer out of paper; one has not
//! been heard from for three days; one has a nearly full disk.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use wire::{
    AccessibilityFeature, AvailabilityRecord, DeviceHealth, EndReason, EventKind, EventRecord,
    Heartbeat, RecordBody, Tile, WireRecord,
};

use crate::store::{EnrolmentCode, Store, StoreError};
use crate::{credentials, places};

/// What to make.
#[derive(Debug, Clone, Copy)]
pub struct DemoSettings {
    /// Neighbourhoods (1 to 16).
    pub neighbourhoods: usize,
    /// Kiosks (at least one per neighbourhood is not required; they are spread by population).
    pub kiosks: usize,
    /// Months of history, ending now.
    pub months: u32,
    /// Same seed, same city.
    pub seed: u64,
}

/// What was made.
#[derive(Debug, Clone, Default)]
pub struct DemoReport {
    /// Neighbourhoods imported.
    pub neighbourhoods: usize,
    /// Kiosks enrolled.
    pub kiosks: usize,
    /// Events stored.
    pub events: u64,
    /// Visits made.
    pub sessions: u64,
    /// The kiosk whose records arrived weeks late.
    pub late_kiosk: String,
    /// The kiosk whose printer is out of paper.
    pub printer_kiosk: String,
    /// A site in the first neighbourhood (for the librarian's login).
    pub first_site: String,
}

/// Why the demo could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The data directory holds kiosks already.
    #[error("this data directory already has {0} kiosk(s): make the demo in a fresh --data-dir")]
    NotEmpty(usize),
    /// Settings out of range.
    #[error("{0}")]
    Settings(String),
    /// A generated file was refused by the importer (a bug).
    #[error("the demo made a file the importer refused: {0}")]
    Import(#[from] places::ImportErrors),
    /// A generated batch was refused by the upload decoder (a bug).
    #[error("the demo made an upload the server refused: {0}")]
    Upload(String),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

const NAMES: [&str; 16] = [
    "Old Town",
    "Riverside",
    "Northgate",
    "Harbourside",
    "Millbrook",
    "Eastfield",
    "Hillcrest",
    "Southbank",
    "Westmoor",
    "Greenway",
    "Ashford",
    "Kingsmead",
    "Fairview",
    "Brookside",
    "Stonebridge",
    "Lakeside",
];
const SITE_KINDS: [&str; 3] = ["Library", "Community Centre", "Health Hub"];
const TOPICS: [&str; 14] = [
    "housing.repairs",
    "benefits.council-tax",
    "benefits.housing-benefit",
    "health.doctor",
    "jobs.cv",
    "jobs.job-centre",
    "documents.lost-id",
    "documents.residence",
    "waste.missed-bin",
    "transport.bus-pass",
    "family.childcare",
    "education.adult-learning",
    "housing.energy",
    "benefits.food",
];
const CATEGORIES: [&str; 6] = [
    "housing",
    "benefits",
    "health",
    "jobs",
    "documents",
    "family",
];
const MODULES: [&str; 6] = [
    "using-this-touchscreen",
    "email-basics",
    "spotting-scams",
    "strong-passwords",
    "online-city-services",
    "privacy-on-shared-devices",
];
const OTHER_LOCALES: [&str; 6] = ["es", "ar", "fr", "pl", "uk", "zh-Hans"];
const FEATURES: [AccessibilityFeature; 5] = [
    AccessibilityFeature::LargeText,
    AccessibilityFeature::ReadAloud,
    AccessibilityFeature::HighContrast,
    AccessibilityFeature::EasyRead,
    AccessibilityFeature::Keyboard,
];

/// How a neighbourhood behaves.
struct Profile {
    name: String,
    population: u64,
    offline_share: f64,
    hours: &'static str,
    /// Visits per open kiosk-hour at the busiest time.
    visits_per_hour: f64,
    other_language: f64,
    languages: Vec<&'static str>,
    assistive: f64,
    unmet: f64,
    completion: f64,
    learning: f64,
    pass: f64,
    assisted: f64,
}

fn profiles(rng: &mut StdRng, count: usize) -> Vec<Profile> {
    const HOURS: [&str; 4] = [
        "Mo-Fr 09:00-18:00; Sa 10:00-14:00",
        "Mo-Sa 09:00-20:00",
        "Mo-Fr 10:00-17:00",
        "Tu-Sa 09:30-17:30",
    ];
    (0..count)
        .map(|i| {
            // Poorer-connected neighbourhoods need the kiosks more but are served less well.
            let offline_share: f64 = rng.random_range(0.05..0.38);
            let served = rng.random_range(0.35..1.0) * (1.1 - offline_share);
            let languages: Vec<&str> = OTHER_LOCALES
                .iter()
                .copied()
                .filter(|_| rng.random_bool(0.5))
                .collect();
            Profile {
                name: NAMES[i].to_owned(),
                population: rng.random_range(4..45u64) * 1000 + rng.random_range(0..1000),
                offline_share,
                hours: HOURS[i % HOURS.len()],
                visits_per_hour: 0.6 + 2.6 * served,
                other_language: if languages.is_empty() {
                    0.02
                } else {
                    rng.random_range(0.05..0.55)
                },
                languages: if languages.is_empty() {
                    vec!["es"]
                } else {
                    languages
                },
                assistive: rng.random_range(0.08..0.35),
                unmet: rng.random_range(0.08..0.45) * (1.3 - served),
                completion: rng.random_range(0.45..0.92),
                learning: rng.random_range(0.05..0.3),
                pass: rng.random_range(0.4..0.85),
                assisted: rng.random_range(0.02..0.2),
            }
        })
        .collect()
}

/// The baselines CSV of the profiles.
fn baselines_csv(profiles: &[Profile]) -> String {
    let mut text = places::BASELINE_COLUMNS.join(",");
    text.push('\n');
    for p in profiles {
        let _ = writeln!(
            text,
            "{},{},{:.3},{},en",
            p.name, p.population, p.offline_share, p.hours
        );
    }
    text
}

/// Outlines: a jittered grid over a made-up city, cells sharing their corners.
fn boundaries_geojson(rng: &mut StdRng, profiles: &[Profile]) -> String {
    let columns = (profiles.len() as f64).sqrt().ceil() as usize;
    let rows = profiles.len().div_ceil(columns);
    let (west, south, step) = (-2.30, 53.40, 0.04);
    let mut corners = vec![vec![[0.0f64; 2]; columns + 1]; rows + 1];
    for (r, row) in corners.iter_mut().enumerate() {
        for (c, corner) in row.iter_mut().enumerate() {
            let inner = |i: usize, n: usize| i > 0 && i < n;
            let jitter = |rng: &mut StdRng, inside: bool| {
                if inside {
                    rng.random_range(-0.012..0.012)
                } else {
                    0.0
                }
            };
            *corner = [
                west + c as f64 * step + jitter(rng, inner(c, columns)),
                south + r as f64 * step * 0.65 + jitter(rng, inner(r, rows)) * 0.65,
            ];
        }
    }
    let round = |v: f64| (v * 1e5).round() / 1e5;
    let features: Vec<serde_json::Value> = profiles
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (r, c) = (i / columns, i % columns);
            let ring: Vec<[f64; 2]> = [
                corners[r][c],
                corners[r][c + 1],
                corners[r + 1][c + 1],
                corners[r + 1][c],
                corners[r][c],
            ]
            .iter()
            .map(|[x, y]| [round(*x), round(*y)])
            .collect();
            serde_json::json!({
                "type": "Feature",
                "properties": { "neighbourhood": p.name },
                "geometry": { "type": "Polygon", "coordinates": [ring] },
            })
        })
        .collect();
    serde_json::json!({ "type": "FeatureCollection", "features": features }).to_string()
}

/// Relative busyness by hour of the day (local time).
fn hour_factor(hour: i64) -> f64 {
    match hour {
        9 => 0.6,
        10 | 11 => 1.0,
        12 | 13 => 0.8,
        14..=16 => 0.95,
        17 => 0.7,
        _ => 0.5,
    }
}

fn poisson(rng: &mut StdRng, mean: f64) -> u32 {
    let limit = (-mean).exp();
    let (mut k, mut p) = (0, 1.0);
    loop {
        p *= rng.random::<f64>();
        if p <= limit {
            return k;
        }
        k += 1;
    }
}

/// One kiosk's records being written, numbered as its outbox would.
struct Outbox {
    next_seq: u64,
    pending: Vec<(i64, RecordBody)>,
}

impl Outbox {
    fn push(&mut self, hour: i64, body: RecordBody) {
        self.pending.push((hour, body));
    }
}

/// Makes the demo city in `store`. `now` is the end of its history.
pub fn make_city(store: &Store, settings: DemoSettings, now: i64) -> Result<DemoReport, DemoError> {
    if !(1..=NAMES.len()).contains(&settings.neighbourhoods) {
        return Err(DemoError::Settings(format!(
            "--neighbourhoods must be 1 to {}",
            NAMES.len()
        )));
    }
    if !(1..=500).contains(&settings.kiosks) || !(1..=36).contains(&settings.months) {
        return Err(DemoError::Settings(
            "--kiosks must be 1 to 500 and --months 1 to 36".into(),
        ));
    }
    let existing = store.kiosk_places()?.len();
    if existing > 0 {
        return Err(DemoError::NotEmpty(existing));
    }
    let mut rng = StdRng::seed_from_u64(settings.seed);
    let profiles = profiles(&mut rng, settings.neighbourhoods);
    store.import_baselines(
        &places::parse_baselines(baselines_csv(&profiles).as_bytes())?,
        now,
    )?;
    store.import_boundaries(
        &places::parse_boundaries(boundaries_geojson(&mut rng, &profiles).as_bytes())?,
        now,
    )?;

    // History starts at the beginning of the month `months − 1` before this one.
    let calendar = crate::metrics::calendar(store)?;
    let this_month = calendar
        .month_bounds(&calendar.month_of(now))
        .map_err(|e| DemoError::Settings(e.to_string()))?
        .0;
    let mut start = this_month;
    for _ in 1..settings.months {
        start = calendar
            .month_bounds(&calendar.month_of(start - 1))
            .map_err(|e| DemoError::Settings(e.to_string()))?
            .0;
    }

    // Kiosks spread over neighbourhoods by population (at least one each while they last).
    let total_population: u64 = profiles.iter().map(|p| p.population).sum();
    let mut placement: Vec<usize> = (0..profiles.len().min(settings.kiosks)).collect();
    while placement.len() < settings.kiosks {
        let mut pick = rng.random_range(0..total_population);
        let index = profiles
            .iter()
            .position(|p| {
                if pick < p.population {
                    true
                } else {
                    pick -= p.population;
                    false
                }
            })
            .unwrap_or(0);
        placement.push(index);
    }
    let mut report = DemoReport {
        neighbourhoods: profiles.len(),
        kiosks: placement.len(),
        first_site: format!("{} {}", profiles[0].name, SITE_KINDS[0]),
        ..DemoReport::default()
    };
    let mut per_neighbourhood: BTreeMap<usize, usize> = BTreeMap::new();
    for (number, &n) in placement.iter().enumerate() {
        let profile = &profiles[n];
        let nth = per_neighbourhood.entry(n).or_default();
        let site = format!("{} {}", profile.name, SITE_KINDS[*nth % SITE_KINDS.len()]);
        *nth += 1;
        let code = credentials::new_enrolment_code();
        store.add_enrolment_code(
            &EnrolmentCode {
                code_hash: credentials::code_hash(&code),
                site: site.clone(),
                neighbourhood: profile.name.clone(),
                expires_at: start + 3600,
            },
            start - 3600,
        )?;
        let kiosk_id = format!("kiosk-demo{number:02}");
        store.redeem_enrolment_code(
            &credentials::code_hash(&code),
            &kiosk_id,
            &credentials::token_hash(&credentials::new_device_token()),
            env!("CARGO_PKG_VERSION"),
            None,
            start,
        )?;
        // Roles in the story: the last kiosk was offline for three weeks and just caught up;
        // the second has no paper; the third has been silent for three days.
        let late = number + 1 == placement.len() && placement.len() > 1;
        let silent = number == 2 && placement.len() > 3;
        let printer_out = number == 1 && placement.len() > 1;
        let disk_full = number == 3 && placement.len() > 4;
        if late {
            report.late_kiosk = kiosk_id.clone();
        }
        if printer_out {
            report.printer_kiosk = kiosk_id.clone();
        }
        let end = if silent { now - 3 * 86_400 } else { now };
        let hours = places::WeeklyHours::parse(profile.hours)
            .unwrap_or_else(|_| places::WeeklyHours::closed());
        let mut outbox = Outbox {
            next_seq: 1,
            pending: Vec::new(),
        };
        let mut day_start = start;
        while day_start < end {
            let day_end = (day_start + 86_400).min(end);
            let mut hour = day_start;
            while hour + 3600 <= day_end {
                let local = calendar.hour_of_week(hour);
                let open = hours.minutes_in(local);
                if open > 0 {
                    let down = if rng.random_bool(0.03) {
                        rng.random_range(5..=60)
                    } else {
                        0
                    };
                    outbox.push(
                        hour,
                        RecordBody::Availability(AvailabilityRecord {
                            hour,
                            usable_minutes: open.saturating_sub(down) as u8,
                        }),
                    );
                    let weekday_factor = if local / 24 >= 5 { 0.7 } else { 1.0 };
                    let mean = profile.visits_per_hour
                        * hour_factor((hour / 3600) % 24)
                        * weekday_factor
                        * f64::from(open)
                        / 60.0;
                    for _ in 0..poisson(&mut rng, mean) {
                        report.sessions += 1;
                        visit(&mut rng, profile, hour, &mut outbox);
                    }
                }
                hour += 3600;
            }
            // Deliver the day: at once for most kiosks, all at the end for the late one's
            // last three weeks.
            let delivered_at = if late && day_end > now - 21 * 86_400 {
                now
            } else {
                day_end + rng.random_range(60..4 * 3600)
            };
            if !(late && day_end > now - 21 * 86_400) || day_end >= end {
                report.events += deliver(store, &kiosk_id, &mut outbox, delivered_at.min(now))?;
            }
            day_start += 86_400;
        }
        let health = DeviceHealth {
            printer: Some(if printer_out { "paper_out" } else { "ok" }.into()),
            on_battery: false,
            battery_percent: None,
            disk_free_bytes: Some(if disk_full {
                1_200_000_000
            } else {
                41_000_000_000
            }),
            disk_total_bytes: Some(64_000_000_000),
        };
        let mut devices = BTreeMap::new();
        devices.insert(
            "printer".to_owned(),
            if printer_out {
                "the printer is out of paper"
            } else {
                "ready"
            }
            .to_owned(),
        );
        devices.insert("power".to_owned(), "on mains".to_owned());
        outbox.push(
            end,
            RecordBody::Heartbeat(Heartbeat {
                at: end,
                waiting: 0,
                software_version: env!("CARGO_PKG_VERSION").into(),
                devices,
                content_version: if number % 5 == 4 { 1 } else { 2 },
                health,
                update: None,
            }),
        );
        report.events += deliver(store, &kiosk_id, &mut outbox, end)?;
        store.accept_request(&kiosk_id, None, end)?;
    }
    Ok(report)
}

/// Writes one visit's events.
fn visit(rng: &mut StdRng, p: &Profile, hour: i64, outbox: &mut Outbox) {
    let session = format!("{:032x}", rng.random::<u128>());
    let mut events = vec![EventKind::SessionStarted];
    if rng.random_bool(p.other_language) {
        let locale = p.languages[rng.random_range(0..p.languages.len())];
        events.push(EventKind::LanguageChosen {
            locale: locale.into(),
        });
    } else if rng.random_bool(0.3) {
        events.push(EventKind::LanguageChosen {
            locale: "en".into(),
        });
    }
    if rng.random_bool(p.assistive) {
        for feature in FEATURES {
            if rng.random_bool(0.35) {
                events.push(EventKind::AccessibilityUsed { feature });
            }
        }
        if !events
            .iter()
            .any(|e| matches!(e, EventKind::AccessibilityUsed { .. }))
        {
            events.push(EventKind::AccessibilityUsed {
                feature: AccessibilityFeature::LargeText,
            });
        }
    }
    let learning = rng.random_bool(p.learning);
    if learning {
        events.push(EventKind::TileOpened { tile: Tile::Learn });
        let module = MODULES[rng.random_range(0..MODULES.len())];
        events.push(EventKind::ModuleStarted {
            module: module.into(),
        });
        if rng.random_bool(0.75) {
            events.push(EventKind::ModuleFinished {
                module: module.into(),
                passed: rng.random_bool(p.pass),
            });
        }
    } else {
        events.push(EventKind::TileOpened {
            tile: Tile::Services,
        });
        let topic = TOPICS[rng.random_range(0..TOPICS.len())];
        if rng.random_bool(0.5) {
            let found = !rng.random_bool(p.unmet);
            events.push(EventKind::Searched {
                results: if found { rng.random_range(1..8) } else { 0 },
                topic: found.then(|| topic.to_owned()),
            });
        } else {
            events.push(EventKind::CategoryOpened {
                category: CATEGORIES[rng.random_range(0..CATEGORIES.len())].into(),
            });
        }
        events.push(EventKind::ServiceViewed {
            topic: topic.into(),
        });
        if rng.random_bool(0.35) {
            events.push(EventKind::RequestStarted {
                topic: topic.into(),
            });
            if rng.random_bool(p.completion) {
                events.push(EventKind::RequestSubmitted {
                    topic: topic.into(),
                });
            }
        }
        if rng.random_bool(0.12) {
            events.push(EventKind::FeedbackGiven {
                topic: topic.into(),
                rating: rng.random_range(2..=5),
            });
        }
    }
    if rng.random_bool(0.04) {
        events.push(EventKind::SurveyAnswered {
            survey: "library-and-kiosk-2026".into(),
        });
    }
    if rng.random_bool(p.assisted) {
        events.push(EventKind::StaffAssisted);
    }
    events.push(EventKind::SessionEnded {
        reason: if rng.random_bool(0.8) {
            EndReason::Finished
        } else {
            EndReason::IdleTimeout
        },
    });
    for kind in events {
        outbox.push(
            hour,
            RecordBody::Event(EventRecord {
                session: session.clone(),
                hour,
                kind,
            }),
        );
    }
}

/// Uploads what the outbox holds, in batches, through the upload decoder and the store.
fn deliver(store: &Store, kiosk_id: &str, outbox: &mut Outbox, at: i64) -> Result<u64, DemoError> {
    let mut stored = 0;
    let pending = std::mem::take(&mut outbox.pending);
    for chunk in pending.chunks(wire::MAX_RECORDS_PER_BATCH) {
        let records: Vec<WireRecord> = chunk
            .iter()
            .map(|(_, body)| {
                let record = WireRecord {
                    seq: outbox.next_seq,
                    body: body.encode(),
                };
                outbox.next_seq += 1;
                record
            })
            .collect();
        let batch = wire::encode_batch(&records);
        let incoming = crate::api::sync::decode(&batch, None).map_err(DemoError::Upload)?;
        let receipt = store.ingest_records(kiosk_id, &incoming, batch.len() as u64, at)?;
        stored += u64::from(receipt.stored);
    }
    Ok(stored)
}
