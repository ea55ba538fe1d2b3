//! Whole-word lexicon matching on normalized Arabic text, with proclitics (و ف ب ل ك ال)
//! allowed before a word. Forms are looked up by hash, word by word (`SpanIndex`).

use super::lexicon::Tsv;
use crate::text::clitics::{proclitic_ends, strip_article};
use crate::text::normalize::normalize_str;
use crate::text::words::{is_word_char, words, Word};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Normalized-text byte range of the matched form (after its proclitics).
    pub start: usize,
    pub end: usize,
    /// Start of the word, i.e. of the proclitics.
    pub word_start: usize,
    /// Index of the entry's payload.
    pub entry: usize,
}

impl Hit {
    /// Start of the mention as written: keeps an article the text carries (بالجزائر → الجزائر).
    pub fn mention_start(&self, norm: &str) -> usize {
        let prefix = &norm[self.word_start..self.start];
        if prefix.ends_with("ال") && !prefix.ends_with("لل") { self.start - "ال".len() } else { self.start }
    }
}

/// A lexicon's normalized forms and, for each, the entry it names.
pub type Forms<'a> = (&'a [String], &'a [usize]);

pub struct Gazetteer<T> {
    /// Built on first use: documents are matched by `Combined`, this serves lone look-ups.
    index: OnceLock<SpanIndex>,
    /// Normalized forms, kept so that gazetteers can be combined into one pass (`Combined`).
    patterns: Vec<String>,
    /// For each pattern, the entry it belongs to.
    pattern_entry: Vec<usize>,
    pub entries: Vec<T>,
}

impl<T> Gazetteer<T> {
    /// `forms` lists (form, entry index); entries hold the payloads.
    pub fn new(entries: Vec<T>, forms: impl IntoIterator<Item = (String, usize)>) -> Self {
        let mut patterns = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (form, entry) in forms {
            let norm = normalize_str(&form);
            // An alef with hamza before lam is a root letter, never the article (which is
            // written with a bare alef): ألماني keeps its "ال", so that "الألماني" reads as the
            // article and ألماني, where stripping left "ماني" out of reach.
            let root_alef_lam = form.starts_with(['أ', 'إ', 'آ']) && form.chars().nth(1) == Some('ل');
            let base = if root_alef_lam { norm.as_str() } else { strip_article(&norm) };
            for key in article_variants(base) {
                if key.chars().count() < 2 || !seen.insert((key.clone(), entry)) {
                    continue;
                }
                patterns.push(key);
                pattern_entry.push(entry);
            }
        }
        Self { index: OnceLock::new(), patterns, pattern_entry, entries }
    }

    /// Entry `i` named by the one normalized form `forms[i]`, matched as it is: no article
    /// variants, no minimum length.
    pub fn exact(entries: Vec<T>, forms: Vec<String>) -> Self {
        assert_eq!(entries.len(), forms.len(), "one form per entry");
        Self { index: OnceLock::new(), pattern_entry: (0..forms.len()).collect(), patterns: forms, entries }
    }

    /// One entry per row of a lexicon file that has a form in `form_column`; `payload` reads
    /// the rest of the row (None skips the row).
    pub fn from_tsv(text: &str, form_column: &str, payload: impl Fn(&Tsv, &[&str]) -> Option<T>) -> Self {
        let t = Tsv::parse(text);
        let mut entries = Vec::new();
        let mut forms = Vec::new();
        for r in &t.rows {
            if let (Some(form), Some(p)) = (t.get(r, form_column), payload(&t, r)) {
                forms.push((form.to_string(), entries.len()));
                entries.push(p);
            }
        }
        Self::new(entries, forms)
    }

    /// (patterns, entry of each pattern), for `Combined::new`.
    pub fn forms(&self) -> Forms<'_> {
        (&self.patterns, &self.pattern_entry)
    }

    /// All whole-word hits, overlapping ones included, in text order.
    pub fn find_all(&self, norm: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        let index = self.index.get_or_init(|| SpanIndex::new(&self.patterns));
        index.for_each_match(norm, |start, end, word_start, pid| hits.push(Hit { start, end, word_start, entry: self.pattern_entry[pid] }));
        hits
    }

    /// Non-overlapping hits, longest first, in text order.
    pub fn find(&self, norm: &str) -> Vec<Hit> {
        longest_non_overlapping(self.find_all(norm))
    }
}

