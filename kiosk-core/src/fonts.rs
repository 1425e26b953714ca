//! The fonts the kiosk carries (Noto, OFL, in `kiosk-core/fonts/`), embedded at build time:
//! the UI registers them with Slint, and the printer draws every script with them, so a
//! kiosk renders and prints every locale on a machine with no fonts installed.

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/font_files.rs"));
}

/// (file name, bytes) of every embedded font, in file-name order.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FONT_FILES
}

/// The font files the kiosk carries, Latin first (the printer's first face is its default).
pub fn embedded_files() -> Vec<(&'static str, &'static [u8])> {
    let mut files: Vec<(&'static str, &'static [u8])> = files().to_vec();
    files.sort_by_key(|(name, _)| !name.starts_with("NotoSans-"));
    files
}
