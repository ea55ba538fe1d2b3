//! Matching form of Arabic text: no diacritics or tatweel, one alef, ى→ي, ة→ه, ؤ→و, ئ→ي,
//! Western digits, lower-case Latin. Every byte of the normalized text remembers where its
//! character started in the original, so matches map back to original offsets.

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

/// An Arabic-Indic (٠-٩) or Persian (۰-۹) digit as its ASCII digit; any other character as it is.
#[inline]
pub fn ascii_digit(c: char) -> char {
    match c {
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        _ => c,
    }
}

/// Is `c` a digit in ASCII, Arabic-Indic or Persian?
#[inline]
pub fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '٠'..='٩' | '۰'..='۹')
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
        '٠'..='٩' | '۰'..='۹' => ascii_digit(c),
        '\u{00A0}' => ' ',
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => c,
    })
}

pub fn normalize(original: &str) -> Normalized {
    let bytes = original.as_bytes();
    let mut out = vec![0; bytes.len()];
    let mut runs: Vec<(usize, usize)> = Vec::new();
    // Starts a run at `at` unless the text so far is in step with the original there.
    let mark = |runs: &mut Vec<(usize, usize)>, n: usize, at: usize| {
        if runs.last().is_none_or(|&(rn, ro)| n - rn != at - ro) {
            runs.push((n, at));
        }
    };
    let (mut read, mut write) = (0, 0);
    while read < bytes.len() {
        // Most chars keep their length: a stretch of them is folded at once.
        let next = same_length_end(bytes, read);
        if next > read {
            mark(&mut runs, write, read);
            fold_same_length(&bytes[read..next], &mut out[write..write + next - read]);
            write += next - read;
            read = next;
        }
        let Some(c) = original.get(read..).and_then(|rest| rest.chars().next()) else { break };
        if let Some(f) = fold_char(c) {
            mark(&mut runs, write, read);
            // A fold never widens a char: it fits where the original char was read.
            write += f.encode_utf8(&mut out[write..write + f.len_utf8()]).len();
            if f.len_utf8() != c.len_utf8() {
                // What follows a narrowed char is out of step with the original.
                runs.push((write, read + c.len_utf8()));
            }
        }
        read += c.len_utf8();
    }
    out.truncate(write);
    // Whole chars were folded or written, so the bytes are UTF-8. Checked by the SIMD validator
    // and copied: std's check took longer than the fold.
    let text = simdutf8::basic::from_utf8(&out).map_or_else(|_| String::from_utf8_lossy(&out).into_owned(), str::to_owned);
    // A run that starts at the end holds no text.
    runs.retain(|&(n, _)| n < text.len());
    Normalized { text, runs, original_len: original.len() }
}

/// End of the stretch from byte `from` (a char boundary) of chars that `fold_char` maps to a
/// char of the same length: ASCII, and Arabic letters U+0621..U+063A and U+0641..U+064A. The
/// rest (marks, tatweel, digits, chars outside ASCII and those letters) ends it. Byte pairs are
/// tested in blocks without an early exit, so that the scan is vectorized.
fn same_length_end(bytes: &[u8], from: usize) -> usize {
    const BLOCK: usize = 64;
    let ends = |a: u8, b: u8| ((a >= 0xC2) & (a & 0xFE != 0xD8)) | ((a == 0xD8) & (b.wrapping_sub(0xA1) > 0xBA - 0xA1)) | ((a == 0xD9) & (b.wrapping_sub(0x81) > 0x8A - 0x81));
    let Some(last) = bytes.len().checked_sub(1) else { return 0 };
    let mut at = from;
    // Pairs start before the last byte; a char ending the text there is ASCII.
    while at < last {
        let end = (at + BLOCK).min(last);
        let (leads, nexts) = (&bytes[at..end], &bytes[at + 1..end + 1]);
        if leads.iter().zip(nexts).fold(false, |found, (&a, &b)| found | ends(a, b)) {
            return at + leads.iter().zip(nexts).position(|(&a, &b)| ends(a, b)).unwrap_or(0);
        }
        at = end;
    }
    bytes.len().max(from)
}

/// `fold_char` on a stretch `same_length_end` accepted, byte for byte into `out` (as long):
/// capitals, أ إ آ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي. Each byte is rewritten from its neighbours
/// without branches, so that the loop is vectorized.
fn fold_same_length(stretch: &[u8], out: &mut [u8]) {
    match stretch.len() {
        0 => {}
        1 => out[0] = fold_byte(0, stretch[0], 0),
        n => {
            out[0] = fold_byte(0, stretch[0], stretch[1]);
            let triples = stretch[..n - 2].iter().zip(&stretch[1..n - 1]).zip(&stretch[2..]);
            for (o, ((&prev, &b), &next)) in out[1..n - 1].iter_mut().zip(triples) {
                *o = fold_byte(prev, b, next);
            }
            out[n - 1] = fold_byte(stretch[n - 2], stretch[n - 1], 0);
        }
    }
}

/// One byte of `fold_same_length`, given the bytes before and after it (0 at the stretch's ends).
#[inline(always)]
fn fold_byte(prev: u8, b: u8, next: u8) -> u8 {
    let pick = |cond: bool, then: u8, otherwise: u8| if cond { then } else { otherwise };
    let (after_d8, after_d9) = (prev == 0xD8, prev == 0xD9);
    // ة ؤ ئ (D8 A9/A4/A6) become letters led by D9.
    let mut f = pick((b == 0xD8) & ((next == 0xA9) | (next == 0xA4) | (next == 0xA6)), 0xD9, b);
    f = pick(after_d8 & ((b == 0xA2) | (b == 0xA3) | (b == 0xA5)), 0xA7, f); // آ أ إ → ا
    f = pick(after_d8 & (b == 0xA9), 0x87, f); // ة → ه
    f = pick(after_d8 & (b == 0xA4), 0x88, f); // ؤ → و
    f = pick(after_d8 & (b == 0xA6), 0x8A, f); // ئ → ي
    f = pick(after_d9 & (b == 0x89), 0x8A, f); // ى → ي
    pick(b.is_ascii_uppercase(), b.wrapping_add(32), f)
}

/// Normalizes a lexicon entry the same way (no offset map needed).
pub fn normalize_str(s: &str) -> String {
    let folded: String = s.chars().filter_map(fold_char).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::letters::folded_match_letter;

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
    fn every_char_that_folds_is_found_at_any_offset() {
        let chars: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        for (k, group) in chars.chunks(24).enumerate() {
            // Shifted by k % 3 bytes, so chars fall at every place of a 64-byte block.
            let text: String = "x".repeat(k % 3) + &group.iter().map(|c| format!("ب{c}")).collect::<String>();
            let n = normalize(&text);
            let folded: String = text.chars().filter_map(fold_char).collect();
            assert_eq!(n.text, folded, "{group:?}");
            let (at, c) = text.char_indices().last().unwrap();
            assert_eq!(n.original_range(0, n.text.len()), (0, text.len()), "{group:?}");
            if let Some(f) = fold_char(c) {
                assert_eq!(n.original_range(n.text.len() - f.len_utf8(), n.text.len()).0, at, "{group:?}");
            }
        }
        // The last byte alone: a capital folds there too.
        assert_eq!(normalize("بA").text, "بa");
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