/// Every form and every prefix of one that ends before a non-word character ("وزير",
/// "وزير الخارجيه" for "وزير الخارجيه الايطالي"), by its text. Matching looks up the text
/// from a word start to each following word end, and stops at the first span that is neither:
/// one hash look-up for most words, where a byte trie took a cache miss per byte.
struct SpanIndex {
    /// Keyed by the span's bytes: a look-up slices the text's bytes, with no char-boundary checks.
    spans: FxHashMap<Box<[u8]>, Span>,
    /// The patterns of every span, span after span (`Span::patterns`): one table entry is
    /// 24 bytes, not 48 with a vector of its own, so the table takes half the cache.
    pattern_ids: Vec<u32>,
}

#[derive(Clone, Copy)]
struct Span {
    /// Forms spelled exactly so: `pattern_ids[first..first + count]`, by pattern index, ascending.
    first: u32,
    count: u16,
    /// Some longer form starts with this span.
    longer: bool,
}

impl SpanIndex {
    fn new<P: AsRef<str>>(patterns: &[P]) -> Self {
        let mut by_span: FxHashMap<Box<str>, (Vec<u32>, bool)> = FxHashMap::default();
        for (pid, p) in patterns.iter().enumerate() {
            let p = p.as_ref();
            for (i, c) in p.char_indices().skip(1) {
                if !is_word_char(c) {
                    by_span.entry(p[..i].into()).or_default().1 = true;
                }
            }
            by_span.entry(p.into()).or_default().0.push(pid as u32);
        }
        let mut pattern_ids = Vec::new();
        let mut spans = FxHashMap::default();
        spans.reserve(by_span.len());
        for (span, (pids, longer)) in by_span {
            let count = u16::try_from(pids.len()).expect("a form names fewer than 65,536 entries");
            spans.insert(span.into_boxed_bytes(), Span { first: pattern_ids.len() as u32, count, longer });
            pattern_ids.extend(pids);
        }
        Self { spans, pattern_ids }
    }

    fn patterns(&self, span: Span) -> &[u32] {
        &self.pattern_ids[span.first as usize..span.first as usize + span.count as usize]
    }

    /// Calls `found(start, end, word_start, pattern)` for every form that starts a word of
    /// `norm` or follows the word's proclitics, and ends before a non-word character or the
    /// end of the text. Matches come in text order.
    fn for_each_match(&self, norm: &str, found: impl FnMut(usize, usize, usize, usize)) {
        self.for_each_match_in(norm, &words(norm), found)
    }

    /// `for_each_match`, given the words of `norm`.
    fn for_each_match_in(&self, norm: &str, words: &[Word], mut found: impl FnMut(usize, usize, usize, usize)) {
        let bytes = norm.as_bytes();
        for (w, &Word { start: ws, end: we }) in words.iter().enumerate() {
            for start in proclitic_ends(&norm[ws..we]).map(|p| ws + p) {
                // Candidate ends: this word's end, then each non-word character up to the next
                // word's end, and so on.
                let mut next_word = w + 1;
                let mut end = we;
                loop {
                    let Some(&span) = self.spans.get(&bytes[start..end]) else { break };
                    for &pid in self.patterns(span) {
                        found(start, end, ws, pid as usize);
                    }
                    if !span.longer {
                        break;
                    }
                    end = match norm[end..].chars().next() {
                        // Inside the gap after a word: the next non-word character.
                        Some(c) if next_word >= words.len() || end + c.len_utf8() < words[next_word].start => end + c.len_utf8(),
                        Some(_) => {
                            next_word += 1;
                            words[next_word - 1].end
                        }
                        None => break,
                    };
                }
            }
        }
    }
}

/// Several gazetteers matched in one pass: one index over all their forms, so each word
/// start is looked up once rather than once per lexicon.
pub struct Combined {
    index: SpanIndex,
    /// For each pattern: (member, entry in that member).
    owner: Vec<(u32, u32)>,
    members: usize,
}

impl Combined {
    /// Members given as (patterns, entry of each pattern), so gazetteers of different payloads combine.
    pub fn new(members: &[Forms]) -> Self {
        let mut patterns: Vec<&String> = Vec::new();
        let mut owner = Vec::new();
        for (m, &(forms, entries)) in members.iter().enumerate() {
            for (form, &entry) in forms.iter().zip(entries.iter()) {
                patterns.push(form);
                owner.push((m as u32, entry as u32));
            }
        }
        Self { index: SpanIndex::new(&patterns), owner, members: members.len() }
    }

