//! Roll-ups: the counts the metrics are made of, kept per month, kiosk, counter and breakdown,
//! and updated in the same transaction that stores a record. A record counts in the month it
//! happened in the city's time (its hour, corrected by the kiosk's clock offset, see
//! [`ClockCorrection`]), however late it arrives; every event of a visit counts in the month
//! of the visit's first event. Visit-level facts (its language, each accessibility feature,
//! assisted) count once per visit, remembered in `session_marks`.
//! Events a visit can have many of (searches, views, requests, modules, ratings, surveys) are
//! tallied per visit in `session_tallies`: past a cap they also count in an overflow counter,
//! which the noisy release takes off, so one visit's weight in a noisy table is bounded.

use std::collections::HashMap;

use wire::EventRecord;

use super::db::{Sql, SqlExt as _, Value, dynamic, insert_rows, params, placeholders};
use super::{Store, StoreError};
use crate::metrics::calendar::{Calendar, settings as calendar_settings};
pub use crate::metrics::counting::{
    ClockCorrection, FEATURE_CODES, MAX_CLOCK_CORRECTION, PER_VISIT_CAP, counter,
};
use crate::metrics::counting::{Counting, age_hours, counting};

/// What is stored about one visit: its marks (mark → value, seq of the event that set it,
/// month, hour; the `visit` mark holds the month it counts in) and its tallies (tally → count
/// so far, hour of its first event), with which ones the batch changed.
#[derive(Debug, Default)]
struct Visit {
    marks: HashMap<String, (String, i64, String, i64)>,
    changed_marks: Vec<String>,
    tallies: HashMap<String, (i64, i64)>,
}

/// Count changes gathered while a batch is stored, written once at its end: month →
/// counter → breakdown → change (nested so that adding to a known key allocates nothing).
#[derive(Debug, Default)]
pub(super) struct Deltas {
    changes: HashMap<String, HashMap<&'static str, HashMap<String, i64>>>,
    /// Visits touched by the batch: their marks and tallies, read once (one query each per
    /// visit) and written once, when the batch's counts are.
    visits: HashMap<String, Visit>,
    /// The city's calendar.
    calendar: Calendar,
    /// The kiosk's clock correction.
    clock: ClockCorrection,
    /// Records whose time was kept because the kiosk's clock is too far off.
    pub(super) flagged: i64,
}

impl Deltas {
    /// Changes for one kiosk's batch: its clock correction and the city's calendar, read
    /// from the store.
    pub(super) fn for_kiosk(transaction: &dyn Sql, kiosk_id: &str) -> Result<Deltas, StoreError> {
        let setting = |key: &str| -> Result<Option<String>, StoreError> {
            transaction.query_opt(
                "SELECT value FROM settings WHERE key = ?1",
                params![key],
                |row| row.get(0),
            )
        };
        let calendar = Calendar::from_settings(
            setting(calendar_settings::TIME_ZONE)?.as_deref(),
            setting(calendar_settings::UTC_OFFSET_HOURS)?.as_deref(),
        );
        let offset: Option<i64> = transaction
            .query_opt(
                "SELECT clock_offset FROM kiosks WHERE kiosk_id = ?1",
                params![kiosk_id],
                |row| row.get(0),
            )?
            .flatten();
        Ok(Deltas {
            calendar,
            clock: ClockCorrection::for_offset(offset),
            ..Deltas::default()
        })
    }

    fn add(&mut self, month: &str, counter: &'static str, dim: &str, n: i64) {
        if !self.changes.contains_key(month) {
            self.changes.insert(month.to_owned(), HashMap::new());
        }
        let Some(counters) = self.changes.get_mut(month) else {
            return;
        };
        let dims = counters.entry(counter).or_default();
        match dims.get_mut(dim) {
            Some(value) => *value += n,
            None => {
                dims.insert(dim.to_owned(), n);
            }
        }
    }

