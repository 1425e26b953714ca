//! The append-only outbox: every record the kiosk writes (events, service requests, feedback,
//! learner progress, heartbeats) under its own sequence number and content hash, written in the
//! same transaction as the record itself, and kept until the server has acknowledged it.

use std::collections::BTreeSet;

use rusqlite::{Transaction, params};
use wire::{Event, EventKind, EventRecord, RecordBody, SeqRange, WireRecord, record_hash};

use super::{LocalStore, StoreError};

/// Acknowledged records are kept this long (so a server restored from an older backup can
/// be sent them again), then pruned.
const KEEP_ACKED_SECONDS: i64 = 30 * 24 * 3600;

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

/// What the outbox holds, as the sync planner needs to see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutboxView {
    /// The highest sequence number ever written (0 if none).
    pub last_seq: u64,
    /// Records not yet acknowledged (and not refused).
    pub unacked: BTreeSet<u64>,
    /// Acknowledged records whose body is still kept, so they can be sent again.
    pub acked_kept: BTreeSet<u64>,
}

/// Appends one record to the outbox inside the caller's transaction; returns its sequence number.
pub(super) fn append(
    transaction: &Transaction<'_>,
    body: &RecordBody,
    subject: Option<&str>,
    now: i64,
) -> Result<u64, StoreError> {
    let bytes = body.encode();
    let hash = record_hash(&bytes);
    transaction
        .prepare_cached(
            "INSERT INTO outbox (priority, kind, subject, body, hash, written_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            body.priority(),
            body.kind_name(),
            subject,
            bytes,
            hash.as_slice(),
            now
        ])?;
    Ok(transaction.last_insert_rowid().max(0) as u64)
}

impl LocalStore {
    /// Appends events in one transaction: all are stored or none is.
    pub fn append_events(&mut self, events: &[LocalEvent]) -> Result<(), StoreError> {
        let now = crate::clock::now();
        let transaction = self.connection.transaction()?;
        for event in events {
            let body = RecordBody::Event(EventRecord {
                session: event.session.clone(),
                hour: event.hour,
                kind: event.kind.clone(),
            });
            append(&transaction, &body, None, now)?;
        }
        transaction.commit()?;
        Ok(())
    }

    /// Appends one record of any kind on its own (a heartbeat, for instance).
    pub fn append_record(&mut self, body: &RecordBody) -> Result<u64, StoreError> {
        let transaction = self.connection.transaction()?;
        let seq = append(&transaction, body, None, crate::clock::now())?;
        transaction.commit()?;
        Ok(seq)
    }

    /// Unacknowledged records in sending order (requests first, then progress, then events and
    /// feedback, then heartbeats; oldest first within each), up to `limit` records or about
    /// `max_bytes` of bodies (always at least one record).
    pub fn unsent_records(
        &self,
        limit: usize,
        max_bytes: usize,
    ) -> Result<Vec<WireRecord>, StoreError> {
        self.unsent_records_up_to_priority(limit, max_bytes, u8::MAX)
    }

    /// As [`LocalStore::unsent_records`], only records of priority `max_priority` or more
    /// urgent (0: residents' requests).
    pub fn unsent_records_up_to_priority(
        &self,
        limit: usize,
        max_bytes: usize,
        max_priority: u8,
    ) -> Result<Vec<WireRecord>, StoreError> {
        let mut query = self.connection.prepare_cached(
            "SELECT seq, body FROM outbox
             WHERE acked_at IS NULL AND refused = 0 AND body IS NOT NULL AND priority <= ?2
             ORDER BY priority, seq LIMIT ?1",
        )?;
        let rows = query.query_map(params![limit as i64, max_priority], |row| {
            Ok(WireRecord {
                seq: row.get::<_, i64>(0)?.max(0) as u64,
                body: row.get(1)?,
            })
        })?;
        let mut records = Vec::new();
        let mut bytes = 0;
        for row in rows {
            let record = row?;
            bytes += record.body.len() + 8;
            if bytes > max_bytes && !records.is_empty() {
                break;
            }
            records.push(record);
        }
        Ok(records)
    }

