//! Sentence spans: split at line breaks and at . ! ? ؟ ؛ (not inside numbers like 9.1).

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
    // Bytes, not chars: the split marks are ASCII or start with D8 (؟ D8 9F, ؛ D8 9B), and
    // neither kind of byte occurs inside another char.
    for (i, &b) in bytes.iter().enumerate() {
        let len = match b {
            b'\n' | b'!' | b'?' => 1,
            b'.' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit());
                if digit_before && digit_after {
                    continue;
                }
                1
            }
            0xD8 if matches!(bytes.get(i + 1), Some(0x9F | 0x9B)) => 2,
            _ => continue,
        };
        push(start, i + len, &mut out);
        start = i + len;
    }
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

    #[test]
    fn semicolons_exclamations_and_edges() {
        let text = "  أولا؛ ثانيا! ثالثا?\n\n.رابعا 3.";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["أولا؛", "ثانيا!", "ثالثا?", ".", "رابعا 3."]);
        assert!(sentences("").is_empty() && sentences(" \n ").is_empty());
    }
}
