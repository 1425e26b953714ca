//! Raw events by month on PostgreSQL: one partition of `events` per UTC month, made ahead of
//! time (and for any month that arrived early or late, out of the default partition), so that
//! retention drops whole months instead of deleting row by row. SQLite keeps one table.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan as _};

use super::db::{Dialect, Sql, SqlExt as _};
use super::{Store, StoreError};

/// A UTC month as partition bounds: `[start, end)` in Unix seconds, and its table's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthPartition {
    /// `events_YYYY_MM`.
    pub name: String,
    /// The first second of the month.
    pub start: i64,
    /// The first second of the next month.
    pub end: i64,
}

/// The UTC month holding `at` (Unix seconds).
pub fn month_of(at: i64) -> Result<MonthPartition, StoreError> {
    let out_of_range =
        |e: jiff::Error| StoreError::Refused(format!("time {at} is out of range: {e}"));
    let day = Timestamp::from_second(at)
        .map_err(out_of_range)?
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let first = Date::new(day.year(), day.month(), 1).map_err(out_of_range)?;
    let next = first.checked_add(1.month()).map_err(out_of_range)?;
    let second = |date: Date| -> Result<i64, StoreError> {
        Ok(date
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_err(out_of_range)?
            .timestamp()
            .as_second())
    };
    Ok(MonthPartition {
        name: format!("events_{:04}_{:02}", first.year(), first.month()),
        start: second(first)?,
        end: second(next)?,
    })
}

impl Store {
    /// Makes the monthly partitions of the months from `months_back` before `now` to two
    /// after it, and of every month that has rows waiting in the default partition (moved
    /// into their own). One process at a time; nothing on SQLite. Returns the partitions
    /// made.
    pub fn prepare_event_partitions(
        &self,
        now: i64,
        months_back: u32,
    ) -> Result<Vec<String>, StoreError> {
        if self.dialect() != Dialect::Postgres {
            return Ok(Vec::new());
        }
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        transaction.exclusive("event_partitions")?;
        let mut months = Vec::new();
        let mut month = month_of(now)?;
        for _ in 0..months_back {
            month = month_of(month.start - 1)?;
        }
        for _ in 0..months_back + 3 {
            let next = month_of(month.end)?;
            months.push(month);
            month = next;
        }
        // Months that arrived before their partition existed.
        let waiting: Vec<i64> = transaction.query_map(
            "SELECT DISTINCT hour - MOD(hour, 86400) FROM events_default",
            &[],
            |row| row.get(0),
        )?;
        for day in waiting {
            let month = month_of(day)?;
            if !months.contains(&month) {
                months.push(month);
            }
        }
        let existing = attached_partitions(&transaction)?;
        let missing: Vec<MonthPartition> = months
            .into_iter()
            .filter(|month| !existing.contains(&month.name))
            .collect();
        if !missing.is_empty() {
            // Inserts wait while partitions are attached: one routed to the default partition
            // by the table's old layout would break the new partition's constraint.
            transaction.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE", &[])?;
        }
        let mut made = Vec::new();
        for month in missing {
            make_partition(&transaction, &month)?;
            made.push(month.name);
        }
        transaction.commit()?;
        Ok(made)
    }

    /// Drops the monthly partitions whose months ended at or before `cutoff`; returns how
    /// many events went with them. What remains before the cutoff is deleted row by row by
    /// [`Store::prune_raw_events`].
    pub(super) fn drop_event_partitions_before(
        &self,
        transaction: &dyn Sql,
        cutoff: i64,
    ) -> Result<u64, StoreError> {
        if transaction.dialect() != Dialect::Postgres {
            return Ok(0);
        }
        let mut dropped = 0u64;
        for name in attached_partitions(transaction)? {
            // The default partition names no month.
            let Some(month) = parse_name(&name) else {
                continue;
            };
            if month.end <= cutoff {
                let rows: i64 =
                    transaction.query_row(&format!("SELECT COUNT(*) FROM {name}"), &[], |row| {
                        row.get(0)
                    })?;
                transaction.execute(&format!("DROP TABLE {name}"), &[])?;
                dropped += rows.max(0) as u64;
            }
        }
        Ok(dropped)
    }
}

