//! Removes the boilerplate news pages carry around an article: "read also" blocks and
//! appended articles, "more from the author" / "most read" headline lists, tag lines,
//! share buttons and counters, comment forms, lone menu words, repeated credit lines.
//!
//! Works line by line. Kept lines are copied unchanged (only trailing whitespace is
//! trimmed and runs of blank lines left by a removal are collapsed), so offsets computed on
//! the cleaned text point at the original wording. Markers live in
//! `data/lexicon/boilerplate.tsv`; the rules here are about line shapes.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::text::letters::{any_byte_pair, byte_mask, ends_digit, is_plain_arabic_letter, plain_arabic_run_end};

/// Cleaned article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// Code points removed, not counting whitespace-only normalisation.
    pub removed_chars: usize,
}

const LEXICON_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/boilerplate.tsv"
));

/// Headline lines a mid-article "read also" marker may carry below it.
const MAX_READ_ALSO_HEADLINES: usize = 6;
/// Longest line (in words) still taken for a headline or list item.
const MAX_HEADLINE_WORDS: usize = 25;
/// Longest line (in words) a "read also" marker may start.
const MAX_READ_ALSO_LINE_WORDS: usize = 30;
/// Lines' word counts are taken up to here, past every threshold the rules use on them:
/// paragraphs are long, and every line is counted.
const WORD_COUNT_CAP: usize = MAX_READ_ALSO_LINE_WORDS + 1;
/// Longest line (in words) taken for a credit line; also the longest line whose `line_key`
/// any rule reads beyond its marker.
const MAX_SOURCE_LINE_WORDS: usize = 12;
/// Chars of a long line folded to tell its first word, enough for most first words.
const FIRST_WORD_KEY_CHARS: usize = 24;
/// Longest tag item under a lone tag marker.
const MAX_TAG_ITEM_WORDS: usize = 3;
/// Longest line (in words) taken for a glued-tags line.
const MAX_WIDGET_LINE_WORDS: usize = 8;
/// Longest line (in words) starting with a glued share phrase ("شارك هذا المقالإغلاق").
const MAX_GLUED_SHARE_LINE_WORDS: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    ReadAlso,
    MoreList,
    Tags,
    CommentForm,
    FormField,
    Menu,
    Source,
}

impl Family {
    fn from_name(name: &str) -> Option<Family> {
        Some(match name {
            "read_also" => Family::ReadAlso,
            "more_list" => Family::MoreList,
            "tags" => Family::Tags,
            "comment_form" => Family::CommentForm,
            "form_field" => Family::FormField,
            "menu" => Family::Menu,
            "source" => Family::Source,
            _ => return None,
        })
    }
}

/// A line that is a marker, or starts with one.
#[derive(Debug, Clone, Copy)]
struct MarkerHit {
    family: Family,
    /// The line is the marker and nothing else.
    alone: bool,
    /// The marker is followed by a colon-like separator ("اقرأ أيضا: ...").
    separated: bool,
}

struct Lexicon {
    /// Folded marker -> its family (the first listed wins). A line looks up only its own
    /// word-end prefixes, longest first, so the most specific marker wins.
    marker_families: FxHashMap<String, Family>,
    /// Byte length of the longest marker key: no longer prefix needs a look-up.
    longest_marker: usize,
    /// `first_word` of every marker key: a line whose key starts with another word has no
    /// marker, which spares most paragraphs folding their head and the look-ups.
    marker_first_words: FxHashSet<String>,
    /// Folded multi-word share markers, matched even when glued to the next word.
    share_phrases: Vec<String>,
    /// One share button, optionally with its counter ("Share 0", "0 Shares", "Shares:").
    share_button: Regex,
    /// A share word standing as a whole word, the button pattern's necessary core, found
    /// without its slow Unicode word boundaries; None when a share word does not begin and end
    /// with a letter (the boundaries would then mean something else).
    share_word_alone: Option<Regex>,
    /// Every run of Arabic-block chars inside a share variant as written, to tell Arabic
    /// words that are no part of any.
    share_arabic_parts: FxHashSet<String>,
    /// The share words alone: a cheap test before the (slower) button pattern runs.
    share_words: aho_corasick::AhoCorasick,
    /// Most words one button match can span: a share variant's, with a number of two words
    /// (`12 K`) on each side and a colon.
    max_button_words: usize,
    /// A whole line that is a view/comment counter ("12 تعليق", "1.3K").
    counter_line: Regex,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::parse(LEXICON_TSV))
}

impl Lexicon {
    fn parse(tsv: &str) -> Lexicon {
        let mut marker_families = FxHashMap::default();
        let mut share_raw: Vec<String> = Vec::new();
        let mut counter_raw: Vec<String> = Vec::new();
        for (family, variants) in tsv_rows(tsv) {
            for variant in variants {
                match family {
                    "share" => share_raw.push(variant.to_owned()),
                    "counter" => counter_raw.push(variant.to_owned()),
                    name => {
                        if let Some(family) = Family::from_name(name) {
                            let key = line_key(variant);
                            if !key.is_empty() {
                                marker_families.entry(key).or_insert(family);
                            }
                        }
                    }
                }
            }
        }
        let longest_marker = marker_families.keys().map(String::len).max().unwrap_or(0);
        let marker_first_words = marker_families
            .keys()
            .map(|key| first_word(key).unwrap_or(key).to_owned())
            .collect();
        let share_phrases = share_raw
            .iter()
            .map(|s| line_key(s))
            .filter(|key| key.contains(' '))
            .collect();
        Lexicon {
            marker_families,
            longest_marker,
            marker_first_words,
            share_phrases,
            share_button: share_button_regex(&share_raw),
            share_word_alone: share_word_alone_regex(&share_raw),
            share_arabic_parts: arabic_substrings(share_raw.iter().map(|v| v.trim())),
            share_words: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                // A full DFA, no prefilter: the words' first bytes are the commonest of
                // Arabic text, so candidates would be everywhere.
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .prefilter(false)
                .build(share_raw.iter().map(|w| w.trim().split_whitespace().next().unwrap_or("").to_string()).filter(|w| !w.is_empty()))
                .expect("share words build an automaton"),
            max_button_words: share_raw.iter().map(|v| v.split_whitespace().count()).max().unwrap_or(0) + 5,
            counter_line: counter_line_regex(&counter_raw),
        }
    }

    /// `marker(&line_key(line))`, without folding the head of a line whose first word
    /// starts no marker (most paragraphs).
    fn line_marker(&self, line: &str) -> Option<MarkerHit> {
        // Most paragraphs open with a word of plain Arabic letters (which fold to themselves)
        // and a space before the next word: that word is the key's first word as it stands.
        let bytes = line.as_bytes();
        let word_end = plain_arabic_run_end(bytes, 0);
        if word_end > 0 && bytes.get(word_end) == Some(&b' ') && plain_arabic_run_end(bytes, word_end + 1) > word_end + 1 {
            if !self.marker_first_words.contains(&line[..word_end]) {
                return None;
            }
            return self.marker(&line_key(line));
        }
        // The first word of the key of a line's head is the first word of the line's key,
        // when the head holds the word's end.
        let head_key = line_key_of_head(line, FIRST_WORD_KEY_CHARS);
        if first_word(&head_key).is_some_and(|word| !self.marker_first_words.contains(word)) {
            return None;
        }
        self.marker(&line_key(line))
    }

