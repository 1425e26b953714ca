//! Record bodies packed for the wire: each visit id (32 lower-case hex digits, as CBOR text)
//! travels as its 16 bytes. For a batch of one event that is most of what is left after the
//! dictionary, as zstd keeps such short input as it is. The body a kiosk stored and hashed is
//! unchanged: [`crate::decode_batch`] unpacks it before anything reads it. A packed body
//! starts with 0xFF, which no CBOR item starts with, so packed and plain bodies can travel in
//! one batch; kiosks pack only for a server whose handshake says it unpacks
//! ([`crate::HelloAnswer::packed_bodies`]).

use crate::{DecodeError, WireRecord};

/// The first byte of a packed body.
const PACKED: u8 = 0xFF;
/// Starts an escape in a packed body: followed by [`LITERAL`] or [`HEX_ID`].
const ESCAPE: u8 = 0xFE;
/// `ESCAPE LITERAL` stands for one [`ESCAPE`] byte of the body.
const LITERAL: u8 = 0x00;
/// `ESCAPE HEX_ID` and 16 bytes stand for CBOR text of 32 lower-case hex digits.
const HEX_ID: u8 = 0x01;
/// The CBOR head of a text string of 32 bytes.
const TEXT_32: [u8; 2] = [0x78, 0x20];

/// `body` packed, if that makes it shorter.
pub fn pack_body(body: &[u8]) -> Option<Vec<u8>> {
    let (packed, saved) = pack(body);
    (saved && packed.len() < body.len()).then_some(packed)
}

/// `body` packed, and whether any hex id was.
fn pack(body: &[u8]) -> (Vec<u8>, bool) {
    let mut packed = Vec::with_capacity(body.len());
    packed.push(PACKED);
    let mut at = 0;
    let mut saved = false;
    while at < body.len() {
        if let Some(digits) = hex_id_at(body, at) {
            packed.extend_from_slice(&[ESCAPE, HEX_ID]);
            packed.extend(
                digits
                    .chunks_exact(2)
                    .map(|pair| nibble(pair[0]) << 4 | nibble(pair[1])),
            );
            at += TEXT_32.len() + 32;
            saved = true;
        } else if body[at] == ESCAPE {
            packed.extend_from_slice(&[ESCAPE, LITERAL]);
            at += 1;
        } else {
            packed.push(body[at]);
            at += 1;
        }
    }
    (packed, saved)
}

/// Each record's body packed where that makes it shorter (see [`pack_body`]).
pub fn pack_bodies(records: &[WireRecord]) -> Vec<WireRecord> {
    records
        .iter()
        .map(|record| WireRecord {
            seq: record.seq,
            body: pack_body(&record.body).unwrap_or_else(|| record.body.clone()),
        })
        .collect()
}

/// The body as the kiosk stored it: `body` itself unless it is packed. A packed body grows
/// by at most 34/18 when unpacked.
pub fn unpack_body(body: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let Some((&PACKED, rest)) = body.split_first() else {
        return Ok(body.to_vec());
    };
    let bad = || DecodeError::Encoding("a packed record body has a broken escape".into());
    let mut unpacked = Vec::with_capacity(rest.len() * 2);
    let mut bytes = rest.iter();
    while let Some(&byte) = bytes.next() {
        if byte != ESCAPE {
            unpacked.push(byte);
            continue;
        }
        match bytes.next() {
            Some(&LITERAL) => unpacked.push(ESCAPE),
            Some(&HEX_ID) => {
                unpacked.extend_from_slice(&TEXT_32);
                for _ in 0..16 {
                    let byte = *bytes.next().ok_or_else(bad)?;
                    unpacked.extend_from_slice(&[hex_digit(byte >> 4), hex_digit(byte & 0x0f)]);
                }
            }
            _ => return Err(bad()),
        }
    }
    unpacked.shrink_to_fit();
    Ok(unpacked)
}

/// The 32 digits of a hex id whose CBOR text starts at `at`, if one does.
fn hex_id_at(body: &[u8], at: usize) -> Option<&[u8]> {
    let digits = body
        .get(at..at + TEXT_32.len() + 32)
        .filter(|text| text.starts_with(&TEXT_32))?
        .get(TEXT_32.len()..)?;
    digits
        .iter()
        .all(|digit| matches!(digit, b'0'..=b'9' | b'a'..=b'f'))
        .then_some(digits)
}

fn nibble(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        _ => digit - b'a' + 10,
    }
}

fn hex_digit(value: u8) -> u8 {
    match value {
        0..=9 => b'0' + value,
        _ => b'a' + value - 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EventKind, EventRecord, RecordBody};

    fn event_body(session: &str) -> Vec<u8> {
        RecordBody::Event(EventRecord {
            session: session.into(),
            hour: 1_780_000_000 / 3600 * 3600,
            kind: EventKind::SessionStarted,
        })
        .encode()
    }

    #[test]
    fn a_visit_id_travels_as_its_sixteen_bytes_and_comes_back_exactly() -> Result<(), DecodeError> {
        let body = event_body("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        let packed = pack_body(&body).expect("shorter");
        assert_eq!(body.len() - packed.len(), (2 + 32) - (2 + 16) - 1);
        assert_eq!(unpack_body(&packed)?, body);
        // A plain body (as old kiosks send) is read as it is.
        assert_eq!(unpack_body(&body)?, body);
        Ok(())
    }

    #[test]
    fn only_lower_case_hex_ids_are_packed_and_escape_bytes_survive() -> Result<(), DecodeError> {
        // Upper-case digits would not come back the same: left as they are.
        assert_eq!(
            pack_body(&event_body("0F1E2D3C4B5A69788796A5B4C3D2E1F0")),
            None
        );
        // Any bytes at all, escape bytes and hex-looking text among them, come back exactly.
        let mut body = vec![ESCAPE, PACKED, ESCAPE, LITERAL, ESCAPE, HEX_ID];
        body.extend_from_slice(&TEXT_32);
        body.extend_from_slice(b"00112233445566778899aabbccddeeff");
        body.extend_from_slice(&[ESCAPE, 0x78, 0x20, b'a']);
        let packed = pack_body(&body).expect("shorter");
        assert_eq!(unpack_body(&packed)?, body);
        Ok(())
    }

    #[test]
    fn broken_escapes_are_refused() {
        for broken in [
            vec![PACKED, ESCAPE],
            vec![PACKED, ESCAPE, 0x07],
            vec![PACKED, ESCAPE, HEX_ID, 1, 2, 3],
        ] {
            assert!(unpack_body(&broken).is_err(), "{broken:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_byte_string_comes_back_as_it_was(
            mut body in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(0x78u8),
                    proptest::strategy::Just(0x20u8),
                    proptest::strategy::Just(ESCAPE),
                    proptest::strategy::Just(b'a'),
                    proptest::prelude::any::<u8>(),
                ],
                0..80,
            ),
            id in "[0-9a-f]{32}",
            at in 0usize..80,
        ) {
            let at = at.min(body.len());
            body.splice(at..at, TEXT_32.iter().chain(id.as_bytes()).copied());
            let (packed, saved) = pack(&body);
            proptest::prop_assert!(saved);
            proptest::prop_assert_eq!(unpack_body(&packed).expect("unpacks"), body.clone());
            if let Some(shorter) = pack_body(&body) {
                proptest::prop_assert_eq!(shorter, packed);
            }
        }
    }
}
