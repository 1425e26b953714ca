//! QR codes as images (the `qrcode` crate), not the printer's own `GS ( k` command: an image
//! prints the same on every ESC/POS printer that prints raster (which we need for Arabic and
//! Chinese anyway), while `GS ( k` is missing or different on many low-cost printers and
//! fails silently. The image can also be decoded back in tests.

use qrcode::{Color, EcLevel, QrCode};

use super::raster::Bitmap;

/// Dots per QR module when the paper is wide enough (8 dots = 1 mm at 203 dpi).
const MODULE_DOTS: u32 = 8;
/// Light modules around the code, as the standard asks.
const QUIET_MODULES: u32 = 4;

/// Why a QR code cannot be made.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot make a QR code of {length} bytes: {reason}")]
pub struct QrError {
    /// The payload's length.
    pub length: usize,
    /// What the QR library said.
    pub reason: String,
}

/// A centred QR code of `payload` across a band `width` dots wide.
pub fn render(payload: &str, width: u32) -> Result<Bitmap, QrError> {
    let code =
        QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(|error| {
            QrError {
                length: payload.len(),
                reason: error.to_string(),
            }
        })?;
    let modules = code.width() as u32;
    let total = modules + 2 * QUIET_MODULES;
    let scale = MODULE_DOTS.min(width / total);
    if scale == 0 {
        return Err(QrError {
            length: payload.len(),
            reason: format!("{modules} modules do not fit {width} dots"),
        });
    }
    let side = total * scale;
    let mut image = Bitmap::new(width, side);
    let left = i64::from((width - side) / 2 + QUIET_MODULES * scale);
    let top = i64::from(QUIET_MODULES * scale);
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let x = (i as u32) % modules;
            let y = (i as u32) / modules;
            image.fill(
                left + i64::from(x * scale),
                top + i64::from(y * scale),
                scale,
                scale,
            );
        }
    }
    Ok(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_centred_and_scannable() {
        let image = render("SR-2041-7Q", 576).unwrap();
        assert_eq!(image.width(), 576);
        let ink = image.ink_bounds().unwrap();
        let centre = (ink.left + ink.right) / 2;
        assert!((280..=296).contains(&centre), "centre {centre}");
        let prepared = rqrr::PreparedImage::prepare_from_greyscale(
            image.width() as usize,
            image.height() as usize,
            |x, y| {
                if image.get(x as u32, y as u32) {
                    0
                } else {
                    255
                }
            },
        );
        let mut prepared = prepared;
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, "SR-2041-7Q");
    }

    #[test]
    fn a_payload_too_long_for_the_paper_is_an_error() {
        let long = "x".repeat(2000);
        assert!(render(&long, 128).is_err());
    }
}
