//! The fleet as staff see it: each kiosk with where it stands, when it was last seen and how
//! many records it has delivered.

use serde::Serialize;

use super::db::{Row, Sql, SqlExt as _, params};
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
    /// Records that kept the kiosk's own time because its clock was more than 48 hours
    /// off (staff should set its clock).
    pub clock_flagged: u64,
    /// `active`, `quarantined` or `revoked`.
    pub state: String,
    /// Unix seconds of its last stored upload.
    pub last_upload_at: Option<i64>,
    /// Bytes of batches it sent since midnight (UTC).
    pub bytes_today: u64,
    /// Records waiting on the kiosk, as its last heartbeat said.
    pub waiting: Option<u64>,
    /// The last time the server refused one of its uploads, and why, in plain words.
    pub last_problem: Option<String>,
    /// The content version it runs, as its last heartbeat said (0: its built-in sample).
    pub content_version: Option<u64>,
    /// Its devices' statuses, as its last heartbeat said (`printer` → `paper out`).
    pub devices: std::collections::BTreeMap<String, String>,
}

/// Where a kiosk stands and when it was last heard from (cheap: no counting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskPlace {
    /// The kiosk's id.
    pub kiosk_id: String,
    /// Its site.
    pub site: String,
    /// The site's neighbourhood.
    pub neighbourhood: String,
    /// Unix seconds of enrolment.
    pub enrolled_at: i64,
    /// Unix seconds of its last authenticated request.
    pub last_seen_at: Option<i64>,
    /// `active`, `quarantined` or `revoked`.
    pub state: String,
    /// Unix seconds of its revocation, if it was revoked.
    pub revoked_at: Option<i64>,
}

/// One kiosk as the fleet page shows it (cheap: read from the kiosk's row and last heartbeat).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FleetKiosk {
    /// Where it stands and when it was last heard from.
    pub place: KioskPlace,
    /// Its last heartbeat, if any.
    pub heartbeat: Option<wire::Heartbeat>,
    /// The last time the server refused one of its uploads, and why.
    pub last_problem: Option<String>,
    /// Enrolled before kiosks had device keys: its requests are refused until it is
    /// enrolled again.
    pub needs_reenrolment: bool,
    /// Records received from it (heartbeats aside).
    pub records_received: u64,
}

/// A kiosk's place from the first seven columns: id, site, neighbourhood, enrolled_at,
/// last_seen_at, state, revoked_at.
fn place_of(row: &Row) -> Result<KioskPlace, StoreError> {
    Ok(KioskPlace {
        kiosk_id: row.get(0)?,
        site: row.get(1)?,
        neighbourhood: row.get(2)?,
        enrolled_at: row.get(3)?,
        last_seen_at: row.get(4)?,
        state: row.get(5)?,
        revoked_at: row.get(6)?,
    })
}

