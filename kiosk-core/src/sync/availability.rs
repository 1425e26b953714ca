//! Availability (metric M2): which minutes of each hour the kiosk was running and usable.
//! The worker notes the current minute about once a minute; once an hour is over, it becomes
//! one availability record. A kiosk that was switched off records nothing for those minutes.

use std::collections::BTreeMap;

use wire::AvailabilityRecord;

/// Minutes seen alive, per hour (Unix seconds of the hour → one bit per minute).
#[derive(Debug, Default)]
pub struct UptimeMeter {
    hours: BTreeMap<i64, u64>,
}

impl UptimeMeter {
    /// Notes that the kiosk is usable at `now` (Unix seconds).
    pub fn note_alive(&mut self, now: i64) {
        let hour = now.div_euclid(3600) * 3600;
        let minute = (now - hour) / 60;
        *self.hours.entry(hour).or_default() |= 1u64 << minute;
    }

    /// The hours that ended before `now`, as records, forgotten once taken.
    pub fn take_finished(&mut self, now: i64) -> Vec<AvailabilityRecord> {
        let current = now.div_euclid(3600) * 3600;
        let still_open = self.hours.split_off(&current);
        let finished = std::mem::replace(&mut self.hours, still_open);
        finished
            .into_iter()
            .map(|(hour, minutes)| AvailabilityRecord {
                hour,
                usable_minutes: minutes.count_ones().min(60) as u8,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_are_counted_once_and_hours_handed_over_when_over() {
        let mut meter = UptimeMeter::default();
        let hour = 3600 * 480_000;
        for second in (0..3600).step_by(20) {
            meter.note_alive(hour + second); // three notes a minute count once
        }
        meter.note_alive(hour + 3600 + 5);
        assert!(
            meter.take_finished(hour + 3599).is_empty(),
            "the hour is not over"
        );
        let records = meter.take_finished(hour + 3600 + 10);
        assert_eq!(
            records,
            vec![AvailabilityRecord {
                hour,
                usable_minutes: 60
            }]
        );
        let later = meter.take_finished(hour + 2 * 3600);
        assert_eq!(later[0].usable_minutes, 1);
        assert!(meter.take_finished(hour + 3 * 3600).is_empty());
    }
}
