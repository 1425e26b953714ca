//! Documents to ESC/POS bytes. Text the WPC1252 code page can show goes as text in the
//! printer's own font (font A, 12×24 dots; body text double height, headings double width
//! and height, so both are at least 12 pt tall as the accessibility brief asks); anything
//! else (Arabic, Chinese, Ukrainian) is drawn at 34 dots (≈12 pt) and 48 dots for headings,
//! and sent as raster images, right-aligned when the document runs right to left.

use super::codepage;
use super::document::{Block, Direction, Document};
use super::qr::{self, QrError};
use super::raster::Bitmap;
use super::text_render::{Fonts, Placement, RenderError, TextRenderer, TextStyle};

/// ESC/POS command bytes used here.
pub mod cmd {
    /// ESC @: initialise.
    pub const INIT: [u8; 2] = [0x1b, b'@'];
    /// ESC t n: select code page n.
    pub const CODE_PAGE: [u8; 2] = [0x1b, b't'];
    /// ESC a n: justification (0 left, 1 centre, 2 right).
    pub const ALIGN: [u8; 2] = [0x1b, b'a'];
    /// ESC E n: emphasis on (1) or off (0).
    pub const BOLD: [u8; 2] = [0x1b, b'E'];
    /// GS ! n: character size (0x00 normal, 0x01 double height, 0x11 double both).
    pub const SIZE: [u8; 2] = [0x1d, b'!'];
    /// ESC d n: print and feed n lines.
    pub const FEED: [u8; 2] = [0x1b, b'd'];
    /// GS V 66 n: feed to the cutter (plus n) and cut partially.
    pub const CUT: [u8; 4] = [0x1d, b'V', 66, 0];
    /// LF: print the line and feed one.
    pub const LF: u8 = 0x0a;
}

/// Dots per character of font A at normal width.
const FONT_A_WIDTH: u32 = 12;
/// Raster sizes in dots at 203 dpi.
const BODY_DOTS: f32 = 34.0;
const HEADING_DOTS: f32 = 48.0;
/// Least gap between a label and its value on one raster line.
const KEY_VALUE_GAP: f32 = 24.0;

/// How the encoder fits the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncoderOptions {
    /// Printable width in dots (576 for 80 mm, 384 for 58 mm).
    pub paper_width_dots: u32,
    /// Send every text as an image (printers without WPC1252).
    pub raster_only: bool,
}

impl Default for EncoderOptions {
    fn default() -> Self {
        EncoderOptions {
            paper_width_dots: 576,
            raster_only: false,
        }
    }
}

/// Why a document cannot be encoded.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EncodeError {
    /// Text needed drawing and could not be.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A QR code could not be made.
    #[error(transparent)]
    Qr(#[from] QrError),
}

/// Turns documents into ESC/POS byte streams. Holds the loaded fonts; keep one per printer.
#[derive(Debug)]
pub struct Encoder {
    options: EncoderOptions,
    renderer: Result<TextRenderer, RenderError>,
}

impl Encoder {
    /// An encoder for a printer `options` describes, drawing with `fonts`.
    pub fn new(options: EncoderOptions, fonts: &Fonts) -> Encoder {
        Encoder {
            options,
            renderer: TextRenderer::new(fonts),
        }
    }

    /// The options it was built with.
    pub fn options(&self) -> EncoderOptions {
        self.options
    }

