//! Storing kiosk records exactly once per (kiosk, sequence number), refusing other content
//! under a number already held (a conflict), and telling a kiosk what the server holds.

use wire::{Event, HelloAnswer, ProgressRecord, RecordBody, SeqRange, UploadReceipt, record_hash};

use std::collections::{HashMap, HashSet};

use super::db::{
    MAX_VALUES_PER_STATEMENT, Sql, SqlExt as _, Value, dynamic, insert_rows, params, placeholders,
    value_lists,
};
use super::{Store, StoreError};

/// A record that passed validation, ready to store.
#[derive(Debug, Clone)]
pub struct IncomingRecord {
    /// The kiosk's sequence number.
    pub seq: u64,
    /// The body's exact bytes, as hashed.
    pub bytes: Vec<u8>,
    /// The decoded body.
    pub body: RecordBody,
}

/// At most this many missing ranges are listed in one handshake.
const MAX_MISSING_RANGES: usize = 10_000;

/// At most this many conflicting sequence numbers are listed in one handshake.
const MAX_CONFLICTS: usize = 1_000;

/// Caps the handshake's lists. A kiosk takes every number up to its last that is neither
/// missing nor in conflict as held by the server, so a list cut short must not leave numbers
/// unmentioned: from the first number past either cap to `last_seq`, everything is reported
/// missing. The kiosk then sends those again (what the server already holds is answered
/// "already had", what differs comes back as a conflict) instead of marking them sent.
fn cap_lists(missing: &mut Vec<SeqRange>, conflicts: &mut Vec<u64>, last_seq: u64) {
    let mut complete_to = last_seq;
    if let Some(cut) = missing.get(MAX_MISSING_RANGES) {
        complete_to = complete_to.min(cut.first.saturating_sub(1));
    }
    if let Some(&cut) = conflicts.get(MAX_CONFLICTS) {
        complete_to = complete_to.min(cut.saturating_sub(1));
    }
    if complete_to >= last_seq {
        return;
    }
    conflicts.retain(|&seq| seq <= complete_to);
    missing.retain(|range| range.first <= complete_to);
    match missing.last_mut() {
        // The last range listed runs on to the cut: one range to the end.
        Some(range) if range.last >= complete_to => range.last = last_seq,
        _ => missing.push(SeqRange {
            first: complete_to + 1,
            last: last_seq,
        }),
    }
}

fn seq_i64(seq: u64) -> Result<i64, StoreError> {
    i64::try_from(seq).map_err(|_| StoreError::TooLarge(format!("sequence number {seq}")))
}

impl Store {
    /// Stores a batch of records from one kiosk in a single transaction. A record already held
    /// with the same hash is acknowledged and ignored; one held with another hash is refused
    /// and logged as a conflict.
    pub fn ingest_records(
        &self,
        kiosk_id: &str,
        records: &[IncomingRecord],
        bytes: u64,
        now: i64,
    ) -> Result<UploadReceipt, StoreError> {
        // PostgreSQL may give up one of two transactions that wait on each other; the batch is
        // then stored again from the start (nothing of the first try was kept).
        let mut tries = 0;
        loop {
            match self.ingest_once(kiosk_id, records, bytes, now) {
                Err(error) if error.is_retryable() && tries < 3 => {
                    tries += 1;
                    tracing::warn!(kiosk = kiosk_id, %error, "storing a batch again");
                }
                outcome => return outcome,
            }
        }
    }

