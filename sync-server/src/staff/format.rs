//! Times as staff read them: an absolute UTC time and how long ago it was.

use time::OffsetDateTime;
use time::macros::format_description;

/// `2026-11-23 11:02 UTC`, or the raw number if it is out of range.
pub fn utc(unix_seconds: i64) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    OffsetDateTime::from_unix_timestamp(unix_seconds)
        .ok()
        .and_then(|time| time.format(format).ok())
        .unwrap_or_else(|| unix_seconds.to_string())
}

/// RFC 3339 for machines: `2026-11-23T11:02:00Z`.
pub fn rfc3339(unix_seconds: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix_seconds)
        .ok()
        .and_then(|time| {
            time.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| unix_seconds.to_string())
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago".
pub fn ago(now: i64, then: i64) -> String {
    let seconds = (now - then).max(0);
    let (count, unit) = match seconds {
        0..60 => return "just now".to_owned(),
        60..3600 => (seconds / 60, "minute"),
        3600..86_400 => (seconds / 3600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural} ago")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(ago(1000, 1000), "just now");
        assert_eq!(ago(1000, 2000), "just now");
        assert_eq!(ago(1060, 1000), "1 minute ago");
        assert_eq!(ago(1000 + 5 * 60 + 59, 1000), "5 minutes ago");
        assert_eq!(ago(1000 + 3 * 3600, 1000), "3 hours ago");
        assert_eq!(ago(1000 + 86_400, 1000), "1 day ago");
    }

    #[test]
    fn utc_times() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(rfc3339(3600), "1970-01-01T01:00:00Z");
    }
}
