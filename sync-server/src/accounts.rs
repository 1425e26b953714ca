//! Staff accounts: checking names, hashing passwords with argon2 (Argon2id, the crate's
//! recommended parameters), making passwords, and slowing down password guessing.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use rand::Rng as _;

use crate::store::{Role, Store, StoreError};

/// Wrong passwords allowed in a row before each further attempt must wait.
pub const FREE_ATTEMPTS: u32 = 5;

/// The longest wait between attempts.
pub const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The name is empty, too long or has odd characters.
    #[error("a login name is 2 to 64 letters, digits, dots, dashes or underscores")]
    BadName,
    /// Too short to be safe.
    #[error("the password must be at least 12 characters long")]
    WeakPassword,
    /// Someone has the name already.
    #[error("there is already a user called {0}")]
    Taken(String),
    /// A librarian without sites could see nothing.
    #[error(
        "a librarian looks after at least one site: add --site NAME (a site kiosks were enrolled at)"
    )]
    NoSites,
    /// A site that does not exist.
    #[error(
        "there is no site called \"{0}\" (sites appear when enrolment codes are made for them)"
    )]
    UnknownSite(String),
    /// Hashing failed.
    #[error("cannot hash the password: {0}")]
    Hash(String),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whether a login name is acceptable.
pub fn valid_name(name: &str) -> bool {
    (2..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Hashes a password (a PHC string with its own random salt).
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    let salt_bytes: [u8; 16] = rand::rng().random();
    let salt =
        SaltString::encode_b64(&salt_bytes).map_err(|e| AccountError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AccountError::Hash(e.to_string()))
}

/// Whether `password` matches a stored hash (false for a damaged hash).
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A new random password: 20 letters and digits that cannot be mistaken for one another,
/// in groups of five (about 100 bits).
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let letters: Vec<char> = (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    letters
        .chunks(5)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Creates a user after checking the name, the password and (for librarians) the sites.
pub fn add_user(
    store: &Store,
    name: &str,
    role: Role,
    password: &str,
    sites: &[String],
    now: i64,
) -> Result<(), AccountError> {
    if !valid_name(name) {
        return Err(AccountError::BadName);
    }
    if password.chars().count() < 12 {
        return Err(AccountError::WeakPassword);
    }
    if role == Role::Librarian && sites.is_empty() {
        return Err(AccountError::NoSites);
    }
    let known = store.sites()?;
    if let Some(unknown) = sites
        .iter()
        .find(|site| !known.iter().any(|k| &k.site == *site))
    {
        return Err(AccountError::UnknownSite(unknown.clone()));
    }
    let hash = hash_password(password)?;
    if !store.add_staff_user(name, role, &hash, sites, now)? {
        return Err(AccountError::Taken(name.to_owned()));
    }
    Ok(())
}

/// Seconds a login name must still wait before its next attempt (0: may try now). The first
/// five wrong passwords cost nothing; each one after doubles the wait, from 30 seconds up to
/// 15 minutes.
pub fn wait_before_attempt(failures: u32, last_failure_at: i64, now: i64) -> i64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(10);
    let wait = (30i64 << doublings).min(MAX_WAIT_SECONDS);
    (last_failure_at + wait - now).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_salt_and_verify() -> Result<(), AccountError> {
        let first = hash_password("correct horse battery")?;
        let second = hash_password("correct horse battery")?;
        assert_ne!(first, second, "each hash has its own salt");
        assert!(first.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &first));
        assert!(!verify_password("correct horse battery!", &first));
        assert!(!verify_password("anything", "not a hash"));
        let generated = generate_password();
        assert_eq!(generated.len(), 23);
        assert_ne!(generated, generate_password());
        Ok(())
    }

    #[test]
    fn guessing_slows_down_after_five_wrong_passwords() {
        assert_eq!(wait_before_attempt(4, 1000, 1000), 0);
        assert_eq!(wait_before_attempt(5, 1000, 1000), 30);
        assert_eq!(wait_before_attempt(5, 1000, 1030), 0);
        assert_eq!(wait_before_attempt(7, 1000, 1000), 120);
        assert_eq!(wait_before_attempt(40, 1000, 1000), MAX_WAIT_SECONDS);
    }
}
