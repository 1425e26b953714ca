//! Residents' requests as case workers see them: an inbox filtered by form, neighbourhood,
//! site, status and age (oldest first, within a case worker's forms and sites), one request
//! with its answers and its history, and status changes with a message for the resident.

use std::collections::BTreeMap;

use serde::Serialize;

use super::db::{Row, Sql, SqlExt as _, Value, dynamic, params};
use super::{Store, StoreError};

pub use wire::{PHRASES, RequestStatus};

/// Free text to the resident is at most this many characters.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// An inbox page shows at most this many requests.
pub const INBOX_LIMIT: u32 = 200;

/// One request's wait (M13): neighbourhood, form, seconds to the first status change and to
/// the change that closed it.
pub type RequestWait = (String, String, Option<i64>, Option<i64>);

/// How long residents' personal fields are kept once their request is closed: a number of
/// days for every form, and other numbers for some forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalDataDays {
    /// Days after closing, for forms not in `per_form`.
    pub default: u64,
    /// Days after closing, by form id.
    pub per_form: BTreeMap<String, u64>,
}

/// The default: personal fields go 30 days after a request is closed.
pub const DEFAULT_PERSONAL_DATA_DAYS: u64 = 30;

impl Default for PersonalDataDays {
    fn default() -> Self {
        PersonalDataDays {
            default: DEFAULT_PERSONAL_DATA_DAYS,
            per_form: BTreeMap::new(),
        }
    }
}

/// Which requests someone may see: all of them (admins), or those of some forms, from
/// some sites (case workers; no sites means every site).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestScope {
    /// Every request.
    All,
    /// Requests of these forms, from these sites (empty: any site).
    Forms {
        /// Form ids.
        forms: Vec<String>,
        /// Site names; empty for every site.
        sites: Vec<String>,
    },
}

/// The inbox's filters; `None` leaves a filter out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    /// One form.
    pub form: Option<String>,
    /// One neighbourhood.
    pub neighbourhood: Option<String>,
    /// One site.
    pub site: Option<String>,
    /// One status.
    pub status: Option<RequestStatus>,
    /// Received at least this many days ago.
    pub older_than_days: Option<u32>,
    /// Received at or after this time (Unix seconds).
    pub received_from: Option<i64>,
    /// Received at or before this time (Unix seconds).
    pub received_to: Option<i64>,
    /// Only closed (true) or only open (false) requests.
    pub closed: Option<bool>,
    /// Only these references (none: any).
    pub references: Vec<String>,
}

/// A request in the inbox: nothing the resident wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestSummary {
    /// The reference on the resident's ticket.
    pub reference: String,
    /// The form's content id.
    pub form: String,
    /// The form's topic code.
    pub topic: String,
    /// The kiosk's site.
    pub site: String,
    /// The kiosk's neighbourhood.
    pub neighbourhood: String,
    /// Where it stands.
    pub status: RequestStatus,
    /// Unix seconds when the server received it.
    pub received_at: i64,
    /// Unix seconds of the last status change, if any.
    pub status_at: Option<i64>,
    /// The phrase last sent to the resident.
    pub phrase: Option<String>,
    /// The free text last sent to the resident.
    pub message: Option<String>,
    /// Unix seconds when the personal fields were erased, if they were.
    pub erased_at: Option<i64>,
}

/// One status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestUpdate {
    /// Unix seconds.
    pub at: i64,
    /// The case worker.
    pub name: String,
    /// The new status.
    pub status: RequestStatus,
    /// The phrase sent.
    pub phrase: Option<String>,
    /// The free text sent.
    pub message: Option<String>,
}

/// A request in full, as a case worker sees it before personal fields are opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDetail {
    /// What the inbox shows.
    pub summary: RequestSummary,
    /// The answers that are not personal.
    pub answers: BTreeMap<String, String>,
    /// The personal fields, sealed to the server's key.
    pub sealed: Option<Vec<u8>>,
    /// Every status change, oldest first.
    pub updates: Vec<RequestUpdate>,
}

