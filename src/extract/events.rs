//! Event triggers (`data/lexicon/event_triggers.tsv`) and the cues that cancel them
//! (`event_cues.tsv`): which event types a sentence states as having happened.
//!
//! A `strong` form fires alone; a `weak` form fires only with a second weak form of the same
//! type or a `support` form of that type in the sentence (بحث alone is "research"; بحث مع
//! نظيره is a meeting). Speculation and negation cues in the same clause cancel a trigger:
//! `scope=before` cues up to 8 words before it, `scope=after` cues up to 2 words after it.

use super::gazetteer::{longest_non_overlapping, Forms, Gazetteer, Hit};
use crate::text::words::{is_word_char, words};
use super::lexicon::Tsv;
use crate::data_file;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventType {
    Visit,
    Meeting,
    Agreement,
    MilitaryCooperation,
    ArmsTransfer,
    DiplomaticMission,
    VisaPolicy,
    EconomicCooperation,
    Aid,
    Sanction,
}

impl EventType {
    pub fn parse(s: &str) -> Option<Self> {
        use EventType::*;
        Some(match s {
            "visit" => Visit,
            "meeting" => Meeting,
            "agreement" => Agreement,
            "military_cooperation" => MilitaryCooperation,
            "arms_transfer" => ArmsTransfer,
            "diplomatic_mission" => DiplomaticMission,
            "visa_policy" => VisaPolicy,
            "economic_cooperation" => EconomicCooperation,
            "aid" => Aid,
            "sanction" => Sanction,
            _ => return None,
        })
    }

