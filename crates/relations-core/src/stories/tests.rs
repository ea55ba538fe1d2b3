//! Whole runs of made-up reports: which become one story, and what the story says.

use super::*;
use crate::model::{Excerpt, SharedStr};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Ids as the pipeline makes them (`short_hash`), from a readable name.
fn id(name: &str) -> String {
    short_hash(&[name])
}

fn doc(name: &str, outlet: &str, published: Option<&str>) -> Document {
    Document {
        doc_id: id(name),
        source: format!("{name}.txt"),
        source_id: None,
        url: None,
        outlet: Some(outlet.into()),
        title: None,
        published_date: published.map(day),
        published_date_source: "metadata",
        language: Some("ar".into()),
        text: "".into(),
        n_chars: 0,
        boilerplate_chars: 0,
        decode_errors: 0,
    }
}

/// Event `n` of `doc` (named "<doc>-e<n>"): type, parties, date and precision, place, participants.
fn event(doc: &Document, n: usize, kind: &'static str, countries: &[&'static str], date: Option<(&str, &'static str)>, place: Option<&'static str>, actors: &[&'static str]) -> Event {
    let text: Arc<str> = "".into();
    Event {
        event_id: id(&format!("{}-e{n}", doc.source.trim_end_matches(".txt"))).into(),
        doc_id: doc.doc_id.as_str().into(),
        event_type: kind,
        cameo_code: "",
        plover_type: "",
        event_date: date.map(|(d, _)| day(d)),
        date_precision: date.map_or("unknown", |(_, p)| p),
        date_text: None,
        countries: countries.iter().map(|c| SharedStr::Static(c)).collect(),
        location_id: place.map(SharedStr::Static),
        actor_ids: actors.iter().map(|a| SharedStr::Static(a)).collect(),
        actor1_id: None,
        actor1_country: None,
        actor2_id: None,
        actor2_country: None,
        summary_en: String::new(),
        sectors: vec![],
        sentence: Excerpt::new(&text, 0, 0),
        char_start: 0,
        char_end: 0,
    }
}

/// The stories of these documents, added in this order, as (event name → story id) and rows.
fn link(docs: &[(Document, Vec<Event>)]) -> (Vec<(String, String)>, Vec<Story>) {
    let mut index = StoryIndex::default();
    for (d, evs) in docs {
        index.add(d, evs);
    }
    let ids: Vec<String> = docs
        .iter()
        .flat_map(|(d, evs)| (0..evs.len()).map(move |n| format!("{}-e{n}", d.source.trim_end_matches(".txt"))))
        .collect();
    let stories = index.link();
    let mut pairs: Vec<(String, String)> = ids.into_iter().enumerate().map(|(i, e)| (e, stories.story_id_of(i))).collect();
    pairs.sort();
    (pairs, stories.rows(0..stories.len()))
}

fn visit_reports() -> Vec<(Document, Vec<Event>)> {
    let a = doc("a1", "Outlet A", Some("2025-07-02"));
    let b = doc("b2", "Outlet B", Some("2025-07-16"));
    let c = doc("c3", "Outlet C", None);
    let d = doc("d4", "Outlet A", Some("2025-09-20"));
    let ea = vec![event(&a, 0, "visit", &["BLR", "LBY"], None, Some("city/minsk"), &["person/osama-hammad"])];
    let eb = vec![
        event(&b, 0, "visit", &["BLR", "LBY"], Some(("2025-07-01", "month")), Some("city/minsk"), &["person/osama-hammad", "org/lby-hor-government"]),
        event(&b, 1, "agreement", &["BLR", "LBY"], Some(("2025-07-03", "day")), Some("city/minsk"), &[]),
    ];
    let ec = vec![event(&c, 0, "agreement", &["BLR", "LBY"], Some(("2025-07-03", "day")), None, &[])];
    // Another visit of the same parties, two months on: its own story.
    let ed = vec![event(&d, 0, "visit", &["BLR", "LBY"], Some(("2025-09-18", "day")), Some("city/benghazi"), &["person/osama-hammad"])];
    vec![(a, ea), (b, eb), (c, ec), (d, ed)]
}

#[test]
fn reports_of_one_visit_are_one_story_and_a_later_visit_another() {
    let (pairs, rows) = link(&visit_reports());
    let story = |e: &str| pairs.iter().find(|(x, _)| x == e).unwrap().1.clone();
    assert_eq!(story("a1-e0"), story("b2-e0"));
    assert_eq!(story("b2-e1"), story("c3-e0"));
    assert_ne!(story("a1-e0"), story("d4-e0"));
    assert_ne!(story("a1-e0"), story("b2-e1"));
    assert_eq!(rows.len(), 3);

    let visit = rows.iter().find(|r| r.story_id == story("a1-e0")).unwrap();
    assert_eq!(visit.event_type, "visit");
    assert_eq!(visit.countries, vec!["BLR", "LBY"]);
    assert_eq!((visit.event_date, visit.date_precision), (Some(day("2025-07-01")), "month"));
    assert_eq!(visit.location_id.as_deref(), Some("city/minsk"));
    assert_eq!(visit.actor_ids, vec!["org/lby-hor-government", "person/osama-hammad"]);
    assert_eq!((visit.n_events, visit.n_documents, visit.n_outlets), (2, 2, 2));
    assert_eq!(visit.outlets, vec!["Outlet A", "Outlet B"]);
    assert_eq!((visit.first_published, visit.last_published), (Some(day("2025-07-02")), Some(day("2025-07-16"))));
    assert_eq!(visit.event_ids, vec![id("a1-e0"), id("b2-e0")]);
    let mut docs = vec![id("a1"), id("b2")];
    docs.sort();
    assert_eq!(visit.doc_ids, docs);
    // The id comes from the earliest report.
    assert_eq!(visit.story_id, short_hash(&["story", &id("a1-e0")]));

    let signing = rows.iter().find(|r| r.story_id == story("c3-e0")).unwrap();
    assert_eq!((signing.event_date, signing.date_precision, signing.n_outlets), (Some(day("2025-07-03")), "day", 2));
    assert_eq!((signing.first_published, signing.last_published), (Some(day("2025-07-16")), Some(day("2025-07-16"))));
}

#[test]
fn input_order_does_not_change_the_stories() {
    let reports = visit_reports();
    let (pairs, rows) = link(&reports);
    let mut reversed = reports.clone();
    reversed.reverse();
    let (pairs_reversed, rows_reversed) = link(&reversed);
    assert_eq!(pairs, pairs_reversed);
    assert_eq!(rows, rows_reversed);
    assert!(rows.windows(2).all(|w| w[0].story_id < w[1].story_id), "rows in id order");
}

#[test]
fn a_later_report_keeps_the_story_id_and_an_earlier_one_takes_it() {
    let reports = visit_reports();
    let (before, _) = link(&reports);
    let mut more = reports.clone();
    let late = doc("e5", "Outlet E", Some("2025-07-20"));
    let late_events = vec![event(&late, 0, "visit", &["BLR", "LBY"], Some(("2025-07-01", "month")), None, &["person/osama-hammad"])];
    more.push((late, late_events));
    let (after, _) = link(&more);
    let story = |p: &[(String, String)], e: &str| p.iter().find(|(x, _)| x == e).unwrap().1.clone();
    assert_eq!(story(&before, "a1-e0"), story(&after, "a1-e0"));
    assert_eq!(story(&after, "e5-e0"), story(&after, "a1-e0"));

    let early = doc("z0", "Outlet Z", Some("2025-07-01"));
    let early_events = vec![event(&early, 0, "visit", &["BLR", "LBY"], None, Some("city/minsk"), &[])];
    more.push((early, early_events));
    let (earliest_first, _) = link(&more);
    assert_eq!(story(&earliest_first, "a1-e0"), short_hash(&["story", &id("z0-e0")]));
}

#[test]
fn every_event_has_a_story_and_singletons_are_stories() {
    let lone = doc("x9", "Outlet X", None);
    let events = vec![event(&lone, 0, "aid", &["LBY", "TUR"], None, None, &[])];
    let (pairs, rows) = link(&[(lone, events)]);
    assert_eq!(pairs.len(), 1);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].n_events, rows[0].n_documents, rows[0].date_precision), (1, 1, "unknown"));
}

