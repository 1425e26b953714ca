//! Copying a whole city from one database to another (`sync-server migrate`): every table in
//! an order its references allow, in pages read by primary key so memory stays flat, inside
//! one transaction on each side, then checked: the same rows in every table and the same
//! roll-up totals.

use std::collections::BTreeMap;

use super::db::{Dialect, Sql, SqlExt as _, Value, dynamic, insert_rows, placeholders};
use super::{Store, StoreError};

/// Every table, referenced tables first, with its primary key (the order pages are read in).
const TABLES: &[(&str, &[&str])] = &[
    ("settings", &["key"]),
    ("enrolment_codes", &["code_hash"]),
    ("kiosks", &["kiosk_id"]),
    ("kiosk_moves", &["kiosk_id", "moved_at"]),
    ("sites", &["site"]),
    ("neighbourhoods", &["name"]),
    ("boundaries", &["neighbourhood"]),
    ("records", &["kiosk_id", "seq"]),
    ("events", &["kiosk_id", "seq"]),
    ("conflicts", &["kiosk_id", "seq", "offered_hash"]),
    ("requests", &["kiosk_id", "seq"]),
    ("request_updates", &["id"]),
    ("feedback", &["kiosk_id", "seq"]),
    ("learner_progress", &["learner_code", "module"]),
    ("sync_log", &["id"]),
    ("rollup", &["month", "kiosk_id", "counter", "dim"]),
    ("rollup_stamps", &["month"]),
    ("session_marks", &["kiosk_id", "session", "mark"]),
    ("session_tallies", &["kiosk_id", "session", "tally"]),
    ("staff_users", &["name"]),
    ("staff_user_sites", &["name", "site"]),
    ("staff_user_forms", &["name", "form"]),
    ("staff_sessions", &["token_hash"]),
    ("audit_log", &["id"]),
    ("login_attempts", &["name", "address"]),
    ("privacy_ledger", &["id"]),
    ("noisy_releases", &["release"]),
    ("published_months", &["month"]),
    ("open311_keys", &["name"]),
    ("open311_key_scope", &["name", "kind", "value"]),
    ("open311_targets", &["name"]),
    ("open311_pushes", &["target", "kiosk_id", "seq"]),
    ("digests_sent", &["form", "day"]),
    ("request_lookups", &["kiosk_id"]),
];

/// Tables whose `id` the database hands out: after a copy its counter must start past the
/// highest id copied.
const NUMBERED: &[&str] = &["sync_log", "audit_log", "privacy_ledger", "request_updates"];

/// Rows read from the source at a time.
const PAGE: usize = 2_000;

/// What a copy found and did, table by table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TransferReport {
    /// Rows per table, as counted on both sides after the copy.
    pub rows: BTreeMap<String, u64>,
    /// Roll-up totals per month and counter, the same on both sides.
    pub rollup_totals: u64,
}

