//! One document as the steps after actors and dates read it: its normalized text and lexicon
//! hits, actor mentions and date expressions (each sorted by start), and its sentences with
//! their share of each. Built once; figures, events and sectors only read it.

use super::actors::{self, ActorMention};
use super::dates::{self, DateMatch};
use super::gazetteer::Hit;
use super::lexicon_pass::{self, LexiconHits};
use super::datelines;
use crate::model::{Document, Excerpt};
use crate::text::clauses::Clauses;
use crate::text::words::Word;
use crate::text::{normalize, sentences, CharIndex, Normalized, is_quotation_mark};
use std::collections::BTreeSet;
use std::sync::Arc;

/// A sentence: its byte range in the original text and in the normalized text.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    norm_start: usize,
    norm_end: usize,
}

pub struct Analysis<'d> {
    pub doc: &'d Document,
    /// The document's id, shared by its records.
    pub doc_id: Arc<str>,
    pub text: &'d str,
    pub norm: Normalized,
    pub chars: CharIndex<'d>,
    pub hits: LexiconHits,
    /// Actor mentions, by start.
    pub mentions: Vec<ActorMention>,
    /// Date expressions outside datelines, by start.
    pub dates: Vec<DateMatch>,
    pub sentences: Vec<Sentence>,
    /// The country adjectives that qualify a cited outlet (وكالة “نوفا” الإيطالية), by span.
    outlet_adjectives: BTreeSet<(usize, usize)>,
}

impl<'d> Analysis<'d> {
    pub fn new(doc: &'d Document) -> Analysis<'d> {
        let text: &str = &doc.text;
        let norm = normalize(text);
        let (date_tokens, words) = dates::tokens_and_words(&norm.text);
        let mut hits = lexicon_pass::match_all(&norm.text, words);
        let actor_hits = std::mem::take(&mut hits.actors);
        let mentions: Vec<ActorMention> =
            actors::find_actors_in(text, &norm, &hits.words, actor_hits).into_iter().map(|m| datelines::dateline_city(text, m)).collect();
        let dates = dates::find_dates_in(text, &norm, date_tokens, doc.published_date).into_iter().filter(|d| !datelines::is_dateline(text, d)).collect();
        let sentences = sentences(text)
            .into_iter()
            .map(|(start, end)| Sentence { start, end, norm_start: norm.normalized_offset(start), norm_end: norm.normalized_offset(end) })
            .collect();
        let outlet_adjectives = mentions
            .windows(2)
            .filter(|w| w[0].actor.org_kind.as_deref() == Some("media") && w[1].actor.actor_type == "country")
            .filter(|w| text.get(w[0].end..w[1].start).is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || is_quotation_mark(c))))
            .map(|w| (w[1].start, w[1].end))
            .collect();
        Analysis { doc, doc_id: doc.doc_id.as_str().into(), text, chars: CharIndex::new(text), norm, hits, mentions, dates, sentences, outlet_adjectives }
    }

    /// `text[start..end]` as a record's excerpt.
    pub fn excerpt(&self, start: usize, end: usize) -> Excerpt {
        Excerpt::new(&self.doc.text, start, end)
    }

    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text[s.start..s.end]
    }

    /// The sentence's part of the normalized text.
    pub fn sentence_norm(&self, s: &Sentence) -> &str {
        &self.norm.text[s.norm_start..s.norm_end]
    }

    /// Original byte range of `a..b`, offsets in the sentence's normalized text.
    pub fn original(&self, s: &Sentence, a: usize, b: usize) -> (usize, usize) {
        let (oa, ob) = self.norm.original_range(s.norm_start + a, s.norm_start + b);
        (oa, ob.min(s.end))
    }

    /// The sentence's hits of one lexicon, relative to its normalized text.
    pub fn hits_in(&self, s: &Sentence, hits: &[Hit]) -> Vec<Hit> {
        lexicon_pass::within(hits, s.norm_start, s.norm_end)
    }

    /// Has the sentence a hit of this lexicon?
    pub fn any_hit_in(&self, s: &Sentence, hits: &[Hit]) -> bool {
        lexicon_pass::any_within(hits, s.norm_start, s.norm_end)
    }

    /// The document's words that lie in the sentence (offsets in the document's normalized text).
    fn words_in(&self, s: &Sentence) -> &[Word] {
        let words = slice_by_start(&self.hits.words, s.norm_start, s.norm_end, |w| w.start);
        &words[..words.partition_point(|w| w.end <= s.norm_end)]
    }

    /// The sentence's words as normalized text, in order: read from the document's one word
    /// list, not cut again.
    pub fn sentence_words(&self, s: &Sentence) -> impl Iterator<Item = &str> + '_ {
        self.words_in(s).iter().map(|w| &self.norm.text[w.start..w.end])
    }

    /// The sentence's clauses, offsets in its normalized text.
    pub fn clauses(&self, s: &Sentence) -> Clauses {
        let words: Vec<Word> = self.words_in(s).iter().map(|w| Word { start: w.start - s.norm_start, end: w.end - s.norm_start }).collect();
        Clauses::new(self.sentence_norm(s), &words)
    }

    /// Normalized offset, in the sentence, of original byte `at` of it.
    pub fn normalized_in(&self, s: &Sentence, at: usize) -> usize {
        self.norm.normalized_offset(at) - s.norm_start
    }

    /// The mentions that start in the sentence.
    pub fn mentions_in(&self, s: &Sentence) -> &[ActorMention] {
        slice_by_start(&self.mentions, s.start, s.end, |m| m.start)
    }

    /// The date expressions that lie in the sentence.
    pub fn dates_in(&self, s: &Sentence) -> Vec<&DateMatch> {
        slice_by_start(&self.dates, s.start, s.end, |d| d.start).iter().filter(|d| d.end <= s.end).collect()
    }

    /// Can this mention be a party to an event or a figure? A cited outlet, the country
    /// adjective after it and the dateline's place cannot.
    pub fn can_be_party(&self, m: &ActorMention) -> bool {
        m.actor.org_kind.as_deref() != Some("media") && !self.outlet_adjectives.contains(&(m.start, m.end)) && !datelines::is_dateline_place(self.text, m)
    }

    /// The ISO3 codes of the sentence's possible parties, sorted, once each.
    pub fn party_countries(&self, s: &Sentence) -> Vec<&str> {
        let mut codes: Vec<&str> = self.mentions_in(s).iter().filter(|m| self.can_be_party(m)).filter_map(|m| m.actor.country.as_deref()).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }
}

/// The run of `items` (sorted by `start_of`) that starts in `from..to`.
fn slice_by_start<T>(items: &[T], from: usize, to: usize, start_of: impl Fn(&T) -> usize) -> &[T] {
    let first = items.partition_point(|x| start_of(x) < from);
    let last = first + items[first..].partition_point(|x| start_of(x) < to);
    &items[first..last]
}
