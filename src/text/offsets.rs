//! Byte offsets (what Rust slices use) to code-point offsets (what the dataset and Python use).

pub struct CharIndex<'t> {
    bytes: &'t [u8],
    /// Chars before each block of `BLOCK` bytes: an entry per block, not per char.
    before_block: Vec<u32>,
}

const BLOCK: usize = 64;

/// Does byte `b` start a char (is it no UTF-8 continuation byte)?
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut before_block = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0u32;
        for block in bytes.chunks(BLOCK) {
            before_block.push(count);
            count += block.iter().filter(|&&b| starts_char(b)).count() as u32;
        }
        Self { bytes, before_block }
    }

    /// Code-point offset of a byte offset (rounded down to its char).
    pub fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        let block = byte / BLOCK;
        let Some(&before) = self.before_block.get(block) else {
            // The end of a text whose length is a multiple of BLOCK (or of an empty text).
            return self.bytes.iter().filter(|&&b| starts_char(b)).count();
        };
        let starts = self.bytes[block * BLOCK..byte].iter().filter(|&&b| starts_char(b)).count();
        let inside_a_char = self.bytes.get(byte).is_some_and(|&b| !starts_char(b));
        before as usize + starts - usize::from(inside_a_char)
    }

    pub fn chars(&self, start: usize, end: usize) -> (i32, i32) {
        (self.char_at(start) as i32, self.char_at(end) as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_not_bytes() {
        let text = "ليبيا 2025 Libya";
        let idx = CharIndex::new(text);
        let b = text.find("2025").unwrap();
        assert_eq!(idx.char_at(b), 6);
        assert_eq!(idx.char_at(text.len()), text.chars().count());
    }

    #[test]
    fn every_byte_maps_to_its_char_across_blocks() {
        for text in ["", "a", &"ب".repeat(32), &"ليبيا وتونس 2025 — Libya ✓ ".repeat(9)] {
            let idx = CharIndex::new(text);
            let mut expected = Vec::new();
            for (i, c) in text.chars().enumerate() {
                expected.extend(std::iter::repeat_n(i, c.len_utf8()));
            }
            expected.push(text.chars().count());
            for (byte, &want) in expected.iter().enumerate() {
                assert_eq!(idx.char_at(byte), want, "{text:?} @{byte}");
            }
            assert_eq!(idx.char_at(text.len() + 5), text.chars().count());
        }
    }
}
