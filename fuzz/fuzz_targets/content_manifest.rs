//! A content manifest as a kiosk receives it: the signed envelope (JSON), then the
//! manifest's own text with every file checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(signed) = serde_json::from_slice::<wire::SignedManifest>(data) {
        let _ = wire::ContentManifest::parse_checked(&signed.manifest);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = wire::ContentManifest::parse_checked(text);
    }
});
