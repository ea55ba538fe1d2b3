//! What a run makes of its articles, without I/O: each input unit read into a document and its
//! extraction (`read_unit`), then the run's own steps in input order (`Assembly`): documents
//! de-duplicated by id, actors made distinct, reprints marked, events linked into stories.
//!
//! The CLI streams its batches through an `Assembly` and writes them as they come; the Python
//! package holds a whole batch and takes `tables`. Both give the same rows for the same articles.

use crate::extract;
use crate::ingest::document::PrepareOptions;
use crate::ingest::{self, InputUnit};
use crate::log;
use crate::model::*;
use crate::reprints::ReprintIndex;
use crate::stories::StoryIndex;
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

/// The time budget of one article unless a run sets another (`--max-article-seconds`).
pub const DEFAULT_ARTICLE_TIME: Duration = Duration::from_secs(60);

/// One input unit through ingest and extraction.
///
/// The time budget is checked when the unit is done: every extractor is linear in the text, so
/// a unit over it (a minute by default, while 8 MB take under a second) points at a defect, and
/// is a reject rather than a stall of the nightly run's data.
pub fn read_unit(unit: InputUnit, opts: &PrepareOptions, budget: Duration) -> Outcome {
    let started = Instant::now();
    match ingest::prepare(unit, opts) {
        Ok(doc) => {
            let extraction = extract::extract(&doc);
            match too_slow(&doc, started.elapsed(), budget) {
                Some(reject) => Outcome::Rejected(reject),
                None => Outcome::Document(Box::new((doc, extraction))),
            }
        }
        Err(reject) => Outcome::Rejected(reject),
    }
}

fn too_slow(doc: &Document, took: Duration, budget: Duration) -> Option<Reject> {
    (took > budget).then(|| Reject {
        source: doc.source.clone(),
        reason: "too_slow".into(),
        detail: format!("reading it took {:.1} s, over the {:.1} s budget (--max-article-seconds); split the article, and report it", took.as_secs_f64(), budget.as_secs_f64()),
    })
}

/// Rows of the tables that need no other document, in input order: the documents before their
/// reprint marks and the events before their stories.
#[derive(Default)]
pub struct Batch {
    pub documents: Vec<Document>,
    pub events: Vec<Event>,
    pub mentions: Vec<Mention>,
    pub figures: Vec<Figure>,
    pub sectors: Vec<Sector>,
    pub rejects: Vec<Reject>,
}

impl Batch {
    /// Empties the batch and keeps its capacity.
    pub fn clear(&mut self) {
        self.documents.clear();
        self.events.clear();
        self.mentions.clear();
        self.figures.clear();
        self.sectors.clear();
        self.rejects.clear();
    }
}

/// What `Assembly::add` did with an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    Document,
    /// The same text as an earlier document: a `duplicate` reject.
    Duplicate,
    /// The unit could not be read: its reject.
    Failed,
}

/// The run-wide state: every document id seen, the distinct actors, and what reprint marking and
/// story linking need of each document and event once the run has seen them all.
#[derive(Default)]
pub struct Assembly {
    // Every document id seen, for de-duplication: the one table that grows with the corpus,
    // so keyed by the id's 64 bits rather than its hex string.
    first_source_of: HashMap<u64, Box<str>>,
    doc_of_id: HashMap<u64, u64>,
    actors: BTreeMap<String, ActorRef>,
    stories: StoryIndex,
    reprints: ReprintIndex,
}

/// What an assembly leaves for the end of the run.
pub struct Finish {
    /// Per document in input order: its reprint mark (`ReprintIndex::originals`).
    pub reprints: ReprintIndex,
    /// Per event in input order: its story (`StoryIndex::link`).
    pub stories: StoryIndex,
    /// Distinct actors in id order.
    pub actors: Vec<Actor>,
}

impl Assembly {
    /// Takes the next outcome in input order, moving its rows (or its reject) into `batch`.
    pub fn add(&mut self, outcome: Outcome, batch: &mut Batch) -> Added {
        let (doc, ex) = match outcome {
            Outcome::Document(boxed) => *boxed,
            Outcome::Rejected(reject) => {
                batch.rejects.push(reject);
                return Added::Failed;
            }
        };
        let key = doc_key(&doc.doc_id);
        if let Some(first) = self.first_source_of.get(&key) {
            batch.rejects.push(duplicate_reject(&doc.source, first, &doc.doc_id));
            return Added::Duplicate;
        }
        self.first_source_of.insert(key, doc.source.as_str().into());
        warn_on_reused_id(&mut self.doc_of_id, &self.first_source_of, key, &doc);
        for a in ex.actors {
            if !self.actors.contains_key(&*a.actor_id) {
                self.actors.insert(a.actor_id.to_string(), a);
            }
        }
        self.stories.add(&doc, &ex.events);
        self.reprints.add(key, doc.published_date, ex.signature);
        batch.documents.push(doc);
        batch.events.extend(ex.events);
        batch.mentions.extend(ex.mentions);
        batch.figures.extend(ex.figures);
        batch.sectors.extend(ex.sectors);
        Added::Document
    }

    pub fn finish(self) -> Finish {
        let actors = self.actors.into_values().map(|a| match a {
            ActorRef::Registry(a) => a.clone(),
            ActorRef::Found(a) => std::sync::Arc::unwrap_or_clone(a),
        }).collect();
        Finish { reprints: self.reprints, stories: self.stories, actors }
    }
}