fn story_of<'a>(pairs: &'a [(String, String)], event: &str) -> &'a str {
    &pairs.iter().find(|(e, _)| e == event).unwrap().1
}

#[test]
fn two_events_of_one_document_are_two_stories() {
    let a = doc("a1", "Outlet A", Some("2025-07-02"));
    let b = doc("b2", "Outlet B", Some("2025-07-03"));
    let ea = vec![
        event(&a, 0, "visit", &["BLR", "LBY"], None, Some("city/minsk"), &["person/osama-hammad"]),
        event(&a, 1, "visit", &["BLR", "LBY"], None, Some("city/minsk"), &["person/osama-hammad"]),
    ];
    let eb = vec![event(&b, 0, "visit", &["BLR", "LBY"], None, Some("city/minsk"), &["person/osama-hammad"])];
    let (pairs, rows) = link(&[(a, ea), (b, eb)]);
    assert_ne!(story_of(&pairs, "a1-e0"), story_of(&pairs, "a1-e1"));
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.n_documents == r.n_events));
}

/// Three reports of one visit; each document also reports a signing, and says nothing that
/// ties it to the others' but the visit.
fn vouched_signings(with_early_signing: bool) -> Vec<(Document, Vec<Event>)> {
    let a = doc("a1", "Outlet A", Some("2025-07-02"));
    let b = doc("b2", "Outlet B", Some("2025-07-16"));
    let c = doc("c3", "Outlet C", None);
    let visit = |d: &Document, date| event(d, 0, "visit", &["BLR", "LBY"], date, Some("city/minsk"), &["person/osama-hammad"]);
    let mut ea = vec![visit(&a, None)];
    if with_early_signing {
        ea.push(event(&a, 1, "agreement", &["BLR", "LBY"], None, None, &[]));
    }
    let eb = vec![visit(&b, Some(("2025-07-01", "month"))), event(&b, 1, "agreement", &["BLR", "LBY"], Some(("2025-07-03", "day")), None, &[])];
    let ec = vec![visit(&c, None), event(&c, 1, "agreement", &["BLR", "LBY"], None, None, &[])];
    vec![(a, ea), (b, eb), (c, ec)]
}