    /// The longest marker `key` (a line key) is or starts with, as a whole-word prefix.
    fn marker(&self, key: &str) -> Option<MarkerHit> {
        if first_word(key).is_some_and(|word| !self.marker_first_words.contains(word)) {
            return None;
        }
        // A marker can only end where the key ends or before a non-alphanumeric char (a
        // space, a colon...): try those prefixes, longest first.
        let whole_key = (key.len() <= self.longest_marker).then_some(key.len());
        let head = &key[..ceil_char_boundary(key, self.longest_marker + 1)];
        let word_ends = head
            .char_indices()
            .rev()
            .filter(|&(_, c)| !is_alphanumeric(c))
            .map(|(at, _)| at);
        whole_key.into_iter().chain(word_ends).find_map(|end| {
            let family = *self.marker_families.get(&key[..end])?;
            let tail = &key[end..];
            if tail.is_empty() {
                return Some(MarkerHit {
                    family,
                    alone: true,
                    separated: false,
                });
            }
            // A one-word marker ("تعليقات", "Tags") starts many ordinary lines: it needs
            // a colon-like separator; a multi-word marker is distinctive enough.
            let separated = matches!(
                tail.trim_start().chars().next(),
                Some(':' | '：' | '-' | '–' | '—' | '|' | '>' | '»' | '(' | '/')
            );
            (key[..end].contains(' ') || separated).then_some(MarkerHit {
                family,
                alone: false,
                separated,
            })
        })
    }
}

/// The alphanumeric run `key` (a line key) starts with, when a non-alphanumeric char ends
/// it. A marker is a whole-word prefix of the key, so its first word is the key's.
fn first_word(key: &str) -> Option<&str> {
    key.find(|c: char| !is_alphanumeric(c)).map(|end| &key[..end])
}

/// The smallest char boundary of `text` at or above `at` (or its end).
fn ceil_char_boundary(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// (family, variants) of each data row; header and `#` comment lines skipped.
fn tsv_rows(tsv: &str) -> impl Iterator<Item = (&str, impl Iterator<Item = &str>)> {
    tsv.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .skip(1) // header
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let family = cols.next()?.trim();
            let variants = cols
                .next()?
                .split('|')
                .map(str::trim)
                .filter(|v| !v.is_empty());
            Some((family, variants))
        })
}

fn alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    sorted
        .iter()
        .map(|w| regex::escape(w.trim()).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

const NUMBER: &str = r"[0-9٠-٩]+(?:[.,][0-9٠-٩]+)?\s*[KkMm]?";

fn share_button_regex(words: &[String]) -> Regex {
    let pattern = format!(
        r"(?i)(?:{NUMBER}\s*)?\b(?:{})\b(?:\s*:)?(?:\s*{NUMBER})?",
        alternation(words)
    );
    Regex::new(&pattern).unwrap_or_else(|_| never_matching())
}

/// `(?:^|\W)(?:share words)(?:\W|$)`: matches wherever `\b(?:share words)\b` does when
/// every share word begins and ends with a letter whose case variants are letters too (ASCII
/// or Arabic), and runs on the fast engines, which Unicode `\b` keeps out on Arabic text.
fn share_word_alone_regex(words: &[String]) -> Option<Regex> {
    let plain_letter =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || is_arabic_letter(c));
    let letter_ends = words
        .iter()
        .map(|w| w.trim())
        .all(|w| plain_letter(w.chars().next()) && plain_letter(w.chars().next_back()));
    if !letter_ends {
        return None;
    }
    Regex::new(&format!(r"(?i)(?:^|\W)(?:{})(?:\W|$)", alternation(words))).ok()
}

fn counter_line_regex(words: &[String]) -> Regex {
    let words = alternation(words);
    let pattern = format!(
        r"(?i)^(?:[0-9٠-٩]+(?:[.,][0-9٠-٩]+)?\s*[KkMm]|{NUMBER}\s*(?:{words})|(?:{words})\s*:?\s*{NUMBER})$"
    );
    Regex::new(&pattern).unwrap_or_else(|_| never_matching())
}

/// Fallback if an editor writes a variant that breaks a pattern: clean without that rule.
fn never_matching() -> Regex {
    Regex::new(r"[^\s\S]").expect("constant pattern")
}

// ------------------------------------------------------------------ text shapes

/// Folds `c` so spelling variants match (case, diacritics, tatweel, alef forms, ى, ة) and
/// gives the result to `emit`: nothing, one char, or several for some lowercase forms.
/// Every whitespace char becomes a space.
fn fold_char(c: char, mut emit: impl FnMut(char)) {
    match c {
        // Fast paths: ASCII, and the Arabic block, which has no case (the general Unicode
        // lowercase table was a hot spot); most letters fold to themselves.
        c if c.is_ascii() => emit(if c.is_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        }),
        c if is_plain_arabic_letter(c) => emit(c),
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' => {}
        'أ' | 'إ' | 'آ' | 'ٱ' => emit('ا'),
        'ى' => emit('ي'),
        'ة' => emit('ه'),
        '\u{0600}'..='\u{06FF}' => emit(c),
        c if c.is_whitespace() => emit(' '),
        c => c.to_lowercase().for_each(emit),
    }
}

/// A line folded, stripped of punctuation at both ends, spaces collapsed.
/// Markers, share phrases and counters sit at the start of a line or fill a short one, so the
/// key only needs the line's head (folding whole paragraphs was a hot spot).
const LINE_KEY_CHARS: usize = 160;

fn line_key(line: &str) -> String {
    line_key_of_head(line, LINE_KEY_CHARS)
}

/// The key of the first `max_chars` chars of `line`: a prefix of the key of any longer head.
fn line_key_of_head(line: &str, max_chars: usize) -> String {
    // One pass: fold and collapse spaces, then trim the non-alphanumeric ends in place.
    let mut key = String::with_capacity(line.len().min(max_chars * 4));
    let mut space_pending = false;
    let mut push = |key: &mut String, folded: &str| {
        if folded == " " {
            space_pending = true;
            return;
        }
        if space_pending && !key.is_empty() {
            key.push(' ');
        }
        space_pending = false;
        key.push_str(folded);
    };
    let mut chars_left = max_chars;
    let mut at = 0;
    while chars_left > 0 && at < line.len() {
        // Plain Arabic letters (two bytes each) fold to themselves: a run is copied at once.
        let letters_end = plain_arabic_run_end(line.as_bytes(), at).min(at + 2 * chars_left);
        if letters_end > at {
            push(&mut key, &line[at..letters_end]);
            chars_left -= (letters_end - at) / 2;
            at = letters_end;
            continue;
        }
        let Some(c) = line[at..].chars().next() else {
            break;
        };
        fold_char(c, |f| push(&mut key, f.encode_utf8(&mut [0; 4])));
        chars_left -= 1;
        at += c.len_utf8();
    }
    let end = key
        .char_indices()
        .rev()
        .find(|&(_, c)| is_alphanumeric(c))
        .map_or(0, |(at, c)| at + c.len_utf8());
    key.truncate(end);
    let start = key
        .char_indices()
        .find(|&(_, c)| is_alphanumeric(c))
        .map_or(key.len(), |(at, _)| at);
    key.drain(..start);
    key
}