    fn ingest_once(
        &self,
        kiosk_id: &str,
        records: &[IncomingRecord],
        bytes: u64,
        now: i64,
    ) -> Result<UploadReceipt, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        transaction.exclusive(&format!("kiosk:{kiosk_id}"))?;
        let mut deltas = super::rollups::Deltas::for_kiosk(&transaction, kiosk_id)?;
        let mut receipt = UploadReceipt {
            stored: 0,
            already_had: 0,
            conflicts: Vec::new(),
            high_water: 0,
        };
        let mut received: i64 = 0;
        // Most records are new: all are offered at once, many to a statement, and what is
        // held already is looked at only for the numbers that were taken.
        let mut seqs = Vec::with_capacity(records.len());
        let mut rows = Vec::with_capacity(records.len());
        for record in records {
            let seq = seq_i64(record.seq)?;
            let hash = record_hash(&record.bytes);
            rows.push(vec![
                Value::from(kiosk_id),
                Value::Int(seq),
                Value::Blob(hash.to_vec()),
                Value::from(record.body.kind_name()),
                Value::Blob(record.bytes.clone()),
                Value::Int(now),
            ]);
            seqs.push((seq, hash));
        }
        let mut new: HashSet<i64> = HashSet::new();
        for chunk in rows.chunks(MAX_VALUES_PER_STATEMENT / 6) {
            let values: Vec<Value> = chunk.iter().flatten().cloned().collect();
            new.extend(transaction.query_map(
                &format!(
                    "INSERT INTO records (kiosk_id, seq, hash, kind, body, received_at)
                     VALUES {} ON CONFLICT (kiosk_id, seq) DO NOTHING RETURNING seq",
                    value_lists(chunk.len(), 6)
                ),
                &dynamic(&values),
                |row| row.get::<i64>(0),
            )?);
        }
        drop(rows);
        let taken: Vec<i64> = seqs
            .iter()
            .map(|(seq, _)| *seq)
            .filter(|seq| !new.contains(seq))
            .collect();
        let mut held_hashes: HashMap<i64, Vec<u8>> = HashMap::new();
        for chunk in taken.chunks(MAX_VALUES_PER_STATEMENT) {
            let values: Vec<Value> = std::iter::once(Value::from(kiosk_id))
                .chain(chunk.iter().map(|seq| Value::Int(*seq)))
                .collect();
            held_hashes.extend(transaction.query_map(
                &format!(
                    "SELECT seq, hash FROM records WHERE kiosk_id = ?1 AND seq IN ({})",
                    placeholders(2, chunk.len())
                ),
                &dynamic(&values),
                |row| Ok((row.get::<i64>(0)?, row.get::<Vec<u8>>(1)?)),
            )?);
        }
        // The visits of the batch's new events, read at once.
        let mut sessions: Vec<&str> = records
            .iter()
            .filter(|record| new.contains(&(record.seq as i64)))
            .filter_map(|record| match &record.body {
                RecordBody::Event(event) => Some(event.session.as_str()),
                _ => None,
            })
            .collect();
        sessions.sort_unstable();
        sessions.dedup();
        deltas.preload(&transaction, kiosk_id, &sessions)?;
        let mut events = Vec::new();
        for (record, (seq, hash)) in records.iter().zip(seqs) {
            // A number twice in one batch: the first is new, the second is held.
            let held = if new.remove(&seq) {
                held_hashes.insert(seq, hash.to_vec());
                None
            } else {
                held_hashes.get(&seq).cloned()
            };
            match held {
                Some(held) if held == hash => receipt.already_had += 1,
                Some(held) => {
                    transaction.execute(
                        "INSERT INTO conflicts
                                 (kiosk_id, seq, stored_hash, offered_hash, offered_body, at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
                        params![kiosk_id, seq, held, hash.as_slice(), record.bytes, now],
                    )?;
                    tracing::warn!(
                        kiosk = kiosk_id,
                        seq,
                        "conflict: other content under a number already held"
                    );
                    receipt.conflicts.push(record.seq);
                }
                None => {
                    apply(
                        &transaction,
                        kiosk_id,
                        record,
                        now,
                        &mut deltas,
                        &mut events,
                    )?;
                    receipt.stored += 1;
                    if !matches!(record.body, wire::RecordBody::Heartbeat(_)) {
                        received += 1;
                    }
                }
            }
        }
        insert_rows(
            &transaction,
            "events (kiosk_id, seq, session, hour, kind, body, received_at)",
            "ON CONFLICT DO NOTHING",
            &events,
        )?;
        deltas.flush(&transaction, kiosk_id)?;
        if received > 0 {
            transaction.execute(
                "UPDATE kiosks SET records_received = records_received + ?1 WHERE kiosk_id = ?2",
                params![received, kiosk_id],
            )?;
        }
        receipt.high_water = high_water(&transaction, kiosk_id)?;
        transaction.execute(
            "INSERT INTO sync_log (kiosk_id, at, what, records, bytes, outcome) VALUES (?1, ?2, 'upload', ?3, ?4, ?5)",
            params![
                kiosk_id,
                now,
                records.len() as i64,
                bytes as i64,
                format!(
                    "stored {}, already held {}, conflicts {}",
                    receipt.stored,
                    receipt.already_had,
                    receipt.conflicts.len()
                )
            ],
        )?;
        transaction.commit()?;
        Ok(receipt)
    }

