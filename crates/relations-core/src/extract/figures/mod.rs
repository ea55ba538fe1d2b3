//! Economic figures in one sentence: money ("9.1 مليارات يورو"), quantities of counted things
//! ("خمس طائرات شحن", "30 ضابطًا", "حقلي غاز") and percentages ("12 في المئة"), each with its value
//! in base units, unit (ISO 4217 for money), metric from the context and the year it refers to.
//!
//! A number alone is never a figure: money needs a currency after it, a percentage a percent
//! marker, a quantity a counted noun from the unit lexicon. All word lists are TSV files under
//! data/lexicon so a regional expert can extend them.

use super::dates::{DateMatch, Precision};
use super::numbers::{self, Doc, Phrase, TokKind};
use chrono::Datelike;
use super::gazetteer::Gazetteer;
use crate::text::letters::{any_byte_pair, ends_digit};
use std::collections::HashSet;
use std::sync::LazyLock;

mod neighbours;
mod records;
mod years;
pub use records::records;
use neighbours::{compared_figures, dual_figures, range_lower_ends};
use years::{share_list_years, year_for, year_mentions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    Money,
    Quantity,
    Percent,
}

impl FigureKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Quantity => "quantity",
            FigureKind::Percent => "percent",
        }
    }

    fn bit(self) -> u8 {
        match self {
            FigureKind::Money => 1,
            FigureKind::Quantity => 2,
            FigureKind::Percent => 4,
        }
    }
}

/// How the text states the value: "نحو 30" is about 30, "بين 100 و1500" a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Exact,
    About,
    MoreThan,
    LessThan,
    AtLeast,
    Range,
}

impl Qualifier {
    /// From the meaning column of `approximators.tsv`.
    fn parse(meaning: &str) -> Qualifier {
        match meaning {
            "about" => Qualifier::About,
            "more_than" => Qualifier::MoreThan,
            "less_than" => Qualifier::LessThan,
            "at_least" => Qualifier::AtLeast,
            _ => Qualifier::Exact,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more_than",
            Qualifier::LessThan => "less_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::Range => "range",
        }
    }
}

/// Whether the figure is a value reached, a goal or an expectation: "تستهدف رفع الإنتاج إلى
/// مليوني برميل" is a target, "من المتوقع أن تبلغ" a forecast (`figure_status.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Actual,
    Target,
    Forecast,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Actual => "actual",
            Status::Target => "target",
            Status::Forecast => "forecast",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FigureMatch {
    pub start: usize,
    pub end: usize,
    /// The figure phrase as written, e.g. "9.1 مليارات يورو", "خمس طائرات شحن", "نحو 30 ضابطًا".
    pub text: String,
    pub kind: FigureKind,
    /// In base units: "9.1 مليارات يورو" = 9100000000; percentages as written (12.5 for 12.5%).
    pub value: f64,
    /// ISO 4217 for money, "percent", or a short English noun for quantities.
    pub unit: String,
    /// snake_case English label from the context (trade_volume, cargo_aircraft...).
    pub metric: Option<String>,
    /// The year the figure refers to when the sentence states it.
    pub year: Option<i32>,
    pub qualifier: Qualifier,
    pub status: Status,
}

/// What a sentence's date expressions tell the figure reader: byte ranges that are no figure,
/// and the years of relative year expressions ("خلال العام الماضي", "هذا العام") a figure may
/// refer to, by their start. A relative month ("أوائل يوليو الجاري") dates an event, not a figure. Years written in digits are read
/// by the figure reader itself.
#[derive(Debug, Default)]
pub struct SentenceDates {
    pub exclude: Vec<(usize, usize)>,
    pub relative_years: Vec<(usize, i32)>,
}

impl SentenceDates {
    /// From the date matches of a sentence that starts at byte `offset` of their text.
    pub fn new<'d>(dates: impl IntoIterator<Item = &'d DateMatch>, offset: usize) -> Self {
        let mut out = SentenceDates::default();
        for d in dates {
            out.exclude.push((d.start - offset, d.end - offset));
            if let Some(date) = d.date.filter(|_| d.relative && d.precision == Precision::Year) {
                out.relative_years.push((d.start - offset, date.year()));
            }
        }
        out
    }
}

