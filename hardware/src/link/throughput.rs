//! How fast the uplink is, measured from the transfers the sync code reports: an
//! exponentially weighted average of bytes per second, where small transfers (dominated by
//! round trips, not bandwidth) count for little and tiny ones not at all.

use std::time::Duration;

/// Transfers below this size say nothing about bandwidth.
pub const MIN_SAMPLE_BYTES: u64 = 4 * 1024;
/// A transfer of this size or more moves the average by the full [`WEIGHT`].
pub const FULL_SAMPLE_BYTES: u64 = 256 * 1024;
/// How much one full-size transfer moves the average.
pub const WEIGHT: f64 = 0.3;

/// The measured speed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Throughput {
    /// Bytes per second.
    pub bytes_per_second: f64,
    /// How many transfers it rests on.
    pub samples: u32,
}

/// Averages reported transfers into a throughput.
#[derive(Debug, Clone, Default)]
pub struct ThroughputEstimator {
    estimate: Option<f64>,
    samples: u32,
}

impl ThroughputEstimator {
    /// No measurement yet.
    pub fn new() -> ThroughputEstimator {
        ThroughputEstimator::default()
    }

    /// The sync code moved `bytes` in `duration` (request sent to response read).
    pub fn record_transfer(&mut self, bytes: u64, duration: Duration) {
        if bytes < MIN_SAMPLE_BYTES || duration.is_zero() {
            return;
        }
        let rate = bytes as f64 / duration.as_secs_f64();
        let weight = WEIGHT * (bytes.min(FULL_SAMPLE_BYTES) as f64 / FULL_SAMPLE_BYTES as f64);
        self.estimate = Some(match self.estimate {
            None => rate,
            Some(old) => old + weight * (rate - old),
        });
        self.samples = self.samples.saturating_add(1);
    }

    /// The current estimate, `None` until a transfer large enough was reported.
    pub fn estimate(&self) -> Option<Throughput> {
        self.estimate.map(|bytes_per_second| Throughput {
            bytes_per_second,
            samples: self.samples,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_transfer_sets_the_estimate_and_later_ones_move_it() {
        let mut estimator = ThroughputEstimator::new();
        assert_eq!(estimator.estimate(), None);
        estimator.record_transfer(1_000_000, Duration::from_secs(1));
        assert_eq!(estimator.estimate().unwrap().bytes_per_second, 1_000_000.0);
        estimator.record_transfer(1_000_000, Duration::from_millis(500));
        let estimate = estimator.estimate().unwrap();
        assert!(
            (estimate.bytes_per_second - 1_300_000.0).abs() < 1.0,
            "{estimate:?}"
        );
        assert_eq!(estimate.samples, 2);
    }

    #[test]
    fn small_transfers_count_less_and_tiny_ones_not_at_all() {
        let mut estimator = ThroughputEstimator::new();
        estimator.record_transfer(1_000_000, Duration::from_secs(1));
        estimator.record_transfer(100, Duration::from_secs(1));
        estimator.record_transfer(5_000_000, Duration::ZERO);
        assert_eq!(estimator.estimate().unwrap().samples, 1);
        // 64 KiB at 64 KiB/s moves the average a quarter as far as a full-size transfer.
        estimator.record_transfer(64 * 1024, Duration::from_secs(1));
        let expected = 1_000_000.0 + WEIGHT * 0.25 * (65_536.0 - 1_000_000.0);
        let got = estimator.estimate().unwrap().bytes_per_second;
        assert!((got - expected).abs() < 1.0, "{got} vs {expected}");
    }
}