impl Store {
    /// Copies everything into `target`, which must be empty (a new database), and checks
    /// both hold the same. The source is read in one transaction (on SQLite it takes the
    /// write lock, so a server still running waits rather than writing what would be left
    /// behind); the target is written in one, so a failed copy leaves it empty.
    /// `progress(table, rows so far)` is called after each page.
    pub fn copy_to(
        &self,
        target: &Store,
        mut progress: impl FnMut(&str, u64),
    ) -> Result<TransferReport, StoreError> {
        let mut source_connection = self.conn()?;
        let source = source_connection.transaction()?;
        if source.dialect() == Dialect::Postgres {
            // Every table as of one moment, while writers carry on.
            source.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", &[])?;
        }
        let mut target_connection = target.conn()?;
        let destination = target_connection.transaction()?;
        if destination.query_row("SELECT COUNT(*) FROM kiosks", &[], |row| row.get::<i64>(0))? > 0
            || destination.query_row("SELECT COUNT(*) FROM staff_users", &[], |row| {
                row.get::<i64>(0)
            })? > 0
        {
            return Err(StoreError::Refused(format!(
                "{} already holds kiosks or staff: copy only into a new, empty database",
                target.describe()
            )));
        }
        // A new database has settings of its own (the metrics' first defaults): the copy's win.
        destination.execute("DELETE FROM settings", &[])?;
        destination.execute("DELETE FROM rollup_stamps", &[])?;
        for (table, key) in TABLES {
            let columns = column_names(&source, table)?;
            let theirs = column_names(&destination, table)?;
            if columns != theirs {
                return Err(StoreError::Refused(format!(
                    "the two databases' {table} tables differ ({} against {}): run the same \
                     server version on both",
                    columns.join(", "),
                    theirs.join(", ")
                )));
            }
            let mut after: Option<Vec<Value>> = None;
            let mut copied = 0u64;
            loop {
                let page = read_page(&source, table, &columns, key, after.as_deref())?;
                if page.is_empty() {
                    break;
                }
                insert_rows(
                    &destination,
                    &format!("{table} ({})", columns.join(", ")),
                    "",
                    &page,
                )?;
                copied += page.len() as u64;
                progress(table, copied);
                if page.len() < PAGE {
                    break;
                }
                after = page.last().map(|row| {
                    key.iter()
                        .filter_map(|k| columns.iter().position(|c| c == k))
                        .filter_map(|index| row.get(index).cloned())
                        .collect()
                });
            }
        }
        if destination.dialect() == Dialect::Postgres {
            for table in NUMBERED {
                destination.query(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                       COALESCE(MAX(id), 0) + 1, false) FROM {table}"
                    ),
                    &[],
                )?;
            }
        }
        let report = compare(&source, &destination)?;
        destination.commit()?;
        drop(source);
        Ok(report)
    }
}

/// The table's columns, in order.
fn column_names(connection: &dyn Sql, table: &str) -> Result<Vec<String>, StoreError> {
    match connection.dialect() {
        Dialect::Sqlite => connection.query_map(
            "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
            &[&table],
            |row| row.get(0),
        ),
        Dialect::Postgres => connection.query_map(
            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1
             ORDER BY ordinal_position",
            &[&table],
            |row| row.get(0),
        ),
    }
}

/// The next page of `table` after the key `after` (from the start when `None`).
fn read_page(
    connection: &dyn Sql,
    table: &str,
    columns: &[String],
    key: &[&str],
    after: Option<&[Value]>,
) -> Result<Vec<Vec<Value>>, StoreError> {
    let key_list = key.join(", ");
    let (condition, values) = match after {
        Some(after) => (
            format!("WHERE ({key_list}) > ({})", placeholders(1, after.len())),
            after.to_vec(),
        ),
        None => (String::new(), Vec::new()),
    };
    let sql = format!(
        "SELECT {} FROM {table} {condition} ORDER BY {key_list} LIMIT {PAGE}",
        columns.join(", ")
    );
    connection.query_map(&sql, &dynamic(&values), |row| {
        (0..columns.len())
            .map(|index| row.get::<Value>(index))
            .collect()
    })
}