    /// Overlapping hits of each member, in the order the members were given, each in text
    /// order; `words` are the words of `norm`.
    pub fn find_all(&self, norm: &str, words: &[Word]) -> Vec<Vec<Hit>> {
        let mut hits = vec![Vec::new(); self.members];
        self.index.for_each_match_in(norm, words, |start, end, word_start, pid| {
            let (member, entry) = self.owner[pid];
            hits[member as usize].push(Hit { start, end, word_start, entry: entry as usize });
        });
        hits
    }
}

/// A multi-word form with and without the article on its later words: "امن غذايي" also
/// matches "امن الغذايي" and the other way round (the first word's article is a proclitic).
fn article_variants(form: &str) -> Vec<String> {
    let words: Vec<&str> = form.split(' ').collect();
    if words.len() > 4 {
        return vec![form.to_string()];
    }
    let mut out = vec![words[0].to_string()];
    for w in &words[1..] {
        let bare = strip_article(w);
        let with = if bare.len() < w.len() { w.to_string() } else if w.chars().count() >= 3 && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) { format!("ال{w}") } else { w.to_string() };
        let mut next = Vec::new();
        for prefix in &out {
            next.push(format!("{prefix} {with}"));
            if bare != with {
                next.push(format!("{prefix} {bare}"));
            }
        }
        out = next;
    }
    out
}

/// Keeps the longest hits that do not overlap, returned in text order. Equal spans keep every
/// entry (one form may belong to several entries).
pub fn longest_non_overlapping(mut hits: Vec<Hit>) -> Vec<Hit> {
    // Hits that overlap nothing, most of them, are kept as they are: only each run of hits
    // that overlap one another is settled longest first. Runs are found in start order, the
    // order the matcher gives.
    if !hits.is_sorted_by_key(|h| h.start) {
        hits.sort_unstable_by_key(|h| (h.start, h.end, h.entry));
    }
    let mut kept = Vec::with_capacity(hits.len());
    let mut run = Vec::new();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < hits.len() {
        let mut end = hits[i].end;
        let mut j = i + 1;
        while j < hits.len() && hits[j].start < end {
            end = end.max(hits[j].end);
            j += 1;
        }
        if j == i + 1 {
            kept.push(hits[i]);
        } else {
            run.clear();
            run.extend_from_slice(&hits[i..j]);
            settle_overlaps(&mut run, &mut spans);
            kept.extend_from_slice(&run);
        }
        i = j;
    }
    kept
}

