//! Residents' requests on their way to a city's own case system over Open311: which are
//! waiting, when each is tried next, the `service_request_id` the city gave each, and the
//! statuses pulled back from the city.

use super::db::{Sql, SqlExt as _, Value, dynamic, params};
use super::requests::{RequestContent, RequestStatus, SUMMARY_COLUMNS, StatusChange, summary};
use super::{Store, StoreError};

/// A request waiting to be pushed to a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuePush {
    /// The kiosk that filed it.
    pub kiosk_id: String,
    /// Its sequence number from that kiosk.
    pub seq: i64,
    /// Tries so far.
    pub attempts: u32,
    /// The request.
    pub request: RequestContent,
}

/// A request the city has, and whose status is pulled back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushedRequest {
    /// The kiosk that filed it.
    pub kiosk_id: String,
    /// Its sequence number from that kiosk.
    pub seq: i64,
    /// The city's id for it.
    pub service_request_id: String,
    /// The city's status as last pulled (`open`, `closed`), if any.
    pub city_status: Option<String>,
}

/// How a target's pushes stand, for the operator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PushCounts {
    /// Taken by the city.
    pub sent: u64,
    /// Still to send (including those that failed and wait for their next try).
    pub waiting: u64,
    /// Waiting after at least one failed try.
    pub failing: u64,
}

impl Store {
    /// When `target` was first configured (now, the first time it is asked): requests from
    /// then on are pushed to it, not the ones before.
    pub fn open311_target_since(&self, target: &str, now: i64) -> Result<i64, StoreError> {
        let connection = self.conn()?;
        connection.execute(
            "INSERT INTO open311_targets (name, since) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![target, now],
        )?;
        connection.query_row(
            "SELECT since FROM open311_targets WHERE name = ?1",
            params![target],
            |row| row.get(0),
        )
    }

    /// Queues for `target` every request of `forms` received since `since` that is not
    /// queued yet. Returns how many were queued.
    pub fn queue_open311_pushes(
        &self,
        target: &str,
        forms: &[String],
        since: i64,
    ) -> Result<usize, StoreError> {
        if forms.is_empty() {
            return Ok(0);
        }
        let marks = vec!["?"; forms.len()].join(", ");
        let sql = format!(
            "INSERT INTO open311_pushes (target, kiosk_id, seq)
             SELECT CAST(? AS TEXT), kiosk_id, seq FROM requests
             WHERE received_at >= ? AND form IN ({marks})
             ON CONFLICT DO NOTHING"
        );
        let mut values: Vec<Value> = vec![target.to_owned().into(), since.into()];
        values.extend(forms.iter().cloned().map(Value::from));
        self.conn()?.execute(&sql, &dynamic(&values))
    }

