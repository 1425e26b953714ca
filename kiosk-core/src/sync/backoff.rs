//! When to try again: exponential backoff with full jitter, capped, so a fleet coming back
//! online together spreads out instead of stampeding the server.

use std::time::Duration;

/// First retry waits up to this long.
pub const BASE_DELAY: Duration = Duration::from_secs(2);
/// No wait is ever longer than this.
pub const MAX_DELAY: Duration = Duration::from_secs(10 * 60);

/// Consecutive failures so far, and how long to wait after the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    /// Forget past failures (after a success).
    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// Consecutive failures so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// Records a failure and returns how long to wait: `jitter` (in [0, 1), random in real
    /// use) times the capped exponential ceiling `BASE_DELAY × 2^(failures − 1)`.
    pub fn next_delay(&mut self, jitter: f64) -> Duration {
        self.failures = self.failures.saturating_add(1);
        let ceiling = ceiling(self.failures);
        ceiling
            .mul_f64(jitter.clamp(0.0, 1.0))
            .max(Duration::from_millis(100))
    }
}

/// The largest wait after `failures` consecutive failures.
pub fn ceiling(failures: u32) -> Duration {
    let exponent = failures.saturating_sub(1).min(20);
    BASE_DELAY.saturating_mul(1u32 << exponent).min(MAX_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceilings_double_then_cap() {
        let table = [
            (1, Duration::from_secs(2)),
            (2, Duration::from_secs(4)),
            (3, Duration::from_secs(8)),
            (9, Duration::from_secs(512)),
            (10, MAX_DELAY),
            (1000, MAX_DELAY),
        ];
        for (failures, expected) in table {
            assert_eq!(ceiling(failures), expected, "after {failures} failures");
        }
    }

    #[test]
    fn delays_are_jittered_within_the_ceiling_and_reset_on_success() {
        let mut backoff = Backoff::default();
        assert_eq!(backoff.next_delay(0.5), Duration::from_secs(1));
        assert_eq!(backoff.next_delay(0.5), Duration::from_secs(2));
        assert_eq!(backoff.next_delay(1.0), Duration::from_secs(8));
        assert_eq!(
            backoff.next_delay(0.0),
            Duration::from_millis(100),
            "never a busy loop"
        );
        assert_eq!(backoff.failures(), 4);
        backoff.reset();
        assert_eq!(backoff.next_delay(0.5), Duration::from_secs(1));
    }
}
