//! Which daily digests went out: one row per form and day, so a restart never sends one twice.

use super::db::{Sql, SqlExt as _, params};
use super::{Store, StoreError};

impl Store {
    /// Whether the digest of `form` for `day` (days since 1970-01-01, UTC) went out.
    pub fn digest_sent(&self, form: &str, day: i64) -> Result<bool, StoreError> {
        self.conn()?.query_row(
            "SELECT EXISTS (SELECT 1 FROM digests_sent WHERE form = ?1 AND day = ?2)",
            params![form, day],
            |row| row.get(0),
        )
    }

    /// Notes that the digest of `form` for `day` went out (and forgets those of a month ago).
    pub fn mark_digest_sent(&self, form: &str, day: i64) -> Result<(), StoreError> {
        let connection = self.conn()?;
        connection.execute(
            "INSERT INTO digests_sent (form, day) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![form, day],
        )?;
        connection.execute("DELETE FROM digests_sent WHERE day < ?1", params![day - 31])?;
        Ok(())
    }
}
