//! Matching form of Arabic text: no diacritics or tatweel, one alef, ى→ي, ة→ه, ؤ→و, ئ→ي,
//! Western digits, lower-case Latin. Every byte of the normalized text remembers where its
//! character started in the original, so matches map back to original offsets.

use super::letters::{arabic_run_end, folded_match_letter, MATCH_FOLDED};

#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// Runs in which normalized and original bytes advance together, as (normalized start,
    /// original start), ascending in both. Folds never widen a char, so a run breaks only after
    /// a dropped mark or a char that narrows (٣ → 3): a few runs per document, where a map
    /// entry per byte cost a tenth of the run.
    runs: Vec<(usize, usize)>,
    original_len: usize,
}

impl Normalized {
    /// Original byte range of the normalized range `start..end` (char boundaries). The end
    /// extends over any removed marks (diacritics, tatweel) that follow the last kept letter.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let (s, e) = (self.original_offset(start), self.original_offset(end));
        (s, e.max(s))
    }

    /// The runs, for a reader that maps offsets back itself (`extract::dates`).
    pub fn runs(&self) -> &[(usize, usize)] {
        &self.runs
    }

    /// Where the character that produced normalized byte `at` starts in the original; the
    /// original's length at the end.
    fn original_offset(&self, at: usize) -> usize {
        if at >= self.text.len() {
            return self.original_len;
        }
        let run = self.runs.partition_point(|&(n, _)| n <= at) - 1;
        let (n, o) = self.runs[run];
        o + (at - n)
    }

    /// Normalized byte offset of original byte `at` (a char boundary): where the first
    /// character at or after it landed (a sentence's range in the normalized text).
    pub fn normalized_offset(&self, at: usize) -> usize {
        let next = self.runs.partition_point(|&(_, o)| o < at);
        let next_start = self.runs.get(next).map_or(self.text.len(), |&(n, _)| n);
        if let Some(&(n, o)) = next.checked_sub(1).map(|r| &self.runs[r]) {
            // Inside the run before, unless `at` lies past its end (in dropped marks).
            if n + (at - o) < next_start {
                return n + (at - o);
            }
        }
        next_start
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
    let mut runs: Vec<(usize, usize)> = Vec::new();
    // Starts a run at `at` unless the text so far is in step with the original there.
    let mark = |runs: &mut Vec<(usize, usize)>, n: usize, at: usize| {
        if runs.last().is_none_or(|&(rn, ro)| n - rn != at - ro) {
            runs.push((n, at));
        }
    };
    let mut at = 0;
    while at < bytes.len() {
        // Most of the text folds to itself: copy such a run at once.
        let run_end = kept_run_end(bytes, at);
        if run_end > at {
            mark(&mut runs, text.len(), at);
            text.push_str(&original[at..run_end]);
            at = run_end;
            continue;
        }
        if let Some(folded) = folded_match_letter(&bytes[at..]) {
            // The common folds (ة أ إ آ ى ؤ ئ) keep the length: the text stays in step.
            mark(&mut runs, text.len(), at);
            text.push(folded);
            at += 2;
            continue;
        }
        let Some(c) = original[at..].chars().next() else { break };
        if let Some(f) = fold_char(c) {
            mark(&mut runs, text.len(), at);
            text.push(f);
            if f.len_utf8() != c.len_utf8() {
                // What follows a narrowed char is out of step with the original.
                runs.push((text.len(), at + c.len_utf8()));
            }
        }
        at += c.len_utf8();
    }
    // A run that starts at the end holds no text.
    runs.retain(|&(n, _)| n < text.len());
    Normalized { text, runs, original_len: original.len() }
}

/// End of the run from byte `at` of characters `fold_char` keeps as they are: ASCII other than
/// capitals, and the Arabic letters U+0621..U+064A but for the alef forms, ى ة ؤ ئ.
fn kept_run_end(bytes: &[u8], mut at: usize) -> usize {
    loop {
        let ascii_end = at + bytes[at..].iter().take_while(|b| b.is_ascii() && !b.is_ascii_uppercase()).count();
        let end = arabic_run_end(bytes, ascii_end, MATCH_FOLDED);
        if end == at {
            return at;
        }
        at = end;
    }
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
    fn folded_letters_read_from_bytes_fold_as_chars_do() {
        let mut found = 0;
        for c in '\u{0080}'..='\u{07FF}' {
            let mut buf = [0; 4];
            if let Some(folded) = folded_match_letter(c.encode_utf8(&mut buf).as_bytes()) {
                assert_eq!(Some(folded), fold_char(c), "{c:?}");
                assert_eq!(folded.len_utf8(), c.len_utf8(), "{c:?}");
                found += 1;
            }
        }
        assert_eq!(found, 7);
    }

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
        for original in ["Libya وليبيا، ١٢ أيار/مايو: مؤتمر ﻻ يُعقد\u{00A0}غداً — QATAR ئ ى ة ـ 5%", "", "A", "ؤ", "ًً", "بًّ٣٤ـ", "٣"] {
            let n = normalize(original);
            let folded: String = original.chars().filter_map(fold_char).collect();
            assert_eq!(n.text, folded);
            // Each normalized char boundary maps back to the start of the char it came from
            // (the original's end at the end), and each original char boundary to where the
            // first char at or after it landed: checked against a map of every byte.
            let mut origin = Vec::new();
            for (at, c) in original.char_indices() {
                if let Some(f) = fold_char(c) {
                    origin.extend(std::iter::repeat_n(at, f.len_utf8()));
                }
            }
            origin.push(original.len());
            for i in (0..=n.text.len()).filter(|&i| n.text.is_char_boundary(i)) {
                assert_eq!(n.original_range(i, i).0, origin[i], "{original} @{i}");
            }
            for at in (0..=original.len()).filter(|&at| original.is_char_boundary(at)) {
                assert_eq!(n.normalized_offset(at), origin[..origin.len() - 1].partition_point(|&o| o < at), "{original} @{at}");
            }
        }
    }
}
