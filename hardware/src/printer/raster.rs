//! One-bit images and the ESC/POS raster command that prints them (`GS v 0`), in bands of at
//! most [`MAX_BAND_ROWS`] rows so that printers with small buffers keep up.

/// Rows per `GS v 0` command.
pub const MAX_BAND_ROWS: u32 = 960;

/// A black-and-white image, one bit per dot, rows packed most significant bit first (the
/// layout `GS v 0` takes).
#[derive(Clone, PartialEq, Eq)]
pub struct Bitmap {
    width: u32,
    height: u32,
    bytes_per_row: usize,
    bits: Vec<u8>,
}

impl std::fmt::Debug for Bitmap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bitmap")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("ink", &self.ink())
            .finish()
    }
}

/// Where ink is in a bitmap: the smallest rectangle holding every black dot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InkBounds {
    /// First column with ink.
    pub left: u32,
    /// Last column with ink.
    pub right: u32,
    /// First row with ink.
    pub top: u32,
    /// Last row with ink.
    pub bottom: u32,
}

impl Bitmap {
    /// A white image.
    pub fn new(width: u32, height: u32) -> Bitmap {
        let bytes_per_row = width.div_ceil(8) as usize;
        Bitmap {
            width,
            height,
            bytes_per_row,
            bits: vec![0; bytes_per_row * height as usize],
        }
    }

    /// From packed rows (as `GS v 0` carries them). `None` if the length does not match.
    pub fn from_packed(width: u32, height: u32, bits: Vec<u8>) -> Option<Bitmap> {
        let bytes_per_row = width.div_ceil(8) as usize;
        (bits.len() == bytes_per_row * height as usize).then_some(Bitmap {
            width,
            height,
            bytes_per_row,
            bits,
        })
    }

    /// Width in dots.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in dots.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Bytes per packed row.
    pub fn bytes_per_row(&self) -> usize {
        self.bytes_per_row
    }

    /// The packed rows.
    pub fn packed(&self) -> &[u8] {
        &self.bits
    }

    /// Inks the dot at (x, y); dots outside the image are ignored.
    pub fn set(&mut self, x: i64, y: i64) {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return;
        }
        let index = y as usize * self.bytes_per_row + (x as usize / 8);
        if let Some(byte) = self.bits.get_mut(index) {
            *byte |= 0x80 >> (x as usize % 8);
        }
    }

    /// Whether the dot at (x, y) is black.
    pub fn get(&self, x: u32, y: u32) -> bool {
        if x >= self.width || y >= self.height {
            return false;
        }
        let index = y as usize * self.bytes_per_row + (x as usize / 8);
        self.bits
            .get(index)
            .is_some_and(|byte| byte & (0x80 >> (x % 8)) != 0)
    }

    /// Inks a filled rectangle.
    pub fn fill(&mut self, x: i64, y: i64, width: u32, height: u32) {
        for dy in 0..i64::from(height) {
            for dx in 0..i64::from(width) {
                self.set(x + dx, y + dy);
            }
        }
    }

    /// Copies `other`'s ink onto this image with its top-left corner at (x, y).
    pub fn draw(&mut self, other: &Bitmap, x: i64, y: i64) {
        for oy in 0..other.height {
            for ox in 0..other.width {
                if other.get(ox, oy) {
                    self.set(x + i64::from(ox), y + i64::from(oy));
                }
            }
        }
    }

    /// Number of black dots.
    pub fn ink(&self) -> u64 {
        self.bits.iter().map(|b| u64::from(b.count_ones())).sum()
    }

    /// The rectangle holding all ink, `None` for a white image.
    pub fn ink_bounds(&self) -> Option<InkBounds> {
        let mut bounds: Option<InkBounds> = None;
        for y in 0..self.height {
            for x in 0..self.width {
                if self.get(x, y) {
                    let b = bounds.get_or_insert(InkBounds {
                        left: x,
                        right: x,
                        top: y,
                        bottom: y,
                    });
                    b.left = b.left.min(x);
                    b.right = b.right.max(x);
                    b.bottom = y;
                }
            }
        }
        bounds
    }

    /// The rows `top..top + height` as an image of their own.
    pub fn rows(&self, top: u32, height: u32) -> Bitmap {
        let top = top.min(self.height);
        let height = height.min(self.height - top);
        let start = top as usize * self.bytes_per_row;
        let end = start + height as usize * self.bytes_per_row;
        Bitmap {
            width: self.width,
            height,
            bytes_per_row: self.bytes_per_row,
            bits: self.bits.get(start..end).unwrap_or_default().to_vec(),
        }
    }

    /// Stacks images of the same width top to bottom.
    pub fn stack(images: &[Bitmap]) -> Option<Bitmap> {
        let first = images.first()?;
        if images.iter().any(|i| i.width != first.width) {
            return None;
        }
        let mut bits = Vec::new();
        for image in images {
            bits.extend_from_slice(&image.bits);
        }
        Bitmap::from_packed(first.width, images.iter().map(|i| i.height).sum(), bits)
    }

    /// The `GS v 0` commands printing this image at normal density, in bands.
    pub fn to_escpos(&self, out: &mut Vec<u8>) {
        let mut top = 0;
        while top < self.height {
            let band = self.rows(top, MAX_BAND_ROWS);
            let x = band.bytes_per_row as u16;
            let y = band.height as u16;
            out.extend_from_slice(&[0x1d, b'v', b'0', 0]);
            out.extend_from_slice(&x.to_le_bytes());
            out.extend_from_slice(&y.to_le_bytes());
            out.extend_from_slice(&band.bits);
            top += band.height;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_pack_most_significant_bit_first() {
        let mut image = Bitmap::new(10, 2);
        image.set(0, 0);
        image.set(9, 1);
        image.set(-1, 0);
        image.set(10, 0);
        assert_eq!(image.packed(), &[0x80, 0x00, 0x00, 0x40]);
        assert!(image.get(0, 0) && image.get(9, 1) && !image.get(1, 0));
        assert_eq!(image.ink(), 2);
        assert_eq!(
            image.ink_bounds(),
            Some(InkBounds {
                left: 0,
                right: 9,
                top: 0,
                bottom: 1
            })
        );
    }

    #[test]
    fn tall_images_go_out_in_bands() {
        let mut image = Bitmap::new(16, MAX_BAND_ROWS + 5);
        image.fill(0, 0, 16, MAX_BAND_ROWS + 5);
        let mut out = Vec::new();
        image.to_escpos(&mut out);
        let band = (MAX_BAND_ROWS as u16).to_le_bytes();
        assert_eq!(&out[..8], &[0x1d, b'v', b'0', 0, 2, 0, band[0], band[1]]);
        let second = 8 + 2 * MAX_BAND_ROWS as usize;
        assert_eq!(&out[second..second + 8], &[0x1d, b'v', b'0', 0, 2, 0, 5, 0]);
        assert_eq!(out.len(), 16 + 2 * (MAX_BAND_ROWS as usize + 5));
    }
}
