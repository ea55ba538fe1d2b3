//! Which date an event takes: rules over the words around a date and its trigger, in the
//! sentence and the one before it. The cases they decide are in `extract::tests`.

use super::dates::DateMatch;
use crate::text::words::is_word_char;
use crate::text::normalize::normalize_str;
use chrono::{Datelike, NaiveDate};

/// Does the date `d` date the trigger at `trigger_at`, among the sentence's triggers
/// (`triggers`, original byte offsets)? A date belongs to the triggers it stands next to:
/// another trigger between them takes it. A date inside a relative clause ("المذكرات الموقعة
/// في مارس", `in_relative_clause` of the sentence before it) dates only the trigger it follows.
pub fn governs(in_relative_clause: bool, d: &DateMatch, trigger_at: usize, triggers: &[usize]) -> bool {
    if in_relative_clause {
        return triggers.iter().copied().filter(|&p| p < d.start).max() == Some(trigger_at);
    }
    let (lo, hi) = if d.start < trigger_at { (d.end, trigger_at) } else { (trigger_at, d.start) };
    !triggers.iter().any(|&p| p > lo && p < hi && p != trigger_at)
}

/// Does the date that follows `before` open inside a relative clause: "التي/الذي ..." a few words
/// back, or a definite participle right before its preposition ("الموقعة في", "المبرمة خلال")?
pub fn in_relative_clause(before: &str) -> bool {
    let words = last_words(before, 4);
    let relative_pronoun = words.iter().take(3).any(|w| matches!(w.as_str(), "التي" | "الذي" | "اللذين" | "اللتين" | "اللذان" | "اللتان"));
    let participle = words.iter().skip_while(|w| matches!(w.as_str(), "في" | "خلال" | "يوم" | "منذ" | "مطلع" | "اواخر" | "اوايل" | "شهر")).next()
        .is_some_and(|w| w.starts_with("الم") && w.chars().count() >= 6);
    relative_pronoun || participle
}

/// Does a trigger after `before` stand as the frame of another act ("خلال زيارة", "على هامش")?
pub fn is_frame(before: &str) -> bool {
    let words = last_words(before, 2);
    match words.as_slice() {
        [w, ..] if matches!(w.as_str(), "خلال" | "ضمن" | "اثناء" | "بمناسبه" | "هامش") => true,
        [_, w2] => matches!(w2.as_str(), "خلال" | "ضمن" | "اثناء"),
        _ => false,
    }
}

/// The last `n` words of `text`, normalized, nearest first.
fn last_words(text: &str, n: usize) -> Vec<String> {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).rev().take(n).map(normalize_str).collect()
}

/// An occurrence two or more years before publication is history the article recalls
/// ("العقوبات المفروضة منذ عام 2011"), not news it reports.
pub fn is_recalled_history(published: Option<NaiveDate>, date: Option<NaiveDate>) -> bool {
    matches!((published, date), (Some(p), Some(d)) if p.year() - d.year() >= 2)
}
