//! QR codes drawn as inline SVG (the `qrcode` crate does the encoding): the enrolment ticket
//! a librarian scans on the kiosk's staff screen. No image file and no script, so the strict
//! content security policy holds.

use maud::{Markup, PreEscaped, html};
use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, as the standard asks.
const QUIET_MODULES: usize = 4;

/// `payload` as an SVG QR code with `label` as its accessible name; `None` if it is too long
/// for a QR code.
pub fn svg(payload: &str, label: &str) -> Option<Markup> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let side = width + 2 * QUIET_MODULES;
    // One path of unit squares, one per dark module, drawn on a white square.
    let mut path = String::with_capacity(width * width * 4);
    for (index, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (index % width + QUIET_MODULES, index / width + QUIET_MODULES);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(html! {
        svg class="qr" xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(label)
            viewBox={ "0 0 " (side) " " (side) } width="240" height="240" shape-rendering="crispEdges" {
            title { (label) }
            rect width=(side) height=(side) fill="#fff" {}
            path d=(PreEscaped(path)) fill="#000" {}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_becomes_a_labelled_svg_with_dark_modules() {
        let Some(markup) = svg("KIOSK-ENROL https://127.0.0.1:8443 AB K7PQ", "Ticket") else {
            panic!("a short ticket fits a QR code");
        };
        let text = markup.into_string();
        assert!(text.starts_with("<svg class=\"qr\""), "{text}");
        assert!(text.contains("aria-label=\"Ticket\""));
        assert!(text.contains("<title>Ticket</title>"));
        // The finder pattern's corner module sits just inside the quiet zone.
        assert!(text.contains("M4 4h1v1h-1z"), "{text}");
        assert!(svg(&"x".repeat(5000), "Too long").is_none());
    }
}
