//! Operations counters for `/metrics` (OpenMetrics): what the server did since it started.
//! Fleet and ingest figures only; nothing about residents.

use std::sync::atomic::{AtomicU64, Ordering};

/// Counters bumped by request handlers.
#[derive(Debug, Default)]
pub struct OpsCounters {
    /// Upload batches stored.
    pub batches_ingested: AtomicU64,
    /// Records stored (new ones).
    pub records_ingested: AtomicU64,
    /// Uploads refused as malformed.
    pub uploads_refused: AtomicU64,
    /// Uploads turned away because every ingest slot was busy (503).
    pub uploads_busy: AtomicU64,
    /// Staff logins that succeeded.
    pub staff_logins: AtomicU64,
    /// Staff logins refused (wrong password, or waiting after too many).
    pub staff_logins_refused: AtomicU64,
}

impl OpsCounters {
    /// Adds one to a counter.
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Adds `n` to a counter.
    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }
}