/// `longest_non_overlapping` for one run of overlapping hits, in place; `spans` is scratch.
fn settle_overlaps(hits: &mut Vec<Hit>, spans: &mut Vec<(usize, usize)>) {
    // A hit is its span and entry (the word start follows from the start), so hits with equal
    // keys are equal and the unstable sort, which needs no scratch buffer, orders them the same.
    hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start, h.entry));
    // Kept spans, by start. They never overlap, so the one starting last before a hit's end
    // is the only candidate clash. Hits are kept in place, in the order they are read.
    spans.clear();
    hits.retain(|h| {
        let i = spans.partition_point(|&(start, _)| start < h.end);
        match i.checked_sub(1).map(|j| spans[j]) {
            Some((start, end)) if end > h.start => (start, end) == (h.start, h.end),
            _ => {
                spans.insert(i, (h.start, h.end));
                true
            }
        }
    });
    // Kept spans have distinct starts; one span's entries stay in entry order.
    hits.sort_unstable_by_key(|h| (h.start, h.entry));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries `g` finds in `text`, in text order.
    fn entries_found<'g>(g: &'g Gazetteer<&'static str>, text: &str) -> Vec<&'g str> {
        g.find(&normalize_str(text)).iter().map(|h| g.entries[h.entry]).collect()
    }

    fn gaz() -> Gazetteer<&'static str> {
        Gazetteer::new(vec!["DZA", "RUS", "RUS-adj"], [("الجزائر".to_string(), 0), ("روسيا".to_string(), 1), ("روسي".to_string(), 2)])
    }

    #[test]
    fn matches_after_proclitics_only() {
        let g = gaz();
        for text in ["الجزائر", "بالجزائر", "وللجزائر", "والجزائر"] {
            let n = normalize_str(text);
            assert_eq!(g.find(&n).len(), 1, "{text}");
        }
        let n = normalize_str("الروسية تعمل مع موروسيا");
        assert!(g.find(&n).is_empty(), "no whole word here");
    }

    #[test]
    fn an_alef_with_hamza_before_lam_is_no_article() {
        let g = Gazetteer::new(vec!["DEU-adj", "DEU", "ALB-adj"], [("ألماني".to_string(), 0), ("ألمانيا".to_string(), 1), ("الألباني".to_string(), 2)]);
        assert_eq!(entries_found(&g, "التقى السفير الألماني"), ["DEU-adj"]);
        assert_eq!(entries_found(&g, "وفد ألماني ووالألماني"), ["DEU-adj"]);
        assert_eq!(entries_found(&g, "سافر إلى ألمانيا ثم لألمانيا وبألمانيا"), ["DEU", "DEU", "DEU"]);
        // An entry written with the article still matches without it.
        assert_eq!(entries_found(&g, "الوزير الألباني ونظيره ألباني"), ["ALB-adj", "ALB-adj"]);
    }

    #[test]
    fn a_form_of_several_entries_finds_each_in_entry_order() {
        let g = Gazetteer::new(vec!["city", "province", "country"], [("سرت".to_string(), 1), ("ليبيا".to_string(), 2), ("سرت".to_string(), 0)]);
        assert_eq!(entries_found(&g, "وصل الوفد إلى سرت في ليبيا"), ["city", "province", "country"]);
    }

    #[test]
    fn longest_wins() {
        let g = gaz();
        let n = normalize_str("وفد روسيا");
        let hits = g.find(&n);
        assert_eq!(hits.len(), 1);
        assert_eq!(g.entries[hits[0].entry], "RUS");
    }

    #[test]
    fn mention_keeps_the_article() {
        let g = gaz();
        let n = normalize_str("وبالجزائر");
        let h = g.find(&n)[0];
        assert_eq!(&n[h.mention_start(&n)..h.end], "الجزاير");
    }

    #[test]
    fn overlaps_keep_the_longest_and_equal_spans_keep_every_entry() {
        let hit = |start, end, entry| Hit { start, end, word_start: start, entry };
        let hits = vec![hit(0, 4, 0), hit(2, 10, 1), hit(12, 16, 3), hit(12, 16, 2), hit(8, 13, 4), hit(20, 22, 5)];
        let kept: Vec<usize> = longest_non_overlapping(hits).iter().map(|h| h.entry).collect();
        // 2..10 wins over 0..4 and 8..13; 12..16 carries two entries; 20..22 stands alone.
        assert_eq!(kept, [1, 2, 3, 5]);
    }

    #[test]
    fn runs_of_overlaps_are_settled_as_the_whole_list_would_be() {
        // Pseudo-random hits, in text order and shuffled, against one settlement of the lot.
        let mut seed = 7u64;
        let mut next = |below: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % below
        };
        for _ in 0..2000 {
            let mut hits: Vec<Hit> = (0..next(12))
                .map(|_| {
                    let start = next(40);
                    Hit { start, end: start + 1 + next(8), word_start: start, entry: next(4) }
                })
                .collect();
            hits.sort_by_key(|h| (h.start, h.end, h.entry));
            hits.dedup();
            let mut whole = hits.clone();
            settle_overlaps(&mut whole, &mut Vec::new());
            assert_eq!(longest_non_overlapping(hits.clone()), whole, "{hits:?}");
            hits.reverse();
            assert_eq!(longest_non_overlapping(hits), whole);
        }
    }

    #[test]
    fn multi_word_forms_cross_spaces_and_punctuation() {
        let g = Gazetteer::new(vec!["5+5", "OPEC+", "UN"], [("اللجنة العسكرية 5+5".to_string(), 0), ("أوبك+".to_string(), 1), ("الأمم المتحدة".to_string(), 2)]);
        assert_eq!(entries_found(&g, "اجتمعت اللجنة العسكرية 5+5 وتحالف أوبك+، ثم الأمم المتحدة."), ["5+5", "OPEC+", "UN"]);
        // A form is not found inside a longer word, nor when only its first word is present.
        assert!(g.find(&normalize_str("الأمم وحدها وأوبكي")).is_empty());
    }
}
