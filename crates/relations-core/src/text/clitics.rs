//! Arabic proclitics that may stand glued before a name: و ف (conjunctions), ب ل ك
//! (prepositions), ال (article) and their combinations (وبال، لل، فال، وللـ...).

/// Offsets in `word` (normalized) where a lexicon form may begin: the word start and the end of
/// each proclitic chain it opens with (وبالجزائر: 0, 2, 4, 8). A chain is a conjunction (و ف),
/// then a preposition (ب ل ك) and/or the article, or لل; the tests spell the rule out plainly
/// (`is_proclitic_prefix`). Read as a small automaton over the letters' bytes: this runs at
/// every word.
pub fn proclitic_ends(word: &str) -> impl Iterator<Item = usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Start,
        Conjunction,
        Preposition,
        Lam,
        Alef,
        Done,
    }
    use State::*;
    const WAW: [u8; 2] = [0xD9, 0x88];
    const FA: [u8; 2] = [0xD9, 0x81];
    const BA: [u8; 2] = [0xD8, 0xA8];
    const KAF: [u8; 2] = [0xD9, 0x83];
    const LAM: [u8; 2] = [0xD9, 0x84];
    const ALEF: [u8; 2] = [0xD8, 0xA7];
    let bytes = word.as_bytes();
    let mut ends = [0usize; 5];
    let mut n = 1;
    let (mut state, mut at) = (Start, 0);
    while let Some(&[a, b]) = bytes.get(at..at + 2) {
        state = match (state, [a, b]) {
            (Start, WAW | FA) => Conjunction,
            (Start | Conjunction, BA | KAF) => Preposition,
            (Start | Conjunction, LAM) => Lam,
            (Start | Conjunction | Preposition | Lam, ALEF) => Alef,
            // لل (ل + the article) and ال end a chain.
            (Lam | Alef, LAM) => Done,
            _ => break,
        };
        at += 2;
        // A lone alef is no chain; a chain spanning the whole word leaves no form.
        if state != Alef && at < bytes.len() {
            ends[n] = at;
            n += 1;
        }
        if state == Done {
            break;
        }
    }
    ends.into_iter().take(n)
}

/// Strips a leading article from a normalized lexicon entry (الجزائر → جزائر), so that the
/// article is matched like any other proclitic. Short words keep theirs.
pub fn strip_article(entry: &str) -> &str {
    match entry.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => entry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Is `prefix` (normalized text) a sequence of proclitics that may precede a lexicon word?
    /// The rule `proclitic_ends` reads as an automaton, written plainly as its reference.
    fn is_proclitic_prefix(prefix: &str) -> bool {
        let mut rest = prefix;
        if rest.is_empty() {
            return true;
        }
        if let Some(r) = rest.strip_prefix('و').or_else(|| rest.strip_prefix('ف')) {
            rest = r;
        }
        // لل = ل + ال (the alef of the article drops after ل)
        if let Some(r) = rest.strip_prefix("لل") {
            return r.is_empty();
        }
        if let Some(r) = rest.strip_prefix('ب').or_else(|| rest.strip_prefix('ل')).or_else(|| rest.strip_prefix('ك')) {
            rest = r;
        }
        rest.is_empty() || rest == "ال"
    }

    #[test]
    fn accepts_clitic_chains_and_rejects_letters() {
        for p in ["", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "فال", "لل", "ولل", "وبال", "فبال", "وب", "كال"] {
            assert!(is_proclitic_prefix(p), "{p}");
        }
        for p in ["م", "ت", "الل", "بب", "اال", "ي"] {
            assert!(!is_proclitic_prefix(p), "{p}");
        }
    }

    #[test]
    fn article_is_stripped_from_long_entries_only() {
        assert_eq!(strip_article("الجزائر"), "جزائر");
        assert_eq!(strip_article("الروس"), "روس");
        assert_eq!(strip_article("الله"), "الله");
    }

    #[test]
    fn proclitic_ends_are_the_prefixes_the_clitic_rules_accept() {
        // Every word of up to five letters from the proclitic alphabet, plus a stem.
        let letters = ["و", "ف", "ب", "ل", "ك", "ا", "م"];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = words.iter().flat_map(|w| letters.iter().map(move |l| format!("{w}{l}"))).collect();
            words.extend(longer);
        }
        for stem in ["", "جزاير", "ه"] {
            for w in &words {
                let word = format!("{w}{stem}");
                if word.is_empty() {
                    continue;
                }
                let expected: Vec<usize> = word.char_indices().take(5).map(|(i, _)| i).filter(|&i| is_proclitic_prefix(&word[..i])).collect();
                assert_eq!(proclitic_ends(&word).collect::<Vec<_>>(), expected, "{word}");
            }
        }
    }
}
