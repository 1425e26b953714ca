//! Schema migrations, applied in order on every start. Append new ones; never edit old ones.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[M::up(
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
)];

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