    /// The handshake: what the server holds of a kiosk's records numbered up to `last_seq`.
    pub fn hello(
        &self,
        kiosk_id: &str,
        last_seq: u64,
        clock_offset: i64,
        now: i64,
    ) -> Result<HelloAnswer, StoreError> {
        let connection = self.conn()?;
        let held: Vec<(i64, i64)> = connection.query_map(
            "SELECT MIN(seq), MAX(seq) FROM (
                 SELECT seq, seq - ROW_NUMBER() OVER (ORDER BY seq) AS island
                 FROM records WHERE kiosk_id = ?1 AND seq <= ?2) AS numbered
             GROUP BY island ORDER BY 1",
            params![kiosk_id, seq_i64(last_seq)?],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let mut missing = Vec::new();
        let mut next = 1u64;
        for (first, last) in held {
            let (first, last) = (first.max(0) as u64, last.max(0) as u64);
            if first > next {
                missing.push(SeqRange {
                    first: next,
                    last: first - 1,
                });
            }
            next = last + 1;
        }
        if next <= last_seq {
            missing.push(SeqRange {
                first: next,
                last: last_seq,
            });
        }
        let mut conflicts = connection
            .query_map(
                "SELECT DISTINCT seq FROM conflicts WHERE kiosk_id = ?1 AND seq <= ?2
                 ORDER BY seq LIMIT ?3",
                params![kiosk_id, seq_i64(last_seq)?, (MAX_CONFLICTS + 1) as i64],
                |row| row.get::<i64>(0),
            )?
            .into_iter()
            .map(|s| s.max(0) as u64)
            .collect::<Vec<_>>();
        cap_lists(&mut missing, &mut conflicts, last_seq);
        let high_water = high_water(&connection, kiosk_id)?;
        connection.execute(
            "UPDATE kiosks SET clock_offset = ?1 WHERE kiosk_id = ?2",
            params![clock_offset, kiosk_id],
        )?;
        connection.execute(
            "INSERT INTO sync_log (kiosk_id, at, what, records, bytes, outcome) VALUES (?1, ?2, 'hello', 0, 0, ?3)",
            params![
                kiosk_id,
                now,
                format!("holds up to {high_water}; {} range(s) missing", missing.len())
            ],
        )?;
        Ok(HelloAnswer {
            high_water,
            missing,
            conflicts,
            server_time: now,
            max_chunk: 0,
            max_batch: 0,
            statuses: Vec::new(),
            status_cursor: 0,
            batch_dictionaries: Vec::new(),
            packed_bodies: false,
            magicless_batches: false,
            max_records: 0,
        })
    }

    /// Every event stored for a kiosk, in sequence order.
    pub fn events_of(&self, kiosk_id: &str) -> Result<Vec<Event>, StoreError> {
        let connection = self.conn()?;
        let bodies = connection.query_map(
            "SELECT body FROM events WHERE kiosk_id = ?1 ORDER BY seq",
            params![kiosk_id],
            |row| row.get::<String>(0),
        )?;
        bodies
            .iter()
            .map(|body| {
                serde_json::from_str(body)
                    .map_err(|e| StoreError::Unreadable(format!("an event: {e}")))
            })
            .collect()
    }

