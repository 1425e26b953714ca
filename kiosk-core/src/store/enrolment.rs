//! This kiosk's enrolment: which server it trusts and the credential it was given.

use rusqlite::{OptionalExtension as _, params};

use super::{LocalStore, StoreError};

/// What enrolment gave this kiosk.
#[derive(Clone, PartialEq, Eq)]
pub struct Enrolment {
    /// The server's base URL.
    pub server_url: String,
    /// The server certificate's SHA-256 fingerprint, as given at enrolment.
    pub fingerprint: String,
    /// The server's name for this kiosk.
    pub kiosk_id: String,
    /// The device token (secret).
    pub token: String,
    /// Where the kiosk stands.
    pub site: String,
    /// The site's neighbourhood.
    pub neighbourhood: String,
    /// Unix seconds of enrolment.
    pub enrolled_at: i64,
    /// The server's public sealing key (base64), for residents' personal data.
    pub sealing_key: String,
    /// The server's Ed25519 content key (base64): only manifests it signed are accepted.
    pub content_key: String,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrolment")
            .field("server_url", &self.server_url)
            .field("fingerprint", &self.fingerprint)
            .field("kiosk_id", &self.kiosk_id)
            .field("token", &"<redacted>")
            .field("site", &self.site)
            .field("neighbourhood", &self.neighbourhood)
            .field("enrolled_at", &self.enrolled_at)
            .finish_non_exhaustive()
    }
}

impl LocalStore {
    /// The current enrolment, if the kiosk is enrolled.
    pub fn enrolment(&self) -> Result<Option<Enrolment>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT server_url, fingerprint, kiosk_id, token, site, neighbourhood, enrolled_at,
                        sealing_key, content_key
                 FROM enrolment WHERE id = 1",
                [],
                |row| {
                    Ok(Enrolment {
                        server_url: row.get(0)?,
                        fingerprint: row.get(1)?,
                        kiosk_id: row.get(2)?,
                        token: row.get(3)?,
                        site: row.get(4)?,
                        neighbourhood: row.get(5)?,
                        enrolled_at: row.get(6)?,
                        sealing_key: row.get(7)?,
                        content_key: row.get(8)?,
                    })
                },
            )
            .optional()?)
    }

    /// Saves (or replaces) the enrolment.
    /// Pins another server certificate (one the server proved genuine with the key pinned
    /// at enrolment: a renewal, or a proxy in front).
    pub fn pin_certificate(&self, fingerprint: &str) -> Result<(), StoreError> {
        self.connection.execute(
            "UPDATE enrolment SET fingerprint = ?1",
            rusqlite::params![fingerprint],
        )?;
        Ok(())
    }

    /// Stores where the kiosk is enrolled, replacing any earlier enrolment.
    pub fn save_enrolment(&self, enrolment: &Enrolment) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT OR REPLACE INTO enrolment
                 (id, server_url, fingerprint, kiosk_id, token, site, neighbourhood, enrolled_at,
                  sealing_key, content_key)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                enrolment.server_url,
                enrolment.fingerprint,
                enrolment.kiosk_id,
                enrolment.token,
                enrolment.site,
                enrolment.neighbourhood,
                enrolment.enrolled_at,
                enrolment.sealing_key,
                enrolment.content_key
            ],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::temp_store;
    use super::*;

    #[test]
    fn enrolment_is_saved_and_replaced() -> Result<(), StoreError> {
        let (_dir, store) = temp_store();
        assert_eq!(store.enrolment()?, None);
        let mut enrolment = Enrolment {
            server_url: "https://127.0.0.1:8443".into(),
            fingerprint: "AB".repeat(32),
            kiosk_id: "kiosk-1".into(),
            token: "kt_secret".into(),
            site: "Library".into(),
            neighbourhood: "Old Town".into(),
            enrolled_at: 5,
            sealing_key: "a2V5".into(),
            content_key: "Y29udGVudA==".into(),
        };
        store.save_enrolment(&enrolment)?;
        assert_eq!(store.enrolment()?, Some(enrolment.clone()));
        enrolment.kiosk_id = "kiosk-2".into();
        store.save_enrolment(&enrolment)?;
        assert_eq!(
            store.enrolment()?.map(|e| e.kiosk_id),
            Some("kiosk-2".into())
        );
        assert!(!format!("{enrolment:?}").contains("kt_secret"));
        Ok(())
    }
}
