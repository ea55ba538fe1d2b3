//! Datelines and page timestamps: the date and place an article was filed under, which date
//! and involve no event.

use super::actors::ActorMention;
use super::dates::DateMatch;
use super::registry::REGISTRY;
use crate::model::{Actor, ActorRef};
use crate::text::normalize::{is_any_digit, normalize_str};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// A date standing on a short line near the top is the article's dateline, not an event's date.
pub fn is_dateline(text: &str, d: &DateMatch) -> bool {
    // A dateline states its date in digits ("طرابلس 9 يونيو 2025"، "تونس - 8 - 4"); a short
    // line dated by a weekday or "أمس" is a headline or a sentence ("زار وفد تركي طرابلس أمس").
    if !d.text.chars().any(is_any_digit) {
        return false;
    }
    // A line whose start is out of reach is long: no dateline, no timestamp.
    let Some((line_start, line_no)) = line_of(text, d.start) else { return false };
    let line_end = line_end_near(text, d.end);
    let after: String = text[d.end..].chars().take_while(|&c| c != '\n').take(30).collect();
    // The line is measured only near the top: most dates stand further down.
    let near_top = line_no < 4 && {
        let short = line_end.is_some_and(|end| text[line_start..end].chars().count() - d.text.chars().count() <= 30);
        // "... 2025-05-11 موسكو: ..." — a date opening the first paragraphs, then a place and a colon.
        let before = text[line_start..d.start].chars().count();
        // ... or a wire dateline: "تونس - 8 - 4 (وات) --", "بنغازي، 3 مايو 2025 (وال) –".
        let wire = after.trim_start().starts_with('(') || [" - ", " – ", " — ", " -- "].iter().any(|dash| after.contains(dash));
        short || (before <= 12 && (after.contains(':') || wire))
    };
    near_top || line_end.is_some_and(|end| is_timestamp_line(&text[line_start..d.start], &text[d.end..end]))
}

/// A line holding only a date and perhaps a clock time ("2026-02-12 4:40 صباحًا") is a page
/// timestamp wherever it stands.
fn is_timestamp_line(before: &str, after: &str) -> bool {
    let clock_word = |w: &str| matches!(normalize_str(w).as_str(), "صباحا" | "مساء" | "مساءا" | "ص" | "م" | "am" | "pm" | "gmt");
    [before, after].iter().all(|part| {
        part.split_whitespace().all(|w| w.chars().all(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ":.,|/-–".contains(c)) || clock_word(w))
    })
}

/// The place a wire dateline opens with ("تونس - 8 - 4 (وات) --", "بنغازي، 3 مايو (وال) –",
/// "روما/طرابلس (رويترز) -") is where the story was filed, not a party to what it reports.
pub fn is_dateline_place(text: &str, m: &ActorMention) -> bool {
    // Cheap tests first: this runs for every mention.
    let opens_line = text[..m.start].chars().rev().take_while(|&c| c != '\n').all(|c| c.is_whitespace() || c == '/' || is_separator(c));
    if !opens_line {
        return false;
    }
    let after: String = text[m.end..].chars().take(25).collect();
    let separated = after.trim_start().starts_with(['-', '–', '—', '،', ',', '/', '(']);
    let line_no = line_of(text, m.start).map_or(4, |(_, n)| n);
    separated && line_no < 4 && after.chars().any(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c) || c == '(')
}

/// How far datelines look for a line's ends: their lines are short, and a bounded look keeps a
/// paragraph of thousands of dates linear.
const LINE_REACH: usize = 512;

/// Start of the line holding byte `at`, and its number counted from 0, up to 4 (only the first
/// lines matter here); None when the start is more than `LINE_REACH` bytes back.
fn line_of(text: &str, at: usize) -> Option<(usize, usize)> {
    let reach = text.floor_char_boundary(at.saturating_sub(LINE_REACH));
    let line_start = match text[reach..at].rfind('\n') {
        Some(i) => reach + i + 1,
        None if reach == 0 => 0,
        None => return None,
    };
    Some((line_start, text[..line_start].matches('\n').take(4).count()))
}

/// End of the line holding byte `at`, if within `LINE_REACH` bytes.
fn line_end_near(text: &str, at: usize) -> Option<usize> {
    let reach = text.ceil_char_boundary((at + LINE_REACH).min(text.len()));
    match text[at..reach].find('\n') {
        Some(i) => Some(at + i),
        None => (reach == text.len()).then_some(reach),
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '،' | ',')
}


/// Capitals that share their country's name, by that name: "تونس" of "تونس العاصمة",
/// "الكويت" of "مدينة الكويت" (the registry's city forms).
static CAPITALS_BY_COUNTRY_NAME: LazyLock<HashMap<String, &'static Actor>> = LazyLock::new(|| {
    let reg = &*REGISTRY;
    let (patterns, entries) = reg.gazetteer.forms();
    let mut capitals = HashMap::default();
    for (form, &entry) in patterns.iter().zip(entries) {
        let actor = &*reg.actors[reg.gazetteer.entries[entry].actor];
        let bare = form.strip_suffix(" العاصمه").or_else(|| form.strip_prefix("مدينه "));
        if let (Some(bare), "city") = (bare, actor.actor_type) {
            capitals.insert(bare.to_string(), actor);
        }
    }
    capitals
});

/// A wire dateline files a story under a city: "تونس - 8 - 4 (وات)" is Tunis, not Tunisia.
/// Other mentions come back as they are.
pub fn dateline_city(text: &str, m: ActorMention) -> ActorMention {
    if m.actor.actor_type != "country" || !is_dateline_place(text, &m) {
        return m;
    }
    match CAPITALS_BY_COUNTRY_NAME.get(&normalize_str(&text[m.start..m.end])) {
        Some(&city) if city.country == m.actor.country => ActorMention { actor: ActorRef::Registry(city), ..m },
        _ => m,
    }
}
