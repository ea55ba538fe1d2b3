//! Events of whole made-up articles: dates, parties, history.

use crate::extract::extract;
use crate::model::Document;

/// A made-up article published on `published`.
fn article(text: &str, published: &str) -> Document {
    Document::made_up(text, published)
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
        "background the sentence recalls does not inherit the previous sentence's date",
        "عاد وزير الصحة الليبي يوم الأحد إلى طرابلس. وكانت ليبيا ومالطا قد وقعتا اتفاقية للتعاون في مجال الصحة.",
        "2025-06-10",
        &[("agreement", None)],
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

#[test]
fn codes_follow_the_spec() {
    use super::EventType;
    assert_eq!(EventType::Visit.codes(), ("visit", "042", "CONSULT"));
    assert_eq!(EventType::Sanction.codes(), ("sanction", "163", "SANCTION"));
}

#[test]
fn parties_come_from_the_clause_that_states_the_act() {
    let cases = [
        // A state named in a later clause (a report verb, a connective) is no party.
        ("التقى وزير الخارجية الليبي نظيره التركي، وأكد أن إيطاليا شريك مهم.", vec!["LBY", "TUR"]),
        ("وقعت ليبيا وتركيا اتفاقية للتعاون العسكري، فيما أعلنت فرنسا دعمها للحوار.", vec!["LBY", "TUR"]),
        // A state that is only the topic is no party.
        ("التقى وزير الخارجية الليبي السفير التركي وبحثا الأوضاع في السودان.", vec!["LBY", "TUR"]),
        // Names and lists with commas stay one clause.
        ("استقبل وزير الخارجية الليبي، الطاهر الباعور، سفيري إيطاليا، وفرنسا.", vec!["FRA", "ITA", "LBY"]),
    ];
    for (text, want) in cases {
        let want: Vec<String> = want.into_iter().map(String::from).collect();
        assert_eq!(parties_of(text, "2025-06-10"), vec![want], "{text}");
    }
}

const PHRASES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/phrases/events.tsv"));

/// An event as the phrase corpus writes it: type, parties ("ITA,LBY"), date at its precision
/// ("2025-06", empty when unknown) and precision.
type PhraseEvent = (String, String, String, String);

fn as_phrase_event(e: &crate::model::Event) -> PhraseEvent {
    let date = e.event_date.map(|d| match e.date_precision {
        "month" => d.format("%Y-%m").to_string(),
        "year" => d.format("%Y").to_string(),
        _ => d.to_string(),
    });
    (e.event_type.to_string(), e.countries.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(","), date.unwrap_or_default(), e.date_precision.to_string())
}

/// Every phrase of tests/phrases/events.tsv gives exactly its rows' events (type, parties,
/// date, precision); a phrase whose row says "none" gives no event at all.
#[test]
fn phrase_corpus() {
    check_phrases(PHRASES, true);
}

/// The drafted phrases not yet reviewed: `cargo test candidate_phrases -- --ignored` lists
/// where today's rules and the drafts disagree.
#[test]
#[ignore]
fn candidate_phrases() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/phrases/events_candidates.tsv")).unwrap();
    check_phrases(&text, false);
}

