//! Schema migrations of the kiosk's local database, applied in order at every open.
//! Append new ones; never edit old ones.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(
        "
    -- Anonymous events, append-only. AUTOINCREMENT: a sequence number is never reused,
    -- even after old sent rows are pruned, so the server's (kiosk, seq) key stays unique.
    CREATE TABLE events (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        session TEXT NOT NULL,
        hour    INTEGER NOT NULL,
        kind    TEXT NOT NULL,
        sent_at INTEGER
    ) STRICT;
    CREATE INDEX events_unsent ON events (seq) WHERE sent_at IS NULL;

    -- This kiosk's enrolment with a server: at most one row.
    CREATE TABLE enrolment (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        server_url    TEXT NOT NULL,
        fingerprint   TEXT NOT NULL,
        kiosk_id      TEXT NOT NULL,
        token         TEXT NOT NULL,
        site          TEXT NOT NULL,
        neighbourhood TEXT NOT NULL,
        enrolled_at   INTEGER NOT NULL
    ) STRICT;

    -- A small ledger of sync attempts, for `kiosk status`.
    CREATE TABLE sync_attempts (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        succeeded   INTEGER NOT NULL,
        sent        INTEGER NOT NULL,
        message     TEXT NOT NULL
    ) STRICT;
    ",
    ),
    M::up(
        "
    -- The server's public sealing key, received at enrolment.
    ALTER TABLE enrolment ADD COLUMN sealing_key TEXT NOT NULL DEFAULT '';

    -- Service requests residents submitted. Personal fields are only ever stored sealed.
    CREATE TABLE requests (
        reference  TEXT PRIMARY KEY,
        form       TEXT NOT NULL,
        topic      TEXT NOT NULL,
        answers    TEXT NOT NULL,
        sealed     BLOB,
        hour       INTEGER NOT NULL,
        sent_at    INTEGER
    ) STRICT;

    -- Ratings and survey answers: anonymous; a rating's optional comment is sealed.
    CREATE TABLE feedback (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        kind           TEXT NOT NULL,
        subject        TEXT NOT NULL,
        answers        TEXT NOT NULL,
        sealed_comment BLOB,
        hour           INTEGER NOT NULL,
        sent_at        INTEGER
    ) STRICT;

    -- Learning progress per learner code and module (no name, no account).
    CREATE TABLE learner_progress (
        learner_code TEXT NOT NULL,
        module       TEXT NOT NULL,
        steps_done   TEXT NOT NULL,
        best_score   INTEGER,
        passed       INTEGER NOT NULL DEFAULT 0,
        updated_at   INTEGER NOT NULL,
        PRIMARY KEY (learner_code, module)
    ) STRICT;
    ",
    ),
    M::up(
        "
    -- The outbox: every record the kiosk writes, append-only, under a sequence number that is
    -- never reused (AUTOINCREMENT) and the BLAKE3 hash of its body. `subject` links a record
    -- to its row in requests (the reference) or feedback (the id), for erasing personal data
    -- once the server has it. Bodies of acknowledged requests and feedback are erased.
    CREATE TABLE outbox (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        priority   INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        subject    TEXT,
        body       BLOB,
        hash       BLOB NOT NULL,
        written_at INTEGER NOT NULL,
        acked_at   INTEGER,
        refused    INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX outbox_unacked ON outbox (priority, seq) WHERE acked_at IS NULL;
    CREATE INDEX outbox_kind ON outbox (kind, written_at);

    -- What each sync attempt put on the wire, and how far the kiosk's clock was off.
    ALTER TABLE sync_attempts ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sync_attempts ADD COLUMN clock_offset INTEGER NOT NULL DEFAULT 0;
    -- Numbers continue after the events of the first version (moved over in Rust, see
    -- `legacy::move_events_to_outbox`).
    INSERT INTO sqlite_sequence (name, seq)
        SELECT 'outbox', COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'events';
    ",
    ),
    M::up(
        "
    -- The server's content key, pinned at enrolment (empty for kiosks enrolled before it).
    ALTER TABLE enrolment ADD COLUMN content_key TEXT NOT NULL DEFAULT '';
    ",
    ),
    M::up(
        "
    -- What unlocks staff mode: a PIN and staff card codes, as salted SHA-256 hashes.
    CREATE TABLE staff_access (
        id   INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('pin', 'card')),
        salt BLOB NOT NULL,
        hash BLOB NOT NULL
    ) STRICT;
    ",
    ),
    M::up(
        "
    -- Staff secrets as Argon2id PHC strings. Rows of the previous version keep their salted
    -- SHA-256 (still checked) until their next successful use rehashes them.
    ALTER TABLE staff_access RENAME TO staff_access_sha256;
    CREATE TABLE staff_access (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        kind        TEXT NOT NULL CHECK (kind IN ('pin', 'card')),
        phc         TEXT,
        sha256_salt BLOB,
        sha256_hash BLOB,
        CHECK (phc IS NOT NULL OR (sha256_salt IS NOT NULL AND sha256_hash IS NOT NULL))
    ) STRICT;
    INSERT INTO staff_access (id, kind, sha256_salt, sha256_hash)
        SELECT id, kind, salt, hash FROM staff_access_sha256;
    DROP TABLE staff_access_sha256;

    -- Wrong staff tries in a row (PINs, and scanned codes that are not staff cards) and until
    -- when staff sign-in is locked: kept on disk so that restarting the kiosk lifts nothing.
    CREATE TABLE staff_lockout (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        failures     INTEGER NOT NULL,
        locked_until INTEGER NOT NULL
    ) STRICT;
    ",
    ),
    M::up(
        "
    -- Where residents' requests stand (from any kiosk), as the server's handshake hands out
    -- the latest change of each: the reference without dashes, the status, the phrase id.
    -- Nothing personal and no free text.
    CREATE TABLE request_statuses (
        reference  TEXT PRIMARY KEY,
        status     TEXT NOT NULL,
        phrase     TEXT,
        changed_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX request_statuses_by_change ON request_statuses (changed_at);
    -- How far the kiosk has read a list the server hands out in parts (request_statuses).
    CREATE TABLE sync_cursors (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) STRICT;
    ",
    ),
    M::up(
        "
    -- Bundles this kiosk carries for other kiosks (sealed to the server and signed by their
    -- originator: unreadable here), until the server has them.
    CREATE TABLE relay_bundles (
        id          TEXT PRIMARY KEY,
        kiosk       TEXT NOT NULL,
        bundle      BLOB NOT NULL,
        received_at INTEGER NOT NULL
    ) STRICT;
    -- When a record was last handed to a relay on the LAN (handed again only after a day
    -- with no acknowledgement), and the bundles this kiosk made of its own records (only an
    -- acknowledgement of one of them marks its records sent).
    ALTER TABLE outbox ADD COLUMN relay_handed_at INTEGER;
    CREATE TABLE relay_own_bundles (
        id      TEXT PRIMARY KEY,
        made_at INTEGER NOT NULL
    ) STRICT;
    -- Bundles the server refused for good (altered, forged), so a stick that still holds
    -- them does not hand them over again.
    CREATE TABLE relay_refused (
        id         TEXT PRIMARY KEY,
        refused_at INTEGER NOT NULL
    ) STRICT;
    -- The server's signed acknowledgements of bundles, until their kiosk comes by.
    CREATE TABLE relay_acks (
        bundle      TEXT PRIMARY KEY,
        kiosk       TEXT NOT NULL,
        ack         TEXT NOT NULL,
        signature   TEXT NOT NULL,
        received_at INTEGER NOT NULL
    ) STRICT;
    ",
    ),
];

/// Every migration, oldest first.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::MIGRATIONS.validate().is_ok());
    }
}
