//! Extractors: dates, numbers and figures, actors, events and sectors. `extract` runs them
//! all on one document and turns their byte spans into dataset records.

pub mod actors;
pub mod dates;
pub mod gazetteer;
pub mod lexicon;
pub mod registry;

use crate::model::{Document, Extraction, Mention};
use crate::text::{normalize, CharIndex};

/// Everything one document yields.
pub fn extract(doc: &Document) -> Extraction {
    let norm = normalize(&doc.text);
    let chars = CharIndex::new(&doc.text);
    let found = actors::find_actors(&doc.text, &norm);
    let mut ex = Extraction::default();
    for m in &found {
        let (char_start, char_end) = chars.chars(m.start, m.end);
        ex.mentions.push(Mention {
            doc_id: doc.doc_id.clone(),
            actor_id: m.actor.actor_id.clone(),
            mention_text: doc.text[m.start..m.end].to_string(),
            role_text: m.role_text.clone(),
            char_start,
            char_end,
        });
        if !ex.actors.iter().any(|a| a.actor_id == m.actor.actor_id) {
            ex.actors.push(m.actor.clone());
        }
    }
    ex
}
