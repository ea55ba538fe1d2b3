//! Numbers in Arabic text, Duckling style: digits (Western, Arabic-Indic, Persian) with decimal and
//! thousands separators, scale words ("9.1 مليارات", "10 آلاف"), and numbers written in words with
//! their gender forms and compounds ("خمسة وعشرون", "مئة وخمسون ألفا", "ثلاثة آلاف وخمسمئة").
//!
//! The text is normalized once per call (diacritics and tatweel dropped, alef/ya/ta-marbuta unified,
//! digits made ASCII) and cut into tokens that keep their byte range in the original text, so every
//! offset returned points into the caller's string. The tokenizer is shared with `figures`.

use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub text: String,
    pub from_words: bool,
}

/// Every number in `text`, left to right, with byte offsets into `text`.
pub fn find_numbers(text: &str) -> Vec<NumberMatch> {
    let doc = Doc::new(text);
    doc.phrases()
        .into_iter()
        .map(|p| {
            let (start, end) = doc.phrase_span(&p);
            NumberMatch { start, end, value: p.value, text: text[start..end].to_string(), from_words: p.from_words }
        })
        .collect()
}

// ------------------------------------------------------------------ lexicon data

use crate::text::letters::{is_plain_arabic_letter, plain_arabic_run_end};
use crate::text::normalize::ascii_digit;

/// Map keyed by normalized words (Fx: these short keys are looked up for every token).
pub(crate) type WordMap<V> = rustc_hash::FxHashMap<String, V>;

const NUMBER_WORDS_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/number_words.tsv"));
const SCALES_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/scales.tsv"));

/// Data rows of a lexicon TSV: comment (`#`) and blank lines and the header line are skipped.
pub(crate) fn tsv_rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .skip(1)
        .map(|line| line.split('\t').map(str::trim).collect())
}

