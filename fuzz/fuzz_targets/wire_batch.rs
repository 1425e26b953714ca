//! An upload batch as the server receives it: the batch header and decompression (bounded),
//! then each record body decoded and validated, the steps of `sync-server`'s upload decoder.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(records) = wire::decode_batch(data, 1 << 20, None) {
        assert!(records.len() <= wire::MAX_RECORDS_PER_LARGE_BATCH);
        for record in records {
            if let Ok(body) = wire::RecordBody::decode(&record.body) {
                let _ = body.validate(record.seq);
            }
        }
    }
    // A record body packed for the wire, unpacked on its own.
    if let Ok(body) = wire::unpack_body(data) {
        assert!(body.len() <= data.len() * 2);
    }
    // A record body on its own (what a kiosk reads back from its outbox).
    if let Ok(body) = wire::RecordBody::decode(data) {
        let _ = body.validate(1);
    }
});
