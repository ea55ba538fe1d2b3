//! A document's figure records: each sentence's figures, with the sentence's party states;
//! a figure repeated (headline, lead, body) is one record.

use super::super::analysis::{Analysis, Sentence};
use super::super::registry;
use super::{find_figures, may_have_figures, SentenceDates};
use crate::extract::dates::Precision;
use crate::model::{short_hash, Figure};
use chrono::Datelike;
use std::collections::BTreeMap;

/// The one year a sentence states by its dates ("في عام 2024", "العام الماضي"), if it states
/// exactly one and it is not ahead of publication (a target year is no figure's year).
fn only_year(a: &Analysis, s: &Sentence) -> Option<i32> {
    let mut years = a.dates_in(s).into_iter().filter(|d| d.precision == Precision::Year).filter_map(|d| d.date.map(|date| date.year()));
    let year = years.next()?;
    let published = a.doc.published_date.map(|p| p.year());
    (years.all(|y| y == year) && published.is_none_or(|p| year <= p)).then_some(year)
}

pub fn records(a: &Analysis) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new(); // key -> index in out
    for (k, s) in a.sentences.iter().enumerate() {
        let sentence = a.sentence_text(s);
        let dates_here = a.dates_in(s);
        let dates = SentenceDates::new(dates_here.iter().copied(), s.start);
        if !may_have_figures(sentence, a.sentence_norm(s), &dates.exclude, a.any_hit_in(s, &a.hits.figure_starts)) {
            continue;
        }
        let figures = find_figures(sentence, &dates);
        if figures.is_empty() {
            continue;
        }
        let countries = a.party_countries(s);
        // A sentence without a date of its own continues the one before it: "ارتفع التبادل
        // في عام 2024. وبلغت الصادرات 3 مليارات دولار".
        let year_before = if dates_here.is_empty() && k > 0 { only_year(a, &a.sentences[k - 1]) } else { None };
        for mut f in figures {
            f.year = f.year.or(year_before);
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
                qualifier: f.qualifier.as_str(),
                status: f.status.as_str(),
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

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::model::Document;

    fn years(text: &str) -> Vec<Option<i32>> {
        extract(&Document::made_up(text, "2025-06-10")).figures.into_iter().map(|f| f.year).collect()
    }

    #[test]
    fn a_sentence_without_dates_takes_the_one_year_of_the_sentence_before() {
        let cases: &[(&str, &[Option<i32>])] = &[
            ("ارتفع التبادل التجاري بين ليبيا وتركيا في عام 2024. وبلغت قيمة الصادرات التركية 3 مليارات دولار، فيما بلغت الواردات 500 مليون دولار.", &[Some(2024), Some(2024)]),
            ("تراجعت التجارة مع تونس خلال العام الماضي. وبلغت الصادرات الليبية 700 مليون دينار.", &[Some(2024)]),
            // A target year ahead of publication, two years, or a date of the figure's own: none.
            ("تسعى ليبيا إلى مضاعفة صادراتها في عام 2030. وتبلغ الصادرات 3 مليارات دولار.", &[None]),
            ("وقعت ليبيا اتفاقا في عام 2023 وآخر في عام 2024. وبلغت قيمة الاتفاقين 3 مليارات دولار.", &[None]),
            ("زار الوزير أنقرة في عام 2024. وقال يوم الأحد إن الصادرات بلغت 3 مليارات دولار.", &[None]),
        ];
        for (text, want) in cases {
            assert_eq!(years(text), *want, "{text}");
        }
    }
}
