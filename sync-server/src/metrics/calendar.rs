//! The city's calendar: which month and which hour of the week an instant falls in, in the
//! city's own time zone (an IANA name such as `Europe/Paris`, with daylight saving), and
//! where a month begins and ends. The store counts records with it as they arrive; the
//! figures read months and opening hours with it.

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use jiff::tz::{Offset, TimeZone};

use super::MetricsError;

/// Settings keys the calendar reads.
pub mod settings {
    /// The city's IANA time zone, e.g. `Europe/Paris`.
    pub const TIME_ZONE: &str = "time_zone";
    /// The city's fixed offset from UTC in whole hours, from before time zones (used only
    /// when no time zone is set).
    pub const UTC_OFFSET_HOURS: &str = "utc_offset_hours";
}

/// A time zone name that is not in the time zone database.
#[derive(Debug, thiserror::Error)]
#[error(
    "\"{0}\" is not a time zone: write it as in the IANA database, e.g. Europe/Paris or America/New_York"
)]
pub struct UnknownTimeZone(pub String);

/// The city's clock.
#[derive(Debug, Clone)]
pub struct Calendar {
    zone: TimeZone,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::utc()
    }
}

impl Calendar {
    /// Months and hours in UTC.
    pub fn utc() -> Calendar {
        Calendar {
            zone: TimeZone::UTC,
        }
    }

    /// The calendar of an IANA time zone.
    pub fn named(name: &str) -> Result<Calendar, UnknownTimeZone> {
        let name = name.trim();
        // jiff also accepts POSIX TZ strings and paths; a city names a zone.
        if name.is_empty() || name.starts_with('/') || name.contains("..") {
            return Err(UnknownTimeZone(name.to_owned()));
        }
        TimeZone::get(name)
            .map(|zone| Calendar { zone })
            .map_err(|_| UnknownTimeZone(name.to_owned()))
    }

    /// A fixed offset from UTC in whole hours, no daylight saving (the setting from before
    /// time zones).
    pub fn fixed_hours(hours: i8) -> Calendar {
        Calendar {
            zone: TimeZone::fixed(Offset::constant(hours.clamp(-25, 25))),
        }
    }

    /// The calendar settings describe: the time zone if set and known, else the fixed
    /// offset, else UTC. A stored name no longer known (the database changed) falls back
    /// likewise, with a warning.
    pub fn from_settings(time_zone: Option<&str>, utc_offset_hours: Option<&str>) -> Calendar {
        if let Some(name) = time_zone {
            match Calendar::named(name) {
                Ok(calendar) => return calendar,
                Err(error) => tracing::warn!(%error, "the city's time zone is unknown here"),
            }
        }
        utc_offset_hours
            .and_then(|hours| hours.trim().parse::<i8>().ok())
            .map_or_else(Calendar::utc, Calendar::fixed_hours)
    }

    /// The zone's name, e.g. `Europe/Paris` (`UTC+02` for a fixed offset).
    pub fn name(&self) -> String {
        match self.zone.iana_name() {
            Some(name) => name.to_owned(),
            None => {
                let offset = self.zone.to_offset(Timestamp::UNIX_EPOCH);
                format!("UTC{offset}")
            }
        }
    }

    fn date_of(&self, unix: i64) -> Date {
        let instant = Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH);
        instant.to_zoned(self.zone.clone()).date()
    }

    /// `YYYY-MM` of the month an instant falls in, in the city's time.
    pub fn month_of(&self, unix: i64) -> String {
        let date = self.date_of(unix);
        format!("{:04}-{:02}", date.year(), date.month())
    }

    /// Hour of the week in the city's time, 0 = Monday 00:00–01:00. On the night clocks go
    /// back, the repeated hour counts twice in the same slot; on the night they go forward,
    /// the skipped hour gets nothing.
    pub fn hour_of_week(&self, unix: i64) -> usize {
        let instant = Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH);
        let local = instant.to_zoned(self.zone.clone());
        let day = match local.weekday() {
            Weekday::Monday => 0,
            Weekday::Tuesday => 1,
            Weekday::Wednesday => 2,
            Weekday::Thursday => 3,
            Weekday::Friday => 4,
            Weekday::Saturday => 5,
            Weekday::Sunday => 6,
        };
        day * 24 + local.hour().clamp(0, 23) as usize
    }

    /// Unix seconds at the city's midnight starting a `YYYY-MM` month, and at the next one.
    pub fn month_bounds(&self, month: &str) -> Result<(i64, i64), MetricsError> {
        let (year, number) = parse_month(month)?;
        let start = self.midnight_of_first(year, number)?;
        let (next_year, next_month) = if number == 12 {
            (year + 1, 1)
        } else {
            (year, number + 1)
        };
        Ok((start, self.midnight_of_first(next_year, next_month)?))
    }

    fn midnight_of_first(&self, year: i16, month: i8) -> Result<i64, MetricsError> {
        let bad = || MetricsError::BadMonth(format!("{year:04}-{month:02}"));
        let date = Date::new(year, month, 1).map_err(|_| bad())?;
        let start = date
            .to_zoned(self.zone.clone())
            .map_err(|_| bad())?
            .timestamp();
        Ok(start.as_second())
    }

    /// The month before `month`.
    pub fn previous_month(month: &str) -> Result<String, MetricsError> {
        let (year, number) = parse_month(month)?;
        let (year, number) = if number == 1 {
            (year - 1, 12)
        } else {
            (year, number - 1)
        };
        Ok(format!("{year:04}-{number:02}"))
    }
}

