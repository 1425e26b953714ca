//! Records that travel through other kiosks: a *bundle* is one kiosk's batch sealed to the
//! server's key and signed with the kiosk's device key, so a relay (another kiosk on the LAN,
//! or a USB stick a librarian carries) can neither read it, nor alter it, nor make one up;
//! an *acknowledgement* is the server's signed statement of which of the bundle's records it
//! holds, carried back the same way. Only the formats and the signed messages live here: the
//! sealing and signing are done by the kiosk, the checks by the server and the kiosk.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::SeqRange;

/// The largest bundle a relay carries or the server takes, in bytes: a batch of
/// [`crate::MAX_RECORDS_PER_BATCH`] records kept under [`MAX_RELAY_BATCH`], plus the seal
/// and the signature.
pub const MAX_RELAY_BUNDLE: usize = MAX_RELAY_BATCH + 4096;

/// The largest compressed batch a kiosk seals into one bundle.
pub const MAX_RELAY_BATCH: usize = 512 * 1024;

/// The most bytes of bundles a kiosk carries for others at once: what arrives past it waits
/// on the stick or the other kiosk.
pub const MAX_CARRIED_BYTES: u64 = 64 * 1024 * 1024;

/// The most acknowledgements a kiosk keeps to hand back to others.
pub const MAX_CARRIED_ACKS: usize = 5000;

/// What a relay carries: who sent it, the sealed batch, and the originator's signature over
/// both ([`bundle_signing_message`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayBundle {
    /// The originating kiosk's id (in the clear: the server needs it to find the key that
    /// must have signed the bundle).
    pub kiosk: String,
    /// A sealed box (X25519, to the server's sealing key) of [`SealedBatch`] in CBOR.
    #[serde(with = "serde_bytes")]
    pub sealed: Vec<u8>,
    /// Ed25519 signature by the originator's device key of [`bundle_signing_message`].
    #[serde(with = "serde_bytes")]
    pub signature: Vec<u8>,
}

/// What is inside the seal: the originator's id again (so a relay that re-signs someone
/// else's sealed batch as its own is found out) and an upload batch as
/// [`crate::encode_batch_with`] makes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedBatch {
    /// The originating kiosk's id.
    pub kiosk: String,
    /// The compressed batch.
    #[serde(with = "serde_bytes")]
    pub batch: Vec<u8>,
}

/// Why bytes are not a bundle.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelayFormatError {
    /// Larger than [`MAX_RELAY_BUNDLE`].
    #[error("a relay bundle is at most {MAX_RELAY_BUNDLE} bytes; this one has {0}")]
    TooLarge(usize),
    /// Not the CBOR of a bundle.
    #[error("not a relay bundle: {0}")]
    Malformed(String),
    /// A field out of bounds.
    #[error("relay bundle refused: {0}")]
    Invalid(&'static str),
}

impl RelayBundle {
    /// The bytes a bundle travels as.
    pub fn encode(&self) -> Vec<u8> {
        to_cbor(self)
    }

    /// Reads and checks the shape of a bundle (not its signature: that needs the key).
    pub fn decode(bytes: &[u8]) -> Result<RelayBundle, RelayFormatError> {
        if bytes.len() > MAX_RELAY_BUNDLE {
            return Err(RelayFormatError::TooLarge(bytes.len()));
        }
        let bundle: RelayBundle =
            ciborium::from_reader(bytes).map_err(|e| RelayFormatError::Malformed(e.to_string()))?;
        if !is_kiosk_id(&bundle.kiosk) {
            return Err(RelayFormatError::Invalid("the kiosk id is not one"));
        }
        if bundle.signature.len() != 64 {
            return Err(RelayFormatError::Invalid("the signature is not 64 bytes"));
        }
        if bundle.sealed.is_empty() {
            return Err(RelayFormatError::Invalid("nothing is sealed in it"));
        }
        Ok(bundle)
    }

    /// The bundle's id: the BLAKE3 hash of its originator and sealed bytes, in hex (not of
    /// its encoding, which a relay could write another way). The same bundle carried twice
    /// has the same id; no relay can make another bundle with it.
    pub fn id(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.kiosk.as_bytes());
        hasher.update(&[0]);
        hasher.update(&self.sealed);
        hasher.finalize().to_hex().to_string()
    }
}

impl SealedBatch {
    /// The bytes that are sealed.
    pub fn encode(&self) -> Vec<u8> {
        to_cbor(self)
    }

