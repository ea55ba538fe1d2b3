//! Arabic date expressions, Duckling style: absolute dates in the Gregorian month systems
//! (Egyptian/Gulf, Levantine, Maghrebi, Libyan), Hijri dates (Umm al-Qura), English month
//! names, numeric dates, and relative expressions resolved against an anchor (the publication
//! date): weekdays, أمس/اليوم/غدا, "فبراير الماضي", "الأسبوع المقبل"...
//!
//! How it works: the text is normalized (diacritics, tatweel, hamza/alef, ى/ي, ة/ه, ؤ/و, ئ/ي,
//! Arabic-Indic and Persian digits, ASCII case) keeping a map back to original byte offsets (in
//! a document, its normalized text is read as it is, where the folds agree), split into
//! word/number/punctuation tokens, and each word is looked up (after stripping the
//! proclitics و ف ب ل ك) in one hash table built from the lexicon files. A small grammar then
//! runs only at tokens that are numbers or lexicon words, leftmost-longest.
//! Precision is never finer than what is written: no day is invented.

use super::numbers::WordMap;
use crate::text::letters::{any_byte_pair, arabic_code, arabic_run_end, folded_match_letter, is_plain_arabic_letter, MATCH_FOLDED};
use crate::text::normalize::{ascii_digit, Normalized};
use crate::text::words::{is_word_char, Word};
use std::borrow::Cow;
use chrono::{Datelike, Duration, NaiveDate};
use std::sync::LazyLock;

// ------------------------------------------------------------------------------------------
// Public API
// ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Day,
    Month,
    Year,
    Unknown,
}

impl Precision {
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch {
    /// Byte offsets into the text given (char boundaries).
    pub start: usize,
    pub end: usize,
    /// `text[start..end]`, the expression as written.
    pub text: String,
    /// First day of the period; None when unresolvable.
    pub date: Option<NaiveDate>,
    /// Unknown when `date` is None.
    pub precision: Precision,
    /// The expression needed the anchor (weekday, أمس, فبراير الماضي...).
    pub relative: bool,
}

/// All date expressions in `text`, sorted by start, non-overlapping (longest wins).
pub fn find_dates(text: &str, anchor: Option<NaiveDate>) -> Vec<DateMatch> {
    matches(&Doc::new(text), anchor)
}

/// A document's normalized text cut into date tokens (`tokens_and_words`).
pub struct Tokens(Vec<Tok>);

/// The date tokens of a document's normalized text and, cut in the same walk, its words
/// (`text::words::words`): the lexicon pass reads the words, `find_dates_in` the tokens.
pub fn tokens_and_words(norm: &str) -> (Tokens, Vec<Word>) {
    let bytes = norm.as_bytes();
    let mut tokenizer = Tokenizer::new(norm.len() / 6);
    let mut words = Vec::with_capacity(norm.len() / 8);
    let mut word_start: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        // No letter is left to fold: every Arabic letter run is a word run.
        let letters_end = arabic_run_end(bytes, at, 0);
        if letters_end > at {
            tokenizer.feed_letters(at, letters_end - at);
            word_start.get_or_insert(at);
            at = letters_end;
            continue;
        }
        if bytes[at] == b' ' {
            tokenizer.feed_space();
            if let Some(start) = word_start.take() {
                words.push(Word { start, end: at });
            }
            at += 1;
            continue;
        }
        let Some(c) = norm[at..].chars().next() else { break };
        tokenizer.feed(at, c);
        if is_word_char(c) {
            word_start.get_or_insert(at);
        } else if let Some(start) = word_start.take() {
            words.push(Word { start, end: at });
        }
        at += c.len_utf8();
    }
    if let Some(start) = word_start {
        words.push(Word { start, end: norm.len() });
    }
    (Tokens(tokenizer.finish()), words)
}

/// `find_dates`, given the document's normalized text and its tokens: read from them instead
/// of folding the text again, unless the text holds a char the two folds treat differently.
pub fn find_dates_in(text: &str, normalized: &Normalized, tokens: Tokens, anchor: Option<NaiveDate>) -> Vec<DateMatch> {
    if folds_agree(text) {
        matches(&Doc::from_tokens(text, normalized, tokens), anchor)
    } else {
        find_dates(text, anchor)
    }
}

fn matches(doc: &Doc, anchor: Option<NaiveDate>) -> Vec<DateMatch> {
    doc.candidates()
        .iter()
        .filter_map(|c| doc.to_match(c, anchor))
        .collect()
}

/// Does `text` lack every char on which this module's fold differs from `text::normalize`:
/// Quranic marks U+0610..U+061A and the no-break space (dropped and spaced there, kept here),
/// the Arabic letter mark U+061C (kept there), ٪ ٫ ٬ (read as % . , here)? Tested on byte
/// pairs (`letters::any_byte_pair`).
fn folds_agree(text: &str) -> bool {
    let differs = |a: u8, b: u8| ((a == 0xD8) & ((b.wrapping_sub(0x90) <= 0x0A) | (b == 0x9C))) | ((a == 0xD9) & (b.wrapping_sub(0xAA) <= 2)) | ((a == 0xC2) & (b == 0xA0));
    !any_byte_pair(text.as_bytes(), differs)
}

/// The publication date printed as a dateline near the top of an article (first 6 non-empty
/// lines or first 400 chars): a full day-precision date in a dateline position (after a
/// marker such as "تاريخ النشر", at the start of a line, before a time or an agency tag,
/// after a weekday, or numeric). None otherwise.
pub fn find_publication_date(text: &str) -> Option<NaiveDate> {
    let head = &text[..head_end(text)];
    let doc = Doc::new(head);
    let mut best: Option<(bool, NaiveDate)> = None;
    for c in doc.candidates() {
        let Some(m) = doc.to_match(&c, None) else {
            continue;
        };
        let (Some(date), Precision::Day, false) = (m.date, m.precision, m.relative) else {
            continue;
        };
        let (accepted, marked) = doc.dateline_shape(&c);
        if !accepted {
            continue;
        }
        // A marked date ("تاريخ النشر: ...") beats an earlier unmarked one.
        match best {
            None => best = Some((marked, date)),
            Some((false, _)) if marked => best = Some((marked, date)),
            _ => {}
        }
    }
    best.map(|(_, d)| d).or_else(|| agency_dateline(&doc, text))
}

// ------------------------------------------------------------------------------------------
// Lexicon
// ------------------------------------------------------------------------------------------

const MONTHS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/months.tsv"
));
const WEEKDAYS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/weekdays.tsv"
));
const ORDINALS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/ordinal_days.tsv"
));
const DATE_WORDS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/date_words.tsv"
));
const UMM_AL_QURA_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/umm_al_qura.tsv"
));

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cal {
    Gregorian,
    Hijri,
}

