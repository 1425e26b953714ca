//! Compression dictionaries for upload batches. The server trains one on the shapes of the
//! records kiosks send and ships it inside signed content; a kiosk compresses its batches
//! with the newest one it holds, and each zstd frame names its dictionary by id, so the
//! server decodes a batch made with any dictionary it ever published.

use std::num::NonZeroU32;

/// Where a dictionary travels in signed content (one per content version: the newest).
pub const BATCH_DICTIONARY_PATH: &str = "sync/batches.zdict";

/// The largest dictionary either side accepts.
pub const MAX_DICTIONARY_BYTES: usize = 112 * 1024;

/// The first dictionary id the server gives out. Ids below it are reserved by the zstd
/// format for registered dictionaries; ids up to 65,535 take two bytes in each frame.
pub const FIRST_DICTIONARY_ID: u32 = 32_768;

/// zstd's magic number at the start of a dictionary.
const DICTIONARY_MAGIC: [u8; 4] = [0x37, 0xA4, 0x30, 0xEC];

/// Why bytes are not a usable dictionary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DictionaryError {
    /// Not a zstd dictionary with an id, or its tables do not load.
    #[error("not a zstd batch dictionary: {0}")]
    Invalid(String),
    /// Larger than [`MAX_DICTIONARY_BYTES`].
    #[error("the dictionary is {0} bytes; at most {MAX_DICTIONARY_BYTES}")]
    TooLarge(usize),
}

/// A checked zstd dictionary and its id.
#[derive(Clone, PartialEq, Eq)]
pub struct BatchDictionary {
    id: u32,
    bytes: Vec<u8>,
}

impl std::fmt::Debug for BatchDictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "BatchDictionary({}, {} bytes)",
            self.id,
            self.bytes.len()
        )
    }
}

impl BatchDictionary {
    /// Checks that `bytes` are a zstd dictionary with an id, whose tables load.
    pub fn parse(bytes: Vec<u8>) -> Result<BatchDictionary, DictionaryError> {
        if bytes.len() > MAX_DICTIONARY_BYTES {
            return Err(DictionaryError::TooLarge(bytes.len()));
        }
        if bytes.get(..4) != Some(DICTIONARY_MAGIC.as_slice()) {
            return Err(DictionaryError::Invalid("no dictionary header".into()));
        }
        let id = zstd::zstd_safe::get_dict_id_from_dict(&bytes)
            .map(NonZeroU32::get)
            .ok_or_else(|| DictionaryError::Invalid("the dictionary has no id".into()))?;
        // Loading it for decompression reads (and checks) its entropy tables.
        zstd::bulk::Decompressor::with_dictionary(&bytes)
            .map_err(|e| DictionaryError::Invalid(e.to_string()))?;
        Ok(BatchDictionary { id, bytes })
    }

    /// Gives trained dictionary bytes the id `id` (written in its header) and checks them.
    pub fn with_id(mut bytes: Vec<u8>, id: u32) -> Result<BatchDictionary, DictionaryError> {
        match bytes.get_mut(4..8) {
            Some(header) if id != 0 => header.copy_from_slice(&id.to_le_bytes()),
            _ => return Err(DictionaryError::Invalid("no room for an id".into())),
        }
        BatchDictionary::parse(bytes)
    }

    /// The id every frame made with it carries.
    pub fn id(&self) -> u32 {
        self.id
    }

    /// The dictionary itself.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// The id of the dictionary a batch was compressed with, if any (read from its frame header).
pub fn batch_dictionary_id(batch: &[u8]) -> Option<u32> {
    // The frame header is at most 18 bytes: only they are copied when the magic is put back.
    let header = &batch[..batch.len().min(32)];
    zstd::zstd_safe::get_dict_id_from_frame(&crate::with_frame_magic(header)).map(NonZeroU32::get)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        DecodeError, EventKind, EventRecord, RecordBody, WireRecord, decode_batch, encode_batch,
        encode_batch_with,
    };

