//! Schema migrations, applied in order on every start. Append new ones; never edit old ones.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(
        "
    CREATE TABLE enrolment_codes (
        code_hash     TEXT PRIMARY KEY,
        site          TEXT NOT NULL,
        neighbourhood TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        expires_at    INTEGER NOT NULL,
        used_at       INTEGER,
        used_by       TEXT
    ) STRICT;

    CREATE TABLE kiosks (
        kiosk_id         TEXT PRIMARY KEY,
        token_hash       TEXT NOT NULL UNIQUE,
        site             TEXT NOT NULL,
        neighbourhood    TEXT NOT NULL,
        software_version TEXT NOT NULL,
        enrolled_at      INTEGER NOT NULL,
        last_seen_at     INTEGER
    ) STRICT;

    CREATE TABLE events (
        kiosk_id    TEXT NOT NULL REFERENCES kiosks(kiosk_id),
        seq         INTEGER NOT NULL,
        session     TEXT NOT NULL,
        hour        INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        body        TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, seq)
    ) STRICT, WITHOUT ROWID;
    ",
    ),
    M::up(
        "
    -- Every record a kiosk sent, once per (kiosk, seq), with the BLAKE3 hash of its body.
    CREATE TABLE records (
        kiosk_id    TEXT NOT NULL REFERENCES kiosks(kiosk_id),
        seq         INTEGER NOT NULL,
        hash        BLOB NOT NULL,
        kind        TEXT NOT NULL,
        body        BLOB NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, seq)
    ) STRICT, WITHOUT ROWID;

    -- A kiosk offered other content under a number the server already holds: refused, kept
    -- here for staff to look at.
    CREATE TABLE conflicts (
        kiosk_id     TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        stored_hash  BLOB NOT NULL,
        offered_hash BLOB NOT NULL,
        offered_body BLOB NOT NULL,
        at           INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, seq, offered_hash)
    ) STRICT;

    -- Service requests, with personal fields still sealed to the server's key.
    CREATE TABLE requests (
        kiosk_id    TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        reference   TEXT NOT NULL,
        form        TEXT NOT NULL,
        topic       TEXT NOT NULL,
        answers     TEXT NOT NULL,
        sealed      BLOB,
        hour        INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, seq)
    ) STRICT;

    CREATE TABLE feedback (
        kiosk_id       TEXT NOT NULL,
        seq            INTEGER NOT NULL,
        kind           TEXT NOT NULL,
        subject        TEXT NOT NULL,
        answers        TEXT NOT NULL,
        sealed_comment BLOB,
        hour           INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, seq)
    ) STRICT;

    -- Learner progress merged from every kiosk (best score, union of steps).
    CREATE TABLE learner_progress (
        learner_code TEXT NOT NULL,
        module       TEXT NOT NULL,
        steps_done   TEXT NOT NULL,
        best_score   INTEGER,
        passed       INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (learner_code, module)
    ) STRICT;

    -- The server's side of the sync ledger.
    CREATE TABLE sync_log (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        kiosk_id TEXT NOT NULL,
        at       INTEGER NOT NULL,
        what     TEXT NOT NULL,
        records  INTEGER NOT NULL,
        bytes    INTEGER NOT NULL,
        outcome  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sync_log_kiosk ON sync_log (kiosk_id, id);

    ALTER TABLE kiosks ADD COLUMN last_heartbeat TEXT;
    ALTER TABLE kiosks ADD COLUMN clock_offset INTEGER;
    ",
    ),
    M::up(
        "
    -- Device identity: the kiosk's Ed25519 public key (its requests are signed with the private
    -- half), the highest request counter seen (a replay is refused), and what staff decided:
    -- 'active', 'quarantined' (uploads refused until released) or 'revoked' (for good).
    ALTER TABLE kiosks ADD COLUMN device_key TEXT;
    ALTER TABLE kiosks ADD COLUMN last_counter INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE kiosks ADD COLUMN state TEXT NOT NULL DEFAULT 'active';
    ",
    ),
    M::up(
        "
    -- The sync ledger stays small: the latest 1,000 entries per kiosk.
    CREATE TRIGGER sync_log_keep_small AFTER INSERT ON sync_log
    BEGIN
        DELETE FROM sync_log
        WHERE kiosk_id = NEW.kiosk_id
          AND id < (SELECT id FROM sync_log WHERE kiosk_id = NEW.kiosk_id
                    ORDER BY id DESC LIMIT 1 OFFSET 999);
    END;
    ",
    ),
    M::up(
        "
    -- Places: neighbourhoods with their baselines and outlines, sites within them.
    CREATE TABLE neighbourhoods (
        name           TEXT PRIMARY KEY,
        population     INTEGER NOT NULL,
        offline_share  REAL,
        opening_hours  TEXT NOT NULL,
        default_locale TEXT NOT NULL,
        imported_at    INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE boundaries (
        neighbourhood TEXT PRIMARY KEY,
        geometry      TEXT NOT NULL,
        imported_at   INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE sites (
        site          TEXT PRIMARY KEY,
        neighbourhood TEXT NOT NULL
    ) STRICT;
    INSERT OR IGNORE INTO sites (site, neighbourhood)
        SELECT site, neighbourhood FROM kiosks ORDER BY enrolled_at;
    INSERT OR IGNORE INTO sites (site, neighbourhood)
        SELECT site, neighbourhood FROM enrolment_codes ORDER BY created_at;

    -- Server settings staff can change (city time zone, targets, privacy options).
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    -- Roll-ups: counts per month (of when things happened), kiosk, counter and breakdown,
    -- kept up to date as records arrive, so no page reads raw events.
    CREATE TABLE rollup (
        month    TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        counter  TEXT NOT NULL,
        dim      TEXT NOT NULL,
        n        INTEGER NOT NULL,
        PRIMARY KEY (month, kiosk_id, counter, dim)
    ) STRICT, WITHOUT ROWID;

    -- What a visit has already been counted for (its language, each accessibility feature,
    -- assisted), so each visit counts once per table. Deleted with the raw events.
    CREATE TABLE session_marks (
        kiosk_id TEXT NOT NULL,
        session  TEXT NOT NULL,
        mark     TEXT NOT NULL,
        value    TEXT NOT NULL,
        seq      INTEGER NOT NULL,
        month    TEXT NOT NULL,
        hour     INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, session, mark)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX session_marks_hour ON session_marks (hour);
    CREATE INDEX events_hour ON events (hour);

    -- Staff: logins with a role, the sites a librarian looks after, browser sessions, the
    -- audit log, and wrong-password counts that slow guessing.
    CREATE TABLE staff_users (
        name          TEXT PRIMARY KEY,
        role          TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        disabled      INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE TABLE staff_user_sites (
        name TEXT NOT NULL REFERENCES staff_users(name) ON DELETE CASCADE,
        site TEXT NOT NULL,
        PRIMARY KEY (name, site)
    ) STRICT;
    CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        name       TEXT NOT NULL REFERENCES staff_users(name) ON DELETE CASCADE,
        csrf       TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE audit_log (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        at     INTEGER NOT NULL,
        name   TEXT NOT NULL,
        role   TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
    ) STRICT;
    CREATE TABLE login_failures (
        name     TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_at  INTEGER NOT NULL
    ) STRICT;

    -- Differential privacy: every noisy release and the epsilon it spent, per year.
    CREATE TABLE privacy_ledger (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        year    INTEGER NOT NULL,
        at      INTEGER NOT NULL,
        release TEXT NOT NULL,
        epsilon REAL NOT NULL
    ) STRICT;
    CREATE TABLE noisy_releases (
        release TEXT PRIMARY KEY,
        body    TEXT NOT NULL
    ) STRICT;
    ",
    ),
    M::up(
        "
    -- Which months have roll-ups, and a number that grows whenever one of a month's counts
    -- changes (cached figures of other months stay valid).
    CREATE TABLE rollup_stamps (
        month      TEXT PRIMARY KEY,
        generation INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
    INSERT INTO rollup_stamps (month, generation) SELECT DISTINCT month, 1 FROM rollup;
    -- Raw events are pruned once a day by a scan; an index on their hour would cost every
    -- insert more than it saves.
    DROP INDEX IF EXISTS events_hour;
    ",
    ),
    M::up(
        "
    -- How many events of each kind a visit has had counted: past a cap, more events still
    -- count in the exact figures but not in the counts that get noise (a visit's weight in
    -- each noisy table is bounded).
    CREATE TABLE session_tallies (
        kiosk_id TEXT NOT NULL,
        session  TEXT NOT NULL,
        tally    TEXT NOT NULL,
        n        INTEGER NOT NULL,
        hour     INTEGER NOT NULL,
        PRIMARY KEY (kiosk_id, session, tally)
    ) STRICT, WITHOUT ROWID;
    -- Counts rolled up before this had no cap: months from before now cannot be released
    -- with noise (privacy.rs). A new database has nothing before.
    INSERT INTO settings (key, value)
        SELECT 'privacy.capped_from', CAST(strftime('%s', 'now') AS TEXT)
        WHERE EXISTS (SELECT 1 FROM rollup);
    ",
    ),
    M::up(
        "
    -- Wrong passwords are counted per login name and client address (a guesser elsewhere
    -- cannot lock a user out), and per address across names (no spraying); rows older
    -- than a day are pruned.
    DROP TABLE login_failures;
    CREATE TABLE login_attempts (
        name     TEXT NOT NULL,
        address  TEXT NOT NULL,
        failures INTEGER NOT NULL,
        last_at  INTEGER NOT NULL,
        PRIMARY KEY (name, address)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX login_attempts_address ON login_attempts (address);
    CREATE INDEX login_attempts_last_at ON login_attempts (last_at);
    -- A revoked kiosk keeps no credential: its token hash is replaced by a value no token
    -- hashes to, and its device key is forgotten.
    UPDATE kiosks SET token_hash = 'revoked:' || kiosk_id, device_key = NULL
        WHERE state = 'revoked';
    ",
    ),
    M::up(
        "
    -- Records received from each kiosk (heartbeats aside), kept as they arrive, for the
    -- fleet page (counting the records table there would read millions of rows).
    ALTER TABLE kiosks ADD COLUMN records_received INTEGER NOT NULL DEFAULT 0;
    UPDATE kiosks SET records_received = (
        SELECT COUNT(*) FROM records r WHERE r.kiosk_id = kiosks.kiosk_id AND r.kind != 'heartbeat'
    );
    ",
    ),
    M::up(
        "
    -- Case workers: the request forms each answers (their sites, if any, are in
    -- staff_user_sites as a librarian's are).
    CREATE TABLE staff_user_forms (
        name TEXT NOT NULL REFERENCES staff_users(name) ON DELETE CASCADE,
        form TEXT NOT NULL,
        PRIMARY KEY (name, form)
    ) STRICT;
    -- Where each resident's request stands, and the message to the resident (a phrase id,
    -- shown in the resident's language, and optional free text).
    ALTER TABLE requests ADD COLUMN status TEXT NOT NULL DEFAULT 'received';
    ALTER TABLE requests ADD COLUMN status_at INTEGER;
    ALTER TABLE requests ADD COLUMN phrase TEXT;
    ALTER TABLE requests ADD COLUMN message TEXT;
    -- When the personal fields were erased (a set number of days after the request closed).
    ALTER TABLE requests ADD COLUMN erased_at INTEGER;
    CREATE INDEX requests_by_reference ON requests (reference);
    CREATE INDEX requests_by_received ON requests (received_at);
    -- Every status change: who, when, what.
    CREATE TABLE request_updates (
        id       INTEGER PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        seq      INTEGER NOT NULL,
        at       INTEGER NOT NULL,
        name     TEXT NOT NULL,
        status   TEXT NOT NULL,
        phrase   TEXT,
        message  TEXT
    ) STRICT;
    CREATE INDEX request_updates_by_request ON request_updates (kiosk_id, seq);
    -- Open311 API keys (stored hashed) for the city's case systems, scoped like case
    -- workers: forms, and optionally sites; `personal` lets a key read personal fields.
    CREATE TABLE open311_keys (
        name       TEXT PRIMARY KEY,
        key_hash   TEXT NOT NULL UNIQUE,
        personal   INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE open311_key_scope (
        name  TEXT NOT NULL REFERENCES open311_keys(name) ON DELETE CASCADE,
        kind  TEXT NOT NULL CHECK (kind IN ('form', 'site')),
        value TEXT NOT NULL,
        PRIMARY KEY (name, kind, value)
    ) STRICT;
    ",
    ),
    M::up(
        "
    -- Requests pushed to a city's Open311 endpoint: one row per request and target, made when
    -- the request arrives (of a form the target takes, after the target was configured),
    -- retried with backoff until the city answers with its service_request_id.
    CREATE TABLE open311_targets (
        name  TEXT PRIMARY KEY,
        since INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE open311_pushes (
        target             TEXT NOT NULL,
        kiosk_id           TEXT NOT NULL,
        seq                INTEGER NOT NULL,
        attempts           INTEGER NOT NULL DEFAULT 0,
        next_attempt_at    INTEGER NOT NULL DEFAULT 0,
        last_error         TEXT,
        service_request_id TEXT,
        sent_at            INTEGER,
        city_status        TEXT,
        PRIMARY KEY (target, kiosk_id, seq)
    ) STRICT;
    CREATE INDEX open311_pushes_due ON open311_pushes (target, next_attempt_at)
        WHERE service_request_id IS NULL;
    -- When a kiosk was revoked: its opening minutes count in the figures up to then, so
    -- revoking changes no past month. Kiosks revoked before this was kept count up to when
    -- they were last heard from.
    ALTER TABLE kiosks ADD COLUMN revoked_at INTEGER;
    UPDATE kiosks SET revoked_at = COALESCE(last_seen_at, enrolled_at) WHERE state = 'revoked';
    -- Daily email digests sent, per form and day (days since 1970-01-01, UTC).
    CREATE TABLE digests_sent (
        form TEXT NOT NULL,
        day  INTEGER NOT NULL,
        PRIMARY KEY (form, day)
    ) STRICT;
    ",
    ),
    M::up(
        "
    -- Records whose kiosk's clock was too far off to correct: they keep the kiosk's time.
    ALTER TABLE kiosks ADD COLUMN clock_flagged INTEGER NOT NULL DEFAULT 0;
    -- Usable minutes count by the hour of the week in the city's time (were UTC, with the
    -- city's fixed offset added when read). Two steps, so that no key collides on the way.
    UPDATE rollup SET dim = 'x' || ((CAST(dim AS INTEGER)
            + COALESCE((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'utc_offset_hours'), 0)
            + 168) % 168)
        WHERE counter = 'usable_minutes';
    UPDATE rollup SET dim = substr(dim, 2) WHERE counter = 'usable_minutes' AND dim LIKE 'x%';
    -- Where a kiosk stood before each move: a month's counts stay with the neighbourhood its
    -- kiosk stood in when the month ended.
    CREATE TABLE kiosk_moves (
        kiosk_id      TEXT NOT NULL REFERENCES kiosks(kiosk_id),
        moved_at      INTEGER NOT NULL,
        site          TEXT NOT NULL,
        neighbourhood TEXT NOT NULL,
        PRIMARY KEY (kiosk_id, moved_at)
    ) STRICT;
    -- Months published to everyone but analysts, frozen once their grace period is over:
    -- the figures as shown (JSON), and the noisy release they came from, if any.
    CREATE TABLE published_months (
        month        TEXT PRIMARY KEY,
        figures      TEXT NOT NULL,
        epsilon      REAL,
        released_at  INTEGER,
        published_at INTEGER NOT NULL
    ) STRICT;
    ",
    ),
    M::up(
        "
    -- Request-status lookups per kiosk in the current minute (minutes since 1970), counted
    -- here so that every server process on one database keeps the one limit.
    CREATE TABLE request_lookups (
        kiosk_id TEXT PRIMARY KEY,
        minute   INTEGER NOT NULL,
        count    INTEGER NOT NULL
    ) STRICT;
    ",
    ),
];

/// Every migration, oldest first.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(MIGRATIONS.validate().is_ok());
    }
}
