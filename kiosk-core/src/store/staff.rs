//! Who may open staff mode: a PIN and staff card codes, set from the command line
//! (`kiosk admin set-pin`, `kiosk admin add-card`) and kept only as Argon2id hashes (rows of
//! the first version, salted SHA-256, still verify and are rehashed on their next successful
//! use); and the lockout after wrong tries, kept here so that a restart does not lift it.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use rusqlite::{OptionalExtension as _, params};
use sha2::{Digest as _, Sha256};

use super::{LocalStore, StoreError};

/// The fewest digits a new staff PIN may have.
pub const MIN_PIN_DIGITS: usize = 6;
/// The most digits a staff PIN may have.
pub const MAX_PIN_DIGITS: usize = 12;

/// The wrong try in a row that first locks staff sign-in (the ones before it are free).
pub const LOCK_AFTER: u32 = 5;
/// The first lockout, in seconds; each further wrong try doubles it.
pub const FIRST_LOCKOUT_SECONDS: i64 = 60;
/// The longest lockout, in seconds.
pub const MAX_LOCKOUT_SECONDS: i64 = 3600;

/// Why a PIN cannot be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinProblem {
    /// Something other than digits.
    #[error("a staff PIN is digits only")]
    NotDigits,
    /// Fewer digits than [`MIN_PIN_DIGITS`].
    #[error(
        "a staff PIN needs at least {MIN_PIN_DIGITS} digits ({digits} given): a short PIN is guessed too easily"
    )]
    TooShort {
        /// How many were given.
        digits: usize,
    },
    /// More digits than [`MAX_PIN_DIGITS`].
    #[error("a staff PIN has at most {MAX_PIN_DIGITS} digits ({digits} given)")]
    TooLong {
        /// How many were given.
        digits: usize,
    },
}

/// A PIN staff may set: 6 to 12 digits. `Debug` does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct StaffPin(String);

impl StaffPin {
    /// Checks `text` (surrounding spaces ignored).
    pub fn new(text: &str) -> Result<StaffPin, PinProblem> {
        let pin = text.trim();
        if pin.is_empty() || !pin.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PinProblem::NotDigits);
        }
        match pin.len() {
            digits if digits < MIN_PIN_DIGITS => Err(PinProblem::TooShort { digits }),
            digits if digits > MAX_PIN_DIGITS => Err(PinProblem::TooLong { digits }),
            _ => Ok(StaffPin(pin.to_owned())),
        }
    }
}

impl std::fmt::Debug for StaffPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaffPin(hidden)")
    }
}

/// True for a PIN staff can set now: 6 to 12 digits.
pub fn is_valid_pin(pin: &str) -> bool {
    StaffPin::new(pin).is_ok()
}

/// How one secret is kept.
#[derive(Clone, PartialEq, Eq)]
enum Hashed {
    /// Argon2id, as a PHC string (parameters, salt and hash).
    Argon2(String),
    /// The first version's salted SHA-256 (of the trimmed text).
    Sha256 { salt: Vec<u8>, hash: Vec<u8> },
}

/// One stored PIN or card.
#[derive(Clone, PartialEq, Eq)]
struct Secret {
    id: i64,
    hashed: Hashed,
}

impl Secret {
    fn matches(&self, value: &str) -> bool {
        let value = value.trim();
        match &self.hashed {
            Hashed::Argon2(phc) => PasswordHash::new(phc).is_ok_and(|parsed| {
                Argon2::default()
                    .verify_password(value.as_bytes(), &parsed)
                    .is_ok()
            }),
            Hashed::Sha256 { salt, hash } => {
                // Both sides are hashes of fixed length; comparing them leaks nothing useful.
                sha256(salt, value) == *hash
            }
        }
    }
}

fn sha256(salt: &[u8], value: &str) -> Vec<u8> {
    let mut digest = Sha256::new();
    digest.update(salt);
    digest.update(value.trim().as_bytes());
    digest.finalize().to_vec()
}

