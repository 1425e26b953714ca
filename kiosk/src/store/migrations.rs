//! Schema migrations of the kiosk's local database, applied in order at every open.
//! Append new ones; never edit old ones.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[M::up(
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
)];

/// Every migration, oldest first.
pub const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::MIGRATIONS.validate().is_ok());
    }
}
