//! Extractors: dates, numbers and figures, actors, events and sectors. `extract` runs them
//! on one document, in order, and turns their byte spans into dataset records with
//! code-point offsets.

pub mod actors;
pub mod analysis;
pub mod datelines;
pub mod dates;
pub mod events;
pub mod figures;
pub mod gazetteer;
pub mod lexicon;
pub mod lexicon_pass;
pub mod numbers;
pub mod registry;
pub mod sectors;

use crate::model::{Document, Extraction, Mention};
use analysis::Analysis;

/// Everything one document yields.
pub fn extract(doc: &Document) -> Extraction {
    // Normalized text, lexicon hits, actor mentions, dates and sentences.
    let a = Analysis::new(doc);
    let mut ex = Extraction { mentions: mentions(&a), ..Extraction::default() };
    let mut seen = rustc_hash::FxHashSet::default();
    ex.actors = a.mentions.iter().filter(|m| seen.insert(&*m.actor.actor_id)).map(|m| m.actor.clone()).collect();
    ex.figures = figures::records(&a);
    let sector_words = sectors::sentence_sectors(&a);
    let events = events::find_events(&a, &sector_words);
    ex.sectors = sectors::records(&a, &sector_words, &events);
    ex.events = events.events.into_iter().map(|(event, _)| event).collect();
    ex.signature = crate::reprints::signature::signature(&a.norm.text, &a.hits.words);
    ex
}

/// The mention records, in text order.
fn mentions(a: &Analysis) -> Vec<Mention> {
    a.mentions
        .iter()
        .map(|m| {
            let (char_start, char_end) = a.chars.chars(m.start, m.end);
            let role_en = m.role_text.as_deref().and_then(actors::roles::role_en);
            Mention { doc_id: a.doc_id.clone(), actor_id: m.actor.id(), mention_text: a.excerpt(m.start, m.end), role_text: m.role_text.clone(), role_en, char_start, char_end }
        })
        .collect()
}
