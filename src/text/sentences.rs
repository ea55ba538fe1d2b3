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
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let split = match c {
            '\n' => true,
            '!' | '?' | '؟' | '؛' => true,
            '.' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = bytes.get(end).is_some_and(|b| b.is_ascii_digit());
                !(digit_before && digit_after)
            }
            _ => false,
        };
        if split {
            push(start, end, &mut out);
            start = end;
        }
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
