//! The year a figure refers to: four-digit years and relative year expressions of the
//! sentence, the one right after a figure or before it, shared over a list of figures.

use super::Found;
use crate::extract::numbers::{self, Doc, Phrase, TokKind};

/// Token index and value of every year written as four digits (not "منذ 2011", not a count),
/// and of the relative year expressions of the sentence (`SentenceDates::relative_years`).
pub(super) fn year_mentions(doc: &Doc, phrases: &[Phrase], found: &[Found], relative_years: &[(usize, i32)]) -> Vec<(usize, i32)> {
    let mut years: Vec<(usize, i32)> = phrases
        .iter()
        .filter(|p| !p.scaled && p.end == p.first + 1 && doc.tokens[p.first].kind == TokKind::Number)
        .filter(|p| doc.text(p.first).len() == 4 && (1900.0..=2100.0).contains(&p.value))
        .filter(|p| !found.iter().any(|f| (f.first..f.end).contains(&p.first)))
        .filter(|p| !(p.first.saturating_sub(2)..p.first).any(|k| numbers::word_cores(doc.text(k)).any(|c| c == "منذ")))
        .filter(|p| !(p.first.saturating_sub(3)..p.first).any(|k| is_copyright(doc.text(k))))
        // "مقارنة بعام 2022", "مقابل 2023": the year compared with is not the figure's.
        .filter(|p| !(p.first.saturating_sub(3)..p.first).any(|k| numbers::word_cores(doc.text(k)).any(|c| c == "مقارنه" || c == "مقابل")))
        .map(|p| (p.first, p.value as i32))
        .collect();
    // "بين 2021 و2024", "عامي 2023 و2024": a span of years is no one year.
    let in_span: Vec<bool> = years.iter().map(|&(t, _)| years.iter().any(|&(u, _)| u != t && u.abs_diff(t) <= 2)).collect();
    let mut in_span = in_span.into_iter();
    years.retain(|_| !in_span.next().unwrap_or(false));
    for &(byte, year) in relative_years {
        let token = (0..doc.tokens.len()).find(|&k| doc.span(k, k + 1).0 >= byte);
        if let Some(token) = token.filter(|t| !found.iter().any(|f| (f.first..f.end).contains(t))) {
            years.push((token, year));
        }
    }
    years.sort_unstable();
    years
}

/// "Copyright Thomson Reuters 2023", "© 2024", "جميع الحقوق محفوظة 2025": the year of the page, not a figure's.
pub(super) fn is_copyright(token: &str) -> bool {
    token.eq_ignore_ascii_case("copyright") || token.contains('©') || numbers::word_cores(token).any(|c| c == "محفوظه" || c == "محفوظة")
}

/// A year written right after the figure ("... في عام 2023"), else the nearest year before it in
/// the sentence, else one a few words after it; never past the next figure. The flag says the
/// year came after the figure. A year after a comma belongs to the next clause ("600 مليون
/// يورو، ومن المقرر أن ينتهي في 2027"), not to the figure.
pub(super) fn year_for(doc: &Doc, f: &Found, next_first: usize, years: &[(usize, i32)]) -> (Option<i32>, bool) {
    const NEAR_AFTER: usize = 3;
    const FAR_AFTER: usize = 8;
    let figure_end = doc.span(f.first, f.end).1;
    let same_clause = |tok: usize| doc.tokens.get(tok).is_none_or(|t| !doc.src.get(figure_end..t.start).is_some_and(|gap| gap.contains('،') || gap.contains(", ")));
    let after = |window: usize| years.iter().find(|(tok, _)| *tok >= f.end && *tok < next_first && tok - f.end < window && same_clause(*tok));
    if let Some((_, year)) = after(NEAR_AFTER) {
        return (Some(*year), true);
    }
    if let Some((_, year)) = years.iter().rev().find(|(tok, _)| *tok < f.number_first) {
        return (Some(*year), false);
    }
    (after(FAR_AFTER).map(|(_, year)| *year), true)
}

/// A year stated once after a list of figures is each one's: "بلغت الصادرات 2 مليار دولار
/// والواردات 1.5 مليار دولار في 2023". A figure without a year takes the year after the next
/// figure when at most a few words, one of them joined by و, lie between the two.
pub(super) fn share_list_years(doc: &Doc, found: &[Found], years: &mut [(Option<i32>, bool)]) {
    const GAP: usize = 3;
    for idx in (0..found.len().saturating_sub(1)).rev() {
        let (f, next) = (&found[idx], &found[idx + 1]);
        let (next_year, after_next) = years[idx + 1];
        let joined = next.first >= f.end && next.first - f.end <= GAP && (f.end..=next.first).any(|k| doc.text(k).starts_with('و'));
        if years[idx].0.is_none() && after_next && joined {
            years[idx] = (next_year, true);
        }
    }
}