    /// Reads what was unsealed.
    pub fn decode(bytes: &[u8]) -> Result<SealedBatch, RelayFormatError> {
        ciborium::from_reader(bytes).map_err(|e| RelayFormatError::Malformed(e.to_string()))
    }
}

/// True for what a server hands out as a kiosk id: 1 to 64 ASCII letters, digits, `-`, `_`.
pub fn is_kiosk_id(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What the originator signs: a fixed label, its id and the hash of the sealed bytes.
pub fn bundle_signing_message(kiosk: &str, sealed: &[u8]) -> Vec<u8> {
    format!(
        "inclusion-kiosk relay bundle 1\n{kiosk}\n{}",
        blake3::hash(sealed).to_hex()
    )
    .into_bytes()
}

/// The server's statement that it holds some of a kiosk's records, as JSON text signed with
/// its long-lived key (the content key kiosks pin at enrolment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RelayAck {
    /// The kiosk whose records these are.
    pub kiosk: String,
    /// The bundle they came in ([`RelayBundle::id`]).
    pub bundle: String,
    /// The bundle's sequence numbers the server now holds with exactly the bundle's content.
    pub held: Vec<SeqRange>,
    /// When the server said so, Unix seconds.
    pub at: i64,
}

/// A [`RelayAck`] as it travels: the JSON text and its signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SignedRelayAck {
    /// The acknowledgement's JSON text (what is signed, after [`ACK_LABEL`]).
    pub ack: String,
    /// Ed25519 signature of [`ack_signing_message`], standard base64.
    pub signature: String,
}

/// The label an acknowledgement's signed message starts with, so no other signed text of the
/// server's (a content manifest, an identity proof) can pass for one.
pub const ACK_LABEL: &str = "inclusion-kiosk relay ack 1\n";

/// What the server signs for an acknowledgement.
pub fn ack_signing_message(ack_json: &str) -> Vec<u8> {
    format!("{ACK_LABEL}{ack_json}").into_bytes()
}

/// The server's answer to a relayed bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RelayReceipt {
    /// Records stored for the first time.
    pub stored: u32,
    /// Records the server already held with the same content (the bundle came another way
    /// too, or the originator synced directly).
    pub already_had: u32,
    /// The acknowledgement to carry back to the originator.
    pub ack: SignedRelayAck,
}

fn to_cbor<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing CBOR into a Vec cannot fail for these plain types.
    if let Err(error) = ciborium::into_writer(value, &mut bytes) {
        unreachable!("CBOR encoding into memory failed: {error}");
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> RelayBundle {
        RelayBundle {
            kiosk: "k-7f3a".into(),
            sealed: vec![1, 2, 3],
            signature: vec![9; 64],
        }
    }

    #[test]
    fn a_bundle_reads_back_as_it_was_written() {
        let bytes = bundle().encode();
        assert_eq!(RelayBundle::decode(&bytes), Ok(bundle()));
        assert_eq!(bundle().id(), bundle().id());
        let mut other = bundle();
        other.sealed.push(0);
        assert_ne!(other.id(), bundle().id());
    }

    #[test]
    fn malformed_bundles_are_refused_with_a_reason() {
        assert!(matches!(
            RelayBundle::decode(b"not cbor"),
            Err(RelayFormatError::Malformed(_))
        ));
        let mut short = bundle();
        short.signature.pop();
        assert!(matches!(
            RelayBundle::decode(&short.encode()),
            Err(RelayFormatError::Invalid(_))
        ));
        let mut stranger = bundle();
        stranger.kiosk = "../../etc".into();
        assert!(matches!(
            RelayBundle::decode(&stranger.encode()),
            Err(RelayFormatError::Invalid(_))
        ));
        let huge = vec![0u8; MAX_RELAY_BUNDLE + 1];
        assert_eq!(
            RelayBundle::decode(&huge),
            Err(RelayFormatError::TooLarge(MAX_RELAY_BUNDLE + 1))
        );
    }

    #[test]
    fn the_signed_message_names_the_kiosk_and_the_sealed_bytes() {
        let one = bundle_signing_message("k1", b"sealed");
        assert_ne!(one, bundle_signing_message("k2", b"sealed"));
        assert_ne!(one, bundle_signing_message("k1", b"sealeD"));
        assert!(ack_signing_message("{}").starts_with(ACK_LABEL.as_bytes()));
    }
}
