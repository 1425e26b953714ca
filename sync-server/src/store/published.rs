//! Published months: the figures shown to everyone but analysts, frozen when first shown
//! after the month closed (see `metrics::publication`).

use super::db::{Sql, SqlExt as _, params};
use super::{Store, StoreError};

/// A frozen month.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedMonth {
    /// The figures as shown (JSON, see `metrics::publication::freeze`).
    pub figures: String,
    /// ε per table and when, if the figures came from a noisy release.
    pub release: Option<(f64, i64)>,
    /// Unix seconds.
    pub published_at: i64,
}

impl Store {
    /// The frozen figures of `month`, if it was published.
    pub fn published_month(&self, month: &str) -> Result<Option<PublishedMonth>, StoreError> {
        self
            .conn()?
            .query_opt("SELECT figures, epsilon, released_at, published_at FROM published_months WHERE month = ?1", params![month], |row| {
                let epsilon: Option<f64> = row.get(1)?;
                let released_at: Option<i64> = row.get(2)?;
                Ok(PublishedMonth {
                    figures: row.get(0)?,
                    release: epsilon.zip(released_at),
                    published_at: row.get(3)?,
                })
            })
    }

    /// Freezes `month`'s figures unless they already are (then the ones held win: two
    /// servers publishing at once publish one thing). Returns what is held.
    pub fn publish_month(
        &self,
        month: &str,
        published: &PublishedMonth,
    ) -> Result<PublishedMonth, StoreError> {
        {
            let connection = self.conn()?;
            connection.execute(
                "INSERT INTO published_months (month, figures, epsilon, released_at, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (month) DO NOTHING",
                params![
                    month,
                    published.figures,
                    published.release.map(|(epsilon, _)| epsilon),
                    published.release.map(|(_, at)| at),
                    published.published_at
                ],
            )?;
        }
        Ok(self
            .published_month(month)?
            .unwrap_or_else(|| published.clone()))
    }
}