/// The `|`-separated variants of a TSV cell.
pub(crate) fn variants(cell: &'static str) -> impl Iterator<Item = &'static str> {
    cell.split('|').map(str::trim).filter(|v| !v.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScaleForm {
    Singular,
    Plural,
    Dual,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum NumWord {
    Unit(u32),
    TeenOnly(u32),
    Ten(u32),
    Hundred(u32),
    Fraction(f64),
    Scale(f64, ScaleForm),
}

static NUMBER_WORDS: LazyLock<WordMap<NumWord>> = LazyLock::new(|| {
    let mut words = WordMap::default();
    for row in tsv_rows(NUMBER_WORDS_TSV) {
        let (Some(forms), Some(value), Some(class)) = (row.first(), row.get(1), row.get(2)) else { continue };
        let Ok(value) = value.parse::<f64>() else { continue };
        let word = match *class {
            "unit" => NumWord::Unit(value as u32),
            "teen_only" => NumWord::TeenOnly(value as u32),
            "ten" => NumWord::Ten(value as u32),
            "hundred" => NumWord::Hundred(value as u32),
            "fraction" => NumWord::Fraction(value),
            _ => continue,
        };
        for form in variants(forms) {
            words.insert(normalize_str(form), word);
        }
    }
    for row in tsv_rows(SCALES_TSV) {
        let (Some(forms), Some(value), Some(form_class)) = (row.first(), row.get(1), row.get(2)) else { continue };
        let Ok(value) = value.parse::<f64>() else { continue };
        let form = match *form_class {
            "singular" => ScaleForm::Singular,
            "plural" => ScaleForm::Plural,
            "dual" => ScaleForm::Dual,
            _ => continue,
        };
        for word in variants(forms) {
            words.insert(normalize_str(word), NumWord::Scale(value, form));
        }
    }
    words
});

/// Clitics that may be glued to the front of a number word: و ف (and), ب ل ك (with, for, like).
const CLITICS: [&str; 10] = ["وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"];

/// Every number word as it may be written, bare or with a clitic, and whether the clitic is
/// the joiner و. Built once so that reading a token is one look-up, not one per clitic.
static NUMBER_WORD_FORMS: LazyLock<WordMap<(NumWord, bool)>> = LazyLock::new(|| {
    let mut forms: WordMap<(NumWord, bool)> =
        NUMBER_WORDS.iter().map(|(word, &value)| (word.clone(), (value, false))).collect();
    // Entries are never overwritten: the bare word wins, then the clitics in their order.
    for clitic in CLITICS {
        for (rest, &value) in NUMBER_WORDS.iter() {
            // "لست" is "I am not", "بست" rare: two-letter numbers only take the joiner و.
            if clitic != "و" && rest.chars().count() < 3 {
                continue;
            }
            forms.entry(format!("{clitic}{rest}")).or_insert((value, clitic == "و"));
        }
    }
    forms
});

/// Every spelling `number_word` knows, clitics included.
pub(crate) fn number_word_forms() -> impl Iterator<Item = &'static str> {
    NUMBER_WORD_FORMS.keys().map(String::as_str)
}

/// A number word, possibly with a clitic; the flag says whether the clitic is the joiner و.
fn number_word(word: &str) -> Option<(NumWord, bool)> {
    NUMBER_WORD_FORMS.get(word).copied()
}

// ------------------------------------------------------------------ normalization

/// The normalized form of one character, or None when it is dropped (diacritics, tatweel,
/// invisible direction and joiner marks).
pub(crate) fn normalize_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if is_plain_arabic_letter(c) {
        return Some(c);
    }
    Some(match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => return None,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        '٠'..='٩' | '۰'..='۹' => ascii_digit(c),
        _ => c.to_ascii_lowercase(),
    })
}

/// Normalizes a whole string the way the tokenizer does (used for lexicon entries).
pub(crate) fn normalize_str(s: &str) -> String {
    s.chars().filter_map(normalize_char).collect()
}

/// Drops a leading definite article "ال" when something of at least two letters remains.
pub(crate) fn strip_al(word: &str) -> &str {
    match word.strip_prefix("ال") {
        Some(rest) if rest.chars().nth(1).is_some() => rest,
        _ => word,
    }
}

/// The word and its readings without a leading conjunction (و ف) and preposition (ب ل ك), in
/// that order; "لل" (ل + ال) yields the noun. Only readings of at least two letters are given.
pub(crate) fn clitic_variants(word: &str) -> impl Iterator<Item = &str> {
    let long_enough = |s: &str| s.chars().nth(1).is_some();
    let mut out: [Option<&str>; 4] = [Some(word), None, None, None];
    let after_conj = ["و", "ف"].iter().find_map(|c| word.strip_prefix(c)).filter(|r| long_enough(r));
    if let Some(r) = after_conj {
        out[1] = Some(r);
    }
    let base = after_conj.unwrap_or(word);
    if let Some(noun) = base.strip_prefix("لل").filter(|r| long_enough(r)) {
        out[2] = Some(noun);
    } else if let Some(r) = ["ب", "ل", "ك"].iter().find_map(|p| base.strip_prefix(p)).filter(|r| long_enough(r)) {
        out[2] = Some(r);
    }
    out.into_iter().flatten()
}

/// Clitic readings of a word, each also without "ال": the keys for loose lexicon look-ups.
pub(crate) fn word_cores(word: &str) -> impl Iterator<Item = &str> {
    clitic_variants(word).flat_map(|v| {
        let bare = strip_al(v);
        [Some(v), (bare.len() != v.len()).then_some(bare)].into_iter().flatten()
    })
}

// ------------------------------------------------------------------ tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Number,
    Symbol,
}

/// What separates a token from the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Gap {
    None,
    Space,
    Break,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: TokKind,
    /// Byte range in the original text (trailing diacritics included).
    pub start: usize,
    pub end: usize,
    norm_start: u32,
    norm_end: u32,
    pub gap: Gap,
    pub latin: bool,
}

/// A text cut into normalized tokens.
pub(crate) struct Doc<'a> {
    pub src: &'a str,
    norm: String,
    pub tokens: Vec<Token>,
}