/// Figures in one sentence. `dates.exclude` are byte ranges (the date expressions found by
/// the date extractor) that must not be read as figures.
pub fn find_figures(sentence: &str, dates: &SentenceDates) -> Vec<FigureMatch> {
    let exclude = &dates.exclude[..];
    let doc = Doc::new(sentence);
    let phrases = doc.phrases();
    let mut found: Vec<Found> = Vec::new();
    for phrase in &phrases {
        let (start, end) = doc.span(phrase.first, phrase.end);
        if overlaps(exclude, start, end) || is_identifier(&doc, phrase.first) {
            continue;
        }
        if let Some(figure) = figure_after_number(&doc, phrase) {
            found.push(figure);
        }
    }
    found.extend(dual_figures(&doc, &phrases, &found, exclude));
    let ranges = range_lower_ends(&doc, &phrases, &found, exclude);
    for (lower, upper) in ranges {
        found[upper].qualifier = Qualifier::Range;
        found.push(lower);
    }
    found.extend(compared_figures(&doc, &phrases, &found, exclude));
    if found.is_empty() {
        return Vec::new();
    }
    found.sort_by_key(|f| f.first);

    let metric_hits = metric_hits(&doc);
    let years = year_mentions(&doc, &phrases, &found, &dates.relative_years);
    let mut years_found: Vec<(Option<i32>, bool)> = found
        .iter()
        .enumerate()
        .map(|(idx, f)| {
            let next_first = found.get(idx + 1).map_or(doc.tokens.len(), |g| g.first);
            year_for(&doc, f, next_first, &years)
        })
        .collect();
    share_list_years(&doc, &found, &mut years_found);
    let currency_cues = currency_cues(&doc, &found);
    found
        .iter()
        .zip(years_found)
        .map(|(f, (year, _))| {
            let (_, end) = doc.span(f.first, f.end);
            let start = doc.start_after_chars(f.first, f.clitic_chars);
            let unit = match f.kind {
                FigureKind::Money => resolve_currency(&currency_cues, f).to_string(),
                _ => format!("{}{}", f.unit, f.unit_suffix),
            };
            FigureMatch {
                start,
                end,
                text: sentence[start..end].to_string(),
                kind: f.kind,
                value: f.value,
                unit,
                metric: metric_for(f, &metric_hits).map(str::to_string),
                year,
                qualifier: f.qualifier,
                status: status_of(&doc, f),
            }
        })
        .collect()
}

/// Whether `find_figures(sentence, dates)` (`dates.exclude` = `exclude`) may find anything, judged without tokenizing the
/// sentence: most sentences have no figure, and tokenizing them was a twentieth of the run.
/// Every figure starts at digits outside `exclude` (the dates), at a number word or at a dual
/// unit noun ("طائرتين"); `start_hits` says whether the sentence has a hit of `FIGURE_STARTS`,
/// which the document's lexicon pass finds with the other lexicons (a word, after its
/// proclitics). Never false where `find_figures` finds a figure that starts at a word.
pub fn may_have_figures(sentence: &str, norm_sentence: &str, exclude: &[(usize, usize)], start_hits: bool) -> bool {
    if start_hits {
        return true;
    }
    // Exclusions are sorted and do not overlap (the dates of the sentence).
    let bytes = sentence.as_bytes();
    let mut from = 0;
    for &(start, end) in exclude {
        if has_digit(bytes.get(from..start).unwrap_or_default()) {
            return true;
        }
        from = from.max(end);
    }
    // U+061C is dropped by the number tokenizer but kept by `text::normalize`, so it may split
    // a number word there; rare enough to let through.
    has_digit(bytes.get(from..).unwrap_or_default()) || norm_sentence.contains('\u{061C}')
}

/// `bytes` hold a digit the number tokenizer reads (`letters::ends_digit`).
fn has_digit(bytes: &[u8]) -> bool {
    any_byte_pair(bytes, ends_digit)
}

/// The words a figure can start with: number words and dual unit nouns ("طائرتين"), matched
/// by the lexicon pass. A dual is found after its clitics, like every lexicon form.
pub static FIGURE_STARTS: LazyLock<Gazetteer<()>> = LazyLock::new(|| {
    let dual = |units: &Vec<(Vec<String>, Unit)>| units.iter().any(|(_, u)| u.form != NounForm::Plain);
    let number_words = numbers::number_word_forms().map(str::to_string);
    let dual_units = UNITS.heads.iter().filter(|(_, units)| dual(units)).map(|(head, _)| head.clone());
    Gazetteer::new(vec![()], number_words.chain(dual_units).map(|form| (form, 0)))
});

// ------------------------------------------------------------------ lexicons

macro_rules! lexicon_file {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/", $name))
    };
}