/// An Argon2id hash of `value` (trimmed) as a PHC string, with a fresh random salt.
///
/// The crate's recommended parameters (19 MiB, 2 passes, 1 lane), the same as the staff web's
/// passwords. A check takes tens of milliseconds, so the kiosk never does one on the UI
/// thread: [`crate::staff_gate::StaffGate`] checks on a thread of its own.
fn argon2_hash(value: &str) -> Result<String, StoreError> {
    let salt_bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| StoreError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(value.trim().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::Hash(e.to_string()))
}

/// What a check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// No match.
    No,
    /// A match, by an Argon2id hash.
    Yes,
    /// A match by an old SHA-256 row (this id): rehash it with [`LocalStore::rehash_staff_secret`].
    YesOldHash(i64),
}

impl Found {
    /// True on a match.
    pub fn matched(self) -> bool {
        self != Found::No
    }
}

/// What unlocks staff mode, as hashes (loaded at start, so the UI never reads the disk).
/// `Debug` shows only how many there are.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct StaffAccess {
    pin: Option<Secret>,
    cards: Vec<Secret>,
}

impl std::fmt::Debug for StaffAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffAccess")
            .field("pin_is_set", &self.pin_is_set())
            .field("cards", &self.cards.len())
            .finish()
    }
}

fn found(secret: &Secret) -> Found {
    match secret.hashed {
        Hashed::Argon2(_) => Found::Yes,
        Hashed::Sha256 { .. } => Found::YesOldHash(secret.id),
    }
}

impl StaffAccess {
    /// A PIN is set.
    pub fn pin_is_set(&self) -> bool {
        self.pin.is_some()
    }

    /// The PIN was set before PINs were hashed with Argon2id (and before 6 digits were
    /// required); it may be shorter than [`MIN_PIN_DIGITS`].
    pub fn pin_has_old_hash(&self) -> bool {
        matches!(
            self.pin,
            Some(Secret {
                hashed: Hashed::Sha256 { .. },
                ..
            })
        )
    }

    /// How many staff cards there are.
    pub fn card_count(&self) -> usize {
        self.cards.len()
    }

    /// Whether `typed` is the staff PIN (one Argon2id check: tens of milliseconds).
    pub fn check_pin(&self, typed: &str) -> Found {
        match &self.pin {
            Some(pin) if pin.matches(typed) => found(pin),
            _ => Found::No,
        }
    }

    /// Whether a scanned code is one of the staff cards (one Argon2id check per card).
    pub fn check_card(&self, scanned: &str) -> Found {
        self.cards
            .iter()
            .find(|card| card.matches(scanned))
            .map_or(Found::No, found)
    }

    /// Replaces the hash of secret `id` in memory (after [`LocalStore::rehash_staff_secret`]).
    pub fn replace_hash(&mut self, id: i64, phc: String) {
        for secret in self.pin.iter_mut().chain(self.cards.iter_mut()) {
            if secret.id == id {
                secret.hashed = Hashed::Argon2(phc.clone());
            }
        }
    }
}

/// Wrong staff tries in a row, and until when staff sign-in is locked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lockout {
    /// Wrong PINs and scanned codes that are not staff cards, since the last success.
    pub failures: u32,
    /// Unix seconds until which no try is checked (0: not locked).
    pub locked_until: i64,
}

impl Lockout {
    /// True while tries are refused unchecked.
    pub fn is_locked(&self, now: i64) -> bool {
        now < self.locked_until
    }