impl Store {
    /// Every kiosk with its last heartbeat, by neighbourhood, site and id.
    pub fn fleet(&self) -> Result<Vec<FleetKiosk>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map("SELECT k.kiosk_id, k.site, k.neighbourhood, k.enrolled_at, k.last_seen_at, k.state,
                    k.revoked_at, k.last_heartbeat,
                    (SELECT outcome FROM sync_log s WHERE s.kiosk_id = k.kiosk_id AND s.what = 'refused'
                     ORDER BY s.id DESC LIMIT 1),
                    k.device_key IS NULL AND k.state != 'revoked',
                    k.records_received
             FROM kiosks k ORDER BY k.neighbourhood, k.site, k.kiosk_id", &[], |row| {
            Ok(FleetKiosk {
                place: place_of(row)?,
                heartbeat: row
                    .get::<Option<String>>(7)?
                    .and_then(|json| serde_json::from_str(&json).ok()),
                last_problem: row.get(8)?,
                needs_reenrolment: row.get(9)?,
                records_received: row.get::<i64>(10)?.max(0) as u64,
            })
        })?;
        Ok(rows)
    }

    /// Every kiosk with its place, by neighbourhood, site and id.
    pub fn kiosk_places(&self) -> Result<Vec<KioskPlace>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT kiosk_id, site, neighbourhood, enrolled_at, last_seen_at, state, revoked_at
             FROM kiosks ORDER BY neighbourhood, site, kiosk_id",
            &[],
            place_of,
        )?;
        Ok(rows)
    }

    /// Every kiosk with the place it stood in at `at` (Unix seconds): its place before the
    /// first move made after `at`, else where it stands now. A month's figures use the place
    /// at the month's end, so moving a kiosk changes no month that has ended.
    pub fn kiosk_places_at(&self, at: i64) -> Result<Vec<KioskPlace>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map("SELECT k.kiosk_id,
                    COALESCE(m.site, k.site), COALESCE(m.neighbourhood, k.neighbourhood),
                    k.enrolled_at, k.last_seen_at, k.state, k.revoked_at
             FROM kiosks k LEFT JOIN kiosk_moves m ON m.kiosk_id = k.kiosk_id AND m.moved_at = (
                 SELECT MIN(moved_at) FROM kiosk_moves WHERE kiosk_id = k.kiosk_id AND moved_at >= ?1)
             ORDER BY 3, 2, 1", params![at], place_of)?;
        Ok(rows)
    }

    /// Moves a kiosk to another site (and its neighbourhood), remembering where it stood
    /// before, so months that have ended keep their figures. False if there is no such
    /// kiosk.
    pub fn move_kiosk(
        &self,
        kiosk_id: &str,
        site: &str,
        neighbourhood: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        transaction.execute(
            "INSERT INTO kiosk_moves (kiosk_id, moved_at, site, neighbourhood)
             SELECT kiosk_id, ?2, site, neighbourhood FROM kiosks WHERE kiosk_id = ?1
             ON CONFLICT (kiosk_id, moved_at) DO NOTHING",
            params![kiosk_id, now],
        )?;
        let moved = transaction.execute(
            "UPDATE kiosks SET site = ?2, neighbourhood = ?3 WHERE kiosk_id = ?1",
            params![kiosk_id, site, neighbourhood],
        )?;
        if moved != 1 {
            return Ok(false);
        }
        transaction.execute(
            "INSERT INTO sites (site, neighbourhood) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![site, neighbourhood],
        )?;
        transaction.commit()?;
        Ok(true)
    }

    /// Notes in the server's sync ledger that an upload from a kiosk was refused, and why.
    pub fn log_refusal(&self, kiosk_id: &str, reason: &str, now: i64) -> Result<(), StoreError> {
        self.conn()?.execute(
            "INSERT INTO sync_log (kiosk_id, at, what, records, bytes, outcome) VALUES (?1, ?2, 'refused', 0, 0, ?3)",
            params![kiosk_id, now, reason],
        )?;
        Ok(())
    }

    /// Every enrolled kiosk, by neighbourhood, site and id.
    pub fn kiosks(&self) -> Result<Vec<KioskSummary>, StoreError> {
        let connection = self.conn()?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        let start_of_day = i64::try_from(now - now % 86_400).unwrap_or(i64::MAX);
        let rows = connection.query_map("SELECT k.kiosk_id, k.site, k.neighbourhood, k.enrolled_at, k.last_seen_at,
                    (SELECT COUNT(*) FROM records r WHERE r.kiosk_id = k.kiosk_id AND r.kind != 'heartbeat'),
                    (SELECT COUNT(DISTINCT e.session) FROM events e WHERE e.kiosk_id = k.kiosk_id),
                    (SELECT COUNT(*) FROM conflicts c WHERE c.kiosk_id = k.kiosk_id),
                    k.clock_offset, k.state,
                    (SELECT MAX(at) FROM sync_log s WHERE s.kiosk_id = k.kiosk_id AND s.what = 'upload'),
                    (SELECT COALESCE(SUM(bytes), 0) FROM sync_log s
                     WHERE s.kiosk_id = k.kiosk_id AND s.at >= ?1),
                    (SELECT outcome FROM sync_log s WHERE s.kiosk_id = k.kiosk_id AND s.what = 'refused'
                     ORDER BY s.id DESC LIMIT 1),
                    k.last_heartbeat, k.clock_flagged
             FROM kiosks k
             ORDER BY k.neighbourhood, k.site, k.kiosk_id", params![start_of_day], |row| {
            let heartbeat = row
                .get::<Option<String>>(13)?
                .and_then(|json| serde_json::from_str::<wire::Heartbeat>(&json).ok());
            Ok(KioskSummary {
                kiosk_id: row.get(0)?,
                site: row.get(1)?,
                neighbourhood: row.get(2)?,
                enrolled_at: row.get(3)?,
                last_seen_at: row.get(4)?,
                records_stored: row.get::<i64>(5)?.max(0) as u64,
                sessions: row.get::<i64>(6)?.max(0) as u64,
                conflicts: row.get::<i64>(7)?.max(0) as u64,
                clock_offset: row.get(8)?,
                state: row.get(9)?,
                last_upload_at: row.get(10)?,
                bytes_today: row.get::<i64>(11)?.max(0) as u64,
                waiting: heartbeat.as_ref().map(|heartbeat| heartbeat.waiting),
                last_problem: row.get(12)?,
                content_version: heartbeat.as_ref().map(|heartbeat| heartbeat.content_version),
                devices: heartbeat.map(|heartbeat| heartbeat.devices).unwrap_or_default(),
                clock_flagged: row.get::<i64>(14)?.max(0) as u64,
            })
        })?;
        Ok(rows)
    }

    /// Counts a request-status lookup by `kiosk_id` at `now` (Unix seconds) and returns how
    /// many it has made in this minute, this one included. One row per kiosk, in the database,
    /// so that every server process on it counts towards the one limit.
    pub fn count_request_lookup(&self, kiosk_id: &str, now: i64) -> Result<u32, StoreError> {
        let count: i64 = self.conn()?.query_row(
            "INSERT INTO request_lookups (kiosk_id, minute, count) VALUES (?1, ?2, 1)
             ON CONFLICT (kiosk_id) DO UPDATE SET
                 count = CASE WHEN request_lookups.minute = excluded.minute
                              THEN request_lookups.count + 1 ELSE 1 END,
                 minute = excluded.minute
             RETURNING count",
            params![kiosk_id, now.div_euclid(60)],
            |row| row.get(0),
        )?;
        Ok(count.clamp(0, i64::from(u32::MAX)) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_are_counted_per_kiosk_and_minute_by_every_handle_on_the_database()
    -> Result<(), StoreError> {
        let (dir, store) = crate::store::test_support::temp_store();
        let other_process = crate::store::test_support::second_handle(&dir, &store);
        let counts: Vec<u32> = (0..3)
            .map(|second| store.count_request_lookup("k1", 600 + second))
            .collect::<Result<_, _>>()?;
        assert_eq!(counts, [1, 2, 3]);
        assert_eq!(other_process.count_request_lookup("k1", 659)?, 4);
        assert_eq!(store.count_request_lookup("k2", 659)?, 1, "another kiosk");
        assert_eq!(store.count_request_lookup("k1", 660)?, 1, "the next minute");
        assert_eq!(store.count_request_lookup("k1", 661)?, 2);
        Ok(())
    }
}