/// Letters, with a fast path for Arabic and ASCII (the general Unicode table is slow).
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06FA}'..='\u{06FC}' => true,
        '\0'..='\u{7F}' | '\u{0600}'..='\u{06FF}' => false,
        _ => c.is_alphabetic(),
    }
}

fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬')
}

impl<'a> Doc<'a> {
    pub fn new(src: &'a str) -> Self {
        let mut doc = Doc { src, norm: String::with_capacity(src.len()), tokens: Vec::with_capacity(src.len() / 5) };
        let mut current: Option<Token> = None;
        let mut gap = Gap::None;
        let mut next = 0;
        while next < src.len() {
            let i = next;
            // Plain Arabic letters, most of the text, are copied a whole run at a time: they
            // extend an Arabic word or start one, as they would one by one.
            let letters_end = plain_arabic_run_end(src.as_bytes(), i);
            if letters_end > i {
                let extends = current.is_some_and(|t| t.kind == TokKind::Word && !t.latin);
                if !extends {
                    doc.flush(&mut current);
                    let pos = doc.norm.len() as u32;
                    current = Some(Token { kind: TokKind::Word, start: i, end: i, norm_start: pos, norm_end: pos, gap, latin: false });
                    gap = Gap::None;
                }
                doc.norm.push_str(&src[i..letters_end]);
                if let Some(t) = current.as_mut() {
                    t.end = letters_end;
                    t.norm_end = doc.norm.len() as u32;
                }
                next = letters_end;
                continue;
            }
            if src.as_bytes()[i] == b' ' {
                // What the whitespace arm below does with a space.
                doc.flush(&mut current);
                gap = gap.max(Gap::Space);
                next = i + 1;
                continue;
            }
            let Some(c) = src[i..].chars().next() else { break };
            let end = i + c.len_utf8();
            next = end;
            let Some(n) = normalize_char(c) else {
                // Dropped marks belong to the token they follow.
                if let Some(t) = current.as_mut() {
                    t.end = end;
                }
                continue;
            };
            let kind = match n {
                // Arabic letters and digits first: they are no whitespace.
                '\u{0621}'..='\u{064A}' => TokKind::Word,
                '0'..='9' => TokKind::Number,
                _ if n.is_whitespace() => {
                    doc.flush(&mut current);
                    let this_gap = if matches!(n, '\n' | '\r' | '\u{2028}' | '\u{2029}') { Gap::Break } else { Gap::Space };
                    gap = gap.max(this_gap);
                    continue;
                }
                _ if is_letter(n) => TokKind::Word,
                _ => TokKind::Symbol,
            };
            let continues_number = current.is_some_and(|t| t.kind == TokKind::Number)
                && is_number_separator(n)
                && src[end..].chars().next().and_then(normalize_char).is_some_and(|d| d.is_ascii_digit());
            let extends = continues_number
                || current.is_some_and(|t| {
                    kind != TokKind::Symbol && t.kind == kind && (kind != TokKind::Word || t.latin == n.is_ascii())
                });
            if !extends {
                doc.flush(&mut current);
                let pos = doc.norm.len() as u32;
                current = Some(Token {
                    kind,
                    start: i,
                    end,
                    norm_start: pos,
                    norm_end: pos,
                    gap,
                    latin: kind == TokKind::Word && n.is_ascii(),
                });
                gap = Gap::None;
            }
            doc.norm.push(n);
            if let Some(t) = current.as_mut() {
                t.end = end;
                t.norm_end = doc.norm.len() as u32;
            }
            if kind == TokKind::Symbol && !continues_number {
                doc.flush(&mut current);
            }
        }
        doc.flush(&mut current);
        doc
    }

    fn flush(&mut self, current: &mut Option<Token>) {
        if let Some(t) = current.take() {
            self.tokens.push(t);
        }
    }

