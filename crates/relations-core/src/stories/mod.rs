//! Stories: the reports of one occurrence across the documents of a version.
//!
//! Every event is kept as a small report (ids as numbers, names interned) while the documents
//! stream through; at the end the reports are blocked by type and parties, taken in the order
//! they came out (publication day, then ids), and each joins the story it fits best among the
//! block's recent stories (`link::fit`) or opens its own. The order, and so the stories and
//! their ids, depend on the reports alone: not on input order, batches or threads. A story's
//! id comes from its earliest report, so adding later articles keeps it.

pub mod link;

use crate::model::{short_hash, Document, Event, Story};
use chrono::NaiveDate;
use link::{Report, Stated, StoryView};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Stories of a block a new report is compared with: the most recent ones, which bounds the
/// cost per report when a block (say, meetings of Libya and Turkey) holds thousands.
const CANDIDATES: usize = 48;

/// Strings seen once, then referred to by number.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let name: Arc<str> = s.into();
        let i = self.names.len() as u32;
        self.names.push(name.clone());
        self.ids.insert(name, i);
        i
    }
    fn name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }
}

struct Source {
    doc_id: u64,
    /// Its events are `entries[first_event..]` up to the next source's.
    first_event: u32,
    published: Option<NaiveDate>,
    outlet: Option<u32>,
}

/// An event as linking keeps it: a few numbers. Ids are `model::short_hash` hex, kept as the
/// 64 bits they spell (`id_key`).
struct Entry {
    event_id: u64,
    source: u32,
    /// Type and parties, interned: the block.
    block: u32,
    stated: Option<Stated>,
    location: Option<u32>,
    /// Interned set of persons and organizations (`StoryIndex::participant_sets`).
    participants: u32,
}

/// Collects the reports of a run, in arrival order.
#[derive(Default)]
pub struct StoryIndex {
    strings: Interner,
    sources: Vec<Source>,
    entries: Vec<Entry>,
    participant_sets: Vec<Box<[u32]>>,
    participant_set_ids: FxHashMap<Box<[u32]>, u32>,
}

/// The stories of a run, linked: which story each event joined and, story by story, its
/// members, from which the rows are made on demand so that a run holds numbers, not rows.
pub struct Stories {
    index: StoryIndex,
    /// Per event in arrival order: its story's place in id order.
    story_of_event: Vec<u32>,
    /// Story ids in id order (the 64 bits their hex spells).
    ids: Vec<u64>,
    /// Per story in id order: its first member; `next_member` chains the rest in report order.
    first_member: Vec<u32>,
    next_member: Vec<u32>,
}

const NO_MEMBER: u32 = u32::MAX;

/// Where the second pass learns which documents vouch for a document.
#[derive(Clone, Copy)]
enum Partners<'a> {
    /// From the first-pass stories of this index, which holds the whole run.
    OfThisIndex,
    /// Given, per document id (`StoryIndex::link_block`).
    Given(&'a FxHashMap<u64, Vec<u64>>),
}

impl Stories {
    pub fn story_id_of(&self, event: usize) -> String {
        hex(self.ids[self.story_of_event[event] as usize])
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Rows `range` of the stories table (id order).
    pub fn rows(&self, range: std::ops::Range<usize>) -> Vec<Story> {
        range.map(|s| {
            let mut members = Vec::new();
            let mut m = self.first_member[s];
            while m != NO_MEMBER {
                members.push(m);
                m = self.next_member[m as usize];
            }
            self.index.row(hex(self.ids[s]), &members)
        }).collect()
    }
}

/// What linking reads of one event, from records (`StoryIndex::add`) or from a table's columns
/// (the Python package's block functions): the same fields either way.
pub struct EventFields<'a, S: AsRef<str>> {
    pub event_id: &'a str,
    pub event_type: &'a str,
    pub countries: &'a [S],
    pub event_date: Option<NaiveDate>,
    pub date_precision: &'a str,
    pub location_id: Option<&'a str>,
    pub actor_ids: &'a [S],
}

