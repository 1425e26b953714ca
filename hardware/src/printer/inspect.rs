//! Reads an ESC/POS stream back into its parts: text, line feeds, raster images and other
//! commands. Tests use it to check what a document sends; installers can use it to see what
//! reached a capture file. It knows exactly the commands this crate sends and rejects
//! anything else, so a stray byte in the output is caught.

use super::raster::Bitmap;

/// One part of an ESC/POS stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Printable bytes (in the selected code page).
    Text(Vec<u8>),
    /// LF.
    LineFeed,
    /// A `GS v 0` image.
    Raster(Bitmap),
    /// Any other command, with its parameters.
    Command(Vec<u8>),
}

/// Where and why a stream could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("byte {offset}: {reason}")]
pub struct InspectError {
    /// Offset in the stream.
    pub offset: usize,
    /// What was found there.
    pub reason: String,
}

/// The parts of `stream`, in order.
pub fn parse(stream: &[u8]) -> Result<Vec<Item>, InspectError> {
    let mut items = Vec::new();
    let mut i = 0;
    let error = |offset: usize, reason: String| InspectError { offset, reason };
    let take = |i: usize, n: usize| {
        stream
            .get(i..i + n)
            .ok_or_else(|| error(i, format!("command cut short (needs {n} bytes)")))
    };
    while i < stream.len() {
        let byte = stream[i];
        match byte {
            0x0a => {
                items.push(Item::LineFeed);
                i += 1;
            }
            0x1b => {
                let command = take(i, 2)?;
                let len = match command[1] {
                    b'@' | b'2' => 2,
                    b't' | b'a' | b'E' | b'd' | b'M' | b'!' => 3,
                    other => return Err(error(i, format!("unknown command ESC 0x{other:02x}"))),
                };
                items.push(Item::Command(take(i, len)?.to_vec()));
                i += len;
            }
            0x1d => {
                let command = take(i, 2)?;
                match command[1] {
                    b'!' => {
                        items.push(Item::Command(take(i, 3)?.to_vec()));
                        i += 3;
                    }
                    b'V' => {
                        let m = take(i, 3)?[2];
                        let len = if m >= 65 { 4 } else { 3 };
                        items.push(Item::Command(take(i, len)?.to_vec()));
                        i += len;
                    }
                    b'v' => {
                        let header = take(i, 8)?;
                        if header[2] != b'0' {
                            return Err(error(i, "GS v is not GS v 0".into()));
                        }
                        let bytes_per_row = usize::from(u16::from_le_bytes([header[4], header[5]]));
                        let rows = usize::from(u16::from_le_bytes([header[6], header[7]]));
                        let data = take(i + 8, bytes_per_row * rows)?.to_vec();
                        let image =
                            Bitmap::from_packed((bytes_per_row * 8) as u32, rows as u32, data)
                                .ok_or_else(|| error(i, "raster size mismatch".into()))?;
                        items.push(Item::Raster(image));
                        i += 8 + bytes_per_row * rows;
                    }
                    other => return Err(error(i, format!("unknown command GS 0x{other:02x}"))),
                }
            }
            0x10 => {
                let command = take(i, 3)?;
                if command[1] != 0x04 {
                    return Err(error(i, "DLE not followed by EOT".into()));
                }
                items.push(Item::Command(command.to_vec()));
                i += 3;
            }
            b if b < 0x20 || b == 0x7f => {
                return Err(error(i, format!("stray control byte 0x{b:02x}")));
            }
            _ => {
                let start = i;
                while i < stream.len() && stream[i] >= 0x20 && stream[i] != 0x7f {
                    i += 1;
                }
                items.push(Item::Text(stream[start..i].to_vec()));
            }
        }
    }
    Ok(items)
}

/// Every raster image of a parsed stream, in order.
pub fn rasters(items: &[Item]) -> Vec<&Bitmap> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Raster(image) => Some(image),
            _ => None,
        })
        .collect()
}

/// The text lines of a parsed stream, decoded from WPC1252.
pub fn text_lines(items: &[Item]) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = Vec::new();
    for item in items {
        match item {
            Item::Text(bytes) => line.extend_from_slice(bytes),
            Item::LineFeed => {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&line);
                lines.push(text.into_owned());
                line.clear();
            }
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_comes_apart_into_its_commands() {
        let mut stream = vec![0x1b, b'@', 0x1b, b't', 16, 0x1d, b'!', 0x11];
        stream.extend_from_slice(b"Caf\xe9\n");
        let mut image = Bitmap::new(16, 2);
        image.set(3, 1);
        image.to_escpos(&mut stream);
        stream.extend_from_slice(&[0x1d, b'V', 66, 0]);
        let items = parse(&stream).unwrap();
        assert_eq!(items.len(), 7);
        assert_eq!(text_lines(&items), vec!["Café".to_owned()]);
        assert_eq!(rasters(&items), vec![&image]);
        assert_eq!(items[6], Item::Command(vec![0x1d, b'V', 66, 0]));
    }

    #[test]
    fn garbage_is_reported_with_its_offset() {
        assert_eq!(parse(b"ok\x07").unwrap_err().offset, 2);
        assert_eq!(parse(&[0x1b, b'Z']).unwrap_err().offset, 0);
        assert!(parse(&[0x1d, b'v', b'0', 0, 1, 0, 5, 0, 0xff]).is_err());
    }
}
