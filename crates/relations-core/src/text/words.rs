//! Words: maximal runs of letters and digits. Lexicon forms start and end at word edges.

use super::letters::{arabic_code, arabic_run_end};

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

/// The words of `text`, in order. A document's words are cut by the date tokenizer's walk over
/// its normalized text (`extract::dates::tokens_and_words`, tested to agree with this); this
/// serves lone texts.
pub fn words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 8);
    let mut start = None;
    let mut at = 0;
    while at < bytes.len() {
        // A run of Arabic letters, most of the text, is word chars: skipped at once.
        let letters_end = arabic_run_end(bytes, at, 0);
        if letters_end > at {
            start.get_or_insert(at);
            at = letters_end;
            continue;
        }
        // ASCII and the two-byte Arabic block are told from their bytes; other chars decoded.
        let (is_word, width) = match bytes[at] {
            b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
            lead @ (0xD8 | 0xD9) => {
                let code = arabic_code(lead, bytes.get(at + 1).copied().unwrap_or(0));
                (char::from_u32(code).is_some_and(is_word_char), 2)
            }
            _ => {
                let c = text[at..].chars().next().unwrap_or(' ');
                (is_word_char(c), c.len_utf8())
            }
        };
        match (is_word, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push(Word { start: s, end: at });
                start = None;
            }
            _ => {}
        }
        at += width;
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

    #[test]
    fn byte_fast_paths_agree_with_is_word_char() {
        // Every char of the Arabic block and its neighbours, between spaces and glued.
        let block: String = ('\u{0590}'..='\u{0750}').chain(['a', 'Z', '5', '_', '😀', 'é', '\u{00A0}']).collect();
        for text in [block.clone(), block.chars().flat_map(|c| [c, ' ']).collect()] {
            let mut expected = Vec::new();
            let mut start = None;
            for (at, c) in text.char_indices() {
                match (is_word_char(c), start) {
                    (true, None) => start = Some(at),
                    (false, Some(s)) => {
                        expected.push(Word { start: s, end: at });
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                expected.push(Word { start: s, end: text.len() });
            }
            assert_eq!(words(&text), expected);
        }
    }
}
