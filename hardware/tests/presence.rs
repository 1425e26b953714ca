//! Presence from a recorded stream of sensor edges (as the GPIO driver reads them), through
//! the same tracker the GPIO driver uses. (A real GPIO chip cannot be faked in a temporary
//! folder; the kernel's gpio-sim module would be needed.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use hardware::config::{PresenceConfig, PresenceDriver};
use hardware::presence::{self, Presence, PresenceTracker};

/// Parses lines of "<milliseconds> rising|falling" (the format of `gpiomon`'s timestamps and
/// edges) and replays them, ticking every 50 ms.
fn replay(stream: &str, hold: Duration, end_ms: u64) -> Vec<(u64, Presence)> {
    let edges: Vec<(u64, bool)> = stream
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (ms, edge) = l.trim().split_once(' ').unwrap();
            (ms.parse().unwrap(), edge == "rising")
        })
        .collect();
    let mut tracker = PresenceTracker::new(hold);
    let mut out = Vec::new();
    let mut next = 0;
    for now in (0..=end_ms).step_by(50) {
        while next < edges.len() && edges[next].0 <= now {
            let (at, active) = edges[next];
            if let Some(change) = tracker.level(active, Duration::from_millis(at)) {
                out.push((at, change));
            }
            next += 1;
        }
        if let Some(change) = tracker.tick(Duration::from_millis(now)) {
            out.push((now, change));
        }
    }
    out
}

#[test]
fn a_recorded_morning_of_visits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edges.txt");
    std::fs::write(
        &path,
        "1000 rising\n1400 falling\n1900 rising\n2300 falling\n\
         30000 rising\n30100 falling\n\
         31000 rising\n31050 falling\n",
    )
    .unwrap();
    let stream = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        replay(&stream, Duration::from_secs(20), 60_000),
        vec![
            (1_000, Presence::Arrived),
            (22_300, Presence::Left),
            (30_000, Presence::Arrived),
            (51_050, Presence::Left),
        ]
    );
}

#[test]
fn no_sensor_is_fine_and_a_missing_chip_is_a_clear_error() {
    assert!(
        presence::open(&PresenceConfig::default())
            .unwrap()
            .is_none()
    );
    let dir = tempfile::tempdir().unwrap();
    let config = PresenceConfig {
        driver: PresenceDriver::Gpio,
        chip: dir.path().join("gpiochip9"),
        line: Some(17),
        ..PresenceConfig::default()
    };
    let Err(error) = presence::open(&config) else {
        panic!("a missing chip cannot be opened");
    };
    let message = error.to_string();
    assert!(
        message.contains("gpiochip9") && message.contains("line 17"),
        "{message}"
    );
}
