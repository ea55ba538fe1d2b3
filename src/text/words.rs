//! Words: maximal runs of letters and digits. Lexicon forms start and end at word edges.

/// Is `c` part of a word (letters of any script, digits)?
#[inline]
pub fn is_word_char(c: char) -> bool {
    // Fast paths for the scripts that make up nearly all text here.
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{0669}' => true,
        ' ' | '\n' | '.' | ',' | '،' | '؛' | '؟' | ':' | '"' | '(' | ')' | '-' => false,
        _ => c.is_alphanumeric(),
    }
}

/// One word, as a byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 8);
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push(Word { start: s, end: at });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Word { start: s, end: text.len() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let text = "وزار الوفد طرابلس، يوم 12-3.";
        let got: Vec<&str> = words(text).iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(got, ["وزار", "الوفد", "طرابلس", "يوم", "12", "3"]);
        assert_eq!(words("").len(), 0);
        assert_eq!(words("abc").last(), Some(&Word { start: 0, end: 3 }));
    }
}
