//! The append-only event log and what is still waiting to be sent.

use rusqlite::params;
use wire::{Event, EventKind};

use super::{LocalStore, StoreError};

/// Sent events are kept this long (for troubleshooting), then pruned.
const KEEP_SENT_SECONDS: i64 = 30 * 24 * 3600;

/// An event before the store gives it a sequence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalEvent {
    /// The visit's random id.
    pub session: String,
    /// Unix seconds rounded down to the hour.
    pub hour: i64,
    /// What happened.
    pub kind: EventKind,
}

impl LocalStore {
    /// Appends events in one transaction: all are stored or none is.
    pub fn append_events(&mut self, events: &[LocalEvent]) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        {
            let mut insert = transaction
                .prepare_cached("INSERT INTO events (session, hour, kind) VALUES (?1, ?2, ?3)")?;
            for event in events {
                let kind = serde_json::to_string(&event.kind)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                insert.execute(params![event.session, event.hour, kind])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Up to `limit` unsent events, oldest first, ready for the wire.
    pub fn unsent_events(&self, limit: usize) -> Result<Vec<Event>, StoreError> {
        self.select_events(
            "WHERE sent_at IS NULL ORDER BY seq LIMIT ?1",
            params![limit as i64],
        )
    }

    /// Marks events as acknowledged by the server, and prunes long-acknowledged ones.
    pub fn mark_sent(&mut self, seqs: &[u64], now: i64) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        {
            let mut update = transaction.prepare_cached(
                "UPDATE events SET sent_at = ?1 WHERE seq = ?2 AND sent_at IS NULL",
            )?;
            for seq in seqs {
                update.execute(params![now, *seq as i64])?;
            }
        }
        transaction.execute(
            "DELETE FROM events WHERE sent_at IS NOT NULL AND sent_at < ?1",
            params![now - KEEP_SENT_SECONDS],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// How many events wait to be sent.
    pub fn unsent_count(&self) -> Result<u64, StoreError> {
        let count: i64 = self.connection.query_row(
            "SELECT COUNT(*) FROM events WHERE sent_at IS NULL",
            [],
            |row| row.get(0),
        )?;
        Ok(count.max(0) as u64)
    }

    /// Every event ever kept here (sent or not), oldest first: for tests and diagnostics.
    pub fn all_events(&self) -> Result<Vec<Event>, StoreError> {
        self.select_events("ORDER BY seq", params![])
    }

    fn select_events(
        &self,
        filter: &str,
        parameters: impl rusqlite::Params,
    ) -> Result<Vec<Event>, StoreError> {
        let mut query = self.connection.prepare_cached(&format!(
            "SELECT seq, session, hour, kind FROM events {filter}"
        ))?;
        let rows = query.query_map(parameters, |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, String>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (seq, session, hour, kind) = row?;
            let kind = serde_json::from_str(&kind)
                .map_err(|e| StoreError::Corrupt(format!("event {seq}: {e}")))?;
            Ok(Event {
                seq: seq as u64,
                session,
                hour,
                kind,
            })
        })
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::temp_store;
    use super::*;
    use wire::Tile;

    fn local(tile: Tile) -> LocalEvent {
        LocalEvent {
            session: "c".repeat(32),
            hour: 3600 * 10,
            kind: EventKind::TileOpened { tile },
        }
    }

    #[test]
    fn events_get_increasing_sequence_numbers_and_wait_until_acknowledged() -> Result<(), StoreError>
    {
        let (_dir, mut store) = temp_store();
        store.append_events(&[local(Tile::Services), local(Tile::Learn)])?;
        store.append_events(&[local(Tile::HaveASay)])?;
        let unsent = store.unsent_events(10)?;
        assert_eq!(
            unsent.iter().map(|e| e.seq).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert_eq!(
            unsent[2].kind,
            EventKind::TileOpened {
                tile: Tile::HaveASay
            }
        );
        assert_eq!(store.unsent_events(2)?.len(), 2);
        store.mark_sent(&[1, 2], 1000)?;
        assert_eq!(store.unsent_count()?, 1);
        assert_eq!(store.unsent_events(10)?[0].seq, 3);
        Ok(())
    }

    #[test]
    fn pruning_never_reuses_sequence_numbers() -> Result<(), StoreError> {
        let (_dir, mut store) = temp_store();
        store.append_events(&[local(Tile::Services), local(Tile::Learn)])?;
        store.mark_sent(&[1, 2], 1000)?;
        // Much later: the sent rows are pruned…
        store.mark_sent(&[], 1000 + KEEP_SENT_SECONDS + 1)?;
        assert!(store.all_events()?.is_empty());
        // …and the next event still gets a fresh number.
        store.append_events(&[local(Tile::HaveASay)])?;
        assert_eq!(store.unsent_events(10)?[0].seq, 3);
        Ok(())
    }
}