/// When a month name alone counts as a month (see months.tsv).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Free,
    Prep,
    Strict,
    Day,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rel {
    Plain,
    Past,
    Next,
    Current,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sense {
    Month { cal: Cal, month: u8, need: Need },
    Weekday(u8),
    DayOffset { days: i8, needs_prefix: bool },
    Modifier(Rel),
    Period(Unit),
    This,
    Part,
    TimeOfDay,
    DayWord,
    MonthWord,
    YearWord { strong: bool },
    MonthPrep,
    Era(Cal),
    Linked,
    Vague,
    NameHead,
    NumberHead,
    NumberUnit,
    PubMarker,
    NotToday,
    GeneralHead,
    Fraction,
    Ordinal(u8),
}

impl Sense {
    /// One bit per variant (`Phrase::kinds`).
    fn bit(self) -> u32 {
        1 << match self {
            Sense::Month { .. } => 0,
            Sense::Weekday(_) => 1,
            Sense::DayOffset { .. } => 2,
            Sense::Modifier(_) => 3,
            Sense::Period(_) => 4,
            Sense::This => 5,
            Sense::Part => 6,
            Sense::TimeOfDay => 7,
            Sense::DayWord => 8,
            Sense::MonthWord => 9,
            Sense::YearWord { .. } => 10,
            Sense::MonthPrep => 11,
            Sense::Era(_) => 12,
            Sense::Linked => 13,
            Sense::Vague => 14,
            Sense::NameHead => 15,
            Sense::NumberHead => 16,
            Sense::NumberUnit => 17,
            Sense::PubMarker => 18,
            Sense::NotToday => 19,
            Sense::GeneralHead => 20,
            Sense::Fraction => 21,
            Sense::Ordinal(_) => 22,
        }
    }
}

/// A lexicon entry keyed by its first (normalized) word; `rest` are the following words.
struct Phrase {
    rest: Vec<String>,
    /// Each sense with, optionally, the exact original spelling it requires (آب).
    senses: Vec<(Sense, Option<&'static str>)>,
    /// The variants among the senses (`Sense::bit`): a rule that opens with a sense the phrase
    /// lacks is passed over.
    kinds: u32,
}

struct Lexicon {
    phrases: WordMap<Vec<Phrase>>,
    /// Byte length of the longest key: longer words are not looked up.
    longest_key: usize,
    key_shapes: KeyShapes,
    calendar: UmmAlQura,
}

/// Shapes of the lexicon keys, to skip the hash look-up of words that cannot be keys: how
/// they end (last three chars, or last two for keys of two) and how they start (first char
/// and byte length). Chars count by a small slot (Arabic letters each apart, every other char
/// in one shared slot), so the sets hold more than the keys: a "no" is always right.
struct KeyShapes {
    /// Last three chars of the keys of three chars or more.
    endings: BitSet,
    /// Keys of two chars.
    pairs: BitSet,
    starts: BitSet,
    longest: usize,
}

impl KeyShapes {
    const SLOTS: usize = 43;

    fn slot(c: char) -> usize {
        match c as usize {
            code @ 0x621..=0x64A => code - 0x621,
            _ => 42,
        }
    }

    /// The slots of the last `N` chars of `word`, if it has that many.
    fn last<const N: usize>(word: &str) -> Option<usize> {
        // Most words end in letters of the Arabic block, two bytes each (lead D8..DB): their
        // code points are read from the bytes, without decoding backwards.
        let bytes = word.as_bytes();
        if let Some(tail) = bytes.len().checked_sub(2 * N).map(|from| &bytes[from..]) {
            if (0..N).all(|k| tail[2 * k] & 0xFC == 0xD8) {
                let mut index = 0;
                let mut scale = 1;
                for k in (0..N).rev() {
                    let code = arabic_code(tail[2 * k], tail[2 * k + 1]);
                    index += Self::slot(char::from_u32(code).unwrap_or('\0')) * scale;
                    scale *= Self::SLOTS;
                }
                return Some(index);
            }
        }
        let mut chars = word.chars().rev();
        let mut index = 0;
        let mut scale = 1;
        for _ in 0..N {
            index += Self::slot(chars.next()?) * scale;
            scale *= Self::SLOTS;
        }
        Some(index)
    }

    /// The first char and byte length of `word`, if it is not longer than any key.
    fn start(&self, word: &str) -> Option<usize> {
        let first = word.chars().next()?;
        (word.len() <= self.longest).then(|| Self::slot(first) * (self.longest + 1) + word.len())
    }

    fn new<'k>(keys: impl Iterator<Item = &'k str> + Clone) -> KeyShapes {
        let longest = keys.clone().map(str::len).max().unwrap_or(0);
        let mut shapes = KeyShapes {
            endings: BitSet::new(Self::SLOTS.pow(3)),
            pairs: BitSet::new(Self::SLOTS.pow(2)),
            starts: BitSet::new(Self::SLOTS * (longest + 1)),
            longest,
        };
        for key in keys {
            match Self::last::<3>(key) {
                Some(ending) => shapes.endings.insert(ending),
                None => shapes.pairs.extend(Self::last::<2>(key)),
            }
            if let Some(start) = shapes.start(key) {
                shapes.starts.insert(start);
            }
        }
        shapes
    }

    /// Some key may end like `word` or like one of its clitic-stripped forms: those leave
    /// at least two chars and share the word's ending ("لل" becomes "ال" well before it).
    fn may_end(&self, word: &str) -> bool {
        match Self::last::<3>(word) {
            // The last two chars' slots are the last three's, less the third from the end.
            Some(ending) => self.endings.contains(ending) || self.pairs.contains(ending % Self::SLOTS.pow(2)),
            // A word of two chars has no shorter form; one of one char is always looked up.
            None => word.chars().nth(1).is_none() || Self::last::<2>(word).is_some_and(|e| self.pairs.contains(e)),
        }
    }

    /// Some key may be `word`.
    fn may_be(&self, word: &str) -> bool {
        self.start(word).is_some_and(|start| self.starts.contains(start))
    }
}

struct BitSet(Vec<u64>);

impl BitSet {
    fn new(size: usize) -> BitSet {
        BitSet(vec![0; size.div_ceil(64)])
    }
    fn insert(&mut self, i: usize) {
        if let Some(word) = self.0.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }
    fn extend(&mut self, bits: impl IntoIterator<Item = usize>) {
        bits.into_iter().for_each(|i| self.insert(i));
    }
    fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|word| word & (1 << (i % 64)) != 0)
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// Data rows of a TSV file: no comments, no blank lines, no header.
fn tsv_rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect())
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lex = Lexicon {
            phrases: WordMap::default(),
            longest_key: 0,
            key_shapes: KeyShapes::new(std::iter::empty()),
            calendar: UmmAlQura::load(),
        };
        for row in tsv_rows(MONTHS_TSV) {
            let (Some(system), Some(month), Some(forms)) = (row.first(), row.get(1), row.get(2))
            else {
                continue;
            };
            let Ok(month) = month.parse::<u8>() else {
                continue;
            };
            let cal = if *system == "hijri" {
                Cal::Hijri
            } else {
                Cal::Gregorian
            };
            let need = match row.get(3).copied().unwrap_or("free") {
                "prep" => Need::Prep,
                "strict" => Need::Strict,
                "day" => Need::Day,
                _ => Need::Free,
            };
            lex.add_forms(forms, Sense::Month { cal, month, need });
        }
        for row in tsv_rows(WEEKDAYS_TSV) {
            if let (Some(Ok(wd)), Some(forms)) = (row.first().map(|s| s.parse::<u8>()), row.get(1))
            {
                lex.add_forms(forms, Sense::Weekday(wd));
            }
        }
        for row in tsv_rows(ORDINALS_TSV) {
            if let (Some(Ok(d)), Some(forms)) = (row.first().map(|s| s.parse::<u8>()), row.get(1)) {
                lex.add_forms(forms, Sense::Ordinal(d));
            }
        }
        for row in tsv_rows(DATE_WORDS_TSV) {
            let (Some(kind), Some(value), Some(forms)) = (row.first(), row.get(1), row.get(2))
            else {
                continue;
            };
            let rel = |v: &str| match v {
                "past" => Rel::Past,
                "next" => Rel::Next,
                _ => Rel::Current,
            };
            let sense = match *kind {
                "day_offset" => {
                    let Ok(days) = value.parse::<i8>() else {
                        continue;
                    };
                    Sense::DayOffset {
                        days,
                        needs_prefix: row.get(3) == Some(&"prefix"),
                    }
                }
                "modifier" => Sense::Modifier(rel(value)),
                "period" => Sense::Period(match *value {
                    "week" => Unit::Week,
                    "month" => Unit::Month,
                    _ => Unit::Year,
                }),
                "this" => Sense::This,
                "part" => Sense::Part,
                "time_of_day" => Sense::TimeOfDay,
                "day_word" => Sense::DayWord,
                "month_word" => Sense::MonthWord,
                "year_word" => Sense::YearWord {
                    strong: *value == "strong",
                },
                "month_prep" => Sense::MonthPrep,
                "era" => Sense::Era(if *value == "hijri" {
                    Cal::Hijri
                } else {
                    Cal::Gregorian
                }),
                "linked" => Sense::Linked,
                "vague" => Sense::Vague,
                "name_head" => Sense::NameHead,
                "number_head" => Sense::NumberHead,
                "number_unit" => Sense::NumberUnit,
                "pub_marker" => Sense::PubMarker,
                "not_today" => Sense::NotToday,
                "general_head" => Sense::GeneralHead,
                "fraction" => Sense::Fraction,
                _ => continue,
            };
            lex.add_forms(forms, sense);
        }
        lex.longest_key = lex.phrases.keys().map(String::len).max().unwrap_or(0);
        lex.key_shapes = KeyShapes::new(lex.phrases.keys().map(String::as_str));
        for list in lex.phrases.values_mut() {
            // Longest phrase first, so "الثاني عشر" wins over "الثاني".
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        lex
    }

    fn add_forms(&mut self, forms: &'static str, sense: Sense) {
        for form in forms.split('|').map(str::trim).filter(|f| !f.is_empty()) {
            let (form, exact) = match form.strip_prefix('=') {
                Some(f) => (f, Some(f)),
                None => (form, None),
            };
            let norm = normalize_str(form);
            let mut words = norm.split_whitespace().map(str::to_string);
            let Some(first) = words.next() else { continue };
            let rest: Vec<String> = words.collect();
            let list = self.phrases.entry(first).or_default();
            match list.iter_mut().find(|p| p.rest == rest) {
                Some(p) => {
                    if !p.senses.contains(&(sense, exact)) {
                        p.senses.push((sense, exact));
                        p.kinds |= sense.bit();
                    }
                }
                None => list.push(Phrase {
                    rest,
                    senses: vec![(sense, exact)],
                    kinds: sense.bit(),
                }),
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// Normalization and tokens
// ------------------------------------------------------------------------------------------

/// Combining marks and tatweel: dropped by normalization, kept in reported spans.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
}

/// Invisible format characters (bidi marks, zero-width): dropped, never part of a span end.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn normalize_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    // As `text::normalize` folds them, so that a document's normalized text serves both.
    match c {
        'ؤ' => return Some('و'),
        'ئ' => return Some('ي'),
        _ => {}
    }
    if is_plain_arabic_letter(c) {
        return Some(c);
    }
    if is_mark(c) || is_format(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        '٠'..='٩' | '۰'..='۹' => ascii_digit(c),
        '٫' => '.',
        '٬' => ',',
        '٪' => '%',
        _ => c,
    })
}

fn normalize_str(s: &str) -> String {
    s.chars().filter_map(normalize_char).collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Punct,
}

/// What separates a token from the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    None,
    Space,
    Line,
}

#[derive(Clone, Copy)]
struct Hit {
    phrase: &'static Phrase,
    /// Token index after the phrase (exclusive).
    end: usize,
    /// Bytes of stripped proclitics left out of a reported span.
    skip: usize,
    /// A ب or ل proclitic was stripped ("بمارس", "لشهر"): a preposition is glued on.
    glued_prep: bool,
    /// The token's original spelling satisfies senses that require an exact form.
    exact_ok: bool,
}

#[derive(Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    kind: Kind,
    gap: Gap,
    /// Index of the token's lexicon hit in `Doc::hits`, or `NO_HIT`: most tokens have none,
    /// and a token this small keeps the pass over a document's tokens light on memory.
    hit: u32,
}

const NO_HIT: u32 = u32::MAX;

struct Doc<'t> {
    text: &'t str,
    /// Borrowed from the document's `Normalized` text where the two folds agree.
    norm: Cow<'t, str>,
    /// Runs in which normalized and original bytes advance together, as (normalized offset,
    /// original offset) where each starts: most chars keep their length, so a new run starts
    /// only after a dropped mark or a folded digit (a map per byte was a hot spot).
    runs: Cow<'t, [(usize, usize)]>,
    toks: Vec<Tok>,
    hits: Vec<Hit>,
}

/// A parsed expression before resolution against the anchor.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Spec {
    /// A calendar date, month or year. `y` None: the year comes from the anchor (with `rel`,
    /// or `year_shift` years from the anchor's year: "يوليو من العام الماضي").
    Date {
        cal: Cal,
        y: Option<i32>,
        m: Option<u8>,
        d: Option<u8>,
        rel: Rel,
        year_shift: Option<i32>,
    },
    DayOffset(i32),
    /// A weekday: the latest one not after anchor + `base` days (Plain), strictly before the
    /// anchor (Past) or strictly after it (Next).
    Weekday {
        wd: u8,
        rel: Rel,
        base: i32,
    },
    Period {
        unit: Unit,
        shift: i32,
    },
    /// Day `d` of the month `shift` months from the anchor's ("15 من الشهر الماضي").
    MonthDay {
        d: u8,
        shift: i32,
    },
    Vague,
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    start: usize,
    end: usize,
    skip: usize,
    spec: Spec,
    numeric: bool,
    weekday_led: bool,
}

impl Cand {
    fn new(start: usize, end: usize, spec: Spec) -> Cand {
        Cand {
            start,
            end,
            skip: 0,
            spec,
            numeric: false,
            weekday_led: false,
        }
    }
    /// The same expression with a prefix (يوم، صباح، مطلع...) starting at token `start`.
    fn from(self, start: usize) -> Cand {
        Cand {
            start,
            skip: 0,
            ..self
        }
    }
}

/// What the month grammar found after a month name.
struct MonthTail {
    end: usize,
    cal: Cal,
    m: u8,
    d: Option<u8>,
    y: Option<i32>,
    rel: Rel,
    year_shift: Option<i32>,
}

#[derive(Clone, Copy, Default)]
struct MonthCtx {
    has_day: bool,
    prep: bool,
    month_word: bool,
}

fn date_spec(cal: Cal, y: Option<i32>, m: Option<u8>, d: Option<u8>) -> Spec {
    Spec::Date {
        cal,
        y,
        m,
        d,
        rel: Rel::Plain,
        year_shift: None,
    }
}

fn rel_shift(rel: Rel) -> i32 {
    match rel {
        Rel::Past => -1,
        Rel::Next => 1,
        _ => 0,
    }
}

/// Words joining two days or dates of a range, in normalized spelling (إلى -> الي, حتى -> حتي).
const RANGE_WORDS: &[&str] = &["الي", "حتي", "لغايه", "و"];

const GREG_YEARS: std::ops::RangeInclusive<i64> = 1900..=2099;
const WEAK_YEARS: std::ops::RangeInclusive<i64> = 1990..=2099;
const HIJRI_YEARS: std::ops::RangeInclusive<i64> = 1300..=1600;

/// The rules tried at a word with a lexicon hit (besides `range`, tried at every word), each
/// with the senses it opens with at that word: one of them, or the rule finds nothing. (A
/// sense's bit is its variant's, whatever its fields.)
const HIT_RULES: [(&[Sense], fn(&Doc, usize) -> Option<Cand>); 13] = [
    (&[Sense::TimeOfDay], |d, i| d.time_of_day(i)),
    (&[Sense::DayWord], |d, i| d.day_word(i)),
    (&[Sense::Weekday(0)], |d, i| d.weekday(i)),
    (&[Sense::DayOffset { days: 0, needs_prefix: false }], |d, i| d.offset(i, false)),
    (&[Sense::Part], |d, i| d.part(i)),
    (&[Sense::Ordinal(0)], |d, i| d.ordinal(i)),
    (&[Sense::Period(Unit::Week), Sense::Fraction], |d, i| d.fraction_of_month(i)),
    (&[Sense::MonthWord], |d, i| d.month_word(i)),
    (&[Sense::Month { cal: Cal::Gregorian, month: 1, need: Need::Free }], |d, i| d.month_alone(i)),
    (&[Sense::YearWord { strong: true }], |d, i| d.year_word(i)),
    (&[Sense::Period(Unit::Week)], |d, i| d.period(i, true)),
    (&[Sense::This], |d, i| d.this_period(i)),
    (&[Sense::Vague], |d, i| d.vague(i)),
];

