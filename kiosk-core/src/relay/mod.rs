//! Store and forward through other kiosks, for a kiosk or tablet with no uplink of its own.
//! Its records travel as *bundles* (`wire::RelayBundle`): batches sealed to the server's key
//! and signed with the device key, so whoever carries them (another kiosk, a USB stick) can
//! neither read, alter nor forge them. A kiosk that reaches the server hands the bundles it
//! carries over at each sync pass ([`forward_carried`]) and keeps the server's signed
//! acknowledgements until their kiosk comes by; the originator checks an acknowledgement
//! against the key it pinned at enrolment and marks the records sent ([`take_ack`]).
//! Exactly once holds however many routes a bundle takes: the server stores each record once
//! per kiosk and sequence number. [`stick`] is the USB stick's side.

pub mod lan;
pub mod stick;

use base64::Engine as _;
use ed25519_dalek::Signature;
use wire::{RelayAck, RelayBundle, SealedBatch, SignedRelayAck, WireRecord};

use crate::content_dir::ContentDir;
use crate::store::{LocalStore, StoreError};
use crate::sync::device_key::DeviceKey;
use crate::sync::{SyncClient, SyncError};

/// Why relaying could not be done.
#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    /// The kiosk is not enrolled: it has no server to seal to and no key to check with.
    #[error(
        "this kiosk is not enrolled: enrol it first (records relayed for it must be sealed to its server)"
    )]
    NotEnrolled,
    /// Enrolled, but something it needs from enrolment is missing or damaged.
    #[error("{0}: enrol the kiosk again")]
    Enrolment(&'static str),
    /// The local database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file or folder could not be read or written.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// What we were doing.
        action: &'static str,
        /// Where.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Content handed on by a relay could not be installed.
    #[error("content from the relay was not installed: {0}")]
    Content(String),
    /// Sealing failed (should not happen).
    #[error("records could not be sealed: {0}")]
    Seal(String),
}

/// Raw record bodies per bundle: compressed, a bundle then stays well within
/// [`wire::MAX_RELAY_BATCH`] even for records that do not compress (sealed personal data).
const RAW_BYTES_PER_BUNDLE: usize = 256 * 1024;

/// The most records one export takes (50 bundles): the rest go in the next.
pub const MAX_RECORDS_PER_EXPORT: usize = 50 * wire::MAX_RECORDS_PER_BATCH;

/// This kiosk's waiting records as bundles.
#[derive(Debug, Default)]
pub struct OwnBundles {
    /// The bundles' bytes.
    pub bundles: Vec<Vec<u8>>,
    /// Their ids ([`RelayBundle::id`]).
    pub ids: Vec<String>,
    /// The sequence numbers in them.
    pub seqs: Vec<u64>,
    /// Records still waiting that are not in them (past [`MAX_RECORDS_PER_EXPORT`], or
    /// handed to a relay since `handed_before`).
    pub left: u64,
}

impl OwnBundles {
    /// Records in the bundles.
    pub fn records(&self) -> u64 {
        self.seqs.len() as u64
    }
}