/// The names of the partitions attached to `events`, the default one included.
fn attached_partitions(transaction: &dyn Sql) -> Result<Vec<String>, StoreError> {
    transaction.query_map(
        "SELECT CAST(c.relname AS TEXT) FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent
         WHERE p.relname = 'events'",
        &[],
        |row| row.get(0),
    )
}

/// The month a partition's name stands for (`events_2026_12`).
fn parse_name(name: &str) -> Option<MonthPartition> {
    let rest = name.strip_prefix("events_")?;
    let (year, month) = rest.split_once('_')?;
    let date = Date::new(year.parse().ok()?, month.parse().ok()?, 1).ok()?;
    let at = date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()?
        .timestamp()
        .as_second();
    month_of(at).ok().filter(|m| m.name == name)
}

/// Makes one month's partition, moving its rows out of the default partition first (a
/// partition cannot be attached while the default one holds rows of its range).
fn make_partition(transaction: &dyn Sql, month: &MonthPartition) -> Result<(), StoreError> {
    let MonthPartition { name, start, end } = month;
    transaction.execute(
        &format!("CREATE TABLE {name} (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"),
        &[],
    )?;
    transaction.execute(
        &format!(
            "INSERT INTO {name} SELECT * FROM events_default WHERE hour >= {start} AND hour < {end}"
        ),
        &[],
    )?;
    transaction.execute(
        &format!("DELETE FROM events_default WHERE hour >= {start} AND hour < {end}"),
        &[],
    )?;
    transaction.execute(
        &format!("ALTER TABLE events ATTACH PARTITION {name} FOR VALUES FROM ({start}) TO ({end})"),
        &[],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{enrol_k1, event, temp_store};
    use super::*;

    #[test]
    fn months_are_utc_calendar_months() -> Result<(), StoreError> {
        // 2026-02-15 12:00 UTC.
        let february = month_of(1_771_156_800)?;
        assert_eq!(february.name, "events_2026_02");
        assert_eq!(february.end - february.start, 28 * 86_400);
        assert_eq!(month_of(february.end)?.name, "events_2026_03");
        assert_eq!(month_of(february.start - 1)?.name, "events_2026_01");
        assert_eq!(parse_name("events_2026_02"), Some(february));
        assert_eq!(parse_name("events_default"), None);
        Ok(())
    }

    #[test]
    fn raw_events_go_a_whole_month_at_a_time_and_counts_stay() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        enrol_k1(&store)?;
        let january = 1_768_478_400; // 2026-01-15 12:00 UTC
        let march = 1_773_576_000; // 2026-03-15 12:00 UTC
        // January's events arrive before any partition exists, then March's after.
        store.ingest_records(
            "k1",
            &[event(1, 1, january, wire::EventKind::SessionStarted)],
            0,
            march,
        )?;
        let made = store.prepare_event_partitions(march, 3)?;
        store.ingest_records(
            "k1",
            &[event(2, 2, march, wire::EventKind::SessionStarted)],
            0,
            march,
        )?;
        let counted = |store: &Store| {
            super::super::test_support::rollup_count(store, "2026-01", "sessions", "")
        };
        let before = counted(&store)?;
        assert_eq!(before, 1);
        if store.dialect() == Dialect::Postgres {
            assert!(made.contains(&"events_2026_01".to_owned()), "{made:?}");
            assert!(made.contains(&"events_2026_05".to_owned()), "{made:?}");
            let connection = store.conn()?;
            let homes: Vec<String> = connection.query_map(
                "SELECT CAST(tableoid::regclass AS TEXT) FROM events ORDER BY seq",
                &[],
                |row| row.get(0),
            )?;
            assert_eq!(homes, ["events_2026_01", "events_2026_03"]);
            drop(connection);
            // Made once: a second pass makes nothing.
            assert!(store.prepare_event_partitions(march, 3)?.is_empty());
        } else {
            assert!(made.is_empty());
        }
        // Retention past February: January goes (its whole partition on PostgreSQL).
        let deleted = store.prune_raw_events(1_771_156_800)?;
        assert_eq!(deleted, 1);
        assert_eq!(store.events_of("k1")?.len(), 1);
        assert_eq!(counted(&store)?, before, "the roll-ups keep counting");
        Ok(())
    }
}
