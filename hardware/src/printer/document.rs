//! What a receipt says, independent of any printer: a locale, a direction and a list of
//! blocks. The kiosk fills it with already-translated strings; the encoder turns it into
//! ESC/POS.

use unic_langid::{CharacterDirection, LanguageIdentifier};

/// Which way a document's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Left to right (Latin, Cyrillic, Chinese).
    #[default]
    LeftToRight,
    /// Right to left (Arabic): text is right-aligned and key/value lines are mirrored.
    RightToLeft,
}

impl Direction {
    /// The direction of a locale's script, e.g. `ar` → right to left. Unknown tags are LTR.
    pub fn of_locale(tag: &str) -> Direction {
        match tag.parse::<LanguageIdentifier>() {
            Ok(id) if id.character_direction() == CharacterDirection::RTL => Direction::RightToLeft,
            _ => Direction::LeftToRight,
        }
    }

    /// True for right to left.
    pub fn is_rtl(self) -> bool {
        self == Direction::RightToLeft
    }
}

/// One part of a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A large, bold, centred line (wrapped if long).
    Heading(String),
    /// A paragraph, aligned to the start of the line (left, or right in RTL).
    Text(String),
    /// A label and a value on one line, the label at the start and the value at the end
    /// (on two lines when both do not fit).
    KeyValue {
        /// The label, e.g. "Reference".
        key: String,
        /// The value, e.g. "SR-2041-7Q".
        value: String,
    },
    /// A QR code of this text, centred.
    Qr(String),
    /// A thin rule across the paper.
    Separator,
    /// Blank lines.
    Feed(u8),
    /// Feed to the cutter and cut (ignored by printers without one).
    Cut,
}

/// A receipt to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The locale its texts are in (BCP 47), used to pick fonts.
    pub locale: String,
    /// Which way its text runs.
    pub direction: Direction,
    /// What it says, top to bottom.
    pub blocks: Vec<Block>,
}

impl Document {
    /// An empty document in `locale`, with that locale's direction.
    pub fn new(locale: &str) -> Document {
        Document {
            locale: locale.to_owned(),
            direction: Direction::of_locale(locale),
            blocks: Vec::new(),
        }
    }

    /// Adds a block (builder style).
    pub fn with(mut self, block: Block) -> Document {
        self.blocks.push(block);
        self
    }

    /// Adds a block.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_the_locale_script() {
        assert_eq!(Direction::of_locale("ar"), Direction::RightToLeft);
        assert_eq!(Direction::of_locale("en"), Direction::LeftToRight);
        assert_eq!(Direction::of_locale("zh-Hans"), Direction::LeftToRight);
        assert_eq!(Direction::of_locale("uk"), Direction::LeftToRight);
        assert_eq!(Direction::of_locale("not a tag"), Direction::LeftToRight);
        assert!(Document::new("ar").direction.is_rtl());
    }
}
