//! Moves what the first version of the kiosk kept in its `events` table into the outbox, once,
//! keeping each event's sequence number (the server never saw the unsent ones).

use rusqlite::{Connection, params};
use wire::{EventRecord, RecordBody, record_hash};

use super::StoreError;

/// Moves unsent legacy events into the outbox and drops the old table, in one transaction.
/// Does nothing when there is no old table.
pub fn move_events_to_outbox(connection: &mut Connection) -> Result<(), StoreError> {
    let has_table: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events')",
        [],
        |row| row.get(0),
    )?;
    if !has_table {
        return Ok(());
    }
    let transaction = connection.transaction()?;
    {
        let mut select = transaction.prepare(
            "SELECT seq, session, hour, kind FROM events WHERE sent_at IS NULL ORDER BY seq",
        )?;
        let mut insert = transaction.prepare(
            "INSERT INTO outbox (seq, priority, kind, body, hash, written_at)
             VALUES (?1, ?2, 'event', ?3, ?4, ?5)",
        )?;
        let rows = select.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (seq, session, hour, kind) = row?;
            let kind = serde_json::from_str(&kind)
                .map_err(|e| StoreError::Corrupt(format!("old event {seq}: {e}")))?;
            let body = RecordBody::Event(EventRecord {
                session,
                hour,
                kind,
            });
            let bytes = body.encode();
            insert.execute(params![
                seq,
                body.priority(),
                bytes,
                record_hash(&bytes).as_slice(),
                hour
            ])?;
        }
    }
    transaction.execute("DROP TABLE events", [])?;
    transaction.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{LocalStore, migrations};
    use super::*;

    #[test]
    fn unsent_events_of_the_first_version_move_to_the_outbox_with_their_numbers()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("kiosk.sqlite3");
        {
            let mut old = Connection::open(&path)?;
            migrations::MIGRATIONS.to_version(&mut old, 2)?;
            let session = "e".repeat(32);
            for (seq, sent) in [(1, Some(100)), (2, Some(100)), (3, None), (4, None)] {
                old.execute(
                    "INSERT INTO events (seq, session, hour, kind, sent_at) VALUES (?1, ?2, 7200, ?3, ?4)",
                    params![seq, session, r#"{"kind":"tile_opened","tile":"learn"}"#, sent],
                )?;
            }
        }
        let mut store = LocalStore::open(&path)?;
        let events = store.all_events()?;
        assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![3, 4]);
        assert_eq!(
            events[0].kind,
            wire::EventKind::TileOpened {
                tile: wire::Tile::Learn
            }
        );
        store.append_record(&RecordBody::Event(EventRecord {
            session: "f".repeat(32),
            hour: 3600,
            kind: wire::EventKind::SessionStarted,
        }))?;
        assert_eq!(store.outbox_view()?.last_seq, 5);
        // Opening again changes nothing.
        drop(store);
        assert_eq!(LocalStore::open(&path)?.unsent_count()?, 3);
        Ok(())
    }
}
