//! From sensor edges to presence: someone arrives on the first active edge, and has left when
//! the sensor has been inactive for the hold time (a PIR sensor pulses while someone moves,
//! so a short quiet spell is not a departure).

use std::time::Duration;

use super::Presence;

/// Tracks presence from the sensor's level changes. Times are durations since any fixed
/// start, so the logic needs no clock and tests can replay event streams.
#[derive(Debug, Clone)]
pub struct PresenceTracker {
    hold: Duration,
    active: bool,
    present: bool,
    quiet_since: Option<Duration>,
}

impl PresenceTracker {
    /// Nobody there; departures after `hold` of quiet.
    pub fn new(hold: Duration) -> PresenceTracker {
        PresenceTracker {
            hold,
            active: false,
            present: false,
            quiet_since: None,
        }
    }

    /// Whether someone is there now.
    pub fn present(&self) -> bool {
        self.present
    }

    /// The sensor's line became active (`true`) or inactive at `at`.
    pub fn level(&mut self, active: bool, at: Duration) -> Option<Presence> {
        self.active = active;
        if active {
            self.quiet_since = None;
            if !self.present {
                self.present = true;
                return Some(Presence::Arrived);
            }
            None
        } else {
            if self.present && self.quiet_since.is_none() {
                self.quiet_since = Some(at);
            }
            None
        }
    }

    /// Time has passed: reports a departure once the sensor has been quiet for the hold time.
    pub fn tick(&mut self, now: Duration) -> Option<Presence> {
        match self.quiet_since {
            Some(since)
                if self.present && !self.active && now.saturating_sub(since) >= self.hold =>
            {
                self.present = false;
                self.quiet_since = None;
                Some(Presence::Left)
            }
            _ => None,
        }
    }

    /// When the next departure would be due, if someone is there and the sensor is quiet.
    pub fn deadline(&self) -> Option<Duration> {
        self.quiet_since
            .filter(|_| self.present && !self.active)
            .map(|since| since + self.hold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replays (time in ms, level) edges, ticking every 100 ms up to `end_ms`.
    fn replay(hold_ms: u64, edges: &[(u64, bool)], end_ms: u64) -> Vec<(u64, Presence)> {
        let mut tracker = PresenceTracker::new(Duration::from_millis(hold_ms));
        let mut out = Vec::new();
        let mut edges = edges.iter().peekable();
        for now in (0..=end_ms).step_by(100) {
            while let Some((at, level)) = edges.next_if(|(at, _)| *at <= now) {
                if let Some(change) = tracker.level(*level, Duration::from_millis(*at)) {
                    out.push((*at, change));
                }
            }
            if let Some(change) = tracker.tick(Duration::from_millis(now)) {
                out.push((now, change));
            }
        }
        out
    }

    #[test]
    fn one_visit_with_a_pulsing_sensor_is_one_arrival_and_one_departure() {
        let edges = [
            (1_000, true),
            (1_500, false),
            (2_000, true), // still moving: no new arrival
            (2_200, false),
            (3_000, true),
            (3_100, false),
        ];
        assert_eq!(
            replay(2_000, &edges, 10_000),
            vec![(1_000, Presence::Arrived), (5_100, Presence::Left)]
        );
    }

    #[test]
    fn a_held_line_keeps_someone_present() {
        let edges = [(0, true), (9_000, false)];
        assert_eq!(
            replay(1_000, &edges, 12_000),
            vec![(0, Presence::Arrived), (10_000, Presence::Left)]
        );
    }

    #[test]
    fn two_visits() {
        let edges = [(500, true), (600, false), (5_000, true), (5_100, false)];
        assert_eq!(
            replay(1_000, &edges, 8_000),
            vec![
                (500, Presence::Arrived),
                (1_600, Presence::Left),
                (5_000, Presence::Arrived),
                (6_100, Presence::Left)
            ]
        );
    }

    #[test]
    fn the_deadline_says_when_to_look_again() {
        let mut tracker = PresenceTracker::new(Duration::from_secs(3));
        assert_eq!(tracker.deadline(), None);
        tracker.level(true, Duration::from_secs(1));
        assert_eq!(tracker.deadline(), None);
        tracker.level(false, Duration::from_secs(2));
        assert_eq!(tracker.deadline(), Some(Duration::from_secs(5)));
        assert!(tracker.present());
    }
}