    /// After one more wrong try at `now`: the [`LOCK_AFTER`]th in a row locks for a minute, and each one after that (once the lock has passed) locks twice as
    /// long as the one before, up to an hour. Only a success starts the count again.
    pub fn after_failure(self, now: i64) -> Lockout {
        let failures = self.failures.saturating_add(1);
        let locked_until = match failures.checked_sub(LOCK_AFTER) {
            None => self.locked_until,
            Some(doublings) => {
                let seconds = FIRST_LOCKOUT_SECONDS
                    .checked_shl(doublings.min(32))
                    .unwrap_or(MAX_LOCKOUT_SECONDS)
                    .min(MAX_LOCKOUT_SECONDS);
                now.saturating_add(seconds)
            }
        };
        Lockout {
            failures,
            locked_until,
        }
    }
}

impl LocalStore {
    /// Sets (or replaces) the staff PIN.
    pub fn set_staff_pin(&mut self, pin: &StaffPin) -> Result<(), StoreError> {
        let phc = argon2_hash(&pin.0)?;
        let transaction = self.connection.transaction()?;
        transaction.execute("DELETE FROM staff_access WHERE kind = 'pin'", [])?;
        transaction.execute(
            "INSERT INTO staff_access (kind, phc) VALUES ('pin', ?1)",
            params![phc],
        )?;
        // A new PIN is a fresh start.
        transaction.execute("DELETE FROM staff_lockout", [])?;
        transaction.commit()?;
        Ok(())
    }

    /// Adds a staff card (the code its barcode or QR code carries).
    pub fn add_staff_card(&self, code: &str) -> Result<(), StoreError> {
        let phc = argon2_hash(code)?;
        self.connection.execute(
            "INSERT INTO staff_access (kind, phc) VALUES ('card', ?1)",
            params![phc],
        )?;
        Ok(())
    }

    /// Replaces an old SHA-256 row by an Argon2id hash of `value`, which has just matched it.
    /// Returns the new hash for [`StaffAccess::replace_hash`].
    pub fn rehash_staff_secret(&self, id: i64, value: &str) -> Result<String, StoreError> {
        let phc = argon2_hash(value)?;
        self.connection.execute(
            "UPDATE staff_access SET phc = ?1, sha256_salt = NULL, sha256_hash = NULL WHERE id = ?2",
            params![phc, id],
        )?;
        Ok(phc)
    }