/// `char::is_alphanumeric` with a fast path for ASCII and the Arabic letters and digits.
fn is_alphanumeric(c: char) -> bool {
    match c {
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{0620}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{066E}'..='\u{06D3}' => true,
        c => c.is_alphanumeric(),
    }
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// `word_count`, but no more than `WORD_COUNT_CAP`. Reads bytes: a non-ASCII whitespace char
/// starts with C2, E1, E2 or E3, so other chars (all of Arabic) need no decoding. A stretch of
/// 32 bytes without those leads is counted in one pass with no early exit (vectorized), from a
/// bit mask of its space bytes.
fn capped_word_count(text: &str) -> usize {
    const CHUNK: usize = 32;
    let is_space = |b: u8| (b == b' ') | (b.wrapping_sub(b'\t') < 5);
    let may_lead_space = |b: u8| (b == 0xC2) | (b.wrapping_sub(0xE1) < 3);
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut at) = (0, false, 0);
    // Bytes before `scalar_until` are read char by char.
    let mut scalar_until = 0;
    while at < bytes.len() && words < WORD_COUNT_CAP {
        if at >= scalar_until {
            if let Some(chunk) = bytes[at..].first_chunk::<CHUNK>() {
                if byte_mask(chunk, may_lead_space) == 0 {
                    // Bit i: byte i is a space. A word starts at a non-space byte after a space.
                    let spaces = byte_mask(chunk, is_space);
                    let after_space = (spaces << 1) | u32::from(!in_word);
                    words += (!spaces & after_space).count_ones() as usize;
                    in_word = spaces >> (CHUNK - 1) == 0;
                    at += CHUNK;
                    // The chunk may end inside a char: its other bytes belong to the same word.
                    while bytes.get(at).is_some_and(|b| b & 0xC0 == 0x80) {
                        at += 1;
                    }
                    continue;
                }
                scalar_until = at + CHUNK;
            }
        }
        let (space, len) = match bytes[at] {
            b'\t'..=b'\r' | b' ' => (true, 1),
            0x00..=0x7F => (false, 1),
            0xC2 | 0xE1..=0xE3 => text[at..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            0xC0..=0xDF => (false, 2),
            0xE0..=0xEF => (false, 3),
            _ => (false, 4),
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        at += len;
    }
    words.min(WORD_COUNT_CAP)
}

/// A real paragraph: a sentence ending in a full stop, or a long line with punctuation.
fn is_prose(text: &str) -> bool {
    is_prose_of(text, word_count(text))
}

/// `is_prose` for a text whose word count (capped or not) is known.
fn is_prose_of(text: &str, words: usize) -> bool {
    // The cheap tests first: the punctuation search walks the whole text.
    if words >= MAX_HEADLINE_WORDS {
        return true;
    }
    let end = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '»' | ')' | '’' | '*')
    });
    let full_stop = (end.ends_with('.') && !end.ends_with("..")) || end.ends_with('۔');
    (full_stop && words >= 8) || (words >= 15 && text.contains(['،', ',', '.', '؛', ';']))
}

/// A headline or list item: not a paragraph, a few words, not a label ending in a colon.
fn is_headline_like(text: &str) -> bool {
    let words = word_count(text);
    (3..=MAX_HEADLINE_WORDS).contains(&words)
        && !is_prose(text)
        && !text.trim_end().ends_with([':', '：'])
}

fn has_sentence_punctuation(text: &str) -> bool {
    text.contains(['.', '،', ',', '؟', '?', '!', ':', '؛', ';'])
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}')
}

/// Words glued without spaces, as tag links rendered side by side: a final-only letter
/// (ة, ى) followed by another letter, or an implausibly long Arabic word.
fn has_glued_words(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        let final_form_inside = word
            .chars()
            .zip(word.chars().skip(1))
            .any(|(c, next)| matches!(c, 'ة' | 'ى') && is_arabic_letter(next));
        let arabic_letters = word.chars().filter(|&c| is_arabic_letter(c)).count();
        final_form_inside || arabic_letters >= 20
    })
}

/// `Home > News > Libya` style trails (or ` » `, ` › `, ` / ` separated). The separator
/// must stand between spaces: `»` glued to a word is a closing quote.
fn is_breadcrumb(line: &str, lexicon: &Lexicon) -> bool {
    // Byte test first: the char search decodes every char. » is C2 BB and › is E2 80 BA; news
    // text is full of other C2 and E2 chars (« “ ” –), so their last bytes are read too. It
    // runs on nearly every line.
    let may_have_separator = any_byte_pair(line.as_bytes(), |before, b| {
        (b == b'>') | (b == b'/') | (before == 0xC2 && b == 0xBB) | (before == 0x80 && b == 0xBA)
    });
    if !may_have_separator || !line.contains(['>', '»', '›', '/']) {
        return false;
    }
    // Split on the separator that occurs most (the last of equals); count first so that
    // lines without one allocate nothing.
    let Some((separator, _)) = [" > ", " » ", " › ", " / "]
        .into_iter()
        .map(|separator| (separator, line.matches(separator).count()))
        .filter(|&(_, count)| count > 0)
        .max_by_key(|&(_, count)| count)
    else {
        return false;
    };
    let parts: Vec<&str> = line.split(separator).collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.trim().is_empty() || word_count(p) > 10)
    {
        return false;
    }
    let starts_with_menu_word = matches!(
        lexicon.marker(&line_key(parts[0])),
        Some(MarkerHit {
            family: Family::Menu,
            ..
        })
    );
    (parts.len() >= 3 || starts_with_menu_word) && !line.trim_end().ends_with('.')
}

fn is_hashtag_line(line: &str) -> bool {
    if !line.contains('#') {
        return false;
    }
    let words = word_count(line);
    let tags = line
        .split_whitespace()
        .filter(|w| w.starts_with('#') && w.len() > 1)
        .count();
    tags >= 2 && tags * 2 >= words
}

// ------------------------------------------------------------------ share widgets

enum Widget {
    /// The whole line is buttons and counters (or glued tags around them).
    WholeLine,
    /// Buttons removed; these parts of the line are kept.
    Keep(Vec<String>),
}