    /// Marks records as acknowledged by the server, erases the personal data of acknowledged
    /// service requests (it has left the kiosk), and prunes long-acknowledged records.
    pub fn mark_acked(&mut self, seqs: &[u64], now: i64) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        {
            let mut update = transaction.prepare_cached(
                "UPDATE outbox SET acked_at = ?1 WHERE seq = ?2 AND acked_at IS NULL",
            )?;
            let mut erase_request = transaction.prepare_cached(
                "UPDATE requests SET sealed = NULL
                 WHERE reference = (SELECT subject FROM outbox WHERE seq = ?1 AND kind = 'request')",
            )?;
            let mut erase_comment = transaction.prepare_cached(
                "UPDATE feedback SET sealed_comment = NULL
                 WHERE id = (SELECT CAST(subject AS INTEGER) FROM outbox
                             WHERE seq = ?1 AND kind = 'feedback')",
            )?;
            let mut erase_body = transaction.prepare_cached(
                "UPDATE outbox SET body = NULL WHERE seq = ?1 AND kind IN ('request', 'feedback')",
            )?;
            for seq in seqs {
                let seq = *seq as i64;
                update.execute(params![now, seq])?;
                erase_request.execute(params![seq])?;
                erase_comment.execute(params![seq])?;
                erase_body.execute(params![seq])?;
            }
        }
        transaction.execute(
            "DELETE FROM outbox WHERE acked_at IS NOT NULL AND acked_at < ?1",
            params![now - KEEP_ACKED_SECONDS],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// Appends the content of conflicting records again under new numbers (so it still reaches
    /// the server) and retires the old numbers, in one transaction.
    pub fn renumber(&mut self, seqs: &[u64]) -> Result<Vec<u64>, StoreError> {
        let now = crate::clock::now();
        let transaction = self.connection.transaction()?;
        let mut renumbered = Vec::new();
        for seq in seqs {
            let copied = transaction.execute(
                "INSERT INTO outbox (priority, kind, subject, body, hash, written_at)
                 SELECT priority, kind, subject, body, hash, ?2 FROM outbox
                 WHERE seq = ?1 AND refused = 0 AND body IS NOT NULL",
                params![*seq as i64, now],
            )?;
            if copied == 0 {
                continue;
            }
            renumbered.push(transaction.last_insert_rowid().max(0) as u64);
            transaction.execute(
                "UPDATE outbox SET refused = 1 WHERE seq = ?1",
                params![*seq as i64],
            )?;
        }
        transaction.commit()?;
        Ok(renumbered)
    }

    /// Makes acknowledged records (whose bodies are still kept) pending again: the server lost
    /// them, e.g. after being restored from a backup.
    pub fn mark_unacked(&mut self, seqs: &[u64]) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        {
            let mut update = transaction.prepare_cached(
                "UPDATE outbox SET acked_at = NULL WHERE seq = ?1 AND body IS NOT NULL",
            )?;
            for seq in seqs {
                update.execute(params![*seq as i64])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Makes sure the next sequence number is above `seq`: after this kiosk's database was
    /// restored or replaced, the server may hold numbers it no longer remembers writing.
    pub fn skip_sequence_past(&mut self, seq: u64) -> Result<(), StoreError> {
        let seq =
            i64::try_from(seq).map_err(|_| StoreError::Corrupt("sequence overflow".into()))?;
        let transaction = self.connection.transaction()?;
        let updated = transaction.execute(
            "UPDATE sqlite_sequence SET seq = MAX(seq, ?1) WHERE name = 'outbox'",
            params![seq],
        )?;
        if updated == 0 {
            transaction.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?1)",
                params![seq],
            )?;
        }
        transaction.commit()?;
        Ok(())
    }

    /// How many records wait to be sent.
    pub fn unsent_count(&self) -> Result<u64, StoreError> {
        let count: i64 = self.connection.query_row(
            "SELECT COUNT(*) FROM outbox WHERE acked_at IS NULL AND refused = 0",
            [],
            |row| row.get(0),
        )?;
        Ok(count.max(0) as u64)
    }

    /// How many records the server refused (conflicts staff must look at).
    pub fn refused_count(&self) -> Result<u64, StoreError> {
        let count: i64 = self.connection.query_row(
            "SELECT COUNT(*) FROM outbox WHERE refused = 1",
            [],
            |row| row.get(0),
        )?;
        Ok(count.max(0) as u64)
    }

    /// What the outbox holds, for sync planning.
    pub fn outbox_view(&self) -> Result<OutboxView, StoreError> {
        let last_seq: i64 = self.connection.query_row(
            "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)",
            [],
            |row| row.get(0),
        )?;
        let mut view = OutboxView {
            last_seq: last_seq.max(0) as u64,
            ..OutboxView::default()
        };
        let mut query = self.connection.prepare_cached(
            "SELECT seq, acked_at IS NULL FROM outbox
             WHERE refused = 0 AND (body IS NOT NULL OR acked_at IS NULL)",
        )?;
        let rows = query.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, bool>(1)?))
        })?;
        for row in rows {
            let (seq, unacked) = row?;
            if unacked {
                view.unacked.insert(seq.max(0) as u64);
            } else {
                view.acked_kept.insert(seq.max(0) as u64);
            }
        }
        Ok(view)
    }

    /// Every event still kept here (sent or not), oldest first: for tests and diagnostics.
    pub fn all_events(&self) -> Result<Vec<Event>, StoreError> {
        let mut query = self
            .connection
            .prepare_cached("SELECT seq, body FROM outbox WHERE kind = 'event' ORDER BY seq")?;
        let rows = query.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, Option<Vec<u8>>>(1)?))
        })?;
        let mut events = Vec::new();
        for row in rows {
            let (seq, body) = row?;
            let Some(body) = body else { continue };
            match RecordBody::decode(&body) {
                Ok(RecordBody::Event(event)) => events.push(Event {
                    seq: seq.max(0) as u64,
                    session: event.session,
                    hour: event.hour,
                    kind: event.kind,
                }),
                Ok(_) => {
                    return Err(StoreError::Corrupt(format!(
                        "outbox record {seq} is not an event"
                    )));
                }
                Err(error) => return Err(StoreError::Corrupt(format!("record {seq}: {error}"))),
            }
        }
        Ok(events)
    }
}

