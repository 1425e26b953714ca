//! A kiosk's `hardware.toml`, as a librarian might mistype it.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = hardware::HardwareConfig::parse(text, std::path::Path::new("hardware.toml"));
    }
});
