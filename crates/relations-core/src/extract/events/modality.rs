//! Modality: the cues that say a trigger states no occurrence (`data/lexicon/event_cues.tsv`).
//! Speculation, negation and future cues in the same clause cancel a trigger: `scope=before`
//! cues up to 8 words before it, `scope=clause` cues anywhere before it (a denial covers its
//! whole clause), `scope=after` cues up to 2 words after it ("زيارة مرتقبة"). Reporting cues
//! never cancel one; a question cancels all of its sentence's. A word of sport anywhere in
//! the sentence cancels its contracts and sanctions (a club's). A purpose cue (لبحث) makes
//! what follows it the aim of an act stated before it. A date ahead of publication is the
//! other sign of a plan (`events::dates::is_ahead`).

use super::super::gazetteer::{longest_non_overlapping, Forms, Gazetteer, Hit};
use super::super::lexicon::Tsv;
use super::triggers::Fired;
use super::EventType;
use crate::data_file;
use crate::text::normalize::normalize_str;
use crate::text::words::{is_word_char, words};
use std::cell::OnceCell;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Before,
    Clause,
    After,
    /// A purpose phrase (لبحث، من أجل): what follows it is the aim of an act stated before.
    Purpose,
    /// A word of sport anywhere in the sentence (لاعب، كرة القدم): a signed contract or a
    /// penalty there is a club's, not a state's or a company's.
    Sport,
    /// A field word (في مجال، قطاع): the acts named in the few words after it are a domain
    /// ("تطور في مجال التدريب العسكري"), not an occurrence.
    Domain,
}

struct Cue {
    scope: Scope,
    /// The next word must be a present-tense verb (قد يزور "may visit", not قد زار "did visit").
    needs_present: bool,
    /// No cue when the next word is this one (`unless-next=` in the notes): "قادمة من" is
    /// "coming from", not "next".
    unless_next: Option<String>,
    /// Cancelling or suspending (ألغت، تعليق): of a sanction or a visa rule, that is itself
    /// the policy step, so it cancels only other acts.
    cancels_a_step: bool,
}

static CUES: LazyLock<Gazetteer<Cue>> = LazyLock::new(|| {
    let t = Tsv::parse(data_file!("lexicon/event_cues.tsv"));
    let mut entries = Vec::new();
    let mut forms = Vec::new();
    for r in &t.rows {
        let (Some(kind), Some(form)) = (t.get(r, "cue_kind"), t.get(r, "form_ar")) else { continue };
        if kind == "reporting" {
            continue; // an attributed report states its event
        }
        let notes = t.get(r, "notes").unwrap_or("");
        let scope = match kind {
            "purpose" => Scope::Purpose,
            "sport" => Scope::Sport,
            "domain" => Scope::Domain,
            _ if notes.starts_with("scope=after") => Scope::After,
            _ if notes.starts_with("scope=clause") => Scope::Clause,
            _ => Scope::Before,
        };
        let needs_present = form.contains("<present>");
        let form = form.replace("<present>", "");
        forms.push((form.trim().to_string(), entries.len()));
        let cancels_a_step = notes.contains("cancelled / suspended");
        let unless_next = notes.split(';').find_map(|part| part.trim().strip_prefix("unless-next=")).map(normalize_str);
        entries.push(Cue { scope, needs_present, unless_next, cancels_a_step });
    }
    Gazetteer::new(entries, forms)
});

/// The cue lexicon's forms, for the one-pass matcher.
pub(super) fn lexicon_forms() -> Forms<'static> {
    CUES.forms()
}

/// A normalized sentence's cues, matched by the one-pass matcher or `CUES` itself.
pub(super) fn cue_hits(norm: &str) -> Vec<Hit> {
    CUES.find_all(norm)
}

/// A question states nothing (هل ستعيد فرنسا فتح سفارتها؟): none of its triggers fires.
pub(super) fn is_question(sentence: &str) -> bool {
    sentence.trim_end().ends_with(['؟', '?'])
}

/// Is the sentence, given its normalized words, a photo caption ("صورة أرشيفية لاجتماع ...",
/// "جانب من اللقاء", "(صورة: الوزارة)")? It shows an act the article states elsewhere, or an
/// old one: no event.
pub(super) fn is_caption<'w>(mut words: impl Iterator<Item = &'w str>) -> bool {
    let (Some(first), second) = (words.next(), words.next()) else { return false };
    let opens = match first {
        "صوره" | "الصوره" | "صور" | "ارشيفيه" => true,
        "جانب" => second == Some("من"),
        "من" => second == Some("الارشيف"),
        _ => false,
    };
    // At most 20 words: the two read and the rest.
    opens && words.count() <= 18
}

/// The cues of one normalized sentence, read once for all its triggers.
pub(super) struct Modality<'s> {
    norm: &'s str,
    /// (start, end, scope, cancels a step) of each cue.
    cues: Vec<(usize, usize, Scope, bool)>,
    /// Word and clause positions matter only to a cue (most sentences have none).
    positions: OnceCell<Positions>,
}