/// Ranges of sequence numbers, for messages.
pub fn describe(ranges: &[SeqRange]) -> String {
    ranges
        .iter()
        .map(|r| {
            if r.first == r.last {
                r.first.to_string()
            } else {
                format!("{}–{}", r.first, r.last)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
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
    fn records_get_increasing_sequence_numbers_and_wait_until_acknowledged()
    -> Result<(), StoreError> {
        let (_dir, mut store) = temp_store();
        store.append_events(&[local(Tile::Services), local(Tile::Learn)])?;
        store.append_events(&[local(Tile::HaveASay)])?;
        let unsent = store.unsent_records(10, 1 << 20)?;
        assert_eq!(
            unsent.iter().map(|r| r.seq).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        let third =
            RecordBody::decode(&unsent[2].body).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        assert!(matches!(
            third,
            RecordBody::Event(EventRecord {
                kind: EventKind::TileOpened {
                    tile: Tile::HaveASay
                },
                ..
            })
        ));
        assert_eq!(store.unsent_records(2, 1 << 20)?.len(), 2);
        assert_eq!(store.unsent_records(10, 1)?.len(), 1, "at least one record");
        store.mark_acked(&[1, 2], 1000)?;
        assert_eq!(store.unsent_count()?, 1);
        assert_eq!(store.unsent_records(10, 1 << 20)?[0].seq, 3);
        let view = store.outbox_view()?;
        assert_eq!(view.last_seq, 3);
        assert_eq!(view.unacked, [3].into());
        assert_eq!(view.acked_kept, [1, 2].into());
        Ok(())
    }

    #[test]
    fn pruning_never_reuses_sequence_numbers() -> Result<(), StoreError> {
        let (_dir, mut store) = temp_store();
        store.append_events(&[local(Tile::Services), local(Tile::Learn)])?;
        store.mark_acked(&[1, 2], 1000)?;
        // Much later: the acknowledged rows are pruned…
        store.mark_acked(&[], 1000 + KEEP_ACKED_SECONDS + 1)?;
        assert!(store.all_events()?.is_empty());
        // …and the next event still gets a fresh number.
        store.append_events(&[local(Tile::HaveASay)])?;
        assert_eq!(store.unsent_records(10, 1 << 20)?[0].seq, 3);
        // A server that holds numbers this kiosk forgot pushes the sequence past them.
        store.skip_sequence_past(40)?;
        store.append_events(&[local(Tile::Learn)])?;
        assert_eq!(store.outbox_view()?.last_seq, 41);
        Ok(())
    }

    #[test]
    fn conflicting_records_go_again_under_new_numbers() -> Result<(), StoreError> {
        let (_dir, mut store) = temp_store();
        store.append_events(&[local(Tile::Services), local(Tile::Learn)])?;
        let before = store.unsent_records(10, 1 << 20)?;
        assert_eq!(store.renumber(&[1])?, vec![3]);
        let after = store.unsent_records(10, 1 << 20)?;
        assert_eq!(after.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(after[1].body, before[0].body, "the content is kept");
        assert_eq!((store.unsent_count()?, store.refused_count()?), (2, 1));
        assert_eq!(store.renumber(&[1])?, Vec::<u64>::new(), "only once");
        Ok(())
    }
}
