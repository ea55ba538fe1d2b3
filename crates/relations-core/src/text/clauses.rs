//! Clauses: where a sentence's clauses begin. A clause opens at ؛ ; : or a quotation mark, and
//! at a word that opens one (`data/lexicon/clause_openers.tsv`: report verbs, أن, relative
//! pronouns, connectives such as حيث، كما، فيما). A comma alone opens none: news prose
//! separates names, titles and list items with it as often as clauses.

use super::normalize::normalize_str;
use super::words::Word;
use super::is_quotation_mark;
use crate::data_file;
use crate::extract::lexicon::Tsv;
use std::sync::LazyLock;

static OPENERS: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
    let t = Tsv::parse(data_file!("lexicon/clause_openers.tsv"));
    t.rows.iter().filter_map(|r| t.get(r, "form_ar")).map(normalize_str).collect()
});

/// The clauses of one normalized sentence, as the byte offsets where each after the first begins.
#[derive(Debug, Clone, Default)]
pub struct Clauses {
    starts: Vec<usize>,
}

impl Clauses {
    /// `words`: the sentence's words, offsets in `norm` (its normalized text).
    pub fn new(norm: &str, words: &[Word]) -> Clauses {
        let mut starts: Vec<usize> = norm.char_indices().filter(|&(_, c)| matches!(c, '؛' | ';' | ':') || is_quotation_mark(c)).map(|(at, c)| at + c.len_utf8()).collect();
        for w in words {
            let word = &norm[w.start..w.end];
            let bare = word.strip_prefix(['و', 'ف']).filter(|rest| rest.chars().count() >= 2);
            if w.start > 0 && (OPENERS.contains(word) || bare.is_some_and(|b| OPENERS.contains(b))) {
                starts.push(w.start);
            }
        }
        starts.sort_unstable();
        starts.dedup();
        Clauses { starts }
    }

    /// The index of the clause that holds byte `at`.
    pub fn of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::words;

    /// The sentence cut into its clauses, trimmed.
    fn clauses(text: &str) -> Vec<String> {
        let n = normalize_str(text);
        let c = Clauses::new(&n, &words(&n));
        let mut cuts = vec![0];
        cuts.extend(c.starts.iter().copied());
        cuts.push(n.len());
        cuts.windows(2).map(|w| n[w[0]..w[1]].trim_matches(|ch: char| ch.is_whitespace() || "،,".contains(ch)).to_string()).filter(|s| !s.is_empty()).collect()
    }

    #[test]
    fn clauses_open_at_report_verbs_complements_relatives_and_connectives() {
        let cases: &[(&str, &[&str])] = &[
            ("التقى الوزير الليبي نظيره التركي، وأكد أن البلدين يعملان معا", &["التقى الوزير الليبي نظيره التركي", "وأكد", "أن البلدين يعملان معا"]),
            ("وصل الوفد إلى روما حيث وقع الجانبان الاتفاقية التي أعدتها اللجنة", &["وصل الوفد إلى روما", "حيث وقع الجانبان الاتفاقية", "التي أعدتها اللجنة"]),
            ("بحث الطرفان التعاون؛ فيما تناول اللقاء ملف الهجرة", &["بحث الطرفان التعاون؛", "فيما تناول اللقاء ملف الهجرة"]),
            ("استقبل الوزير السفير الروسي، وذلك بعد يومين من لقائه السفير الصيني", &["استقبل الوزير السفير الروسي", "وذلك بعد يومين من لقائه السفير الصيني"]),
        ];
        for (sentence, want) in cases {
            let want: Vec<String> = want.iter().map(|w| normalize_str(w).trim_end_matches('؛').to_string()).collect();
            let got: Vec<String> = clauses(sentence).into_iter().map(|c| c.trim_end_matches('؛').to_string()).collect();
            assert_eq!(got, want, "{sentence}");
        }
    }

    #[test]
    fn commas_names_and_lists_open_no_clause() {
        for sentence in ["استقبل رئيس المجلس الرئاسي، محمد المنفي، سفراء إيطاليا، وفرنسا، وألمانيا", "وقعت ليبيا وتركيا اتفاقية للتعاون العسكري"] {
            assert_eq!(clauses(sentence).len(), 1, "{sentence}: {:?}", clauses(sentence));
        }
    }
}