    /// (event_type, CAMEO, PLOVER) as in SPEC §3.
    pub fn codes(self) -> (&'static str, &'static str, &'static str) {
        use EventType::*;
        match self {
            Visit => ("visit", "042", "CONSULT"),
            Meeting => ("meeting", "040", "CONSULT"),
            Agreement => ("agreement", "057", "AGREE"),
            MilitaryCooperation => ("military_cooperation", "062", "COOPERATE"),
            ArmsTransfer => ("arms_transfer", "074", "AID"),
            DiplomaticMission => ("diplomatic_mission", "050", "COOPERATE"),
            VisaPolicy => ("visa_policy", "050", "CONCEDE"),
            EconomicCooperation => ("economic_cooperation", "061", "COOPERATE"),
            Aid => ("aid", "070", "AID"),
            Sanction => ("sanction", "163", "SANCTION"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
    Support,
}

struct Trigger {
    event: EventType,
    strength: Strength,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Before,
    After,
}

struct Cue {
    scope: Scope,
    /// The next word must be a present-tense verb (قد يزور "may visit", not قد زار "did visit").
    needs_present: bool,
}

static TRIGGERS: LazyLock<Gazetteer<Trigger>> = LazyLock::new(|| {
    Gazetteer::from_tsv(data_file!("lexicon/event_triggers.tsv"), "form_ar", |t, r| {
        let event = t.get(r, "event_type").and_then(EventType::parse)?;
        let strength = match t.get(r, "strength") {
            Some("strong") => Strength::Strong,
            Some("support") => Strength::Support,
            _ => Strength::Weak,
        };
        Some(Trigger { event, strength })
    })
});

static CUES: LazyLock<Gazetteer<Cue>> = LazyLock::new(|| {
    let t = Tsv::parse(data_file!("lexicon/event_cues.tsv"));
    let mut entries = Vec::new();
    let mut forms = Vec::new();
    for r in &t.rows {
        let (Some(kind), Some(form)) = (t.get(r, "cue_kind"), t.get(r, "form_ar")) else { continue };
        if kind != "speculation" && kind != "negation" {
            continue; // future and reporting cues never cancel an event
        }
        let scope = if t.get(r, "notes").is_some_and(|n| n.starts_with("scope=after")) { Scope::After } else { Scope::Before };
        let needs_present = form.contains("<present>");
        let form = form.replace("<present>", "");
        forms.push((form.trim().to_string(), entries.len()));
        entries.push(Cue { scope, needs_present });
    }
    Gazetteer::new(entries, forms)
});

/// A trigger that fired, in byte offsets of the normalized sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired {
    pub event: EventType,
    pub start: usize,
    pub end: usize,
}

/// Where a sentence's words start and its clauses break (، , : ;), read once for all its
/// triggers and cues.
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

/// The trigger and cue lexicons' forms, for the one-pass matcher.
pub(super) fn lexicon_forms() -> (Forms<'static>, Forms<'static>) {
    (TRIGGERS.forms(), CUES.forms())
}

/// Event types a normalized sentence states, one `Fired` per type (its first trigger).
pub fn fire(norm: &str) -> Vec<Fired> {
    fire_with(norm, TRIGGERS.find_all(norm), CUES.find_all(norm))
}

/// `fire`, given the sentence's overlapping trigger and cue hits.
pub fn fire_with(norm: &str, trigger_hits: Vec<Hit>, cue_hits: Vec<Hit>) -> Vec<Fired> {
    let g = &*TRIGGERS;
    let hits = longest_non_overlapping(trigger_hits);
    let cues: Vec<(usize, usize, Scope)> = longest_non_overlapping(cue_hits)
        .into_iter()
        .filter(|h| {
            let cue = &CUES.entries[h.entry];
            !cue.needs_present || {
                let w = next_word(norm, h.end);
                w != "تم" && w.starts_with(['ي', 'ت', 'ن'])
            }
        })
        .map(|h| (h.word_start, h.end, CUES.entries[h.entry].scope))
        .collect();
    let mut fired: Vec<Fired> = Vec::new();
    let positions = std::cell::OnceCell::new();
    for (i, h) in hits.iter().enumerate() {
        let t = &g.entries[h.entry];
        let fires = match t.strength {
            Strength::Strong => true,
            Strength::Support => false,
            Strength::Weak => hits.iter().enumerate().any(|(j, o)| {
                let ot = &g.entries[o.entry];
                j != i && ot.event == t.event && (ot.strength != Strength::Weak || norm[o.start..o.end] != norm[h.start..h.end])
            }),
        };
        if !fires || fired.iter().any(|f| f.event == t.event) {
            continue;
        }
        // Word and clause positions matter only to a cue (most sentences have none).
        let cancelled = !cues.is_empty() && {
            let pos = positions.get_or_init(|| Positions::new(norm));
            let (tw, tc) = (pos.word_index(h.word_start), pos.clause_of(h.word_start));
            cues.iter().any(|&(cs, ce, scope)| {
                if pos.clause_of(cs) != tc || (cs < h.end && h.word_start < ce) {
                    return false;
                }
                match scope {
                    Scope::Before => ce <= h.word_start && tw.saturating_sub(pos.word_index(ce)) <= 8,
                    Scope::After => cs >= h.end && pos.word_index(cs).saturating_sub(pos.word_index(h.end)) <= 2,
                }
            })
        };
        if !cancelled {
            fired.push(Fired { event: t.event, start: h.word_start, end: h.end });
        }
    }
    fired
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize_str;

    fn types(text: &str) -> Vec<&'static str> {
        fire(&normalize_str(text)).into_iter().map(|f| f.event.codes().0).collect()
    }

    #[test]
    fn facts_fire() {
        assert_eq!(types("وصل وزير الخارجية إلى روما في زيارة رسمية"), vec!["visit"]);
        assert!(types("وقع الجانبان مذكرة تفاهم للتعاون في مجال الصحة").contains(&"agreement"));
        assert!(types("أعلنت السفارة إلغاء التأشيرات للمواطنين").contains(&"visa_policy"));
        assert!(types("أجرى الرئيس اتصالا هاتفيا مع نظيره التركي").contains(&"meeting"));
    }

    #[test]
    fn speculation_and_negation_do_not() {
        assert!(types("من المتوقع أن يزور الوزير أنقرة").is_empty(), "{:?}", types("من المتوقع أن يزور الوزير أنقرة"));
        assert!(types("قد يوقع البلدان اتفاقية").is_empty());
        assert!(types("لم يوقع الطرفان أي اتفاقية").is_empty());
    }

    #[test]
    fn codes_follow_the_spec() {
        assert_eq!(EventType::Visit.codes(), ("visit", "042", "CONSULT"));
        assert_eq!(EventType::Sanction.codes(), ("sanction", "163", "SANCTION"));
    }
}