    /// Every record stored for a kiosk as (seq, kind), in sequence order: for tests and audits.
    pub fn record_kinds_of(&self, kiosk_id: &str) -> Result<Vec<(u64, String)>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT seq, kind FROM records WHERE kiosk_id = ?1 ORDER BY seq",
            params![kiosk_id],
            |row| Ok((row.get::<i64>(0)?.max(0) as u64, row.get(1)?)),
        )?;
        Ok(rows)
    }

    /// About `total` of the latest anonymous records (events, availability and heartbeats,
    /// never requests, feedback or learner progress), shared among up to `kiosks` kiosks, as
    /// (kiosk, seq, body) in sequence order per kiosk: what a batch dictionary is trained on.
    pub fn recent_anonymous_records(
        &self,
        kiosks: usize,
        total: usize,
    ) -> Result<Vec<(String, u64, Vec<u8>)>, StoreError> {
        let connection = self.conn()?;
        let ids: Vec<String> = connection.query_map(
            "SELECT kiosk_id FROM kiosks ORDER BY kiosk_id LIMIT ?1",
            params![kiosks as i64],
            |row| row.get(0),
        )?;
        let per_kiosk = total / ids.len().max(1);
        let mut found = Vec::new();
        for id in ids {
            let mut rows: Vec<(String, u64, Vec<u8>)> = connection.query_map(
                "SELECT seq, body FROM records
                 WHERE kiosk_id = ?1 AND kind IN ('event', 'availability', 'heartbeat')
                 ORDER BY seq DESC LIMIT ?2",
                params![id, per_kiosk as i64],
                |row| Ok((id.clone(), row.get::<i64>(0)?.max(0) as u64, row.get(1)?)),
            )?;
            rows.reverse();
            found.extend(rows);
        }
        Ok(found)
    }

    /// How many conflicts kiosks have caused, per kiosk.
    pub fn conflict_count(&self, kiosk_id: &str) -> Result<u64, StoreError> {
        let count: i64 = self.conn()?.query_row(
            "SELECT COUNT(*) FROM conflicts WHERE kiosk_id = ?1",
            params![kiosk_id],
            |row| row.get(0),
        )?;
        Ok(count.max(0) as u64)
    }

    /// A learner's progress in every module, merged from every kiosk.
    pub fn learner_progress(&self, learner_code: &str) -> Result<Vec<ProgressRecord>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT module, steps_done, best_score, passed FROM learner_progress
             WHERE learner_code = ?1 ORDER BY module",
            params![learner_code],
            |row| {
                Ok((
                    row.get::<String>(0)?,
                    row.get::<String>(1)?,
                    row.get::<Option<u32>>(2)?,
                    row.get::<bool>(3)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(|(module, steps, best_score, passed)| {
                Ok(ProgressRecord {
                    learner_code: learner_code.to_owned(),
                    module,
                    steps_done: serde_json::from_str(&steps)
                        .map_err(|e| StoreError::Unreadable(format!("learning progress: {e}")))?,
                    best_score,
                    passed,
                })
            })
            .collect()
    }
}

fn high_water(connection: &dyn Sql, kiosk_id: &str) -> Result<u64, StoreError> {
    let high: i64 = connection.query_row(
        "SELECT COALESCE(MAX(seq), 0) FROM records WHERE kiosk_id = ?1",
        params![kiosk_id],
        |row| row.get(0),
    )?;
    Ok(high.max(0) as u64)
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Encode(e.to_string()))
}

