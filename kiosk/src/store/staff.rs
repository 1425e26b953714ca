//! Who may open staff mode: a PIN and staff card codes, set from the command line
//! (`kiosk admin set-pin`, `kiosk admin add-card`) and kept only as salted SHA-256 hashes.

use rusqlite::params;
use sha2::{Digest as _, Sha256};

use super::{LocalStore, StoreError};

/// What unlocks staff mode, as hashes (loaded at start, so the UI never reads the disk).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffAccess {
    pin: Option<(Vec<u8>, Vec<u8>)>,
    cards: Vec<(Vec<u8>, Vec<u8>)>,
}

fn hash(salt: &[u8], value: &str) -> Vec<u8> {
    let mut digest = Sha256::new();
    digest.update(salt);
    digest.update(value.trim().as_bytes());
    digest.finalize().to_vec()
}

/// True for a PIN staff can set: 4 to 12 digits.
pub fn is_valid_pin(pin: &str) -> bool {
    (4..=12).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

impl StaffAccess {
    /// A PIN is set.
    pub fn pin_is_set(&self) -> bool {
        self.pin.is_some()
    }

    /// True if `typed` is the staff PIN.
    pub fn check_pin(&self, typed: &str) -> bool {
        self.pin
            .as_ref()
            .is_some_and(|(salt, expected)| hash(salt, typed) == *expected)
    }

    /// True if a scanned code is one of the staff cards.
    pub fn is_staff_card(&self, scanned: &str) -> bool {
        self.cards
            .iter()
            .any(|(salt, expected)| hash(salt, scanned) == *expected)
    }
}

impl LocalStore {
    /// Sets (or replaces) the staff PIN.
    pub fn set_staff_pin(&mut self, pin: &str) -> Result<(), StoreError> {
        let salt: [u8; 16] = rand::random();
        let transaction = self.connection.transaction()?;
        transaction.execute("DELETE FROM staff_access WHERE kind = 'pin'", [])?;
        transaction.execute(
            "INSERT INTO staff_access (kind, salt, hash) VALUES ('pin', ?1, ?2)",
            params![salt.as_slice(), hash(&salt, pin)],
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// Adds a staff card (the code its barcode or QR code carries).
    pub fn add_staff_card(&self, code: &str) -> Result<(), StoreError> {
        let salt: [u8; 16] = rand::random();
        self.connection.execute(
            "INSERT INTO staff_access (kind, salt, hash) VALUES ('card', ?1, ?2)",
            params![salt.as_slice(), hash(&salt, code)],
        )?;
        Ok(())
    }

    /// What unlocks staff mode on this kiosk.
    pub fn staff_access(&self) -> Result<StaffAccess, StoreError> {
        let mut access = StaffAccess::default();
        let mut query = self
            .connection
            .prepare("SELECT kind, salt, hash FROM staff_access ORDER BY id")?;
        let rows = query.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Vec<u8>>(1)?,
                row.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        for row in rows {
            let (kind, salt, hash) = row?;
            if kind == "pin" {
                access.pin = Some((salt, hash));
            } else {
                access.cards.push((salt, hash));
            }
        }
        Ok(access)
    }
}

#[cfg(test)]
mod tests {
    use super::super::temp_store;
    use super::*;

    #[test]
    fn the_pin_and_cards_are_checked_against_salted_hashes() -> Result<(), StoreError> {
        let (_dir, mut store) = temp_store();
        assert!(!store.staff_access()?.pin_is_set());
        store.set_staff_pin("482913")?;
        store.add_staff_card("STAFF-RIVERTON-0042")?;
        let access = store.staff_access()?;
        assert!(access.check_pin("482913") && !access.check_pin("000000"));
        assert!(access.is_staff_card("STAFF-RIVERTON-0042"));
        assert!(!access.is_staff_card("K7PQ-M3XZ-R9"));
        store.set_staff_pin("1111")?;
        let access = store.staff_access()?;
        assert!(access.check_pin("1111") && !access.check_pin("482913"));
        // Nothing readable is stored.
        let stored: Vec<u8> = store.connection.query_row(
            "SELECT hash FROM staff_access WHERE kind = 'pin'",
            [],
            |r| r.get(0),
        )?;
        assert_ne!(stored, b"1111".to_vec());
        assert!(is_valid_pin("1234") && !is_valid_pin("12a4") && !is_valid_pin("123"));
        Ok(())
    }
}
