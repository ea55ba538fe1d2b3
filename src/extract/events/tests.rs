//! Events of whole made-up articles: dates, parties, history.

use crate::extract::extract;
use crate::model::Document;

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