/// A status change a case worker makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The new status.
    pub status: RequestStatus,
    /// One of [`PHRASES`], or none.
    pub phrase: Option<String>,
    /// Free text (at most [`MAX_MESSAGE_CHARS`]), or none.
    pub message: Option<String>,
}

pub(super) const SUMMARY_COLUMNS: &str = "r.reference, r.form, r.topic, k.site, k.neighbourhood, r.status, \
     r.received_at, r.status_at, r.phrase, r.message, r.erased_at";

pub(super) fn summary(row: &Row) -> Result<RequestSummary, StoreError> {
    Ok(RequestSummary {
        reference: row.get(0)?,
        form: row.get(1)?,
        topic: row.get(2)?,
        site: row.get(3)?,
        neighbourhood: row.get(4)?,
        // A status this version does not know reads as received: shown, never hidden.
        status: RequestStatus::parse(&row.get::<String>(5)?).unwrap_or(RequestStatus::Received),
        received_at: row.get(6)?,
        status_at: row.get(7)?,
        phrase: row.get(8)?,
        message: row.get(9)?,
        erased_at: row.get(10)?,
    })
}

/// `r.status IN ('resolved', …)`: the closed statuses, for SQL.
fn closed_statuses() -> String {
    RequestStatus::ALL
        .into_iter()
        .filter(|status| status.is_closed())
        .map(|status| format!("'{}'", status.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `AND …` clauses and their values that pick the requests in `scope` passing `filter`.
fn conditions(scope: &RequestScope, filter: &RequestFilter, now: i64) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut values = Vec::new();
    let marks = |n: usize| vec!["?"; n].join(", ");
    if let RequestScope::Forms { forms, sites } = scope {
        // A case worker with no forms sees nothing.
        if forms.is_empty() {
            clauses.push("1 = 0".into());
        } else {
            clauses.push(format!("r.form IN ({})", marks(forms.len())));
        }
        values.extend(forms.iter().cloned().map(Value::Text));
        if !sites.is_empty() {
            clauses.push(format!("k.site IN ({})", marks(sites.len())));
            values.extend(sites.iter().cloned().map(Value::Text));
        }
    }
    let mut equal = |column: &str, value: Option<String>| {
        if let Some(value) = value {
            clauses.push(format!("{column} = ?"));
            values.push(Value::Text(value));
        }
    };
    equal("r.form", filter.form.clone());
    equal("k.neighbourhood", filter.neighbourhood.clone());
    equal("k.site", filter.site.clone());
    equal("r.status", filter.status.map(|s| s.as_str().to_owned()));
    let mut at_least = |column: &str, value: Option<i64>, compare: &str| {
        if let Some(value) = value {
            clauses.push(format!("{column} {compare} ?"));
            values.push(Value::Int(value));
        }
    };
    at_least(
        "r.received_at",
        filter
            .older_than_days
            .map(|days| now - i64::from(days) * 86_400),
        "<=",
    );
    at_least("r.received_at", filter.received_from, ">=");
    at_least("r.received_at", filter.received_to, "<=");
    if let Some(closed) = filter.closed {
        let not = if closed { "" } else { "NOT " };
        clauses.push(format!("r.status {not}IN ({})", closed_statuses()));
    }
    if !filter.references.is_empty() {
        clauses.push(format!(
            "r.reference IN ({})",
            marks(filter.references.len())
        ));
        values.extend(filter.references.iter().cloned().map(Value::Text));
    }
    let sql = clauses.iter().map(|c| format!(" AND {c}")).collect();
    (sql, values)
}

/// A request with what the resident wrote: its answers and its sealed personal fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestContent {
    /// What the inbox shows.
    pub summary: RequestSummary,
    /// The answers that are not personal.
    pub answers: BTreeMap<String, String>,
    /// The personal fields, sealed to the server's key.
    pub sealed: Option<Vec<u8>>,
}

/// Fields written on one line, `name: value; name: value` (for exports and Open311).
pub fn one_line(fields: &BTreeMap<String, String>) -> String {
    fields
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rows of `columns` for the requests in `scope` passing `filter`, oldest first.
fn select<T>(
    connection: &dyn Sql,
    columns: &str,
    scope: &RequestScope,
    filter: &RequestFilter,
    now: i64,
    limit: u32,
    row: impl FnMut(&Row) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let (conditions, mut values) = conditions(scope, filter, now);
    values.push(Value::Int(i64::from(limit)));
    let sql = format!(
        "SELECT {columns} FROM requests r JOIN kiosks k ON k.kiosk_id = r.kiosk_id \
         WHERE 1 = 1{conditions} ORDER BY r.received_at, r.kiosk_id, r.seq LIMIT ?"
    );
    connection.query_map(&sql, &dynamic(&values), row)
}

/// Sets the status of request (`kiosk_id`, `seq`) and keeps the change in its history.
pub(super) fn set_status(
    connection: &dyn Sql,
    kiosk_id: &str,
    seq: i64,
    change: &StatusChange,
    name: &str,
    now: i64,
) -> Result<(), StoreError> {
    let status = change.status.as_str();
    connection.execute(
        "UPDATE requests SET status = ?3, status_at = ?4, phrase = ?5, message = ?6
         WHERE kiosk_id = ?1 AND seq = ?2",
        params![kiosk_id, seq, status, now, change.phrase, change.message],
    )?;
    connection.execute(
        "INSERT INTO request_updates (kiosk_id, seq, at, name, status, phrase, message)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            kiosk_id,
            seq,
            now,
            name,
            status,
            change.phrase,
            change.message
        ],
    )?;
    Ok(())
}

/// Only the request with this reference.
fn by_reference(reference: &str) -> RequestFilter {
    RequestFilter {
        references: vec![reference.to_owned()],
        ..RequestFilter::default()
    }
}

impl Store {
    /// The inbox: requests in `scope` that pass `filter`, oldest first, at most `limit`.
    pub fn requests(
        &self,
        scope: &RequestScope,
        filter: &RequestFilter,
        now: i64,
        limit: u32,
    ) -> Result<Vec<RequestSummary>, StoreError> {
        select(
            &self.conn()?,
            SUMMARY_COLUMNS,
            scope,
            filter,
            now,
            limit,
            summary,
        )
    }

    /// As [`Store::requests`], with each request's answers and sealed personal fields (for
    /// exports and Open311), in one query.
    pub fn requests_with_content(
        &self,
        scope: &RequestScope,
        filter: &RequestFilter,
        now: i64,
        limit: u32,
    ) -> Result<Vec<RequestContent>, StoreError> {
        let columns = format!("{SUMMARY_COLUMNS}, r.answers, r.sealed");
        let rows = select(&self.conn()?, &columns, scope, filter, now, limit, |row| {
            Ok((summary(row)?, row.get::<String>(11)?, row.get(12)?))
        })?;
        rows.into_iter()
            .map(|(summary, answers, sealed)| {
                let answers = serde_json::from_str(&answers).map_err(|e| {
                    StoreError::Unreadable(format!("request {}: answers: {e}", summary.reference))
                })?;
                Ok(RequestContent {
                    summary,
                    answers,
                    sealed,
                })
            })
            .collect()
    }

    /// One request by its reference, if it is in `scope` (a request outside it is as good as
    /// absent: the answer does not say it exists), with its history.
    pub fn request(
        &self,
        scope: &RequestScope,
        reference: &str,
    ) -> Result<Option<RequestDetail>, StoreError> {
        let Some(content) = self
            .requests_with_content(scope, &by_reference(reference), 0, 1)?
            .pop()
        else {
            return Ok(None);
        };
        let updates = self.conn()?.query_map(
            "SELECT at, name, status, phrase, message FROM request_updates
                 WHERE (kiosk_id, seq) = (SELECT kiosk_id, seq FROM requests WHERE reference = ?1
                                          ORDER BY received_at, kiosk_id, seq LIMIT 1)
                 ORDER BY id",
            params![reference],
            |row| {
                Ok(RequestUpdate {
                    at: row.get(0)?,
                    name: row.get(1)?,
                    status: RequestStatus::parse(&row.get::<String>(2)?)
                        .unwrap_or(RequestStatus::Received),
                    phrase: row.get(3)?,
                    message: row.get(4)?,
                })
            },
        )?;
        Ok(Some(RequestDetail {
            summary: content.summary,
            answers: content.answers,
            sealed: content.sealed,
            updates,
        }))
    }

    /// Changes a request's status (if it is in `scope`) and writes the change to its
    /// history, in one transaction. False if there is no such request in scope.
    pub fn change_request_status(
        &self,
        scope: &RequestScope,
        reference: &str,
        change: &StatusChange,
        name: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        let found = select(
            &transaction,
            "r.kiosk_id, r.seq",
            scope,
            &by_reference(reference),
            now,
            1,
            |row| Ok((row.get::<String>(0)?, row.get::<i64>(1)?)),
        )?;
        let Some((kiosk_id, seq)) = found.into_iter().next() else {
            return Ok(false);
        };
        set_status(&transaction, &kiosk_id, seq, change, name, now)?;
        transaction.commit()?;
        Ok(true)
    }

    /// The latest status of each request changed after `cursor` (a `request_updates` id) and
    /// since `since`, at most `limit`, for kiosks to answer residents offline; and the cursor
    /// for the next call (the last change read, or the newest change of all when every
    /// change was read).
    pub fn status_notes_since(
        &self,
        cursor: u64,
        since: i64,
        limit: usize,
    ) -> Result<(Vec<wire::StatusNote>, u64), StoreError> {
        let connection = self.conn()?;
        let newest: i64 = connection.query_row(
            "SELECT COALESCE(MAX(id), 0) FROM request_updates",
            &[],
            |row| row.get(0),
        )?;
        // A cursor past the newest change (a server restored from a backup) starts over.
        let cursor = i64::try_from(cursor)
            .ok()
            .filter(|cursor| *cursor <= newest)
            .unwrap_or(0);
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut last = cursor;
        let mut notes = Vec::new();
        let rows = connection.query_map(
            "SELECT u.id, r.reference, r.status, r.phrase, r.status_at
             FROM request_updates u
             JOIN requests r ON r.kiosk_id = u.kiosk_id AND r.seq = u.seq
             WHERE u.id > ?1 AND u.at >= ?2
               AND u.id = (SELECT MAX(v.id) FROM request_updates v
                           WHERE v.kiosk_id = u.kiosk_id AND v.seq = u.seq)
             ORDER BY u.id
             LIMIT ?3",
            params![cursor, since, limit],
            |row| {
                Ok((
                    row.get::<i64>(0)?,
                    row.get::<String>(1)?,
                    row.get::<String>(2)?,
                    row.get::<Option<String>>(3)?,
                    row.get::<Option<i64>>(4)?,
                ))
            },
        )?;
        for row in rows {
            let (id, reference, status, phrase, at) = row;
            last = id;
            notes.push(wire::StatusNote {
                reference: wire::plain_reference(&reference),
                status: RequestStatus::parse(&status).unwrap_or(RequestStatus::Received),
                phrase: phrase.as_deref().and_then(wire::phrase).map(str::to_owned),
                changed_at: at.unwrap_or_default(),
            });
        }
        if i64::try_from(notes.len()).unwrap_or(i64::MAX) < limit {
            // Everything was read: skip past superseded changes too.
            last = newest;
        }
        Ok((notes, u64::try_from(last).unwrap_or(0)))
    }

    /// Requests received in `[start, end)` with how long they waited (M13): neighbourhood,
    /// form, seconds to the first status change and to the change that closed them (none
    /// while still waiting).
    pub fn request_waits(&self, start: i64, end: i64) -> Result<Vec<RequestWait>, StoreError> {
        let connection = self.conn()?;
        connection.query_map(
            &format!(
                "SELECT k.neighbourhood, r.form,
                    (SELECT MIN(u.at) FROM request_updates u
                     WHERE u.kiosk_id = r.kiosk_id AND u.seq = r.seq) - r.received_at,
                    (SELECT MIN(u.at) FROM request_updates u
                     WHERE u.kiosk_id = r.kiosk_id AND u.seq = r.seq
                       AND u.status IN ({})) - r.received_at
             FROM requests r JOIN kiosks k ON k.kiosk_id = r.kiosk_id
             WHERE r.received_at >= ?1 AND r.received_at < ?2",
                closed_statuses()
            ),
            params![start, end],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
    }

    /// Erases the personal fields (sealed) of requests closed longer ago than `days` says for
    /// their form; the request, its answers, status and history stay for the figures.
    /// Returns how many were erased.
    pub fn erase_personal_fields(
        &self,
        days: &PersonalDataDays,
        now: i64,
    ) -> Result<u64, StoreError> {
        let closed = closed_statuses();
        let cutoff = |days: u64| {
            now.saturating_sub(
                i64::try_from(days)
                    .unwrap_or(i64::MAX / 86_400)
                    .saturating_mul(86_400),
            )
        };
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        let mut erased = 0;
        let update = format!(
            "UPDATE requests SET sealed = NULL, erased_at = ?1
             WHERE sealed IS NOT NULL AND status IN ({closed}) AND status_at <= ?2"
        );
        for (form, form_days) in &days.per_form {
            erased += transaction.execute(
                &format!("{update} AND form = ?3"),
                params![now, cutoff(*form_days), form],
            )?;
        }
        let others: Vec<Value> = days.per_form.keys().cloned().map(Value::Text).collect();
        let mut values = vec![Value::Int(now), Value::Int(cutoff(days.default))];
        let not_listed = if others.is_empty() {
            String::new()
        } else {
            format!(" AND form NOT IN ({})", vec!["?"; others.len()].join(", "))
        };
        values.extend(others);
        erased += transaction.execute(&format!("{update}{not_listed}"), &dynamic(&values))?;
        transaction.commit()?;
        Ok(erased as u64)
    }

    /// The forms of every request received, for the inbox's form filter.
    pub fn request_forms(&self) -> Result<Vec<String>, StoreError> {
        let connection = self.conn()?;
        let rows = connection.query_map(
            "SELECT DISTINCT form FROM requests ORDER BY form",
            &[],
            |row| row.get(0),
        )?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add_request(store: &Store, kiosk: &str, seq: i64, reference: &str, form: &str, at: i64) {
        let added = super::super::test_support::execute(
            store,
            "INSERT INTO requests (kiosk_id, seq, reference, form, topic, answers, sealed, hour, received_at)
             VALUES (?1, ?2, ?3, ?4, 'topic', '{\"where\":\"Elm St\"}', ?6, 0, ?5)",
            params![kiosk, seq, reference, form, at, [1u8, 2u8]],
        );
        assert_eq!(added, 1);
    }

    fn add_kiosk(store: &Store, kiosk: &str, site: &str, neighbourhood: &str) {
        let added = super::super::test_support::execute(
            store,
            "INSERT INTO kiosks (kiosk_id, token_hash, site, neighbourhood, software_version, enrolled_at)
             VALUES (?1, ?1, ?2, ?3, '0.1.0', 0)",
            params![kiosk, site, neighbourhood],
        );
        assert_eq!(added, 1);
    }

    #[test]
    fn case_workers_see_their_forms_and_sites_oldest_first_and_changes_are_kept()
    -> Result<(), StoreError> {
        let (_dir, store) = super::super::test_support::temp_store();
        add_kiosk(&store, "k1", "Old Town Library", "Old Town");
        add_kiosk(&store, "k2", "Harbour Centre", "Harbour");
        add_request(&store, "k1", 1, "AAAA-BBBB-C1", "street-light", 3000);
        add_request(&store, "k2", 1, "AAAA-BBBB-C2", "street-light", 1000);
        add_request(&store, "k1", 2, "AAAA-BBBB-C3", "callback", 2000);
        let now = 10 * 86_400;
        let all = RequestFilter::default();
        let lights = RequestScope::Forms {
            forms: vec!["street-light".into()],
            sites: vec![],
        };
        let refs = |rows: Vec<RequestSummary>| -> Vec<String> {
            rows.into_iter().map(|r| r.reference).collect()
        };
        assert_eq!(
            refs(store.requests(&lights, &all, now, 10)?),
            ["AAAA-BBBB-C2", "AAAA-BBBB-C1"],
            "their form only, oldest first"
        );
        let harbour_lights = RequestScope::Forms {
            forms: vec!["street-light".into()],
            sites: vec!["Harbour Centre".into()],
        };
        assert_eq!(
            refs(store.requests(&harbour_lights, &all, now, 10)?),
            ["AAAA-BBBB-C2"]
        );
        let nothing = RequestScope::Forms {
            forms: vec![],
            sites: vec![],
        };
        assert!(store.requests(&nothing, &all, now, 10)?.is_empty());
        assert_eq!(store.requests(&RequestScope::All, &all, now, 2)?.len(), 2);
        let old_town = RequestFilter {
            neighbourhood: Some("Old Town".into()),
            ..RequestFilter::default()
        };
        assert_eq!(
            refs(store.requests(&RequestScope::All, &old_town, now, 10)?),
            ["AAAA-BBBB-C3", "AAAA-BBBB-C1"]
        );
        // Outside the scope a request does not exist, and cannot be changed.
        assert_eq!(store.request(&lights, "AAAA-BBBB-C3")?, None);
        let change = StatusChange {
            status: RequestStatus::InProgress,
            phrase: Some("we-will-call".into()),
            message: None,
        };
        assert!(!store.change_request_status(&lights, "AAAA-BBBB-C3", &change, "cw", now)?);
        assert!(store.change_request_status(&lights, "AAAA-BBBB-C1", &change, "cw", now)?);
        let resolved = StatusChange {
            status: RequestStatus::Resolved,
            phrase: Some("fixed".into()),
            message: Some("New bulb fitted".into()),
        };
        assert!(store.change_request_status(&lights, "AAAA-BBBB-C1", &resolved, "cw", now + 5)?);
        let detail = store
            .request(&lights, "AAAA-BBBB-C1")?
            .ok_or(StoreError::Refused("the request is not found".into()))?;
        assert_eq!(detail.summary.status, RequestStatus::Resolved);
        assert_eq!(detail.summary.message.as_deref(), Some("New bulb fitted"));
        assert_eq!(
            detail.answers.get("where").map(String::as_str),
            Some("Elm St")
        );
        assert_eq!(detail.sealed, Some(vec![1, 2]));
        assert_eq!(
            detail.updates.iter().map(|u| u.status).collect::<Vec<_>>(),
            [RequestStatus::InProgress, RequestStatus::Resolved]
        );
        let open = RequestFilter {
            status: Some(RequestStatus::Received),
            older_than_days: Some(1),
            ..RequestFilter::default()
        };
        assert_eq!(
            refs(store.requests(&lights, &open, now, 10)?),
            ["AAAA-BBBB-C2"]
        );
        let recent = RequestFilter {
            older_than_days: Some(10),
            ..RequestFilter::default()
        };
        assert_eq!(
            store.requests(&RequestScope::All, &recent, now, 10)?.len(),
            0
        );
        Ok(())
    }

    #[test]
    fn waits_run_from_arrival_to_the_first_change_and_to_closing() -> Result<(), StoreError> {
        let (_dir, store) = super::super::test_support::temp_store();
        add_kiosk(&store, "k1", "Old Town Library", "Old Town");
        let hour = 3600;
        add_request(&store, "k1", 1, "AAAA-0001", "callback", 10 * hour);
        add_request(&store, "k1", 2, "AAAA-0002", "callback", 11 * hour);
        add_request(&store, "k1", 3, "AAAA-0003", "street-light", 999 * hour);
        let change = |reference: &str, status, at| {
            let change = StatusChange {
                status,
                phrase: None,
                message: None,
            };
            store.change_request_status(&RequestScope::All, reference, &change, "cw", at)
        };
        change("AAAA-0001", RequestStatus::InProgress, 13 * hour)?;
        change("AAAA-0001", RequestStatus::InProgress, 14 * hour)?;
        change("AAAA-0001", RequestStatus::Resolved, 40 * hour)?;
        change("AAAA-0001", RequestStatus::Referred, 50 * hour)?;
        let mut waits = store.request_waits(0, 100 * hour)?;
        waits.sort();
        assert_eq!(
            waits,
            [
                (
                    "Old Town".to_owned(),
                    "callback".to_owned(),
                    Some(3 * hour),
                    Some(30 * hour)
                ),
                ("Old Town".to_owned(), "callback".to_owned(), None, None),
            ]
            .into_iter()
            .rev()
            .collect::<Vec<_>>(),
            "the first change and the first closing count; the later request still waits; \
             the one received after the month is not in it"
        );
        Ok(())
    }

    #[test]
    fn kiosks_get_the_latest_status_of_each_changed_request_after_their_cursor()
    -> Result<(), StoreError> {
        let (_dir, store) = super::super::test_support::temp_store();
        add_kiosk(&store, "k1", "Old Town Library", "Old Town");
        for (seq, reference) in [
            (1, "AAAA-BBBB-C1"),
            (2, "AAAA-BBBB-C2"),
            (3, "AAAA-BBBB-C3"),
        ] {
            add_request(&store, "k1", seq, reference, "callback", 0);
        }
        let day = 86_400;
        let change = |reference: &str, status, phrase: Option<&str>, at| {
            let change = StatusChange {
                status,
                phrase: phrase.map(str::to_owned),
                message: Some("Mr Smith, we will call on Tuesday".into()),
            };
            store.change_request_status(&RequestScope::All, reference, &change, "cw", at)
        };
        let (none, cursor) = store.status_notes_since(0, 0, 10)?;
        assert!(none.is_empty());
        assert_eq!(cursor, 0);
        change(
            "AAAA-BBBB-C1",
            RequestStatus::InProgress,
            Some("we-will-call"),
            day,
        )?;
        change("AAAA-BBBB-C2", RequestStatus::InProgress, None, day + 1)?;
        change(
            "AAAA-BBBB-C1",
            RequestStatus::Resolved,
            Some("fixed"),
            day + 2,
        )?;
        let (notes, cursor) = store.status_notes_since(0, 0, 10)?;
        let seen: Vec<_> = notes
            .iter()
            .map(|n| {
                (
                    n.reference.as_str(),
                    n.status,
                    n.phrase.as_deref(),
                    n.changed_at,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("AAAABBBBC2", RequestStatus::InProgress, None, day + 1),
                (
                    "AAAABBBBC1",
                    RequestStatus::Resolved,
                    Some("fixed"),
                    day + 2
                ),
            ],
            "the latest change of each, without the free text"
        );
        assert_eq!(cursor, 3);
        let (again, same) = store.status_notes_since(cursor, 0, 10)?;
        assert!(again.is_empty());
        assert_eq!(same, 3);
        // A limit hands out the rest in the next call.
        let (first, partway) = store.status_notes_since(0, 0, 1)?;
        assert_eq!(first.len(), 1);
        let (rest, end) = store.status_notes_since(partway, 0, 1)?;
        assert_eq!(
            first
                .iter()
                .chain(&rest)
                .map(|n| n.reference.as_str())
                .collect::<Vec<_>>(),
            ["AAAABBBBC2", "AAAABBBBC1"]
        );
        assert_eq!(store.status_notes_since(end, 0, 1)?.0.len(), 0);
        // Old changes are not sent; a cursor from the future (a restored server) starts over.
        assert_eq!(store.status_notes_since(0, day + 2, 10)?.0.len(), 1);
        assert_eq!(store.status_notes_since(99, 0, 10)?.0.len(), 2);
        Ok(())
    }

    #[test]
    fn personal_fields_go_a_set_time_after_closing_and_the_request_stays() -> Result<(), StoreError>
    {
        let (_dir, store) = super::super::test_support::temp_store();
        add_kiosk(&store, "k1", "Old Town Library", "Old Town");
        for (seq, reference, form) in [
            (1, "OPEN-0001", "callback"),
            (2, "OLD1-0002", "callback"),
            (3, "NEW1-0003", "callback"),
            (4, "LITE-0004", "street-light"),
        ] {
            add_request(&store, "k1", seq, reference, form, 0);
        }
        let day = 86_400;
        let close = |reference: &str, at: i64| {
            let change = StatusChange {
                status: RequestStatus::Resolved,
                phrase: None,
                message: None,
            };
            store.change_request_status(&RequestScope::All, reference, &change, "cw", at)
        };
        close("OLD1-0002", day)?;
        close("NEW1-0003", 20 * day)?;
        close("LITE-0004", 20 * day)?;
        let days = PersonalDataDays {
            default: 30,
            per_form: [("street-light".to_owned(), 7)].into(),
        };
        let before = store.requests(&RequestScope::All, &RequestFilter::default(), 0, 10)?;
        let waits_before = store.request_waits(0, 100 * day)?;
        // Day 35: closed on day 1 (past 30 days) and the street light (past its 7) go; the
        // one closed on day 20 and the open one stay.
        assert_eq!(store.erase_personal_fields(&days, 35 * day)?, 2);
        let sealed = |reference: &str| -> Result<Option<Vec<u8>>, StoreError> {
            Ok(store
                .request(&RequestScope::All, reference)?
                .and_then(|r| r.sealed))
        };
        assert_eq!(sealed("OLD1-0002")?, None);
        assert_eq!(sealed("LITE-0004")?, None);
        assert!(sealed("NEW1-0003")?.is_some() && sealed("OPEN-0001")?.is_some());
        assert_eq!(store.erase_personal_fields(&days, 35 * day)?, 0, "once");
        // The anonymous facts stay: every request, its form, topic, place, status.
        let after = store.requests(&RequestScope::All, &RequestFilter::default(), 0, 10)?;
        assert_eq!(after.len(), before.len());
        for (then, now) in before.iter().zip(&after) {
            assert_eq!(
                (
                    &then.reference,
                    &then.form,
                    &then.topic,
                    &then.neighbourhood,
                    then.status
                ),
                (
                    &now.reference,
                    &now.form,
                    &now.topic,
                    &now.neighbourhood,
                    now.status
                )
            );
        }
        assert_eq!(
            store.request_waits(0, 100 * day)?,
            waits_before,
            "M13's inputs do not change"
        );
        let erased = store
            .request(&RequestScope::All, "OLD1-0002")?
            .ok_or(StoreError::Refused("the request is not found".into()))?;
        assert_eq!(erased.summary.erased_at, Some(35 * day));
        assert_eq!(
            erased.answers.get("where").map(String::as_str),
            Some("Elm St")
        );
        Ok(())
    }

    #[test]
    fn statuses_round_trip_and_closed_ones_are_known() {
        for status in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(RequestStatus::parse("done"), None);
        assert!(RequestStatus::Resolved.is_closed());
        assert!(!RequestStatus::InProgress.is_closed());
    }
}
