//! The real articles in ../shared (skipped with a message when absent): seeds, and the scorer's
//! thresholds on the 26 gold-annotated articles.

use crate::common::*;

pub fn seeds_documents_dates_and_boilerplate() {
    let Some(shared) = shared() else { return };
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("out");
    assert_eq!(export(&["--input", shared.join("corpus/seeds").to_str().unwrap()], &root), 0);
    let docs = table(&root, "documents");
    assert_eq!(docs.height(), 5);
    let sources = str_col(&docs, "source");
    let texts = str_col(&docs, "text");
    let dates: Vec<Option<String>> = docs.column("published_date").unwrap().cast(&polars::prelude::DataType::String).unwrap().str().unwrap().iter().map(|s| s.map(str::to_string)).collect();
    let row = |prefix: &str| sources.iter().position(|s| s.as_deref().is_some_and(|s| s.starts_with(prefix))).expect(prefix);
    assert_eq!(dates[row("000_")], None);
    assert_eq!(dates[row("001_")], None);
    assert_eq!(dates[row("002_")].as_deref(), Some("2025-04-28"));
    assert_eq!(dates[row("003_")].as_deref(), Some("2025-12-03"));
    assert_eq!(dates[row("004_")].as_deref(), Some("2025-05-26"));
    let t004 = texts[row("004_")].clone().unwrap();
    assert!(!t004.contains("بولات") && !t004.contains("Total 0 Shares"), "the Turkey article after إقرأ أيضاً is cut");
    assert!(t004.contains("مينسك"), "the article body stays");
    crate::examples::assert_offsets_slice(&root);
    let t002 = texts[row("002_")].clone().unwrap();
    assert!(!t002.contains("المزيد من الكاتب"), "the headline list is cut");
    english_columns_are_filled(&root);
}

/// The columns a reader without Arabic relies on, on the real seeds: who acted on whom and an
/// English summary per event, an English role per titled mention, ASCII ids and English names
/// for actors outside the registry, coordinates for registry cities, a figure's qualifier and
/// status.
fn english_columns_are_filled(root: &std::path::Path) {
    let events = table(root, "events");
    let summaries = str_col(&events, "summary_en");
    assert!(events.height() >= 10, "the seeds state events");
    assert!(summaries.iter().all(|s| s.as_deref().is_some_and(|s| !s.is_empty() && s.is_ascii())), "{summaries:?}");
    let initiators = str_col(&events, "actor1_id").iter().filter(|a| a.is_some()).count();
    let counterparts = str_col(&events, "actor2_id").iter().filter(|a| a.is_some()).count();
    assert!(initiators * 4 >= events.height() * 3 && counterparts * 2 >= events.height(), "{initiators} and {counterparts} of {}", events.height());
    let mentions = table(root, "mentions");
    let roles: Vec<(Option<String>, Option<String>)> = str_col(&mentions, "role_text").into_iter().zip(str_col(&mentions, "role_en")).filter(|(ar, _)| ar.is_some()).collect();
    assert!(!roles.is_empty() && roles.iter().all(|(_, en)| en.as_deref().is_some_and(|en| !en.is_empty() && en.is_ascii())), "{roles:?}");
    let actors = table(root, "actors");
    assert!(str_col(&actors, "actor_id").iter().all(|id| id.as_deref().is_some_and(str::is_ascii)));
    let in_registry: Vec<Option<bool>> = actors.column("in_registry").unwrap().bool().unwrap().iter().collect();
    let names = str_col(&actors, "name_en");
    let outside: Vec<&Option<String>> = names.iter().zip(&in_registry).filter(|(_, r)| **r == Some(false)).map(|(n, _)| n).collect();
    assert!(!outside.is_empty() && outside.iter().all(|n| n.as_deref().is_some_and(|n| !n.is_empty() && n.is_ascii())), "{outside:?}");
    let types = str_col(&actors, "actor_type");
    let latitudes: Vec<Option<f64>> = actors.column("latitude").unwrap().cast(&polars::prelude::DataType::Float64).unwrap().f64().unwrap().iter().collect();
    let cities: Vec<Option<f64>> = types.iter().zip(&in_registry).zip(&latitudes).filter(|((t, r), _)| t.as_deref() == Some("city") && **r == Some(true)).map(|(_, l)| *l).collect();
    assert!(!cities.is_empty() && cities.iter().all(Option::is_some), "{cities:?}");
    let figures = table(root, "figures");
    assert!(figures.height() > 0);
    assert!(str_col(&figures, "qualifier").iter().all(|q| matches!(q.as_deref(), Some("exact" | "about" | "more_than" | "less_than" | "at_least" | "range"))));
    assert!(str_col(&figures, "status").iter().all(|q| matches!(q.as_deref(), Some("actual" | "target" | "forecast"))));
}

/// Runs ../shared/eval/score.py on a version built from the 26 annotated articles.
fn score(shared: &std::path::Path, inputs: &[std::path::PathBuf], extra: &[&str]) -> serde_json::Value {
    score_against(shared, inputs, &["seeds", "dev"], extra)
}

