//! Sentence spans: split at line breaks and at . ! ? ؟ ؛ (not inside numbers like 9.1).

use super::letters::{ends_digit, for_each_marked_byte};

/// Byte ranges of the sentences of `text`, trimmed, never empty.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push((s + lead, s + lead + trimmed.len()));
        }
    };
    // Bytes, not chars: every break is ASCII or ends in 9B/9F after D8 (؛ ؟). Those bytes are
    // rare, and found a block of bytes at a time.
    let may_end_break = |b: u8| (b == b'\n') | (b == b'!') | (b == b'?') | (b == b'.') | (b == 0x9B) | (b == 0x9F);
    for_each_marked_byte(bytes, may_end_break, |i| {
        let split = match bytes[i] {
            b'.' => {
                // A decimal point ("9.1", "١.٧") is no break; digits are Western, Arabic-Indic or Persian.
                let digit_before = i > 0 && ends_digit(if i > 1 { bytes[i - 2] } else { 0 }, bytes[i - 1]);
                let digit_after = bytes.get(i + 1).is_some_and(|&b| ends_digit(0, b) || (matches!(b, 0xD9 | 0xDB) && bytes.get(i + 2).is_some_and(|&c| ends_digit(b, c))));
                !(digit_before && digit_after)
            }
            0x9B | 0x9F => i > 0 && bytes[i - 1] == 0xD8,
            _ => true,
        };
        if split {
            push(start, i + 1, &mut out);
            start = i + 1;
        }
    });
    push(start, text.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_arabic_punctuation_but_not_decimals() {
        let text = "بلغ التبادل 9.1 مليارات يورو. هل يستمر؟ نعم\nسطر آخر";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["بلغ التبادل 9.1 مليارات يورو.", "هل يستمر؟", "نعم", "سطر آخر"]);
    }

    fn is_digit(c: char) -> bool {
        c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c)
    }

    #[test]
    fn arabic_indic_and_persian_decimals_are_no_break() {
        let text = "بلغ ١.٧ مليار دولار و۲.۵ مليون يورو. ثم 3.";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["بلغ ١.٧ مليار دولار و۲.۵ مليون يورو.", "ثم 3."]);
    }

    /// The byte scan splits where the earlier scan over chars (kept here as the reference)
    /// did, with every char from U+0000 to U+07FF, those ending in 9B or 9F included.
    #[test]
    fn byte_scan_splits_like_a_char_scan() {
        let by_chars = |text: &str| -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            let mut start = 0;
            let mut push = |s: usize, e: usize| {
                let piece = &text[s..e];
                let lead = piece.len() - piece.trim_start().len();
                if !piece.trim().is_empty() {
                    out.push((s + lead, s + lead + piece.trim().len()));
                }
            };
            for (i, c) in text.char_indices() {
                let end = i + c.len_utf8();
                let split = match c {
                    '\n' | '!' | '?' | '؟' | '؛' => true,
                    '.' => !(text[..i].chars().next_back().is_some_and(is_digit) && text[end..].chars().next().is_some_and(is_digit)),
                    _ => false,
                };
                if split {
                    push(start, end);
                    start = end;
                }
            }
            push(start, text.len());
            out
        };
        let text: String = ('\u{0}'..='\u{07FF}').map(|c| format!("كلمة{c}3{c}.4 {c}.{c} ٣.{c}")).collect();
        assert_eq!(sentences(&text), by_chars(&text));
        assert!(sentences(&text).len() > 100);
    }

    #[test]
    fn semicolons_exclamations_and_edges() {
        let text = "  أولا؛ ثانيا! ثالثا?\n\n.رابعا 3.";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["أولا؛", "ثانيا!", "ثالثا?", ".", "رابعا 3."]);
        assert!(sentences("").is_empty() && sentences(" \n ").is_empty());
    }
}
