//! Byte-exact snapshots of the ESC/POS stream of a ticket in English, Arabic and Chinese, and
//! the raster parts decoded back to images and checked: where the ink is, which way the text
//! runs, and that the QR code scans.
//!
//! The expected streams are `tests/snapshots/ticket-<locale>.bin`. When the output changes on
//! purpose (a new layout, a font update), regenerate them and look at the previews
//! (`ticket-<locale>.png`, the raster parts stacked) before committing:
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test -p hardware --test printer_snapshots
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use hardware::printer::inspect::{self, Item};
use hardware::printer::raster::Bitmap;
use hardware::printer::text_render::{Placement, TextRenderer, TextStyle};
use hardware::printer::{Block, Document, Encoder, EncoderOptions, templates};

const WIDTH: u32 = 576;

fn encode(locale: &str) -> Vec<u8> {
    let mut encoder = Encoder::new(EncoderOptions::default(), &common::fonts());
    encoder
        .encode(&templates::ticket(locale, &common::ticket(locale)))
        .unwrap()
}

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

fn check_snapshot(locale: &str, actual: &[u8]) {
    let path = snapshot_dir().join(format!("ticket-{locale}.bin"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(snapshot_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        let items = inspect::parse(actual).unwrap();
        let rasters: Vec<Bitmap> = inspect::rasters(&items).into_iter().cloned().collect();
        let mut with_gaps = Vec::new();
        for raster in rasters {
            with_gaps.push(raster);
            with_gaps.push(Bitmap::new(WIDTH, 8));
        }
        if let Some(preview) = Bitmap::stack(&with_gaps) {
            common::write_png(&path.with_extension("png"), &preview);
        }
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run UPDATE_SNAPSHOTS=1 cargo test -p hardware --test printer_snapshots",
            path.display()
        )
    });
    if expected != actual {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("ticket-{locale}.bin"));
        std::fs::write(&out, actual).unwrap();
        let first = expected
            .iter()
            .zip(actual)
            .position(|(a, b)| a != b)
            .unwrap_or(expected.len().min(actual.len()));
        panic!(
            "the {locale} ticket's ESC/POS stream changed: {} bytes expected, {} produced, first \
             difference at byte {first}. The new stream is in {}. If the change is intended, run \
             UPDATE_SNAPSHOTS=1 cargo test -p hardware --test printer_snapshots and review the \
             .png previews.",
            expected.len(),
            actual.len(),
            out.display()
        );
    }
}

fn decode_qr(image: &Bitmap) -> String {
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
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
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().unwrap().1
}

/// Runs of columns with ink, separated by at least `gap` empty columns: (first, last).
fn ink_clusters(image: &Bitmap, gap: u32) -> Vec<(u32, u32)> {
    let mut clusters: Vec<(u32, u32)> = Vec::new();
    for x in 0..image.width() {
        if (0..image.height()).any(|y| image.get(x, y)) {
            match clusters.last_mut() {
                Some(last) if x - last.1 <= gap => last.1 = x,
                _ => clusters.push((x, x)),
            }
        }
    }
    clusters
}

fn ink_centre(image: &Bitmap) -> u32 {
    let bounds = image.ink_bounds().unwrap();
    (bounds.left + bounds.right) / 2
}

#[test]
fn english_ticket_matches_its_snapshot_and_prints_text_in_the_code_page() {
    let bytes = encode("en");
    check_snapshot("en", &bytes);
    let items = inspect::parse(&bytes).unwrap();
    assert!(
        bytes.starts_with(&[0x1b, b'@', 0x1b, b't', 16]),
        "WPC1252 is selected"
    );
    let lines = inspect::text_lines(&items);
    assert_eq!(lines[0], "Service request");
    assert!(lines.contains(&format!("Reference{}SR-2041-7Q", " ".repeat(48 - 19))));
    assert!(lines.contains(&"This request will be sent when the kiosk is".to_owned()));
    assert!(lines.contains(&"online.".to_owned()));
    // The only image is the QR code, and it scans.
    let rasters = inspect::rasters(&items);
    assert_eq!(rasters.len(), 1);
    assert_eq!(rasters[0].width(), WIDTH);
    assert_eq!(decode_qr(rasters[0]), "SR-2041-7Q");
    assert!(matches!(items.last(), Some(Item::Command(c)) if c == &[0x1d, b'V', 66, 0]));
}

