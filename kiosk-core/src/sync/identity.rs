//! Following the server's certificate without enrolling again. A kiosk pins the server's
//! certificate and its long-lived key (the content key) at enrolment. When the server later
//! presents another certificate (a renewal with a new key, or a TLS-terminating proxy put in
//! front), the kiosk asks for the server's identity proof over that very connection, with a
//! fresh nonce: the list of genuine certificates, signed with the pinned key. It pins the
//! new certificate only if the one it is looking at is on that list. A stranger with any
//! certificate, even a publicly trusted one for the same name, cannot sign the list; one who
//! relays the real server's proof still presents a certificate that is not on it.

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use wire::IdentityProof;

use super::fingerprint::Fingerprint;
use super::{SyncError, pinning};
use crate::store::LocalStore;

/// Asks the server who it is and, if the certificate it presents is proven genuine, pins it.
/// Returns the newly pinned fingerprint.
pub async fn follow_certificate(store: &LocalStore) -> Result<Fingerprint, SyncError> {
    let enrolment = store.enrolment()?.ok_or(SyncError::NotEnrolled)?;
    let pinned: Fingerprint = enrolment.fingerprint.parse().map_err(|_| {
        SyncError::Config("the stored server fingerprint is damaged: enrol again".into())
    })?;
    let refused = |why: &str| SyncError::IdentityRefused(why.to_owned());
    let key = pinned_key(&enrolment.content_key).ok_or_else(|| {
        refused("this kiosk pinned no server key at enrolment, so it cannot follow a new certificate: enrol it again")
    })?;
    let seen = Arc::new(Mutex::new(None));
    let tls = pinning::observing_client_config(seen.clone())
        .map_err(|e| SyncError::Config(format!("TLS setup failed: {e}")))?;
    let http = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(std::time::Duration::from_secs(20))
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .map_err(|e| SyncError::Config(format!("cannot set up the HTTPS client: {e}")))?;
    let nonce = hex::encode(rand::random::<[u8; 32]>());
    let url = format!(
        "{}{}?nonce={nonce}",
        enrolment.server_url.trim_end_matches('/'),
        wire::paths::IDENTITY
    );
    let response = http
        .get(url)
        .send()
        .await
        .map_err(|e| SyncError::Unreachable(e.without_url().to_string()))?;
    if !response.status().is_success() {
        return Err(refused("the server gave no identity proof"));
    }
    let bytes = response
        .bytes()
        .await
        .map_err(|e| SyncError::Unreachable(e.without_url().to_string()))?;
    let proof: IdentityProof =
        serde_json::from_slice(&bytes).map_err(|_| refused("the identity proof is malformed"))?;
    let seen = seen
        .lock()
        .ok()
        .and_then(|seen| *seen)
        .ok_or_else(|| refused("no certificate was seen"))?;
    check(&proof, &nonce, &key, seen)?;
    if seen != pinned {
        store.pin_certificate(&seen.to_string())?;
        tracing::info!(fingerprint = %seen, "the server proved a new certificate genuine: pinned it");
    }
    Ok(seen)
}

/// The server key pinned at enrolment.
pub(crate) fn pinned_key(base64_key: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = base64::engine::general_purpose::STANDARD
        .decode(base64_key.trim())
        .ok()?
        .try_into()
        .ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

/// Whether `proof` is signed by `key` for this `nonce` and lists the certificate `seen`.
fn check(
    proof: &IdentityProof,
    nonce: &str,
    key: &VerifyingKey,
    seen: Fingerprint,
) -> Result<(), SyncError> {
    let refused = |why: &str| SyncError::IdentityRefused(why.to_owned());
    let signature = base64::engine::general_purpose::STANDARD
        .decode(proof.signature.trim())
        .ok()
        .and_then(|bytes| Signature::from_slice(&bytes).ok())
        .ok_or_else(|| refused("the identity proof is not signed"))?;
    key.verify_strict(
        wire::identity_message(nonce, &proof.fingerprints).as_bytes(),
        &signature,
    )
    .map_err(|_| {
        refused("the identity proof is not signed with the key this kiosk pinned: this is not its server")
    })?;
    let listed = proof.fingerprints.iter().any(|listed| {
        listed
            .parse::<Fingerprint>()
            .is_ok_and(|listed| listed == seen)
    });
    if !listed {
        return Err(refused(
            "the certificate presented is not one the server vouches for (something sits between this kiosk and its server)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer as _, SigningKey};

    fn proof(key: &SigningKey, nonce: &str, fingerprints: Vec<String>) -> IdentityProof {
        let signature = key.sign(wire::identity_message(nonce, &fingerprints).as_bytes());
        IdentityProof {
            fingerprints,
            signature: base64::engine::general_purpose::STANDARD.encode(signature.to_bytes()),
        }
    }

    #[test]
    fn only_a_fresh_proof_from_the_pinned_key_listing_the_seen_certificate_is_taken() {
        let server = SigningKey::from_bytes(&[7; 32]);
        let stranger = SigningKey::from_bytes(&[9; 32]);
        let pinned = server.verifying_key();
        let seen = Fingerprint::of_certificate(b"new certificate");
        let other = Fingerprint::of_certificate(b"relay's certificate");
        let nonce = "ab".repeat(32);
        let good = proof(&server, &nonce, vec![other.to_string(), seen.to_string()]);
        assert!(check(&good, &nonce, &pinned, seen).is_ok());
        // Signed by someone else.
        let forged = proof(&stranger, &nonce, vec![seen.to_string()]);
        assert!(check(&forged, &nonce, &pinned, seen).is_err());
        // The real proof, relayed by someone presenting their own certificate.
        let relayed = proof(&server, &nonce, vec![seen.to_string()]);
        assert!(check(&relayed, &nonce, &pinned, other).is_err());
        // An old proof for another nonce.
        assert!(check(&good, &"cd".repeat(32), &pinned, seen).is_err());
        // A list changed after signing.
        let mut widened = good.clone();
        widened
            .fingerprints
            .push(Fingerprint::of_certificate(b"x").to_string());
        assert!(check(&widened, &nonce, &pinned, seen).is_err());
    }
}