/// Multi-word phrases keyed by their first word. Exact lexicons compare the first word as
/// written (after normalization); loose ones ignore clitics and "ال" on it. Later words always
/// ignore "ال" and accept a tanween alif ("مستشارا عسكريا" for "مستشار عسكري").
struct Lexicon<T> {
    loose: bool,
    heads: numbers::WordMap<Vec<(Vec<String>, T)>>,
}

impl<T: Copy> Lexicon<T> {
    fn new(loose: bool) -> Self {
        Lexicon { loose, heads: numbers::WordMap::default() }
    }

    fn words_of(form: &str) -> Vec<String> {
        let doc = Doc::new(form);
        (0..doc.tokens.len()).map(|i| doc.text(i).to_string()).collect()
    }

    fn add(&mut self, form: &str, value: T) {
        let mut words = Self::words_of(form);
        if words.is_empty() {
            return;
        }
        let head = words.remove(0);
        self.add_words(head, words, value);
    }

    fn add_words(&mut self, head: String, rest: Vec<String>, value: T) {
        let head = if self.loose { numbers::strip_al(&head).to_string() } else { head };
        let rest = rest.iter().map(|w| numbers::strip_al(w).to_string()).collect();
        let entries = self.heads.entry(head).or_default();
        entries.push((rest, value));
        // longest first, so "طائرات شحن" wins over "طائرات"
        entries.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
    }

    /// The longest entry starting at token `i`: its end token and value.
    fn match_at(&self, doc: &Doc, i: usize) -> Option<(usize, T)> {
        self.match_skipping(doc, i).map(|(end, value, _)| (end, value))
    }

    /// Like `match_at`, also giving how many leading characters of token `i` (clitics, "ال")
    /// were skipped by a loose match.
    fn match_skipping(&self, doc: &Doc, i: usize) -> Option<(usize, T, usize)> {
        let word = doc.text(i);
        if word.is_empty() {
            return None;
        }
        if !self.loose {
            return self.match_head(doc, i, word).map(|(end, value)| (end, value, 0));
        }
        numbers::word_cores(word).find_map(|core| {
            let core = numbers::strip_al(core);
            let skipped = word.chars().count() - core.chars().count();
            self.match_head(doc, i, core)
                .or_else(|| self.match_head(doc, i, core.strip_suffix('ا')?))
                .map(|(end, value)| (end, value, skipped))
        })
    }

    /// Entries with first word `head` (already stripped as needed) whose other words follow token `i`.
    fn match_head(&self, doc: &Doc, i: usize, head: &str) -> Option<(usize, T)> {
        self.heads.get(head)?.iter().find_map(|(rest, value)| {
            let all = rest.iter().enumerate().all(|(k, w)| doc.same_line(i + 1 + k) && same_word(doc.text(i + 1 + k), w));
            all.then_some((i + 1 + rest.len(), *value))
        })
    }

    /// The longest entry that ends right before token `end` (for words written before a
    /// number): its first token, the clitic characters skipped on it and its value.
    fn match_ending_at(&self, doc: &Doc, end: usize) -> Option<(usize, usize, T)> {
        (1..=4).rev().filter_map(|len| end.checked_sub(len)).find_map(|start| {
            let (e, value, skipped) = self.match_skipping(doc, start)?;
            (e == end && (start + 1..end).all(|k| doc.same_line(k))).then_some((start, skipped, value))
        })
    }
}