impl<'t> Doc<'t> {
    fn new(text: &'t str) -> Doc<'t> {
        let mut norm = String::with_capacity(text.len());
        let mut runs: Vec<(usize, usize)> = Vec::new();
        // Tokens are cut in the same pass: one walk over the text instead of two.
        let mut tokenizer = Tokenizer::new(text.len() / 6);
        let mut at = 0;
        while at < text.len() {
            let here = norm.len();
            // Plain Arabic letters, most of the text, are copied a whole run at a time.
            let letters_end = arabic_run_end(text.as_bytes(), at, MATCH_FOLDED);
            let next = if letters_end > at {
                tokenizer.feed_letters(here, letters_end - at);
                norm.push_str(&text[at..letters_end]);
                letters_end
            } else if let Some(folded) = folded_match_letter(&text.as_bytes()[at..]) {
                // ة أ إ آ ى ؤ ئ: a letter that folds to another of the same length.
                tokenizer.feed_letters(here, 2);
                norm.push(folded);
                at + 2
            } else if text.as_bytes()[at] == b' ' {
                tokenizer.feed_space();
                norm.push(' ');
                at + 1
            } else {
                let Some(c) = text[at..].chars().next() else { break };
                if let Some(n) = normalize_char(c) {
                    tokenizer.feed(here, n);
                    norm.push(n);
                }
                at + c.len_utf8()
            };
            let kept = norm.len() > here;
            if kept && runs.last().is_none_or(|&(ns, os)| os + (here - ns) != at) {
                runs.push((here, at));
            }
            at = next;
        }
        let toks = tokenizer.finish();
        Doc {
            text,
            norm: Cow::Owned(norm),
            runs: Cow::Owned(runs),
            toks,
            hits: Vec::new(),
        }
        .with_lookups()
    }

    /// The document read from its normalized text and that text's tokens
    /// (`tokens_and_words`), `Doc::new` without a second fold, when the two folds agree on
    /// `text` (`folds_agree`).
    fn from_tokens(text: &'t str, normalized: &'t Normalized, tokens: Tokens) -> Doc<'t> {
        Doc {
            text,
            norm: Cow::Borrowed(normalized.text.as_str()),
            runs: Cow::Borrowed(normalized.runs()),
            toks: tokens.0,
            hits: Vec::new(),
        }
        .with_lookups()
    }

