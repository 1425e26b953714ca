//! A small ledger of sync attempts: when, whether it worked, what was sent, and why not.

use rusqlite::{OptionalExtension as _, params};

use super::{LocalStore, StoreError};

/// Attempts kept in the ledger; older ones are dropped.
const KEEP_ATTEMPTS: i64 = 200;

/// One sync attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncAttempt {
    /// Unix seconds when it started.
    pub started_at: i64,
    /// Unix seconds when it ended.
    pub finished_at: i64,
    /// True when everything waiting was delivered.
    pub succeeded: bool,
    /// Records the server acknowledged in this attempt.
    pub sent: u64,
    /// Bytes of record batches put on the wire.
    pub bytes: u64,
    /// The server's clock minus the kiosk's, in seconds (0 if the server was not reached).
    pub clock_offset: i64,
    /// What happened, in plain words.
    pub message: String,
}

impl LocalStore {
    /// Adds an attempt to the ledger, dropping the oldest beyond the limit.
    pub fn record_sync_attempt(&self, attempt: &SyncAttempt) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO sync_attempts (started_at, finished_at, succeeded, sent, bytes, clock_offset, message)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                attempt.started_at,
                attempt.finished_at,
                attempt.succeeded,
                attempt.sent as i64,
                attempt.bytes as i64,
                attempt.clock_offset,
                attempt.message
            ],
        )?;
        self.connection.execute(
            "DELETE FROM sync_attempts WHERE id <= (SELECT MAX(id) FROM sync_attempts) - ?1",
            params![KEEP_ATTEMPTS],
        )?;
        Ok(())
    }

    /// Counts bytes downloaded outside a sync pass (kiosk software) against the day's budget,
    /// as an attempt that sent no records.
    pub fn note_download(&self, bytes: u64, at: i64) -> Result<(), StoreError> {
        let offset = self
            .last_successful_sync()?
            .map(|a| a.clock_offset)
            .unwrap_or(0);
        self.record_sync_attempt(&SyncAttempt {
            started_at: at,
            finished_at: at,
            succeeded: true,
            sent: 0,
            bytes,
            clock_offset: offset,
            message: format!("downloaded kiosk software ({bytes} bytes)"),
        })
    }

    /// The most recent attempt, successful or not.
    pub fn last_sync_attempt(&self) -> Result<Option<SyncAttempt>, StoreError> {
        self.latest_attempt("")
    }

    /// The most recent successful attempt.
    pub fn last_successful_sync(&self) -> Result<Option<SyncAttempt>, StoreError> {
        self.latest_attempt("WHERE succeeded = 1")
    }

    /// Bytes put on the wire by attempts that started at or after `since` (Unix seconds).
    pub fn bytes_sent_since(&self, since: i64) -> Result<u64, StoreError> {
        let bytes: i64 = self.connection.query_row(
            "SELECT COALESCE(SUM(bytes), 0) FROM sync_attempts WHERE started_at >= ?1",
            params![since],
            |row| row.get(0),
        )?;
        Ok(bytes.max(0) as u64)
    }

    /// The last heartbeat written, with when, if any is still kept.
    pub fn last_heartbeat(&self) -> Result<Option<(i64, wire::Heartbeat)>, StoreError> {
        let row: Option<(i64, Option<Vec<u8>>)> = self
            .connection
            .query_row(
                "SELECT written_at, body FROM outbox WHERE kind = 'heartbeat' ORDER BY seq DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        Ok(
            row.and_then(|(at, body)| match wire::RecordBody::decode(&body?) {
                Ok(wire::RecordBody::Heartbeat(heartbeat)) => Some((at, heartbeat)),
                _ => None,
            }),
        )
    }

    fn latest_attempt(&self, filter: &str) -> Result<Option<SyncAttempt>, StoreError> {
        let sql = format!(
            "SELECT started_at, finished_at, succeeded, sent, bytes, clock_offset, message
             FROM sync_attempts {filter} ORDER BY id DESC LIMIT 1"
        );
        Ok(self
            .connection
            .query_row(&sql, [], |row| {
                Ok(SyncAttempt {
                    started_at: row.get(0)?,
                    finished_at: row.get(1)?,
                    succeeded: row.get(2)?,
                    sent: row.get::<_, i64>(3)?.max(0) as u64,
                    bytes: row.get::<_, i64>(4)?.max(0) as u64,
                    clock_offset: row.get(5)?,
                    message: row.get(6)?,
                })
            })
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::temp_store;
    use super::*;

    fn attempt(at: i64, succeeded: bool) -> SyncAttempt {
        SyncAttempt {
            started_at: at,
            finished_at: at + 1,
            succeeded,
            sent: 0,
            bytes: 100,
            clock_offset: -3,
            message: format!("attempt {at}"),
        }
    }

    #[test]
    fn the_ledger_tells_last_attempt_and_last_success() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        assert_eq!(store.last_sync_attempt()?, None);
        store.record_sync_attempt(&attempt(10, true))?;
        store.record_sync_attempt(&attempt(20, false))?;
        assert_eq!(store.last_sync_attempt()?, Some(attempt(20, false)));
        assert_eq!(store.last_successful_sync()?, Some(attempt(10, true)));
        assert_eq!(store.bytes_sent_since(15)?, 100);
        Ok(())
    }

    #[test]
    fn the_ledger_stays_small() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        for at in 0..(KEEP_ATTEMPTS + 50) {
            store.record_sync_attempt(&attempt(at, true))?;
        }
        let count: i64 =
            store
                .connection
                .query_row("SELECT COUNT(*) FROM sync_attempts", [], |r| r.get(0))?;
        assert_eq!(count, KEEP_ATTEMPTS);
        Ok(())
    }
}
