//! Sealing residents' personal data (name, phone, comments) to the server's public key before
//! it touches the kiosk's disk: a libsodium sealed box that only the server can open. The
//! kiosk itself cannot read back what it sealed.

use std::str::FromStr;

use base64::Engine as _;
use crypto_box::PublicKey;

/// The server's sealing key, as received at enrolment.
#[derive(Clone, PartialEq, Eq)]
pub struct SealingKey(PublicKey);

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealingKey(..)")
    }
}

/// The sealing key as the running kiosk knows it: read at start, filled in by the sync worker
/// when a kiosk enrolled before keys existed fetches it. Shared between threads.
pub type SharedSealingKey = std::sync::Arc<std::sync::Mutex<Option<SealingKey>>>;

/// A sealing key that does not decode, or sealing that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealingError {
    /// Not 32 bytes of base64.
    #[error("the server's sealing key is damaged: enrol the kiosk again")]
    BadKey,
    /// The cipher refused (should not happen).
    #[error("personal data could not be sealed")]
    Seal,
}

impl FromStr for SealingKey {
    type Err = SealingError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|_| SealingError::BadKey)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| SealingError::BadKey)?;
        Ok(SealingKey(PublicKey::from(bytes)))
    }
}

impl SealingKey {
    /// Seals `plaintext` so only the holder of the server's secret key can open it.
    pub fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, SealingError> {
        self.0
            .seal(&mut crypto_box::aead::OsRng, plaintext)
            .map_err(|_| SealingError::Seal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crypto_box::SecretKey;

    #[test]
    fn only_the_secret_key_opens_what_was_sealed() -> Result<(), SealingError> {
        let secret = SecretKey::generate(&mut crypto_box::aead::OsRng);
        let public =
            base64::engine::general_purpose::STANDARD.encode(secret.public_key().as_bytes());
        let key: SealingKey = public.parse()?;
        let sealed = key.seal(b"Ana Lopez, 555 0142")?;
        assert!(
            !sealed.windows(3).any(|w| w == b"Ana"),
            "the name is not visible in the sealed box"
        );
        assert_eq!(
            secret.unseal(&sealed).map_err(|_| SealingError::Seal)?,
            b"Ana Lopez, 555 0142"
        );
        let other = SecretKey::generate(&mut crypto_box::aead::OsRng);
        assert!(other.unseal(&sealed).is_err());
        assert_eq!(
            "bm90IGEga2V5".parse::<SealingKey>(),
            Err(SealingError::BadKey)
        );
        Ok(())
    }
}