    /// Looks every word token up in the lexicon.
    fn with_lookups(self) -> Doc<'t> {
        let mut doc = self;
        for i in 0..doc.toks.len() {
            if doc.toks[i].kind == Kind::Word {
                if let Some(hit) = doc.lookup(i) {
                    doc.toks[i].hit = doc.hits.len() as u32;
                    doc.hits.push(hit);
                }
            }
        }
        doc
    }

    // ---- token access ------------------------------------------------------------------

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    fn hit_at(&self, i: usize) -> Option<Hit> {
        self.hits.get(self.tok(i)?.hit as usize).copied()
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.tok(i).map(|t| t.kind)
    }
    fn tok_text(&self, i: usize) -> &str {
        self.tok(i)
            .and_then(|t| self.norm.get(t.s..t.e))
            .unwrap_or("")
    }
    fn word(&self, i: usize) -> Option<&str> {
        (self.kind(i) == Some(Kind::Word)).then(|| self.tok_text(i))
    }
    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }
    fn word_in(&self, i: usize, ws: &[&str]) -> bool {
        self.word(i).is_some_and(|w| ws.contains(&w))
    }
    fn punct(&self, i: usize) -> Option<char> {
        (self.kind(i) == Some(Kind::Punct))
            .then(|| self.tok_text(i).chars().next())
            .flatten()
    }
    /// Token `i` touches the previous token (no space).
    fn adj(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap == Gap::None)
    }
    /// Digits of a number token: (value, saturated; digit count).
    fn num(&self, i: usize) -> Option<(i64, usize)> {
        if self.kind(i) != Some(Kind::Num) {
            return None;
        }
        let digits = self.tok_text(i);
        let value = digits.bytes().fold(0i64, |v, b| {
            v.saturating_mul(10).saturating_add(i64::from(b - b'0'))
        });
        Some((value, digits.len()))
    }

    /// The first sense of token `i` that `f` accepts, with the token index after the phrase.
    fn find<T>(&self, i: usize, f: impl Fn(Sense) -> Option<T>) -> Option<(T, usize)> {
        let hit = self.hit_at(i)?;
        hit.phrase
            .senses
            .iter()
            .filter(|(_, exact)| exact.is_none() || hit.exact_ok)
            .find_map(|(s, _)| f(*s))
            .map(|t| (t, hit.end))
    }
    fn has(&self, i: usize, sense: Sense) -> Option<usize> {
        self.find(i, |s| (s == sense).then_some(())).map(|(_, e)| e)
    }
    fn month_at(&self, i: usize) -> Option<((Cal, u8, Need), usize)> {
        self.find(i, |s| match s {
            Sense::Month { cal, month, need } => Some((cal, month, need)),
            _ => None,
        })
    }
    fn weekday_at(&self, i: usize) -> Option<(u8, usize)> {
        self.find(i, |s| match s {
            Sense::Weekday(w) => Some(w),
            _ => None,
        })
    }
    fn modifier_at(&self, i: usize) -> Option<(Rel, usize)> {
        self.find(i, |s| match s {
            Sense::Modifier(r) => Some(r),
            _ => None,
        })
    }
    fn period_at(&self, i: usize) -> Option<(Unit, usize)> {
        self.find(i, |s| match s {
            Sense::Period(u) => Some(u),
            _ => None,
        })
    }
    fn era_at(&self, i: usize) -> Option<(Cal, usize)> {
        self.find(i, |s| match s {
            Sense::Era(c) => Some(c),
            _ => None,
        })
    }
    fn year_word_at(&self, i: usize) -> Option<(bool, usize)> {
        self.find(i, |s| match s {
            Sense::YearWord { strong } => Some(strong),
            _ => None,
        })
    }

    // ---- lexicon lookup ----------------------------------------------------------------

    fn lookup(&self, i: usize) -> Option<Hit> {
        let w = self.tok_text(i);
        let lexicon = &*LEXICON;
        // A key plus two proclitics; the "لل" form adds one byte.
        if w.len() > lexicon.longest_key + 4 {
            return None;
        }
        // Clitics come off the front and leave at least two chars: every form looked up ends
        // like the word.
        if !lexicon.key_shapes.may_end(w) {
            return None;
        }
        with_clitic_variants(w, |variant, skip, glued_prep| {
            if !lexicon.key_shapes.may_be(variant) {
                return None;
            }
            let list = lexicon.phrases.get(variant)?;
            let phrase = list.iter().find(|p| self.rest_matches(i, &p.rest))?;
            let exact_ok = phrase.senses.iter().any(|(_, e)| e.is_some())
                && self.exact_spelling(i, skip, phrase);
            Some(Hit {
                phrase,
                end: i + 1 + phrase.rest.len(),
                skip,
                glued_prep,
                exact_ok,
            })
        })
    }

    fn rest_matches(&self, i: usize, rest: &[String]) -> bool {
        rest.iter().enumerate().all(|(k, w)| {
            let t = i + 1 + k;
            self.tok(t).is_some_and(|tok| tok.gap == Gap::Space) && self.word(t) == Some(w.as_str())
        })
    }

    /// Byte offset in `text` of the char that produced normalized byte `ni`; the end of `text`
    /// for the end of the normalized text.
    fn orig(&self, ni: usize) -> usize {
        if ni >= self.norm.len() {
            return self.text.len();
        }
        let mut ni = ni;
        while !self.norm.is_char_boundary(ni) {
            ni -= 1;
        }
        let run = self.runs.partition_point(|&(ns, _)| ns <= ni);
        let (ns, os) = self.runs[run.saturating_sub(1)];
        os + (ni - ns)
    }

    /// The original spelling (without marks) of token `i` after `skip` clitic bytes equals one
    /// of the phrase's exact forms.
    fn exact_spelling(&self, i: usize, skip: usize, phrase: &Phrase) -> bool {
        let Some(t) = self.tok(i) else { return false };
        let (s, e) = (self.orig(t.s + skip.min(t.e - t.s)), self.orig_end(t.e));
        let written: String = self
            .text
            .get(s..e)
            .unwrap_or("")
            .chars()
            .filter(|c| !is_mark(*c))
            .collect();
        phrase
            .senses
            .iter()
            .any(|(_, exact)| exact.is_some_and(|x| x == written))
    }

    /// Original byte offset just after the normalized text ending at `ne`, including the
    /// marks that follow the last character.
    fn orig_end(&self, ne: usize) -> usize {
        let Some((last, _)) = self
            .norm
            .get(..ne)
            .and_then(|s| s.char_indices().next_back())
        else {
            return self.orig(0);
        };
        let p = self.orig(last);
        let rest = self.text.get(p..).unwrap_or("");
        let mut q = p + rest.chars().next().map_or(0, char::len_utf8);
        for c in self.text.get(q..).unwrap_or("").chars() {
            if !is_mark(c) {
                break;
            }
            q += c.len_utf8();
        }
        q
    }

    // ---- number helpers ----------------------------------------------------------------

    /// Number `i` is not glued by `seps` to other digits (9.1, 2,893, 10:30, 12/2024) nor
    /// followed by %.
    fn plain_with(&self, i: usize, seps: &[char]) -> bool {
        let glued_sep = |p: usize| self.punct(p).is_some_and(|c| seps.contains(&c));
        if i >= 2
            && self.adj(i)
            && glued_sep(i - 1)
            && self.adj(i - 1)
            && self.kind(i - 2) == Some(Kind::Num)
        {
            return false;
        }
        if self.adj(i + 1) {
            if self.punct(i + 1) == Some('%') {
                return false;
            }
            if glued_sep(i + 1) && self.adj(i + 2) && self.kind(i + 2) == Some(Kind::Num) {
                return false;
            }
        }
        true
    }
    fn plain_number(&self, i: usize) -> bool {
        self.plain_with(i, &['.', ',', ':', '/', '-', '_'])
    }

    /// A day of month 1..=31 written with 1 or 2 digits.
    fn day_at(&self, i: usize) -> Option<u8> {
        match self.num(i)? {
            (v @ 1..=31, 1..=2) => Some(v as u8),
            _ => None,
        }
    }

    /// A plain 3-4 digit year with an optional era suffix: (value, era, token after).
    fn year_at(&self, i: usize) -> Option<(i64, Option<Cal>, usize)> {
        let (v, len) = self.num(i)?;
        if !(3..=4).contains(&len) || !self.plain_number(i) {
            return None;
        }
        let mut end = i + 1;
        let mut era = None;
        if self.tok(end).is_some_and(|t| t.gap != Gap::Line) {
            if let Some((cal, e)) = self.era_at(end) {
                era = Some(cal);
                end = e;
            }
        }
        if era.is_none() && self.has(end, Sense::NumberUnit).is_some() {
            return None;
        }
        Some((v, era, end))
    }

    /// Token before `i` (skipping a glued "ال" as in "الـ17") names a thing: "ثورة 17 فبراير",
    /// "رقم 12".
    fn after_head(&self, i: usize) -> bool {
        let mut p = i;
        if p >= 1 && self.is_word(p - 1, "ال") && self.adj(p) {
            p -= 1;
        }
        p >= 1
            && (self.has(p - 1, Sense::NameHead).is_some()
                || self.has(p - 1, Sense::NumberHead).is_some())
    }

    // ---- grammar -----------------------------------------------------------------------

    fn candidates(&self) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.best_at(i) {
                Some(c) if c.end > i => {
                    i = c.end;
                    out.push(c);
                }
                _ => i += 1,
            }
        }
        self.borrow_years(&mut out);
        out
    }

    /// The longest expression starting at token `i`.
    fn best_at(&self, i: usize) -> Option<Cand> {
        let t = self.tok(i)?;
        let longest = |options: &[Option<Cand>]| -> Option<Cand> {
            let mut best: Option<Cand> = None;
            for c in options.iter().flatten() {
                if best.is_none_or(|b| c.end > b.end) {
                    best = Some(*c);
                }
            }
            best
        };
        match t.kind {
            Kind::Num => longest(&[
                self.numeric_date(i),
                self.day_month(i, true),
                self.day_range(i),
                self.year_with_era(i),
                self.weak_year(i),
            ]),
            Kind::Word if t.hit != NO_HIT => {
                // Rules whose opening senses this token's phrase lacks would find nothing.
                let kinds = self.hits[t.hit as usize].phrase.kinds;
                let mut options = [None; HIT_RULES.len() + 1];
                options[0] = self.range(i);
                for ((senses, rule), option) in HIT_RULES.iter().zip(&mut options[1..]) {
                    if senses.iter().any(|s| kinds & s.bit() != 0) {
                        *option = rule(self, i);
                    }
                }
                longest(&options)
            }
            Kind::Word => self.range(i),
            Kind::Punct => None,
        }
    }

    /// d/m/yyyy, d-m-yyyy, d.m.yyyy (day first) and yyyy-m-d, yyyy/m/d.
    fn numeric_date(&self, i: usize) -> Option<Cand> {
        let (a, la) = self.num(i)?;
        let sep = self.punct(i + 1).filter(|c| matches!(c, '/' | '-' | '.'))?;
        let (b, lb) = self.num(i + 2)?;
        let (c, lc) = self.num(i + 4)?;
        if self.punct(i + 3) != Some(sep) || !(1..=4).all(|k| self.adj(i + k)) {
            return None;
        }
        let seps = ['/', '-', '.', ':', ','];
        if i >= 2
            && self.adj(i)
            && self.punct(i - 1).is_some_and(|p| seps.contains(&p))
            && self.adj(i - 1)
            && self.kind(i - 2) == Some(Kind::Num)
        {
            return None;
        }
        if self.adj(i + 5)
            && self.punct(i + 5).is_some_and(|p| seps.contains(&p))
            && self.adj(i + 6)
            && self.kind(i + 6) == Some(Kind::Num)
        {
            return None;
        }
        let (y, m, d) = match (la, lb, lc) {
            (4, 1..=2, 1..=2) => (a, b, c),
            (1..=2, 1..=2, 4) if b > 12 && a <= 12 => (c, a, b),
            (1..=2, 1..=2, 4) => (c, b, a),
            _ => return None,
        };
        if !GREG_YEARS.contains(&y) || self.after_head(i) {
            return None;
        }
        NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?;
        let spec = date_spec(Cal::Gregorian, Some(y as i32), Some(m as u8), Some(d as u8));
        Some(Cand {
            numeric: true,
            ..Cand::new(i, i + 5, spec)
        })
    }

    /// "28 أبريل 2025م", "3 من يوليو الجاري", "26th, May 2025", "25 مايو/ أيار الماضي".
    fn day_month(&self, i: usize, check_plain: bool) -> Option<Cand> {
        let d = self.day_at(i)?;
        if (check_plain && !self.plain_number(i)) || self.after_head(i) {
            return None;
        }
        let mut j = i + 1;
        if self.adj(j) && self.word_in(j, &["st", "nd", "rd", "th"]) {
            j += 1;
        }
        if self.punct(j) == Some(',') {
            j += 1;
        }
        let after_day = j;
        if self.is_word(j, "من") {
            j += 1;
        }
        let mut ctx = MonthCtx {
            has_day: true,
            ..MonthCtx::default()
        };
        if let Some(e) = self.has(j, Sense::MonthWord) {
            j = e;
            ctx.month_word = true;
        }
        let Some(t) = self.month_tail(j, ctx) else {
            return self.day_of_relative_month(i, d, after_day);
        };
        Some(Cand::new(i, t.end, t.spec_with_day(Some(d))?))
    }

    /// A day number or ordinal at `i` (ending before token `j`) in a month named relative to
    /// the anchor: "15 من الشهر الماضي", "الثالث من الشهر الجاري", "من هذا الشهر", and
    /// "في 5 الجاري" (only after a preposition or يوم: "5 الماضية" is often a count).
    fn day_of_relative_month(&self, i: usize, d: u8, j: usize) -> Option<Cand> {
        if self.is_word(j, "من") {
            let (shift, end) = if let Some((Unit::Month, e)) = self.period_at(j + 1) {
                let (rel, e2) = self.modifier_at(e)?;
                (rel_shift(rel), e2)
            } else {
                let e = self.has(j + 1, Sense::This)?;
                match self.period_at(e)? {
                    (Unit::Month, e2) => (0, e2),
                    _ => return None,
                }
            };
            return Some(Cand::new(i, end, Spec::MonthDay { d, shift }));
        }
        let (rel, end) = self.modifier_at(j)?;
        let introduced = i >= 1
            && (self.has(i - 1, Sense::DayWord).is_some()
                || self.has(i - 1, Sense::MonthPrep).is_some());
        (introduced && j == i + 1).then(|| {
            Cand::new(
                i,
                end,
                Spec::MonthDay {
                    d,
                    shift: rel_shift(rel),
                },
            )
        })
    }

    /// "16-21 أفريل 2026", "16 و17 أفريل", "16 إلى 21 أفريل": month precision.
    fn day_range(&self, i: usize) -> Option<Cand> {
        let d1 = self.day_at(i)?;
        if !self.plain_with(i, &['.', ',', ':']) || self.after_head(i) {
            return None;
        }
        let j = i + 1;
        let connector =
            matches!(self.punct(j), Some('-' | '–' | '—')) || self.word_in(j, RANGE_WORDS);
        if !connector || self.day_at(j + 1)? <= d1 {
            return None;
        }
        let inner = self.day_month(j + 1, false)?;
        let Spec::Date {
            cal,
            y,
            m,
            rel,
            year_shift,
            ..
        } = inner.spec
        else {
            return None;
        };
        Some(Cand::new(
            i,
            inner.end,
            Spec::Date {
                cal,
                y,
                m,
                d: None,
                rel,
                year_shift,
            },
        ))
    }

    /// "من 16 إلى 21 أفريل 2026", "بين 16 و21 أفريل".
    fn range(&self, i: usize) -> Option<Cand> {
        if !self.word_in(i, &["من", "بين"]) {
            return None;
        }
        self.day_range(i + 1).map(|c| c.from(i))
    }

    /// "2025م", "1446هـ".
    fn year_with_era(&self, i: usize) -> Option<Cand> {
        let (v, era, end) = self.year_at(i)?;
        let spec = year_spec(v, era?)?;
        Some(Cand::new(i, end, spec))
    }

    /// "في 2023", "خلال 2023", "منذ 2019": only 1990-2099 (or a Hijri year with هـ).
    fn weak_year(&self, i: usize) -> Option<Cand> {
        let (v, era, end) = self.year_at(i)?;
        if i == 0 || self.year_word_at(i - 1).map(|(strong, _)| strong) != Some(false) {
            return None;
        }
        let spec = match era {
            Some(cal) => year_spec(v, cal)?,
            None if WEAK_YEARS.contains(&v) => {
                date_spec(Cal::Gregorian, Some(v as i32), None, None)
            }
            None => return None,
        };
        Some(Cand::new(i, end, spec))
    }

    /// "عام 2023", "سنة 2023", "العام 2023", "لعام 2025", "سنة 1446هـ".
    fn year_word(&self, i: usize) -> Option<Cand> {
        let (strong, e) = self.year_word_at(i)?;
        if !strong {
            return None;
        }
        let (v, era, end) = self.year_at(e)?;
        let spec = year_spec(v, era.unwrap_or(Cal::Gregorian))?;
        Some(Cand {
            skip: self.skip(i),
            ..Cand::new(i, end, spec)
        })
    }

    fn skip(&self, i: usize) -> usize {
        self.hit_at(i).map_or(0, |h| h.skip)
    }

    /// A month name with what follows it (alternative name, year, modifier, "من العام
    /// الماضي"); None when the name alone is not enough context for its `need`.
    fn month_tail(&self, j: usize, ctx: MonthCtx) -> Option<MonthTail> {
        let ((cal, m, need), mut k) = self.month_at(j)?;
        // "مايو/ أيار", "مايو (أيار)": the same month in a second system.
        match self.punct(k) {
            Some('/' | '\\' | '-') => {
                if let Some(((_, m2, _), e2)) = self.month_at(k + 1) {
                    if m2 == m {
                        k = e2;
                    }
                }
            }
            Some('(') => {
                if let Some(((_, m2, _), e2)) = self.month_at(k + 1) {
                    if m2 == m && self.punct(e2) == Some(')') {
                        k = e2 + 1;
                    }
                }
            }
            _ => {}
        }
        let mut tail = MonthTail {
            end: k,
            cal,
            m,
            d: None,
            y: None,
            rel: Rel::Plain,
            year_shift: None,
        };
        // English order: "May 26, 2025", "يونيو 4, 2025" (only with a year).
        if !ctx.has_day {
            if let Some(d) = self
                .day_at(k)
                .filter(|_| self.plain_with(k, &['.', ':', '/', '-']))
            {
                let p = if self.punct(k + 1) == Some(',') {
                    k + 2
                } else {
                    k + 1
                };
                if let Some((y, e)) = self.year_for(cal, m, p) {
                    tail.d = Some(d);
                    tail.y = Some(y);
                    tail.end = e;
                    return Some(tail);
                }
            }
        }
        let p = if matches!(self.punct(k), Some(',' | '،')) {
            k + 1
        } else {
            k
        };
        if let Some((y, e)) = self.year_for(cal, m, p) {
            tail.y = Some(y);
            tail.end = e;
        } else if let Some((rel, e)) = self.modifier_at(k) {
            tail.rel = rel;
            tail.end = e;
        } else if self.is_word(k, "من") {
            // "يوليو من العام الماضي", "مارس من هذا العام", "مايو من عام 2024"
            if let Some((Unit::Year, e)) = self.period_at(k + 1) {
                if let Some((rel, e2)) = self.modifier_at(e) {
                    tail.year_shift = Some(rel_shift(rel));
                    tail.end = e2;
                }
            } else if self.has(k + 1, Sense::This).is_some()
                && self.period_at(k + 2).map(|p| p.0) == Some(Unit::Year)
            {
                tail.year_shift = Some(0);
                tail.end = k + 3;
            }
            if tail.year_shift.is_none() {
                if let Some((true, e)) = self.year_word_at(k + 1) {
                    if let Some((y, e2)) = self.year_for(cal, m, e) {
                        tail.y = Some(y);
                        tail.end = e2;
                    }
                }
            }
        }
        let context = tail.y.is_some() || tail.rel != Rel::Plain || tail.year_shift.is_some();
        let ok = match need {
            Need::Free => true,
            Need::Prep => ctx.has_day || context || ctx.prep || ctx.month_word,
            Need::Strict => ctx.has_day || context || ctx.month_word,
            Need::Day => ctx.has_day,
        };
        ok.then_some(tail)
    }

    /// A year after a month of calendar `cal`, as a year of that calendar.
    fn year_for(&self, cal: Cal, m: u8, i: usize) -> Option<(i32, usize)> {
        let (v, era, end) = self.year_at(i)?;
        let y = match (cal, era) {
            (Cal::Gregorian, None | Some(Cal::Gregorian)) if GREG_YEARS.contains(&v) => v as i32,
            (Cal::Hijri, None | Some(Cal::Hijri)) if HIJRI_YEARS.contains(&v) => v as i32,
            // "رمضان 2025": the Hijri year whose month m starts in Gregorian 2025.
            (Cal::Hijri, None | Some(Cal::Gregorian)) if GREG_YEARS.contains(&v) => {
                hijri_year_starting_in(v as i32, m)?
            }
            _ => return None,
        };
        Some((y, end))
    }

    /// A month name standing alone ("في فبراير", "فبراير الماضي", "مارس 2024", "بمارس").
    fn month_alone(&self, i: usize) -> Option<Cand> {
        let hit = self.hit_at(i)?;
        self.month_at(i)?;
        // After a number the day-month rule decided ("ثورة 17 فبراير" is a name, "9.1 مارس"...).
        if i >= 1 && self.kind(i - 1) == Some(Kind::Num) || self.after_head(i) {
            return None;
        }
        let prep = hit.glued_prep || (i >= 1 && self.has(i - 1, Sense::MonthPrep).is_some());
        let t = self.month_tail(
            i,
            MonthCtx {
                prep,
                ..MonthCtx::default()
            },
        )?;
        Some(Cand {
            skip: hit.skip,
            ..Cand::new(i, t.end, t.spec_with_day(None)?)
        })
    }

    /// "شهر مارس", "لشهر رمضان 1446".
    fn month_word(&self, i: usize) -> Option<Cand> {
        let e = self.has(i, Sense::MonthWord)?;
        let t = self.month_tail(
            e,
            MonthCtx {
                prep: true,
                month_word: true,
                ..MonthCtx::default()
            },
        )?;
        Some(Cand {
            skip: self.skip(i),
            ..Cand::new(i, t.end, t.spec_with_day(None)?)
        })
    }

    /// "الأسبوع الأول من مارس 2025", "النصف الثاني من يوليو": a part of the month, so month
    /// precision.
    fn fraction_of_month(&self, i: usize) -> Option<Cand> {
        let e = match self.period_at(i) {
            Some((Unit::Week, e)) => e,
            _ => self.has(i, Sense::Fraction)?,
        };
        let inner = self.ordinal(e)?;
        let Spec::Date {
            cal,
            y,
            m,
            rel,
            year_shift,
            ..
        } = inner.spec
        else {
            return None;
        };
        let spec = Spec::Date {
            cal,
            y,
            m,
            d: None,
            rel,
            year_shift,
        };
        Some(Cand {
            skip: self.skip(i),
            ..Cand::new(i, inner.end, spec)
        })
    }

    /// "الثالث من يوليو الجاري", "الحادي والعشرين من شهر مارس", "غرة رمضان".
    fn ordinal(&self, i: usize) -> Option<Cand> {
        let (d, mut j) = self.find(i, |s| match s {
            Sense::Ordinal(d) => Some(d),
            _ => None,
        })?;
        let after_ordinal = j;
        if self.is_word(j, "من") {
            j += 1;
        }
        let mut ctx = MonthCtx {
            has_day: true,
            ..MonthCtx::default()
        };
        if let Some(e) = self.has(j, Sense::MonthWord) {
            j = e;
            ctx.month_word = true;
        }
        let skip = self.skip(i);
        let Some(t) = self.month_tail(j, ctx) else {
            return self
                .day_of_relative_month(i, d, after_ordinal)
                .map(|c| Cand { skip, ..c });
        };
        Some(Cand {
            skip,
            ..Cand::new(i, t.end, t.spec_with_day(Some(d))?)
        })
    }

    /// "الثلاثاء", "الأحد الماضي", "الإثنين المقبل", "الأربعاء 03 ديسمبر 2025",
    /// "الأحد الموافق 9 نوفمبر".
    fn weekday(&self, i: usize) -> Option<Cand> {
        let (wd, e) = self.weekday_at(i)?;
        if self.word_in(e, &["عشر", "عشره"]) {
            return None; // الأحد عشر = eleven
        }
        let mut j = e;
        if matches!(self.punct(j), Some(',' | '،' | '-' | '–')) {
            j += 1;
        }
        if let Some(l) = self.has(j, Sense::Linked) {
            j = l;
        }
        let dated = [
            self.numeric_date(j),
            self.day_month(j, true),
            self.ordinal(j),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|c| c.end);
        if let Some(c) = dated {
            return Some(Cand {
                weekday_led: true,
                skip: self.skip(i),
                ..c.from(i)
            });
        }
        let skip = self.skip(i);
        if let Some((rel, e2)) = self.modifier_at(e) {
            return Some(Cand {
                skip,
                ..Cand::new(i, e2, Spec::Weekday { wd, rel, base: 0 })
            });
        }
        Some(Cand {
            skip,
            ..Cand::new(
                i,
                e,
                Spec::Weekday {
                    wd,
                    rel: Rel::Plain,
                    base: 0,
                },
            )
        })
    }

    /// "اليوم", "أمس", "أول أمس", "غدا", "اليوم الثلاثاء", "أمس الأحد"; `prefixed` when
    /// يوم/صباح/مساء came before (needed by الأمس, الغد).
    fn offset(&self, i: usize, prefixed: bool) -> Option<Cand> {
        let ((days, needs_prefix), e) = self.find(i, |s| match s {
            Sense::DayOffset { days, needs_prefix } => Some((days, needs_prefix)),
            _ => None,
        })?;
        if needs_prefix && !prefixed {
            return None;
        }
        // "بعد يومين من لقائه", "قبل يومين من الزيارة": counted from another event, not from
        // publication; its date is that event's, unknown here.
        if matches!(self.word(i), Some("قبل" | "بعد")) && self.word(e) == Some("من") {
            return None;
        }
        let skip = self.skip(i);
        if let Some((wd, e2)) = self.weekday_at(e) {
            return Some(Cand {
                skip,
                ..Cand::new(
                    i,
                    e2,
                    Spec::Weekday {
                        wd,
                        rel: Rel::Plain,
                        base: days.into(),
                    },
                )
            });
        }
        if !prefixed && e == i + 1 {
            // "اليوم التالي", "اليوم الذي": the day, not today.
            let not_today = days == 0
                && (self.has(e, Sense::NotToday).is_some()
                    || self
                        .find(e, |s| matches!(s, Sense::Ordinal(_)).then_some(()))
                        .is_some());
            // "غدا الوضع أكثر تعقيدا": the verb "became" before its definite subject.
            let became = days == 1
                && self.has(e, Sense::MonthPrep).is_none()
                && self.word(e).is_some_and(|w| w.starts_with("ال"));
            if not_today || became {
                return None;
            }
        }
        Some(Cand {
            skip,
            ..Cand::new(i, e, Spec::DayOffset(days.into()))
        })
    }

    /// "يوم الثلاثاء", "يوم أمس", "يوم 5 مايو", "يومي 16 و17 أفريل".
    fn day_word(&self, i: usize) -> Option<Cand> {
        let e = self.has(i, Sense::DayWord)?;
        let options = [
            self.weekday(e),
            self.offset(e, true),
            self.day_month(e, true),
            self.day_range(e),
            self.ordinal(e),
        ];
        let best = options.into_iter().flatten().max_by_key(|c| c.end)?;
        Some(Cand {
            skip: self.skip(i),
            ..best.from(i)
        })
    }

    /// "صباح اليوم", "مساء الأربعاء", "ليلة الجمعة", "مساء يوم أمس".
    fn time_of_day(&self, i: usize) -> Option<Cand> {
        let e = self.has(i, Sense::TimeOfDay)?;
        let options = [self.day_word(e), self.weekday(e), self.offset(e, true)];
        let best = options.into_iter().flatten().max_by_key(|c| c.end)?;
        Some(Cand {
            skip: self.skip(i),
            ..best.from(i)
        })
    }

    /// "مطلع/أوائل/منتصف/أواخر/نهاية" + month, period or year: keeps the inner precision.
    fn part(&self, i: usize) -> Option<Cand> {
        let e = self.has(i, Sense::Part)?;
        let mut options = Vec::new();
        if let Some(m) = self.has(e, Sense::MonthWord) {
            let ctx = MonthCtx {
                prep: true,
                month_word: true,
                ..MonthCtx::default()
            };
            if let Some(t) = self.month_tail(m, ctx) {
                options.push(Cand::new(i, t.end, t.spec_with_day(None)?));
            }
        } else {
            if let Some(t) = self.month_tail(
                e,
                MonthCtx {
                    prep: true,
                    ..MonthCtx::default()
                },
            ) {
                if let Some(spec) = t.spec_with_day(None) {
                    options.push(Cand::new(i, t.end, spec));
                }
            }
            options.extend(
                [
                    self.period(e, false),
                    self.this_period(e),
                    self.year_word(e),
                ]
                .into_iter()
                .flatten(),
            );
            if let Some((v, era, end)) = self.year_at(e) {
                if let Some(spec) = year_spec(v, era.unwrap_or(Cal::Gregorian)) {
                    options.push(Cand::new(i, end, spec));
                }
            }
        }
        let best = options.into_iter().max_by_key(|c| c.end)?;
        Some(Cand {
            skip: self.skip(i),
            ..best.from(i)
        })
    }

    /// "الأسبوع الماضي", "الشهر الجاري", "العام المقبل", "السنة الماضية". With `guard`,
    /// "العام" right after a noun such as الأمين is the adjective "general" ("الأمين العام الحالي").
    fn period(&self, i: usize, guard: bool) -> Option<Cand> {
        let (unit, e) = self.period_at(i)?;
        let (rel, e2) = self.modifier_at(e)?;
        if guard
            && unit == Unit::Year
            && i >= 1
            && self.has(i - 1, Sense::GeneralHead).is_some()
            && self.skip(i) == 0
        {
            return None;
        }
        Some(Cand {
            skip: self.skip(i),
            ..Cand::new(
                i,
                e2,
                Spec::Period {
                    unit,
                    shift: rel_shift(rel),
                },
            )
        })
    }

    /// "هذا العام", "هذه السنة", "هذا الشهر", "هذا الأسبوع".
    fn this_period(&self, i: usize) -> Option<Cand> {
        let e = self.has(i, Sense::This)?;
        let (unit, e2) = self.period_at(e)?;
        Some(Cand {
            skip: self.skip(i),
            ..Cand::new(i, e2, Spec::Period { unit, shift: 0 })
        })
    }

    fn vague(&self, i: usize) -> Option<Cand> {
        let e = self.has(i, Sense::Vague)?;
        Some(Cand {
            skip: self.skip(i),
            ..Cand::new(i, e, Spec::Vague)
        })
    }

    /// "من 28 يناير إلى 3 فبراير 2026", "بين يناير ومارس 2024": the first date takes the
    /// year of the second.
    fn borrow_years(&self, cands: &mut [Cand]) {
        for k in 1..cands.len() {
            let (a, b) = (cands[k - 1], cands[k]);
            let (
                Spec::Date {
                    cal,
                    y: None,
                    m: Some(ma),
                    d,
                    rel: Rel::Plain,
                    year_shift: None,
                },
                Spec::Date {
                    cal: cb,
                    y: Some(yb),
                    m: Some(mb),
                    ..
                },
            ) = (a.spec, b.spec)
            else {
                continue;
            };
            let joined = if a.end == b.start {
                b.skip > 0 && self.tok_text(b.start).starts_with('و')
            } else {
                a.end + 1 == b.start
                    && (matches!(self.punct(a.end), Some('-' | '–' | '—'))
                        || self.word_in(a.end, RANGE_WORDS))
            };
            if joined && cal == cb {
                let y = if ma > mb { yb - 1 } else { yb };
                cands[k - 1].spec = Spec::Date {
                    cal,
                    y: Some(y),
                    m: Some(ma),
                    d,
                    rel: Rel::Plain,
                    year_shift: None,
                };
            }
        }
    }

    // ---- output ------------------------------------------------------------------------

    fn to_match(&self, c: &Cand, anchor: Option<NaiveDate>) -> Option<DateMatch> {
        let first = self.tok(c.start)?;
        let last = self.tok(c.end.checked_sub(1)?)?;
        let start = self.orig((first.s + c.skip).min(first.e));
        let end = self.orig_end(last.e);
        let text = self.text.get(start..end)?.to_string();
        let (date, precision, relative) = resolve(&c.spec, anchor)?;
        Some(DateMatch {
            start,
            end,
            text,
            date,
            precision,
            relative,
        })
    }

    /// Whether a candidate sits where a dateline would: (accepted, after a publication marker).
    fn dateline_shape(&self, c: &Cand) -> (bool, bool) {
        let line_start = (0..=c.start)
            .rev()
            .find(|&k| k == 0 || self.tok(k).is_some_and(|t| t.gap == Gap::Line))
            .unwrap_or(0);
        // Marker on the same line, or on the line just before: "نشر بتاريخ:\nبنغازي، 3 مايو".
        let prev_line_start = (0..line_start)
            .rev()
            .find(|&k| k == 0 || self.tok(k).is_some_and(|t| t.gap == Gap::Line))
            .unwrap_or(line_start);
        let from = if line_start == c.start {
            prev_line_start
        } else {
            line_start
        };
        let marked = (from..c.start).any(|k| self.has(k, Sense::PubMarker).is_some());
        // At the start of a line, after bullets or a short "city،" / "outlet -" prefix.
        let before = c.start - line_start;
        let at_line_start = before == 0
            || (line_start..c.start).all(|k| self.kind(k) == Some(Kind::Punct))
            || (before <= 4
                && c.start >= 1
                && matches!(
                    self.punct(c.start - 1),
                    Some(',' | '،' | '-' | '–' | '—' | ':' | '|')
                ));
        // Followed by the end of the line, a dash, an agency tag or a clock time.
        let after = match self.tok(c.end) {
            None => true,
            Some(t) if t.gap == Gap::Line => true,
            Some(_) => {
                let p = if self.punct(c.end) == Some(',') {
                    c.end + 1
                } else {
                    c.end
                };
                matches!(self.punct(c.end), Some('-' | '–' | '—' | '(' | '|'))
                    || (self.kind(p) == Some(Kind::Num) && self.punct(p + 1) == Some(':'))
            }
        };
        (
            marked || at_line_start || after || c.numeric || c.weekday_led,
            marked,
        )
    }
}

