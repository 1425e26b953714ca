//! The kiosk's notion of now, in Unix seconds.

/// Seconds since the Unix epoch, by the system clock.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
