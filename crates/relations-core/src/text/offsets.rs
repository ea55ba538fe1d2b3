//! Byte offsets (what Rust slices use) to code-point offsets (what the dataset and Python use).

use super::letters::byte_mask;

pub struct CharIndex<'t> {
    bytes: &'t [u8],
    /// Chars before each block of `BLOCK` bytes, and which of the block's bytes start a char
    /// (bit i for byte i): an entry per block, not per char, and a count is one popcount.
    blocks: Vec<(u32, u64)>,
}

const BLOCK: usize = 64;

/// Does byte `b` start a char (is it no UTF-8 continuation byte)?
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0u32;
        let (whole, rest) = bytes.as_chunks::<BLOCK>();
        for block in whole {
            // Two halves: a 64-bit mask is not vectorized (`byte_mask`).
            let (halves, _) = block.as_chunks::<32>();
            let starts = u64::from(byte_mask(&halves[0], starts_char)) | u64::from(byte_mask(&halves[1], starts_char)) << 32;
            blocks.push((count, starts));
            count += starts.count_ones();
        }
        if !rest.is_empty() {
            let starts = rest.iter().enumerate().fold(0u64, |mask, (i, &b)| mask | (u64::from(starts_char(b)) << i));
            blocks.push((count, starts));
            count += starts.count_ones();
        }
        // The end of the text opens a block of its own, so that every offset has one.
        blocks.push((count, 0));
        Self { bytes, blocks }
    }

    /// Code-point offset of a byte offset (rounded down to its char).
    pub fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        let (block, at) = (byte / BLOCK, byte % BLOCK);
        // A block past the end (a text ending on a block boundary) is the last entry.
        let (before, starts) = self.blocks.get(block).copied().unwrap_or((self.blocks.last().map_or(0, |b| b.0), 0));
        let below = starts & ((1u64 << at) - 1);
        let inside_a_char = self.bytes.get(byte).is_some_and(|&b| !starts_char(b));
        before as usize + below.count_ones() as usize - usize::from(inside_a_char)
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