/// Seals and signs the records this kiosk has not yet had acknowledged (up to
/// [`MAX_RECORDS_PER_EXPORT`]), as bundles for others to carry: all of them, or with
/// `handed_before` those not handed to a relay on the LAN since then. The caller notes the
/// bundles it hands on ([`LocalStore::note_own_bundles`]).
pub fn own_bundles(
    store: &LocalStore,
    data_dir: &std::path::Path,
    handed_before: Option<i64>,
) -> Result<OwnBundles, RelayError> {
    let enrolment = store.enrolment()?.ok_or(RelayError::NotEnrolled)?;
    let sealing: crate::sealing::SealingKey = enrolment
        .sealing_key
        .parse()
        .map_err(|_| RelayError::Enrolment("this kiosk has no usable sealing key"))?;
    let key = DeviceKey::load(data_dir)
        .map_err(|_| RelayError::Enrolment("this kiosk's device key cannot be read"))?
        .ok_or(RelayError::Enrolment("this kiosk has no device key"))?;
    // The content's dictionary: the server decodes every one it ever published.
    let dictionary = ContentDir::new(data_dir).batch_dictionary();
    let records = store.unsent_records_for_relay(MAX_RECORDS_PER_EXPORT, handed_before)?;
    let mut own = OwnBundles {
        left: store.unsent_count()?.saturating_sub(records.len() as u64),
        seqs: records.iter().map(|record| record.seq).collect(),
        ..OwnBundles::default()
    };
    for chunk in chunks(&records) {
        // A server that takes relayed bundles unpacks bodies and restores the frame magic.
        let batch = wire::without_frame_magic(wire::encode_batch_with(
            &wire::pack_bodies(chunk),
            dictionary.as_ref(),
        ));
        if batch.len() > wire::MAX_RELAY_BATCH {
            return Err(RelayError::Seal(format!(
                "a batch of {} records came to {} bytes, over the {} a bundle may hold",
                chunk.len(),
                batch.len(),
                wire::MAX_RELAY_BATCH
            )));
        }
        let inner = SealedBatch {
            kiosk: enrolment.kiosk_id.clone(),
            batch,
        };
        let sealed = sealing
            .seal(&inner.encode())
            .map_err(|e| RelayError::Seal(e.to_string()))?;
        let signature = key.sign_bundle(&enrolment.kiosk_id, &sealed).to_vec();
        let bundle = RelayBundle {
            kiosk: enrolment.kiosk_id.clone(),
            sealed,
            signature,
        };
        own.ids.push(bundle.id());
        own.bundles.push(bundle.encode());
    }
    Ok(own)
}

/// Records in bundle-sized runs: at most [`wire::MAX_RECORDS_PER_BATCH`] records and about
/// [`RAW_BYTES_PER_BUNDLE`] of bodies each.
fn chunks(records: &[WireRecord]) -> Vec<&[WireRecord]> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (index, record) in records.iter().enumerate() {
        let size = record.body.len() + 16;
        if index > start
            && (index - start >= wire::MAX_RECORDS_PER_BATCH || bytes + size > RAW_BYTES_PER_BUNDLE)
        {
            runs.push(&records[start..index]);
            start = index;
            bytes = 0;
        }
        bytes += size;
    }
    if start < records.len() {
        runs.push(&records[start..]);
    }
    runs
}

/// Checks an acknowledgement's signature against the server key pinned at enrolment (the
/// content key) and reads it.
pub fn verify_ack(signed: &SignedRelayAck, content_key: &str) -> Result<RelayAck, String> {
    let key = crate::sync::identity::pinned_key(content_key)
        .ok_or("this kiosk has no usable server key to check acknowledgements with")?;
    let signature = base64::engine::general_purpose::STANDARD
        .decode(signed.signature.trim())
        .ok()
        .and_then(|bytes| Signature::from_slice(&bytes).ok())
        .ok_or("the acknowledgement is not signed")?;
    key.verify_strict(&wire::ack_signing_message(&signed.ack), &signature)
        .map_err(|_| "the acknowledgement's signature does not match the server's key")?;
    let ack: RelayAck = serde_json::from_str(&signed.ack)
        .map_err(|e| format!("the acknowledgement cannot be read: {e}"))?;
    if !wire::is_kiosk_id(&ack.kiosk) || !wire::is_upload_id(&ack.bundle) {
        return Err("the acknowledgement names no kiosk or bundle".into());
    }
    Ok(ack)
}

/// What became of an acknowledgement this kiosk was handed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AckTaken {
    /// It was for this kiosk: this many records were newly marked sent.
    Mine(u64),
    /// It is for another kiosk: kept to pass on.
    Carried,
    /// Not signed by this kiosk's server (or unreadable): ignored.
    Refused(String),
}