/// The reject of a document whose cleaned text an earlier one (`first_source`) already had: the
/// run keeps the text once, as that first document. Engines that de-duplicate by an ordering
/// key of their own make the same row with this.
pub fn duplicate_reject(source: &str, first_source: &str, doc_id: &str) -> Reject {
    Reject {
        source: source.into(),
        reason: "duplicate".into(),
        detail: format!("same text as {first_source}; kept once as document {doc_id}"),
    }
}

/// Per document in input order: the id of the document it reprints, if any.
pub fn reprint_marks(reprints: ReprintIndex) -> Vec<Option<String>> {
    reprints.originals().into_iter().map(|o| o.map(|k| format!("{k:016x}"))).collect()
}

/// Every table of a run, in memory; `duplicate_of` and `story_ids` are the columns the
/// documents and events get at the end of the run, one per row.
#[derive(Default)]
pub struct Tables {
    pub documents: Vec<Document>,
    pub duplicate_of: Vec<Option<String>>,
    pub events: Vec<Event>,
    pub story_ids: Vec<String>,
    pub stories: Vec<Story>,
    pub actors: Vec<Actor>,
    pub mentions: Vec<Mention>,
    pub figures: Vec<Figure>,
    pub sectors: Vec<Sector>,
    pub rejects: Vec<Reject>,
}

/// A whole run over `outcomes` (in input order), held in memory.
pub fn tables(outcomes: impl IntoIterator<Item = Outcome>) -> Tables {
    let mut assembly = Assembly::default();
    let mut batch = Batch::default();
    for outcome in outcomes {
        assembly.add(outcome, &mut batch);
    }
    let Finish { reprints, stories, actors } = assembly.finish();
    let stories = stories.link();
    let Batch { documents, events, mentions, figures, sectors, rejects } = batch;
    Tables {
        documents,
        duplicate_of: reprint_marks(reprints),
        story_ids: (0..events.len()).map(|i| stories.story_id_of(i)).collect(),
        events,
        stories: stories.rows(0..stories.len()),
        actors,
        mentions,
        figures,
        sectors,
        rejects,
    }
}

/// An `id` given twice (in JSON units or metadata) to different texts is a warning: both
/// documents are kept, but joins on `source_id` will not be one-to-one. Ids are kept as
/// hashes, with the key of the first document that had them.
fn warn_on_reused_id(doc_of_id: &mut HashMap<u64, u64>, first_source_of: &HashMap<u64, Box<str>>, key: u64, doc: &Document) {
    let Some(id) = doc.source_id.as_deref().filter(|_| doc.source.contains('#')) else { return };
    let first = *doc_of_id.entry(doc_key(&short_hash(&[id]))).or_insert(key);
    if first != key {
        let source = first_source_of.get(&first).map_or("an earlier article", |s| &**s);
        log::warn(&format!("{}: id {id:?} was already given to {source}, whose text differs; give each article its own id", doc.source));
    }
}

/// A document id (`model::short_hash`: 16 hex digits) as the 64-bit number it spells.
fn doc_key(doc_id: &str) -> u64 {
    u64::from_str_radix(doc_id, 16).unwrap_or_else(|_| {
        use std::hash::{BuildHasher, BuildHasherDefault};
        BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(doc_id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{MetadataIndex, Payload};

    #[test]
    fn a_document_key_is_the_number_its_id_spells() {
        let id = short_hash(&["نص المقال"]);
        assert_eq!(format!("{:016x}", doc_key(&id)), id);
        assert_ne!(doc_key(&id), doc_key(&short_hash(&["نص آخر"])));
    }

    fn unit(source: &str, text: &str) -> InputUnit {
        let line = serde_json::json!({ "id": source, "text": text, "published": "2025-03-02" });
        InputUnit { source: source.into(), file: String::new(), payload: Ok(Payload::Json(line, 0)), bytes: text.len() as u64 }
    }

    #[test]
    fn a_run_keeps_a_text_once_and_rejects_what_it_cannot_read() {
        let metadata = MetadataIndex::default();
        let opts = PrepareOptions { metadata: &metadata, reference_date: None };
        let text = "استقبل رئيس الوزراء الليبي في طرابلس اليوم الأحد وزير الخارجية الإيطالي.";
        let outcomes = [unit("a#1", text), unit("a#2", text), unit("a#3", "  ")].map(|u| read_unit(u, &opts, DEFAULT_ARTICLE_TIME));
        let t = tables(outcomes);
        assert_eq!(t.documents.len(), 1);
        assert_eq!(t.duplicate_of, vec![None]);
        let reasons: Vec<(&str, &str)> = t.rejects.iter().map(|r| (r.source.as_str(), r.reason.as_str())).collect();
        assert_eq!(reasons, [("a#2", "duplicate"), ("a#3", "no_text")]);
        assert_eq!(t.story_ids.len(), t.events.len());
        assert!(!t.events.is_empty(), "the reception is an event");
        assert_eq!(t.stories.iter().map(|s| s.n_events as usize).sum::<usize>(), t.events.len());
        // Actors are distinct and in id order.
        assert!(t.actors.windows(2).all(|w| w[0].actor_id < w[1].actor_id));
    }
}
