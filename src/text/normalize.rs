//! Matching form of Arabic text: no diacritics or tatweel, one alef, ى→ي, ة→ه, ؤ→و, ئ→ي,
//! Western digits, lower-case Latin. Every byte of the normalized text remembers where its
//! character started in the original, so matches map back to original offsets.

#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]` = byte offset in the original of the character that produced normalized
    /// byte `i`; one extra entry holds the original length.
    origin: Vec<u32>,
}

impl Normalized {
    /// Original byte range of the normalized range `start..end`. The end extends over any
    /// removed marks (diacritics, tatweel) that follow the last kept letter.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.origin.get(start).copied().unwrap_or(0) as usize;
        let e = self.origin.get(end).copied().unwrap_or(0) as usize;
        (s, e.max(s))
    }

    /// Normalized byte offset of original byte `at`: where the first character at or after it
    /// landed (a sentence's range in the normalized text).
    pub fn normalized_offset(&self, at: usize) -> usize {
        self.origin[..self.origin.len() - 1].partition_point(|&o| (o as usize) < at)
    }
}

/// Is `c` removed entirely when matching (harakat, Quranic marks, tatweel, bidi controls)?
pub fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The matching form of one character (None when it is dropped).
pub fn fold_char(c: char) -> Option<char> {
    if is_ignorable(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        'ی' => 'ي',
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '\u{00A0}' => ' ',
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    })
}

pub fn normalize(original: &str) -> Normalized {
    let mut text = String::with_capacity(original.len());
    let mut origin = Vec::with_capacity(original.len() + 1);
    for (at, c) in original.char_indices() {
        if let Some(f) = fold_char(c) {
            let before = text.len();
            text.push(f);
            origin.extend(std::iter::repeat_n(at as u32, text.len() - before));
        }
    }
    origin.push(original.len() as u32);
    Normalized { text, origin }
}

/// Normalizes a lexicon entry the same way (no offset map needed).
pub fn normalize_str(s: &str) -> String {
    let folded: String = s.chars().filter_map(fold_char).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letter_variants_and_digits() {
        assert_eq!(normalize_str("إيطاليا"), "ايطاليا");
        assert_eq!(normalize_str("القاهرة"), "القاهره");
        assert_eq!(normalize_str("مصطفى"), "مصطفي");
        assert_eq!(normalize_str("٢٠٢٥"), "2025");
        assert_eq!(normalize_str("بيلاروسيًّا"), "بيلاروسيا");
        assert_eq!(normalize_str("تـــعاون"), "تعاون");
    }

    #[test]
    fn ranges_map_back_to_the_original() {
        let original = "زار وفدٌ بيلاروسيٌّ مدينةَ بنغازي";
        let n = normalize(original);
        let at = n.text.find("بيلاروسي").unwrap();
        let (s, e) = n.original_range(at, at + "بيلاروسي".len());
        assert_eq!(&original[s..e], "بيلاروسيٌّ");
        let at = n.text.find("بنغازي").unwrap();
        let (s, e) = n.original_range(at, at + "بنغازي".len());
        assert_eq!(&original[s..e], "بنغازي");
        assert_eq!(n.normalized_offset(s), at);
        assert_eq!(n.normalized_offset(original.len()), n.text.len());
    }
}
