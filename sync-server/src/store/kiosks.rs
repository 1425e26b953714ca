//! The fleet as staff see it: each kiosk with where it stands, when it was last seen and how
//! many records it has delivered.

use serde::Serialize;

use super::{Store, StoreError};

/// One kiosk, for the staff page and `sync-server kiosks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KioskSummary {
    /// The kiosk's id.
    pub kiosk_id: String,
    /// Where it stands.
    pub site: String,
    /// The site's neighbourhood.
    pub neighbourhood: String,
    /// Unix seconds of enrolment.
    pub enrolled_at: i64,
    /// Unix seconds of its last authenticated request, if any.
    pub last_seen_at: Option<i64>,
    /// Records (events) stored from it.
    pub records_stored: u64,
    /// Distinct visits among those records.
    pub sessions: u64,
}

impl Store {
    /// Every enrolled kiosk, by neighbourhood, site and id.
    pub fn kiosks(&self) -> Result<Vec<KioskSummary>, StoreError> {
        let connection = self.lock();
        let mut query = connection.prepare(
            "SELECT k.kiosk_id, k.site, k.neighbourhood, k.enrolled_at, k.last_seen_at,
                    COUNT(e.seq), COUNT(DISTINCT e.session)
             FROM kiosks k LEFT JOIN events e ON e.kiosk_id = k.kiosk_id
             GROUP BY k.kiosk_id
             ORDER BY k.neighbourhood, k.site, k.kiosk_id",
        )?;
        let rows = query.query_map([], |row| {
            Ok(KioskSummary {
                kiosk_id: row.get(0)?,
                site: row.get(1)?,
                neighbourhood: row.get(2)?,
                enrolled_at: row.get(3)?,
                last_seen_at: row.get(4)?,
                records_stored: row.get::<_, i64>(5)?.max(0) as u64,
                sessions: row.get::<_, i64>(6)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