    /// Normalized text of token `i` ("" past the end).
    pub fn text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| &self.norm[t.norm_start as usize..t.norm_end as usize])
    }

    /// Token `i` exists and stays on the same line as the token before it.
    pub fn same_line(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.gap != Gap::Break)
    }

    /// Original byte offset inside token `i` after skipping `skip` normalized characters
    /// (used to leave a glued clitic such as the ل of "لأربع" out of a match).
    pub fn start_after_chars(&self, i: usize, skip: usize) -> usize {
        let Some(t) = self.tokens.get(i) else { return self.src.len() };
        let mut kept = 0;
        for (off, c) in self.src[t.start..t.end].char_indices() {
            if normalize_char(c).is_some() {
                if kept == skip {
                    return t.start + off;
                }
                kept += 1;
            }
        }
        t.start
    }

    /// Original byte range of tokens `first..end`.
    pub fn span(&self, first: usize, end: usize) -> (usize, usize) {
        let start = self.tokens.get(first).map_or(self.src.len(), |t| t.start);
        let stop = end.checked_sub(1).and_then(|k| self.tokens.get(k)).map_or(start, |t| t.end);
        (start, stop.max(start))
    }

    /// Original byte range of a number phrase, without a clitic glued to its first word.
    pub fn phrase_span(&self, p: &Phrase) -> (usize, usize) {
        let (_, end) = self.span(p.first, p.end);
        (self.start_after_chars(p.first, p.clitic_chars), end)
    }

    fn glued_to_latin(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        if t.kind != TokKind::Number {
            return false;
        }
        let before = i.checked_sub(1).and_then(|k| self.tokens.get(k)).is_some_and(|p| p.latin) && t.gap == Gap::None;
        let after = self.tokens.get(i + 1).is_some_and(|n| n.latin && n.gap == Gap::None);
        before || after
    }
}

// ------------------------------------------------------------------ number phrases

/// A number found in a `Doc`: tokens `first..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Phrase {
    pub first: usize,
    pub end: usize,
    pub value: f64,
    pub from_words: bool,
    /// A scale word is part of it ("9.1 مليارات").
    pub scaled: bool,
    /// Normalized characters of a clitic glued to the first word ("لأربع" -> 1).
    pub clitic_chars: usize,
}

#[derive(Clone, Copy)]
enum Item<'d> {
    Digits(&'d str),
    Word(NumWord),
}