impl MonthTail {
    fn spec_with_day(&self, d: Option<u8>) -> Option<Spec> {
        let d = d.or(self.d);
        // An explicit date must exist ("31 فبراير 2025" is not a date).
        if let (Some(y), Some(d)) = (self.y, d) {
            match self.cal {
                Cal::Gregorian => {
                    NaiveDate::from_ymd_opt(y, u32::from(self.m), u32::from(d))?;
                }
                Cal::Hijri => {
                    hijri_to_gregorian(y, self.m, d)?;
                }
            }
        }
        Some(Spec::Date {
            cal: self.cal,
            y: self.y,
            m: Some(self.m),
            d,
            rel: self.rel,
            year_shift: self.year_shift,
        })
    }
}

fn year_spec(v: i64, era: Cal) -> Option<Spec> {
    let ok = match era {
        Cal::Gregorian => GREG_YEARS.contains(&v),
        Cal::Hijri => HIJRI_YEARS.contains(&v),
    };
    ok.then(|| date_spec(era, Some(v as i32), None, None))
}

/// A letter of a word: ASCII and Arabic letters on a fast path, other scripts by Unicode.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' => true,
        _ if c.is_ascii() => false,
        '\u{0600}'..='\u{06FF}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Cuts normalized text, fed one char at a time, into word, number and punctuation tokens.
