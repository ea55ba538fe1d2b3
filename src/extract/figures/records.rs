//! A document's figure records: each sentence's figures, with the sentence's party states;
//! a figure repeated (headline, lead, body) is one record.

use super::super::analysis::Analysis;
use super::super::registry;
use super::{find_figures, may_have_figures, SentenceDates};
use crate::model::{short_hash, Figure};
use std::collections::BTreeMap;

pub fn records(a: &Analysis) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new(); // key -> index in out
    for s in &a.sentences {
        let sentence = a.sentence_text(s);
        let dates = SentenceDates::new(a.dates_in(s), s.start);
        if !may_have_figures(sentence, a.sentence_norm(s), &dates.exclude, a.any_hit_in(s, &a.hits.figure_starts)) {
            continue;
        }
        let figures = find_figures(sentence, &dates);
        if figures.is_empty() {
            continue;
        }
        let countries = a.party_countries(s);
        for f in figures {
            let key = (f.kind.as_str().to_string(), format!("{:.6e}", f.value), f.unit.clone());
            if let Some(&kept) = seen.get(&key) {
                // The repeat's year, if the first mention had none.
                let record = &mut out[kept];
                record.year = record.year.or(f.year);
                continue;
            }
            seen.insert(key, out.len());
            let (char_start, char_end) = a.chars.chars(s.start + f.start, s.start + f.end);
            out.push(Figure {
                figure_id: short_hash(&[&a.doc.doc_id, "figure", &char_start.to_string()]),
                doc_id: a.doc_id.clone(),
                kind: f.kind.as_str(),
                metric: f.metric.clone(),
                value: f.value,
                unit: Some(f.unit.clone()),
                year: f.year,
                countries: countries.iter().map(|c| registry::country_code(c)).collect(),
                text: f.text.clone(),
                sentence: a.excerpt(s.start, s.end),
                char_start,
                char_end,
            });
        }
    }
    out
}
