//! Cooperation sectors: a lexicon of forms per sector (`data/lexicon/sectors.tsv`). Rows of the
//! pseudo-sector `none` are idioms that contain a sector word but are not the sector (مجلس
//! الأمن); they win as longer matches and are then dropped.

use super::analysis::Analysis;
use super::events::DocumentEvents;
use super::gazetteer::{longest_non_overlapping, Gazetteer, Hit};
use super::lexicon::Tsv;
use crate::data_file;
use crate::model::Sector;
use std::collections::BTreeMap;
use crate::text::normalize::normalize_str;
use std::sync::LazyLock;

/// A sector form's sector, and whether it names the sector only as a field of cooperation.
pub struct SectorForm {
    sector: String,
    needs_frame: bool,
}

pub static SECTORS: LazyLock<Gazetteer<SectorForm>> = LazyLock::new(|| {
    Gazetteer::from_tsv(data_file!("lexicon/sectors.tsv"), "form_ar", |t, r| {
        Some(SectorForm { sector: t.get(r, "sector")?.to_string(), needs_frame: t.get(r, "needs_frame") == Some("yes") })
    })
});

/// Words that name what follows as a field of a relationship: "التعاون في مجال الزراعة",
/// "قطاعات الصحة والتعليم", "التعاون العسكري" (`data/lexicon/sector_frames.tsv`).
static FRAMES: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
    let t = Tsv::parse(data_file!("lexicon/sector_frames.tsv"));
    t.rows.iter().filter_map(|r| t.get(r, "form_ar")).map(normalize_str).collect()
});

/// A sector word in normalized text.
#[derive(Debug, Clone)]
pub struct SectorHit {
    pub sector: &'static str,
    pub start: usize,
    pub end: usize,
    /// Named as a field of cooperation: right after a frame word, or listed with such a word
    /// ("في مجالات الزراعة والصحة").
    pub framed: bool,
}

pub fn find_sectors(norm: &str) -> Vec<SectorHit> {
    sectors_in(norm, SECTORS.find_all(norm))
}

/// Sector words given the overlapping hits of the sector lexicon in `norm`.
pub fn sectors_in(norm: &str, hits: Vec<Hit>) -> Vec<SectorHit> {
    let g = &*SECTORS;
    let mut out: Vec<SectorHit> = Vec::new();
    let mut previous: Option<(usize, bool)> = None; // end of the last sector word, and whether it was framed
    for h in longest_non_overlapping(hits) {
        let form = &g.entries[h.entry];
        let sector = form.sector.as_str();
        let listed_after_framed = previous.is_some_and(|(end, framed)| framed && is_list_gap(&norm[end..h.word_start], &norm[h.word_start..h.start]));
        let framed = listed_after_framed || word_before(norm, h.word_start).is_some_and(|w| FRAMES.contains(w));
        previous = Some((h.end, framed));
        if sector != "none" && (framed || !form.needs_frame) {
            out.push(SectorHit { sector, start: h.mention_start(norm), end: h.end, framed });
        }
    }
    out
}

/// The word that ends right before `at` (its proclitic و taken off), if only a space lies between.
fn word_before(norm: &str, at: usize) -> Option<&str> {
    let before = norm[..at].strip_suffix(' ')?;
    let word = before.rsplit(' ').next()?;
    Some(word.strip_prefix('و').filter(|w| FRAMES.contains(*w)).unwrap_or(word))
}

/// Between two listed sector words: a space, a comma or "و" ("الزراعة والصحة"، "الزراعة، الصحة").
fn is_list_gap(gap: &str, proclitics: &str) -> bool {
    let gap = gap.trim();
    (gap.is_empty() && proclitics.starts_with('و')) || gap == "،" || gap == "," || gap == "و"
}

/// A document-level sector needs this many mentions, unless it appears where an event is stated
/// or is named once as a field of cooperation ("التعاون في مجال الصحة").
const MIN_MENTIONS: usize = 3;

/// A sector word in original byte offsets.
#[derive(Debug, Clone, Copy)]
pub struct SectorSpan {
    pub start: usize,
    pub end: usize,
    pub sector: &'static str,
    pub framed: bool,
}

