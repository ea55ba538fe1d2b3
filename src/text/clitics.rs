//! Arabic proclitics that may stand glued before a name: و ف (conjunctions), ب ل ك
//! (prepositions), ال (article) and their combinations (وبال، لل، فال، وللـ...).

/// Is `prefix` (normalized text) a sequence of proclitics that may precede a lexicon word?
pub fn is_proclitic_prefix(prefix: &str) -> bool {
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
}
