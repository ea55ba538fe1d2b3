//! Byte offsets (what Rust slices use) to code-point offsets (what the dataset and Python use).

pub struct CharIndex {
    /// Byte offset of every char, in order, plus the text length.
    starts: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        starts.push(text.len() as u32);
        Self { starts }
    }

    /// Code-point offset of a byte offset (rounded down to its char).
    pub fn char_at(&self, byte: usize) -> usize {
        match self.starts.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
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
}
