//! Runs of Arabic letters that a fold leaves as they are, so the folds of
//! `ingest::boilerplate`, `extract::dates` and `extract::numbers` can copy a run at once
//! instead of char by char, and `text::words` can skip one. Letters are tested by a bit mask: a `match` over them compiles to a
//! jump table that mispredicts on every char.

/// The bit of an Arabic letter (U+0621..U+064A) in a letter set.
pub const fn letter_bit(c: char) -> u64 {
    1 << (c as u32 - 0x621)
}

/// Letters the boilerplate, dates and numbers folds change: the alef forms, ى, ة and tatweel.
const CHANGED: u64 = letter_bit('أ') | letter_bit('إ') | letter_bit('آ') | letter_bit('ى') | letter_bit('ة') | letter_bit('\u{0640}');

/// Code point of a two-byte UTF-8 char led by D8..DB (U+0600..U+06FF).
pub fn arabic_code(lead: u8, next: u8) -> u32 {
    (u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F)
}

/// Does byte `b`, after byte `before`, end a digit: ASCII, Arabic-Indic (D9 A0..A9) or Eastern
/// Arabic-Indic (DB B0..B9)? Branch-free, for scans that test every byte pair of a text and so
/// are vectorized.
pub fn ends_digit(before: u8, b: u8) -> bool {
    b.is_ascii_digit() | (before == 0xD9 && b.wrapping_sub(0xA0) < 10) | (before == 0xDB && b.wrapping_sub(0xB0) < 10)
}

/// Does some byte of `bytes`, read with the byte before it (0 before the first), satisfy
/// `pair`? Blocks of 64 pairs are tested without an early exit, so that the scan is vectorized:
/// the byte tests that run on every line or sentence are written this way.
pub fn any_byte_pair(bytes: &[u8], pair: impl Fn(u8, u8) -> bool) -> bool {
    let Some((&first, _)) = bytes.split_first() else { return false };
    pair(0, first)
        || bytes[..bytes.len() - 1].chunks(64).zip(bytes[1..].chunks(64)).any(|(a, b)| a.iter().zip(b).fold(false, |found, (&a, &b)| found | pair(a, b)))
}

/// Bit `i` is set if `marked(block[i])`. A loop of known length with no early exit, which the
/// compiler makes vector compares: the bytes of a block are tested at once. (A 64-byte block
/// with a 64-bit mask is not vectorized so: take it as two halves.)
pub fn byte_mask(block: &[u8; 32], marked: impl Fn(u8) -> bool) -> u32 {
    let mut mask = 0u32;
    for (i, &b) in block.iter().enumerate() {
        mask |= u32::from(marked(b)) << i;
    }
    mask
}

/// Calls `found(i)`, in order, for each byte `bytes[i]` that `marked` accepts: a scan for rare
/// bytes passes over the others a block at a time (`byte_mask`).
pub fn for_each_marked_byte(bytes: &[u8], marked: impl Fn(u8) -> bool, mut found: impl FnMut(usize)) {
    let blocks = bytes.as_chunks::<32>();
    let mut base = 0;
    for block in blocks.0 {
        let mut mask = byte_mask(block, &marked);
        while mask != 0 {
            found(base + mask.trailing_zeros() as usize);
            mask &= mask - 1;
        }
        base += 32;
    }
    for (i, &b) in blocks.1.iter().enumerate() {
        if marked(b) {
            found(base + i);
        }
    }
}

/// Is code point `code` an Arabic letter (U+0621..U+064A) outside the set `changed`?
fn is_kept_letter(code: u32, changed: u64) -> bool {
    let offset = code.wrapping_sub(0x621);
    offset < 42 && changed >> offset & 1 == 0
}

/// An Arabic letter that the boilerplate, dates and numbers folds keep as it is: most text.
pub fn is_plain_arabic_letter(c: char) -> bool {
    is_kept_letter(c as u32, CHANGED)
}

/// The letter that each fold makes of a `CHANGED` letter other than tatweel (أ إ آ → ا, ى → ي,
/// ة → ه), read from the first bytes of `bytes`: the same length, so no decoding is needed.
pub fn folded_changed_letter(bytes: &[u8]) -> Option<char> {
    match bytes {
        [0xD8, 0xA2 | 0xA3 | 0xA5, ..] => Some('ا'),
        [0xD8, 0xA9, ..] => Some('ه'),
        [0xD9, 0x89, ..] => Some('ي'),
        _ => None,
    }
}

/// Letters the matching fold (`text::normalize`, and `extract::dates`) changes: `CHANGED`, ؤ and ئ.
pub const MATCH_FOLDED: u64 = CHANGED | letter_bit('ؤ') | letter_bit('ئ');

