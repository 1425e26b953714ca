//! One-time enrolment codes and the kiosks they create.

use rusqlite::{OptionalExtension as _, params};

use super::{Store, StoreError};

/// A code created for a site, as stored (the code itself is only ever shown once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentCode {
    /// SHA-256 of the normalised code.
    pub code_hash: String,
    /// Where the kiosk will stand.
    pub site: String,
    /// The neighbourhood the site belongs to.
    pub neighbourhood: String,
    /// Unix seconds after which the code no longer works.
    pub expires_at: i64,
}

/// What redeeming a code creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolledKiosk {
    /// The new kiosk's id.
    pub kiosk_id: String,
    /// Where it stands.
    pub site: String,
    /// Its neighbourhood.
    pub neighbourhood: String,
}

impl Store {
    /// Records a new enrolment code.
    pub fn add_enrolment_code(&self, code: &EnrolmentCode, now: i64) -> Result<(), StoreError> {
        self.lock().execute(
            "INSERT INTO enrolment_codes (code_hash, site, neighbourhood, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                code.code_hash,
                code.site,
                code.neighbourhood,
                now,
                code.expires_at
            ],
        )?;
        Ok(())
    }

    /// Uses up an enrolment code and creates the kiosk it stands for, in one transaction.
    /// Returns `None`, changing nothing, when the code is unknown, already used or expired.
    pub fn redeem_enrolment_code(
        &self,
        code_hash: &str,
        kiosk_id: &str,
        token_hash: &str,
        software_version: &str,
        now: i64,
    ) -> Result<Option<EnrolledKiosk>, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        let place: Option<(String, String)> = transaction
            .query_row(
                "SELECT site, neighbourhood FROM enrolment_codes
                 WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
                params![code_hash, now],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let Some((site, neighbourhood)) = place else {
            return Ok(None);
        };
        transaction.execute(
            "INSERT INTO kiosks (kiosk_id, token_hash, site, neighbourhood, software_version, enrolled_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![kiosk_id, token_hash, site, neighbourhood, software_version, now],
        )?;
        transaction.execute(
            "UPDATE enrolment_codes SET used_at = ?1, used_by = ?2 WHERE code_hash = ?3",
            params![now, kiosk_id, code_hash],
        )?;
        transaction.commit()?;
        Ok(Some(EnrolledKiosk {
            kiosk_id: kiosk_id.to_owned(),
            site,
            neighbourhood,
        }))
    }

    /// The kiosk a device token belongs to, marking it as seen now.
    pub fn authenticate_kiosk(
        &self,
        token_hash: &str,
        now: i64,
    ) -> Result<Option<String>, StoreError> {
        let connection = self.lock();
        let kiosk_id = connection
            .query_row(
                "UPDATE kiosks SET last_seen_at = ?1 WHERE token_hash = ?2 RETURNING kiosk_id",
                params![now, token_hash],
                |row| row.get(0),
            )
            .optional()?;
        Ok(kiosk_id)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::temp_store;
    use super::*;

    fn code(hash: &str, expires_at: i64) -> EnrolmentCode {
        EnrolmentCode {
            code_hash: hash.into(),
            site: "Central Library".into(),
            neighbourhood: "Old Town".into(),
            expires_at,
        }
    }

    #[test]
    fn a_code_works_once() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        store.add_enrolment_code(&code("h1", 2000), 1000)?;
        let first = store.redeem_enrolment_code("h1", "kiosk-a", "t-a", "0.1.0", 1500)?;
        assert_eq!(
            first,
            Some(EnrolledKiosk {
                kiosk_id: "kiosk-a".into(),
                site: "Central Library".into(),
                neighbourhood: "Old Town".into()
            })
        );
        assert_eq!(
            store.redeem_enrolment_code("h1", "kiosk-b", "t-b", "0.1.0", 1501)?,
            None
        );
        assert_eq!(store.kiosks()?.len(), 1);
        Ok(())
    }

    #[test]
    fn expired_and_unknown_codes_change_nothing() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        store.add_enrolment_code(&code("h1", 2000), 1000)?;
        assert_eq!(
            store.redeem_enrolment_code("h1", "kiosk-a", "t-a", "0.1.0", 2000)?,
            None
        );
        assert_eq!(
            store.redeem_enrolment_code("nope", "kiosk-a", "t-a", "0.1.0", 1500)?,
            None
        );
        assert!(store.kiosks()?.is_empty());
        Ok(())
    }

    #[test]
    fn tokens_identify_their_kiosk_and_mark_it_seen() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        store.add_enrolment_code(&code("h1", 2000), 1000)?;
        store.redeem_enrolment_code("h1", "kiosk-a", "t-a", "0.1.0", 1100)?;
        assert_eq!(
            store.authenticate_kiosk("t-a", 1200)?,
            Some("kiosk-a".into())
        );
        assert_eq!(store.authenticate_kiosk("t-b", 1200)?, None);
        assert_eq!(store.kiosks()?[0].last_seen_at, Some(1200));
        Ok(())
    }
}
