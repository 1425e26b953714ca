//! Text the printer's code page cannot show, drawn into one-bit images: shaped (Arabic
//! letters joined), laid out in bidirectional order, wrapped and aligned by cosmic-text, with
//! the fonts the caller hands over (the kiosk's Noto fonts; nothing is read from the system).

use std::sync::Arc;

use cosmic_text::{
    Align, Attrs, Buffer, Color, Family, FontSystem, Metrics, Shaping, SwashCache, Weight, Wrap,
    fontdb,
};

use super::raster::Bitmap;

/// Fonts for printing, as bytes (TrueType/OpenType). The first font's family is the default;
/// the others are used for the scripts it lacks.
#[derive(Clone, Default)]
pub struct Fonts {
    faces: Vec<Arc<dyn AsRef<[u8]> + Send + Sync>>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("faces", &self.faces.len())
            .finish()
    }
}

impl Fonts {
    /// No fonts: only code-page text can be printed.
    pub fn new() -> Fonts {
        Fonts::default()
    }

    /// Adds a font file's bytes (e.g. `include_bytes!` or `std::fs::read`).
    pub fn with(mut self, bytes: impl AsRef<[u8]> + Send + Sync + 'static) -> Fonts {
        self.faces.push(Arc::new(bytes));
        self
    }

    /// True when no font was given.
    pub fn is_empty(&self) -> bool {
        self.faces.is_empty()
    }
}

/// Horizontal placement of a text within the paper width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// At the start of the line (left in LTR, right in RTL).
    Start,
    /// Centred.
    Centre,
    /// At the end of the line (right in LTR, left in RTL).
    End,
}

/// How a text is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Font size in dots (34 dots ≈ 12 pt at 203 dpi).
    pub size: f32,
    /// Bold.
    pub bold: bool,
    /// Where on the line.
    pub placement: Placement,
}

/// Why text cannot be drawn.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RenderError {
    /// The text needs drawing but no font was given.
    #[error("this text needs printing as an image, but the printer was given no fonts")]
    NoFonts,
    /// None of the given bytes is a font.
    #[error("none of the {0} font files given to the printer could be read as a font")]
    BadFonts(usize),
}

/// Draws text into bitmaps. Building one loads the fonts (tens of milliseconds); keep it.
pub struct TextRenderer {
    system: FontSystem,
    cache: SwashCache,
}

impl std::fmt::Debug for TextRenderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextRenderer")
            .field("faces", &self.system.db().len())
            .finish()
    }
}

impl TextRenderer {
    /// A renderer with exactly `fonts` (no system fonts, so output is the same everywhere).
    pub fn new(fonts: &Fonts) -> Result<TextRenderer, RenderError> {
        if fonts.is_empty() {
            return Err(RenderError::NoFonts);
        }
        let mut db = fontdb::Database::new();
        for face in &fonts.faces {
            db.load_font_source(fontdb::Source::Binary(Arc::clone(face)));
        }
        let Some(primary) = db
            .faces()
            .next()
            .and_then(|face| face.families.first())
            .map(|(name, _)| name.clone())
        else {
            return Err(RenderError::BadFonts(fonts.faces.len()));
        };
        db.set_sans_serif_family(primary);
        // The locale only steers which CJK face is preferred; we ship one.
        let system = FontSystem::new_with_locale_and_db("en-US".to_owned(), db);
        Ok(TextRenderer {
            system,
            cache: SwashCache::new(),
        })
    }

    /// `text` drawn `width` dots wide, wrapped at words, in `rtl` or LTR order. The image is
    /// as tall as its lines.
    pub fn render(&mut self, text: &str, style: TextStyle, rtl: bool, width: u32) -> Bitmap {
        let line_height = (style.size * 1.3).ceil();
        let mut buffer = Buffer::new(&mut self.system, Metrics::new(style.size, line_height));
        buffer.set_size(Some(width as f32), None);
        buffer.set_wrap(Wrap::WordOrGlyph);
        let weight = if style.bold {
            Weight::BOLD
        } else {
            Weight::NORMAL
        };
        let attrs = Attrs::new().family(Family::SansSerif).weight(weight);
        let align = match (style.placement, rtl) {
            (Placement::Centre, _) => Align::Center,
            (Placement::Start, false) | (Placement::End, true) => Align::Left,
            (Placement::Start, true) | (Placement::End, false) => Align::Right,
        };
        buffer.set_text(text, &attrs, Shaping::Advanced, Some(align));
        buffer.shape_until_scroll(&mut self.system, false);
        let height = buffer
            .layout_runs()
            .map(|run| run.line_top + run.line_height)
            .fold(0.0_f32, f32::max)
            .ceil() as u32;
        let mut image = Bitmap::new(width, height);
        buffer.draw(
            &mut self.system,
            &mut self.cache,
            Color::rgb(0, 0, 0),
            |x, y, w, h, color| {
                // Anti-aliased coverage to one bit: half covered or more is ink.
                if color.a() >= 128 {
                    image.fill(i64::from(x), i64::from(y), w, h);
                }
            },
        );
        image
    }

    /// The width in dots of the widest line of `text` laid out without wrapping.
    pub fn measure(&mut self, text: &str, style: TextStyle) -> f32 {
        let line_height = (style.size * 1.3).ceil();
        let mut buffer = Buffer::new(&mut self.system, Metrics::new(style.size, line_height));
        buffer.set_wrap(Wrap::None);
        let weight = if style.bold {
            Weight::BOLD
        } else {
            Weight::NORMAL
        };
        let attrs = Attrs::new().family(Family::SansSerif).weight(weight);
        buffer.set_text(text, &attrs, Shaping::Advanced, None);
        buffer.shape_until_scroll(&mut self.system, false);
        buffer
            .layout_runs()
            .map(|run| run.line_w)
            .fold(0.0_f32, f32::max)
    }
}