    /// Writes the gathered changes for one kiosk.
    pub(super) fn flush(self, transaction: &dyn Sql, kiosk_id: &str) -> Result<(), StoreError> {
        let mut tallies = Vec::new();
        let mut marks = Vec::new();
        for (session, visit) in self.visits {
            for (name, (n, hour)) in &visit.tallies {
                tallies.push(vec![
                    Value::from(kiosk_id),
                    Value::Text(session.clone()),
                    Value::Text(name.clone()),
                    Value::Int(*n),
                    Value::Int(*hour),
                ]);
            }
            for name in &visit.changed_marks {
                if let Some((value, seq, month, hour)) = visit.marks.get(name) {
                    marks.push(vec![
                        Value::from(kiosk_id),
                        Value::Text(session.clone()),
                        Value::Text(name.clone()),
                        Value::Text(value.clone()),
                        Value::Int(*seq),
                        Value::Text(month.clone()),
                        Value::Int(*hour),
                    ]);
                }
            }
        }
        insert_rows(
            transaction,
            "session_tallies (kiosk_id, session, tally, n, hour)",
            "ON CONFLICT (kiosk_id, session, tally) DO UPDATE SET n = excluded.n",
            &tallies,
        )?;
        insert_rows(
            transaction,
            "session_marks (kiosk_id, session, mark, value, seq, month, hour)",
            "ON CONFLICT (kiosk_id, session, mark) DO UPDATE SET
                 value = excluded.value, seq = excluded.seq,
                 month = excluded.month, hour = excluded.hour",
            &marks,
        )?;
        if self.flagged > 0 {
            transaction.execute(
                "UPDATE kiosks SET clock_flagged = clock_flagged + ?1 WHERE kiosk_id = ?2",
                params![self.flagged, kiosk_id],
            )?;
            tracing::warn!(
                kiosk = kiosk_id,
                records = self.flagged,
                "the kiosk's clock is more than 48 hours off: its records keep the kiosk's time"
            );
        }
        // Rows in key order: concurrent batches (other kiosks, other server processes) then
        // lock the months they share in the same order and never deadlock.
        let mut changes: Vec<(String, &'static str, String, i64)> = Vec::new();
        let mut changed_months: Vec<String> = Vec::new();
        for (month, counters) in self.changes {
            for (counter, dims) in counters {
                for (dim, n) in dims {
                    if n != 0 {
                        changes.push((month.clone(), counter, dim, n));
                    }
                }
            }
            changed_months.push(month);
        }
        changes.sort_unstable();
        changed_months.sort_unstable();
        let counts: Vec<Vec<Value>> = changes
            .into_iter()
            .map(|(month, counter, dim, n)| {
                vec![
                    Value::Text(month),
                    Value::from(kiosk_id),
                    Value::from(counter),
                    Value::Text(dim),
                    Value::Int(n),
                ]
            })
            .collect();
        let months: Vec<Vec<Value>> = changed_months
            .into_iter()
            .map(|month| vec![Value::Text(month), Value::Int(1)])
            .collect();
        insert_rows(
            transaction,
            "rollup (month, kiosk_id, counter, dim, n)",
            "ON CONFLICT (month, kiosk_id, counter, dim) DO UPDATE SET n = rollup.n + excluded.n",
            &counts,
        )?;
        insert_rows(
            transaction,
            "rollup_stamps (month, generation)",
            "ON CONFLICT (month) DO UPDATE SET generation = rollup_stamps.generation + 1",
            &months,
        )?;
        Ok(())
    }
}

/// What marking a visit did.
enum Marked {
    /// The visit had no such mark: count it.
    New,
    /// The visit had this mark from a later event: move the count from the old value.
    Earlier {
        old_value: String,
        old_month: String,
    },
    /// Already counted.
    Kept,
}

fn mark(
    transaction: &dyn Sql,
    kiosk_id: &str,
    event: &EventRecord,
    (mark, value): (&str, &str),
    seq: i64,
    month: &str,
    deltas: &mut Deltas,
) -> Result<Marked, StoreError> {
    let visit = deltas.visit(transaction, kiosk_id, &event.session)?;
    let held = visit.marks.get(mark).cloned();
    let replaces = match &held {
        None => true,
        Some((_, old_seq, _, _)) => seq < *old_seq,
    };
    if replaces {
        visit.marks.insert(
            mark.to_owned(),
            (value.to_owned(), seq, month.to_owned(), event.hour),
        );
        if !visit.changed_marks.iter().any(|changed| changed == mark) {
            visit.changed_marks.push(mark.to_owned());
        }
    }
    match held {
        None => Ok(Marked::New),
        Some((old_value, _, old_month, _)) if replaces => Ok(Marked::Earlier {
            old_value,
            old_month,
        }),
        Some(_) => Ok(Marked::Kept),
    }
}

/// Counts one newly stored event, by the rules of [`counting`].
pub(super) fn roll_up_event(
    transaction: &dyn Sql,
    kiosk_id: &str,
    seq: i64,
    event: &EventRecord,
    received_at: i64,
    deltas: &mut Deltas,
) -> Result<(), StoreError> {
    use counter::*;
    let hour = deltas.corrected(event.hour);
    let month = visit_month(transaction, kiosk_id, event, seq, hour, deltas)?;
    let month = month.as_str();
    deltas.add(month, EVENTS, "", 1);
    deltas.add(
        month,
        AGE_HOURS,
        &age_hours(hour, received_at).to_string(),
        1,
    );
    match counting(&event.kind) {
        Counting::Visit => {
            deltas.add(month, SESSIONS, "", 1);
            let closed = crate::metrics::publication::closes_at(&deltas.calendar, month)
                .is_ok_and(|closes| closes <= received_at);
            if closed {
                let arrived = deltas.calendar.month_of(received_at);
                deltas.add(&arrived, LATE_VISITS, "", 1);
            }
        }
        Counting::FirstOf {
            mark: name,
            counter,
            value,
        } => match mark(
            transaction,
            kiosk_id,
            event,
            (name, &value),
            seq,
            month,
            deltas,
        )? {
            Marked::New => deltas.add(month, counter, &value, 1),
            Marked::Earlier {
                old_value,
                old_month,
            } => {
                deltas.add(&old_month, counter, &old_value, -1);
                deltas.add(month, counter, &value, 1);
            }
            Marked::Kept => {}
        },
        Counting::OncePerVisit(facts) => {
            for (name, counter, dim) in facts {
                if let Marked::New =
                    mark(transaction, kiosk_id, event, (name, ""), seq, month, deltas)?
                {
                    deltas.add(month, counter, &dim, 1);
                }
            }
        }
        Counting::Capped { tally, counts } => {
            let over = past_cap(transaction, kiosk_id, event, tally, deltas)?;
            for (counter, dim) in counts {
                capped_add(deltas, month, counter, &dim, over);
            }
        }
        Counting::Nothing => {}
    }
    Ok(())
}

/// Notes one more event of `tally` in the event's visit; true once the visit is past
/// [`PER_VISIT_CAP`] of them. The stored tally is read once per batch and written when the
/// batch's counts are.
fn past_cap(
    transaction: &dyn Sql,
    kiosk_id: &str,
    event: &EventRecord,
    tally: &'static str,
    deltas: &mut Deltas,
) -> Result<bool, StoreError> {
    let visit = deltas.visit(transaction, kiosk_id, &event.session)?;
    let entry = visit
        .tallies
        .entry(tally.to_owned())
        .or_insert((0, event.hour));
    entry.0 += 1;
    Ok(entry.0 > PER_VISIT_CAP)
}

/// Counts an event in `counter`, and in its overflow when the visit is past the cap.
fn capped_add(deltas: &mut Deltas, month: &str, counter: &'static str, dim: &str, over: bool) {
    deltas.add(month, counter, dim, 1);
    if over {
        deltas.add(month, counter::overflow(counter), dim, 1);
    }
}

/// Counts one newly stored availability record (in the hour of the week, city time).
pub(super) fn roll_up_availability(hour: i64, usable_minutes: u8, deltas: &mut Deltas) {
    let hour = deltas.corrected(hour);
    let month = deltas.calendar.month_of(hour);
    let slot = deltas.calendar.hour_of_week(hour).to_string();
    deltas.add(
        &month,
        counter::USABLE_MINUTES,
        &slot,
        i64::from(usable_minutes),
    );
}

impl Deltas {
    /// A recorded hour corrected for the kiosk's clock (counting flagged records).
    fn corrected(&mut self, recorded: i64) -> i64 {
        if self.clock.flagged {
            self.flagged += 1;
        }
        self.clock.hour(recorded)
    }
}

/// The month a visit's events count in: that of the first of its events the server stored
/// (a visit that runs past midnight at a month's end counts wholly in the first month).
fn visit_month(
    transaction: &dyn Sql,
    kiosk_id: &str,
    event: &EventRecord,
    seq: i64,
    hour: i64,
    deltas: &mut Deltas,
) -> Result<String, StoreError> {
    let month_now = deltas.calendar.month_of(hour);
    let visit = deltas.visit(transaction, kiosk_id, &event.session)?;
    if let Some((month, ..)) = visit.marks.get("visit") {
        return Ok(month.clone());
    }
    visit.marks.insert(
        "visit".to_owned(),
        (month_now.clone(), seq, month_now.clone(), hour),
    );
    if !visit.changed_marks.iter().any(|changed| changed == "visit") {
        visit.changed_marks.push("visit".to_owned());
    }
    Ok(month_now)
}

impl Deltas {
    /// Reads what is stored about every visit of `sessions` at once (a batch's visits: a few
    /// statements instead of two per visit).
    pub(super) fn preload(
        &mut self,
        transaction: &dyn Sql,
        kiosk_id: &str,
        sessions: &[&str],
    ) -> Result<(), StoreError> {
        let unread: Vec<&str> = sessions
            .iter()
            .copied()
            .filter(|session| !self.visits.contains_key(*session))
            .collect();
        for chunk in unread.chunks(500) {
            for session in chunk {
                self.visits.insert((*session).to_owned(), Visit::default());
            }
            let values: Vec<Value> = std::iter::once(Value::from(kiosk_id))
                .chain(chunk.iter().map(|session| Value::from(*session)))
                .collect();
            let list = placeholders(2, chunk.len());
            for (session, name, value, seq, month, hour) in transaction.query_map(
                &format!(
                    "SELECT session, mark, value, seq, month, hour FROM session_marks
                     WHERE kiosk_id = ?1 AND session IN ({list})"
                ),
                &dynamic(&values),
                |row| {
                    Ok((
                        row.get::<String>(0)?,
                        row.get::<String>(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                    ))
                },
            )? {
                if let Some(visit) = self.visits.get_mut(&session) {
                    visit.marks.insert(name, (value, seq, month, hour));
                }
            }
            for (session, name, n, hour) in transaction.query_map(
                &format!(
                    "SELECT session, tally, n, hour FROM session_tallies
                     WHERE kiosk_id = ?1 AND session IN ({list})"
                ),
                &dynamic(&values),
                |row| {
                    Ok((
                        row.get::<String>(0)?,
                        row.get::<String>(1)?,
                        row.get(2)?,
                        row.get(3)?,
                    ))
                },
            )? {
                if let Some(visit) = self.visits.get_mut(&session) {
                    visit.tallies.insert(name, (n, hour));
                }
            }
        }
        Ok(())
    }

    /// What is stored about a visit, read from the store the first time the batch meets it.
    fn visit(
        &mut self,
        transaction: &dyn Sql,
        kiosk_id: &str,
        session: &str,
    ) -> Result<&mut Visit, StoreError> {
        if !self.visits.contains_key(session) {
            self.preload(transaction, kiosk_id, &[session])?;
        }
        self.visits
            .get_mut(session)
            .ok_or_else(|| StoreError::Unreadable("a visit just read is missing".into()))
    }
}

/// One roll-up count summed over a neighbourhood's kiosks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupCount {
    /// The neighbourhood of the kiosks counted.
    pub neighbourhood: String,
    /// The counter (see [`counter`]).
    pub counter: String,
    /// The breakdown value, or empty.
    pub dim: String,
    /// The count.
    pub n: i64,
}

impl Store {
    /// Every count of `month`, summed per neighbourhood: that of each kiosk's site at
    /// `month_end` (Unix seconds), so that moving a kiosk later changes nothing here.
    pub fn rollup_counts(
        &self,
        month: &str,
        month_end: i64,
    ) -> Result<Vec<RollupCount>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map("SELECT COALESCE(m.neighbourhood, k.neighbourhood) AS place, r.counter, r.dim, SUM(r.n)
             FROM rollup r JOIN kiosks k ON k.kiosk_id = r.kiosk_id
             LEFT JOIN kiosk_moves m ON m.kiosk_id = k.kiosk_id AND m.moved_at = (
                 SELECT MIN(moved_at) FROM kiosk_moves WHERE kiosk_id = k.kiosk_id AND moved_at >= ?2)
             WHERE r.month = ?1
             GROUP BY place, r.counter, r.dim", params![month, month_end], |row| {
            Ok(RollupCount {
                neighbourhood: row.get(0)?,
                counter: row.get(1)?,
                dim: row.get(2)?,
                n: row.get(3)?,
            })
        })?;
        Ok(rows)
    }

    /// The months that have any roll-up, oldest first.
    pub fn rollup_months(&self) -> Result<Vec<String>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT month FROM rollup_stamps ORDER BY month",
            &[],
            |row| row.get(0),
        )?;
        Ok(rows)
    }

    /// A stamp that changes whenever a month's figures may change: one of its counts, the
    /// baselines, a kiosk enrolled or changed, a setting set.
    pub fn figures_stamp(&self, month: &str) -> Result<String, StoreError> {
        self.conn()?.query_row(
            "SELECT (SELECT COALESCE(MAX(generation), 0) FROM rollup_stamps WHERE month = ?1) || ':' ||
                    (SELECT COUNT(*) || '/' || COALESCE(MAX(imported_at), 0) FROM neighbourhoods) || ':' ||
                    (SELECT COUNT(*) || '/' || COALESCE(string_agg(state || neighbourhood, ',' ORDER BY kiosk_id), '') FROM kiosks) || ':' ||
                    (SELECT COALESCE(string_agg(key || '=' || value, ',' ORDER BY key), '') FROM settings) || ':' ||
                    (SELECT COALESCE(MAX(id), 0) FROM request_updates)",
            params![month],
            |row| row.get(0),
        )
    }

    /// Deletes raw events (and visit marks) that happened before `cutoff` (Unix seconds):
    /// they are counted in the roll-ups already. Event record bodies received before then are
    /// emptied too; their hashes stay, so a re-sent record is still recognised. Returns the
    /// number of events deleted.
    pub fn prune_raw_events(&self, cutoff: i64) -> Result<u64, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        let dropped = self.drop_event_partitions_before(&transaction, cutoff)?;
        let deleted = transaction.execute("DELETE FROM events WHERE hour < ?1", params![cutoff])?;
        transaction.execute("DELETE FROM session_marks WHERE hour < ?1", params![cutoff])?;
        transaction.execute(
            "DELETE FROM session_tallies WHERE hour < ?1",
            params![cutoff],
        )?;
        transaction.execute(
            "UPDATE records SET body = ?2 WHERE kind = 'event' AND received_at < ?1 AND length(body) > 0",
            params![cutoff, Vec::<u8>::new()],
        )?;
        transaction.commit()?;
        Ok(dropped + deleted as u64)
    }

    /// Counts every stored event and availability record again from scratch (after the
    /// roll-ups were introduced on a server that already held events). Raw events already
    /// pruned cannot be counted again, so this runs only when the roll-ups are empty.
    pub(super) fn build_rollups_once(&self) -> Result<(), StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        // Server processes starting together build them once.
        transaction.exclusive("rollups_built")?;
        let built: bool = transaction.query_row(
            "SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'rollups_built')",
            &[],
            |row| row.get(0),
        )?;
        if built {
            return Ok(());
        }
        let kiosks: Vec<String> =
            transaction.query_map("SELECT kiosk_id FROM kiosks", &[], |row| row.get(0))?;
        for kiosk_id in kiosks {
            let mut deltas = Deltas::for_kiosk(&transaction, &kiosk_id)?;
            let records: Vec<(i64, Vec<u8>, i64)> = transaction.query_map(
                "SELECT seq, body, received_at FROM records
                     WHERE kiosk_id = ?1 AND kind IN ('event', 'availability') ORDER BY seq",
                params![kiosk_id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?;
            for (seq, body, received_at) in records {
                match wire::RecordBody::decode(&body) {
                    Ok(wire::RecordBody::Event(event)) => roll_up_event(
                        &transaction,
                        &kiosk_id,
                        seq,
                        &event,
                        received_at,
                        &mut deltas,
                    )?,
                    Ok(wire::RecordBody::Availability(a)) => {
                        roll_up_availability(a.hour, a.usable_minutes, &mut deltas);
                    }
                    _ => {}
                }
            }
            deltas.flush(&transaction, &kiosk_id)?;
        }
        transaction.execute(
            "INSERT INTO settings (key, value) VALUES ('rollups_built', '1')",
            &[],
        )?;
        transaction.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::IncomingRecord;
    use super::super::test_support::{
        enrol_k1 as enrol, event as record, rollup_count as count, temp_store,
    };
    use super::*;
    use wire::{AccessibilityFeature, EventKind};
    use wire::{AvailabilityRecord, RecordBody};

    const OCTOBER_15: i64 = 1_792_022_400; // 2026-10-15 00:00 UTC
    const NOVEMBER_10: i64 = 1_794_268_800; // 2026-11-10 00:00 UTC

    #[test]
    fn late_records_count_in_the_month_they_happened_and_visits_count_once()
    -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        enrol(&store)?;
        let october = OCTOBER_15 + 10 * 3600;
        // Delivered in November, three and a half weeks late: counted in October.
        let late = [
            record(1, 1, october, EventKind::SessionStarted),
            record(
                2,
                1,
                october,
                EventKind::AccessibilityUsed {
                    feature: AccessibilityFeature::ReadAloud,
                },
            ),
            record(
                3,
                1,
                october,
                EventKind::AccessibilityUsed {
                    feature: AccessibilityFeature::ReadAloud,
                },
            ),
            record(
                5,
                1,
                october,
                EventKind::LanguageChosen {
                    locale: "es".into(),
                },
            ),
            record(6, 1, october, EventKind::StaffAssisted),
            record(7, 1, october, EventKind::StaffAssisted),
        ];
        store.ingest_records("k1", &late, 0, NOVEMBER_10)?;
        // The visit's earlier language choice arrives after a later one: the first choice counts.
        store.ingest_records(
            "k1",
            &[record(
                4,
                1,
                october,
                EventKind::LanguageChosen {
                    locale: "ar".into(),
                },
            )],
            0,
            NOVEMBER_10,
        )?;
        let on_time = [
            record(8, 2, NOVEMBER_10, EventKind::SessionStarted),
            record(
                9,
                2,
                NOVEMBER_10,
                EventKind::Searched {
                    results: 0,
                    topic: None,
                },
            ),
        ];
        store.ingest_records("k1", &on_time, 0, NOVEMBER_10 + 600)?;
        store.ingest_records(
            "k1",
            &[IncomingRecord {
                seq: 10,
                bytes: RecordBody::Availability(AvailabilityRecord {
                    hour: NOVEMBER_10,
                    usable_minutes: 45,
                })
                .encode(),
                body: RecordBody::Availability(AvailabilityRecord {
                    hour: NOVEMBER_10,
                    usable_minutes: 45,
                }),
            }],
            0,
            NOVEMBER_10 + 3700,
        )?;

        assert_eq!(count(&store, "2026-10", counter::SESSIONS, "")?, 1);
        assert_eq!(
            count(&store, "2026-10", counter::FEATURE, "read_aloud")?,
            1,
            "once per visit"
        );
        assert_eq!(count(&store, "2026-10", counter::ANY_FEATURE, "")?, 1);
        assert_eq!(
            count(&store, "2026-10", counter::ASSISTED, "")?,
            1,
            "once per visit"
        );
        assert_eq!(
            count(&store, "2026-10", counter::LOCALE, "ar")?,
            1,
            "the first choice"
        );
        assert_eq!(count(&store, "2026-10", counter::LOCALE, "es")?, 0);
        let age = (NOVEMBER_10 - october) / 3600;
        assert_eq!(
            count(&store, "2026-10", counter::AGE_HOURS, &age.to_string())?,
            7
        );
        assert_eq!(count(&store, "2026-11", counter::SESSIONS, "")?, 1);
        assert_eq!(count(&store, "2026-11", counter::SEARCHES_EMPTY, "")?, 1);
        assert_eq!(count(&store, "2026-11", counter::AGE_HOURS, "0")?, 2);
        assert_eq!(
            count(
                &store,
                "2026-11",
                counter::USABLE_MINUTES,
                &Calendar::utc().hour_of_week(NOVEMBER_10).to_string()
            )?,
            45
        );
        assert_eq!(store.rollup_months()?, ["2026-10", "2026-11"]);

        // A record sent again changes no count.
        store.ingest_records("k1", &late, 0, NOVEMBER_10 + 7200)?;
        assert_eq!(count(&store, "2026-10", counter::SESSIONS, "")?, 1);
        Ok(())
    }

    #[test]
    fn events_past_the_per_visit_cap_count_and_are_set_aside() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        enrol(&store)?;
        let mut records = vec![record(1, 1, OCTOBER_15, EventKind::SessionStarted)];
        // Eight searches in one visit, the last two finding nothing.
        for i in 0..8 {
            records.push(record(
                2 + i,
                1,
                OCTOBER_15,
                EventKind::Searched {
                    results: if i >= 6 { 0 } else { 3 },
                    topic: None,
                },
            ));
        }
        // Another visit's search is its first.
        records.push(record(20, 2, OCTOBER_15, EventKind::SessionStarted));
        records.push(record(
            21,
            2,
            OCTOBER_15,
            EventKind::Searched {
                results: 0,
                topic: None,
            },
        ));
        store.ingest_records("k1", &records, 0, OCTOBER_15 + 3600)?;
        let over = |name: &str| count(&store, "2026-10", counter::overflow(name), "");
        assert_eq!(count(&store, "2026-10", counter::SEARCHES, "")?, 9);
        assert_eq!(over(counter::SEARCHES)?, 8 - PER_VISIT_CAP);
        assert_eq!(count(&store, "2026-10", counter::SEARCHES_EMPTY, "")?, 3);
        assert_eq!(over(counter::SEARCHES_EMPTY)?, 2, "both past the cap");
        // Sent again: nothing counts twice, the tallies neither.
        store.ingest_records("k1", &records, 0, OCTOBER_15 + 7200)?;
        assert_eq!(over(counter::SEARCHES)?, 8 - PER_VISIT_CAP);
        // A visit's views over two batches: the tally carries over.
        for (batch, seqs) in [(0, 30..34), (1, 34..37)] {
            let views: Vec<IncomingRecord> = seqs
                .map(|seq| {
                    record(
                        seq,
                        3,
                        OCTOBER_15,
                        EventKind::ServiceViewed {
                            topic: "culture.library".into(),
                        },
                    )
                })
                .collect();
            store.ingest_records("k1", &views, 0, OCTOBER_15 + 3600 * (3 + batch))?;
        }
        assert_eq!(count(&store, "2026-10", counter::VIEWS, "")?, 7);
        assert_eq!(over(counter::VIEWS)?, 7 - PER_VISIT_CAP);
        Ok(())
    }

    #[test]
    fn raw_events_past_retention_go_and_the_counts_stay() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        enrol(&store)?;
        let old = [
            record(1, 1, OCTOBER_15, EventKind::SessionStarted),
            record(2, 1, OCTOBER_15, EventKind::StaffAssisted),
        ];
        store.ingest_records("k1", &old, 0, OCTOBER_15 + 3600)?;
        store.ingest_records(
            "k1",
            &[record(3, 2, NOVEMBER_10, EventKind::SessionStarted)],
            0,
            NOVEMBER_10,
        )?;
        let deleted = store.prune_raw_events(NOVEMBER_10 - 86_400)?;
        assert_eq!(deleted, 2);
        assert_eq!(
            store.events_of("k1")?.len(),
            1,
            "only the recent event is kept raw"
        );
        assert_eq!(
            count(&store, "2026-10", counter::SESSIONS, "")?,
            1,
            "counted still"
        );
        // Its hash stays: the same record sent again is recognised, not counted twice.
        let receipt = store.ingest_records("k1", &old, 0, NOVEMBER_10)?;
        assert_eq!((receipt.stored, receipt.already_had), (0, 2));
        assert_eq!(count(&store, "2026-10", counter::SESSIONS, "")?, 1);
        Ok(())
    }

    #[test]
    fn months_and_hours_of_the_week_in_utc() {
        let utc = Calendar::utc();
        assert_eq!(utc.month_of(0), "1970-01");
        assert_eq!(utc.month_of(951_782_400), "2000-02"); // 2000-02-29
        assert_eq!(utc.month_of(1_798_761_599), "2026-12"); // 2026-12-31 23:59:59
        assert_eq!(utc.month_of(1_798_761_600), "2027-01");
        assert_eq!(utc.hour_of_week(0), 72, "Thursday 00:00");
        assert_eq!(
            utc.hour_of_week(1_795_392_000),
            0,
            "Monday 2026-11-23 00:00"
        );
        assert_eq!(utc.hour_of_week(1_795_392_000 - 1), 167, "Sunday 23:59");
    }
}
