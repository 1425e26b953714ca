//! Batches sent without zstd's frame magic. Every batch is one zstd frame, whose first four
//! bytes are always the same magic number; a server that says so in the handshake
//! ([`crate::HelloAnswer::magicless_batches`]) takes batches without them, which matters for
//! a kiosk that syncs one event at a time (about 10 % of such a batch). The two forms cannot
//! be confused: the byte after the magic, a frame header descriptor, has a reserved bit that
//! must be zero, so it never equals the magic's first byte (0x28, whose bit 3 is set).

use std::borrow::Cow;

/// zstd's frame magic number, as it starts every frame.
pub const ZSTD_FRAME_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

/// The batch as sent to a server that takes batches without the magic.
pub fn without_frame_magic(mut batch: Vec<u8>) -> Vec<u8> {
    if batch.starts_with(&ZSTD_FRAME_MAGIC) {
        batch.drain(..ZSTD_FRAME_MAGIC.len());
    }
    batch
}

/// The batch as zstd reads it: the magic put back if it was left off.
pub fn with_frame_magic(batch: &[u8]) -> Cow<'_, [u8]> {
    match batch.first() {
        Some(&first) if first != ZSTD_FRAME_MAGIC[0] => {
            let mut whole = Vec::with_capacity(batch.len() + ZSTD_FRAME_MAGIC.len());
            whole.extend_from_slice(&ZSTD_FRAME_MAGIC);
            whole.extend_from_slice(batch);
            Cow::Owned(whole)
        }
        _ => Cow::Borrowed(batch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{WireRecord, decode_batch, encode_batch};

    #[test]
    fn a_batch_without_its_magic_decodes_the_same_and_is_four_bytes_shorter() {
        let records = vec![WireRecord {
            seq: 7,
            body: b"a record".to_vec(),
        }];
        let whole = encode_batch(&records);
        let short = without_frame_magic(whole.clone());
        assert_eq!(short.len() + 4, whole.len());
        assert_ne!(
            short[0], ZSTD_FRAME_MAGIC[0],
            "the header descriptor comes first"
        );
        assert_eq!(decode_batch(&short, 1 << 20, None), Ok(records.clone()));
        assert_eq!(decode_batch(&whole, 1 << 20, None), Ok(records));
        assert_eq!(
            without_frame_magic(short.clone()),
            short,
            "stripped once only"
        );
        assert!(matches!(with_frame_magic(&whole), Cow::Borrowed(_)));
        assert_eq!(with_frame_magic(&short).as_ref(), whole.as_slice());
    }

    #[test]
    fn no_frame_header_descriptor_starts_like_the_magic() {
        // Bit 3 of the descriptor is reserved and zero in every frame zstd writes.
        for level in [1, 3, 19] {
            for size in [0usize, 1, 100, 70_000] {
                let frame = zstd::bulk::compress(&vec![7u8; size], level).unwrap_or_default();
                assert_eq!(frame[4] & 0b1000, 0, "level {level}, {size} bytes");
            }
        }
    }
}