    /// The bytes that print `document`, starting with a printer reset and ending with
    /// whatever the document ends with (normally a cut).
    pub fn encode(&mut self, document: &Document) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(4096);
        out.extend_from_slice(&cmd::INIT);
        out.extend_from_slice(&cmd::CODE_PAGE);
        out.push(codepage::ESC_T_WPC1252);
        let rtl = document.direction == Direction::RightToLeft;
        for block in &document.blocks {
            self.block(block, rtl, &mut out)?;
        }
        Ok(out)
    }

    fn columns(&self) -> usize {
        (self.options.paper_width_dots / FONT_A_WIDTH) as usize
    }

    /// The WPC1252 bytes of `texts` when all of them can go as text.
    fn as_text(&self, texts: &[&str]) -> Option<Vec<Vec<u8>>> {
        if self.options.raster_only {
            return None;
        }
        texts.iter().map(|t| codepage::encode(t)).collect()
    }

    fn block(&mut self, block: &Block, rtl: bool, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let width = self.options.paper_width_dots;
        match block {
            Block::Heading(text) => match self.as_text(&[text]) {
                Some(bytes) => {
                    align(out, 1);
                    set(out, cmd::BOLD, 1);
                    set(out, cmd::SIZE, 0x11);
                    for line in wrap(&bytes[0], self.columns() / 2) {
                        out.extend_from_slice(&line);
                        out.push(cmd::LF);
                    }
                    set(out, cmd::SIZE, 0);
                    set(out, cmd::BOLD, 0);
                }
                None => {
                    let style = TextStyle {
                        size: HEADING_DOTS,
                        bold: true,
                        placement: Placement::Centre,
                    };
                    let image = self.renderer_mut()?.render(text, style, rtl, width);
                    raster(&image, out);
                }
            },
            Block::Text(text) => match self.as_text(&[text]) {
                Some(bytes) => {
                    align(out, if rtl { 2 } else { 0 });
                    set(out, cmd::SIZE, 0x01);
                    for line in wrap(&bytes[0], self.columns()) {
                        out.extend_from_slice(&line);
                        out.push(cmd::LF);
                    }
                    set(out, cmd::SIZE, 0);
                }
                None => {
                    let image = self.renderer_mut()?.render(text, body(false), rtl, width);
                    raster(&image, out);
                }
            },
            Block::KeyValue { key, value } => match self.as_text(&[key, value]) {
                Some(bytes) => self.key_value_text(&bytes[0], &bytes[1], rtl, out),
                None => {
                    let image = self.key_value_raster(key, value, rtl)?;
                    raster(&image, out);
                }
            },
            Block::Qr(payload) => raster(&qr::render(payload, width)?, out),
            Block::Separator => {
                if self.options.raster_only {
                    let mut rule = Bitmap::new(width, 12);
                    rule.fill(0, 5, width, 2);
                    raster(&rule, out);
                } else {
                    align(out, 0);
                    out.extend(std::iter::repeat_n(b'-', self.columns()));
                    out.push(cmd::LF);
                }
            }
            Block::Feed(lines) => set(out, cmd::FEED, *lines),
            Block::Cut => out.extend_from_slice(&cmd::CUT),
        }
        Ok(())
    }

    fn renderer_mut(&mut self) -> Result<&mut TextRenderer, RenderError> {
        self.renderer.as_mut().map_err(|error| error.clone())
    }

    /// Label at the start, value (bold) at the end, padded with spaces; two lines when they
    /// do not fit on one.
    fn key_value_text(&self, key: &[u8], value: &[u8], rtl: bool, out: &mut Vec<u8>) {
        let columns = self.columns();
        align(out, 0);
        set(out, cmd::SIZE, 0x01);
        let pad = |out: &mut Vec<u8>, n: usize| out.extend(std::iter::repeat_n(b' ', n));
        let bold = |out: &mut Vec<u8>, text: &[u8]| {
            set(out, cmd::BOLD, 1);
            out.extend_from_slice(text);
            set(out, cmd::BOLD, 0);
        };
        if key.len() + 1 + value.len() <= columns {
            let gap = columns - key.len() - value.len();
            if rtl {
                bold(out, value);
                pad(out, gap);
                out.extend_from_slice(key);
            } else {
                out.extend_from_slice(key);
                pad(out, gap);
                bold(out, value);
            }
            out.push(cmd::LF);
        } else {
            for line in wrap(key, columns) {
                if rtl {
                    pad(out, columns - line.len());
                }
                out.extend_from_slice(&line);
                out.push(cmd::LF);
            }
            for line in wrap(value, columns) {
                if !rtl {
                    pad(out, columns - line.len());
                }
                bold(out, &line);
                out.push(cmd::LF);
            }
        }
        set(out, cmd::SIZE, 0);
    }

    /// The same as an image: one band when label and value fit side by side, else two.
    fn key_value_raster(
        &mut self,
        key: &str,
        value: &str,
        rtl: bool,
    ) -> Result<Bitmap, EncodeError> {
        let width = self.options.paper_width_dots;
        let renderer = self.renderer_mut()?;
        let key_style = body(false);
        let value_style = TextStyle {
            placement: Placement::End,
            ..body(true)
        };
        let fits =
            renderer.measure(key, key_style) + KEY_VALUE_GAP + renderer.measure(value, value_style)
                <= width as f32;
        let key_image = renderer.render(key, key_style, rtl, width);
        let value_image = renderer.render(value, value_style, rtl, width);
        if fits {
            let mut line = Bitmap::new(width, key_image.height().max(value_image.height()));
            line.draw(&key_image, 0, 0);
            line.draw(&value_image, 0, 0);
            Ok(line)
        } else {
            Ok(Bitmap::stack(&[key_image, value_image]).unwrap_or_else(|| Bitmap::new(width, 0)))
        }
    }
}

