//! Opening hours as city staff write them (`Mo-Fr 09:00-18:00; Sa 10:00-14:00`), turned into
//! the minutes a kiosk is scheduled to be open in each hour of the week.

/// Hours in a week.
pub const HOURS_PER_WEEK: usize = 168;

/// Minutes open in each hour of the week, local time, Monday 00:00 first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyHours {
    minutes: [u8; HOURS_PER_WEEK],
}

const DAYS: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];

impl WeeklyHours {
    /// Never open.
    pub fn closed() -> WeeklyHours {
        WeeklyHours {
            minutes: [0; HOURS_PER_WEEK],
        }
    }

    /// Parses rules separated by `;`, each days then time ranges: `Mo-Fr 09:00-12:00,13:00-17:00`,
    /// `Sa,Su 10:00-14:00`, `Mo-Su 00:00-24:00`. `24/7` means always open; `closed` never.
    pub fn parse(text: &str) -> Result<WeeklyHours, String> {
        let mut minutes = [0u8; HOURS_PER_WEEK];
        let text = text.trim();
        if text.eq_ignore_ascii_case("24/7") {
            return Ok(WeeklyHours {
                minutes: [60; HOURS_PER_WEEK],
            });
        }
        if text.eq_ignore_ascii_case("closed") || text.eq_ignore_ascii_case("off") {
            return Ok(WeeklyHours { minutes });
        }
        if text.is_empty() {
            return Err(
                "opening hours are empty (write e.g. \"Mo-Fr 09:00-18:00\" or \"closed\")".into(),
            );
        }
        for rule in text
            .split(';')
            .map(str::trim)
            .filter(|rule| !rule.is_empty())
        {
            let (days, times) = rule.split_once(char::is_whitespace).ok_or_else(|| {
                format!("\"{rule}\" needs days and times, e.g. \"Mo-Fr 09:00-18:00\"")
            })?;
            let days = parse_days(days)?;
            for range in times.split(',').map(str::trim) {
                let (open, close) = range
                    .split_once('-')
                    .ok_or_else(|| format!("\"{range}\" is not a time range like 09:00-18:00"))?;
                let (open, close) = (parse_time(open)?, parse_time(close)?);
                if close <= open {
                    return Err(format!("\"{range}\" closes before it opens"));
                }
                for &day in &days {
                    for minute in open..close {
                        let hour = day * 24 + minute / 60;
                        minutes[hour] = minutes[hour].saturating_add(1).min(60);
                    }
                }
            }
        }
        Ok(WeeklyHours { minutes })
    }

    /// Minutes open in hour `hour_of_week` (0 = Monday 00:00–01:00 local time).
    pub fn minutes_in(&self, hour_of_week: usize) -> u32 {
        u32::from(self.minutes[hour_of_week % HOURS_PER_WEEK])
    }

    /// Minutes open in a whole week.
    pub fn minutes_per_week(&self) -> u32 {
        self.minutes.iter().map(|&m| u32::from(m)).sum()
    }
}

fn parse_days(text: &str) -> Result<Vec<usize>, String> {
    let day = |name: &str| {
        let lower = name.trim().to_ascii_lowercase();
        DAYS.iter()
            .position(|day| lower.starts_with(day) && lower.len() <= 3)
            .ok_or_else(|| format!("\"{name}\" is not a day (Mo, Tu, We, Th, Fr, Sa, Su)"))
    };
    let mut days = Vec::new();
    for part in text.split(',') {
        match part.split_once('-') {
            Some((first, last)) => {
                let (first, last) = (day(first)?, day(last)?);
                let mut d = first;
                loop {
                    days.push(d);
                    if d == last {
                        break;
                    }
                    d = (d + 1) % 7;
                }
            }
            None => days.push(day(part)?),
        }
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

fn parse_time(text: &str) -> Result<usize, String> {
    let bad = || format!("\"{text}\" is not a time like 09:30");
    let (hours, minutes) = text.trim().split_once(':').ok_or_else(bad)?;
    let hours: usize = hours.parse().map_err(|_| bad())?;
    let minutes: usize = minutes.parse().map_err(|_| bad())?;
    if minutes >= 60 || hours > 24 || (hours == 24 && minutes > 0) {
        return Err(bad());
    }
    Ok(hours * 60 + minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_rules_with_breaks_and_half_hours() -> Result<(), String> {
        let hours = WeeklyHours::parse("Mo-Fr 09:00-12:00,13:00-17:30; Sa 10:00-14:00")?;
        assert_eq!(hours.minutes_in(9), 60, "Monday 09:00");
        assert_eq!(hours.minutes_in(12), 0, "Monday lunch");
        assert_eq!(hours.minutes_in(17), 30, "Monday 17:00-17:30");
        assert_eq!(hours.minutes_in(5 * 24 + 10), 60, "Saturday 10:00");
        assert_eq!(hours.minutes_in(6 * 24 + 10), 0, "Sunday");
        assert_eq!(
            hours.minutes_per_week(),
            5 * (3 * 60 + 4 * 60 + 30) + 4 * 60
        );
        Ok(())
    }

    #[test]
    fn wrapping_day_ranges_always_open_and_closed() -> Result<(), String> {
        let weekend = WeeklyHours::parse("Sa-Mo 10:00-11:00")?;
        assert_eq!(weekend.minutes_per_week(), 3 * 60);
        assert_eq!(WeeklyHours::parse("24/7")?.minutes_per_week(), 168 * 60);
        assert_eq!(WeeklyHours::parse("closed")?.minutes_per_week(), 0);
        assert_eq!(
            WeeklyHours::parse("Mo-Su 00:00-24:00")?.minutes_per_week(),
            168 * 60
        );
        Ok(())
    }

    #[test]
    fn mistakes_are_explained() {
        for (text, expected) in [
            ("Mo-Fr", "needs days and times"),
            ("Xx 09:00-10:00", "is not a day"),
            ("Mo 9-10", "is not a time"),
            ("Mo 18:00-09:00", "closes before it opens"),
            ("Mo 09:00-25:00", "is not a time"),
            ("", "empty"),
        ] {
            let error = WeeklyHours::parse(text).err().unwrap_or_default();
            assert!(error.contains(expected), "{text:?}: {error}");
        }
    }
}
