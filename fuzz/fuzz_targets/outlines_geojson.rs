//! Neighbourhood outlines (GeoJSON) as city staff upload them.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(outlines) = places::parse_boundaries(data) {
        assert!(outlines.len() <= places::MAX_NEIGHBOURHOODS);
    }
});
