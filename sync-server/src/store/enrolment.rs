//! One-time enrolment codes and the kiosks they create.

use super::db::{Row, Sql, SqlExt as _, params};
use super::{Store, StoreError};

/// The most kiosks (not revoked) one server enrols.
pub const MAX_KIOSKS: usize = 10_000;

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
    /// Records a new enrolment code, and its site if new. A site belongs to one neighbourhood:
    /// a code for a known site in another neighbourhood is refused.
    pub fn add_enrolment_code(&self, code: &EnrolmentCode, now: i64) -> Result<(), StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        let held: Option<String> = transaction.query_opt(
            "SELECT neighbourhood FROM sites WHERE site = ?1",
            params![code.site],
            |row| row.get(0),
        )?;
        match held {
            Some(held) if held != code.neighbourhood => {
                return Err(StoreError::Refused(format!(
                    "the site \"{}\" is in {held}, not {}",
                    code.site, code.neighbourhood
                )));
            }
            Some(_) => {}
            None => {
                transaction.execute(
                    "INSERT INTO sites (site, neighbourhood) VALUES (?1, ?2)",
                    params![code.site, code.neighbourhood],
                )?;
            }
        }
        transaction.execute(
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
        transaction.commit()?;
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
        device_key: Option<&str>,
        now: i64,
    ) -> Result<Option<EnrolledKiosk>, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        transaction.exclusive("enrolment")?;
        let place: Option<(String, String)> = transaction.query_opt(
            "SELECT site, neighbourhood FROM enrolment_codes
                 WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
            params![code_hash, now],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let Some((site, neighbourhood)) = place else {
            return Ok(None);
        };
        let live: i64 = transaction.query_row(
            "SELECT COUNT(*) FROM kiosks WHERE state != 'revoked'",
            &[],
            |row| row.get(0),
        )?;
        if live >= MAX_KIOSKS as i64 {
            return Err(StoreError::Refused(format!(
                "the server already has {live} kiosks, its limit; revoke kiosks no longer in use first"
            )));
        }
        transaction.execute(
            "INSERT INTO kiosks (kiosk_id, token_hash, site, neighbourhood, software_version, enrolled_at, device_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![kiosk_id, token_hash, site, neighbourhood, software_version, now, device_key],
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

    /// A kiosk by its id, with its device key and what staff decided: how the server checks
    /// a bundle another kiosk relays for it. `None` for a kiosk never enrolled.
    pub fn kiosk_by_id(&self, kiosk_id: &str) -> Result<Option<KioskCredential>, StoreError> {
        self.conn()?.query_opt(
            "SELECT kiosk_id, device_key, last_counter, state FROM kiosks WHERE kiosk_id = ?1",
            params![kiosk_id],
            KioskCredential::from_row,
        )
    }

    /// The kiosk a device token belongs to, with what is needed to check its request.
    pub fn kiosk_credential(
        &self,
        token_hash: &str,
    ) -> Result<Option<KioskCredential>, StoreError> {
        self.conn()?.query_opt(
            "SELECT kiosk_id, device_key, last_counter, state FROM kiosks WHERE token_hash = ?1",
            params![token_hash],
            KioskCredential::from_row,
        )
    }

    /// What the server keeps of a kiosk's credential: its token's hash and its device key
    /// (for audits and tests: a revoked kiosk keeps neither).
    pub fn stored_credential(
        &self,
        kiosk_id: &str,
    ) -> Result<Option<(String, Option<String>)>, StoreError> {
        self.conn()?.query_opt(
            "SELECT token_hash, device_key FROM kiosks WHERE kiosk_id = ?1",
            params![kiosk_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// How many enrolment codes were ever made (used or not).
    pub fn enrolment_code_count(&self) -> Result<u64, StoreError> {
        self.conn()?
            .query_row("SELECT COUNT(*) FROM enrolment_codes", &[], |row| {
                row.get(0)
            })
    }

    /// Accepts a request: marks the kiosk as seen and, for a signed request, moves its counter
    /// up. False, changing nothing, when the counter is not above every one seen (a replay).
    pub fn accept_request(
        &self,
        kiosk_id: &str,
        counter: Option<u64>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let counter = counter
            .map(|c| i64::try_from(c).map_err(|_| StoreError::TooLarge("a request counter".into())))
            .transpose()?;
        let changed = self.conn()?.execute(
            "UPDATE kiosks SET last_seen_at = ?1, last_counter = COALESCE(?2, last_counter)
             WHERE kiosk_id = ?3 AND (CAST(?2 AS BIGINT) IS NULL OR last_counter < ?2)",
            params![now, counter, kiosk_id],
        )?;
        Ok(changed == 1)
    }

    /// Sets what staff decided about a kiosk; false if there is no such kiosk. Revoking
    /// deletes the kiosk's credentials (its token hash becomes a value no token hashes to,
    /// its device key is forgotten) and is for good: a revoked kiosk is never released.
    /// The time of revocation is kept: the kiosk's opening minutes count up to it in the
    /// figures, so revoking changes no past month.
    pub fn set_device_state(
        &self,
        kiosk_id: &str,
        state: DeviceState,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        let current: Option<String> = transaction.query_opt(
            "SELECT state FROM kiosks WHERE kiosk_id = ?1",
            params![kiosk_id],
            |row| row.get(0),
        )?;
        let Some(current) = current else {
            return Ok(false);
        };
        if DeviceState::from_stored(&current) == DeviceState::Revoked
            && state != DeviceState::Revoked
        {
            return Err(StoreError::Refused(format!(
                "kiosk {kiosk_id} was revoked and stays revoked; to use the device again, enrol it with a new code"
            )));
        }
        if state == DeviceState::Revoked {
            transaction.execute(
                "UPDATE kiosks SET state = 'revoked', token_hash = 'revoked:' || kiosk_id, device_key = NULL,
                     revoked_at = COALESCE(revoked_at, ?2)
                 WHERE kiosk_id = ?1",
                params![kiosk_id, now],
            )?;
        } else {
            transaction.execute(
                "UPDATE kiosks SET state = ?1 WHERE kiosk_id = ?2",
                params![state.as_str(), kiosk_id],
            )?;
        }
        transaction.commit()?;
        Ok(true)
    }

    /// Kiosks that are not revoked.
    pub fn live_kiosk_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT COUNT(*) FROM kiosks WHERE state != 'revoked'",
                &[],
                |row| row.get::<i64>(0),
            )?
            .max(0) as u64)
    }

    /// Adds a site in a neighbourhood; refused if the site exists in another one. Returns
    /// whether it was new.
    pub fn add_site(&self, site: &str, neighbourhood: &str) -> Result<bool, StoreError> {
        let mut connection = self.conn()?;
        let transaction = connection.transaction()?;
        transaction.exclusive("sites")?;
        let held: Option<String> = transaction.query_opt(
            "SELECT neighbourhood FROM sites WHERE site = ?1",
            params![site],
            |row| row.get(0),
        )?;
        match held {
            Some(held) if held != neighbourhood => Err(StoreError::Refused(format!(
                "the site \"{site}\" is in {held}, not {neighbourhood}"
            ))),
            Some(_) => Ok(false),
            None => {
                transaction.execute(
                    "INSERT INTO sites (site, neighbourhood) VALUES (?1, ?2)",
                    params![site, neighbourhood],
                )?;
                transaction.commit()?;
                Ok(true)
            }
        }
    }
}

/// What the server knows to check a kiosk's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskCredential {
    /// The kiosk's id.
    pub kiosk_id: String,
    /// Its Ed25519 public key (base64), if it enrolled with one: then every request is signed.
    pub device_key: Option<String>,
    /// The highest request counter seen.
    pub last_counter: u64,
    /// What staff decided.
    pub state: DeviceState,
}