impl StoryIndex {
    pub fn add(&mut self, doc: &Document, events: &[Event]) {
        if events.is_empty() {
            return;
        }
        let fields = events.iter().map(|e| EventFields {
            event_id: &e.event_id,
            event_type: e.event_type,
            countries: &e.countries,
            event_date: e.event_date,
            date_precision: e.date_precision,
            location_id: e.location_id.as_deref(),
            actor_ids: &e.actor_ids,
        });
        self.add_document(&events[0].doc_id, doc.published_date, doc.outlet.as_deref(), fields);
    }

    /// One document's events (all of them, or those of some blocks), by their fields.
    pub fn add_document<'a, S: AsRef<str> + 'a>(&mut self, doc_id: &str, published: Option<NaiveDate>, outlet: Option<&str>, events: impl IntoIterator<Item = EventFields<'a, S>>) {
        let source = self.sources.len() as u32;
        let first_event = self.entries.len() as u32;
        let outlet = outlet.map(|o| self.strings.id(o.trim()));
        for e in events {
            let mut block_key = String::from(e.event_type);
            for c in e.countries {
                block_key.push(' ');
                block_key.push_str(c.as_ref());
            }
            let block = self.strings.id(&block_key);
            let mut participants: Vec<u32> = e.actor_ids.iter().map(AsRef::as_ref).filter(|a| !a.starts_with("country/")).map(|a| self.strings.id(a)).collect();
            participants.sort_unstable();
            participants.dedup();
            let participants = self.participant_set(participants);
            self.entries.push(Entry {
                event_id: id_key(e.event_id),
                source,
                block,
                stated: Stated::new(e.event_date, e.date_precision),
                location: e.location_id.map(|l| self.strings.id(l)),
                participants,
            });
        }
        if self.entries.len() as u32 > first_event {
            self.sources.push(Source { doc_id: id_key(doc_id), first_event, published, outlet });
        }
    }

    fn participant_set(&mut self, set: Vec<u32>) -> u32 {
        if let Some(&i) = self.participant_set_ids.get(set.as_slice()) {
            return i;
        }
        let i = self.participant_sets.len() as u32;
        self.participant_sets.push(set.clone().into());
        self.participant_set_ids.insert(set.into(), i);
        i
    }

