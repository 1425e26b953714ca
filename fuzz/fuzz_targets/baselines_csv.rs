//! A baselines CSV as city staff upload it.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(baselines) = places::parse_baselines(data) {
        assert!(baselines.len() <= places::MAX_NEIGHBOURHOODS);
        for baseline in &baselines {
            let _ = baseline.weekly_hours();
        }
    }
});