impl Doc<'_> {
    /// Every number phrase, left to right, not overlapping.
    pub fn phrases(&self) -> Vec<Phrase> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            match self.phrase_at(i, f64::INFINITY) {
                Some(p) => {
                    if !self.glued_to_latin(p.first) {
                        out.push(Phrase { clitic_chars: self.clitic_chars(p.first), ..p });
                    }
                    i = p.end.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    fn clitic_chars(&self, i: usize) -> usize {
        let word = self.text(i);
        if self.tokens.get(i).map(|t| t.kind) != Some(TokKind::Word) || NUMBER_WORDS.contains_key(word) {
            return 0;
        }
        CLITICS
            .iter()
            .find(|c| word.strip_prefix(**c).is_some_and(|r| NUMBER_WORDS.contains_key(r)))
            .map_or(0, |c| c.chars().count())
    }

    fn item(&self, i: usize) -> Option<(Item<'_>, bool)> {
        let t = self.tokens.get(i)?;
        match t.kind {
            TokKind::Number => Some((Item::Digits(self.text(i)), false)),
            TokKind::Word => number_word(self.text(i)).map(|(w, waw)| (Item::Word(w), waw)),
            TokKind::Symbol => None,
        }
    }

    /// The number item that may continue a phrase at token `i`, on the same line, and whether it
    /// is joined by و (glued, or a separate "و" word before it).
    fn continuation(&self, i: usize) -> Option<(usize, Item<'_>, bool)> {
        if !self.same_line(i) {
            return None;
        }
        if self.tokens[i].kind == TokKind::Word && self.text(i) == "و" {
            if !self.same_line(i + 1) {
                return None;
            }
            let (item, _) = self.item(i + 1)?;
            return Some((i + 1, item, true));
        }
        let (item, waw) = self.item(i)?;
        Some((i, item, waw))
    }

    /// A scale word at token `i` that multiplies what precedes it (no و, same line).
    fn scale_at(&self, i: usize) -> Option<(f64, ScaleForm)> {
        if !self.same_line(i) {
            return None;
        }
        match self.item(i)? {
            (Item::Word(NumWord::Scale(v, form)), false) => Some((v, form)),
            _ => None,
        }
    }

    /// A scale word with the article, as a fraction's repeated scale is written: "ونصف المليار".
    fn definite_scale_at(&self, i: usize) -> Option<(f64, ScaleForm)> {
        if !self.same_line(i) || self.tokens[i].kind != TokKind::Word {
            return None;
        }
        match NUMBER_WORDS.get(self.text(i).strip_prefix("ال")?) {
            Some(NumWord::Scale(v, form)) => Some((*v, *form)),
            _ => None,
        }
    }

    /// Digits right before a scale word or a percent sign take a comma or dot as decimal mark.
    fn decimal_hint(&self, next: usize) -> bool {
        self.scale_at(next).is_some() || matches!(self.text(next), "%" | "٪")
    }

    /// The number phrase starting at token `i`, whose scale must stay below `limit` (used for
    /// the part after "و" in "مليار و200 مليون").
    fn phrase_at(&self, i: usize, limit: f64) -> Option<Phrase> {
        let (item, _) = self.item(i)?;
        let mut j = i;
        let mut from_words = true;
        let mut fraction = false;
        let count = match item {
            Item::Digits(digits) => {
                from_words = false;
                j += 1;
                Some(digits_value(digits, self.decimal_hint(j))?)
            }
            Item::Word(NumWord::Scale(..)) => None,
            Item::Word(NumWord::Fraction(f)) => {
                fraction = true;
                j += 1;
                Some(f)
            }
            Item::Word(_) => {
                let (value, end) = self.word_group(i)?;
                j = end;
                Some(value)
            }
        };
        let scale = if j == i {
            match item {
                Item::Word(NumWord::Scale(v, form)) => Some((v, form)),
                _ => None,
            }
        } else {
            self.scale_at(j)
        };
        match scale {
            Some((scale, form)) if scale < limit => {
                let n = match (count, form) {
                    (Some(c), _) => c,
                    (None, ScaleForm::Singular) => 1.0,
                    // "مليونا دولار" is two million, but "مليونا و200 ألف" one million and
                    // more: before و the -ا spelling is the accusative singular.
                    (None, ScaleForm::Dual) if self.text(j).ends_with('ا') && self.continuation(j + 1).is_some_and(|(_, _, waw)| waw) => 1.0,
                    (None, ScaleForm::Dual) => 2.0,
                    (None, ScaleForm::Plural) => return None,
                };
                let mut value = n * scale;
                j += 1;
                if let Some((k, next, true)) = self.continuation(j) {
                    match next {
                        Item::Word(NumWord::Fraction(f)) => match self.scale_at(k + 1).or_else(|| self.definite_scale_at(k + 1)) {
                            None => {
                                value += f * scale;
                                j = k + 1;
                            }
                            // "مليار ونصف مليار", "مليار ونصف المليار"
                            Some((again, _)) if again == scale => {
                                value += f * scale;
                                j = k + 2;
                            }
                            Some(_) => {}
                        },
                        _ => {
                            if let Some(sub) = self.phrase_at(k, scale) {
                                if sub.value < scale && self.scale_at(sub.end).is_none() {
                                    value += sub.value;
                                    from_words |= sub.from_words;
                                    j = sub.end;
                                }
                            }
                        }
                    }
                }
                Some(Phrase { first: i, end: j, value, from_words, scaled: true, clitic_chars: 0 })
            }
            _ if fraction => None,
            _ => count.map(|value| Phrase { first: i, end: j, value, from_words, scaled: false, clitic_chars: 0 }),
        }
    }

    /// A number below 1000 in words starting at token `i`: value and end token.
    fn word_group(&self, i: usize) -> Option<(f64, usize)> {
        use NumWord::*;
        let (mut hundreds, mut tens, mut units) = (0u32, 0u32, 0u32);
        let mut last: Option<NumWord> = None;
        let mut pending_teen: Option<u32> = None;
        let mut complete_end = None;
        let mut j = i;
        loop {
            let (k, word, waw) = if j == i {
                match self.item(i)? {
                    (Item::Word(w), _) => (i, w, false),
                    _ => return None,
                }
            } else {
                match self.continuation(j) {
                    Some((k, Item::Word(w), waw)) => (k, w, waw),
                    _ => break,
                }
            };
            let accepted = if j == i {
                match word {
                    Unit(v) => units = v,
                    TeenOnly(v) => pending_teen = Some(v),
                    Ten(v) => tens = v,
                    Hundred(v) => hundreds = v,
                    _ => return None,
                }
                true
            } else {
                match word {
                    // "ثلاثة عشر", "أحد عشر"
                    Unit(10) if !waw && tens == 0 && (pending_teen.is_some() || matches!(last, Some(Unit(1..=9)))) => {
                        if let Some(u) = pending_teen.take() {
                            units = u;
                        }
                        tens = 10;
                        true
                    }
                    // "ثلاث مئة"
                    Hundred(100) if !waw && hundreds == 0 && tens == 0 && matches!(last, Some(Unit(3..=9))) => {
                        hundreds = units * 100;
                        units = 0;
                        true
                    }
                    // "مئة وخمسة"
                    Unit(v) if waw && hundreds > 0 && tens == 0 && units == 0 => {
                        units = v;
                        true
                    }
                    TeenOnly(v) if waw && hundreds > 0 && tens == 0 && units == 0 => {
                        pending_teen = Some(v);
                        true
                    }
                    // "خمسة وعشرون", "مئة وخمسون"
                    Ten(v) if waw && tens == 0 && ((1..10).contains(&units) || (hundreds > 0 && units == 0)) => {
                        tens = v;
                        true
                    }
                    _ => false,
                }
            };
            if !accepted {
                break;
            }
            last = Some(word);
            j = k + 1;
            if pending_teen.is_none() {
                complete_end = Some((hundreds + tens + units, j));
            }
        }
        complete_end.map(|(value, end)| (f64::from(value), end))
    }
}

/// The value of a digit run with separators, or None when the separators make no number
/// ("18.09.2025" is a date). `decimal_hint`: a scale word or % follows, so a single separator
/// is a decimal mark ("2,893 مليار" = 2.893 billion).
fn digits_value(digits: &str, decimal_hint: bool) -> Option<f64> {
    let decimal = decimal_mark(digits, decimal_hint)?;
    let (mut int, mut frac, mut div) = (0f64, 0f64, 1f64);
    let (mut in_frac, mut first_group, mut group_len) = (false, true, 0usize);
    for c in digits.chars() {
        if let Some(d) = c.to_digit(10) {
            if in_frac {
                div *= 10.0;
                frac += f64::from(d) / div;
            } else {
                int = int * 10.0 + f64::from(d);
                group_len += 1;
            }
        } else if Some(c) == decimal {
            if !first_group && group_len != 3 {
                return None;
            }
            in_frac = true;
        } else {
            // thousands separator: 1-3 digits first, then groups of exactly 3
            let bad_first = first_group && !(1..=3).contains(&group_len);
            if in_frac || bad_first || (!first_group && group_len != 3) {
                return None;
            }
            first_group = false;
            group_len = 0;
        }
    }
    if !in_frac && !first_group && group_len != 3 {
        return None;
    }
    Some(int + frac)
}

/// Which separator in a digit run is the decimal mark: Some(None) = none, None = not a number.
fn decimal_mark(digits: &str, decimal_hint: bool) -> Option<Option<char>> {
    let Some((pos, last)) = digits.char_indices().rev().find(|(_, c)| !c.is_ascii_digit()) else {
        return Some(None);
    };
    if digits.contains('٫') {
        return (last == '٫' && digits.matches('٫').count() == 1).then_some(Some('٫'));
    }
    if last == '٬' {
        return Some(None);
    }
    let same = digits.matches(last).count();
    let mixed = digits.chars().any(|c| !c.is_ascii_digit() && c != last);
    if mixed {
        // "1.000,5" or "1,000.5": the last mark is the decimal one
        return (same == 1).then_some(Some(last));
    }
    if same > 1 {
        return Some(None);
    }
    let frac_len = digits.len() - pos - last.len_utf8();
    let int_part = &digits[..pos];
    if !decimal_hint && frac_len == 3 && !int_part.trim_start_matches('0').is_empty() {
        Some(None) // "10,000", "2.500"
    } else {
        Some(Some(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PHRASES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/phrases/numbers.tsv"));

    /// Every row of tests/phrases/numbers.tsv: phrase, expected number text, value ("-" = the
    /// phrase holds no number at all). All failures are reported together.
    #[test]
    fn phrase_corpus() {
        let mut failures = Vec::new();
        let mut rows = 0;
        for row in tsv_rows(PHRASES) {
            let (Some(phrase), Some(expected_text), Some(expected_value)) = (row.first(), row.get(1), row.get(2)) else {
                failures.push(format!("malformed row: {row:?}"));
                continue;
            };
            rows += 1;
            let found = find_numbers(phrase);
            if *expected_value == "-" {
                if !found.is_empty() {
                    failures.push(format!("{phrase}: expected no number, got {found:?}"));
                }
                continue;
            }
            let Ok(value) = expected_value.parse::<f64>() else {
                failures.push(format!("bad value in row: {row:?}"));
                continue;
            };
            let ok = found.iter().any(|n| n.text == *expected_text && (n.value - value).abs() <= 1e-6 * value.abs().max(1.0));
            if !ok {
                failures.push(format!("{phrase}: expected {expected_text} = {value}, got {:?}", found.iter().map(|n| (&n.text, n.value)).collect::<Vec<_>>()));
            }
        }
        assert!(rows >= 60, "only {rows} rows");
        assert!(failures.is_empty(), "{} of {rows} rows failed:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn offsets_are_char_boundaries_into_the_input() {
        let text = "وصلت بـ٢٫٥ مليار دولارًا، ثم خمسةٌ وعشرون";
        for n in find_numbers(text) {
            assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
            assert_eq!(&text[n.start..n.end], n.text);
        }
        let values: Vec<f64> = find_numbers(text).iter().map(|n| n.value).collect();
        assert_eq!(values, vec![2.5e9, 25.0]);
    }

    #[test]
    fn from_words_flag() {
        let found = find_numbers("9.1 مليارات و ثمانية مليارات");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(!found[0].from_words);
        assert!(found[1].from_words);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in ["", "و", "،،،", "1,", ",1", "٫٫٫", "ـــ", "\u{064B}\u{064B}5", "1.2.3.4.5", "مليار مليار مليار", "99999999999999999999999999", "ألف\nمليون"] {
            let _ = find_numbers(text);
        }
    }

    #[test]
    fn normalize_char_fast_paths_change_nothing() {
        // normalize_char as written before its fast paths.
        let reference = |c: char| -> Option<char> {
            Some(match c {
                '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' => return None,
                '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' => return None,
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ى' | 'ی' => 'ي',
                'ة' => 'ه',
                'ک' => 'ك',
                '٠'..='٩' | '۰'..='۹' => ascii_digit(c),
                _ => c.to_ascii_lowercase(),
            })
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(normalize_char(c), reference(c), "{c:?}");
        }
    }

    #[test]
    fn clitic_variants_strip_conjunction_and_preposition() {
        let v: Vec<&str> = clitic_variants("وللمبادلات").collect();
        assert_eq!(v, vec!["وللمبادلات", "للمبادلات", "مبادلات"]);
        let v: Vec<&str> = word_cores("بالتبادل").collect();
        assert!(v.contains(&"تبادل"), "{v:?}");
    }
}