fn same_word(text: &str, lexicon_word: &str) -> bool {
    let t = numbers::strip_al(text);
    t == lexicon_word || t.strip_suffix('ا') == Some(lexicon_word)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NounForm {
    Plain,
    /// "طائرتين", "حقلان": two without a number.
    Dual,
    /// "حقلي غاز", "موقعي تدريب": two only as the first word of a multi-word unit.
    DualConstruct,
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    unit: &'static str,
    metric: Option<&'static str>,
    form: NounForm,
}

#[derive(Debug, Clone, Copy)]
struct Currency {
    iso: &'static str,
    by_context: bool,
}

#[derive(Debug, Clone, Copy)]
struct CurrencyCue {
    default: &'static str,
    iso: &'static str,
}

#[derive(Debug, Clone, Copy)]
struct Metric {
    name: &'static str,
    kinds: u8,
}

fn non_empty(cell: Option<&&'static str>) -> Option<&'static str> {
    cell.copied().filter(|c| !c.is_empty())
}

static UNITS: LazyLock<Lexicon<Unit>> = LazyLock::new(|| {
    let mut lex = Lexicon::new(false);
    for row in numbers::tsv_rows(lexicon_file!("quantity_units.tsv")) {
        let (Some(singular), Some(plural), Some(unit)) = (row.first(), row.get(1), non_empty(row.get(2))) else { continue };
        let metric = non_empty(row.get(3));
        let plain = Unit { unit, metric, form: NounForm::Plain };
        let plural_heads: HashSet<String> =
            numbers::variants(plural).filter_map(|f| Lexicon::<Unit>::words_of(f).into_iter().next()).collect();
        for form in numbers::variants(plural) {
            lex.add(form, plain);
        }
        for form in numbers::variants(singular) {
            let mut words = Lexicon::<Unit>::words_of(form);
            if words.is_empty() {
                continue;
            }
            let head = words.remove(0);
            for (generated, form) in singular_forms(&head, &plural_heads) {
                lex.add_words(generated, words.clone(), Unit { form, ..plain });
            }
        }
    }
    lex
});

/// The singular, its accusative and, unless the plural is the sound "-ين" plural that has the
/// same spelling, its dual forms (the dual rule on counted nouns).
fn singular_forms(head: &str, plural_heads: &HashSet<String>) -> Vec<(String, NounForm)> {
    let mut out = vec![(head.to_string(), NounForm::Plain)];
    let feminine = head.ends_with('ه');
    if !feminine && !head.ends_with('ا') {
        out.push((format!("{head}ا"), NounForm::Plain));
    }
    let stem = match head.strip_suffix('ه') {
        Some(s) => format!("{s}ت"),
        None => head.to_string(),
    };
    if plural_heads.contains(&format!("{stem}ين")) || head.chars().count() < 2 {
        return out;
    }
    out.push((format!("{stem}ان"), NounForm::Dual));
    out.push((format!("{stem}ين"), NounForm::Dual));
    out.push((format!("{stem}ي"), NounForm::DualConstruct));
    if feminine {
        out.push((format!("{stem}ا"), NounForm::DualConstruct));
    }
    out
}

static CURRENCIES: LazyLock<Lexicon<Currency>> = LazyLock::new(|| {
    let mut lex = Lexicon::new(false);
    for row in numbers::tsv_rows(lexicon_file!("currencies.tsv")) {
        let (Some(forms), Some(iso)) = (row.first(), non_empty(row.get(1))) else { continue };
        let by_context = row.get(2).is_some_and(|c| c.eq_ignore_ascii_case("yes"));
        for form in numbers::variants(forms) {
            lex.add(form, Currency { iso, by_context });
        }
    }
    lex
});

static CURRENCY_CUES: LazyLock<Lexicon<CurrencyCue>> = LazyLock::new(|| {
    let mut lex = Lexicon::new(true);
    for row in numbers::tsv_rows(lexicon_file!("currency_context.tsv")) {
        let (Some(default), Some(cues), Some(iso)) = (non_empty(row.first()), row.get(1), non_empty(row.get(2))) else { continue };
        for cue in numbers::variants(cues) {
            lex.add(cue, CurrencyCue { default, iso });
        }
    }
    lex
});

static METRICS: LazyLock<Lexicon<Metric>> = LazyLock::new(|| {
    let mut lex = Lexicon::new(true);
    for row in numbers::tsv_rows(lexicon_file!("metrics.tsv")) {
        let (Some(phrases), Some(name)) = (row.first(), non_empty(row.get(1))) else { continue };
        let kinds = numbers::variants(row.get(2).copied().unwrap_or("any")).fold(0u8, |bits, k| {
            bits | match k {
                "money" => FigureKind::Money.bit(),
                "quantity" => FigureKind::Quantity.bit(),
                "percent" => FigureKind::Percent.bit(),
                _ => 7,
            }
        });
        for phrase in numbers::variants(phrases) {
            lex.add(phrase, Metric { name, kinds });
        }
    }
    lex
});

fn simple_lexicon(data: &'static str, loose: bool) -> Lexicon<&'static str> {
    let mut lex = Lexicon::new(loose);
    for row in numbers::tsv_rows(data) {
        let Some(forms) = row.first() else { continue };
        let value = row.get(1).copied().unwrap_or("");
        for form in numbers::variants(forms) {
            lex.add(form, value);
        }
    }
    lex
}

static STATUS_CUES: LazyLock<Lexicon<&'static str>> = LazyLock::new(|| simple_lexicon(lexicon_file!("figure_status.tsv"), true));

/// A target or forecast cue up to `BEFORE` words before the figure or `AFTER` words after it
/// ("بحلول 2030"), on its line; else the figure is a value reached.
fn status_of(doc: &Doc, f: &Found) -> Status {
    const BEFORE: usize = 10;
    const AFTER: usize = 3;
    let cue = |k: usize| STATUS_CUES.match_at(doc, k).filter(|&(end, _)| end <= f.first || k >= f.end).map(|(_, meaning)| meaning);
    let before = (f.first.saturating_sub(BEFORE)..f.first).rev().take_while(|&k| doc.same_line(k + 1)).find_map(cue);
    let after = || (f.end..(f.end + AFTER).min(doc.tokens.len())).take_while(|&k| doc.same_line(k)).find_map(cue);
    match before.or_else(after) {
        Some("target") => Status::Target,
        Some("forecast") => Status::Forecast,
        _ => Status::Actual,
    }
}

static APPROXIMATORS: LazyLock<Lexicon<&'static str>> = LazyLock::new(|| simple_lexicon(lexicon_file!("approximators.tsv"), true));
static BLOCKERS: LazyLock<Lexicon<&'static str>> = LazyLock::new(|| simple_lexicon(lexicon_file!("number_blockers.tsv"), true));
static PERCENT_MARKERS: LazyLock<Lexicon<&'static str>> = LazyLock::new(|| simple_lexicon(lexicon_file!("percent_markers.tsv"), false));
static RATES: LazyLock<Lexicon<&'static str>> = LazyLock::new(|| simple_lexicon(lexicon_file!("rates.tsv"), false));

/// Words that end like nisba adjectives but are function words.
const NOT_ADJECTIVES: [&str; 8] = ["علي", "حتي", "لدي", "متي", "سوي", "لكي", "الي", "هي"];

// ------------------------------------------------------------------ finding figures

/// A figure before the metric and year are attached; token range `first..end`.
#[derive(Debug, Clone, Copy)]
struct Found {
    first: usize,
    end: usize,
    /// Tokens of the number itself (for counts without a number: the noun).
    number_first: usize,
    clitic_chars: usize,
    kind: FigureKind,
    value: f64,
    unit: &'static str,
    unit_suffix: &'static str,
    currency_by_context: bool,
    metric: Option<&'static str>,
    qualifier: Qualifier,
}

fn overlaps(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    ranges.iter().any(|&(s, e)| s < end && start < e)
}

/// The number follows a word that makes it an identifier ("رقم 15", "المادة 5", "فئة 300").
fn is_identifier(doc: &Doc, first: usize) -> bool {
    first
        .checked_sub(1)
        .is_some_and(|prev| doc.tokens[prev].kind == TokKind::Word && BLOCKERS.match_at(doc, prev).is_some_and(|(e, _)| e == first))
}

/// Money, percentage or quantity made of the number `phrase` and what follows it.
fn figure_after_number(doc: &Doc, phrase: &Phrase) -> Option<Found> {
    let next = phrase.end;
    let base = Found {
        first: phrase.first,
        end: next,
        number_first: phrase.first,
        clitic_chars: phrase.clitic_chars,
        kind: FigureKind::Quantity,
        value: phrase.value,
        unit: "",
        unit_suffix: "",
        currency_by_context: false,
        metric: None,
        qualifier: Qualifier::Exact,
    };
    let with_prefix = |f: Found| match APPROXIMATORS.match_ending_at(doc, f.first).filter(|_| doc.same_line(f.first)) {
        Some((start, clitic_chars, meaning)) => Found { first: start, clitic_chars, qualifier: Qualifier::parse(meaning), ..f },
        None => f,
    };
    let sign_first = |f: Found| Found { first: phrase.first.saturating_sub(1), clitic_chars: 0, ..f };
    // words after the number count only on the same line
    let followed = doc.same_line(next);
    if let Some((end, _)) = PERCENT_MARKERS.match_at(doc, next).filter(|_| followed) {
        return Some(with_prefix(Found { end, kind: FigureKind::Percent, unit: "percent", ..base }));
    }
    if percent_sign_before(doc, phrase) {
        return Some(sign_first(Found { kind: FigureKind::Percent, unit: "percent", ..base }));
    }
    let currency_after = CURRENCIES.match_at(doc, next).or_else(|| after_min(doc, next, &CURRENCIES));
    if let Some((end, currency)) = currency_after.filter(|_| followed) {
        return Some(with_prefix(money(base, end, currency)));
    }
    if let Some(currency) = currency_before(doc, phrase) {
        return Some(sign_first(money(base, next, currency)));
    }
    if !followed {
        return None;
    }
    let (end, unit) = UNITS.match_at(doc, next).or_else(|| after_min(doc, next, &UNITS))?;
    let quantity = Found { end, kind: FigureKind::Quantity, unit: unit.unit, metric: unit.metric, ..base };
    Some(with_prefix(extend_quantity(doc, quantity)))
}

fn money(base: Found, end: usize, currency: Currency) -> Found {
    Found { end, kind: FigureKind::Money, unit: currency.iso, currency_by_context: currency.by_context, ..base }
}

/// "300 من المهاجرين", "5 ملايين من الدولارات": the counted noun after من, with ال.
fn after_min<T: Copy>(doc: &Doc, next: usize, lexicon: &Lexicon<T>) -> Option<(usize, T)> {
    if doc.text(next) != "من" || !doc.same_line(next + 1) {
        return None;
    }
    let noun = doc.text(next + 1).strip_prefix("ال")?;
    lexicon.match_head(doc, next + 1, noun)
}

/// "%7": a percent sign glued before the number (how "7%" often ends up in right-to-left
/// text), unless it closes a number before it ("5%7").
fn percent_sign_before(doc: &Doc, phrase: &Phrase) -> bool {
    let Some(prev) = phrase.first.checked_sub(1) else { return false };
    let glued = doc.tokens[phrase.first].gap == numbers::Gap::None;
    let closes_number = prev > 0 && doc.tokens[prev].gap == numbers::Gap::None && doc.tokens[prev - 1].kind == TokKind::Number;
    glued && matches!(doc.text(prev), "%" | "٪") && !closes_number
}

/// A currency sign or code glued before the number ("$5 مليارات").
fn currency_before(doc: &Doc, phrase: &Phrase) -> Option<Currency> {
    let prev = phrase.first.checked_sub(1)?;
    if doc.tokens[phrase.first].gap != numbers::Gap::None || doc.tokens[prev].kind != TokKind::Symbol {
        return None;
    }
    CURRENCIES.match_at(doc, prev).filter(|(e, _)| *e == prev + 1).map(|(_, c)| c)
}

/// Adds what belongs to a counted noun: a rate ("يوميا"), coordinated nouns of the same unit
/// ("ضابطًا ومدربًا") and up to two nisba adjectives ("عسكرية", "بحريين").
fn extend_quantity(doc: &Doc, mut f: Found) -> Found {
    let mut adjectives = 0;
    while doc.same_line(f.end) {
        let word = doc.text(f.end);
        if let Some((end, suffix)) = RATES.match_at(doc, f.end) {
            f.end = end;
            f.unit_suffix = suffix;
            break;
        }
        let coordinated = word
            .strip_prefix('و')
            .and_then(|noun| UNITS.match_head(doc, f.end, noun))
            .filter(|(_, u)| u.unit == f.unit && u.form == NounForm::Plain);
        if let Some((end, unit)) = coordinated {
            f.end = end;
            f.metric = unit.metric.or(f.metric);
            continue;
        }
        if adjectives < 2 && looks_like_adjective(doc, f.end) {
            f.end += 1;
            adjectives += 1;
            continue;
        }
        break;
    }
    f
}

/// An indefinite nisba adjective ("عسكرية", "ليبي", "بحريين", "عسكريًا").
fn looks_like_adjective(doc: &Doc, i: usize) -> bool {
    let word = doc.text(i);
    let t = doc.tokens[i];
    if t.kind != TokKind::Word || t.latin || word.starts_with("ال") || word.chars().count() < 4 || NOT_ADJECTIVES.contains(&word) {
        return false;
    }
    if ["ي", "يه", "يين", "يون", "يات", "يان", "يتان", "يتين"].iter().any(|s| word.ends_with(s)) {
        return true;
    }
    // "-يا" is also how country names end ("ليبيا"); only the tanween spelling "-يًا" is an adjective.
    word.ends_with("يا") && doc.src[t.start..t.end].contains('\u{064B}')
}

/// The ISO code of a money figure; a bare shared name ("دينار") follows country words in the
/// sentence: the cue nearest to the figure that points away from the default wins.
fn resolve_currency(cues: &[(usize, CurrencyCue)], f: &Found) -> &'static str {
    if !f.currency_by_context {
        return f.unit;
    }
    let distance = |i: usize| if i < f.first { f.first - i } else { i.saturating_sub(f.end) };
    // The first of equally near cues wins.
    let nearest = cues.iter().filter(|(_, cue)| cue.default == f.unit).min_by_key(|&&(i, _)| distance(i));
    nearest.map_or(f.unit, |(_, cue)| cue.iso)
}

/// The currency cues of the sentence by token, found once for all its money figures (none are
/// needed when no figure's currency depends on its context).
fn currency_cues(doc: &Doc, found: &[Found]) -> Vec<(usize, CurrencyCue)> {
    if !found.iter().any(|f| f.currency_by_context) {
        return Vec::new();
    }
    (0..doc.tokens.len()).filter_map(|i| CURRENCY_CUES.match_at(doc, i).map(|(_, cue)| (i, cue))).collect()
}

struct MetricHit {
    first: usize,
    end: usize,
    metric: Metric,
}

fn metric_hits(doc: &Doc) -> Vec<MetricHit> {
    let mut hits = Vec::new();
    let mut i = 0;
    while i < doc.tokens.len() {
        match METRICS.match_at(doc, i) {
            Some((end, metric)) if doc.tokens[i].kind == TokKind::Word => {
                hits.push(MetricHit { first: i, end, metric });
                i = end;
            }
            _ => i += 1,
        }
    }
    hits
}

/// Quantities keep their unit's metric; otherwise the nearest context phrase before the figure
/// that fits its kind, or failing that one shortly after it.
fn metric_for(f: &Found, hits: &[MetricHit]) -> Option<&'static str> {
    const AFTER_WINDOW: usize = 6;
    if f.kind == FigureKind::Quantity && f.metric.is_some() {
        return f.metric;
    }
    let fits = |h: &&MetricHit| h.metric.kinds & f.kind.bit() != 0;
    hits.iter()
        .filter(fits)
        .filter(|h| h.end <= f.first)
        .max_by_key(|h| h.end)
        .or_else(|| hits.iter().filter(fits).find(|h| h.first >= f.end && h.first - f.end <= AFTER_WINDOW))
        .map(|h| h.metric.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dates;
    use chrono::NaiveDate;

    const PHRASES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/phrases/figures.tsv"));

    /// Every row of tests/phrases/figures.tsv: phrase, figure text, kind, value, unit, metric,
    /// year. Kind "none" means no figure may be found. All failures are reported together.
    #[test]
    fn phrase_corpus() {
        let mut failures = Vec::new();
        let (mut positives, mut negatives) = (0, 0);
        for row in numbers::tsv_rows(PHRASES) {
            let cell = |k: usize| row.get(k).copied().unwrap_or("");
            let phrase = cell(0);
            // Dates as the pipeline finds them, relative ones against a fixed publication day.
            let dates = dates::find_dates(phrase, NaiveDate::from_ymd_opt(2025, 6, 10));
            let found = find_figures(phrase, &SentenceDates::new(&dates, 0));
            if cell(2) == "none" {
                negatives += 1;
                if !found.is_empty() {
                    failures.push(format!("{phrase}: expected no figure, got {:?}", found.iter().map(|f| &f.text).collect::<Vec<_>>()));
                }
                continue;
            }
            positives += 1;
            let Ok(value) = cell(3).parse::<f64>() else {
                failures.push(format!("bad value in row {row:?}"));
                continue;
            };
            let metric = Some(cell(5)).filter(|m| !m.is_empty());
            let year = cell(6).parse::<i32>().ok();
            let Some(f) = found.iter().find(|f| f.text == cell(1)) else {
                failures.push(format!("{phrase}: expected «{}», got {:?}", cell(1), found.iter().map(|f| &f.text).collect::<Vec<_>>()));
                continue;
            };
            let got = (f.kind.as_str(), f.value, f.unit.as_str(), f.metric.as_deref(), f.year);
            let same_value = (f.value - value).abs() <= 1e-6 * value.abs().max(1.0);
            if f.kind.as_str() != cell(2) || !same_value || f.unit != cell(4) || f.metric.as_deref() != metric || f.year != year {
                failures.push(format!("{phrase}: expected {:?}, got {got:?}", (cell(2), value, cell(4), metric, year)));
            }
            if phrase[f.start..f.end] != f.text {
                failures.push(format!("{phrase}: offsets do not match the text"));
            }
        }
        assert!(positives >= 100 && negatives >= 20, "only {positives} positive / {negatives} negative rows");
        assert!(failures.is_empty(), "{} rows failed:\n{}", failures.len(), failures.join("\n"));
    }

    /// `may_have_figures` lets through every phrase of the corpus with a figure, and every
    /// dual noun and number word of the lexicons (bare and with a clitic), in the spelling
    /// `text::normalize` gives them.
    #[test]
    fn quick_test_never_misses_a_figure() {
        let passes = |s: &str| {
            let norm = crate::text::normalize(s).text;
            may_have_figures(s, &norm, &[], !FIGURE_STARTS.find_all(&norm).is_empty())
        };
        for row in numbers::tsv_rows(PHRASES) {
            let phrase = row.first().copied().unwrap_or("");
            if !find_figures(phrase, &SentenceDates::default()).is_empty() {
                assert!(passes(phrase), "{phrase}");
            }
        }
        for s in ["اشترت الشركة طائرتين", "وصلت مئة شاحنة", "ووصلت مائتا شاحنة", "وبلغ العجز ثلاثة مليارات دولار", "نما 5٪", "٣ سفن"] {
            assert!(passes(s) && !find_figures(s, &SentenceDates::default()).is_empty(), "{s}");
        }
        for s in ["استقبل الوزير نظيره الإيطالي في طرابلس", "ناقش الجانبان التعاون"] {
            assert!(!passes(s), "{s}");
        }
        for word in numbers::number_word_forms() {
            assert!(passes(&format!("قال {word} أمس")), "{word}");
        }
        // Digits inside the excluded dates do not count; any other digit does.
        let quick = |s: &str, excluded: &str| {
            let at = s.find(excluded).unwrap_or(0);
            may_have_figures(s, &crate::text::normalize(s).text, &[(at, at + excluded.len())], false)
        };
        assert!(!quick("اجتمع الوزيران في 12 مارس 2025 بطرابلس", "12 مارس 2025"));
        for s in ["وصلت 5 طائرات في 12 مارس", "وصلت ٥ طائرات في 12 مارس", "وصلت ۵ طائرات في 12 مارس", "في 12 مارس وصلت 5 طائرات"] {
            assert!(quick(s, "12 مارس"), "{s}");
        }
    }

    #[test]
    fn excluded_ranges_are_not_figures() {
        let s = "وصلت 5 طائرات إلى المطار";
        assert_eq!(find_figures(s, &SentenceDates::default()).len(), 1);
        let start = s.find('5').unwrap_or(0);
        assert!(find_figures(s, &SentenceDates { exclude: vec![(start, start + 1)], ..Default::default() }).is_empty());
    }

    #[test]
    fn qualifier_and_status_say_how_the_value_is_stated() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("بلغ حجم التبادل التجاري 5 مليارات دولار", &[("exact", "actual")]),
            ("وصل نحو 30 مدربا عسكريا إلى القاعدة", &[("about", "actual")]),
            ("يعمل في ليبيا أكثر من مليون عامل مصري", &[("more_than", "actual")]),
            ("قدمت إيطاليا مساعدات لا تقل عن 20 مليون يورو", &[("at_least", "actual")]),
            ("بلغت الخسائر أقل من 5 ملايين دينار", &[("less_than", "actual")]),
            ("نشرت روسيا ما بين 100 و1500 جندي", &[("range", "actual"), ("range", "actual")]),
            ("تستهدف المؤسسة رفع الإنتاج إلى مليوني برميل يوميا", &[("exact", "target")]),
            ("يرتفع التبادل التجاري إلى 10 مليارات دولار بحلول 2030", &[("exact", "target")]),
            ("من المتوقع أن يبلغ النمو 5% العام المقبل", &[("exact", "forecast")]),
            ("ستبلغ قيمة المشروع نحو 600 مليون يورو", &[("about", "forecast")]),
        ];
        for (phrase, want) in cases {
            let got: Vec<(&str, &str)> = find_figures(phrase, &SentenceDates::default()).iter().map(|f| (f.qualifier.as_str(), f.status.as_str())).collect();
            assert_eq!(got, *want, "{phrase}");
        }
    }

    #[test]
    fn several_figures_keep_their_own_year_and_metric() {
        let s = "بلغ حجم التبادل التجاري 4 مليارات دولار في عام 2022، و5.5 مليار دولار عام 2024";
        let found = find_figures(s, &SentenceDates::default());
        let got: Vec<_> = found.iter().map(|f| (f.value, f.year, f.metric.as_deref())).collect();
        assert_eq!(got, vec![(4e9, Some(2022), Some("trade_volume")), (5.5e9, Some(2024), Some("trade_volume"))]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["", "$", "5$", "$5", "من", "5 من", "حقلي", "و", "٪٪", "5\n%", "مليون\nدولار", "ــ5ــ طائرات", "2,\u{064B}5 مليار"] {
            for f in find_figures(s, &SentenceDates { exclude: vec![(0, 1), (3, 2)], ..Default::default() }) {
                assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
            }
        }
    }
}
