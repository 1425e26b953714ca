//! Checks both sides apply to events, so a kiosk never queues what the server would refuse.

use crate::{Event, EventKind};

/// Seconds in an hour: event times are kept no finer than this.
const HOUR: i64 = 3600;

/// The latest time a kiosk may report (2100-01-01 UTC): later ones are refused, as are
/// times before 1970, so no date arithmetic on either side can overflow.
pub const LATEST_TIME: i64 = 4_102_444_800;

/// True for a time a kiosk may report: Unix seconds from 1970 to [`LATEST_TIME`].
pub fn is_plausible_time(unix_seconds: i64) -> bool {
    (0..=LATEST_TIME).contains(&unix_seconds)
}

/// Rounds a Unix time down to the start of its hour (also for times before 1970).
pub fn round_down_to_hour(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(HOUR) * HOUR
}

/// True for a visit id: exactly 32 lowercase hex digits.
pub fn is_session_id(text: &str) -> bool {
    text.len() == 32
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// True for a plausible BCP 47 tag such as `en`, `ar` or `zh-Hans`: letters and digits in
/// subtags of 1 to 8 characters, separated by `-`, at most 35 characters in all.
pub fn is_locale_tag(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 35
        && text.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// True for a content code such as `housing`, `housing.repairs` or `strong-passwords`:
/// 1 to 64 characters of lower-case ASCII letters, digits, `-`, `_` and `.`. Codes are the only
/// words events carry, so nothing a resident typed can travel in one.
pub fn is_code(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// Why an event was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidEvent {
    /// The event's sequence number.
    pub seq: u64,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl std::fmt::Display for InvalidEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "event {}: {}", self.seq, self.reason)
    }
}

impl std::error::Error for InvalidEvent {}

impl Event {
    /// Checks the event is well formed and as coarse as promised.
    pub fn validate(&self) -> Result<(), InvalidEvent> {
        let fail = |reason| {
            Err(InvalidEvent {
                seq: self.seq,
                reason,
            })
        };
        if self.seq == 0 {
            return fail("sequence numbers start at 1");
        }
        if !is_session_id(&self.session) {
            return fail("the session id must be 32 lowercase hex digits");
        }
        if !is_plausible_time(self.hour) || self.hour % HOUR != 0 {
            return fail("the time must be Unix seconds (1970 to 2100) rounded down to the hour");
        }
        match &self.kind {
            EventKind::LanguageChosen { locale } if !is_locale_tag(locale) => {
                fail("the locale is not a language tag")
            }
            EventKind::CategoryOpened { category: code }
            | EventKind::ServiceViewed { topic: code }
            | EventKind::ServicePrinted { topic: code }
            | EventKind::ServiceSentToPhone { topic: code }
            | EventKind::RequestStarted { topic: code }
            | EventKind::RequestSubmitted { topic: code }
            | EventKind::ModuleStarted { module: code }
            | EventKind::ModuleFinished { module: code, .. }
            | EventKind::FeedbackGiven { topic: code, .. }
            | EventKind::SurveyAnswered { survey: code }
                if !is_code(code) =>
            {
                fail("content codes are lower-case letters, digits, '-', '_' and '.'")
            }
            EventKind::Searched {
                topic: Some(code), ..
            } if !is_code(code) => {
                fail("content codes are lower-case letters, digits, '-', '_' and '.'")
            }
            EventKind::FeedbackGiven { rating, .. } if !(1..=5).contains(rating) => {
                fail("ratings go from 1 to 5")
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EndReason, Tile};

    fn event(kind: EventKind) -> Event {
        Event {
            seq: 1,
            session: "a".repeat(32),
            hour: 7200,
            kind,
        }
    }

    #[test]
    fn rounding_goes_down_to_the_hour() {
        assert_eq!(round_down_to_hour(0), 0);
        assert_eq!(round_down_to_hour(3599), 0);
        assert_eq!(round_down_to_hour(3600), 3600);
        assert_eq!(round_down_to_hour(1_790_003_723), 1_790_002_800);
        assert_eq!(round_down_to_hour(-1), -3600);
    }

    #[test]
    fn session_ids_are_32_lower_hex() {
        assert!(is_session_id("0123456789abcdef0123456789abcdef"));
        assert!(!is_session_id("0123456789ABCDEF0123456789ABCDEF"));
        assert!(!is_session_id("0123"));
        assert!(!is_session_id("g123456789abcdef0123456789abcdef"));
    }

    #[test]
    fn locale_tags() {
        for good in ["en", "ar", "zh-Hans", "pt-BR", "sw"] {
            assert!(is_locale_tag(good), "{good}");
        }
        for bad in ["", "en_US", "-en", "en-", "a b", "abcdefghi", "<script>"] {
            assert!(!is_locale_tag(bad), "{bad}");
        }
    }

    #[test]
    fn validation_table() {
        let good = [
            event(EventKind::SessionStarted),
            event(EventKind::LanguageChosen {
                locale: "zh-Hans".into(),
            }),
            event(EventKind::TileOpened { tile: Tile::Learn }),
            event(EventKind::SessionEnded {
                reason: EndReason::IdleTimeout,
            }),
        ];
        for e in good {
            assert_eq!(e.validate(), Ok(()), "{e:?}");
        }
        let mut zero_seq = event(EventKind::SessionStarted);
        zero_seq.seq = 0;
        let mut bad_session = event(EventKind::SessionStarted);
        bad_session.session = "Ana Garcia".into();
        let mut fine_time = event(EventKind::SessionStarted);
        fine_time.hour = 7201;
        let bad_locale = event(EventKind::LanguageChosen {
            locale: "not a tag".into(),
        });
        for e in [zero_seq, bad_session, fine_time, bad_locale] {
            assert!(e.validate().is_err(), "{e:?}");
        }
    }
}