    /// What unlocks staff mode on this kiosk.
    pub fn staff_access(&self) -> Result<StaffAccess, StoreError> {
        let mut access = StaffAccess::default();
        let mut query = self.connection.prepare(
            "SELECT id, kind, phc, sha256_salt, sha256_hash FROM staff_access ORDER BY id",
        )?;
        let rows = query.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<Vec<u8>>>(3)?,
                row.get::<_, Option<Vec<u8>>>(4)?,
            ))
        })?;
        for row in rows {
            let (id, kind, phc, salt, hash) = row?;
            let hashed = match (phc, salt, hash) {
                (Some(phc), _, _) => Hashed::Argon2(phc),
                (None, Some(salt), Some(hash)) => Hashed::Sha256 { salt, hash },
                _ => return Err(StoreError::Corrupt(format!("staff access row {id}"))),
            };
            let secret = Secret { id, hashed };
            if kind == "pin" {
                access.pin = Some(secret);
            } else {
                access.cards.push(secret);
            }
        }
        Ok(access)
    }

    /// The staff lockout as stored.
    pub fn staff_lockout(&self) -> Result<Lockout, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT failures, locked_until FROM staff_lockout WHERE id = 1",
                [],
                |row| {
                    Ok(Lockout {
                        failures: row.get(0)?,
                        locked_until: row.get(1)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Counts one wrong try at `now` and returns the lockout it leads to.
    pub fn record_staff_failure(&mut self, now: i64) -> Result<Lockout, StoreError> {
        let transaction = self.connection.transaction()?;
        let before = transaction
            .query_row(
                "SELECT failures, locked_until FROM staff_lockout WHERE id = 1",
                [],
                |row| {
                    Ok(Lockout {
                        failures: row.get(0)?,
                        locked_until: row.get(1)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default();
        let after = before.after_failure(now);
        transaction.execute(
            "INSERT INTO staff_lockout (id, failures, locked_until) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET failures = excluded.failures,
                                            locked_until = excluded.locked_until",
            params![after.failures, after.locked_until],
        )?;
        transaction.commit()?;
        Ok(after)
    }

    /// A successful sign-in: the count of wrong tries starts again.
    pub fn clear_staff_failures(&self) -> Result<(), StoreError> {
        self.connection.execute("DELETE FROM staff_lockout", [])?;
        Ok(())
    }
}

#[cfg(test)]
impl LocalStore {
    /// Adds a row as the previous version wrote it (salted SHA-256); returns its id.
    pub(crate) fn insert_sha256_row_for_tests(
        &self,
        kind: &str,
        value: &str,
    ) -> Result<i64, StoreError> {
        let salt: [u8; 16] = rand::random();
        self.connection.execute(
            "INSERT INTO staff_access (kind, sha256_salt, sha256_hash) VALUES (?1, ?2, ?3)",
            params![kind, salt.as_slice(), sha256(&salt, value)],
        )?;
        Ok(self.connection.last_insert_rowid())
    }
}

#[cfg(test)]
mod tests {
    use super::super::temp_store;
    use super::*;

    fn pin(text: &str) -> StaffPin {
        StaffPin::new(text).expect("a valid PIN")
    }

    #[test]
    fn the_pin_and_cards_are_checked_against_argon2id_hashes() -> Result<(), StoreError> {
        let (_dir, mut store) = temp_store();
        assert!(!store.staff_access()?.pin_is_set());
        store.set_staff_pin(&pin("482913"))?;
        store.add_staff_card("STAFF-RIVERTON-0042")?;
        let access = store.staff_access()?;
        assert_eq!(access.check_pin("482913"), Found::Yes);
        assert_eq!(access.check_pin("000000"), Found::No);
        assert_eq!(access.check_card("STAFF-RIVERTON-0042"), Found::Yes);
        assert_eq!(access.check_card("K7PQ-M3XZ-R9"), Found::No);
        assert!(!access.pin_has_old_hash());
        store.set_staff_pin(&pin("111111"))?;
        let access = store.staff_access()?;
        assert!(access.check_pin("111111").matched() && !access.check_pin("482913").matched());
        // Nothing readable is stored: an Argon2id PHC string, no old columns.
        let (phc, salt): (String, Option<Vec<u8>>) = store.connection.query_row(
            "SELECT phc, sha256_salt FROM staff_access WHERE kind = 'pin'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(!phc.contains("111111") && salt.is_none());
        // Debug shows no hash.
        assert!(!format!("{access:?}").contains("argon2"));
        Ok(())
    }

    #[test]
    fn a_pin_needs_six_to_twelve_digits() {
        assert_eq!(
            StaffPin::new("1234"),
            Err(PinProblem::TooShort { digits: 4 })
        );
        assert_eq!(
            StaffPin::new("12345"),
            Err(PinProblem::TooShort { digits: 5 })
        );
        assert_eq!(StaffPin::new("12a456"), Err(PinProblem::NotDigits));
        assert_eq!(StaffPin::new(""), Err(PinProblem::NotDigits));
        assert_eq!(
            StaffPin::new("1234567890123"),
            Err(PinProblem::TooLong { digits: 13 })
        );
        assert!(StaffPin::new(" 123456 ").is_ok() && is_valid_pin("123456789012"));
        assert!(!is_valid_pin("1234"));
        assert_eq!(format!("{:?}", pin("482913")), "StaffPin(hidden)");
        assert!(
            PinProblem::TooShort { digits: 4 }
                .to_string()
                .contains("at least 6 digits")
        );
    }

    #[test]
    fn old_sha256_rows_still_verify_and_are_rehashed_on_use() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        let pin_id = store.insert_sha256_row_for_tests("pin", "2468")?;
        let card_id = store.insert_sha256_row_for_tests("card", "STAFF-OLD-0001")?;
        let mut access = store.staff_access()?;
        assert!(access.pin_has_old_hash());
        assert_eq!(access.check_pin("2468"), Found::YesOldHash(pin_id));
        assert_eq!(access.check_pin("2469"), Found::No);
        assert_eq!(
            access.check_card("STAFF-OLD-0001"),
            Found::YesOldHash(card_id)
        );
        // Rehashed: stored as Argon2id, and the old columns are emptied.
        let phc = store.rehash_staff_secret(pin_id, "2468")?;
        access.replace_hash(pin_id, phc);
        assert_eq!(access.check_pin("2468"), Found::Yes);
        let reread = store.staff_access()?;
        assert_eq!(reread.check_pin("2468"), Found::Yes);
        assert!(!reread.pin_has_old_hash());
        assert_eq!(
            reread.check_card("STAFF-OLD-0001"),
            Found::YesOldHash(card_id)
        );
        Ok(())
    }

    #[test]
    fn rows_of_the_first_schema_survive_the_migration() -> Result<(), Box<dyn std::error::Error>> {
        // A database as the first version with staff access left it (schema version 5).
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("kiosk.sqlite3");
        {
            let mut connection = rusqlite::Connection::open(&path)?;
            super::super::migrations::MIGRATIONS.to_version(&mut connection, 5)?;
            let salt = [7u8; 16];
            connection.execute(
                "INSERT INTO staff_access (kind, salt, hash) VALUES ('pin', ?1, ?2)",
                params![salt.as_slice(), sha256(&salt, "2468")],
            )?;
        }
        let store = LocalStore::open(&path)?;
        let access = store.staff_access()?;
        assert!(access.pin_has_old_hash());
        assert!(access.check_pin("2468").matched());
        assert!(!access.check_pin("1357").matched());
        Ok(())
    }

    #[test]
    fn the_lockout_grows_from_a_minute_to_an_hour() {
        let mut lockout = Lockout::default();
        let now = 1_000_000;
        for _ in 1..LOCK_AFTER {
            lockout = lockout.after_failure(now);
            assert!(!lockout.is_locked(now), "{lockout:?}");
        }
        let mut expected = vec![60, 120, 240, 480, 960, 1920, 3600, 3600];
        expected.extend([3600; 30]);
        let mut at = now;
        for seconds in expected {
            lockout = lockout.after_failure(at);
            assert_eq!(lockout.locked_until, at + seconds, "{lockout:?}");
            assert!(lockout.is_locked(at + seconds - 1));
            assert!(!lockout.is_locked(at + seconds));
            at += seconds;
        }
    }

    #[test]
    fn the_lockout_is_kept_in_the_database() -> Result<(), StoreError> {
        let dir = tempfile::tempdir().map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let path = dir.path().join("kiosk.sqlite3");
        let now = 1_800_000_000;
        {
            let mut store = LocalStore::open(&path)?;
            assert_eq!(store.staff_lockout()?, Lockout::default());
            for _ in 0..5 {
                store.record_staff_failure(now)?;
            }
        }
        // Reopened (the kiosk restarted): still locked, and the next failure doubles it.
        let mut store = LocalStore::open(&path)?;
        let lockout = store.staff_lockout()?;
        assert_eq!(
            lockout,
            Lockout {
                failures: 5,
                locked_until: now + 60
            }
        );
        assert!(lockout.is_locked(now + 30));
        let later = now + 61;
        assert_eq!(store.record_staff_failure(later)?.locked_until, later + 120);
        store.clear_staff_failures()?;
        assert_eq!(store.staff_lockout()?, Lockout::default());
        // Setting a new PIN lifts the lockout too.
        store.record_staff_failure(now)?;
        store.set_staff_pin(&pin("135790"))?;
        assert_eq!(store.staff_lockout()?, Lockout::default());
        Ok(())
    }
}
