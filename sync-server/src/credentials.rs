//! Enrolment codes, kiosk ids and device tokens: how they are made, normalised and hashed.
//! The server stores only hashes of codes and tokens, never the secrets themselves.

use base64::Engine as _;
use rand::Rng as _;
use sha2::{Digest, Sha256};

/// Letters and digits that cannot be mistaken for one another when read aloud or typed
/// from a printout (no 0/O, 1/I/L, 5/S, 8/B, U/V).
const CODE_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTWXYZ2345679";
/// Characters in an enrolment code, before grouping: 26^12 ≈ 9.5 × 10^16 possibilities.
const CODE_LENGTH: usize = 12;

/// A new one-time enrolment code, grouped for reading: `K7PQ-M3XZ-R9TA`.
pub fn new_enrolment_code() -> String {
    let mut rng = rand::rng();
    let raw: String = (0..CODE_LENGTH)
        .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
        .collect();
    group(&raw)
}

fn group(raw: &str) -> String {
    raw.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The code as the server hashes it: upper case, without dashes or spaces.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The hash under which an enrolment code is stored.
pub fn code_hash(typed: &str) -> String {
    sha256_hex(normalise_code(typed).as_bytes())
}

/// A new device token: 32 random bytes, URL-safe base64, with a recognisable prefix.
pub fn new_device_token() -> String {
    let bytes: [u8; 32] = rand::random();
    format!(
        "kt_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// The hash under which a device token is stored.
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// A new kiosk id such as `kiosk-7f3a9c21`.
pub fn new_kiosk_id() -> String {
    let bytes: [u8; 4] = rand::random();
    format!("kiosk-{}", hex::encode(bytes))
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_grouped_and_unambiguous() {
        let code = new_enrolment_code();
        assert_eq!(code.len(), 14, "{code}");
        assert_eq!(code.matches('-').count(), 2, "{code}");
        for c in code.chars().filter(|c| *c != '-') {
            assert!(CODE_ALPHABET.contains(&(c as u8)), "{c} in {code}");
        }
        assert_ne!(new_enrolment_code(), code);
    }

    #[test]
    fn typing_variations_hash_the_same() {
        let code = "K7PQ-M3XZ-R9TA";
        assert_eq!(code_hash(code), code_hash("k7pq m3xz r9ta"));
        assert_eq!(code_hash(code), code_hash("K7PQM3XZR9TA"));
        assert_ne!(code_hash(code), code_hash("K7PQ-M3XZ-R9TC"));
    }

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = new_device_token();
        let b = new_device_token();
        assert!(a.starts_with("kt_") && a.len() >= 40, "{a}");
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}