/// Takes an acknowledgement: this kiosk's own marks its records sent; another's is kept to
/// hand on.
pub fn take_ack(
    store: &mut LocalStore,
    signed: &SignedRelayAck,
    now: i64,
) -> Result<AckTaken, RelayError> {
    let enrolment = store.enrolment()?.ok_or(RelayError::NotEnrolled)?;
    let ack = match verify_ack(signed, &enrolment.content_key) {
        Ok(ack) => ack,
        Err(why) => return Ok(AckTaken::Refused(why)),
    };
    if ack.kiosk == enrolment.kiosk_id {
        // Only for a bundle this kiosk made: after its database was put back to an older
        // copy, numbers are used again, and an old acknowledgement must not mark new records.
        if !store.is_own_bundle(&ack.bundle)? {
            return Ok(AckTaken::Refused(
                "an acknowledgement of a bundle this kiosk does not know making".into(),
            ));
        }
        return Ok(AckTaken::Mine(store.mark_acked_ranges(&ack.held, now)?));
    }
    store.carry_ack(&ack.bundle, &ack.kiosk, signed, now)?;
    Ok(AckTaken::Carried)
}

/// What a pass did with the bundles this kiosk carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Forwarded {
    /// Bundles the server took (their acknowledgements are kept to hand back).
    pub delivered: u64,
    /// Bundles the server refused for good (altered, forged, from a revoked kiosk): dropped.
    pub refused: u64,
    /// Bytes of bundles put on the wire.
    pub bytes: u64,
}

/// Hands every bundle this kiosk carries to the server, one by one, within `budget` bytes if
/// given (the rest wait, as the kiosk's own records do past its daily budget). A refused
/// bundle is dropped; a link or server failure stops here, the rest wait for the next pass.
/// What was done is added to `forwarded` as it happens, so bytes sent before a failure still
/// count against the budget.
pub async fn forward_carried(
    store: &mut LocalStore,
    client: &SyncClient,
    budget: Option<u64>,
    forwarded: &mut Forwarded,
) -> Result<(), SyncError> {
    let content_key = store
        .enrolment()?
        .map(|enrolment| enrolment.content_key)
        .unwrap_or_default();
    for (id, kiosk) in store.carried_bundles()? {
        let Some(bytes) = store.carried_bundle(&id)? else {
            continue;
        };
        if budget.is_some_and(|budget| forwarded.bytes + bytes.len() as u64 > budget) {
            break;
        }
        forwarded.bytes += bytes.len() as u64;
        match client.relay(bytes).await {
            Ok(receipt) => {
                // Kept only if it is the server's: nothing else is handed back.
                match verify_ack(&receipt.ack, &content_key) {
                    Ok(ack) if ack.kiosk == kiosk && ack.bundle == id => {
                        store.carry_ack(&id, &kiosk, &receipt.ack, crate::clock::now())?;
                        forwarded.delivered += 1;
                    }
                    Ok(_) => {
                        return Err(SyncError::Protocol(
                            "the server acknowledged another bundle than the one sent".into(),
                        ));
                    }
                    Err(why) => return Err(SyncError::Protocol(why)),
                }
            }
            // Any other answer than the server's or the link's trouble is final for the bundle
            // (the relay's own credential troubles are their own errors): it is dropped, so
            // one bad bundle never holds up the rest.
            Err(SyncError::Rejected { status, message }) => {
                tracing::warn!(bundle = %id, originator = %kiosk, status, %message, "the server refused a relayed bundle; dropped");
                store.drop_bundle(&id, crate::clock::now())?;
                forwarded.refused += 1;
            }
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(seq: u64, size: usize) -> WireRecord {
        WireRecord {
            seq,
            body: vec![0; size],
        }
    }

    #[test]
    fn bundles_hold_at_most_a_batch_of_records_and_of_bytes() {
        let many: Vec<_> = (1..=2500).map(|seq| record(seq, 10)).collect();
        let runs = chunks(&many);
        assert_eq!(
            runs.iter().map(|r| r.len()).collect::<Vec<_>>(),
            [1000, 1000, 500]
        );
        let large: Vec<_> = (1..=5).map(|seq| record(seq, 100 * 1024)).collect();
        assert_eq!(
            chunks(&large).iter().map(|r| r.len()).collect::<Vec<_>>(),
            [2, 2, 1]
        );
        // One record larger than a bundle's share still goes, alone.
        let huge = [record(1, 300 * 1024), record(2, 10)];
        assert_eq!(
            chunks(&huge).iter().map(|r| r.len()).collect::<Vec<_>>(),
            [1, 1]
        );
        assert!(chunks(&[]).is_empty());
    }
}