fn check_phrases(corpus: &str, guard: bool) {
    let t = crate::extract::lexicon::Tsv::parse(corpus);
    let mut expected: Vec<((&str, &str), Vec<PhraseEvent>)> = Vec::new();
    for r in &t.rows {
        let (Some(phrase), Some(published), Some(event_type)) = (t.get(r, "phrase"), t.get(r, "published"), t.get(r, "type")) else { continue };
        let at = match expected.iter().position(|(k, _)| *k == (phrase, published)) {
            Some(at) => at,
            None => {
                expected.push(((phrase, published), Vec::new()));
                expected.len() - 1
            }
        };
        if event_type != "none" {
            let field = |name| t.get(r, name).unwrap_or("").to_string();
            expected[at].1.push((event_type.to_string(), field("countries"), field("date"), field("precision")));
        }
    }
    // A guard against a truncated file (the events issue asks for 200 phrases, 60 of them "none").
    let negatives = expected.iter().filter(|(_, e)| e.is_empty()).count();
    assert!(!guard || expected.len() >= 200 && negatives >= 60, "{} phrases with events, {negatives} without", expected.len() - negatives);
    let mut failures = Vec::new();
    for ((phrase, published), mut want) in expected.iter().cloned() {
        let mut got: Vec<PhraseEvent> = extract(&article(phrase, published)).events.iter().map(as_phrase_event).collect();
        got.sort();
        want.sort();
        if got != want {
            failures.push(format!("{phrase}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} phrases fail:\n{}", failures.len(), expected.len(), failures.join("\n"));
}

#[test]
fn a_two_word_adjective_after_a_head_is_read_without_panic() {
    // The adjective's second word once sliced the text before its hit began.
    let ex = extract(&article("بدأت اليوم شركة كورية جنوبية تنفيذ مشروع لإعادة تأهيل شبكة الطرق في مصراتة.", "2025-06-10"));
    assert!(ex.mentions.iter().any(|m| &*m.actor_id == "country/KOR"), "{:?}", ex.mentions.iter().map(|m| &*m.actor_id).collect::<Vec<_>>());
}

/// (article, expected (actor1_id, actor2_id, summary_en) of its one event).
const SIDE_CASES: &[(&str, (&str, &str, &str))] = &[
    (
        "استقبل رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة في طرابلس اليوم وزير الخارجية المالطي، وبحث الجانبان ملفات الهجرة.",
        ("person/abdul-hamid-dbeibah", "country/MLT", "Abdul Hamid Dbeibah (GNU, LBY) met Malta, 2025-06-10, day"),
    ),
    (
        "وقعت المؤسسة الوطنية للنفط عقدا مع شركة إيني الإيطالية يوم الأحد",
        ("org/lby-noc", "org/ita-eni", "National Oil Corporation (LBY) took an economic step with Eni (ITA), 2025-06-08, day"),
    ),
    ("وصل وزير الداخلية الإيطالي إلى طرابلس أمس في زيارة رسمية", ("country/ITA", "country/LBY", "Italy visited Tripoli (LBY), 2025-06-09, day")),
    ("بحث وزير الخارجية المصري مع نظيره الليبي في القاهرة الأربعاء التعاون الأمني.", ("country/EGY", "country/LBY", "Egypt met Libya, 2025-06-04, day")),
    ("تسلمت القوات البحرية الليبية زورقين من إيطاليا الأسبوع الماضي.", ("org/lby-navy", "country/ITA", "Libyan Navy (LBY) moved arms or military equipment with Italy, 2025-06, month")),
    ("التقى رئيس مجلس النواب عقيلة صالح بالسفير الروسي.", ("person/aguila-saleh", "country/RUS", "Aguila Saleh (HoR, LBY) met Russia, date unknown")),
];

#[test]
fn sides_and_summaries() {
    for (text, (actor1, actor2, summary)) in SIDE_CASES {
        let events = extract(&article(text, "2025-06-10")).events;
        assert_eq!(events.len(), 1, "{text}: {events:?}");
        let e = &events[0];
        let got = (e.actor1_id.as_deref().unwrap_or(""), e.actor2_id.as_deref().unwrap_or(""), e.summary_en.as_str());
        assert_eq!(got, (*actor1, *actor2, *summary), "{text}");
    }
}

const PLACE_PHRASES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/phrases/event_places.tsv"));

/// Every row of tests/phrases/event_places.tsv: its phrase gives an event of its type, and
/// that event's location is the row's (none when the row leaves it empty).
#[test]
fn place_phrase_corpus() {
    let t = crate::extract::lexicon::Tsv::parse(PLACE_PHRASES);
    let mut failures = Vec::new();
    for r in &t.rows {
        let (Some(phrase), Some(event_type)) = (t.get(r, "phrase"), t.get(r, "type")) else { continue };
        let want = t.get(r, "location").filter(|l| !l.is_empty());
        let events = extract(&article(phrase, "2025-06-10")).events;
        let got: Vec<Option<&str>> = events.iter().filter(|e| e.event_type == event_type).map(|e| e.location_id.as_deref()).collect();
        if got != [want] {
            failures.push(format!("{phrase}\n    {event_type}: want {want:?}, got {got:?}"));
        }
    }
    assert!(t.rows.len() >= 10, "{} rows", t.rows.len());
    assert!(failures.is_empty(), "{} of {} place phrases fail:\n{}", failures.len(), t.rows.len(), failures.join("\n"));
}

#[test]
fn a_cited_outlet_is_no_actor_of_the_event() {
    let events = extract(&article("التقى رئيس المجلس الرئاسي السفير الروسي في طرابلس، بحسب وكالة نوفا الإيطالية.", "2025-06-10")).events;
    assert_eq!(events.len(), 1, "{events:?}");
    let actors: Vec<&str> = events[0].actor_ids.iter().map(|a| &**a).collect();
    assert_eq!(actors, ["org/lby-presidential-council"]);
}
