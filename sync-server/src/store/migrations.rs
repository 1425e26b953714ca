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