struct Tokenizer {
    toks: Vec<Tok>,
    /// What separates the next token from the previous one.
    gap: Gap,
    /// The word or number token being extended.
    open: Option<Tok>,
}

impl Tokenizer {
    fn new(capacity: usize) -> Tokenizer {
        Tokenizer {
            toks: Vec::with_capacity(capacity),
            gap: Gap::Line,
            open: None,
        }
    }

    /// Takes `len` bytes of Arabic letters at normalized offset `at`, as `feed` would one by one.
    #[inline]
    fn feed_letters(&mut self, at: usize, len: usize) {
        match self.open.as_mut() {
            Some(open) if open.kind == Kind::Word => open.e = at + len,
            _ => {
                self.toks.extend(self.open.take());
                self.open = Some(Tok {
                    s: at,
                    e: at + len,
                    kind: Kind::Word,
                    gap: self.gap,
                    hit: NO_HIT,
                });
                self.gap = Gap::None;
            }
        }
    }

    /// Takes a space: `feed` of ' ', without testing what it is.
    #[inline]
    fn feed_space(&mut self) {
        self.toks.extend(self.open.take());
        if self.gap == Gap::None {
            self.gap = Gap::Space;
        }
    }

    /// Takes normalized char `c` found at normalized byte offset `at`.
    #[inline(always)]
    fn feed(&mut self, at: usize, c: char) {
        if let Some(open) = self.open.as_mut() {
            let same = match open.kind {
                Kind::Num => c.is_ascii_digit(),
                _ => is_letter(c),
            };
            if same {
                open.e = at + c.len_utf8();
                return;
            }
            self.toks.extend(self.open.take());
        }
        if c.is_whitespace() {
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}') {
                self.gap = Gap::Line;
            } else if self.gap == Gap::None {
                self.gap = Gap::Space;
            }
            return;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if is_letter(c) {
            Kind::Word
        } else {
            Kind::Punct
        };
        let tok = Tok {
            s: at,
            e: at + c.len_utf8(),
            kind,
            gap: self.gap,
            hit: NO_HIT,
        };
        self.gap = Gap::None;
        if kind == Kind::Punct {
            self.toks.push(tok);
        } else {
            self.open = Some(tok);
        }
    }

    fn finish(mut self) -> Vec<Tok> {
        self.toks.extend(self.open.take());
        self.toks
    }
}

/// Calls `f` with the word and its proclitic-stripped forms (و/ف then ب/ل/ك; "لل" -> "ال")
/// until it returns Some: (form, bytes stripped from the span, a ب/ل was stripped).
fn with_clitic_variants<R>(
    w: &str,
    mut f: impl FnMut(&str, usize, bool) -> Option<R>,
) -> Option<R> {
    let long_enough = |s: &str| s.chars().nth(1).is_some();
    if let Some(r) = f(w, 0, false) {
        return Some(r);
    }
    // The word itself, then without a leading و/ف ("وفي", "فبعد").
    let conj = w
        .strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .filter(|r| long_enough(r));
    for (k, base) in [Some(w), conj].into_iter().flatten().enumerate() {
        let skipped = w.len() - base.len();
        if k > 0 {
            if let Some(r) = f(base, skipped, false) {
                return Some(r);
            }
        }
        if let Some(rest) = base.strip_prefix("لل").filter(|r| long_enough(r)) {
            // ل + ال written لل ("للعام"): look up with the article, report the whole token.
            if let Some(r) = f(&format!("ال{rest}"), 0, true) {
                return Some(r);
            }
        }
        for clitic in ['ب', 'ل', 'ك'] {
            if let Some(rest) = base.strip_prefix(clitic).filter(|r| long_enough(r)) {
                if let Some(r) = f(rest, w.len() - rest.len(), clitic != 'ك') {
                    return Some(r);
                }
            }
        }
    }
    None
}

/// End of the dateline zone: the first 6 non-empty lines or the first 400 chars, whichever
/// reaches further, at most 1500 chars.
fn head_end(text: &str) -> usize {
    let byte_at_char = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(b, _)| b);
    let mut lines = 0;
    let mut end6 = text.len();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        pos += line.len();
        if !line.trim().is_empty() {
            lines += 1;
            if lines == 6 {
                end6 = pos;
                break;
            }
        }
    }
    end6.max(byte_at_char(400)).min(byte_at_char(1500))
}

/// Agency datelines without a year: "تونس - 8 - 4 (وات) --". The year is the latest
/// explicit Gregorian year written in the article.
fn agency_dateline(head: &Doc, text: &str) -> Option<NaiveDate> {
    let found = (0..head.toks.len()).find_map(|i| {
        let t = head.tok(i)?;
        if t.gap != Gap::Line && i != 0 {
            return None;
        }
        // up to 4 words (the city), then "- D - M ("
        let mut j = i;
        while j < i + 4 && head.kind(j) == Some(Kind::Word) {
            j += 1;
        }
        let dash = |k: usize| matches!(head.punct(k), Some('-' | '–'));
        if j == i || !dash(j) || !dash(j + 2) || head.punct(j + 4) != Some('(') {
            return None;
        }
        let d = head.day_at(j + 1)?;
        let (m, _) = head
            .num(j + 3)
            .filter(|&(m, l)| (1..=12).contains(&m) && l <= 2)?;
        Some((d, m as u32))
    })?;
    let doc = Doc::new(text);
    let year = doc
        .candidates()
        .iter()
        .filter_map(|c| match c.spec {
            Spec::Date {
                cal: Cal::Gregorian,
                y: Some(y),
                ..
            } if WEAK_YEARS.contains(&i64::from(y)) => Some(y),
            _ => None,
        })
        .max()?;
    NaiveDate::from_ymd_opt(year, found.1, u32::from(found.0))
}

// ------------------------------------------------------------------------------------------
// Resolution against the anchor
// ------------------------------------------------------------------------------------------

/// (date, precision, relative). None when the expression turns out not to be a date.
fn resolve(spec: &Spec, anchor: Option<NaiveDate>) -> Option<(Option<NaiveDate>, Precision, bool)> {
    let relative = match *spec {
        Spec::Date { y, .. } => y.is_none(),
        _ => true,
    };
    let unresolved = Some((None, Precision::Unknown, relative));
    let Some(a) = anchor.filter(|_| relative) else {
        return match *spec {
            Spec::Date {
                cal,
                y: Some(y),
                m,
                d,
                ..
            } => {
                let (date, precision) = calendar_date(cal, y, m, d)?;
                Some((Some(date), precision, false))
            }
            _ => unresolved,
        };
    };
    let day = |date: Option<NaiveDate>| {
        Some((
            date,
            if date.is_some() {
                Precision::Day
            } else {
                Precision::Unknown
            },
            true,
        ))
    };
    match *spec {
        Spec::Date {
            cal,
            m: Some(m),
            d,
            rel,
            year_shift,
            ..
        } => {
            let (ay, am, ad) = match cal {
                Cal::Gregorian => (a.year(), a.month() as u8, a.day() as u8),
                Cal::Hijri => match gregorian_to_hijri(a) {
                    Some(h) => h,
                    None => return unresolved,
                },
            };
            let y = match year_shift {
                Some(s) => ay + s,
                None => {
                    // Compare (month, day) with the anchor's; a month alone compares by month.
                    let key = (m, d.unwrap_or(0));
                    let now = (am, if d.is_some() { ad } else { 0 });
                    match rel {
                        Rel::Plain => {
                            if key <= now {
                                ay
                            } else {
                                ay - 1
                            }
                        }
                        Rel::Past => {
                            if key < now {
                                ay
                            } else {
                                ay - 1
                            }
                        }
                        Rel::Next => {
                            if key > now {
                                ay
                            } else {
                                ay + 1
                            }
                        }
                        Rel::Current => ay,
                    }
                }
            };
            match calendar_date(cal, y, Some(m), d) {
                Some((date, precision)) => Some((Some(date), precision, true)),
                None => unresolved,
            }
        }
        Spec::Date { .. } => unresolved,
        Spec::DayOffset(n) => day(a.checked_add_signed(Duration::days(n.into()))),
        Spec::Weekday { wd, rel, base } => {
            let anchor_wd = a.weekday().number_from_monday() as i64;
            let wd = i64::from(wd);
            let offset = match rel {
                Rel::Past => -((anchor_wd - wd + 6).rem_euclid(7) + 1),
                Rel::Next => (wd - anchor_wd + 6).rem_euclid(7) + 1,
                _ => {
                    let base_wd = (anchor_wd - 1 + i64::from(base)).rem_euclid(7) + 1;
                    i64::from(base) - (base_wd - wd).rem_euclid(7)
                }
            };
            day(a.checked_add_signed(Duration::days(offset)))
        }
        Spec::Period {
            unit: Unit::Week,
            shift,
        } => {
            // Weeks run Sunday to Saturday, as in Libya and most Arab states.
            let since_sunday = i64::from(a.weekday().num_days_from_sunday());
            let first = a.checked_add_signed(Duration::days(7 * i64::from(shift) - since_sunday));
            let last = first.and_then(|f| f.checked_add_signed(Duration::days(6)));
            match (first, last) {
                (Some(f), Some(l)) if f.month() == l.month() => {
                    Some((f.with_day(1), Precision::Month, true))
                }
                _ => unresolved,
            }
        }
        Spec::Period {
            unit: Unit::Month,
            shift,
        } => {
            let index = a.year() * 12 + a.month0() as i32 + shift;
            let date =
                NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1);
            Some((
                date,
                if date.is_some() {
                    Precision::Month
                } else {
                    Precision::Unknown
                },
                true,
            ))
        }
        Spec::MonthDay { d, shift } => {
            let index = a.year() * 12 + a.month0() as i32 + shift;
            day(NaiveDate::from_ymd_opt(
                index.div_euclid(12),
                index.rem_euclid(12) as u32 + 1,
                u32::from(d),
            ))
        }
        Spec::Period {
            unit: Unit::Year,
            shift,
        } => {
            let date = NaiveDate::from_ymd_opt(a.year() + shift, 1, 1);
            Some((
                date,
                if date.is_some() {
                    Precision::Year
                } else {
                    Precision::Unknown
                },
                true,
            ))
        }
        Spec::Vague => unresolved,
    }
}

