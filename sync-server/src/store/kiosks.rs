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
    /// Records stored from it (events, requests, feedback, progress; heartbeats not counted).
    pub records_stored: u64,
    /// Distinct visits among its events.
    pub sessions: u64,
    /// Times it offered other content under a number already held (staff should look).
    pub conflicts: u64,
    /// The server's clock minus the kiosk's at its last handshake, in seconds.
    pub clock_offset: Option<i64>,
}

impl Store {
    /// Every enrolled kiosk, by neighbourhood, site and id.
    pub fn kiosks(&self) -> Result<Vec<KioskSummary>, StoreError> {
        let connection = self.lock();
        let mut query = connection.prepare(
            "SELECT k.kiosk_id, k.site, k.neighbourhood, k.enrolled_at, k.last_seen_at,
                    (SELECT COUNT(*) FROM records r WHERE r.kiosk_id = k.kiosk_id AND r.kind != 'heartbeat'),
                    (SELECT COUNT(DISTINCT e.session) FROM events e WHERE e.kiosk_id = k.kiosk_id),
                    (SELECT COUNT(*) FROM conflicts c WHERE c.kiosk_id = k.kiosk_id),
                    k.clock_offset
             FROM kiosks k
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
                conflicts: row.get::<_, i64>(7)?.max(0) as u64,
                clock_offset: row.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
