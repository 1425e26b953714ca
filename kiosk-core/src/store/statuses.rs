//! Where residents' requests stand, as far as this kiosk knows with no network: the status
//! notes the server hands out in the handshake (for requests made at any kiosk), and this
//! kiosk's own requests (waiting to be sent, or sent).

use rusqlite::{OptionalExtension as _, params};
use wire::{RequestStatus, StatusNote};

use super::{LocalStore, StoreError};

/// Status notes are kept this long after their change, then pruned.
pub const KEEP_STATUS_NOTES_DAYS: i64 = 365;

/// What this kiosk knows of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KnownStatus {
    /// A status note from the server (the latest this kiosk received).
    Synced {
        /// Where the request stands.
        status: RequestStatus,
        /// The phrase the case worker chose.
        phrase: Option<String>,
        /// Unix seconds of the change.
        changed_at: i64,
    },
    /// Made on this kiosk and not yet sent.
    WaitingHere,
    /// Made on this kiosk and sent; no change has come back yet.
    SentFromHere,
}

impl LocalStore {
    /// The cursor to send in the next handshake (0 for none).
    pub fn status_cursor(&self) -> Result<u64, StoreError> {
        let cursor: Option<i64> = self
            .connection
            .query_row(
                "SELECT value FROM sync_cursors WHERE name = 'request_statuses'",
                [],
                |row| row.get(0),
            )
            .optional()?;
        Ok(cursor.and_then(|c| u64::try_from(c).ok()).unwrap_or(0))
    }

    /// Keeps the notes of a handshake (a newer change wins over an older one) and the cursor
    /// for the next, in one transaction; drops notes older than [`KEEP_STATUS_NOTES_DAYS`].
    pub fn save_status_notes(
        &mut self,
        notes: &[StatusNote],
        cursor: u64,
        now: i64,
    ) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        {
            let mut upsert = transaction.prepare_cached(
                "INSERT INTO request_statuses (reference, status, phrase, changed_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (reference) DO UPDATE SET
                     status = excluded.status, phrase = excluded.phrase,
                     changed_at = excluded.changed_at
                 WHERE excluded.changed_at >= request_statuses.changed_at",
            )?;
            for note in notes {
                upsert.execute(params![
                    wire::plain_reference(&note.reference),
                    note.status.as_str(),
                    note.phrase,
                    note.changed_at
                ])?;
            }
        }
        transaction.execute(
            "INSERT INTO sync_cursors (name, value) VALUES ('request_statuses', ?1)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            params![i64::try_from(cursor).unwrap_or(i64::MAX)],
        )?;
        transaction.execute(
            "DELETE FROM request_statuses WHERE changed_at < ?1",
            params![now - KEEP_STATUS_NOTES_DAYS * 86_400],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// What this kiosk knows of the request `reference` (dashes and case ignored), if
    /// anything.
    pub fn known_status(&self, reference: &str) -> Result<Option<KnownStatus>, StoreError> {
        let plain = wire::plain_reference(reference);
        let synced = self
            .connection
            .query_row(
                "SELECT status, phrase, changed_at FROM request_statuses WHERE reference = ?1",
                params![plain],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, Option<String>>(1)?,
                        row.get::<_, i64>(2)?,
                    ))
                },
            )
            .optional()?;
        if let Some((status, phrase, changed_at)) = synced {
            return Ok(Some(KnownStatus::Synced {
                status: RequestStatus::parse(&status).unwrap_or(RequestStatus::Received),
                phrase,
                changed_at,
            }));
        }
        let reference: Option<String> = self
            .connection
            .query_row(
                "SELECT reference FROM requests WHERE replace(reference, '-', '') = ?1",
                params![plain],
                |row| row.get(0),
            )
            .optional()?;
        let Some(reference) = reference else {
            return Ok(None);
        };
        let waiting: bool = self.connection.query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox
                            WHERE kind = 'request' AND subject = ?1 AND acked_at IS NULL)",
            params![reference],
            |row| row.get(0),
        )?;
        Ok(Some(if waiting {
            KnownStatus::WaitingHere
        } else {
            KnownStatus::SentFromHere
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{LocalRecord, StoredRequest};

    fn note(reference: &str, status: RequestStatus, at: i64) -> StatusNote {
        StatusNote {
            reference: reference.into(),
            status,
            phrase: Some("we-will-call".into()),
            changed_at: at,
        }
    }

    #[test]
    fn notes_are_kept_newest_first_and_own_requests_are_known() -> Result<(), StoreError> {
        let (_dir, mut store) = crate::store::temp_store();
        assert_eq!(store.status_cursor()?, 0);
        assert_eq!(store.known_status("K7PQ-M3XZ-R9TA")?, None);
        let now = 400 * 86_400;
        store.save_status_notes(
            &[note("K7PQM3XZR9TA", RequestStatus::InProgress, now)],
            7,
            now,
        )?;
        // An older note arriving late does not undo a newer one.
        store.save_status_notes(
            &[note("K7PQM3XZR9TA", RequestStatus::Received, now - 5)],
            9,
            now,
        )?;
        assert_eq!(store.status_cursor()?, 9);
        assert_eq!(
            store.known_status("k7pq-m3xz-r9ta")?,
            Some(KnownStatus::Synced {
                status: RequestStatus::InProgress,
                phrase: Some("we-will-call".into()),
                changed_at: now
            })
        );
        // A request made here: waiting until the server acknowledges it, then sent.
        let request = StoredRequest {
            reference: "AAAA-BBBB-CCCC".into(),
            form: "callback".into(),
            topic: "general".into(),
            answers: Default::default(),
            sealed: None,
            hour: 0,
        };
        store.save_records(&[LocalRecord::Request(request)], now)?;
        assert_eq!(
            store.known_status("AAAABBBBCCCC")?,
            Some(KnownStatus::WaitingHere)
        );
        let seqs: Vec<u64> = store
            .unsent_records(10, usize::MAX)?
            .iter()
            .map(|r| r.seq)
            .collect();
        store.mark_acked(&seqs, now)?;
        assert_eq!(
            store.known_status("AAAA-BBBB-CCCC")?,
            Some(KnownStatus::SentFromHere)
        );
        // Notes older than a year go.
        store.save_status_notes(&[], 9, now + KEEP_STATUS_NOTES_DAYS * 86_400 + 1)?;
        assert_eq!(store.known_status("K7PQM3XZR9TA")?, None);
        Ok(())
    }
}