/// The first Gregorian day of a date, month or year of either calendar, with its precision.
fn calendar_date(cal: Cal, y: i32, m: Option<u8>, d: Option<u8>) -> Option<(NaiveDate, Precision)> {
    let precision = match (m, d) {
        (Some(_), Some(_)) => Precision::Day,
        (Some(_), None) => Precision::Month,
        _ => Precision::Year,
    };
    let (m, d) = (m.unwrap_or(1), d.unwrap_or(1));
    let date = match cal {
        Cal::Gregorian => NaiveDate::from_ymd_opt(y, u32::from(m), u32::from(d))?,
        Cal::Hijri => hijri_to_gregorian(y, m, d)?,
    };
    Some((date, precision))
}

// ------------------------------------------------------------------------------------------
// Hijri calendar: Umm al-Qura table 1400-1500 AH, arithmetic (tabular) calendar outside it
// ------------------------------------------------------------------------------------------

struct UmmAlQura {
    first_year: i32,
    /// First day of each month from 1 Muharram of `first_year`, then one past the last month.
    starts: Vec<NaiveDate>,
}

impl UmmAlQura {
    fn load() -> UmmAlQura {
        let mut first_year = 0;
        let mut starts = Vec::new();
        for row in tsv_rows(UMM_AL_QURA_TSV) {
            let Some(Ok(year)) = row.first().map(|y| y.parse::<i32>()) else {
                continue;
            };
            if starts.is_empty() {
                first_year = year;
            }
            starts.extend(
                row[1..]
                    .iter()
                    .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            );
        }
        UmmAlQura { first_year, starts }
    }

    fn month_index(&self, y: i32, m: u8) -> Option<usize> {
        let idx = (y - self.first_year) * 12 + i32::from(m) - 1;
        usize::try_from(idx)
            .ok()
            .filter(|&i| i + 1 < self.starts.len())
    }
}

fn hijri_to_gregorian(y: i32, m: u8, d: u8) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) || !(1..=30).contains(&d) {
        return None;
    }
    let cal = &LEXICON.calendar;
    if let Some(i) = cal.month_index(y, m) {
        let (start, next) = (cal.starts[i], cal.starts[i + 1]);
        let date = start.checked_add_signed(Duration::days(i64::from(d) - 1))?;
        return (date < next).then_some(date);
    }
    let len = if m % 2 == 1 || (m == 12 && tabular_leap(y)) {
        30
    } else {
        29
    };
    if d > len {
        return None;
    }
    jdn_to_date(tabular_jdn(y, m, d))
}

fn gregorian_to_hijri(date: NaiveDate) -> Option<(i32, u8, u8)> {
    let cal = &LEXICON.calendar;
    if let (Some(first), Some(end)) = (cal.starts.first(), cal.starts.last()) {
        if *first <= date && date < *end {
            let i = cal.starts.partition_point(|s| *s <= date) - 1;
            let d = (date - cal.starts[i]).num_days() + 1;
            return Some((
                cal.first_year + (i / 12) as i32,
                (i % 12) as u8 + 1,
                d as u8,
            ));
        }
    }
    let jdn = i64::from(date.num_days_from_ce()) + 1_721_425;
    let y = ((30 * (jdn - ISLAMIC_EPOCH) + 10646).div_euclid(10631)) as i32;
    let mut m = 12u8;
    while m > 1 && tabular_jdn(y, m, 1) > jdn {
        m -= 1;
    }
    let d = jdn - tabular_jdn(y, m, 1) + 1;
    u8::try_from(d).ok().map(|d| (y, m, d))
}

/// The Hijri year in which month `m` begins during Gregorian year `gy` ("رمضان 2025").
fn hijri_year_starting_in(gy: i32, m: u8) -> Option<i32> {
    let approx = ((gy - 622) as f64 * 33.0 / 32.0) as i32;
    (approx - 1..=approx + 2).find(|&h| hijri_to_gregorian(h, m, 1).is_some_and(|d| d.year() == gy))
}

/// Julian day number of 1 Muharram 1 AH in the civil tabular Islamic calendar.
const ISLAMIC_EPOCH: i64 = 1_948_440;

fn tabular_leap(y: i32) -> bool {
    (14 + 11 * i64::from(y)).rem_euclid(30) < 11
}

fn tabular_jdn(y: i32, m: u8, d: u8) -> i64 {
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + ISLAMIC_EPOCH - 1
}

fn jdn_to_date(jdn: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - 1_721_425).ok()?)
}

