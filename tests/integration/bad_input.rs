//! Bad input never kills the run: each unit becomes a clean document or a `rejects` row.

use crate::common::*;
use std::os::unix::fs::symlink;

const ARTICLE: &str = "بحث وزير الخارجية الليبي مع نظيره المالطي في فاليتا تعزيز التعاون في مجال الهجرة والطاقة.";

#[test]
fn every_bad_unit_is_a_document_or_a_reject() {
    let work = tempfile::tempdir().unwrap();
    let inp = work.path().join("in");
    std::fs::create_dir_all(inp.join("nested")).unwrap();
    let mut expected_units = 0;
    let mut put = |name: &str, bytes: &[u8]| {
        std::fs::write(inp.join(name), bytes).unwrap();
        expected_units += 1;
    };
    // Mostly UTF-8 with broken bytes: rejected, never re-read as another encoding.
    let mut broken = ARTICLE.as_bytes().to_vec();
    broken.extend_from_slice(b" \xc3\x28 \xff");
    put("invalid_utf8.txt", &broken);
    // Each file says something slightly different: identical texts would be one document.
    let old = format!("{ARTICLE} (ترميز قديم)");
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&old);
    put("windows1256.txt", &cp1256);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in format!("{ARTICLE} (ترميز موسع)").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    put("utf16.txt", &utf16);
    put("empty.txt", b"");
    put("binary.txt", &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 255, 7, 8, 0]);
    put("scripts.html", format!(
        "<html><head><script>var a='{ARTICLE}';</script><style>p{{}}</style></head><body><nav>الرئيسية أخبار</nav>\
         <script>document.write('x')</script><article><p>{ARTICLE}</p><p>صفحة ويب</p></article><script>track()</script></body></html>").as_bytes());
    put("no_text.json", br#"{"id": "x1", "title": "no body"}"#);
    let big_line = format!("{ARTICLE} مكرر\n").repeat(50 * 1024 * 1024 / (ARTICLE.len() + 1) + 1);
    put("big.txt", big_line.as_bytes());
    // JSONL: good, broken, good: three units.
    let good = serde_json::json!({"id": "g1", "text": ARTICLE}).to_string();
    let good2 = serde_json::json!({"id": "g2", "text": format!("{ARTICLE} وأضاف الوزير أن اللقاء كان مثمرا.")}).to_string();
    std::fs::write(inp.join("lines.jsonl"), format!("{good}\n{{\"id\": \"broken\", \"text\": \n{good2}\n")).unwrap();
    expected_units += 3;
    symlink(inp.join("missing-target.txt"), inp.join("dangling.txt")).unwrap();
    expected_units += 1;
    symlink(&inp, inp.join("nested/loop")).unwrap();
    expected_units += 1;

    let root = work.path().join("out");
    let out = bin().args(["--quiet", "--input"]).arg(&inp).arg("--output").arg(&root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "rejects mean exit 3: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let docs = table(&root, "documents");
    let rejects = table(&root, "rejects");
    assert_eq!(docs.height() + rejects.height(), expected_units, "documents + rejects = input units");
    let reasons: Vec<(String, String)> = str_col(&rejects, "source").into_iter().zip(str_col(&rejects, "reason")).map(|(s, r)| (s.unwrap(), r.unwrap())).collect();
    let reason_of = |src: &str| reasons.iter().find(|(s, _)| s.starts_with(src)).map(|(_, r)| r.as_str());
    assert_eq!(reason_of("invalid_utf8.txt"), Some("encoding"));
    assert_eq!(reason_of("empty.txt"), Some("empty"));
    assert_eq!(reason_of("binary.txt"), Some("binary"));
    assert_eq!(reason_of("no_text.json"), Some("no_text"));
    assert_eq!(reason_of("lines.jsonl#2"), Some("invalid_json"));
    assert_eq!(reason_of("dangling.txt"), Some("unreadable"));
    assert_eq!(reason_of("nested/loop"), Some("symlink_loop"));

    let sources = str_col(&docs, "source");
    let texts = str_col(&docs, "text");
    let text_of = |src: &str| sources.iter().zip(&texts).find(|(s, _)| s.as_deref() == Some(src)).and_then(|(_, t)| t.clone());
    for src in ["windows1256.txt", "utf16.txt", "lines.jsonl#1", "lines.jsonl#3"] {
        assert!(text_of(src).is_some_and(|t| t.contains("فاليتا")), "{src} decodes to the article");
    }
    let html = text_of("scripts.html").expect("HTML becomes a document");
    assert!(html.contains("فاليتا") && !html.contains("document.write") && !html.contains("track()"), "{html}");
    assert!(text_of("big.txt").is_some() || reason_of("big.txt") == Some("too_large"));
}
