//! Extractors: dates, numbers and figures, actors, events and sectors. `extract` runs them
//! on one document and turns their byte spans into dataset records with code-point offsets.

pub mod actors;
pub mod datelines;
pub mod dates;
pub mod event_dates;
pub mod events;
pub mod figures;
pub mod gazetteer;
pub mod lexicon;
pub mod lexicon_pass;
pub mod numbers;
pub mod registry;
pub mod sectors;

use crate::model::{short_hash, Document, Event, Excerpt, Extraction, Figure, Mention, Sector, SharedStr};
use crate::text::{normalize, sentences, CharIndex, QUOTATION_MARKS};
use actors::ActorMention;
use std::collections::{BTreeMap, BTreeSet};

/// A document-level sector needs this many mentions, unless it appears where an event is stated
/// or is named once as a field of cooperation ("التعاون في مجال الصحة").
const SECTOR_MIN_MENTIONS: usize = 3;
const LIBYA: &str = "LBY";

/// Everything one document yields.
pub fn extract(doc: &Document) -> Extraction {
    let text: &str = &doc.text;
    let excerpt = |start: usize, end: usize| Excerpt::new(&doc.text, start, end);
    let norm = normalize(text);
    let chars = CharIndex::new(text);
    let (date_tokens, words) = dates::tokens_and_words(&norm.text);
    let hits = lexicon_pass::match_all(&norm.text, words);
    let found: Vec<ActorMention> = actors::find_actors_in(text, &norm, &hits.words, hits.actors).into_iter().map(|m| datelines::dateline_city(text, m)).collect();
    let date_matches: Vec<dates::DateMatch> = dates::find_dates_in(text, &norm, date_tokens, doc.published_date).into_iter().filter(|d| !datelines::is_dateline(text, d)).collect();
    let mut ex = Extraction::default();
    let doc_id: std::sync::Arc<str> = doc.doc_id.as_str().into();
    let mut actor_seen = rustc_hash::FxHashSet::default();
    ex.mentions.reserve_exact(found.len());

    for m in &found {
        let (char_start, char_end) = chars.chars(m.start, m.end);
        ex.mentions.push(Mention {
            doc_id: doc_id.clone(),
            actor_id: m.actor.id(),
            mention_text: excerpt(m.start, m.end),
            role_text: m.role_text.clone(),
            char_start,
            char_end,
        });
        if actor_seen.insert(&*m.actor.actor_id) {
            ex.actors.push(m.actor.clone());
        }
    }

    // Cited outlets (وكالة نوفا الإيطالية، موقع “ميدل إيست آي” البريطاني: the outlet and the
    // adjective after it) and the dateline's city are not parties to anything.
    let outlet_adjectives: BTreeSet<(usize, usize)> = found
        .windows(2)
        .filter(|w| w[0].actor.org_kind.as_deref() == Some("media") && w[1].actor.actor_type == "country")
        .filter(|w| text.get(w[0].end..w[1].start).is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || QUOTATION_MARKS.contains(c))))
        .map(|w| (w[1].start, w[1].end))
        .collect();
    let is_party = |m: &ActorMention| {
        m.actor.org_kind.as_deref() != Some("media") && !outlet_adjectives.contains(&(m.start, m.end)) && !datelines::is_dateline_place(text, m)
    };
    let doc_countries = country_counts(found.iter().filter(|m| is_party(m)));
    let main_partner = doc_countries.iter().filter(|(c, _)| **c != LIBYA).max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c))).map(|(c, _)| *c);
    // The corpus is Libya's foreign relations: an event in a document that names any state is
    // read as having a Libyan side.
    let about_libya = !doc_countries.is_empty();

    let mut sector_count: BTreeMap<&'static str, (usize, bool, usize, usize)> = BTreeMap::new(); // count, framed once, first start, first end
    let mut sectors_in_events: BTreeSet<&'static str> = BTreeSet::new();
    let mut seen_figures: BTreeMap<(String, String, String), usize> = BTreeMap::new(); // key -> index in ex.figures
    let mut events: Vec<(Event, Vec<(usize, usize, &'static str)>)> = Vec::new();

    let mut previous_sentence_start = 0;
    let mut claimed_before: Vec<usize> = Vec::new();
    for (s, e) in sentences(text) {
        let sentence = &text[s..e];
        // The sentence's part of the normalized document, and its lexicon hits.
        let (ns, ne) = (norm.normalized_offset(s), norm.normalized_offset(e));
        let snorm = &norm.text[ns..ne];
        let original = |a: usize, b: usize| {
            let (oa, ob) = norm.original_range(ns + a, ns + b);
            (oa, ob.min(e))
        };
        // Dates and mentions are sorted by start: slice out this sentence's (no quadratic scans).
        let first = date_matches.partition_point(|d| d.start < s);
        let dates_here: Vec<&dates::DateMatch> = date_matches[first..].iter().take_while(|d| d.start < e).filter(|d| d.end <= e).collect();

        // Sectors named in this sentence.
        // A sector word inside a person's name is the name (السايح is a surname, not a tourist).
        let first_mention = found.partition_point(|m| m.start < s);
        let persons_here: Vec<(usize, usize)> = found[first_mention..].iter().take_while(|m| m.start < e).filter(|m| m.actor.actor_type == "person").map(|m| (m.start, m.end)).collect();
        let mut sector_hits: Vec<(usize, usize, &'static str)> = Vec::new();
        for word in sectors::sectors_in(snorm, lexicon_pass::within(&hits.sectors, ns, ne)) {
            let (a, b) = original(word.start, word.end);
            if persons_here.iter().any(|&(ps, pe)| a < pe && ps < b) {
                continue;
            }
            let entry = sector_count.entry(word.sector).or_insert((0, false, a, b));
            entry.0 += 1;
            entry.1 |= word.framed;
            sector_hits.push((a, b, word.sector));
        }

        let start_hits = lexicon_pass::any_within(&hits.figure_starts, ns, ne);
        let sentence_dates = figures::SentenceDates::new(dates_here.iter().copied(), s);
        let figures_here = if figures::may_have_figures(sentence, snorm, &sentence_dates.exclude, start_hits) { figures::find_figures(sentence, &sentence_dates) } else { Vec::new() };
        let triggers = lexicon_pass::within(&hits.triggers, ns, ne);
        // Cues only cancel triggers: most sentences have none to cancel.
        let fired_all = if triggers.is_empty() { Vec::new() } else { events::fire_with(snorm, triggers, lexicon_pass::within(&hits.cues, ns, ne)) };
        let previous_start = std::mem::replace(&mut previous_sentence_start, s);
        if figures_here.is_empty() && fired_all.is_empty() {
            // Most sentences: nothing below applies to them.
            claimed_before = Vec::new();
            continue;
        }
        let first = found.partition_point(|m| m.start < s);
        let in_sentence: Vec<&ActorMention> = found[first..].iter().take_while(|m| m.start < e).collect();
        let parties: Vec<&ActorMention> = in_sentence.iter().copied().filter(|m| is_party(m)).collect();
        // A sorted set as a vector: a few codes, cloned per event.
        let mut sentence_countries: Vec<&str> = parties.iter().filter_map(|m| m.actor.country.as_deref()).collect();
        sentence_countries.sort_unstable();
        sentence_countries.dedup();

        // Figures.
        for f in figures_here {
            let key = (f.kind.as_str().to_string(), format!("{:.6e}", f.value), f.unit.clone());
            if let Some(&kept) = seen_figures.get(&key) {
                // A repeated figure (headline, lead, body) is one record, with the year that
                // any of its mentions states.
                let record = &mut ex.figures[kept];
                record.year = record.year.or(f.year);
                continue;
            }
            seen_figures.insert(key, ex.figures.len());
            let (char_start, char_end) = chars.chars(s + f.start, s + f.end);
            ex.figures.push(Figure {
                figure_id: short_hash(&[&doc.doc_id, "figure", &char_start.to_string()]),
                doc_id: doc_id.clone(),
                kind: f.kind.as_str(),
                metric: f.metric.clone(),
                value: f.value,
                unit: Some(f.unit.clone()),
                year: f.year,
                countries: sentence_countries.iter().map(|c| registry::country_code(c)).collect(),
                text: f.text.clone(),
                sentence: excerpt(s, e),
                char_start,
                char_end,
            });
        }

        // Events.
        let trigger_positions: Vec<usize> = fired_all.iter().map(|f| original(f.start, f.end).0).collect();
        // Read once per date, not once per date and trigger.
        let in_relative_clause: Vec<bool> = dates_here.iter().map(|d| event_dates::in_relative_clause(&text[s..d.start])).collect();
        let claimed_here: Vec<usize> = dates_here.iter().map(|d| d.start).collect();
        for fired in &fired_all {
            let trigger_at = original(fired.start, fired.end).0;
            let governs = |k: usize, d: &dates::DateMatch| event_dates::governs(in_relative_clause[k], d, trigger_at, &trigger_positions);
            let mut countries = sentence_countries.clone();
            if countries.len() > 3 {
                // Keep Libya and the partner named nearest the trigger.
                let nearest = parties
                    .iter()
                    .filter_map(|m| m.actor.country.as_deref().map(|c| (c, m.start.abs_diff(trigger_at))))
                    .filter(|(c, _)| *c != LIBYA)
                    .min_by_key(|(_, d)| *d)
                    .map(|(c, _)| c);
                countries.retain(|c| *c == LIBYA || Some(*c) == nearest);
            }
            if about_libya {
                insert_sorted(&mut countries, LIBYA);
            }
            if countries == [LIBYA] {
                if let Some(p) = main_partner {
                    insert_sorted(&mut countries, p);
                }
            }
            // The sentence's own date; else the last one in the sentence before it that no
            // event there took.
            let date = dates_here.iter().copied().enumerate().filter(|&(k, d)| governs(k, d)).map(|(_, d)| d).min_by_key(|d| (d.date.is_none(), d.start.abs_diff(trigger_at))).or_else(|| {
                let from = date_matches.partition_point(|d| d.start < previous_start);
                let to = date_matches.partition_point(|d| d.start < s);
                // A visit named as the frame of what came before ("... خلال زيارة") shares its date.
                let frames_before = fired.event == events::EventType::Visit && event_dates::is_frame(&text[s..trigger_at]);
                date_matches[from..to.max(from)].iter().rev().find(|d| d.end <= s && d.date.is_some() && (frames_before || !claimed_before.contains(&d.start)))
            });
            if event_dates::is_recalled_history(doc.published_date, date.and_then(|d| d.date)) {
                continue;
            }
            let location = in_sentence.iter().find(|m| matches!(m.actor.actor_type, "city" | "facility" | "region")).map(|m| m.actor.id());
            let mut actor_ids: Vec<SharedStr> = in_sentence.iter().filter(|m| matches!(m.actor.actor_type, "person" | "organization")).map(|m| m.actor.id()).collect();
            actor_ids.sort_unstable();
            actor_ids.dedup();
            let (event_type, cameo_code, plover_type) = fired.event.codes();
            let (char_start, char_end) = chars.chars(s, e);
            let mut sectors: Vec<&'static str> = sector_hits.iter().map(|h| h.2).collect();
            sectors.sort_unstable();
            sectors.dedup();
            for h in &sector_hits {
                sectors_in_events.insert(h.2);
            }
            // Id and evidence are filled in only if this is no repeat of an earlier event.
            let event = Event {
                event_id: "".into(),
                doc_id: doc_id.clone(),
                event_type,
                cameo_code,
                plover_type,
                event_date: date.and_then(|d| d.date),
                date_precision: date.map(|d| d.precision.as_str()).unwrap_or("unknown"),
                date_text: date.map(|d| excerpt(d.start, d.end)),
                countries: countries.into_iter().map(registry::country_code).collect(),
                location_id: location,
                actor_ids,
                sectors,
                sentence: excerpt(s, e),
                char_start,
                char_end,
            };
            if let Some(new) = merge_event(&mut events, event, sector_hits.clone()) {
                new.event_id = short_hash(&[&doc.doc_id, event_type, &char_start.to_string()]).into();
            }
        }
        // Dates this sentence's events govern: the next sentence does not inherit them.
        claimed_before = if fired_all.is_empty() { Vec::new() } else { claimed_here };
    }
    fold_meetings_into_visits(&mut events);

    for (event, hits) in events {
        for (a, b, sector) in hits {
            let (cs, ce) = chars.chars(a, b);
            if !ex.sectors.iter().any(|x| x.event_id.as_deref() == Some(&*event.event_id) && x.sector == sector) {
                ex.sectors.push(Sector { doc_id: doc_id.clone(), sector, event_id: Some(event.event_id.clone()), text: Some(excerpt(a, b)), char_start: Some(cs), char_end: Some(ce) });
            }
        }
        ex.events.push(event);
    }
    for (sector, (count, framed, a, b)) in sector_count {
        if count >= SECTOR_MIN_MENTIONS || framed || sectors_in_events.contains(sector) {
            let (cs, ce) = chars.chars(a, b);
            ex.sectors.push(Sector { doc_id: doc_id.clone(), sector, event_id: None, text: Some(excerpt(a, b)), char_start: Some(cs), char_end: Some(ce) });
        }
    }
    ex
}

/// Adds `x` to the sorted set `set` unless it is there.
fn insert_sorted<'a>(set: &mut Vec<&'a str>, x: &'a str) {
    if let Err(at) = set.binary_search(&x) {
        set.insert(at, x);
    }
}

/// ISO3 codes of the actors mentioned, with how often.
fn country_counts<'a>(mentions: impl Iterator<Item = &'a ActorMention>) -> BTreeMap<&'a str, usize> {
    let mut counts = BTreeMap::new();
    for m in mentions {
        if let Some(c) = m.actor.country.as_deref() {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    counts
}

/// Repeated mentions of one occurrence merge: same type and parties, and no two different
/// known dates. Returns the event if it is a new one.
fn merge_event<'a>(events: &'a mut Vec<(Event, Vec<(usize, usize, &'static str)>)>, event: Event, hits: Vec<(usize, usize, &'static str)>) -> Option<&'a mut Event> {
    for (existing, existing_hits) in events.iter_mut() {
        if existing.event_type != event.event_type || existing.countries != event.countries {
            continue;
        }
        let dates_differ = existing.event_date.is_some() && event.event_date.is_some() && existing.event_date != event.event_date;
        if dates_differ {
            continue;
        }
        if existing.event_date.is_none() && event.event_date.is_some() {
            existing.event_date = event.event_date;
            existing.date_precision = event.date_precision;
            existing.date_text = event.date_text.clone();
        }
        for id in event.actor_ids {
            if !existing.actor_ids.contains(&id) {
                existing.actor_ids.push(id);
            }
        }
        existing.actor_ids.sort_unstable();
        if existing.location_id.is_none() {
            existing.location_id = event.location_id;
        }
        for s in event.sectors {
            if !existing.sectors.contains(&s) {
                existing.sectors.push(s);
            }
        }
        existing.sectors.sort_unstable();
        existing_hits.extend(hits);
        return None;
    }
    events.push((event, hits));
    events.last_mut().map(|(e, _)| e)
}