    fn report(&self, e: &Entry) -> Report<'_> {
        Report {
            stated: e.stated,
            published: self.sources[e.source as usize].published,
            location: e.location,
            participants: &self.participant_sets[e.participants as usize],
        }
    }

    /// The order reports came out: publication day (unknown last), then document and event id.
    fn report_order(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.entries.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (ea, eb) = (&self.entries[a as usize], &self.entries[b as usize]);
            let (sa, sb) = (&self.sources[ea.source as usize], &self.sources[eb.source as usize]);
            (sa.published.is_none(), sa.published, sa.doc_id, ea.event_id).cmp(&(sb.published.is_none(), sb.published, sb.doc_id, eb.event_id))
        });
        order
    }

    /// Links the reports of a whole run into stories.
    pub fn link(self) -> Stories {
        self.link_with(Partners::OfThisIndex)
    }

    /// Links the reports of some whole blocks (type and parties) into stories, the way `link`
    /// links them in a run that holds every block. Each pass of linking stays within a block
    /// but for one fact: which documents vouch for each other, which comes from the first-pass
    /// stories of all blocks (`vouching_pairs`, collected over every block). `partners`: per
    /// document id, the documents vouching for it. The stories equal those of `link` over the
    /// whole run: an engine can link block by block (Spark `groupBy(...).applyInArrow`).
    pub fn link_block(self, partners: &FxHashMap<u64, Vec<u64>>) -> Stories {
        self.link_with(Partners::Given(partners))
    }

    /// (document, partner) id pairs of the first-pass stories of these blocks: `partner`
    /// vouches for `document` when they report one first-pass story of two reports or more,
    /// `partner` among its first `CANDIDATES` reports. The union over all blocks is what
    /// `link_block` takes.
    pub fn vouching_pairs(&self) -> Vec<(u64, u64)> {
        let order = self.report_order();
        let story_of_event = self.link_by_evidence(&order);
        let members = Members::new(&order, &story_of_event);
        let mut pairs = Vec::new();
        for story in 0..members.first.len() as u32 {
            if members.count(story) <= 1 {
                continue;
            }
            let mut vouchers: Vec<u32> = self.vouchers(&members, story).collect();
            vouchers.sort_unstable();
            vouchers.dedup();
            let mut docs: Vec<u32> = members.of(story).map(|m| self.entries[m as usize].source).collect();
            docs.sort_unstable();
            docs.dedup();
            for &d in &docs {
                pairs.extend(vouchers.iter().filter(|&&v| v != d).map(|&v| (self.sources[d as usize].doc_id, self.sources[v as usize].doc_id)));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// The documents of a first-pass story that vouch for the other documents of it: those of
    /// its first reports, which suffice.
    fn vouchers<'m>(&'m self, members: &'m Members, story: u32) -> impl Iterator<Item = u32> + 'm {
        members.of(story).take(CANDIDATES).map(|m| self.entries[m as usize].source)
    }

    fn link_with(self, partners: Partners) -> Stories {
        let n = self.entries.len();
        let order = self.report_order();
        let mut story_of_event = self.link_by_evidence(&order);
        self.link_vouched(&order, &mut story_of_event, partners);

        // Stories that kept a member, numbered in report order, with their members chained.
        let mut compact = vec![NO_MEMBER; n];
        let mut kept = 0;
        for &i in &order {
            let s = story_of_event[i as usize] as usize;
            if compact[s] == NO_MEMBER {
                compact[s] = kept;
                kept += 1;
            }
        }
        for s in story_of_event.iter_mut() {
            *s = compact[*s as usize];
        }
        drop(compact);
        let members = Members::new(&order, &story_of_event);

        // Ids from the earliest report; the table in id order.
        let opened_ids: Vec<u64> = members.first.iter().map(|&m| story_key(self.entries[m as usize].event_id)).collect();
        let mut by_id: Vec<u32> = (0..opened_ids.len() as u32).collect();
        by_id.sort_by_key(|&s| (opened_ids[s as usize], s));
        let mut place = vec![0u32; by_id.len()];
        for (new, &old) in by_id.iter().enumerate() {
            place[old as usize] = new as u32;
        }
        for s in story_of_event.iter_mut() {
            *s = place[*s as usize];
        }
        Stories {
            ids: by_id.iter().map(|&s| opened_ids[s as usize]).collect(),
            first_member: by_id.iter().map(|&s| members.first[s as usize]).collect(),
            story_of_event,
            next_member: members.next,
            index: self,
        }
    }

    /// First pass, in report order: each report joins the block's recent story it fits best
    /// on its own evidence, or opens one. Returns each event's story, numbered as opened.
    fn link_by_evidence(&self, order: &[u32]) -> Vec<u32> {
        let mut opened = 0u32;
        // Only stories still among their block's candidates keep a view, and the document of
        // their latest report: a document's events come together in report order, and two of
        // them are two occurrences (the extractor has merged its repeats), never one story.
        let mut views: FxHashMap<u32, (StoryView, u32)> = FxHashMap::default();
        let mut recent_in_block: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        let mut story_of_event = vec![0u32; self.entries.len()];
        for &i in order {
            let entry = &self.entries[i as usize];
            let recent = recent_in_block.entry(entry.block).or_default();
            let best = recent
                .iter()
                .filter(|s| views[s].1 != entry.source)
                .filter_map(|s| link::fit(&self.report(entry), &views[s].0, false).map(|score| (score, *s)))
                // Highest score; among equals the story that opened first.
                .max_by_key(|&(score, s)| (score, std::cmp::Reverse(s)));
            let story = match best {
                Some((_, s)) => {
                    recent.retain(|&x| x != s);
                    s
                }
                None => {
                    let s = opened;
                    opened += 1;
                    views.insert(s, (StoryView::default(), entry.source));
                    if recent.len() == CANDIDATES {
                        views.remove(&recent.remove(0));
                    }
                    s
                }
            };
            let (view, latest_source) = views.get_mut(&story).expect("a candidate keeps its view");
            view.add(&self.report(entry));
            *latest_source = entry.source;
            // The most recently reported stories are the candidates.
            recent.push(story);
            story_of_event[i as usize] = story;
        }
        story_of_event
    }

    /// Second pass: a report left alone for want of a shared participant or place joins a story
    /// of its block that a partner document reports, one that already shares another story with
    /// its own document ("both report the visit, so both report its signing"). Choices are read
    /// from the first pass's stories, so no vouched link vouches for another; two lone reports
    /// pair only when each is the other's one choice.
    fn link_vouched(&self, order: &[u32], story_of_event: &mut [u32], given: Partners) {
        let n = self.entries.len();
        let members = Members::new(order, story_of_event);
        let events_of = |source: u32| -> std::ops::Range<usize> {
            let start = self.sources[source as usize].first_event as usize;
            let end = self.sources.get(source as usize + 1).map_or(n, |s| s.first_event as usize);
            start..end
        };
        // Given partners name documents by id; those with no report here have nothing to offer.
        let source_of_doc: FxHashMap<u64, u32> = match given {
            Partners::Given(_) => self.sources.iter().enumerate().map(|(i, s)| (s.doc_id, i as u32)).collect(),
            Partners::OfThisIndex => FxHashMap::default(),
        };
        let mut choice: FxHashMap<u32, u32> = FxHashMap::default();
        for &i in order {
            let entry = &self.entries[i as usize];
            let own = story_of_event[i as usize];
            if members.count(own) > 1 {
                continue;
            }
            // Documents that share a story with this one (`vouching_pairs`).
            let mut partners: Vec<u32> = Vec::new();
            match given {
                Partners::OfThisIndex => {
                    for e in events_of(entry.source) {
                        let shared = story_of_event[e];
                        if members.count(shared) > 1 {
                            partners.extend(self.vouchers(&members, shared).filter(|&s| s != entry.source));
                        }
                    }
                }
                Partners::Given(map) => {
                    let doc = self.sources[entry.source as usize].doc_id;
                    partners.extend(map.get(&doc).into_iter().flatten().filter_map(|p| source_of_doc.get(p).copied()).filter(|&s| s != entry.source));
                }
            }
            partners.sort_unstable();
            partners.dedup();
            let best = partners
                .iter()
                .flat_map(|&p| events_of(p))
                .filter(|&e| self.entries[e].block == entry.block && story_of_event[e] != own)
                .filter_map(|e| {
                    let story = story_of_event[e];
                    if members.of(story).any(|m| self.entries[m as usize].source == entry.source) {
                        return None;
                    }
                    let mut view = StoryView::default();
                    members.of(story).take(CANDIDATES).for_each(|m| view.add(&self.report(&self.entries[m as usize])));
                    link::fit(&self.report(entry), &view, true).map(|score| (score, story))
                })
                .fold(Best::None, Best::offer);
            // A vouch is weak evidence: it must point at one story.
            if let Best::One(_, story) = best {
                choice.insert(i, story);
            }
        }
        let mut moves: Vec<(u32, u32)> = Vec::new();
        for &i in order {
            let Some(&story) = choice.get(&i) else { continue };
            let own = story_of_event[i as usize];
            if members.count(story) == 1 {
                // Each the other's choice: the later-opened one joins the earlier.
                let lone = members.first[story as usize];
                if choice.get(&lone) != Some(&own) || own < story {
                    continue;
                }
            }
            moves.push((i, story));
        }
        for (i, story) in moves {
            story_of_event[i as usize] = story;
        }
    }

    fn row(&self, story_id: String, members: &[u32]) -> Story {
        let entries: Vec<&Entry> = members.iter().map(|&m| &self.entries[m as usize]).collect();
        let mut view = StoryView::default();
        entries.iter().for_each(|e| view.add(&self.report(e)));
        let mut parts = self.strings.name(entries[0].block).split(' ');
        let event_type = parts.next().unwrap_or_default().to_string();
        let countries: Vec<String> = parts.map(str::to_string).collect();

        let sources: Vec<&Source> = entries.iter().map(|e| &self.sources[e.source as usize]).collect();
        let mut doc_ids: Vec<String> = sources.iter().map(|s| hex(s.doc_id)).collect();
        doc_ids.sort();
        doc_ids.dedup();
        let mut outlets: Vec<String> = sources.iter().filter_map(|s| s.outlet).map(|o| self.strings.name(o).to_string()).collect();
        outlets.sort();
        outlets.dedup();
        let mut actor_ids: Vec<String> = view.participants.iter().map(|&p| self.strings.name(p).to_string()).collect();
        actor_ids.sort();
        // The place most reports give; among equals the earliest report's.
        let mut counts: Vec<(u32, usize)> = Vec::new();
        for l in entries.iter().filter_map(|e| e.location) {
            match counts.iter_mut().find(|(x, _)| *x == l) {
                Some(c) => c.1 += 1,
                None => counts.push((l, 1)),
            }
        }
        let location_id = counts.iter().enumerate().max_by_key(|(i, (_, c))| (*c, std::cmp::Reverse(*i))).map(|(_, (l, _))| self.strings.name(*l).to_string());
        Story {
            story_id,
            event_type,
            countries,
            event_date: view.stated.map(|s| s.date),
            date_precision: view.stated.map_or("unknown", |s| s.precision.as_str()),
            location_id,
            actor_ids,
            n_events: members.len() as i32,
            n_documents: doc_ids.len() as i32,
            n_outlets: outlets.len() as i32,
            outlets,
            first_published: view.published.map(|p| p.0),
            last_published: view.published.map(|p| p.1),
            event_ids: entries.iter().map(|e| hex(e.event_id)).collect(),
            doc_ids,
        }
    }
}

/// The first pass's stories' members, in report order, as chains through the events (a few
/// numbers per event, where a list per story cost a heap block each).
struct Members {
    first: Vec<u32>,
    next: Vec<u32>,
    count: Vec<u32>,
}

impl Members {
    fn new(order: &[u32], story_of_event: &[u32]) -> Members {
        let stories = story_of_event.iter().max().map_or(0, |&s| s as usize + 1);
        let mut m = Members { first: vec![NO_MEMBER; stories], next: vec![NO_MEMBER; story_of_event.len()], count: vec![0; stories] };
        let mut last = vec![NO_MEMBER; stories];
        for &i in order {
            let s = story_of_event[i as usize] as usize;
            if m.first[s] == NO_MEMBER {
                m.first[s] = i;
            } else {
                m.next[last[s] as usize] = i;
            }
            last[s] = i;
            m.count[s] += 1;
        }
        m
    }

    fn count(&self, story: u32) -> u32 {
        self.count[story as usize]
    }

    fn of(&self, story: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(self.first[story as usize]).filter(|&m| m != NO_MEMBER), |&m| Some(self.next[m as usize]).filter(|&x| x != NO_MEMBER))
    }
}

/// The best-scoring story among candidates, or a tie between two different ones.
#[derive(Clone, Copy)]
enum Best {
    None,
    One(u32, u32),
    Tie(u32),
}

impl Best {
    fn offer(self, (score, story): (u32, u32)) -> Best {
        match self {
            Best::None => Best::One(score, story),
            Best::One(s, _) | Best::Tie(s) if score > s => Best::One(score, story),
            Best::One(s, other) if score == s && story != other => Best::Tie(s),
            kept => kept,
        }
    }
}

/// A story's id: `short_hash` of its earliest report's event id.
fn story_key(event_id: u64) -> u64 {
    id_key(&short_hash(&["story", &hex(event_id)]))
}

/// A `short_hash` id (16 hex digits) as the 64 bits it spells; ids are nothing else.
fn id_key(id: &str) -> u64 {
    debug_assert_eq!(id.len(), 16, "{id} is no short_hash id");
    u64::from_str_radix(id, 16).unwrap_or_else(|_| panic!("{id} is no short_hash id"))
}

fn hex(key: u64) -> String {
    format!("{key:016x}")
}

#[cfg(test)]
mod tests;