/// Share buttons and counters on a line (with its key and word count), and what (if
/// anything) of the line survives.
fn share_widget(
    line: &str,
    key: &str,
    words: usize,
    lexicon: &Lexicon,
    sources: &HashSet<String>,
) -> Option<Widget> {
    if words <= MAX_GLUED_SHARE_LINE_WORDS
        && lexicon
            .share_phrases
            .iter()
            .any(|p| key.starts_with(p.as_str()))
    {
        return Some(Widget::WholeLine);
    }
    // Exact shortcuts before the button pattern, slow on long lines: no counter (a digit or
    // colon) and some word that belongs to no button, or no button at all. The counter test
    // reads the line in one vectorized pass and a paragraph fails the word test at its first
    // word, so most lines without digits never reach the share-word automaton.
    let counter_chars = has_counter_char(line);
    if !counter_chars && has_arabic_word_outside(line, &lexicon.share_arabic_parts) {
        return None;
    }
    // One share word at most means one button at most: a widget then only if the button is all
    // the line holds, which a line with more words than a button spans cannot be. The button
    // pattern, so run on fewer lines, is slow on long ones (Unicode word boundaries).
    match lexicon.share_words.find_iter(line).take(2).count() {
        0 => return None,
        1 if alphanumeric_word_count(line, lexicon.max_button_words + 1) > lexicon.max_button_words => return None,
        _ => {}
    }
    if lexicon
        .share_word_alone
        .as_ref()
        .is_some_and(|alone| !alone.is_match(line))
    {
        return None;
    }
    let buttons: Vec<regex::Match> = lexicon.share_button.find_iter(line).collect();
    if buttons.is_empty() {
        return None;
    }
    let mut fragments = Vec::new();
    let mut last = 0;
    for m in &buttons {
        fragments.push(&line[last..m.start()]);
        last = m.end();
    }
    fragments.push(&line[last..]);
    let fragments: Vec<&str> = fragments
        .into_iter()
        .map(|f| f.trim_matches(is_widget_separator))
        .filter(|f| f.chars().any(char::is_alphanumeric))
        .collect();
    if fragments.is_empty() {
        return Some(Widget::WholeLine);
    }
    let counters = buttons
        .iter()
        .filter(|m| m.as_str().contains(|c: char| c.is_numeric() || c == ':'))
        .count();
    let latin_counter = buttons.iter().any(|m| {
        m.as_str().contains(|c: char| c.is_numeric()) && !m.as_str().chars().any(is_arabic_letter)
    });
    // Button words also occur in prose ("شارك 40 خبيرا", "Total 5"): only a run of buttons
    // with a Latin counter, or several counters, is a widget.
    if counters == 0 || buttons.len() < 2 || !(latin_counter || counters >= 2) {
        return None;
    }
    let kept: Vec<String> = fragments
        .into_iter()
        .filter(|f| is_prose(f) || is_new_source_line(f, lexicon, sources))
        .map(str::to_owned)
        .collect();
    Some(if kept.is_empty() {
        Widget::WholeLine
    } else {
        Widget::Keep(kept)
    })
}

/// Whitespace-separated words holding a letter or digit, counted up to `cap`.
fn alphanumeric_word_count(text: &str, cap: usize) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).take(cap).count()
}

/// Some run of Arabic letters on the line is part of no share variant (`parts`: the
/// `arabic_substrings` of the variants), so the line is not made of buttons alone. Buttons
/// take whole words, and Arabic has no case: a substring test is exact. Runs of other
/// scripts, and digits (button counters), are given the benefit.
fn has_arabic_word_outside(line: &str, parts: &FxHashSet<String>) -> bool {
    line.split(|c: char| !is_alphanumeric(c))
        .filter(|run| run.chars().all(is_arabic_block) && !run.chars().all(char::is_numeric))
        .any(|run| !parts.contains(run))
}

fn is_arabic_block(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c)
}

/// Every non-empty substring of `texts` made of Arabic-block chars: a run of such chars is
/// contained in one of `texts` exactly when it is in this set.
fn arabic_substrings<'a>(texts: impl Iterator<Item = &'a str>) -> FxHashSet<String> {
    let mut parts = FxHashSet::default();
    for text in texts {
        for run in text.split(|c: char| !is_arabic_block(c)) {
            let bounds: Vec<usize> = run.char_indices().map(|(at, _)| at).chain([run.len()]).collect();
            for (i, &start) in bounds.iter().enumerate() {
                for &end in &bounds[i + 1..] {
                    parts.insert(run[start..end].to_owned());
                }
            }
        }
    }
    parts
}

/// `text.contains(|c: char| c.is_numeric() || c == ':')`. In ASCII and the Arabic block (lead
/// bytes D8..DB) only the digits, the colon and the two Arabic digit rows (D9 A0.., DB B0..)
/// count: those are found in one pass over byte pairs, with no early exit, so it is vectorized.
/// A text with other non-ASCII chars is read char by char, unless they are the quotes, dashes
/// and spaces of news text, which hold no number (`may_be_numeric`).
fn has_counter_char(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (found, other) = (0..bytes.len()).fold((false, false), |(found, other), i| {
        let (before, b) = (if i > 0 { bytes[i - 1] } else { 0 }, bytes[i]);
        (found | ends_digit(before, b) | (b == b':'), other | may_be_numeric(before, b))
    });
    found || (other && has_counter_char_by_char(text))
}

/// Might the char starting with bytes `lead`, `next` be numeric, outside ASCII and the Arabic
/// block? Not in U+2000..U+203F (E2 80: dashes, quotes, spaces), nor in U+0080..U+00BF (C2)
/// but for ² ³ ¹ ¼ ½ ¾. Branch-free, like `ends_digit`.
fn may_be_numeric(lead: u8, next: u8) -> bool {
    let latin1_number = (next == 0xB2) | (next == 0xB3) | (next == 0xB9) | (next.wrapping_sub(0xBC) < 3);
    (lead >= 0xC0) & (lead.wrapping_sub(0xD8) >= 4) & !(lead == 0xE2 && next == 0x80) & !(lead == 0xC2 && !latin1_number)
}

/// `has_counter_char`, reading Arabic letters by their lead byte and other chars decoded.
/// Tests, not a `match`: a jump table on lead bytes mispredicts on every Arabic char.
fn has_counter_char_by_char(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        if lead < 0x80 {
            if lead.wrapping_sub(b'0') <= b':' - b'0' {
                return true;
            }
            at += 1;
            continue;
        }
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        let arabic_digit = (lead == 0xD9 && next.wrapping_sub(0xA0) < 10)
            || (lead == 0xDB && next.wrapping_sub(0xB0) < 10);
        if arabic_digit {
            return true;
        }
        if lead.wrapping_sub(0xD8) < 4 {
            at += 2;
            continue;
        }
        match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) if c.is_numeric() => return true,
            Some(c) => at += c.len_utf8(),
            None => return false,
        }
    }
    false
}

/// What stands between share buttons; quotes, brackets and full stops belong to text.
fn is_widget_separator(c: char) -> bool {
    c.is_whitespace() || "|•·-–—/\\,،:;؛*".contains(c)
}

fn source_key(line: &str, lexicon: &Lexicon) -> Option<String> {
    let key = line_key(line);
    is_source_line(lexicon.marker(&key), word_count(line)).then_some(key)
}

/// A credit line ("المصدر: ..."): a source marker followed by a few words.
fn is_source_line(marker: Option<MarkerHit>, words: usize) -> bool {
    matches!(
        marker,
        Some(MarkerHit {
            family: Family::Source,
            alone: false,
            ..
        })
    ) && words <= MAX_SOURCE_LINE_WORDS
}