#[test]
fn a_document_that_reports_the_same_visit_vouches_for_its_one_signing() {
    let (pairs, _) = link(&vouched_signings(false));
    assert_eq!(story_of(&pairs, "a1-e0"), story_of(&pairs, "b2-e0"));
    assert_eq!(story_of(&pairs, "b2-e0"), story_of(&pairs, "c3-e0"));
    assert_eq!(story_of(&pairs, "c3-e1"), story_of(&pairs, "b2-e1"));
}

#[test]
fn a_vouch_between_two_signings_it_cannot_tell_apart_links_neither() {
    let (pairs, rows) = link(&vouched_signings(true));
    assert_eq!(story_of(&pairs, "a1-e0"), story_of(&pairs, "c3-e0"));
    // c3's signing could be a1's (published before b2's signing day, so not b2's) or b2's.
    for (x, y) in [("a1-e1", "b2-e1"), ("a1-e1", "c3-e1"), ("b2-e1", "c3-e1")] {
        assert_ne!(story_of(&pairs, x), story_of(&pairs, y), "{x} and {y}");
    }
    assert_eq!(rows.len(), 4);
}

/// The stories of `docs` linked block by block, as an engine links them: one index per block
/// (type and parties), the vouching pairs of all blocks collected, then each block linked with
/// them. Returns the same as `link`.
fn link_by_blocks(docs: &[(Document, Vec<Event>)]) -> (Vec<(String, String)>, Vec<Story>) {
    let block_of = |e: &Event| (e.event_type, e.countries.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    let mut blocks: Vec<(&'static str, Vec<String>)> = docs.iter().flat_map(|(_, evs)| evs.iter().map(block_of)).collect();
    blocks.sort();
    blocks.dedup();
    let index_of = |block: &(&'static str, Vec<String>)| -> (StoryIndex, Vec<String>) {
        let mut index = StoryIndex::default();
        let mut names = Vec::new();
        for (d, evs) in docs {
            let mine: Vec<Event> = evs.iter().filter(|e| &block_of(e) == block).cloned().collect();
            names.extend(evs.iter().enumerate().filter(|(_, e)| &block_of(e) == block).map(|(n, _)| format!("{}-e{n}", d.source.trim_end_matches(".txt"))));
            index.add(d, &mine);
        }
        (index, names)
    };
    let mut partners: FxHashMap<u64, Vec<u64>> = FxHashMap::default();
    for block in &blocks {
        for (d, p) in index_of(block).0.vouching_pairs() {
            partners.entry(d).or_default().push(p);
        }
    }
    let (mut pairs, mut rows) = (Vec::new(), Vec::new());
    for block in &blocks {
        let (index, names) = index_of(block);
        let stories = index.link_block(&partners);
        pairs.extend(names.into_iter().enumerate().map(|(i, e)| (e, stories.story_id_of(i))));
        rows.extend(stories.rows(0..stories.len()));
    }
    pairs.sort();
    rows.sort_by(|a, b| a.story_id.cmp(&b.story_id));
    (pairs, rows)
}

#[test]
fn linking_block_by_block_with_the_vouching_pairs_gives_the_runs_stories() {
    for docs in [visit_reports(), vouched_signings(false), vouched_signings(true)] {
        let whole = link(&docs);
        assert_eq!(link_by_blocks(&docs), whole);
        assert!(whole.1.len() >= 2);
    }
    // Without the pairs of the other blocks, the visit no longer vouches for the signing.
    let docs = vouched_signings(false);
    let blocks_alone: Vec<(Document, Vec<Event>)> = docs.iter().map(|(d, evs)| (d.clone(), evs.iter().filter(|e| e.event_type == "agreement").cloned().collect())).collect();
    let (alone, _) = link(&blocks_alone);
    // (`link` names the events by their place in these lists: each signing is "-e0" here.)
    assert_ne!(story_of(&alone, "c3-e0"), story_of(&alone, "b2-e0"));
}
