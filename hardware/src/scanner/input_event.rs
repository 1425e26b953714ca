//! Recorded input-event streams (files and FIFOs of raw records, as tests and the simulated
//! scanner use): `struct input_event` is 24 bytes on 64-bit Linux (a `timeval` of two 64-bit
//! fields, then type u16, code u16, value i32, native byte order). A grabbed device is read by
//! the `evdev` crate instead. Reads may split records anywhere, so the reader keeps partial
//! ones for the next read.

/// Bytes per record on 64-bit Linux.
pub const EVENT_SIZE: usize = 24;

/// `EV_SYN`: end of a batch of events.
pub const EV_SYN: u16 = 0;
/// `EV_KEY`: a key went down, repeated or up.
pub const EV_KEY: u16 = 1;
/// `EV_MSC`: miscellaneous (scan codes).
pub const EV_MSC: u16 = 4;

/// One input event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputEvent {
    /// Seconds of the timestamp.
    pub seconds: i64,
    /// Microseconds of the timestamp.
    pub microseconds: i64,
    /// Event type (`EV_KEY`…).
    pub kind: u16,
    /// Key code for `EV_KEY`.
    pub code: u16,
    /// 1 pressed, 2 auto-repeat, 0 released for `EV_KEY`.
    pub value: i32,
}

impl InputEvent {
    /// A key event with a zero timestamp.
    pub fn key(code: u16, value: i32) -> InputEvent {
        InputEvent {
            seconds: 0,
            microseconds: 0,
            kind: EV_KEY,
            code,
            value,
        }
    }

    /// The end-of-batch marker.
    pub fn sync() -> InputEvent {
        InputEvent {
            seconds: 0,
            microseconds: 0,
            kind: EV_SYN,
            code: 0,
            value: 0,
        }
    }

    /// The record as the kernel writes it.
    pub fn to_bytes(&self) -> [u8; EVENT_SIZE] {
        let mut out = [0u8; EVENT_SIZE];
        out[0..8].copy_from_slice(&self.seconds.to_ne_bytes());
        out[8..16].copy_from_slice(&self.microseconds.to_ne_bytes());
        out[16..18].copy_from_slice(&self.kind.to_ne_bytes());
        out[18..20].copy_from_slice(&self.code.to_ne_bytes());
        out[20..24].copy_from_slice(&self.value.to_ne_bytes());
        out
    }

    /// Reads one record.
    pub fn from_bytes(record: &[u8; EVENT_SIZE]) -> InputEvent {
        let field = |range: std::ops::Range<usize>| {
            let mut bytes = [0u8; 8];
            let len = range.len();
            bytes[..len].copy_from_slice(&record[range]);
            bytes
        };
        let [s0, s1, s2, s3, s4, s5, s6, s7] = field(0..8);
        let [u0, u1, u2, u3, u4, u5, u6, u7] = field(8..16);
        let [t0, t1, ..] = field(16..18);
        let [c0, c1, ..] = field(18..20);
        let [v0, v1, v2, v3, ..] = field(20..24);
        InputEvent {
            seconds: i64::from_ne_bytes([s0, s1, s2, s3, s4, s5, s6, s7]),
            microseconds: i64::from_ne_bytes([u0, u1, u2, u3, u4, u5, u6, u7]),
            kind: u16::from_ne_bytes([t0, t1]),
            code: u16::from_ne_bytes([c0, c1]),
            value: i32::from_ne_bytes([v0, v1, v2, v3]),
        }
    }
}

/// Turns bytes read from an event device into events, across reads.
#[derive(Debug, Default)]
pub struct EventReader {
    partial: Vec<u8>,
}

impl EventReader {
    /// A reader with nothing pending.
    pub fn new() -> EventReader {
        EventReader::default()
    }

    /// The complete events in `bytes` (plus what was left from before); an incomplete tail
    /// is kept for the next call.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<InputEvent> {
        self.partial.extend_from_slice(bytes);
        let complete = self.partial.len() / EVENT_SIZE * EVENT_SIZE;
        let events = self.partial[..complete]
            .chunks_exact(EVENT_SIZE)
            .filter_map(|chunk| <&[u8; EVENT_SIZE]>::try_from(chunk).ok())
            .map(InputEvent::from_bytes)
            .collect();
        self.partial.drain(..complete);
        events
    }

    /// Bytes of an incomplete record waiting for the rest.
    pub fn pending(&self) -> usize {
        self.partial.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_survive_any_split() {
        let events = vec![
            InputEvent {
                seconds: 1_700_000_000,
                microseconds: 123_456,
                kind: EV_MSC,
                code: 4,
                value: 0x70004,
            },
            InputEvent::key(30, 1),
            InputEvent::sync(),
            InputEvent::key(30, 0),
        ];
        let bytes: Vec<u8> = events.iter().flat_map(|e| e.to_bytes()).collect();
        assert_eq!(bytes.len(), 4 * EVENT_SIZE);
        for split in [1, 7, 23, 24, 25, 50, 95] {
            let mut reader = EventReader::new();
            let mut got = reader.feed(&bytes[..split]);
            got.extend(reader.feed(&bytes[split..]));
            assert_eq!(got, events, "split at {split}");
            assert_eq!(reader.pending(), 0);
        }
    }

    #[test]
    fn the_layout_is_the_kernels() {
        let bytes = InputEvent::key(28, 1).to_bytes();
        assert_eq!(&bytes[16..18], &1u16.to_ne_bytes());
        assert_eq!(&bytes[18..20], &28u16.to_ne_bytes());
        assert_eq!(&bytes[20..24], &1i32.to_ne_bytes());
    }
}
