//! Storing uploaded events exactly once per (kiosk, sequence number).

use rusqlite::params;
use wire::{BatchReceipt, Event};

use super::{Store, StoreError};

impl Store {
    /// Stores a batch of already-validated events from one kiosk in a single transaction.
    /// An event whose (kiosk, seq) is already stored is counted as `already_had` and left as it
    /// was, so re-sending a batch whose acknowledgement was lost stores nothing new.
    pub fn ingest_events(
        &self,
        kiosk_id: &str,
        events: &[Event],
        now: i64,
    ) -> Result<BatchReceipt, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        let mut stored: u32 = 0;
        {
            let mut insert = transaction.prepare_cached(
                "INSERT OR IGNORE INTO events (kiosk_id, seq, session, hour, kind, body, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for event in events {
                let body = serde_json::to_string(event).map_err(|e| {
                    StoreError::Task(format!("cannot encode event {}: {e}", event.seq))
                })?;
                let seq = i64::try_from(event.seq).map_err(|_| {
                    StoreError::Task(format!("sequence number {} is too large", event.seq))
                })?;
                stored += insert.execute(params![
                    kiosk_id,
                    seq,
                    event.session,
                    event.hour,
                    event.kind.name(),
                    body,
                    now
                ])? as u32;
            }
        }
        let high_water: i64 = transaction.query_row(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE kiosk_id = ?1",
            params![kiosk_id],
            |row| row.get(0),
        )?;
        transaction.commit()?;
        Ok(BatchReceipt {
            stored,
            already_had: events.len() as u32 - stored,
            high_water: u64::try_from(high_water).unwrap_or(0),
        })
    }

    /// Every event stored for a kiosk, in sequence order.
    pub fn events_of(&self, kiosk_id: &str) -> Result<Vec<Event>, StoreError> {
        let connection = self.lock();
        let mut query =
            connection.prepare("SELECT body FROM events WHERE kiosk_id = ?1 ORDER BY seq")?;
        let bodies = query
            .query_map(params![kiosk_id], |row| row.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        bodies
            .iter()
            .map(|body| {
                serde_json::from_str(body)
                    .map_err(|e| StoreError::Task(format!("stored event is unreadable: {e}")))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::EnrolmentCode;
    use super::super::test_support::temp_store;
    use super::*;
    use wire::{EventKind, Tile};

    fn event(seq: u64) -> Event {
        Event {
            seq,
            session: "ab".repeat(16),
            hour: 3600 * 500_000,
            kind: EventKind::TileOpened { tile: Tile::Learn },
        }
    }

    fn enrolled(store: &Store, kiosk_id: &str) -> Result<(), StoreError> {
        let hash = format!("code-{kiosk_id}");
        store.add_enrolment_code(
            &EnrolmentCode {
                code_hash: hash.clone(),
                site: "s".into(),
                neighbourhood: "n".into(),
                expires_at: 10,
            },
            0,
        )?;
        store.redeem_enrolment_code(&hash, kiosk_id, &format!("token-{kiosk_id}"), "0", 1)?;
        Ok(())
    }

    #[test]
    fn a_resent_batch_stores_nothing_new() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        enrolled(&store, "k1")?;
        let batch = [event(1), event(2), event(3)];
        let first = store.ingest_events("k1", &batch, 100)?;
        assert_eq!(
            first,
            BatchReceipt {
                stored: 3,
                already_had: 0,
                high_water: 3
            }
        );
        let again = store.ingest_events("k1", &batch, 200)?;
        assert_eq!(
            again,
            BatchReceipt {
                stored: 0,
                already_had: 3,
                high_water: 3
            }
        );
        let overlapping = store.ingest_events("k1", &[event(3), event(4)], 300)?;
        assert_eq!(
            overlapping,
            BatchReceipt {
                stored: 1,
                already_had: 1,
                high_water: 4
            }
        );
        assert_eq!(
            store.events_of("k1")?,
            vec![event(1), event(2), event(3), event(4)]
        );
        Ok(())
    }

    #[test]
    fn kiosks_have_separate_sequence_spaces() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        enrolled(&store, "k1")?;
        enrolled(&store, "k2")?;
        store.ingest_events("k1", &[event(1)], 100)?;
        let receipt = store.ingest_events("k2", &[event(1)], 100)?;
        assert_eq!(receipt.stored, 1);
        assert_eq!(store.events_of("k1")?.len(), 1);
        assert_eq!(store.events_of("k2")?.len(), 1);
        Ok(())
    }
}
