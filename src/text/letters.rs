//! Runs of plain Arabic letters: the letters the folds of `ingest::boilerplate`,
//! `extract::dates` and `extract::numbers` leave as they are (everything but the alef forms,
//! ى, ة and tatweel), so those can copy a run at once instead of char by char.

/// An Arabic letter (U+0621..U+064A) that normalization keeps as it is: most of the text.
/// Tested by a bit mask: a `match` over these letters compiles to a jump table that
/// mispredicts on every char.
pub fn is_plain_arabic_letter(c: char) -> bool {
    const fn bit(c: char) -> u64 {
        1 << (c as u32 - 0x621)
    }
    const CHANGED: u64 = bit('أ') | bit('إ') | bit('آ') | bit('ى') | bit('ة') | bit('\u{0640}');
    let offset = (c as u32).wrapping_sub(0x621);
    offset < 42 && CHANGED >> offset & 1 == 0
}

/// End of the run of plain Arabic letters starting at byte `at` of a UTF-8 text: each is two
/// bytes, led by D8 or D9.
pub fn plain_arabic_run_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&[lead @ (0xD8 | 0xD9), next]) = bytes.get(at..at + 2) {
        let code = (u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F);
        if !char::from_u32(code).is_some_and(is_plain_arabic_letter) {
            break;
        }
        at += 2;
    }
    at
}