/// Year and month of `YYYY-MM` (1970 to 9998).
fn parse_month(month: &str) -> Result<(i16, i8), MetricsError> {
    let bad = || MetricsError::BadMonth(month.to_owned());
    let (year, number) = month.split_once('-').ok_or_else(bad)?;
    if year.len() != 4
        || number.len() != 2
        || !year
            .bytes()
            .chain(number.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let year: i16 = year.parse().map_err(|_| bad())?;
    let number: i8 = number.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&number) || !(1970..=9998).contains(&year) {
        return Err(bad());
    }
    Ok((year, number))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-03-29 01:00 UTC: clocks in Paris go from 02:00 to 03:00 (CET → CEST).
    const PARIS_SPRING: i64 = 1_774_746_000;
    /// 2026-10-25 01:00 UTC: clocks in Paris go from 03:00 back to 02:00.
    const PARIS_AUTUMN: i64 = 1_792_890_000;

    #[test]
    fn months_follow_the_citys_midnight_across_daylight_saving() -> Result<(), MetricsError> {
        let paris =
            Calendar::named("Europe/Paris").map_err(|e| MetricsError::BadMonth(e.to_string()))?;
        // April begins at midnight summer time, 22:00 UTC on 31 March.
        let (march, april) = paris.month_bounds("2026-03")?;
        assert_eq!(march, 1_772_319_600, "1 March 00:00 CET = 28 Feb 23:00 UTC");
        assert_eq!(
            april, 1_774_994_400,
            "1 April 00:00 CEST = 31 March 22:00 UTC"
        );
        // March has one hour fewer than 31 days: the clocks went forward in it.
        assert_eq!(april - march, 31 * 86_400 - 3600);
        assert_eq!(paris.month_of(april - 1), "2026-03");
        assert_eq!(paris.month_of(april), "2026-04");
        // In UTC that same instant is still March.
        assert_eq!(Calendar::utc().month_of(april), "2026-03");
        // October has one hour more.
        let (october, november) = paris.month_bounds("2026-10")?;
        assert_eq!(november - october, 31 * 86_400 + 3600);
        Ok(())
    }

    #[test]
    fn hours_of_the_week_are_local_and_shift_with_daylight_saving() -> Result<(), MetricsError> {
        let paris =
            Calendar::named("Europe/Paris").map_err(|e| MetricsError::BadMonth(e.to_string()))?;
        // Sunday 29 March 2026: 00:00 UTC is 01:00 CET; 01:00 UTC is already 03:00 CEST.
        let sunday = 6 * 24;
        assert_eq!(paris.hour_of_week(PARIS_SPRING - 3600), sunday + 1);
        assert_eq!(paris.hour_of_week(PARIS_SPRING), sunday + 3);
        // Sunday 25 October 2026: 00:00 UTC is 02:00 CEST and 01:00 UTC is 02:00 CET again.
        assert_eq!(paris.hour_of_week(PARIS_AUTUMN - 3600), sunday + 2);
        assert_eq!(paris.hour_of_week(PARIS_AUTUMN), sunday + 2);
        // A Monday 09:00 in Paris in winter is 08:00 UTC, in summer 07:00 UTC.
        let winter_monday_9 = 1_767_571_200 + 8 * 3600; // 2026-01-05 is a Monday
        assert_eq!(paris.hour_of_week(winter_monday_9), 9);
        let summer_monday_9 = 1_780_272_000 + 7 * 3600; // 2026-06-01 is a Monday
        assert_eq!(paris.hour_of_week(summer_monday_9), 9);
        assert_eq!(Calendar::utc().hour_of_week(summer_monday_9), 7);
        Ok(())
    }

    #[test]
    fn settings_choose_the_zone_then_the_offset_then_utc() {
        assert_eq!(
            Calendar::from_settings(Some("America/New_York"), Some("3")).name(),
            "America/New_York"
        );
        assert_eq!(
            Calendar::from_settings(Some("Mars/Olympus"), Some("3")).month_of(1_767_214_800),
            "2026-01"
        );
        assert_eq!(
            Calendar::from_settings(None, Some("-5")).month_of(1_767_243_599),
            "2025-12"
        );
        assert_eq!(Calendar::from_settings(None, None).name(), "UTC");
        for bad in [
            "",
            "Mars/Olympus",
            "/etc/passwd",
            "../../etc/passwd",
            "Europe/../../x",
        ] {
            assert!(Calendar::named(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn months_are_checked() {
        for bad in [
            "2026-13", "26-01", "2026/01", "", "2026-1", "+026-01", "2026-+1", "1969-12",
        ] {
            assert!(Calendar::utc().month_bounds(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Calendar::previous_month("2026-01").ok().as_deref(),
            Some("2025-12")
        );
        assert_eq!(
            Calendar::previous_month("2026-11").ok().as_deref(),
            Some("2026-10")
        );
    }
}
