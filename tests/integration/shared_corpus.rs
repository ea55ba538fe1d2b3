//! The real articles in ../shared (skipped with a message when absent): seeds, and the scorer's
//! thresholds on the 26 gold-annotated articles.

use crate::common::*;

#[test]
fn seeds_documents_dates_and_boilerplate() {
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
    let t002 = texts[row("002_")].clone().unwrap();
    assert!(!t002.contains("المزيد من الكاتب"), "the headline list is cut");
}