impl KioskCredential {
    /// A row of `kiosk_id, device_key, last_counter, state`.
    fn from_row(row: &Row) -> Result<KioskCredential, StoreError> {
        Ok(KioskCredential {
            kiosk_id: row.get(0)?,
            device_key: row.get(1)?,
            last_counter: row.get::<i64>(2)?.max(0) as u64,
            state: DeviceState::from_stored(&row.get::<String>(3)?),
        })
    }
}

/// What staff decided about a kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceState {
    /// Works normally.
    Active,
    /// Requests refused until staff release it.
    Quarantined,
    /// Refused for good; it must be enrolled again.
    Revoked,
}

impl DeviceState {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceState::Active => "active",
            DeviceState::Quarantined => "quarantined",
            DeviceState::Revoked => "revoked",
        }
    }

    fn from_stored(text: &str) -> DeviceState {
        match text {
            "active" => DeviceState::Active,
            "quarantined" => DeviceState::Quarantined,
            // Anything unexpected is treated as the safest choice.
            _ => DeviceState::Revoked,
        }
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
        let first = store.redeem_enrolment_code("h1", "kiosk-a", "t-a", "0.1.0", None, 1500)?;
        assert_eq!(
            first,
            Some(EnrolledKiosk {
                kiosk_id: "kiosk-a".into(),
                site: "Central Library".into(),
                neighbourhood: "Old Town".into()
            })
        );
        assert_eq!(
            store.redeem_enrolment_code("h1", "kiosk-b", "t-b", "0.1.0", None, 1501)?,
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
            store.redeem_enrolment_code("h1", "kiosk-a", "t-a", "0.1.0", None, 2000)?,
            None
        );
        assert_eq!(
            store.redeem_enrolment_code("nope", "kiosk-a", "t-a", "0.1.0", None, 1500)?,
            None
        );
        assert!(store.kiosks()?.is_empty());
        Ok(())
    }

    #[test]
    fn tokens_identify_their_kiosk_and_counters_refuse_replays() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        store.add_enrolment_code(&code("h1", 2000), 1000)?;
        store.redeem_enrolment_code("h1", "kiosk-a", "t-a", "0.1.0", Some("KEY"), 1100)?;
        let credential = store
            .kiosk_credential("t-a")?
            .ok_or(StoreError::Refused("the credential is not found".into()))?;
        assert_eq!(
            (
                credential.kiosk_id.as_str(),
                credential.device_key.as_deref(),
                credential.state
            ),
            ("kiosk-a", Some("KEY"), DeviceState::Active)
        );
        assert_eq!(store.kiosk_credential("t-b")?, None);
        assert!(store.accept_request("kiosk-a", Some(10), 1200)?);
        assert_eq!(store.kiosks()?[0].last_seen_at, Some(1200));
        assert!(
            !store.accept_request("kiosk-a", Some(10), 1300)?,
            "a replay"
        );
        assert!(
            !store.accept_request("kiosk-a", Some(9), 1300)?,
            "an older counter"
        );
        assert!(store.accept_request("kiosk-a", Some(11), 1300)?);
        assert!(store.set_device_state("kiosk-a", DeviceState::Quarantined, 0)?);
        assert!(
            store.set_device_state("kiosk-a", DeviceState::Active, 0)?,
            "released"
        );
        assert!(store.set_device_state("kiosk-a", DeviceState::Revoked, 0)?);
        assert!(!store.set_device_state("kiosk-z", DeviceState::Revoked, 0)?);
        assert_eq!(
            store.kiosk_credential("t-a")?,
            None,
            "the credential is gone"
        );
        assert!(
            matches!(
                store.set_device_state("kiosk-a", DeviceState::Active, 0),
                Err(StoreError::Refused(_))
            ),
            "a revoked kiosk is never released"
        );
        assert_eq!(store.live_kiosk_count()?, 0);
        Ok(())
    }
}