/// What the matching fold makes of a `MATCH_FOLDED` letter other than tatweel, read from the
/// first bytes of `bytes`: `folded_changed_letter`, ؤ → و and ئ → ي.
pub fn folded_match_letter(bytes: &[u8]) -> Option<char> {
    folded_changed_letter(bytes).or(match bytes {
        [0xD8, 0xA4, ..] => Some('و'),
        [0xD8, 0xA6, ..] => Some('ي'),
        _ => None,
    })
}

/// End of the run of Arabic letters outside `changed` starting at byte `at` of a UTF-8 text:
/// each is two bytes, led by D8 or D9.
pub fn arabic_run_end(bytes: &[u8], mut at: usize, changed: u64) -> usize {
    // The kept letters as one bit set per lead byte, indexed by the second byte's low six bits
    // (D8 A1..BF is U+0621..U+063F, D9 80..8A is U+0640..U+064A). The set is picked by the
    // lead's low bit, not by a branch: D8 and D9 alternate unpredictably.
    let kept = [(u64::MAX << 0x21) & !(changed << 0x21), ((1 << 11) - 1) & !(changed >> 31)];
    while at + 1 < bytes.len() {
        let lead = bytes[at];
        if lead & 0xFE != 0xD8 || kept[usize::from(lead & 1)] >> (bytes[at + 1] & 0x3F) & 1 == 0 {
            break;
        }
        at += 2;
    }
    at
}

/// `arabic_run_end` for the letters `is_plain_arabic_letter` accepts.
pub fn plain_arabic_run_end(bytes: &[u8], at: usize) -> usize {
    arabic_run_end(bytes, at, CHANGED)
}

/// A letter or digit that carries text: not a combining mark (harakat, Quranic marks), not the
/// tatweel that only stretches a word, not a zero-width or format character.
pub fn is_text_char(c: char) -> bool {
    let mark = matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}' | '\u{08D3}'..='\u{08FF}' | '\u{0640}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}');
    c.is_alphanumeric() && !mark
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_bytes_are_found_in_order_across_blocks() {
        for len in [0, 1, 31, 32, 33, 64, 65, 100] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 5) as u8).collect();
            let mut found = Vec::new();
            for_each_marked_byte(&bytes, |b| b == 0, |i| found.push(i));
            let expected: Vec<usize> = (0..len).filter(|&i| bytes[i] == 0).collect();
            assert_eq!(found, expected, "{len}");
        }
    }

    #[test]
    fn any_byte_pair_reads_every_pair_across_blocks() {
        // One marked byte at each place, around the 64-byte block edges: found, with the right
        // byte before it (0 before the first), and nothing found without it.
        for len in [0, 1, 2, 63, 64, 65, 128, 129, 200] {
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b'x';
                let before = if at > 0 { b'a' } else { 0 };
                assert!(any_byte_pair(&bytes, |a, b| a == before && b == b'x'), "{len} {at}");
                assert!(!any_byte_pair(&bytes, |a, b| a != before && b == b'x'), "{len} {at}");
            }
            assert!(!any_byte_pair(&vec![b'a'; len], |_, b| b == b'x'));
        }
    }

    #[test]
    fn ends_digit_reads_the_three_digit_rows() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let before = if bytes.len() > 1 { bytes[bytes.len() - 2] } else { b' ' };
            let digit = crate::text::normalize::is_any_digit(c);
            assert_eq!(ends_digit(before, bytes[bytes.len() - 1]), digit, "{c:?}");
        }
    }

    #[test]
    fn text_chars_are_letters_and_digits_not_marks() {
        assert!("ليبيا".chars().all(is_text_char) && "Eni 2025 ٣".chars().filter(|c| !c.is_whitespace()).all(is_text_char));
        assert!(!"\u{064E}\u{0651}\u{0640}\u{200B}\u{200F}\u{FEFF}\u{0301}.،؛!-…".chars().any(is_text_char));
    }

    #[test]
    fn runs_stop_at_changed_letters_and_other_chars() {
        let text = "ليبيا؛ أمس";
        assert_eq!(plain_arabic_run_end(text.as_bytes(), 0), "ليبيا".len());
        assert_eq!(plain_arabic_run_end(text.as_bytes(), "ليبيا؛ ".len()), "ليبيا؛ ".len());
        assert_eq!(arabic_run_end("مؤتمر".as_bytes(), 0, letter_bit('ؤ')), "م".len());
        assert!(is_plain_arabic_letter('ؤ') && !is_plain_arabic_letter('ة') && !is_plain_arabic_letter('a'));
        for c in '\u{0600}'..='\u{067F}' {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(arabic_code(bytes[0], bytes[1]), c as u32);
            // The bit sets per lead byte say what the code point test says.
            for changed in [0, CHANGED, letter_bit('ؤ') | letter_bit('ي') | letter_bit('ء')] {
                let kept = is_kept_letter(c as u32, changed);
                assert_eq!(arabic_run_end(bytes, 0, changed), if kept { 2 } else { 0 }, "{c:?}");
            }
        }
    }
}
