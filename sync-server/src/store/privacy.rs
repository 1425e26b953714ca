//! The privacy ledger and the noisy releases: every release of a month's figures with noise,
//! what it cost in ε, and the noisy counts themselves (kept, so every view of a released month
//! shows the same numbers: fresh noise per view would let anyone average it away).

use super::db::{Sql, SqlExt as _, params};
use super::{Store, StoreError};

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerLine {
    /// The year whose data the release is about (its budget).
    pub year: i64,
    /// Unix seconds of the release.
    pub at: i64,
    /// What was released (the month, `YYYY-MM`).
    pub release: String,
    /// ε spent.
    pub epsilon: f64,
}

impl Store {
    /// Every ledger line, oldest first.
    pub fn privacy_ledger(&self) -> Result<Vec<LedgerLine>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT year, at, release, epsilon FROM privacy_ledger ORDER BY id",
            &[],
            |row| {
                Ok(LedgerLine {
                    year: row.get(0)?,
                    at: row.get(1)?,
                    release: row.get(2)?,
                    epsilon: row.get(3)?,
                })
            },
        )?;
        Ok(rows)
    }

    /// ε spent on `year`'s data so far.
    pub fn epsilon_spent(&self, year: i64) -> Result<f64, StoreError> {
        self.conn()?.query_row(
            "SELECT COALESCE(SUM(epsilon), 0.0) FROM privacy_ledger WHERE year = ?1",
            params![year],
            |row| row.get(0),
        )
    }

    /// Saves a noisy release of `month` (replacing an earlier one) and its ledger line, in one
    /// transaction; refused, with nothing written, if `cost` would take `year` past `budget`.
    pub fn record_noisy_release(
        &self,
        month: &str,
        body: &str,
        (year, cost, budget): (i64, f64, f64),
        at: i64,
    ) -> Result<(), StoreError> {
        let mut connection = self.conn()?;
        // Immediate: a release from the command line beside a running server waits its turn
        // instead of reading a total the other is about to change.
        let transaction = connection.transaction()?;
        transaction.exclusive("privacy")?;
        let spent: f64 = transaction.query_row(
            "SELECT COALESCE(SUM(epsilon), 0.0) FROM privacy_ledger WHERE year = ?1",
            params![year],
            |row| row.get(0),
        )?;
        // A little slack for the sums of floating-point ε.
        if spent + cost > budget + 1e-9 {
            return Err(StoreError::Refused(format!(
                "releasing {month} would spend ε = {cost} on {year}'s data, but only {} of the \
                 yearly budget of {budget} is left (spent: {spent})",
                (budget - spent).max(0.0)
            )));
        }
        transaction.execute(
            "INSERT INTO privacy_ledger (year, at, release, epsilon) VALUES (?1, ?2, ?3, ?4)",
            params![year, at, month, cost],
        )?;
        transaction.execute(
            "INSERT INTO noisy_releases (release, body) VALUES (?1, ?2)
             ON CONFLICT (release) DO UPDATE SET body = excluded.body",
            params![month, body],
        )?;
        // Its figures are published afresh at the next view.
        transaction.execute(
            "DELETE FROM published_months WHERE month = ?1",
            params![month],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// The stored noisy release of `month`, if there is one.
    pub fn noisy_release(&self, month: &str) -> Result<Option<String>, StoreError> {
        self.conn()?.query_opt(
            "SELECT body FROM noisy_releases WHERE release = ?1",
            params![month],
            |row| row.get(0),
        )
    }

    /// The months that have a noisy release.
    pub fn released_months(&self) -> Result<Vec<String>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT release FROM noisy_releases ORDER BY release",
            &[],
            |row| row.get(0),
        )?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_past_the_budget_is_refused_and_writes_nothing()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join("s.sqlite3"))?;
        store.record_noisy_release("2026-01", "{\"a\":1}", (2026, 7.0, 12.0), 100)?;
        store.record_noisy_release("2026-02", "{\"b\":2}", (2026, 5.0, 12.0), 200)?;
        assert_eq!(store.epsilon_spent(2026)?, 12.0);
        let refused = store.record_noisy_release("2026-01", "{\"c\":3}", (2026, 0.5, 12.0), 300);
        assert!(
            matches!(refused, Err(StoreError::Refused(ref why)) if why.contains("yearly budget")),
            "{refused:?}"
        );
        assert_eq!(
            store.noisy_release("2026-01")?.as_deref(),
            Some("{\"a\":1}")
        );
        // Another year has its own budget; a release again replaces the body.
        store.record_noisy_release("2027-01", "{\"d\":4}", (2027, 12.0, 12.0), 400)?;
        assert_eq!(store.privacy_ledger()?.len(), 3);
        assert_eq!(store.released_months()?, ["2026-01", "2026-02", "2027-01"]);
        assert_eq!(store.epsilon_spent(2025)?, 0.0);
        Ok(())
    }
}
