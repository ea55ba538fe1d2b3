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
    let bytes = original.as_bytes();
    let mut text = String::with_capacity(original.len());
    let mut origin = Vec::with_capacity(original.len() + 1);
    let mut at = 0;
    while at < bytes.len() {
        // Most of the text folds to itself: copy such a run at once.
        let run_end = kept_run_end(bytes, at);
        if run_end > at {
            text.push_str(&original[at..run_end]);
            while at < run_end {
                let width = if bytes[at] < 0x80 { 1 } else { 2 };
                origin.extend(std::iter::repeat_n(at as u32, width));
                at += width;
            }
            continue;
        }
        let Some(c) = original[at..].chars().next() else { break };
        if let Some(f) = fold_char(c) {
            let before = text.len();
            text.push(f);
            origin.extend(std::iter::repeat_n(at as u32, text.len() - before));
        }
        at += c.len_utf8();
    }
    origin.push(original.len() as u32);
    Normalized { text, origin }
}

/// End of the run from byte `at` of characters `fold_char` keeps as they are: ASCII other than
/// capitals, and the Arabic letters U+0621..U+064A but for the alef forms, ى ة ؤ ئ.
fn kept_run_end(bytes: &[u8], mut at: usize) -> usize {
    const fn bit(c: char) -> u64 {
        1 << (c as u32 - 0x621)
    }
    const FOLDED: u64 = bit('أ') | bit('إ') | bit('آ') | bit('ى') | bit('ة') | bit('ؤ') | bit('ئ') | bit('\u{0640}');
    while let Some(&b) = bytes.get(at) {
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                break;
            }
            at += 1;
            continue;
        }
        let Some(&[lead @ (0xD8 | 0xD9), next]) = bytes.get(at..at + 2) else { break };
        let offset = ((u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F)).wrapping_sub(0x621);
        if offset >= 42 || FOLDED >> offset & 1 != 0 {
            break;
        }
        at += 2;
    }
    at
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

    #[test]
    fn fast_runs_fold_like_char_by_char() {
        for original in ["Libya وليبيا، ١٢ أيار/مايو: مؤتمر ﻻ يُعقد\u{00A0}غداً — QATAR ئ ى ة ـ 5%", "", "A", "ؤ"] {
            let n = normalize(original);
            let folded: String = original.chars().filter_map(fold_char).collect();
            assert_eq!(n.text, folded);
            // Each normalized byte maps back to the start of the character it came from.
            let mut expected = Vec::new();
            for (at, c) in original.char_indices() {
                if let Some(f) = fold_char(c) {
                    expected.extend(std::iter::repeat_n(at as u32, f.len_utf8()));
                }
            }
            expected.push(original.len() as u32);
            assert_eq!(n.origin, expected, "{original}");
        }
    }
}
