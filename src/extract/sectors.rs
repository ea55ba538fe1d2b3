//! Cooperation sectors: a lexicon of forms per sector (`data/lexicon/sectors.tsv`). Rows of the
//! pseudo-sector `none` are idioms that contain a sector word but are not the sector (مجلس
//! الأمن); they win as longer matches and are then dropped.

use super::gazetteer::{longest_non_overlapping, Gazetteer, Hit};
use crate::data_file;
use std::sync::LazyLock;

pub static SECTORS: LazyLock<Gazetteer<String>> =
    LazyLock::new(|| Gazetteer::from_tsv(data_file!("lexicon/sectors.tsv"), "form_ar", |t, r| t.get(r, "sector").map(str::to_string)));

/// A sector word in normalized text.
#[derive(Debug, Clone)]
pub struct SectorHit {
    pub sector: &'static str,
    pub start: usize,
    pub end: usize,
}

pub fn find_sectors(norm: &str) -> Vec<SectorHit> {
    sectors_in(norm, SECTORS.find_all(norm))
}

/// Sector words given the overlapping hits of the sector lexicon in `norm`.
pub fn sectors_in(norm: &str, hits: Vec<Hit>) -> Vec<SectorHit> {
    let g = &*SECTORS;
    longest_non_overlapping(hits)
        .into_iter()
        .filter(|h| g.entries[h.entry] != "none")
        .map(|h| SectorHit { sector: g.entries[h.entry].as_str(), start: h.mention_start(norm), end: h.end })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize_str;

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
}