/// Meetings held during a visit are the visit (unless dated differently).
fn fold_meetings_into_visits(events: &mut Vec<(Event, Vec<(usize, usize, &'static str)>)>) {
    let visits: Vec<(Vec<SharedStr>, Option<chrono::NaiveDate>)> =
        events.iter().filter(|(e, _)| e.event_type == "visit").map(|(e, _)| (e.countries.clone(), e.event_date)).collect();
    events.retain(|(e, _)| {
        e.event_type != "meeting" || !visits.iter().any(|(c, d)| *c == e.countries && (e.event_date.is_none() || *d == e.event_date))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up article published on `published`.
    fn article(text: &str, published: &str) -> Document {
        Document {
            doc_id: "t".into(),
            source: "test".into(),
            source_id: None,
            url: None,
            outlet: None,
            title: None,
            published_date: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            published_date_source: "metadata",
            language: Some("ar".into()),
            n_chars: text.chars().count() as i32,
            text: text.into(),
            boilerplate_chars: 0,
        }
    }

    /// Its events as (type, date, precision).
    fn dated_events(text: &str, published: &str) -> Vec<(&'static str, Option<String>, &'static str)> {
        extract(&article(text, published)).events.into_iter().map(|e| (e.event_type, e.event_date.map(|d| d.to_string()), e.date_precision)).collect()
    }

    fn date_of(events: &[(&'static str, Option<String>, &'static str)], event_type: &str) -> Option<String> {
        events.iter().find(|e| e.0 == event_type).and_then(|e| e.1.clone())
    }

    /// (what the case shows, article, published, [(event type, expected date)]).
    const EVENT_DATE_CASES: &[(&str, &str, &str, &[(&str, Option<&str>)])] = &[
        (
            "a date in a relative clause dates only its noun",
            "وصل وفد تونسي إلى طرابلس، وبحث الجانبان تفعيل الاتفاقية الموقعة في مارس الماضي وافتتاح القنصلية التونسية في بنغازي.",
            "2025-06-10",
            &[("agreement", Some("2025-03-01")), ("diplomatic_mission", None)],
        ),
        (
            "a date an event took is not inherited by the next sentence",
            "أعلنت اليونان تعيين سفير جديد لدى ليبيا بعد إعادة فتح سفارتها في طرابلس خلال يناير الماضي. وجرى الإعلان خلال لقاء جمع السفير بوزير الخارجية الليبي في أثينا.",
            "2025-06-10",
            &[("diplomatic_mission", Some("2025-01-01")), ("meeting", None)],
        ),
        (
            "a visit framing the previous act shares its date",
            "وقعت ليبيا ومالطا يوم الأحد اتفاقية للتعاون في مجال الصحة. وتم توقيع الاتفاقية خلال زيارة رئيس الوزراء المالطي إلى طرابلس.",
            "2025-06-10",
            &[("agreement", Some("2025-06-08")), ("visit", Some("2025-06-08"))],
        ),
    ];

    #[test]
    fn events_take_the_date_that_governs_them() {
        for (case, text, published, expected) in EVENT_DATE_CASES {
            let ev = dated_events(text, published);
            for (event_type, date) in *expected {
                assert_eq!(date_of(&ev, event_type).as_deref(), *date, "{case}: {event_type} in {ev:?}");
            }
        }
    }

    fn parties_of(text: &str, published: &str) -> Vec<Vec<String>> {
        extract(&article(text, published)).events.into_iter().map(|e| e.countries.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn the_dateline_city_is_not_a_party() {
        let parties = parties_of("القاهرة - 3 - 2 (أ ش أ) -- رحبت ليبيا اليوم بقرار مجلس الأمن رفع العقوبات عن الأصول المجمدة.", "2025-02-03");
        assert_eq!(parties, vec![vec!["LBY".to_string()]]);
    }

    #[test]
    fn a_dateline_files_under_the_capital_not_the_country() {
        let ex = extract(&article("الكويت - 8 - 4 (كونا) -- استقبل وزير الخارجية وفدا ليبيا.\nوقال الوزير إن الكويت تدعم الحوار.", "2025-04-08"));
        let ids: Vec<&str> = ex.mentions.iter().map(|m| &*m.actor_id).collect();
        assert_eq!(ids.first(), Some(&"city/kuwait-city"), "{ids:?}");
        assert!(ids[1..].contains(&"country/KWT"), "the country named in the text stays one: {ids:?}");
    }

    #[test]
    fn a_cited_outlet_and_its_country_are_not_parties() {
        for text in [
            "ونقلت وكالة “نوفا” الإيطالية أن وفدا بيلاروسيا زار بنغازي.",
            "وذكر موقع «ميدل إيست آي» البريطاني أن وفدا بيلاروسيا زار بنغازي.",
        ] {
            assert_eq!(parties_of(text, "2025-02-03"), vec![vec!["BLR".to_string(), "LBY".to_string()]], "{text}");
        }
    }

    #[test]
    fn history_the_article_recalls_is_not_an_event() {
        let ev = dated_events("وكانت إيطاليا قد وقعت مع ليبيا اتفاقية للتعاون في مجال الطاقة عام 2008. ووقع البلدان اليوم مذكرة تفاهم جديدة.", "2025-06-10");
        assert_eq!(ev.iter().filter(|e| e.0 == "agreement").count(), 1, "{ev:?}");
        assert_eq!(date_of(&ev, "agreement").as_deref(), Some("2025-06-10"), "{ev:?}");
    }

    #[test]
    fn page_timestamps_and_wire_datelines_date_nothing() {
        let ev = dated_events("أخبار ليبيا\n\nالرئيسية\n\nمحليات\n\n2025-06-11 10:15 صباحًا\n\nالجزائر تفتتح قنصلية جديدة في مصراتة", "2025-06-11");
        assert_eq!(date_of(&ev, "diplomatic_mission"), None, "{ev:?}");
        let ev = dated_events("طرابلس، 9 يونيو 2025 (وال) – التقى وزير الخارجية الليبي، الأحد، السفير الإيطالي في طرابلس.", "2025-06-09");
        assert_eq!(date_of(&ev, "meeting").as_deref(), Some("2025-06-08"), "{ev:?}");
    }
}
