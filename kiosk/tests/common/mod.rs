//! Helpers shared by the kiosk's integration tests.

/// Points fontconfig at the kiosk's own fonts too, as `kiosk run` does, so UI tests also pass
/// on a machine with no fonts installed. Call it first thing in a test file's only test.
pub fn use_kiosk_fonts(dir: &std::path::Path) -> std::io::Result<()> {
    let config = kiosk::ui::fonts::write_fontconfig(dir)?;
    // SAFETY: called before Slint or any other thread that could read the environment starts.
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("FONTCONFIG_FILE", config);
    }
    Ok(())
}
