//! Figures read from their neighbours: counted nouns in the dual with no number, the lower
//! ends of ranges, and figures compared with an earlier one whose unit is left unsaid.

use super::{extend_quantity, overlaps, FigureKind, Found, NounForm, Qualifier, UNITS};
use crate::extract::numbers::{self, Doc, Phrase, TokKind};

/// Counted nouns in the dual with no number before them: "طائرتين", "حقلي غاز", "موقعي تدريب".
/// Every dual form ends in ن (ان، ين), ي or ا (construct).
const DUAL_ENDINGS: [char; 3] = ['ن', 'ي', 'ا'];

pub(super) fn dual_figures(doc: &Doc, phrases: &[Phrase], found: &[Found], exclude: &[(usize, usize)]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // tokens already in a figure or in / right after a number
    let mut taken = vec![false; doc.tokens.len() + 1];
    for (first, end) in found.iter().map(|f| (f.first, f.end)).chain(phrases.iter().map(|p| (p.first, p.end + 1))) {
        let len = taken.len();
        taken[first.min(len)..end.min(len)].fill(true);
    }
    let mut i = 0;
    while i < doc.tokens.len() {
        let candidate = !taken[i] && doc.tokens[i].kind == TokKind::Word && doc.text(i).ends_with(DUAL_ENDINGS);
        if !candidate {
            i += 1;
            continue;
        }
        let word = doc.text(i);
        let hit = numbers::clitic_variants(word).find_map(|variant| {
            let (end, unit) = UNITS.match_head(doc, i, variant)?;
            let ok = match unit.form {
                NounForm::Dual => true,
                NounForm::DualConstruct => end > i + 1,
                NounForm::Plain => false,
            };
            ok.then(|| (end, unit, word.chars().count() - variant.chars().count()))
        });
        let Some((end, unit, clitic_chars)) = hit else {
            i += 1;
            continue;
        };
        let (start, stop) = doc.span(i, end);
        if overlaps(exclude, start, stop) {
            i += 1;
            continue;
        }
        let f = Found {
            first: i,
            end,
            number_first: i,
            clitic_chars,
            kind: FigureKind::Quantity,
            value: 2.0,
            unit: unit.unit,
            unit_suffix: "",
            currency_by_context: false,
            metric: unit.metric,
            qualifier: Qualifier::Exact,
        };
        let f = extend_quantity(doc, f);
        i = f.end;
        out.push(f);
    }
    out
}

/// A figure made of the number phrase `p` (with `value`), of the kind, unit and metric of the
/// figure `like` it: a range's lower end, a compared figure.
fn figure_like(like: &Found, p: &Phrase, value: f64) -> Found {
    Found { first: p.first, end: p.end, number_first: p.first, clitic_chars: p.clitic_chars, value, ..*like }
}

/// The lower end of a range: "ما بين 100 و1500 جندي", "بين 2 و3 مليارات دولار", "من 20 إلى 30
/// مليون يورو", "5 إلى 6 مليارات", "3-4 ملايين". The bare number before و / إلى / حتى / a dash
/// is a figure of the same kind and unit as the figure that closes the range, and takes its
/// scale word when it has none ("2" of "2 و3 مليارات" is 2 billion). Each lower end comes with
/// the index in `found` of its upper end.
pub(super) fn range_lower_ends(doc: &Doc, phrases: &[Phrase], found: &[Found], exclude: &[(usize, usize)]) -> Vec<(Found, usize)> {
    // Normalized: "إلى" is "الي", "حتى" is "حتي".
    const JOINERS: [&str; 4] = ["و", "الي", "حتي", "-"];
    const OPENERS: [&str; 3] = ["بين", "من", "مابين"];
    let mut out = Vec::new();
    for (upper_at, upper) in found.iter().enumerate() {
        let Some(joiner) = upper.number_first.checked_sub(1).filter(|&k| JOINERS.contains(&doc.text(k))) else { continue };
        let Some(lower) = phrases.iter().find(|p| p.end == joiner) else { continue };
        // "بين"/"من" open a range joined by و; a number right before إلى or a dash and the
        // figure after it is one without them ("نحو 5 إلى 6 مليارات", "3-4 ملايين").
        let opened = lower.first.checked_sub(1).is_some_and(|k| numbers::word_cores(doc.text(k)).any(|c| OPENERS.contains(&c))) || matches!(doc.text(joiner), "الي" | "-");
        let (start, end) = doc.span(lower.first, lower.end);
        if !opened || overlaps(exclude, start, end) || found.iter().any(|f| f.first < lower.end && lower.first < f.end) {
            continue;
        }
        let Some(upper_phrase) = phrases.iter().find(|p| p.first == upper.number_first) else { continue };
        let value = if lower.scaled || !upper_phrase.scaled { lower.value } else { lower.value * scale_of(doc, upper_phrase) };
        out.push((Found { qualifier: Qualifier::Range, ..figure_like(upper, lower, value) }, upper_at));
    }
    out
}

/// A figure compared with an earlier one of the sentence, its unit left unsaid: "3 مليارات
/// دولار في 2023، مقابل 2.1 مليار في 2022", "800 مليون دولار بعد أن كانت 600 مليونا",
/// "700 ألف برميل يوميا مقارنة بـ1.2 مليون", or joined to it by و a few words on ("50 مليون
/// دولار في 2023 و70 مليونا في 2024"). Only a number with a scale word counts, so that a year
/// or a bare count after the cue stays none.
pub(super) fn compared_figures(doc: &Doc, phrases: &[Phrase], found: &[Found], exclude: &[(usize, usize)]) -> Vec<Found> {
    // Normalized cue words: مقابل، مقارنة (بـ)، كان/كانت (بعد أن كانت).
    const CUES: [&str; 4] = ["مقابل", "مقارنه", "كان", "كانت"];
    const CUE_WINDOW: usize = 3;
    const JOIN_WINDOW: usize = 4;
    let mut out: Vec<Found> = Vec::new();
    for p in phrases.iter().filter(|p| p.scaled) {
        let (start, end) = doc.span(p.first, p.end);
        if overlaps(exclude, start, end) || found.iter().chain(&out).any(|f| f.first < p.end && p.first < f.end) {
            continue;
        }
        let cued = (p.first.saturating_sub(CUE_WINDOW)..p.first).any(|k| numbers::word_cores(doc.text(k)).any(|c| CUES.contains(&c)));
        // The figure compared with: the nearest one before, money or a quantity with its unit.
        let Some(base) = found.iter().filter(|f| f.end <= p.first && f.kind != FigureKind::Percent && !f.unit.is_empty()).max_by_key(|f| f.end) else { continue };
        let joined = (p.first.checked_sub(1).is_some_and(|k| doc.text(k) == "و") || (p.clitic_chars > 0 && doc.text(p.first).starts_with('و'))) && p.first - base.end <= JOIN_WINDOW;
        if cued || joined {
            out.push(figure_like(base, p, p.value));
        }
    }
    out
}

/// The scale word's factor in a scaled number phrase ("3 مليارات" -> 1e9): its value over the
/// value of the number before the scale word.
pub(super) fn scale_of(doc: &Doc, phrase: &Phrase) -> f64 {
    let (start, end) = doc.span(phrase.first, phrase.end - 1);
    let head = Doc::new(&doc.src[start..end]).phrases().first().map_or(0.0, |p| p.value);
    if head > 0.0 { phrase.value / head } else { 1.0 }
}