fn is_new_source_line(text: &str, lexicon: &Lexicon, sources: &HashSet<String>) -> bool {
    source_key(text, lexicon).is_some_and(|key| !sources.contains(&key))
}

// ------------------------------------------------------------------ the cleaner

#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    Keep,
    Remove,
    Replace(String),
}

/// The article's lines with what the rules ask of each, computed once.
struct Lines<'a> {
    text: Vec<&'a str>,
    /// `line_key` of each line; empty for lines over `MAX_SOURCE_LINE_WORDS` words, whose
    /// key no rule reads (only their marker).
    key: Vec<String>,
    /// Word count of each line, capped at `WORD_COUNT_CAP`.
    words: Vec<usize>,
    marker: Vec<Option<MarkerHit>>,
    prose: Vec<bool>,
    /// `prose_from[i]`: some line at or after `i` is a paragraph.
    prose_from: Vec<bool>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, lexicon: &Lexicon) -> Lines<'a> {
        let lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        let words: Vec<usize> = lines.iter().map(|l| capped_word_count(l)).collect();
        let (key, marker) = lines
            .iter()
            .zip(&words)
            .map(|(line, &words)| {
                if words > MAX_SOURCE_LINE_WORDS {
                    (String::new(), lexicon.line_marker(line))
                } else {
                    let key = line_key(line);
                    let marker = lexicon.marker(&key);
                    (key, marker)
                }
            })
            .unzip();
        let prose: Vec<bool> = lines
            .iter()
            .zip(&words)
            .map(|(l, &w)| is_prose_of(l, w))
            .collect();
        let mut prose_from = vec![false; lines.len() + 1];
        for i in (0..lines.len()).rev() {
            prose_from[i] = prose[i] || prose_from[i + 1];
        }
        Lines {
            text: lines,
            key,
            words,
            marker,
            prose,
            prose_from,
        }
    }

    fn len(&self) -> usize {
        self.text.len()
    }

    fn is_blank(&self, i: usize) -> bool {
        self.text[i].trim().is_empty()
    }

    fn family(&self, i: usize) -> Option<Family> {
        self.marker[i].map(|hit| hit.family)
    }

    fn next_non_blank(&self, from: usize) -> Option<usize> {
        (from..self.len()).find(|&j| !self.is_blank(j))
    }

    fn any_prose(&self, from: usize) -> bool {
        self.prose_from.get(from).copied().unwrap_or(false)
    }

    /// End (exclusive) of the run of lines after `from` accepted by `item`, blank lines
    /// allowed in between; at most `max_items` items.
    fn run_end(&self, from: usize, max_items: usize, item: impl Fn(usize) -> bool) -> usize {
        let mut end = from;
        let mut items = 0;
        for j in from..self.len() {
            if self.is_blank(j) {
                continue;
            }
            if items == max_items || !item(j) {
                break;
            }
            items += 1;
            end = j + 1;
        }
        end
    }
}

/// Removes boilerplate from article text (see the module documentation).
pub fn clean(text: &str) -> Cleaned {
    let lexicon = lexicon();
    let lines = Lines::new(text, lexicon);
    let actions = decide(&lines, lexicon);
    assemble(text, &lines, &actions)
}

fn decide(lines: &Lines, lexicon: &Lexicon) -> Vec<Action> {
    let n = lines.len();
    let mut actions = vec![Action::Keep; n];
    let mut seen_prose = false;
    // An end-of-article sign (credit line, tags, share buttons, headline list) after the
    // body and no paragraph since: what follows a "read also" marker is not this article.
    let mut article_ended = false;
    let mut sources: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < n {
        let line = lines.text[i];
        if lines.is_blank(i) {
            i += 1;
            continue;
        }
        let key = &lines.key[i];
        let words = lines.words[i];

        // Counter lines are short; skip the pattern on paragraphs.
        let short = words <= 4;
        if short && (lexicon.counter_line.is_match(key) || lexicon.counter_line.is_match(line.trim())) {
            actions[i] = Action::Remove;
            i += 1;
            continue;
        }

        if let Some(hit) = lines.marker[i] {
            let remove_until = match hit.family {
                Family::CommentForm if !lines.prose[i] => {
                    let form_follows = lines.next_non_blank(i + 1).is_none_or(|j| {
                        matches!(
                            lines.family(j),
                            Some(Family::FormField | Family::CommentForm)
                        )
                    });
                    if form_follows || article_ended || !lines.any_prose(i + 1) {
                        Some(n)
                    } else {
                        Some(i + 1)
                    }
                }
                Family::ReadAlso
                    if words <= MAX_READ_ALSO_LINE_WORDS && (hit.alone || hit.separated || !lines.prose[i]) =>
                {
                    if article_ended || !lines.any_prose(i + 1) {
                        Some(n)
                    } else if hit.alone {
                        Some(lines.run_end(i + 1, MAX_READ_ALSO_HEADLINES, |j| {
                            lines.marker[j].is_none() && is_headline_like(lines.text[j])
                        }))
                    } else {
                        Some(i + 1)
                    }
                }
                Family::MoreList if hit.alone || hit.separated => {
                    if seen_prose {
                        article_ended = true;
                        Some(lines.run_end(i + 1, usize::MAX, |j| {
                            !lines.prose[j] && lines.marker[j].is_none()
                        }))
                    } else {
                        // At the top of a page the list cannot be told from the article's
                        // own headline lines: only the marker goes.
                        Some(i + 1)
                    }
                }
                Family::Tags if !lines.prose[i] => {
                    article_ended |= seen_prose;
                    let items_end = lines.run_end(i + 1, usize::MAX, |j| {
                        let item = lines.text[j];
                        word_count(item) <= MAX_TAG_ITEM_WORDS
                            && !has_sentence_punctuation(item)
                            && lines.marker[j].is_none()
                    });
                    // One short line under a lone marker is more likely a title than a list.
                    let items = (i + 1..items_end).filter(|&j| !lines.is_blank(j)).count();
                    Some(if hit.alone && items >= 2 {
                        items_end
                    } else {
                        i + 1
                    })
                }
                Family::Menu if hit.alone => Some(i + 1),
                _ => None,
            };
            if let Some(end) = remove_until {
                for action in &mut actions[i..end] {
                    *action = Action::Remove;
                }
                i = end;
                continue;
            }
        }

        if is_source_line(lines.marker[i], words) {
            if !sources.insert(key.clone()) {
                actions[i] = Action::Remove;
            }
            article_ended |= seen_prose;
            i += 1;
            continue;
        }

        if let Some(widget) = share_widget(line, key, words, lexicon, &sources) {
            article_ended |= seen_prose;
            actions[i] = match widget {
                Widget::WholeLine => Action::Remove,
                Widget::Keep(parts) => {
                    for part in &parts {
                        if let Some(source) = source_key(part, lexicon) {
                            sources.insert(source);
                        }
                    }
                    Action::Replace(parts.join(" "))
                }
            };
            i += 1;
            continue;
        }

        let short_label = words <= MAX_WIDGET_LINE_WORDS && !has_sentence_punctuation(line);
        if is_breadcrumb(line, lexicon)
            || is_hashtag_line(line)
            || (short_label && has_glued_words(line))
        {
            actions[i] = Action::Remove;
            i += 1;
            continue;
        }

        if lines.prose[i] {
            seen_prose = true;
            article_ended = false;
        }
        i += 1;
    }
    actions
}

