//! Sentence spans: split at line breaks and at . ! ? ؟ ؛ (not inside numbers like 9.1).
//! A run-on longer than `MAX_SENTENCE_BYTES` is cut at a comma or a space: every extractor
//! works a sentence at a time, so a bounded sentence keeps their work linear in the document.

/// About 2,000 Arabic letters, several times the longest sentence seen in news text.
pub const MAX_SENTENCE_BYTES: usize = 4096;

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
            push_bounded(text, s + lead, s + lead + trimmed.len(), out);
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

/// Push `[start, end)`, cut into pieces of at most `MAX_SENTENCE_BYTES`: after the last comma
/// of a piece's second half, else its last space, else at a character boundary.
fn push_bounded(text: &str, mut start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    while end - start > MAX_SENTENCE_BYTES {
        let limit = text.floor_char_boundary(start + MAX_SENTENCE_BYTES);
        let half = text.floor_char_boundary(start + MAX_SENTENCE_BYTES / 2);
        let window = &text[half..limit];
        let cut = window
            .rfind(['،', ','])
            .map(|i| half + i + window[i..].chars().next().map_or(1, char::len_utf8))
            .or_else(|| window.rfind(char::is_whitespace).map(|i| half + i))
            .unwrap_or(limit);
        let piece = &text[start..cut];
        let trimmed = piece.trim_end();
        out.push((start, start + trimmed.len()));
        let rest = &text[cut..end];
        start = cut + (rest.len() - rest.trim_start().len());
        if start >= end {
            return;
        }
    }
    out.push((start, end));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::is_any_digit;

    #[test]
    fn splits_on_arabic_punctuation_but_not_decimals() {
        let text = "بلغ التبادل 9.1 مليارات يورو. هل يستمر؟ نعم\nسطر آخر";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["بلغ التبادل 9.1 مليارات يورو.", "هل يستمر؟", "نعم", "سطر آخر"]);
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
                    '.' => !(text[..i].chars().next_back().is_some_and(is_any_digit) && text[end..].chars().next().is_some_and(is_any_digit)),
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
    fn run_ons_are_cut_at_commas_or_spaces_into_bounded_pieces() {
        let clause = "وقع الجانبان اتفاقا بقيمة 5 ملايين دولار، ";
        let text = clause.repeat(1000);
        let parts = sentences(&text);
        assert!(parts.len() >= text.len() / MAX_SENTENCE_BYTES);
        for &(s, e) in &parts {
            assert!(e - s <= MAX_SENTENCE_BYTES && e > s);
            assert!(text[s..e].ends_with('،'), "cut after a comma: {:?}", &text[e.saturating_sub(20)..e]);
        }
        // Nothing is lost: the pieces and the spaces between them make up the text.
        let joined: String = parts.iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, text.trim_end());
        // No comma, no space: cut at a character boundary.
        let letters = "ب".repeat(5000);
        let parts = sentences(&letters);
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|&(s, e)| letters.is_char_boundary(s) && letters.is_char_boundary(e)));
        // Ordinary sentences are untouched.
        assert_eq!(sentences("جملة قصيرة، ثم أخرى."), vec![(0, "جملة قصيرة، ثم أخرى.".len())]);
    }

    #[test]
    fn semicolons_exclamations_and_edges() {
        let text = "  أولا؛ ثانيا! ثالثا?\n\n.رابعا 3.";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["أولا؛", "ثانيا!", "ثالثا?", ".", "رابعا 3."]);
        assert!(sentences("").is_empty() && sentences(" \n ").is_empty());
    }
}