fn body(bold: bool) -> TextStyle {
    TextStyle {
        size: BODY_DOTS,
        bold,
        placement: Placement::Start,
    }
}

fn set(out: &mut Vec<u8>, command: [u8; 2], n: u8) {
    out.extend_from_slice(&command);
    out.push(n);
}

fn raster(image: &Bitmap, out: &mut Vec<u8>) {
    align(out, 0);
    image.to_escpos(out);
}

fn align(out: &mut Vec<u8>, n: u8) {
    set(out, cmd::ALIGN, n);
}

/// Greedy word wrap of single-byte text at `columns`; words longer than a line are split.
fn wrap(text: &[u8], columns: usize) -> Vec<Vec<u8>> {
    let columns = columns.max(1);
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    for word in text.split(|b| *b == b' ').filter(|w| !w.is_empty()) {
        let needed = if line.is_empty() { 0 } else { 1 } + word.len();
        if !line.is_empty() && line.len() + needed > columns {
            lines.push(std::mem::take(&mut line));
        }
        for piece in word.chunks(columns) {
            if !line.is_empty() && line.len() + 1 + piece.len() > columns {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(b' ');
            }
            line.extend_from_slice(piece);
            if line.len() >= columns {
                lines.push(std::mem::take(&mut line));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_and_splits_only_giants() {
        let lines = wrap(b"one two three four", 9);
        assert_eq!(
            lines,
            vec![b"one two".to_vec(), b"three".to_vec(), b"four".to_vec()]
        );
        let lines = wrap(b"abcdefghijkl", 5);
        assert_eq!(
            lines,
            vec![b"abcde".to_vec(), b"fghij".to_vec(), b"kl".to_vec()]
        );
        assert_eq!(wrap(b"", 5), vec![Vec::<u8>::new()]);
    }

    #[test]
    fn latin_documents_need_no_fonts_except_for_nothing() {
        let mut encoder = Encoder::new(EncoderOptions::default(), &Fonts::new());
        let doc = Document::new("en")
            .with(Block::Heading("Hello".into()))
            .with(Block::KeyValue {
                key: "Ref".into(),
                value: "A-1".into(),
            })
            .with(Block::Cut);
        let bytes = encoder.encode(&doc).unwrap();
        assert!(bytes.starts_with(&[0x1b, b'@', 0x1b, b't', 16]));
        assert!(bytes.ends_with(&cmd::CUT));
        let arabic = Document::new("ar").with(Block::Text("مرحبا".into()));
        assert!(matches!(
            encoder.encode(&arabic),
            Err(EncodeError::Render(RenderError::NoFonts))
        ));
    }

    #[test]
    fn key_value_lines_fill_the_width_and_mirror_in_rtl() {
        let encoder = Encoder::new(EncoderOptions::default(), &Fonts::new());
        let mut out = Vec::new();
        encoder.key_value_text(b"Ref", b"A-1", false, &mut out);
        let text: Vec<u8> = out.iter().copied().filter(|b| *b >= 0x20).collect();
        let expected_gap = 48 - 3 - 3;
        assert!(
            String::from_utf8_lossy(&text).contains(&format!("Ref{}", " ".repeat(expected_gap))),
            "{}",
            String::from_utf8_lossy(&text)
        );
        let mut out = Vec::new();
        encoder.key_value_text(b"Ref", b"A-1", true, &mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        assert!(
            text.contains(&format!("A-1\x1bE\x00{}Ref", " ".repeat(expected_gap))),
            "{text:?}"
        );
    }
}