    /// One visit's events as a kiosk numbers them: a random session, one hour, a few kinds.
    fn visit(state: &mut u64, first_seq: u64) -> Vec<WireRecord> {
        let mut next = || {
            *state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            *state >> 16
        };
        let session = format!("{:016x}{:016x}", next(), next());
        let hour = 1_790_000_000 - 1_790_000_000 % 3600 + 3600 * (next() % 2000) as i64;
        let topics = [
            "housing.repairs",
            "benefits.food",
            "jobs.cv",
            "health.doctor",
        ];
        let topic = topics[(next() % 4) as usize];
        let kinds = [
            EventKind::SessionStarted,
            EventKind::Searched {
                results: 3,
                topic: Some(topic.into()),
            },
            EventKind::ServiceViewed {
                topic: topic.into(),
            },
            EventKind::SessionEnded {
                reason: crate::EndReason::Finished,
            },
        ];
        kinds
            .into_iter()
            .enumerate()
            .map(|(i, kind)| WireRecord {
                seq: first_seq + i as u64,
                body: RecordBody::Event(EventRecord {
                    session: session.clone(),
                    hour,
                    kind,
                })
                .encode(),
            })
            .collect()
    }

    fn trained(seed: u64, id: u32) -> Result<BatchDictionary, Box<dyn std::error::Error>> {
        let mut state = seed;
        let samples: Vec<Vec<u8>> = (0..600)
            .map(|n| crate::batch_cbor(&visit(&mut state, n * 4 + 1)))
            .collect();
        Ok(BatchDictionary::with_id(
            zstd::dict::from_samples(&samples, 8 * 1024)?,
            id,
        )?)
    }

    #[test]
    fn a_batch_made_with_a_dictionary_is_smaller_and_needs_that_dictionary()
    -> Result<(), Box<dyn std::error::Error>> {
        let dictionary = trained(1, FIRST_DICTIONARY_ID + 1)?;
        let other = trained(2, FIRST_DICTIONARY_ID + 2)?;
        assert_eq!(dictionary.id(), FIRST_DICTIONARY_ID + 1);
        let batch = visit(&mut 99, 5_000);
        let plain = encode_batch(&batch);
        let small = encode_batch_with(&batch, Some(&dictionary));
        assert!(
            small.len() * 2 < plain.len(),
            "{} bytes with the dictionary, {} without",
            small.len(),
            plain.len()
        );
        assert_eq!(batch_dictionary_id(&small), Some(dictionary.id()));
        assert_eq!(batch_dictionary_id(&plain), None);
        assert_eq!(decode_batch(&small, 1 << 20, Some(&dictionary))?, batch);
        assert_eq!(decode_batch(&plain, 1 << 20, None)?, batch);
        assert_eq!(
            decode_batch(&small, 1 << 20, None),
            Err(DecodeError::UnknownDictionary(dictionary.id()))
        );
        assert_eq!(
            decode_batch(&small, 1 << 20, Some(&other)),
            Err(DecodeError::UnknownDictionary(dictionary.id()))
        );
        assert!(decode_batch(&plain, 1 << 20, Some(&other)).is_err());
        Ok(())
    }

    #[test]
    fn only_a_whole_dictionary_with_an_id_is_accepted() -> Result<(), Box<dyn std::error::Error>> {
        let dictionary = trained(3, FIRST_DICTIONARY_ID)?;
        assert_eq!(
            BatchDictionary::parse(dictionary.bytes().to_vec())?,
            dictionary
        );
        assert!(BatchDictionary::parse(b"not a dictionary at all".to_vec()).is_err());
        assert!(BatchDictionary::with_id(dictionary.bytes().to_vec(), 0).is_err());
        let mut cut = dictionary.bytes().to_vec();
        cut.truncate(40);
        assert!(BatchDictionary::parse(cut).is_err());
        let mut big = dictionary.bytes().to_vec();
        big.resize(MAX_DICTIONARY_BYTES + 1, 0);
        assert_eq!(
            BatchDictionary::parse(big),
            Err(DictionaryError::TooLarge(MAX_DICTIONARY_BYTES + 1))
        );
        Ok(())
    }
}