    /// Requests waiting for `target` whose next try is due, oldest first, at most `limit`.
    pub fn due_open311_pushes(
        &self,
        target: &str,
        now: i64,
        limit: u32,
    ) -> Result<Vec<DuePush>, StoreError> {
        let connection = self.conn()?;
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, r.answers, r.sealed, p.kiosk_id, p.seq, p.attempts
             FROM open311_pushes p
             JOIN requests r ON r.kiosk_id = p.kiosk_id AND r.seq = p.seq
             JOIN kiosks k ON k.kiosk_id = r.kiosk_id
             WHERE p.target = ?1 AND p.service_request_id IS NULL AND p.next_attempt_at <= ?2
             ORDER BY r.received_at, p.kiosk_id, p.seq
             LIMIT ?3"
        );
        let rows = connection.query_map(&sql, params![target, now, limit], |row| {
            Ok((
                summary(row)?,
                row.get::<String>(11)?,
                row.get::<Option<Vec<u8>>>(12)?,
                row.get::<String>(13)?,
                row.get::<i64>(14)?,
                row.get::<i64>(15)?,
            ))
        })?;
        let mut due = Vec::new();
        for row in rows {
            let (summary, answers, sealed, kiosk_id, seq, attempts) = row;
            let answers = serde_json::from_str(&answers).unwrap_or_default();
            due.push(DuePush {
                kiosk_id,
                seq,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                request: RequestContent {
                    summary,
                    answers,
                    sealed,
                },
            });
        }
        Ok(due)
    }

    /// The city took the request: its id is kept and the request is never sent again.
    pub fn open311_push_sent(
        &self,
        target: &str,
        kiosk_id: &str,
        seq: i64,
        service_request_id: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        self.conn()?.execute(
            "UPDATE open311_pushes SET service_request_id = ?4, sent_at = ?5,
                 attempts = attempts + 1, last_error = NULL
             WHERE target = ?1 AND kiosk_id = ?2 AND seq = ?3",
            params![target, kiosk_id, seq, service_request_id, now],
        )?;
        Ok(())
    }

    /// A try failed: why, and when to try again.
    pub fn open311_push_failed(
        &self,
        target: &str,
        kiosk_id: &str,
        seq: i64,
        error: &str,
        next_attempt_at: i64,
    ) -> Result<(), StoreError> {
        self.conn()?.execute(
            "UPDATE open311_pushes SET attempts = attempts + 1, last_error = ?4,
                 next_attempt_at = ?5
             WHERE target = ?1 AND kiosk_id = ?2 AND seq = ?3",
            params![target, kiosk_id, seq, error, next_attempt_at],
        )?;
        Ok(())
    }

    /// Where the request `reference` stands with each target it goes to: (target, the city's
    /// id if it has taken it, tries so far).
    pub fn open311_pushes_of(
        &self,
        reference: &str,
    ) -> Result<Vec<(String, Option<String>, u32)>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT p.target, p.service_request_id, p.attempts FROM open311_pushes p
             JOIN requests r ON r.kiosk_id = p.kiosk_id AND r.seq = p.seq
             WHERE r.reference = ?1 ORDER BY p.target",
            params![reference],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    u32::try_from(row.get::<i64>(2)?).unwrap_or(u32::MAX),
                ))
            },
        )?;
        Ok(rows)
    }

    /// Requests the city has from `target` that are still open here, at most `limit`.
    pub fn open311_pushed_open(
        &self,
        target: &str,
        limit: u32,
    ) -> Result<Vec<PushedRequest>, StoreError> {
        let closed: Vec<&str> = RequestStatus::ALL
            .into_iter()
            .filter(|s| s.is_closed())
            .map(RequestStatus::as_str)
            .collect();
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT p.kiosk_id, p.seq, p.service_request_id, p.city_status
             FROM open311_pushes p
             JOIN requests r ON r.kiosk_id = p.kiosk_id AND r.seq = p.seq
             WHERE p.target = ?1 AND p.service_request_id IS NOT NULL
               AND r.status NOT IN (?2, ?3, ?4)
             ORDER BY p.sent_at
             LIMIT ?5",
            params![target, closed[0], closed[1], closed[2], limit],
            |row| {
                Ok(PushedRequest {
                    kiosk_id: row.get(0)?,
                    seq: row.get(1)?,
                    service_request_id: row.get(2)?,
                    city_status: row.get(3)?,
                })
            },
        )?;
        Ok(rows)
    }

    /// The city's status of a pushed request, as pulled: kept, and when the city closed it,
    /// the request is resolved here (its history names the target). True if it changed.
    pub fn open311_city_status(
        &self,
        target: &str,
        pushed: &PushedRequest,
        city_status: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        let changed = transaction.execute(
            "UPDATE open311_pushes SET city_status = ?4
             WHERE target = ?1 AND kiosk_id = ?2 AND seq = ?3
               AND city_status IS DISTINCT FROM ?4",
            params![target, pushed.kiosk_id, pushed.seq, city_status],
        )? > 0;
        if changed && city_status == "closed" {
            super::requests::set_status(
                &transaction,
                &pushed.kiosk_id,
                pushed.seq,
                &StatusChange {
                    status: RequestStatus::Resolved,
                    phrase: None,
                    message: None,
                },
                &format!("open311:{target}"),
                now,
            )?;
        }
        transaction.commit()?;
        Ok(changed)
    }

    /// How `target`'s pushes stand.
    pub fn open311_push_counts(&self, target: &str) -> Result<PushCounts, StoreError> {
        let connection = self.conn()?;
        let counts = connection.query_row(
            "SELECT
                 COALESCE(SUM(CASE WHEN service_request_id IS NOT NULL THEN 1 ELSE 0 END), 0),
                 COALESCE(SUM(CASE WHEN service_request_id IS NULL THEN 1 ELSE 0 END), 0),
                 COALESCE(SUM(CASE WHEN service_request_id IS NULL AND attempts > 0 THEN 1 ELSE 0 END), 0)
             FROM open311_pushes WHERE target = ?1",
            params![target],
            |row| {
                Ok(PushCounts {
                    sent: row.get::<i64>(0)?.try_into().unwrap_or(0),
                    waiting: row.get::<i64>(1)?.try_into().unwrap_or(0),
                    failing: row.get::<i64>(2)?.try_into().unwrap_or(0),
                })
            },
        )?;
        Ok(counts)
    }
}