/// Writes kept lines, drops the blank lines that separated removed ones, trims trailing
/// whitespace, and counts what was removed.
fn assemble(original: &str, lines: &Lines, actions: &[Action]) -> Cleaned {
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    let mut removed_chars = 0;
    let mut after_removal = false;
    for (i, action) in actions.iter().enumerate() {
        let line = lines.text[i].trim_end();
        match action {
            Action::Remove => {
                removed_chars += line.trim_start().chars().count();
                after_removal = true;
            }
            Action::Replace(kept) => {
                let before = line.trim_start().chars().count();
                removed_chars += before.saturating_sub(kept.chars().count());
                out.push(kept);
                after_removal = false;
            }
            Action::Keep if line.is_empty() => {
                let previous_blank = out.last().is_none_or(|l| l.is_empty());
                let blank_run = out.iter().rev().take_while(|l| l.is_empty()).count();
                if !(after_removal && previous_blank) && blank_run < 2 {
                    out.push(line);
                }
            }
            Action::Keep => {
                out.push(line);
                after_removal = false;
            }
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    let mut text = out.join("\n");
    if original.ends_with('\n') && !text.is_empty() {
        text.push('\n');
    }
    Cleaned {
        text,
        removed_chars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Paragraphs written for these tests (not taken from any article).
    const P1: &str = "أعلنت وزارة الخارجية الليبية، يوم الأحد، أن وفدا رسميا سيزور العاصمة المالطية فاليتا لبحث ملفات الهجرة والطاقة.";
    const P2: &str = "وقال المتحدث باسم الوزارة إن الزيارة تأتي في إطار تعزيز التعاون الثنائي، مشيرا إلى توقيع مذكرتي تفاهم في مجال التدريب.";
    const P3: &str = "ومن المنتظر أن يلتقي الوفد رئيس الحكومة المالطية ووزير الاقتصاد، قبل أن يعود إلى طرابلس نهاية الأسبوع.";
    const OTHER_HEADLINE: &str = "الجزائر وتونس تبحثان إنشاء منطقة تجارية حرة على الحدود";
    const OTHER_P1: &str = "بحث وزيرا التجارة في الجزائر وتونس، أمس، مشروع منطقة تجارية حرة مشتركة قرب المعبر الحدودي، وفق بيان رسمي.";
    const OTHER_P2: &str = "وأوضح البيان أن الجانبين اتفقا على تشكيل فريق فني يعد دراسة الجدوى خلال ثلاثة أشهر، على أن ترفع إلى الحكومتين.";

    fn cleaned(text: &str) -> String {
        clean(text).text
    }

    #[test]
    fn lexicon_rows_all_have_known_families() {
        for (family, variants) in tsv_rows(LEXICON_TSV) {
            assert!(
                Family::from_name(family).is_some() || matches!(family, "share" | "counter"),
                "unknown family {family:?}"
            );
            assert!(variants.count() > 0, "family {family:?} has an empty row");
        }
        assert!(lexicon().marker_families.len() > 100);
    }

    #[test]
    fn no_marker_belongs_to_two_families() {
        let mut seen: std::collections::HashMap<String, Family> = Default::default();
        for (name, variants) in tsv_rows(LEXICON_TSV) {
            let Some(family) = Family::from_name(name) else {
                continue;
            };
            for key in variants.map(line_key) {
                let first = *seen.entry(key.clone()).or_insert(family);
                assert_eq!(first, family, "{key:?} is in {first:?} and {family:?}");
            }
        }
    }

    #[test]
    fn plain_article_is_untouched() {
        let text = format!("عنوان الخبر عن مالطا\n\n{P1}\n\n{P2}\n\n{P3}\n");
        let result = clean(&text);
        assert_eq!(result.text, text);
        assert_eq!(result.removed_chars, 0);
    }

    #[test]
    fn read_also_after_the_end_of_article_cuts_the_appended_article() {
        let text = format!(
            "{P1}\n{P2}\nالمصدر: وكالة الأنباء\nإقرأ أيضاً:\n{OTHER_HEADLINE}\n{OTHER_P1}\n{OTHER_P2}\nالمصدر: وزارة التجارة"
        );
        assert_eq!(cleaned(&text), format!("{P1}\n{P2}\nالمصدر: وكالة الأنباء"));
    }

    #[test]
    fn read_also_in_the_middle_cuts_marker_and_headline_only() {
        let text = format!("{P1}\n\nاقرأ ايضا:\n\n{OTHER_HEADLINE}\n\n{P2}\n\n{P3}");
        assert_eq!(cleaned(&text), format!("{P1}\n\n{P2}\n\n{P3}"));
    }

    #[test]
    fn share_buttons_after_the_lead_do_not_end_the_article() {
        let text = format!("{P1}\nShare 0 Tweet 0\n{P2}\nاقرأ أيضا:\n{OTHER_HEADLINE}\n{P3}");
        assert_eq!(cleaned(&text), format!("{P1}\n{P2}\n{P3}"));
    }

    #[test]
    fn related_words_opening_a_sentence_are_not_markers() {
        let text = format!("{P1}\nذات صلة، قال مسؤول في الوزارة إن المحادثات ستتواصل الشهر المقبل في العاصمة تونس بمشاركة خبراء.\n{P2}");
        assert_eq!(cleaned(&text), text);
    }

    #[test]
    fn inline_read_also_line_is_cut_alone() {
        let text = format!("{P1}\n- شاهد أيضاً: {OTHER_HEADLINE}\n{P2}");
        let result = clean(&text);
        assert_eq!(result.text, format!("{P1}\n{P2}"));
        let expected = format!("- شاهد أيضاً: {OTHER_HEADLINE}").chars().count();
        assert_eq!(result.removed_chars, expected);
    }

    #[test]
    fn read_also_followed_by_headlines_only_cuts_to_the_end() {
        let text = format!(
            "{P1}\n{P2}\nRelated\n{OTHER_HEADLINE}\nليبيا ومصر توقعان اتفاقا للربط الكهربائي\nانطلاق معرض طرابلس الدولي بمشاركة واسعة"
        );
        assert_eq!(cleaned(&text), format!("{P1}\n{P2}"));
    }

    #[test]
    fn more_from_author_list_is_cut_up_to_the_next_paragraph() {
        let text = format!(
            "{P1}\n\nالمزيد من الأخبار\n\n{OTHER_HEADLINE}\n\nفوز كبير لفريق الأهلي في ديربي العاصمة!\n\n{P3}"
        );
        assert_eq!(cleaned(&text), format!("{P1}\n\n{P3}"));
    }

    #[test]
    fn most_read_at_the_end_then_comment_form() {
        let text = format!(
            "{P1}\n\n{P2}\n\nالأكثر قراءة\n\n{OTHER_HEADLINE}\n\nاترك تعليقاً\n\nلن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *\n\nالتعليق *\n\nالاسم *\n\nحفظ اسمي، بريدي الإلكتروني، والموقع الإلكتروني في هذا المتصفح لاستخدامها المرة المقبلة في تعليقي.\n"
        );
        assert_eq!(cleaned(&text), format!("{P1}\n\n{P2}\n"));
    }

    #[test]
    fn english_comment_form_is_cut() {
        let text = format!(
            "{P1}\nLeave a Reply\nYour email address will not be published.\nName *\nEmail *"
        );
        assert_eq!(cleaned(&text), P1);
    }

    #[test]
    fn comment_link_at_the_top_does_not_cut_the_article() {
        let text = format!("عنوان الخبر\nأضف تعليق\n{P1}\n{P2}");
        assert_eq!(cleaned(&text), format!("عنوان الخبر\n{P1}\n{P2}"));
    }

    #[test]
    fn tag_lines_are_cut() {
        let text = format!("{P1}\nكلمات دلالية: ليبيا مالطا الهجرة الطاقة\n{P2}\nTags: Libya, Malta\n#ليبيا #مالطا #الهجرة");
        assert_eq!(cleaned(&text), format!("{P1}\n{P2}"));
    }

    #[test]
    fn lone_tag_marker_takes_its_items() {
        let text = format!("{P1}\n\nالوسوم\n\nليبيا\n\nالاتحاد الأوروبي\n\nخفر السواحل\n\n{P2}");
        assert_eq!(cleaned(&text), format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn one_word_tag_marker_without_colon_is_a_normal_line() {
        let text = format!("{P1}\nالتصنيف الائتماني لليبيا\nTags and labels in trade\n{P2}");
        assert_eq!(cleaned(&text), text);
    }

    #[test]
    fn glued_tag_run_with_share_counters_is_cut_whole() {
        let text = format!(
            "{P1}\nالمصدر: بوابة الخبر\nالهجرةمالطاخفر السواحلليبيا Total 5 Shares Share 3 Tweet 2 Pin it 0المصدر: بوابة الخبر\n{P2}"
        );
        let result = clean(&text);
        assert_eq!(result.text, format!("{P1}\nالمصدر: بوابة الخبر\n{P2}"));
        assert!(result.removed_chars > 60);
    }

    #[test]
    fn share_counter_after_a_sentence_keeps_the_sentence() {
        let text = format!("{P1} Share 0 Tweet 0\n{P2}");
        assert_eq!(cleaned(&text), format!("{P1}\n{P2}"));
    }

    #[test]
    fn sentence_before_buttons_keeps_its_quotes() {
        let text = "«نرحب بالاتفاق»، قال الوزير في مؤتمر صحفي عقده مساء الأحد في العاصمة. | Share 0 | Tweet 0";
        assert_eq!(
            cleaned(text),
            "«نرحب بالاتفاق»، قال الوزير في مؤتمر صحفي عقده مساء الأحد في العاصمة."
        );
    }

    #[test]
    fn share_button_lines_are_cut() {
        let text = format!(
            "شارك\n{P1}\nتويتر فيسبوك واتساب\nShare on Facebook | Share on Twitter\nShares:\n{P2}\nشارك هذا المقالإغلاق"
        );
        assert_eq!(cleaned(&text), format!("{P1}\n{P2}"));
    }

    #[test]
    fn one_button_is_cut_only_when_it_fills_the_line() {
        let text = format!("{P1}\n12 K Tweet : 3 K\nأعلنت الوزارة مشاركة 12 شركة ليبية في المعرض الدولي للطاقة في روما الشهر المقبل.\n{P2}");
        let kept = format!("{P1}\nأعلنت الوزارة مشاركة 12 شركة ليبية في المعرض الدولي للطاقة في روما الشهر المقبل.\n{P2}");
        assert_eq!(cleaned(&text), kept);
    }

    #[test]
    fn participate_verb_is_not_a_share_button() {
        let text = format!("شارك في المنتدى أكثر من 40 رجل أعمال من البلدين، بحسب المنظمين.\nشارك 300 خبير في الورشة.\n{P1}");
        assert_eq!(cleaned(&text), text);
    }

    #[test]
    fn lone_menu_words_and_counters_are_cut() {
        let text = format!("Categories\n\nالرئيسية\n\nعنوان الخبر\n\n1.3K\n\n12 تعليق\n\n{P1}\n\nMenu\n\n{P2}\n\nبحث");
        assert_eq!(cleaned(&text), format!("عنوان الخبر\n\n{P1}\n\n{P2}"));
    }

    #[test]
    fn a_menu_word_inside_a_line_stays() {
        let text = format!("أخبار ليبيا اليوم في سطور\n{P1}");
        assert_eq!(cleaned(&text), text);
    }

    #[test]
    fn breadcrumb_is_cut() {
        for separator in [">", "»", "›", "/"] {
            let text = format!("الرئيسية {separator} أخبار {separator} ليبيا {separator} وفد إلى مالطا\n{P1}");
            assert_eq!(cleaned(&text), P1, "{separator}");
            let quoted = format!("“الرئيسية” {separator} «أخبار» {separator} ليبيا – {separator} وفد\n{P1}");
            assert_eq!(cleaned(&quoted), P1, "{separator}");
        }
    }

    #[test]
    fn quoted_names_are_not_breadcrumbs() {
        let text = format!("مجلة «الدفاع» تنشر تقرير «أفريكوم» عن ليبيا\n{P1}");
        assert_eq!(cleaned(&text), text);
    }

    #[test]
    fn duplicate_source_line_is_dropped_but_first_kept() {
        let text = format!("{P1}\nالمصدر: صحيفة المساء\nالمصدر: صحيفة المساء\n{P2}");
        assert_eq!(cleaned(&text), format!("{P1}\nالمصدر: صحيفة المساء\n{P2}"));
    }

    #[test]
    fn kept_lines_are_byte_identical_and_blank_runs_collapse() {
        let text = format!("  {P1}   \r\n\r\nMenu\r\n\r\n\r\n\r\n{P2}");
        let result = clean(&text);
        assert_eq!(result.text, format!("  {P1}\n\n{P2}"));
        assert_eq!(result.removed_chars, 4);
    }

    #[test]
    fn cleaning_is_idempotent() {
        let text = format!(
            "Categories\n\n{P1}\n\nاقرأ أيضا:\n\n{OTHER_HEADLINE}\n\n{P2}\n\nالمزيد من الكاتب\n\n{OTHER_HEADLINE}\n\nاترك تعليق\n\nلن يتم نشر عنوان بريدك الإلكتروني"
        );
        let once = cleaned(&text);
        assert_eq!(once, format!("{P1}\n\n{P2}"));
        assert_eq!(cleaned(&once), once);
    }

    #[test]
    fn odd_inputs_never_panic() {
        for text in [
            "",
            "\n",
            "\n\n\n",
            "   ",
            "اقرأ أيضا",
            "Share 0",
            "#",
            "> > >",
            "ة",
            "\r",
            "١٢ك",
        ] {
            let _ = clean(text);
        }
        assert_eq!(cleaned(""), "");
        assert_eq!(cleaned("اقرأ أيضا"), "");
    }

    #[test]
    fn fallback_pattern_compiles_and_matches_nothing() {
        let regex = never_matching();
        assert!(!regex.is_match("") && !regex.is_match("Share 0") && !regex.is_match("\n"));
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        // fold_char as it was written before its fast paths.
        let reference = |c: char| -> String {
            match c {
                '\u{0610}'..='\u{061A}'
                | '\u{064B}'..='\u{065F}'
                | '\u{0670}'
                | '\u{06D6}'..='\u{06ED}'
                | '\u{0640}' => String::new(),
                'أ' | 'إ' | 'آ' | 'ٱ' => "ا".into(),
                'ى' => "ي".into(),
                'ة' => "ه".into(),
                c if c.is_whitespace() => " ".into(),
                c => c.to_lowercase().collect(),
            }
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            let mut folded = String::new();
            fold_char(c, |f| folded.push(f));
            assert_eq!(folded, reference(c), "{c:?}");
        }
    }

    #[test]
    fn capped_word_count_counts_like_split_whitespace() {
        let count = |text: &str| text.split_whitespace().count().min(WORD_COUNT_CAP);
        for text in ["", " ", "a", " a  b\u{00A0}c\u{3000}d ", P1, &P2.repeat(3)] {
            assert_eq!(capped_word_count(text), count(text), "{text:?}");
        }
        // Every char, between letters: as a separator or as part of a word.
        let chars: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        for group in chars.chunks(8) {
            let text: String = group.iter().map(|c| format!("x{c}y ")).collect();
            assert_eq!(capped_word_count(&text), count(&text), "{group:?}");
        }
        // Long lines of spaces, letters and chars of every width, so that chunks end anywhere.
        // Mostly plain chars, and now and then one that may be a space (C2, E1..E3 leads).
        let (plain, rare): (Vec<char>, Vec<char>) = ("   \t\nابتثجح٣x.€😀".chars().collect(), "«»–\u{00A0}\u{2003}\u{3000}\u{1680}".chars().collect());
        let mut seed = 11u64;
        for _ in 0..4000 {
            let len = (seed % 160) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let r = (seed >> 33) as usize;
                    if r % 40 == 0 { rare[r / 40 % rare.len()] } else { plain[r % plain.len()] }
                })
                .collect();
            assert_eq!(capped_word_count(&text), count(&text), "{text:?}");
        }
    }

    #[test]
    fn a_line_marker_is_the_marker_of_the_line_key() {
        let lexicon = lexicon();
        let lines = [P1, P2, "اقرأ أيضا: الجزائر وتونس تبحثان إنشاء منطقة تجارية حرة على الحدود بين البلدين في العام المقبل",
            "المصدر: وكالة الأنباء الليبية", "اقرأ أيضاً عن الهجرة وخفر السواحل", "«اقرأ» أيضا", "وسوم: ليبيا، مالطا", "أقرأ المزيد من الأخبار هنا"];
        for line in lines {
            let hit = |h: Option<MarkerHit>| h.map(|h| (h.family, h.alone, h.separated));
            assert_eq!(hit(lexicon.line_marker(line)), hit(lexicon.marker(&line_key(line))), "{line}");
        }
        assert!(lines.iter().filter(|l| lexicon.line_marker(l).is_some()).count() >= 3);
    }

    #[test]
    fn markers_need_a_word_end() {
        let lexicon = lexicon();
        let hit = |line: &str| lexicon.marker(&line_key(line)).map(|h| (h.family, h.alone, h.separated));
        assert_eq!(hit("اقرأ أيضا"), Some((Family::ReadAlso, true, false)));
        assert_eq!(hit("اقرأ أيضا: عنوان"), Some((Family::ReadAlso, false, true)));
        assert_eq!(hit("اقرأ أيضاً عن الهجرة"), Some((Family::ReadAlso, false, false)));
        assert_eq!(hit("اقرأ أيضاتنا"), None);
        assert_eq!(hit("Tags and labels"), None);
        assert_eq!(hit("Tags: Libya"), Some((Family::Tags, false, true)));
    }

    #[test]
    fn counter_chars_are_found_like_is_numeric() {
        let reference = |text: &str| text.contains(|c: char| c.is_numeric() || c == ':');
        for text in ["", P1, "عدد المشاركات ٣٤", "۱۲ تعليق", "Share: now", "x²", "كلمة"] {
            assert_eq!(has_counter_char(text), reference(text), "{text:?}");
        }
        assert!(has_counter_char("وقع ٢ اتفاقيات") && !has_counter_char(P2));
        let chars: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        for group in chars.chunks(64) {
            for &c in group {
                let text = format!("ب{c}ب");
                assert_eq!(has_counter_char(&text), reference(&text), "{c:?}");
                assert_eq!(has_counter_char_by_char(&text), reference(&text), "{c:?}");
            }
        }
    }

    #[test]
    fn arabic_words_outside_share_buttons() {
        let parts = arabic_substrings(["شارك الخبر", "Share", "واتس آب"].into_iter());
        assert!(parts.contains("شارك") && parts.contains("ار") && parts.contains("آب"));
        assert!(!parts.contains("شارك الخبر") && !parts.contains("Share"));
        assert!(!has_arabic_word_outside("شارك | الخبر | واتس 12", &parts));
        assert!(!has_arabic_word_outside("Share Tweet", &parts));
        assert!(has_arabic_word_outside("شارك الوزير في المؤتمر", &parts));
    }

    #[test]
    fn first_word_needs_its_end() {
        assert_eq!(first_word("اقرا ايضا"), Some("اقرا"));
        assert_eq!(first_word("المصدر: وكاله"), Some("المصدر"));
        assert_eq!(first_word("اقرا"), None);
        assert_eq!(first_word(""), None);
    }

    #[test]
    fn line_marker_agrees_with_the_marker_of_the_full_key() {
        let lexicon = lexicon();
        let long_word = "ب".repeat(40);
        let lines = [
            P1.to_string(),
            format!("لن يتم نشر عنوان بريدك الإلكتروني. {P2}"),
            format!("- إقرأ أيضاً: {OTHER_HEADLINE} {P3}"),
            format!("المزيد من الأخبار: {P1}"),
            format!("{long_word} {P2}"),
            format!("«{long_word}» اقرأ أيضا {P3}"),
            format!("ـــ ... {P3}"),
            String::new(),
        ];
        let hit = |m: Option<MarkerHit>| m.map(|h| (h.family, h.alone, h.separated));
        for line in &lines {
            let expected = hit(lexicon.marker(&line_key(line)));
            assert_eq!(hit(lexicon.line_marker(line)), expected, "{line:?}");
        }
        assert_eq!(hit(lexicon.line_marker(&lines[2])), Some((Family::ReadAlso, false, true)));
        assert_eq!(hit(lexicon.line_marker(&lines[0])), None);
    }

    #[test]
    fn folding_matches_spelling_variants() {
        assert_eq!(line_key("- إقْرَأ أيْضـاً :"), "اقرا ايضا");
        assert_eq!(line_key("ذاتُ صِلة"), "ذات صله");
    }
}