/// Files a newly stored record where the rest of the server reads it.
fn apply(
    transaction: &dyn Sql,
    kiosk_id: &str,
    record: &IncomingRecord,
    now: i64,
    deltas: &mut super::rollups::Deltas,
    events: &mut Vec<Vec<Value>>,
) -> Result<(), StoreError> {
    let seq = seq_i64(record.seq)?;
    match &record.body {
        RecordBody::Event(event) => {
            super::rollups::roll_up_event(transaction, kiosk_id, seq, event, now, deltas)?;
            let wire_event = Event {
                seq: record.seq,
                session: event.session.clone(),
                hour: event.hour,
                kind: event.kind.clone(),
            };
            events.push(vec![
                Value::from(kiosk_id),
                Value::Int(seq),
                Value::Text(event.session.clone()),
                Value::Int(event.hour),
                Value::from(event.kind.name()),
                Value::Text(json(&wire_event)?),
                Value::Int(now),
            ]);
        }
        RecordBody::Request(request) => {
            transaction
                .execute("INSERT INTO requests (kiosk_id, seq, reference, form, topic, answers, sealed, hour, received_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", params![
                    kiosk_id,
                    seq,
                    request.reference,
                    request.form,
                    request.topic,
                    json(&request.answers)?,
                    request.sealed,
                    request.hour,
                    now
                ])?;
        }
        RecordBody::Feedback(feedback) => {
            transaction.execute(
                "INSERT INTO feedback (kiosk_id, seq, kind, subject, answers, sealed_comment, hour)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    kiosk_id,
                    seq,
                    feedback.kind,
                    feedback.subject,
                    json(&feedback.answers)?,
                    feedback.sealed_comment,
                    feedback.hour
                ],
            )?;
        }
        RecordBody::Progress(progress) => {
            let stored: Option<(String, Option<u32>, bool)> = transaction.query_opt(
                "SELECT steps_done, best_score, passed FROM learner_progress
                     WHERE learner_code = ?1 AND module = ?2",
                params![progress.learner_code, progress.module],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?;
            let merged = match stored {
                Some((steps, best_score, passed)) => ProgressRecord {
                    learner_code: progress.learner_code.clone(),
                    module: progress.module.clone(),
                    steps_done: serde_json::from_str(&steps)
                        .map_err(|e| StoreError::Unreadable(format!("learning progress: {e}")))?,
                    best_score,
                    passed,
                }
                .merge(progress),
                None => progress.clone(),
            };
            transaction.execute(
                "INSERT INTO learner_progress
                         (learner_code, module, steps_done, best_score, passed, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (learner_code, module) DO UPDATE SET
                     steps_done = excluded.steps_done, best_score = excluded.best_score,
                     passed = excluded.passed, updated_at = excluded.updated_at",
                params![
                    merged.learner_code,
                    merged.module,
                    json(&merged.steps_done)?,
                    merged.best_score,
                    merged.passed,
                    now
                ],
            )?;
        }
        RecordBody::Availability(availability) => {
            super::rollups::roll_up_availability(
                availability.hour,
                availability.usable_minutes,
                deltas,
            );
        }
        RecordBody::Heartbeat(heartbeat) => {
            transaction.execute(
                "UPDATE kiosks SET last_heartbeat = ?1, software_version = ?2 WHERE kiosk_id = ?3",
                params![json(heartbeat)?, heartbeat.software_version, kiosk_id],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::EnrolmentCode;
    use super::super::test_support::temp_store;
    use super::*;
    use std::collections::BTreeSet;
    use wire::{EventKind, EventRecord, Tile};

    fn event(seq: u64, tile: Tile) -> IncomingRecord {
        let body = RecordBody::Event(EventRecord {
            session: "ab".repeat(16),
            hour: 3600 * 500_000,
            kind: EventKind::TileOpened { tile },
        });
        IncomingRecord {
            seq,
            bytes: body.encode(),
            body,
        }
    }

    fn progress(seq: u64, steps: &[&str], best_score: Option<u32>) -> IncomingRecord {
        let body = RecordBody::Progress(ProgressRecord {
            learner_code: "K7PQM3XZA".into(),
            module: "passwords".into(),
            steps_done: steps.iter().map(|s| s.to_string()).collect(),
            best_score,
            passed: best_score.is_some_and(|s| s >= 4),
        });
        IncomingRecord {
            seq,
            bytes: body.encode(),
            body,
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
        store.redeem_enrolment_code(&hash, kiosk_id, &format!("token-{kiosk_id}"), "0", None, 1)?;
        Ok(())
    }

    fn receipt(stored: u32, already_had: u32, conflicts: &[u64], high_water: u64) -> UploadReceipt {
        UploadReceipt {
            stored,
            already_had,
            conflicts: conflicts.to_vec(),
            high_water,
        }
    }

    /// Every number up to `last_seq` the server does not hold, or holds with other content,
    /// is in the answer's missing ranges or its conflicts: nothing is left for the kiosk to
    /// take as held.
    fn nothing_unmentioned(answer: &HelloAnswer, held_same: &BTreeSet<u64>, last_seq: u64) {
        let mentioned = |seq: u64| {
            answer.conflicts.contains(&seq)
                || answer
                    .missing
                    .iter()
                    .any(|r| r.first <= seq && seq <= r.last)
        };
        for seq in 1..=last_seq {
            assert!(
                held_same.contains(&seq) || mentioned(seq),
                "{seq} would be taken as held"
            );
        }
    }

    #[test]
    fn a_handshake_cut_short_reports_everything_past_the_cut_as_missing() -> Result<(), StoreError>
    {
        let (_dir, store) = temp_store();
        enrolled(&store, "k1")?;
        // Every other number held: more gaps than one answer lists.
        let odd: Vec<IncomingRecord> = (0..(MAX_MISSING_RANGES as u64 + 50))
            .map(|i| event(2 * i + 1, Tile::Learn))
            .collect();
        for batch in odd.chunks(wire::MAX_RECORDS_PER_BATCH) {
            store.ingest_records("k1", batch, 0, 100)?;
        }
        let last_seq = 2 * (MAX_MISSING_RANGES as u64 + 50) + 10;
        let answer = store.hello("k1", last_seq, 0, 100)?;
        assert_eq!(answer.missing.len(), MAX_MISSING_RANGES + 1);
        assert_eq!(answer.missing.last().map(|r| r.last), Some(last_seq));
        let held: BTreeSet<u64> = odd.iter().map(|r| r.seq).collect();
        nothing_unmentioned(&answer, &held, last_seq);

        // More conflicts than one answer lists: the numbers past the cut are reported missing
        // (sent again, they come back as conflicts in the upload's receipt).
        let (_dir, store) = temp_store();
        enrolled(&store, "k1")?;
        let first: Vec<IncomingRecord> = (1..=1_200).map(|seq| event(seq, Tile::Learn)).collect();
        let other: Vec<IncomingRecord> =
            (1..=1_200).map(|seq| event(seq, Tile::HaveASay)).collect();
        for records in [&first, &other] {
            for batch in records.chunks(wire::MAX_RECORDS_PER_BATCH) {
                store.ingest_records("k1", batch, 0, 100)?;
            }
        }
        let answer = store.hello("k1", 1_300, 0, 100)?;
        assert_eq!(answer.conflicts.len(), MAX_CONFLICTS);
        assert_eq!(
            answer.missing,
            [SeqRange {
                first: MAX_CONFLICTS as u64 + 1,
                last: 1_300
            }]
        );
        nothing_unmentioned(&answer, &BTreeSet::new(), 1_300);
        Ok(())
    }

    #[test]
    fn a_resent_batch_stores_nothing_new_and_other_content_is_a_conflict() -> Result<(), StoreError>
    {
        let (_dir, store) = temp_store();
        enrolled(&store, "k1")?;
        let batch = [
            event(1, Tile::Learn),
            event(2, Tile::Learn),
            event(3, Tile::Learn),
        ];
        assert_eq!(
            store.ingest_records("k1", &batch, 0, 100)?,
            receipt(3, 0, &[], 3)
        );
        assert_eq!(
            store.ingest_records("k1", &batch, 0, 200)?,
            receipt(0, 3, &[], 3)
        );
        let overlapping = [event(3, Tile::Learn), event(4, Tile::Learn)];
        assert_eq!(
            store.ingest_records("k1", &overlapping, 0, 300)?,
            receipt(1, 1, &[], 4)
        );
        // Number 2 again, with other content: refused, logged, kept for staff.
        let other = [event(2, Tile::Services)];
        assert_eq!(
            store.ingest_records("k1", &other, 0, 400)?,
            receipt(0, 0, &[2], 4)
        );
        assert_eq!(store.conflict_count("k1")?, 1);
        assert_eq!(
            store.fleet()?[0].records_received,
            4,
            "counted once each, conflicts and resends aside"
        );
        let events = store.events_of("k1")?;
        assert_eq!(events.len(), 4);
        assert!(
            events
                .iter()
                .all(|e| e.kind == EventKind::TileOpened { tile: Tile::Learn })
        );
        Ok(())
    }

    #[test]
    fn the_handshake_lists_missing_ranges_and_conflicts() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        enrolled(&store, "k1")?;
        let held: Vec<IncomingRecord> = [2, 3, 6, 9]
            .iter()
            .map(|&s| event(s, Tile::Learn))
            .collect();
        store.ingest_records("k1", &held, 0, 100)?;
        store.ingest_records("k1", &[event(3, Tile::Services)], 0, 100)?;
        let answer = store.hello("k1", 10, 0, 500)?;
        let range = |first, last| SeqRange { first, last };
        assert_eq!(
            answer.missing,
            vec![range(1, 1), range(4, 5), range(7, 8), range(10, 10)]
        );
        assert_eq!((answer.high_water, answer.conflicts), (9, vec![3]));
        // A kiosk that says it wrote less is told only about its own range.
        assert_eq!(
            store.hello("k1", 5, 0, 500)?.missing,
            vec![range(1, 1), range(4, 5)]
        );
        // Another kiosk's numbers are its own.
        enrolled(&store, "k2")?;
        assert_eq!(store.hello("k2", 2, 0, 500)?.missing, vec![range(1, 2)]);
        Ok(())
    }

    #[test]
    fn the_sync_ledger_keeps_the_latest_thousand_entries_per_kiosk() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        enrolled(&store, "k1")?;
        enrolled(&store, "k2")?;
        store.hello("k2", 0, 0, 1)?;
        for at in 0..1_100 {
            store.hello("k1", 0, 0, at)?;
        }
        let count = |kiosk: &str| -> Result<i64, StoreError> {
            store.conn()?.query_row(
                "SELECT COUNT(*) FROM sync_log WHERE kiosk_id = ?1",
                params![kiosk],
                |row| row.get(0),
            )
        };
        assert_eq!((count("k1")?, count("k2")?), (1_000, 1));
        let oldest: i64 = store.conn()?.query_row(
            "SELECT MIN(at) FROM sync_log WHERE kiosk_id = 'k1'",
            &[],
            |row| row.get(0),
        )?;
        assert_eq!(oldest, 100);
        Ok(())
    }

    #[test]
    fn kiosks_storing_at_once_over_the_same_months_all_get_stored() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        let kiosks: Vec<String> = (0..4).map(|k| format!("k{k}")).collect();
        for kiosk in &kiosks {
            enrolled(&store, kiosk)?;
        }
        // Each kiosk's batches span three months, in an order of its own, so that two batches
        // meet the months' shared rows in different orders.
        let months = [1_767_225_600_i64, 1_769_904_000, 1_772_323_200]; // Jan, Feb, Mar 2026
        let workers: Vec<_> = kiosks
            .iter()
            .enumerate()
            .map(|(k, kiosk)| {
                let (store, kiosk) = (store.clone(), kiosk.clone());
                std::thread::spawn(move || -> Result<u32, StoreError> {
                    let mut stored = 0;
                    for batch in 0..10u64 {
                        let records: Vec<IncomingRecord> = (0..30u64)
                            .map(|i| {
                                let seq = batch * 30 + i + 1;
                                let month = months[(i as usize + k) % 3];
                                let body = RecordBody::Event(EventRecord {
                                    session: format!("{k:02x}{seq:030x}"),
                                    hour: month + 3600 * (seq as i64 % 200),
                                    kind: EventKind::SessionStarted,
                                });
                                IncomingRecord {
                                    seq,
                                    bytes: body.encode(),
                                    body,
                                }
                            })
                            .collect();
                        stored += store
                            .ingest_records(&kiosk, &records, 0, 1_775_000_000)?
                            .stored;
                    }
                    Ok(stored)
                })
            })
            .collect();
        for worker in workers {
            let stored = worker
                .join()
                .map_err(|_| StoreError::Refused("a worker panicked".into()))??;
            assert_eq!(stored, 300);
        }
        let sessions: i64 = ["2026-01", "2026-02", "2026-03"]
            .iter()
            .map(|month| super::super::test_support::rollup_count(&store, month, "sessions", ""))
            .sum::<Result<i64, _>>()?;
        assert_eq!(sessions, 4 * 300, "every visit counted once");
        Ok(())
    }

    #[test]
    fn progress_from_several_kiosks_merges_in_any_order() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        enrolled(&store, "k1")?;
        enrolled(&store, "k2")?;
        store.ingest_records("k2", &[progress(1, &["b", "c"], Some(5))], 0, 100)?;
        store.ingest_records("k1", &[progress(1, &["a"], Some(3))], 0, 100)?;
        let merged = store.learner_progress("K7PQM3XZA")?;
        assert_eq!(merged.len(), 1);
        assert_eq!(
            merged[0].steps_done,
            ["a", "b", "c"].map(String::from).into()
        );
        assert_eq!((merged[0].best_score, merged[0].passed), (Some(5), true));
        assert!(store.learner_progress("OTHERCODE1")?.is_empty());
        Ok(())
    }
}