/// Counts every table and sums the roll-ups on both sides; an error naming the first
/// difference.
fn compare(source: &dyn Sql, target: &dyn Sql) -> Result<TransferReport, StoreError> {
    let mut report = TransferReport::default();
    for (table, _) in TABLES {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let here: i64 = source.query_row(&sql, &[], |row| row.get(0))?;
        let there: i64 = target.query_row(&sql, &[], |row| row.get(0))?;
        if here != there {
            return Err(StoreError::Refused(format!(
                "the copy of {table} has {there} rows where the source has {here}: nothing was kept"
            )));
        }
        report.rows.insert((*table).to_owned(), here.max(0) as u64);
    }
    let totals =
        "SELECT month, counter, SUM(n) FROM rollup GROUP BY month, counter ORDER BY month, counter";
    let read = |connection: &dyn Sql| {
        connection.query_map(totals, &[], |row| {
            Ok((
                row.get::<String>(0)?,
                row.get::<String>(1)?,
                row.get::<i64>(2)?,
            ))
        })
    };
    let (here, there) = (read(source)?, read(target)?);
    if here != there {
        return Err(StoreError::Refused(
            "the copied roll-ups do not add up to the source's: nothing was kept".into(),
        ));
    }
    report.rollup_totals = here.len() as u64;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{enrol_k1, event, temp_store};
    use super::*;
    use crate::store::Role;

    /// A store with a little of everything: a kiosk, visits and their roll-ups, a staff user
    /// with a session, a sync ledger.
    fn a_small_city() -> Result<(tempfile::TempDir, Store), StoreError> {
        let (dir, store) = temp_store();
        enrol_k1(&store)?;
        let hour = 490_000;
        let records: Vec<_> = (1..=30)
            .map(|seq| {
                event(
                    seq,
                    (seq % 5) as u8,
                    hour + seq as i64,
                    wire::EventKind::SessionStarted,
                )
            })
            .collect();
        store.ingest_records("k1", &records, 0, hour * 3600)?;
        store.hello("k1", 30, 0, hour * 3600)?;
        store.add_staff_user("ana", Role::Analyst, "hash", &[], &[], 1)?;
        store.audit("ana", Role::Analyst, "login", "", 2)?;
        Ok((dir, store))
    }

    #[test]
    fn a_city_copied_there_and_back_is_the_same_and_the_copy_is_checked() -> Result<(), StoreError>
    {
        let (_dir, source) = a_small_city()?;
        let middle_dir = tempfile::tempdir().map_err(|e| StoreError::Refused(e.to_string()))?;
        let middle = Store::open(&middle_dir.path().join("middle.sqlite3"))?;
        let mut tables_seen = Vec::new();
        let report = source.copy_to(&middle, |table, _| tables_seen.push(table.to_owned()))?;
        assert_eq!(report.rows["records"], 30);
        assert_eq!(report.rows["staff_users"], 1);
        assert!(report.rollup_totals > 0);
        assert!(tables_seen.contains(&"events".to_owned()));
        // And back, into the backend the tests run on (PostgreSQL in the second pass).
        let (_back_dir, back) = temp_store();
        let again = middle.copy_to(&back, |_, _| {})?;
        assert_eq!(again, report);
        assert!(!source.rollup_counts("2025-11", i64::MAX)?.is_empty());
        for store in [&middle, &back] {
            assert_eq!(store.fleet()?, source.fleet()?);
            assert_eq!(
                store.rollup_counts("2025-11", i64::MAX)?,
                source.rollup_counts("2025-11", i64::MAX)?
            );
            assert_eq!(
                store.hello("k1", 31, 0, 5)?.missing,
                [wire::SeqRange {
                    first: 31,
                    last: 31
                }]
            );
        }
        // Numbers the database hands out carry on past the copied ones.
        back.audit("ana", Role::Analyst, "logout", "", 3)?;
        assert_eq!(back.audit_entries(10)?.len(), 2);
        // A database that holds a city already is refused, and keeps what it had.
        let error = source.copy_to(&back, |_, _| {}).expect_err("not empty");
        assert!(error.to_string().contains("new, empty database"), "{error}");
        assert_eq!(back.audit_entries(10)?.len(), 2);
        Ok(())
    }

    #[test]
    fn every_table_of_the_schema_is_copied() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        let connection = store.conn()?;
        let tables: Vec<String> = match connection.dialect() {
            Dialect::Sqlite => connection.query_map(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                &[],
                |row| row.get(0),
            )?,
            Dialect::Postgres => connection.query_map(
                "SELECT CAST(c.relname AS TEXT) FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                   AND NOT c.relispartition AND c.relname != 'schema_version'",
                &[],
                |row| row.get(0),
            )?,
        };
        let copied: Vec<&str> = TABLES.iter().map(|(table, _)| *table).collect();
        for table in &tables {
            assert!(copied.contains(&table.as_str()), "{table} is not copied");
        }
        assert_eq!(tables.len(), TABLES.len());
        Ok(())
    }
}