/// Each sentence's sector words. A sector word inside a person's name is the name (السايح is
/// a surname, not a tourist).
pub fn sentence_sectors(a: &Analysis) -> Vec<Vec<SectorSpan>> {
    a.sentences
        .iter()
        .map(|s| {
            let persons: Vec<(usize, usize)> = a.mentions_in(s).iter().filter(|m| m.actor.actor_type == "person").map(|m| (m.start, m.end)).collect();
            sectors_in(a.sentence_norm(s), a.hits_in(s, &a.hits.sectors))
                .into_iter()
                .map(|w| {
                    let (start, end) = a.original(s, w.start, w.end);
                    SectorSpan { start, end, sector: w.sector, framed: w.framed }
                })
                .filter(|w| !persons.iter().any(|&(ps, pe)| w.start < pe && ps < w.end))
                .collect()
        })
        .collect()
}

/// The sector records: each event's sectors, then the document's (in sector order), each with
/// its first mention as evidence.
pub fn records(a: &Analysis, words: &[Vec<SectorSpan>], events: &DocumentEvents) -> Vec<Sector> {
    let record = |sector, event_id, w: &SectorSpan| {
        let (cs, ce) = a.chars.chars(w.start, w.end);
        Sector { doc_id: a.doc_id.clone(), sector, event_id, text: Some(a.excerpt(w.start, w.end)), char_start: Some(cs), char_end: Some(ce) }
    };
    let mut out: Vec<Sector> = Vec::new();
    for (event, hits) in &events.events {
        for w in hits {
            if !out.iter().any(|x| x.event_id.as_deref() == Some(&*event.event_id) && x.sector == w.sector) {
                out.push(record(w.sector, Some(event.event_id.clone()), w));
            }
        }
    }
    let mut named: BTreeMap<&'static str, (usize, bool, &SectorSpan)> = BTreeMap::new(); // count, framed once, first mention
    for w in words.iter().flatten() {
        let entry = named.entry(w.sector).or_insert((0, false, w));
        entry.0 += 1;
        entry.1 |= w.framed;
    }
    for (sector, (count, framed, first)) in named {
        if count >= MIN_MENTIONS || framed || events.sectors_named.contains(sector) {
            out.push(record(sector, None, first));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sectors(text: &str) -> Vec<&'static str> {
        find_sectors(&normalize_str(text)).into_iter().map(|h| h.sector).collect()
    }

    #[test]
    fn sector_words_in_their_forms() {
        assert_eq!(sectors("تعزيز التعاون الزراعي والأمن الغذائي"), vec!["agriculture", "agriculture"]);
        assert!(sectors("تطوير الخدمات الطبية في المستشفيات").contains(&"health"));
        assert!(sectors("مشاريع الطاقة المتجددة والنفط").contains(&"energy"));
        assert!(!sectors("أصدر مجلس الأمن الدولي بيانا").contains(&"security"), "an idiom is not the sector");
    }

    const PHRASES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/phrases/sectors.tsv"));

    /// Every row of tests/phrases/sectors.tsv: the sector is found, framed or not as stated;
    /// a "none" phrase yields no sector word at all.
    #[test]
    fn phrase_corpus() {
        let t = Tsv::parse(PHRASES);
        let mut failures = Vec::new();
        for r in &t.rows {
            let (Some(phrase), Some(sector)) = (t.get(r, "phrase"), t.get(r, "sector")) else { continue };
            let hits = find_sectors(&normalize_str(phrase));
            let ok = if sector == "none" {
                hits.is_empty()
            } else {
                let framed = t.get(r, "framed") == Some("yes");
                hits.iter().any(|h| h.sector == sector && h.framed == framed)
            };
            if !ok {
                failures.push(format!("{phrase} -> {sector}: got {:?}", hits.iter().map(|h| (h.sector, h.framed)).collect::<Vec<_>>()));
            }
        }
        assert!(t.rows.len() >= 25, "the corpus has its rows");
        assert!(failures.is_empty(), "{} of {} rows fail:\n{}", failures.len(), t.rows.len(), failures.join("\n"));
    }
}
