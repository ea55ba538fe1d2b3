//! Event triggers (`data/lexicon/event_triggers.tsv`): which event types a sentence states.
//!
//! A `strong` form fires alone; a `weak` form fires only with a second weak form of the same
//! type or a `support` form of that type in the sentence (بحث alone is "research"; بحث مع
//! نظيره is a meeting). A trigger the sentence's modality cancels does not fire.

use super::super::gazetteer::{longest_non_overlapping, Forms, Gazetteer, Hit};
use super::super::lexicon::{with_endings, Tsv};
use super::modality::{self, Modality};
use super::EventType;
use crate::data_file;
use crate::text::normalize::normalize_str;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Strong,
    Weak,
    Support,
}

struct Trigger {
    event: EventType,
    strength: Strength,
    /// The form as the lexicon writes it (normalized): a hit of one of its endings
    /// (`lexicon::with_endings`) confirms or is confirmed as the form itself.
    form: String,
    /// For a weak form: the only forms that may confirm it (normalized), when the verb alone
    /// names several acts ("وقعت ... عقدا" is a contract, "وقعت ... مشروعا" is not). Empty:
    /// any form of its type.
    confirmed_by: Vec<String>,
}

/// Every row of the lexicon under its form and the endings text glues onto it; a form the file
/// writes itself keeps its own row (زيارات is weak, not an ending of anything).
static TRIGGERS: LazyLock<Gazetteer<Trigger>> = LazyLock::new(|| {
    let t = Tsv::parse(data_file!("lexicon/event_triggers.tsv"));
    let mut entries = Vec::new();
    let mut forms_written: Vec<&str> = Vec::new();
    for r in &t.rows {
        let (Some(form), Some(event)) = (t.get(r, "form_ar"), t.get(r, "event_type").and_then(EventType::parse)) else { continue };
        let strength = match t.get(r, "strength") {
            Some("strong") => Strength::Strong,
            Some("support") => Strength::Support,
            _ => Strength::Weak,
        };
        let confirmed_by = t.variants(r, "confirmed_by").into_iter().map(normalize_str).collect();
        entries.push(Trigger { event, strength, form: normalize_str(form), confirmed_by });
        forms_written.push(form);
    }
    let written: HashSet<String> = entries.iter().map(|e| e.form.clone()).collect();
    let mut forms: Vec<(String, usize)> = forms_written.iter().enumerate().map(|(i, f)| (f.to_string(), i)).collect();
    for (i, f) in forms_written.iter().enumerate() {
        forms.extend(with_endings(f).into_iter().filter(|v| !written.contains(&normalize_str(v))).map(|v| (v, i)));
    }
    Gazetteer::new(entries, forms)
});

/// A trigger that fired, in byte offsets of the normalized sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired {
    pub event: EventType,
    pub start: usize,
    /// Where the form begins, after its proclitics.
    pub form_start: usize,
    pub end: usize,
}

/// The trigger and cue lexicons' forms, for the one-pass matcher.
pub(in crate::extract) fn lexicon_forms() -> (Forms<'static>, Forms<'static>) {
    (TRIGGERS.forms(), modality::lexicon_forms())
}

/// Event types a normalized sentence states, one `Fired` per type (its first trigger).
pub fn fire(norm: &str) -> Vec<Fired> {
    fire_with(norm, TRIGGERS.find_all(norm), modality::cue_hits(norm))
}

/// `fire`, given the sentence's overlapping trigger and cue hits.
pub fn fire_with(norm: &str, trigger_hits: Vec<Hit>, cue_hits: Vec<Hit>) -> Vec<Fired> {
    let g = &*TRIGGERS;
    // A form two types share (افتتحت: a consulate or a factory) stands for both: the longest
    // spans win, and every hit of a winning span is kept.
    let kept = longest_non_overlapping(trigger_hits.clone());
    let hits: Vec<Hit> = trigger_hits.into_iter().filter(|h| kept.iter().any(|k| (k.start, k.end) == (h.start, h.end))).collect();
    let modality = Modality::new(norm, cue_hits);
    let mut fired: Vec<Fired> = Vec::new();
    for (i, h) in hits.iter().enumerate() {
        let t = &g.entries[h.entry];
        let fires = match t.strength {
            Strength::Strong => true,
            Strength::Support => false,
            Strength::Weak => hits.iter().enumerate().any(|(j, o)| {
                let ot = &g.entries[o.entry];
                j != i && ot.event == t.event && (ot.strength != Strength::Weak || ot.form != t.form) && (t.confirmed_by.is_empty() || t.confirmed_by.contains(&ot.form))
            }),
        };
        // One event per type and clause: a second act of the type needs its own clause and a
        // strong form of another wording ("تعيين سفير ... عقب إعادة افتتاح سفارتها"). Visits,
        // meetings, signings and training are restated within a sentence far more often than
        // repeated ("زيارة ... خلال الزيارة"; on dev, letting them repeat gave five duplicates).
        let restated = matches!(t.event, EventType::Visit | EventType::Meeting | EventType::Agreement | EventType::MilitaryCooperation);
        let repeat = |f: &Fired| f.event == t.event && (restated || t.strength != Strength::Strong || modality.same_clause(f.start, h.word_start) || norm[f.form_start..f.end] == norm[h.start..h.end]);
        if !fires || fired.iter().any(repeat) {
            continue;
        }
        if !modality.cancels(h, t.event) && !modality.in_purpose_of_earlier(h, &fired) {
            fired.push(Fired { event: t.event, start: h.word_start, form_start: h.start, end: h.end });
        }
    }
    // A cargo that arrives (وصلت ... شحنة ... قادمة من) is a delivery, not a visit: a visit
    // read only from arrival words gives way to a delivery of arms or aid.
    let delivered = fired.iter().any(|f| matches!(f.event, EventType::ArmsTransfer | EventType::Aid));
    let visit_named = hits.iter().any(|h| matches!(&g.entries[h.entry], Trigger { event: EventType::Visit, strength: Strength::Strong, .. }));
    if delivered && !visit_named {
        fired.retain(|f| f.event != EventType::Visit);
    }
    fired
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