// ------------------------------------------------------------------------------------------
// Tests
// ------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const PHRASES_TSV: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/phrases/dates.tsv"
    ));

    fn ymd(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn a_rule_finds_nothing_at_a_word_without_the_senses_it_opens_with() {
        let mut checked = 0;
        for (first, list) in LEXICON.phrases.iter() {
            for phrase in list {
                let words = std::iter::once(first.as_str()).chain(phrase.rest.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
                for context in ["{} 2025", "في {} الماضي", "يوم 5 {} 2025", "{} المقبل", "منذ {} 1446 هـ", "{} من الشهر"] {
                    let text = context.replace("{}", &words);
                    let doc = Doc::new(&text);
                    for i in 0..doc.toks.len() {
                        let Some(hit) = doc.hit_at(i) else { continue };
                        for (senses, rule) in HIT_RULES {
                            if !senses.iter().any(|s| hit.phrase.kinds & s.bit() != 0) {
                                assert!(rule(&doc, i).is_none(), "{text:?} at token {i}");
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    /// The tokens are checked against `Doc::new` in `doc_read_from_normalized_text_is_the_doc_folded_again`.
    #[test]
    fn the_token_walk_cuts_the_same_words_as_words() {
        use crate::text::normalize::normalize;
        use crate::text::words::words;
        // Every char of the Arabic block and its neighbours, apart and glued, and a sentence.
        let block: String = ('\u{0590}'..='\u{0750}').chain(['a', 'Z', '5', '_', '😀', 'é', '²', '\u{00A0}', '\n']).collect();
        let spaced: String = block.chars().flat_map(|c| [c, ' ']).collect();
        let sentence = "وصل الوفد إلى طرابلس يوم 12-3-2025، ووقّع 3 اتفاقيات (بقيمة 9.1 مليار يورو).";
        for text in [block.as_str(), spaced.as_str(), sentence, "", "a"] {
            let norm = normalize(text).text;
            assert_eq!(tokens_and_words(&norm).1, words(&norm), "{norm:?}");
        }
    }

    /// Every row of tests/phrases/dates.tsv: the phrase yields exactly the expected expression
    /// (or nothing when the expected text is empty).
    #[test]
    fn phrase_corpus() {
        let mut failures = Vec::new();
        let mut rows = 0;
        for (n, line) in PHRASES_TSV.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("phrase\t") {
                continue;
            }
            rows += 1;
            let cols: Vec<&str> = line.split('\t').collect();
            let col = |k: usize| cols.get(k).copied().unwrap_or("").trim();
            let (phrase, anchor, want_text, want_date, want_prec) =
                (col(0), ymd(col(1)), col(2), col(3), col(4));
            let found = find_dates(phrase, anchor);
            let shown: Vec<String> = found
                .iter()
                .map(|m| {
                    format!(
                        "«{}» {:?} {}",
                        m.text,
                        m.date.map(|d| d.to_string()),
                        m.precision.as_str()
                    )
                })
                .collect();
            let ok = if want_text.is_empty() {
                found.is_empty()
            } else {
                found.len() == 1
                    && found[0].text == want_text
                    && found[0].date == ymd(want_date)
                    && found[0].precision.as_str() == want_prec
                    && phrase.get(found[0].start..found[0].end) == Some(want_text)
            };
            if !ok {
                failures.push(format!(
                    "line {}: «{}» anchor {:?}: want «{}» {} {}; got {:?}",
                    n + 1,
                    phrase,
                    col(1),
                    want_text,
                    want_date,
                    want_prec,
                    shown
                ));
            }
        }
        assert!(rows >= 150, "only {rows} phrase rows");
        assert!(
            failures.is_empty(),
            "{} of {rows} rows failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn publication_dates() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "عنوان الخبر هنا\n\n14مارس 2024م في إطار التعاون بين البلدين",
                Some("2024-03-14"),
            ),
            (
                "أخبار ليبيا\nعنوان\nالخميس 16 يناير 2025 - 11:05 ص\nمحرر الموقع",
                Some("2025-01-16"),
            ),
            (
                "عنوان الخبر\nتاريخ النشر: 3rd, March 2024 GMT\nنص الخبر",
                Some("2024-03-03"),
            ),
            ("عنوان\nنشر في 12/03/2024\nنص", Some("2024-03-12")),
            (
                "عنوان\nنشر بتاريخ: ١٥ آذار ٢٠٢٤\nنص الخبر",
                Some("2024-03-15"),
            ),
            (
                "عنوان\n- نوفمبر 8, 2024\n- Posted by: editor",
                Some("2024-11-08"),
            ),
            (
                "عنوان\nاستقبل الوزير السفير، في القصر... 05.02.2024, وكالة\nنص",
                Some("2024-02-05"),
            ),
            (" date 2024-09-30 طرابلس: التقى الوزير", Some("2024-09-30")),
            ("02.04.2024\n\nوأفادت الوكالة أن", Some("2024-04-02")),
            (
                "عنوان\nطرابلس – الوسط الإثنين 11 مارس 2024, 10:15 صباحا\nنص",
                Some("2024-03-11"),
            ),
            (
                "موقع\n\n2024-06-18\n\n5:10 مساء\n\nعنوان",
                Some("2024-06-18"),
            ),
            (
                "عنوان\nنشر بتاريخ:\nطرابلس، 9 سبتمبر 2024 (وال) – استقبل",
                Some("2024-09-09"),
            ),
            (
                "الرباط - 22 - 4 (كونا) -- أعلنت الوزارة خطتها لعام 2024 في المجال",
                Some("2024-04-22"),
            ),
            ("عنوان\nالتاريخ: ٢٠٢٤/٠٧/٢١\nنص", Some("2024-07-21")),
            (
                "عنوان\nمحرر\nيوم الجمعة 5 رمضان 1445 هـ\nنص",
                Some("2024-03-15"),
            ),
            // no dateline
            ("عنوان الخبر\nالتقى الوزير يوم الثلاثاء السفير الروسي", None),
            ("عنوان\nمع نهاية سنة 2025 تؤكد المؤشرات", None),
            ("عنوان\nوقعت ليبيا في مارس 2024 اتفاقا مع تونس", None),
            ("Copyright Reuters 2023\nبقلم: فلان", None),
            ("", None),
        ];
        let mut failures = Vec::new();
        for (text, want) in cases {
            let got = find_publication_date(text);
            if got != want.and_then(ymd) {
                failures.push(format!("{text:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn ranges_across_months_borrow_the_year() {
        let found = find_dates("يستمر المعرض من 28 يناير إلى 3 فبراير 2026 في طرابلس", None);
        let got: Vec<(&str, Option<NaiveDate>)> =
            found.iter().map(|m| (m.text.as_str(), m.date)).collect();
        assert_eq!(
            got,
            [
                ("28 يناير", ymd("2026-01-28")),
                ("3 فبراير 2026", ymd("2026-02-03"))
            ]
        );
        let found = find_dates("شغل المنصب بين ديسمبر ومارس 2024", None);
        let got: Vec<Option<NaiveDate>> = found.iter().map(|m| m.date).collect();
        assert_eq!(got, [ymd("2023-12-01"), ymd("2024-03-01")]);
        assert!(found
            .iter()
            .all(|m| !m.relative && m.precision == Precision::Month));
    }

    #[test]
    fn relative_flag_and_missing_anchor() {
        let text = "التقى الوزير أمس السفير، ووقع في 5 مايو 2024 اتفاقا، ثم سافر في فبراير الماضي";
        let with_anchor = find_dates(text, ymd("2025-05-26"));
        let flags: Vec<(bool, Precision)> = with_anchor
            .iter()
            .map(|m| (m.relative, m.precision))
            .collect();
        assert_eq!(
            flags,
            [
                (true, Precision::Day),
                (false, Precision::Day),
                (true, Precision::Month)
            ]
        );
        let without = find_dates(text, None);
        let flags: Vec<(bool, Option<NaiveDate>, Precision)> = without
            .iter()
            .map(|m| (m.relative, m.date, m.precision))
            .collect();
        assert_eq!(
            flags,
            [
                (true, None, Precision::Unknown),
                (false, ymd("2024-05-05"), Precision::Day),
                (true, None, Precision::Unknown)
            ]
        );
    }

    #[test]
    fn umm_al_qura_conversion() {
        assert_eq!(hijri_to_gregorian(1446, 9, 1), ymd("2025-03-01"));
        assert_eq!(hijri_to_gregorian(1446, 9, 15), ymd("2025-03-15"));
        assert_eq!(hijri_to_gregorian(1400, 1, 1), ymd("1979-11-20"));
        assert_eq!(
            gregorian_to_hijri(ymd("2025-03-15").unwrap()),
            Some((1446, 9, 15))
        );
        assert_eq!(
            hijri_to_gregorian(1446, 9, 30),
            None,
            "Ramadan 1446 had 29 days"
        );
        // Outside the table the arithmetic calendar is within two days of the observed one.
        let tabular = jdn_to_date(tabular_jdn(1446, 9, 1)).unwrap();
        assert!((tabular - ymd("2025-03-01").unwrap()).num_days().abs() <= 2);
        assert_eq!(hijri_to_gregorian(1390, 1, 1).map(|d| d.year()), Some(1970));
        let h = gregorian_to_hijri(ymd("1950-06-01").unwrap()).unwrap();
        assert_eq!(hijri_to_gregorian(h.0, h.1, h.2), ymd("1950-06-01"));
    }

    #[test]
    fn lexicon_loads_every_row() {
        let rows = |t: &'static str| tsv_rows(t).count();
        assert_eq!(rows(MONTHS_TSV), 81);
        assert_eq!(rows(WEEKDAYS_TSV), 7);
        assert_eq!(rows(ORDINALS_TSV), 31);
        assert_eq!(LEXICON.calendar.starts.len(), 101 * 12 + 1);
        assert!(LEXICON.phrases.contains_key("يناير"));
    }

    #[test]
    fn folded_letters_read_from_bytes_fold_as_chars_do() {
        for c in '\u{0080}'..='\u{07FF}' {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if let Some(folded) = folded_match_letter(bytes) {
                assert_eq!(Some(folded), normalize_char(c), "{c:?}");
                assert!(is_letter(c) && is_letter(folded) && folded.len_utf8() == 2, "{c:?}");
            }
        }
        assert_eq!(['ة', 'أ', 'إ', 'آ', 'ى', 'ؤ', 'ئ'].map(|c| folded_match_letter(c.to_string().as_bytes())), ['ه', 'ا', 'ا', 'ا', 'ي', 'و', 'ي'].map(Some));
    }

    #[test]
    fn normalize_char_fast_paths_change_nothing() {
        // normalize_char as written before its fast paths.
        let reference = |c: char| -> Option<char> {
            if c.is_ascii() {
                return Some(c.to_ascii_lowercase());
            }
            if is_mark(c) || is_format(c) {
                return None;
            }
            Some(match c {
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ى' | 'ی' => 'ي',
                'ة' => 'ه',
                'ؤ' => 'و',
                'ئ' => 'ي',
                'ک' => 'ك',
                '٠'..='٩' | '۰'..='۹' => ascii_digit(c),
                '٫' => '.',
                '٬' => ',',
                '٪' => '%',
                _ => c,
            })
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(normalize_char(c), reference(c), "{c:?}");
        }
    }

    #[test]
    fn fast_doc_matches_char_by_char_reading() {
        for text in [
            "",
            "في ١٥ مارس ٢٠٢٤م، وصلَ الوفدُ إلى طرابلس.",
            "Share 0\n\u{200F}الأربعاء 3/4/2025ـــ وللعام2024 Tripoli ة",
            "مـــارس\u{064B}\u{064B}x9ی۱۲ک",
        ] {
            let doc = Doc::new(text);
            let mut tokenizer = Tokenizer::new(0);
            let mut norm = String::new();
            let mut orig = Vec::new();
            for (at, c) in text.char_indices() {
                if let Some(n) = normalize_char(c) {
                    tokenizer.feed(norm.len(), n);
                    norm.push(n);
                    orig.extend(std::iter::repeat_n(at, n.len_utf8()));
                }
            }
            orig.push(text.len());
            let spans = |toks: &[Tok]| -> Vec<(usize, usize, Kind, Gap)> {
                toks.iter().map(|t| (t.s, t.e, t.kind, t.gap)).collect()
            };
            assert_eq!(doc.norm, norm);
            assert_eq!(spans(&doc.toks), spans(&tokenizer.finish()), "{text}");
            for (ni, &at) in orig.iter().enumerate() {
                assert_eq!(doc.orig(ni), at, "{text} at {ni}");
            }
        }
    }

    #[test]
    fn the_two_folds_differ_only_where_folds_agree_says() {
        use crate::text::normalize::fold_char;
        let mut differing = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let alone = c.to_string();
            if folds_agree(&alone) {
                assert_eq!(normalize_char(c), fold_char(c), "{c:?}");
            } else {
                differing.push(c);
            }
        }
        assert_eq!(differing.len(), 11 + 1 + 3 + 1, "{differing:?}");
        // Found at any offset of a longer text, in the first and the last block of pairs.
        for at in [0, 1, 63, 64, 65, 200] {
            for c in ['\u{0610}', '\u{061C}', '٪', '\u{00A0}'] {
                let text = format!("{}{c}{}", "ب".repeat(at / 2) + if at % 2 == 1 { "x" } else { "" }, "ت".repeat(40));
                assert!(!folds_agree(&text), "{c:?} at {at}");
            }
        }
        assert!(folds_agree("رئيس مؤسسة؛ في ٢٠٢٤ (الأربعاء)"));
    }

    #[test]
    fn doc_read_from_normalized_text_is_the_doc_folded_again() {
        use crate::text::normalize::normalize;
        let mut texts: Vec<String> = [
            "",
            "في ١٥ مارس ٢٠٢٤م، وصلَ رئيس الوفدِ إلى طرابلس.",
            "Share 0\n\u{200F}الأربعاء 3/4/2025ـــ وللعام2024 Tripoli ة",
            "مـــارس\u{064B}\u{064B}x9ی۱۲ک مؤخراً\r\n\nالفائت  ١٠:٣٠",
            "ﻻ ٣ـً آب 2023 QATAR ‏ ۲۰۲۵ \u{2028} أواخر أيلول/سبتمبر",
        ]
        .map(String::from)
        .to_vec();
        // And texts of random chars drawn from the kinds above.
        let pool: Vec<char> = "ابتةىأإآؤئـًٌّ ٠١٢٣9aZ.،,:/\n\u{200F}\u{FEFF}ﻻیک۳-–مارسالمقبل".chars().collect();
        let mut seed = 7u64;
        for _ in 0..300 {
            let len = (seed % 40) as usize;
            texts.push((0..len).map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                pool[(seed >> 33) as usize % pool.len()]
            }).collect());
        }
        for text in &texts {
            assert!(folds_agree(text), "{text:?}");
            let normalized = normalize(text);
            let (tokens, _) = tokens_and_words(&normalized.text);
            let (a, b) = (Doc::new(text), Doc::from_tokens(text, &normalized, tokens));
            assert_eq!(a.norm, b.norm, "{text:?}");
            let toks = |d: &Doc| -> Vec<(usize, usize, Kind, Gap, Option<usize>)> { d.toks.iter().enumerate().map(|(k, t)| (t.s, t.e, t.kind, t.gap, d.hit_at(k).map(|h| h.end))).collect() };
            assert_eq!(toks(&a), toks(&b), "{text:?}");
            for ni in 0..=a.norm.len() {
                assert_eq!(a.orig(ni), b.orig(ni), "{text:?} at {ni}");
            }
            assert_eq!(matches(&a, ymd("2025-03-05")), matches(&b, ymd("2025-03-05")), "{text:?}");
        }
    }

    #[test]
    fn key_endings_read_from_bytes_are_those_of_the_chars() {
        let by_chars = |word: &str, n: usize| -> Option<usize> {
            let chars: Vec<char> = word.chars().rev().take(n).collect();
            (chars.len() == n).then(|| chars.iter().rev().fold(0, |index, &c| index * KeyShapes::SLOTS + KeyShapes::slot(c)))
        };
        for word in ["", "ا", "في", "مارس", "بالعام", "aمار", "مارa", "ۀۀۀ", "ٱلي", "2025م", "😀ين", "يناير"] {
            assert_eq!(KeyShapes::last::<3>(word), by_chars(word, 3), "{word}");
            assert_eq!(KeyShapes::last::<2>(word), by_chars(word, 2), "{word}");
        }
    }

    #[test]
    fn key_shapes_hold_every_key() {
        let shapes = &LEXICON.key_shapes;
        assert!(LEXICON.phrases.keys().all(|k| shapes.may_end(k) && shapes.may_be(k)));
        // Every way a key is written with clitics that `with_clitic_variants` takes off.
        let long_enough = |s: &str| s.chars().nth(1).is_some();
        for key in LEXICON.phrases.keys().filter(|k| long_enough(k)) {
            let with_article = key
                .strip_prefix("ال")
                .filter(|rest| long_enough(rest))
                .map(|rest| format!("لل{rest}"));
            for word in ["", "و", "ف"].into_iter().flat_map(|conj| {
                ["", "ب", "ل", "ك"]
                    .iter()
                    .map(move |prep| format!("{conj}{prep}{key}"))
                    .chain(with_article.iter().map(move |w| format!("{conj}{w}")))
            }) {
                assert!(shapes.may_end(&word), "{word}");
            }
        }
        assert!(shapes.may_end("x"), "one char: always looked up");
        assert!(!shapes.may_end("ظظظ") && !shapes.may_end("ظظ"));
        assert!(!shapes.may_be(&"ا".repeat(LEXICON.longest_key)), "longer than any key");
    }

    #[test]
    fn offsets_are_original_bytes() {
        let text = "وصل الوفد غداً، ثم عاد يوم ٥ مايـو ٢٠٢٥م.";
        let found = find_dates(text, ymd("2025-05-01"));
        let texts: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(texts, ["غداً", "يوم ٥ مايـو ٢٠٢٥م"]);
        assert_eq!(found[1].date, ymd("2025-05-05"));
    }

    /// Random strings over the characters the grammar reacts to: no panic, spans on char
    /// boundaries, sorted and non-overlapping.
    #[test]
    fn random_text_is_handled() {
        let alphabet: Vec<char> =
            "0123456789٠١٢٣٤٥٦٧٨٩۱۲ /-.,:،()%\n ًٌَُـ\u{200f}الومنفيبكهـرسيوماعشدجثخحصطآأإىة"
                .chars()
                .collect();
        let words = [
            "مارس",
            "الأحد",
            "يوم",
            "أمس",
            "الماضي",
            "عام",
            "من",
            "إلى",
            "رمضان",
            "شهر",
            "آب",
            "للعام",
            "2025",
            "هـ",
            "م",
            "th",
            "May",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next(40) {
                if next(3) == 0 {
                    text.push_str(words[next(words.len())]);
                } else {
                    text.push(alphabet[next(alphabet.len())]);
                }
            }
            let found = find_dates(&text, ymd("2025-03-01"));
            for pair in found.windows(2) {
                assert!(pair[0].end <= pair[1].start, "{text:?}");
            }
            for m in &found {
                assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()), "{text:?}");
            }
            let _ = find_publication_date(&text);
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let long_digits = "9".repeat(500);
        for text in [
            "",
            "ـ",
            "ً",
            "\u{200f}",
            "٫٬",
            "لل",
            "و",
            "1/2/",
            "2025-",
            "يوم",
            "من 5",
            long_digits.as_str(),
            "الأحد عشر\n\n",
            "مارس/",
            "31 فبراير 2025",
        ] {
            let _ = find_dates(text, ymd("2025-01-01"));
            let _ = find_dates(text, None);
            let _ = find_publication_date(text);
        }
    }
}