impl<'s> Modality<'s> {
    pub(super) fn new(norm: &'s str, cue_hits: Vec<Hit>) -> Modality<'s> {
        let cues = longest_non_overlapping(cue_hits)
            .into_iter()
            .filter(|h| {
                let cue = &CUES.entries[h.entry];
                let next = next_word(norm, h.end);
                cue.unless_next.as_deref() != Some(next)
                    && (!cue.needs_present || {
                        next != "تم" && next.starts_with(['ي', 'ت', 'ن'])
                    })
            })
            .map(|h| (h.word_start, h.end, CUES.entries[h.entry].scope, CUES.entries[h.entry].cancels_a_step))
            .collect();
        Modality { norm, cues, positions: OnceCell::new() }
    }

    /// Does a cue of the trigger's clause cancel the trigger hit `h` of an `event`?
    pub(super) fn cancels(&self, h: &Hit, event: EventType) -> bool {
        if self.cues.is_empty() {
            return false;
        }
        let pos = self.positions.get_or_init(|| Positions::new(self.norm));
        let (tw, tc) = (pos.word_index(h.word_start), pos.clause_of(h.word_start));
        let policy = matches!(event, EventType::Sanction | EventType::VisaPolicy);
        let club_sense = matches!(event, EventType::EconomicCooperation | EventType::Sanction);
        self.cues.iter().any(|&(cs, ce, scope, cancels_a_step)| {
            if scope == Scope::Sport {
                return club_sense;
            }
            if pos.clause_of(cs) != tc || (cs < h.end && h.word_start < ce) || (policy && cancels_a_step) {
                return false;
            }
            match scope {
                Scope::Before => ce <= h.word_start && tw.saturating_sub(pos.word_index(ce)) <= 8,
                Scope::Clause => ce <= h.word_start,
                Scope::Purpose | Scope::Sport => false,
                Scope::Domain => ce <= h.word_start && tw.saturating_sub(pos.word_index(ce)) <= 3 && in_field_chain(&self.norm[ce..h.end]),
                Scope::After => cs >= h.end && pos.word_index(cs).saturating_sub(pos.word_index(h.end)) <= 2,
            }
        })
    }
}

impl Modality<'_> {
    /// Do bytes `a` and `b` of the sentence lie in one clause (between commas and colons)?
    pub(super) fn same_clause(&self, a: usize, b: usize) -> bool {
        let pos = self.positions.get_or_init(|| Positions::new(self.norm));
        pos.clause_of(a) == pos.clause_of(b)
    }

    /// Is the trigger hit `h` inside a purpose phrase ("زار أنقرة لبحث برامج التدريب") that
    /// follows an act its clause already states (`earlier`: the triggers fired so far)? The
    /// aim of a visit is no second event.
    pub(super) fn in_purpose_of_earlier(&self, h: &Hit, earlier: &[Fired]) -> bool {
        if earlier.is_empty() || !self.cues.iter().any(|c| c.2 == Scope::Purpose) {
            return false;
        }
        let pos = self.positions.get_or_init(|| Positions::new(self.norm));
        let tc = pos.clause_of(h.word_start);
        self.cues.iter().any(|&(cs, _, scope, _)| {
            scope == Scope::Purpose && cs <= h.word_start && pos.clause_of(cs) == tc && earlier.iter().any(|f| f.start < cs && pos.clause_of(f.start) == tc)
        })
    }
}

/// Are the words from a field word's end through a trigger all definite nouns, the field's own
/// list ("مجالات الاستثمار والمساعدات")? "في مجال الصحة خلال زيارة" goes on to another act.
fn in_field_chain(after_cue: &str) -> bool {
    after_cue.split_whitespace().all(|w| ["ال", "وال", "لل"].iter().any(|p| w.starts_with(p)))
}

/// Where a sentence's words start and its clauses break (، , : ;).
struct Positions {
    word_starts: Vec<usize>,
    breaks: Vec<usize>,
}

impl Positions {
    fn new(norm: &str) -> Positions {
        let word_starts = words(norm).iter().map(|w| w.start).collect();
        let breaks = norm.char_indices().filter(|(_, c)| matches!(c, '،' | ',' | ':' | ';')).map(|(at, _)| at).collect();
        Positions { word_starts, breaks }
    }

    /// How many words start before byte `byte`.
    fn word_index(&self, byte: usize) -> usize {
        self.word_starts.partition_point(|&s| s < byte)
    }

    /// How many clause breaks come before byte `byte`.
    fn clause_of(&self, byte: usize) -> usize {
        self.breaks.partition_point(|&b| b < byte)
    }
}

fn next_word(norm: &str, from: usize) -> &str {
    let rest = norm[from..].trim_start_matches(|c: char| !is_word_char(c));
    let end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
    &rest[..end]
}
