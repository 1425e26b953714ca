//! A resumable upload of one compressed batch: sent in chunks sized to what the link has been
//! measured to carry, and resumed from the server's staged length after an interruption.

use std::time::{Duration, Instant};

use hardware::link::ThroughputEstimator;
use wire::{UploadReceipt, upload_id};

use super::{SyncClient, SyncError};

/// Smallest and first chunk sizes: small enough to get through a poor link quickly.
const MIN_CHUNK: u64 = 4 * 1024;
const FIRST_CHUNK: u64 = 32 * 1024;
/// Aim for chunks that take about this long on the measured link.
const CHUNK_SECONDS: f64 = 2.0;

/// What the link has been measured to carry (the hardware crate's throughput estimator, fed
/// with every chunk), and how many chunks in a row were lost on the way.
#[derive(Debug, Clone, Default)]
pub struct LinkEstimate {
    measured: ThroughputEstimator,
    recent_failures: u32,
}

impl LinkEstimate {
    /// Notes that `bytes` took `elapsed` to send and be acknowledged.
    pub fn observe(&mut self, bytes: u64, elapsed: Duration) {
        self.measured.record_transfer(bytes, elapsed);
        self.recent_failures = self.recent_failures.saturating_sub(1);
    }

    /// Notes that a chunk did not get through (the link dropped): each failure in a row halves
    /// the next chunks, so a link that drops every few kilobytes still moves data.
    pub fn failed(&mut self) {
        self.recent_failures = self.recent_failures.saturating_add(1).min(16);
    }

    /// The measured throughput in bytes per second, once there is a measurement.
    pub fn bytes_per_second(&self) -> Option<f64> {
        self.measured.estimate().map(|t| t.bytes_per_second)
    }

    /// How big the next chunk should be, at most `max_chunk` (the server's limit).
    pub fn chunk_size(&self, max_chunk: u64) -> u64 {
        let wanted = match self.bytes_per_second() {
            Some(rate) => (rate * CHUNK_SECONDS) as u64,
            None => FIRST_CHUNK,
        };
        (wanted >> self.recent_failures).clamp(MIN_CHUNK, max_chunk.max(MIN_CHUNK))
    }
}

/// How many answers in a row may bring no progress before giving up for this pass.
const MAX_STALLS: u32 = 3;

/// Uploads `batch`, resuming wherever the server's staging stands, until the server stores it.
/// `sent_bytes` grows by every byte put on the wire, resends included.
pub async fn upload(
    client: &SyncClient,
    batch: &[u8],
    max_chunk: u64,
    link: &mut LinkEstimate,
    sent_bytes: &mut u64,
) -> Result<UploadReceipt, SyncError> {
    let id = upload_id(batch);
    let total = batch.len() as u64;
    // A batch that fits in one chunk just goes (a lost one is sent whole again); a longer one
    // first asks how much an earlier, interrupted try left on the server.
    let mut offset = if total > link.chunk_size(max_chunk) {
        client
            .upload_state(&id)
            .await?
            .received
            .min(total.saturating_sub(1))
    } else {
        0
    };
    let mut stalls = 0;
    loop {
        let size = link.chunk_size(max_chunk).min(total - offset);
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(batch.len());
        let end = usize::try_from(offset + size)
            .unwrap_or(usize::MAX)
            .min(batch.len());
        let began = Instant::now();
        // Counted as sent when it goes out, even if the link drops it on the way.
        *sent_bytes += size;
        let state = match client
            .send_chunk(&id, offset, total, batch[start..end].to_vec())
            .await
        {
            Ok(state) => state,
            Err(error) => {
                if matches!(error, SyncError::Unreachable(_)) {
                    link.failed();
                }
                return Err(error);
            }
        };
        if let Some(receipt) = state.receipt {
            link.observe(size, began.elapsed());
            return Ok(receipt);
        }
        if state.received == offset + size {
            link.observe(size, began.elapsed());
            stalls = 0;
        } else {
            // The server had staged more (an earlier, interrupted try) or less (a chunk was
            // lost): continue from what it holds.
            stalls += 1;
            if stalls > MAX_STALLS {
                return Err(SyncError::Protocol(format!(
                    "the upload does not progress (the server holds {} of {total} bytes)",
                    state.received
                )));
            }
        }
        if state.received >= total {
            // The server staged all of it but never stored it (it stopped in between): an
            // empty chunk at the end has it check and store what it holds.
            if offset == total {
                return Err(SyncError::Protocol(
                    "the server has the whole batch but does not store it".into(),
                ));
            }
            offset = total;
            continue;
        }
        offset = state.received;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_follow_the_measured_link_within_bounds() {
        let mut link = LinkEstimate::default();
        assert_eq!(link.chunk_size(1 << 20), FIRST_CHUNK);
        // 256 kbit/s: 32 KB/s, so about 64 KB per two-second chunk.
        link.observe(32_000, Duration::from_secs(1));
        assert_eq!(link.chunk_size(1 << 20), 64_000);
        // Never over the server's limit.
        assert_eq!(link.chunk_size(16_000), 16_000);
        // Dropped chunks halve the next ones, down to the minimum; successes grow them back.
        link.failed();
        assert_eq!(link.chunk_size(1 << 20), 32_000);
        for _ in 0..10 {
            link.failed();
        }
        assert_eq!(link.chunk_size(1 << 20), MIN_CHUNK);
        let mut fresh = LinkEstimate::default();
        fresh.failed();
        assert_eq!(fresh.chunk_size(1 << 20), FIRST_CHUNK / 2);
        fresh.observe(4096, Duration::from_millis(10));
        assert!(fresh.chunk_size(1 << 20) > FIRST_CHUNK);
    }
}