/// The same against the gold of these sets (`seeds`, `dev`, `check`).
fn score_against(shared: &std::path::Path, inputs: &[std::path::PathBuf], gold: &[&str], extra: &[&str]) -> serde_json::Value {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("out");
    let mut args: Vec<String> = vec!["--format".into(), "csv".into(), "--input".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let code = export(&args.iter().map(String::as_str).collect::<Vec<_>>(), &root);
    assert_eq!(code, 0);
    let json = work.path().join("score.json");
    let out = std::process::Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg("--dataset")
        .arg(&root)
        .arg("--gold")
        .args(gold.iter().map(|g| shared.join(format!("gold/{g}.gold.jsonl"))))
        .arg("--json")
        .arg(&json)
        .args(extra)
        .output()
        .expect("python3 runs the scorer");
    println!("{}", String::from_utf8_lossy(&out.stdout));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap()
}

fn assert_at_least(scores: &serde_json::Value, metric: &str, field: &str, bar: f64) {
    let got = scores[metric][field].as_f64().unwrap_or(0.0);
    assert!(got >= bar, "{metric} {field} = {got:.3}, below {bar}");
}

pub fn gold_scores_meet_the_bars() {
    let Some(shared) = shared() else { return };
    let inputs = [shared.join("corpus/seeds.jsonl"), shared.join("corpus/dev.jsonl")];
    let s = score(&shared, &inputs, &[]);
    assert_eq!(s["documents_missing"].as_array().map(|a| a.len()), Some(0));
    // Actors (issue 3)
    assert_at_least(&s, "persons", "f1", 0.85);
    assert_at_least(&s, "organizations", "f1", 0.70);
    assert_at_least(&s, "countries", "f1", 0.95);
    assert_at_least(&s, "places", "f1", 0.85);
    // Figures (issue 4)
    assert_at_least(&s, "figures", "f1", 0.85);
    assert_at_least(&s, "figure_years", "acc", 0.85);
    // Events and sectors (issue 5)
    assert_at_least(&s, "events", "f1", 0.70);
    assert_at_least(&s, "sectors", "f1", 0.75);
    // 0.85 until plans stopped being events (issue 18): two dev gold events are scheduled ones
    // (a handover ceremony three days after publication, a fair "المزمع تنظيمها"), and they now
    // match through their other mentions, undated. On the check set dates rose with the rule.
    assert_at_least(&s, "event_dates", "acc", 0.82);
}

pub fn publication_dates_read_from_the_text() {
    let Some(shared) = shared() else { return };
    // The same articles without their `published` field: dates must come from the text.
    let work = tempfile::tempdir().unwrap();
    let stripped = work.path().join("no-published.jsonl");
    let mut out = String::new();
    for f in ["corpus/seeds.jsonl", "corpus/dev.jsonl"] {
        for line in std::fs::read_to_string(shared.join(f)).unwrap().lines().filter(|l| !l.trim().is_empty()) {
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            v.as_object_mut().unwrap().remove("published");
            out.push_str(&v.to_string());
            out.push('\n');
        }
    }
    std::fs::write(&stripped, out).unwrap();
    let s = score(&shared, &[stripped], &["--text-dates"]);
    assert_at_least(&s, "published", "acc", 0.95);
}

/// Every Arabic article with gold, whose stories cross the sets.
fn arabic_corpora(shared: &std::path::Path) -> Vec<std::path::PathBuf> {
    ["seeds", "dev", "check"].iter().map(|c| shared.join(format!("corpus/{c}.jsonl"))).collect()
}

pub fn stories_link_the_reports_of_one_occurrence() {
    let Some(shared) = shared() else { return };
    let s = score_against(&shared, &arabic_corpora(&shared), &["seeds", "dev", "check"], &[]);
    // Issue 19's bar (0.83 on 2026-12-07).
    assert_at_least(&s, "stories", "f1", 0.75);
    let baseline = s["stories_exact_attributes"]["f1"].as_f64().unwrap_or(0.0);
    assert_at_least(&s, "stories", "f1", 2.0 * baseline);
}

pub fn stories_do_not_depend_on_input_order_or_threads() {
    let Some(shared) = shared() else { return };
    let work = tempfile::tempdir().unwrap();
    let reversed = work.path().join("reversed.jsonl");
    let mut lines: Vec<String> = arabic_corpora(&shared).iter().flat_map(|p| std::fs::read_to_string(p).unwrap().lines().map(str::to_string).collect::<Vec<_>>()).collect();
    lines.reverse();
    std::fs::write(&reversed, lines.join("\n") + "\n").unwrap();
    let (a, b) = (work.path().join("a"), work.path().join("b"));
    let inputs: Vec<String> = arabic_corpora(&shared).iter().map(|p| p.display().to_string()).collect();
    let mut args_a: Vec<&str> = vec!["-j", "1", "--format", "both", "--input"];
    args_a.extend(inputs.iter().map(String::as_str));
    assert_eq!(export(&args_a, &a), 0);
    assert_eq!(export(&["-j", "4", "--format", "both", "--input", reversed.to_str().unwrap()], &b), 0);
    for file in ["stories.parquet", "stories.csv"] {
        let (x, y) = (std::fs::read(latest_dir(&a).join(file)).unwrap(), std::fs::read(latest_dir(&b).join(file)).unwrap());
        assert!(x == y, "{file} differs between input orders");
    }
    let links = |root: &std::path::Path| {
        let events = table(root, "events");
        let mut pairs: Vec<(Option<String>, Option<String>)> = str_col(&events, "event_id").into_iter().zip(str_col(&events, "story_id")).collect();
        pairs.sort();
        pairs
    };
    let (la, lb) = (links(&a), links(&b));
    assert_eq!(la, lb);
    let stories = table(&a, "stories");
    assert!(stories.height() < la.len(), "some reports share a story: {} stories of {} events", stories.height(), la.len());
}
