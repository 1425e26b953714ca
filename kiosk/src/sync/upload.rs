//! A resumable upload of one compressed batch: sent in chunks sized to what the link has been
//! measured to carry, and resumed from the server's staged length after an interruption.

use std::time::{Duration, Instant};

use wire::{UploadReceipt, upload_id};

use super::{SyncClient, SyncError};

/// Smallest and first chunk sizes: small enough to get through a poor link quickly.
const MIN_CHUNK: u64 = 4 * 1024;
const FIRST_CHUNK: u64 = 32 * 1024;
/// Aim for chunks that take about this long on the measured link.
const CHUNK_SECONDS: f64 = 2.0;

/// What the link has been measured to carry, from past chunks (a moving average).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LinkEstimate {
    bytes_per_second: Option<f64>,
}

impl LinkEstimate {
    /// Notes that `bytes` took `elapsed` to send and be acknowledged.
    pub fn observe(&mut self, bytes: u64, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64().max(0.001);
        let rate = bytes as f64 / seconds;
        self.bytes_per_second = Some(match self.bytes_per_second {
            Some(previous) => previous * 0.7 + rate * 0.3,
            None => rate,
        });
    }

    /// The measured throughput in bytes per second, once there is a measurement.
    pub fn bytes_per_second(&self) -> Option<f64> {
        self.bytes_per_second
    }

    /// How big the next chunk should be, at most `max_chunk` (the server's limit).
    pub fn chunk_size(&self, max_chunk: u64) -> u64 {
        let wanted = match self.bytes_per_second {
            Some(rate) => (rate * CHUNK_SECONDS) as u64,
            None => FIRST_CHUNK,
        };
        wanted.clamp(MIN_CHUNK, max_chunk.max(MIN_CHUNK))
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
        let state = client
            .send_chunk(&id, offset, total, batch[start..end].to_vec())
            .await?;
        *sent_bytes += size;
        if let Some(receipt) = state.receipt {
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
            return Err(SyncError::Protocol(
                "the server has the whole batch but did not store it".into(),
            ));
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
        // A very slow link never goes under the minimum, a fast one never over the server's limit.
        for _ in 0..20 {
            link.observe(10, Duration::from_secs(100));
        }
        assert_eq!(link.chunk_size(1 << 20), MIN_CHUNK);
        link.observe(100_000_000, Duration::from_secs(1));
        assert_eq!(link.chunk_size(1 << 20), 1 << 20);
    }
}
