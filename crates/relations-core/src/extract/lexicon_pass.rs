//! Every word lexicon (registry, titles, organization heads, given names, event triggers and
//! cues, sectors, the words that start a figure) matched in one pass over a document's
//! normalized text: each word is walked once, then each extractor takes its own hits, per
//! document or per sentence.

use super::gazetteer::{Combined, Hit};
use crate::text::words::Word;
use super::{actors, events, figures, registry, sectors};
use std::sync::LazyLock;

/// Overlapping whole-word hits of each lexicon, in text order.
pub struct LexiconHits {
    /// The words of the text.
    pub words: Vec<Word>,
    /// The actor rules' lexicons.
    pub actors: actors::ActorHits,
    pub triggers: Vec<Hit>,
    pub cues: Vec<Hit>,
    pub sectors: Vec<Hit>,
    pub figure_starts: Vec<Hit>,
}

static ALL: LazyLock<Combined> = LazyLock::new(|| {
    let (titles, org_heads, given_names) = actors::lexicon_forms();
    let (triggers, cues) = events::lexicon_forms();
    Combined::new(&[registry::REGISTRY.gazetteer.forms(), titles, org_heads, given_names, triggers, cues, sectors::SECTORS.forms(), figures::FIGURE_STARTS.forms()])
});

/// The hits in `norm`, given its words as `words::words` cuts them (a document's come from
/// `dates::tokens_and_words`).
pub fn match_all(norm: &str, words: Vec<Word>) -> LexiconHits {
    let mut members = ALL.find_all(norm, &words).into_iter();
    let mut next = || members.next().unwrap_or_default();
    let actors = actors::ActorHits { registry: next(), titles: next(), org_heads: next(), given_names: next() };
    LexiconHits { words, actors, triggers: next(), cues: next(), sectors: next(), figure_starts: next() }
}

/// The hits lying inside the normalized range `from..to`.
fn hits_in(hits: &[Hit], from: usize, to: usize) -> impl Iterator<Item = &Hit> {
    let first = hits.partition_point(|h| h.word_start < from);
    hits[first..].iter().take_while(move |h| h.word_start < to).filter(move |h| h.end <= to)
}

/// Some hit lies inside the normalized range `from..to`.
pub fn any_within(hits: &[Hit], from: usize, to: usize) -> bool {
    hits_in(hits, from, to).next().is_some()
}

/// The hits lying inside the normalized range `from..to`, with offsets made relative to `from`.
pub fn within(hits: &[Hit], from: usize, to: usize) -> Vec<Hit> {
    hits_in(hits, from, to).map(|h| Hit { start: h.start - from, end: h.end - from, word_start: h.word_start - from, entry: h.entry }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize_str;
    use crate::text::words::words;

    #[test]
    fn one_pass_finds_what_each_lexicon_finds_alone() {
        let n = normalize_str("وصل وزير الخارجية الإيطالي إلى طرابلس. وبحث التعاون الزراعي والصحي، وقد يوقع مذكرة تفاهم.");
        let all = match_all(&n, words(&n));
        assert_eq!(all.actors.registry, registry::REGISTRY.gazetteer.find_all(&n));
        assert_eq!(all.sectors, sectors::SECTORS.find_all(&n));
        assert!(!all.triggers.is_empty() && !all.cues.is_empty() && !all.actors.titles.is_empty());
        let with_figures = normalize_str("وصلت ثلاث شحنات وطائرتان إلى المطار");
        let figure_starts = figures::FIGURE_STARTS.find_all(&with_figures);
        assert_eq!(match_all(&with_figures, words(&with_figures)).figure_starts, figure_starts);
        assert_eq!(figure_starts.len(), 2, "{figure_starts:?}");
        // A sentence's share, relative to the sentence: as if matched on the sentence alone.
        let second = n.find("وبحث").unwrap();
        assert_eq!(within(&all.sectors, second, n.len()), sectors::SECTORS.find_all(&n[second..]));
        assert_eq!(within(&all.actors.registry, second, n.len()), Vec::new());
    }
}