#[test]
fn arabic_ticket_matches_its_snapshot_and_is_drawn_right_to_left() {
    let bytes = encode("ar");
    check_snapshot("ar", &bytes);
    let items = inspect::parse(&bytes).unwrap();
    let rasters = inspect::rasters(&items);
    // Heading, two details, the reference line, the QR code, the note.
    assert_eq!(rasters.len(), 6);
    for raster in &rasters {
        assert_eq!(raster.width(), WIDTH);
        assert!(raster.ink() > 200, "every image has ink");
    }
    // No Arabic went out as code-page text: only the separator line is text.
    assert_eq!(inspect::text_lines(&items), vec!["-".repeat(48)]);

    // The heading decodes to exactly what the renderer draws, centred.
    let mut renderer = TextRenderer::new(&common::fonts()).unwrap();
    let heading_style = TextStyle {
        size: 48.0,
        bold: true,
        placement: Placement::Centre,
    };
    assert_eq!(
        *rasters[0],
        renderer.render("طلب خدمة", heading_style, true, WIDTH)
    );
    assert!((270..=306).contains(&ink_centre(rasters[0])));

    // The reference line is mirrored: the Arabic label hugs the right edge, the Latin
    // reference (as wide as it is on its own) the left edge.
    let value_style = TextStyle {
        size: 34.0,
        bold: true,
        placement: Placement::Start,
    };
    let alone = renderer.render("SR-2041-7Q", value_style, false, WIDTH);
    let alone = alone.ink_bounds().unwrap();
    let clusters = ink_clusters(rasters[3], 20);
    assert_eq!(clusters.len(), 2, "{clusters:?}");
    let (left, right) = (clusters[0], clusters[1]);
    assert!(left.0 <= 6, "{left:?}");
    assert!(right.1 >= WIDTH - 6, "{right:?}");
    let reference_width = left.1 - left.0;
    assert!(
        reference_width.abs_diff(alone.right - alone.left) <= 3,
        "{reference_width} vs {alone:?}"
    );

    assert_eq!(decode_qr(rasters[4]), "SR-2041-7Q");
    // The note wraps onto two lines, both ending at the right edge.
    let note = rasters[5];
    assert!(note.height() >= 80, "two lines: {}", note.height());
    assert!(note.ink_bounds().unwrap().right >= WIDTH - 6);
}

#[test]
fn chinese_ticket_matches_its_snapshot_and_is_drawn_left_to_right() {
    let bytes = encode("zh-Hans");
    check_snapshot("zh-Hans", &bytes);
    let items = inspect::parse(&bytes).unwrap();
    let rasters = inspect::rasters(&items);
    assert_eq!(rasters.len(), 6);
    assert!(
        (270..=306).contains(&ink_centre(rasters[0])),
        "heading centred"
    );
    // Label at the left, value at the right.
    let clusters = ink_clusters(rasters[1], 20);
    assert_eq!(clusters.len(), 2, "{clusters:?}");
    assert!(
        clusters[0].0 <= 6 && clusters[1].1 >= WIDTH - 6,
        "{clusters:?}"
    );
    assert_eq!(decode_qr(rasters[4]), "SR-2041-7Q");
    // One short line at the start (left).
    let note = rasters[5].ink_bounds().unwrap();
    assert!(note.left <= 6 && note.right < WIDTH - 100, "{note:?}");
    assert!(rasters[5].height() < 60);
}

#[test]
fn arabic_text_is_right_aligned_where_english_drawn_as_an_image_is_left_aligned() {
    let options = EncoderOptions {
        raster_only: true,
        ..EncoderOptions::default()
    };
    let mut encoder = Encoder::new(options, &common::fonts());
    let mut only_image = |doc: Document| {
        let bytes = encoder.encode(&doc).unwrap();
        let items = inspect::parse(&bytes).unwrap();
        let rasters = inspect::rasters(&items);
        assert_eq!(rasters.len(), 1);
        rasters[0].ink_bounds().unwrap()
    };
    let arabic = only_image(Document::new("ar").with(Block::Text("الخدمة".into())));
    let english = only_image(Document::new("en").with(Block::Text("Service".into())));
    assert!(
        arabic.right >= WIDTH - 4 && arabic.left > WIDTH / 2,
        "{arabic:?}"
    );
    assert!(
        english.left <= 4 && english.right < WIDTH / 2,
        "{english:?}"
    );
}

#[test]
fn ukrainian_is_drawn_because_the_code_page_has_no_cyrillic() {
    let bytes = encode("uk");
    let items = inspect::parse(&bytes).unwrap();
    assert_eq!(inspect::rasters(&items).len(), 6);
    let bytes = encode("fr");
    let items = inspect::parse(&bytes).unwrap();
    assert_eq!(
        inspect::rasters(&items).len(),
        1,
        "French is code-page text"
    );
    assert!(
        inspect::text_lines(&items)
            .contains(&format!("Lieu{}Bibliothèque centrale", " ".repeat(48 - 25)))
    );
}
