//! Bad input never kills the run: each unit becomes a clean document or a `rejects` row. Every
//! kind of bad input runs alone, so that each case's count is checked on its own: documents +
//! rejects = the units it holds, no panic, no abort, no hang (a run over a minute fails).

use crate::common::*;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

const ARTICLE: &str = "بحث وزير الخارجية الليبي مع نظيره المالطي في فاليتا تعزيز التعاون في مجال الهجرة والطاقة.";

/// What one input unit must become.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// A document holding the article's place name (فاليتا), with this many replaced bytes.
    Article { decode_errors: i32 },
    /// A document of any text.
    Document,
    Reject(&'static str),
}
use Expect::*;

/// How a case's input is laid out in its folder.
enum Entry {
    File(&'static str, Vec<u8>),
    Symlink(&'static str, &'static str),
    Fifo(&'static str),
    /// A sparse file of this many zero bytes: large without filling the disk.
    Sparse(&'static str, u64),
}
use Entry::*;

struct Case {
    name: &'static str,
    entries: Vec<Entry>,
    /// Each unit's source (a prefix is enough) and outcome.
    units: Vec<(&'static str, Expect)>,
}

fn case(name: &'static str, entries: Vec<Entry>, units: Vec<(&'static str, Expect)>) -> Case {
    Case { name, entries, units }
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn json_line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

fn nested(open: &str, close: &str, depth: usize) -> Vec<u8> {
    format!("<html><body>{}<p>{ARTICLE}</p>{}</body></html>", open.repeat(depth), close.repeat(depth)).into_bytes()
}

fn cases() -> Vec<Case> {
    let article = || ARTICLE.as_bytes().to_vec();
    let other = |note: &str| format!("{ARTICLE} ({note})");
    let mut damaged = article();
    damaged.extend_from_slice(b" \xc3\x28 \xff");
    let cp1256 = encoding_rs::WINDOWS_1256.encode(&other("ترميز قديم")).0.into_owned();
    let cp1256_html = encoding_rs::WINDOWS_1256.encode(&format!("<html><body><p>{ARTICLE}</p></body></html>")).0.into_owned();
    let good = json_line("g1", ARTICLE);
    let good2 = json_line("g2", &other("وأضاف الوزير أن اللقاء كان مثمرا"));
    let date_dense: String = (0..40_000).map(|i| format!("في {} مارس 2024 وقع اتفاق بقيمة {} مليون دولار مع إيطاليا ", i % 28 + 1, i % 900 + 10)).collect();
    let mut damaged_line = format!("{{\"id\": \"d1\", \"text\": \"{ARTICLE} ").into_bytes();
    damaged_line.extend_from_slice(b"\xff\xfe\"}\n");
    vec![
        // Encodings.
        case("utf8", vec![File("a.txt", article())], vec![("a.txt", Article { decode_errors: 0 })]),
        case("utf8_bom", vec![File("a.txt", [&[0xEF, 0xBB, 0xBF][..], ARTICLE.as_bytes()].concat())], vec![("a.txt", Article { decode_errors: 0 })]),
        case("damaged_utf8", vec![File("a.txt", damaged.clone())], vec![("a.txt", Article { decode_errors: 2 })]),
        case("damaged_utf8_html", vec![File("a.html", [b"<p>".as_slice(), &damaged, b"</p>"].concat())], vec![("a.html", Article { decode_errors: 2 })]),
        case("windows1256", vec![File("a.txt", cp1256)], vec![("a.txt", Article { decode_errors: 0 })]),
        case("windows1256_html", vec![File("a.html", cp1256_html)], vec![("a.html", Article { decode_errors: 0 })]),
        case("utf16le", vec![File("a.txt", utf16(ARTICLE, false))], vec![("a.txt", Article { decode_errors: 0 })]),
        case("utf16be", vec![File("a.txt", utf16(ARTICLE, true))], vec![("a.txt", Article { decode_errors: 0 })]),
        case("utf16_odd_length", vec![File("a.txt", [utf16(ARTICLE, false), vec![0x41]].concat())], vec![("a.txt", Reject("encoding"))]),
        case("latin1", vec![File("a.txt", b"Caf\xe9 \xe0 Paris, \xe9l\xe8ve du lyc\xe9e".to_vec())], vec![("a.txt", Reject("encoding"))]),
        case("binary", vec![File("a.txt", vec![0, 159, 146, 150, 0, 1, 2, 3, 0, 0, 255, 7, 8, 0])], vec![("a.txt", Reject("binary"))]),
        case("nul_inside_text", vec![File("a.txt", [ARTICLE.as_bytes(), b"\0", ARTICLE.as_bytes()].concat())], vec![("a.txt", Reject("binary"))]),
        case("control_heavy", vec![File("a.txt", "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}ليبيا".as_bytes().to_vec())], vec![("a.txt", Reject("binary"))]),
        // Nothing to read.
        case("empty_file", vec![File("a.txt", Vec::new())], vec![("a.txt", Reject("empty"))]),
        case("whitespace_only", vec![File("a.txt", b" \n\t\r\n ".to_vec())], vec![("a.txt", Reject("empty"))]),
        case("diacritics_only", vec![File("a.txt", "\u{064E}\u{0651}\u{064B} \u{0640}\u{0640}".as_bytes().to_vec())], vec![("a.txt", Reject("empty"))]),
        case("invisible_only", vec![File("a.txt", "\u{200B}\u{200F}\u{FEFF}\u{200D}\u{2060}".as_bytes().to_vec())], vec![("a.txt", Reject("empty"))]),
        case("punctuation_only", vec![File("a.txt", "... ،،، ؟! -- «» …".as_bytes().to_vec())], vec![("a.txt", Reject("empty"))]),
        case("html_chrome_only", vec![File("a.html", b"<html><body><nav>menu</nav><script>x()</script></body></html>".to_vec())], vec![("a.html", Reject("empty"))]),
        // HTML structure.
        case("html_scripts", vec![File("a.html", format!("<html><head><script>var a='x';</script></head><body><nav>menu</nav><article><p>{ARTICLE}</p></article><script>track()</script></body></html>").into_bytes())], vec![("a.html", Article { decode_errors: 0 })]),
        case("html_deep_divs", vec![File("a.html", nested("<div>", "</div>", 5_000))], vec![("a.html", Article { decode_errors: 0 })]),
        case("html_deep_unclosed", vec![File("a.html", nested("<div>", "", 50_000))], vec![("a.html", Article { decode_errors: 0 })]),
        case("html_deep_articles", vec![File("a.html", nested("<article>", "</article>", 20_000))], vec![("a.html", Article { decode_errors: 0 })]),
        case("html_deep_inline", vec![File("a.html", nested("<b><i>", "", 20_000))], vec![("a.html", Article { decode_errors: 0 })]),
        case("html_deep_tables", vec![File("a.html", nested("<table><tr><td>", "</td></tr></table>", 5_000))], vec![("a.html", Article { decode_errors: 0 })]),
        case("html_unclosed_comment", vec![File("a.html", format!("<p>{ARTICLE}</p><!-- <div>").into_bytes())], vec![("a.html", Article { decode_errors: 0 })]),
        case("html_broken_tags", vec![File("a.html", format!("<p>بحث <div =\">x</div> <<b {ARTICLE}</ </p").into_bytes())], vec![("a.html", Document)]),
        // JSON files.
        case("json_object", vec![File("a.json", good.clone().into_bytes())], vec![("a.json", Article { decode_errors: 0 })]),
        case("json_bom", vec![File("a.json", [&[0xEF, 0xBB, 0xBF][..], good.as_bytes()].concat())], vec![("a.json", Article { decode_errors: 0 })]),
        case("json_utf16", vec![File("a.json", utf16(&good, false))], vec![("a.json", Article { decode_errors: 0 })]),
        case("json_damaged_utf8", vec![File("a.json", damaged_line.clone())], vec![("a.json", Article { decode_errors: 2 })]),
        case("json_array", vec![File("a.json", format!("[{good}, {good2}]").into_bytes())], vec![("a.json#1", Article { decode_errors: 0 }), ("a.json#2", Article { decode_errors: 0 })]),
        case("json_empty_array", vec![File("a.json", b"[]".to_vec())], vec![("a.json", Reject("no_text"))]),
        case("json_no_text", vec![File("a.json", br#"{"id": "x1", "title": "no body"}"#.to_vec())], vec![("a.json", Reject("no_text"))]),
        case("json_not_an_object", vec![File("a.json", b"42".to_vec())], vec![("a.json", Reject("invalid_json"))]),
        case("json_truncated", vec![File("a.json", good.as_bytes()[..good.len() / 2].to_vec())], vec![("a.json", Reject("invalid_json"))]),
        case("json_deeply_nested", vec![File("a.json", "[".repeat(100_000).into_bytes())], vec![("a.json", Reject("invalid_json"))]),
        case("json_lone_surrogate", vec![File("a.json", br#"{"text": "\ud800 abc"}"#.to_vec())], vec![("a.json", Reject("invalid_json"))]),
        case("json_html_field", vec![File("a.json", serde_json::json!({"html": format!("<p>{ARTICLE}</p>")}).to_string().into_bytes())], vec![("a.json", Article { decode_errors: 0 })]),
        // JSON lines.
        case("jsonl_good_broken_good", vec![File("a.jsonl", format!("{good}\n{{\"id\": \"broken\", \"text\": \n{good2}\n").into_bytes())], vec![("a.jsonl#1", Article { decode_errors: 0 }), ("a.jsonl#2", Reject("invalid_json")), ("a.jsonl#3", Article { decode_errors: 0 })]),
        case("jsonl_bom", vec![File("a.jsonl", format!("\u{FEFF}{good}\n{good2}\n").into_bytes())], vec![("a.jsonl#1", Article { decode_errors: 0 }), ("a.jsonl#2", Article { decode_errors: 0 })]),
        case("jsonl_utf16", vec![File("a.jsonl", utf16(&format!("{good}\n{good2}\n"), false))], vec![("a.jsonl#1", Article { decode_errors: 0 }), ("a.jsonl#2", Article { decode_errors: 0 })]),
        case("jsonl_utf16be_crlf", vec![File("a.jsonl", utf16(&format!("{good}\r\n{good2}\r\n"), true))], vec![("a.jsonl#1", Article { decode_errors: 0 }), ("a.jsonl#2", Article { decode_errors: 0 })]),
        case("jsonl_damaged_utf8", vec![File("a.jsonl", [good.as_bytes(), b"\n", &damaged_line].concat())], vec![("a.jsonl#1", Article { decode_errors: 0 }), ("a.jsonl#2", Article { decode_errors: 2 })]),
        case("jsonl_blank_lines_and_no_final_newline", vec![File("a.jsonl", format!("\n\n{good}\n   \n{good2}").into_bytes())], vec![("a.jsonl#3", Article { decode_errors: 0 }), ("a.jsonl#5", Article { decode_errors: 0 })]),
        case("jsonl_not_objects", vec![File("a.jsonl", format!("[1, 2]\n\"text\"\nnull\n{good}\n").into_bytes())], vec![("a.jsonl#1", Reject("invalid_json")), ("a.jsonl#2", Reject("invalid_json")), ("a.jsonl#3", Reject("invalid_json")), ("a.jsonl#4", Article { decode_errors: 0 })]),
        case("jsonl_empty_text", vec![File("a.jsonl", format!("{}\n{good}\n", json_line("e", "  ")).into_bytes())], vec![("a.jsonl#1", Reject("no_text")), ("a.jsonl#2", Article { decode_errors: 0 })]),
        case("jsonl_duplicate_text", vec![File("a.jsonl", format!("{good}\n{}\n", json_line("other", ARTICLE)).into_bytes())], vec![("a.jsonl#1", Article { decode_errors: 0 }), ("a.jsonl#2", Reject("duplicate"))]),
        case("jsonl_same_id_other_text", vec![File("a.jsonl", format!("{good}\n{}\n", json_line("g1", &other("نص آخر"))).into_bytes())], vec![("a.jsonl#1", Article { decode_errors: 0 }), ("a.jsonl#2", Article { decode_errors: 0 })]),
        case("jsonl_overlong_line", vec![Sparse("a.jsonl", 65 << 20)], vec![("a.jsonl#1", Reject("too_large"))]),
        // Files that are not articles.
        case("too_large", vec![Sparse("a.txt", 65 << 20)], vec![("a.txt", Reject("too_large"))]),
        case("unsupported_type", vec![File("a.pdf", b"%PDF-1.4".to_vec())], vec![("a.pdf", Reject("unsupported_type"))]),
        case("dangling_symlink", vec![Symlink("a.txt", "missing-target.txt")], vec![("a.txt", Reject("unreadable"))]),
        case("symlink_loop", vec![File("a.txt", article()), Symlink("loop", ".")], vec![("a.txt", Article { decode_errors: 0 }), ("loop", Reject("symlink_loop"))]),
        case("fifo", vec![Fifo("a.txt"), File("b.txt", article())], vec![("a.txt", Reject("not_regular_file")), ("b.txt", Article { decode_errors: 0 })]),
        case("symlink_to_dev_zero", vec![Symlink("a.txt", "/dev/zero")], vec![("a.txt", Reject("not_regular_file"))]),
        case("symlink_to_dev_null", vec![Symlink("a.html", "/dev/null")], vec![("a.html", Reject("not_regular_file"))]),
        // Text that is hard to read.
        case("date_dense_paragraph", vec![File("a.txt", date_dense.into_bytes())], vec![("a.txt", Document)]),
        // One "word" of a megabyte is no prose: boilerplate cleaning drops it.
        case("one_word_megabyte", vec![File("a.txt", "ب".repeat(500_000).into_bytes())], vec![("a.txt", Reject("empty"))]),
        case("many_tiny_lines", vec![File("a.txt", "ليبيا\n".repeat(100_000).into_bytes())], vec![("a.txt", Document)]),
    ]
}

fn lay_out(dir: &Path, entries: &[Entry]) {
    for entry in entries {
        match entry {
            File(name, bytes) => std::fs::write(dir.join(name), bytes).unwrap(),
            Symlink(name, target) => symlink(target, dir.join(name)).unwrap(),
            Fifo(name) => {
                let status = std::process::Command::new("mkfifo").arg(dir.join(name)).status().expect("mkfifo runs");
                assert!(status.success());
            }
            Sparse(name, len) => std::fs::File::create(dir.join(name)).unwrap().set_len(*len).unwrap(),
        }
    }
}

pub fn every_kind_of_bad_input_is_counted_once_as_a_document_or_a_reject() {
    let cases = cases();
    assert!(cases.len() >= 50, "the suite covers at least 50 kinds, has {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let work = tempfile::tempdir().unwrap();
        let inp = work.path().join("in");
        std::fs::create_dir_all(&inp).unwrap();
        lay_out(&inp, &case.entries);
        let root = work.path().join("out");
        let out = bin().args(["--quiet", "--input"]).arg(&inp).arg("--output").arg(&root).timeout(Duration::from_secs(60)).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let counted_rejects = case.units.iter().filter(|(_, e)| matches!(e, Reject(r) if *r != "duplicate")).count();
        let expected_code = if counted_rejects > 0 { 3 } else { 0 };
        if out.status.code() != Some(expected_code) || stderr.contains("panicked") {
            failures.push(format!("{}: exit {:?} (expected {expected_code}): {stderr}", case.name, out.status.code()));
            continue;
        }
        let docs = table(&root, "documents");
        let rejects = table(&root, "rejects");
        if docs.height() + rejects.height() != case.units.len() {
            failures.push(format!("{}: {} documents + {} rejects for {} units", case.name, docs.height(), rejects.height(), case.units.len()));
            continue;
        }
        let doc_sources = str_col(&docs, "source");
        let texts = str_col(&docs, "text");
        let decode_errors: Vec<Option<i32>> = docs.column("decode_errors").unwrap().i32().unwrap().iter().collect();
        let reject_sources = str_col(&rejects, "source");
        let reasons = str_col(&rejects, "reason");
        for &(source, expect) in &case.units {
            let doc = doc_sources.iter().position(|s| s.as_deref().is_some_and(|s| s.starts_with(source)));
            let reject = reject_sources.iter().position(|s| s.as_deref().is_some_and(|s| s.starts_with(source)));
            let ok = match (expect, doc, reject) {
                (Article { decode_errors: n }, Some(i), None) => texts[i].as_deref().is_some_and(|t| t.contains("فاليتا")) && decode_errors[i] == Some(n),
                (Document, Some(_), None) => true,
                (Reject(reason), None, Some(i)) => reasons[i].as_deref() == Some(reason),
                _ => false,
            };
            if !ok {
                let got = doc.map(|i| format!("document (decode_errors {:?})", decode_errors[i])).or_else(|| reject.map(|i| format!("reject {:?}", reasons[i]))).unwrap_or_else(|| "nothing".into());
                failures.push(format!("{} / {source}: expected {expect:?}, got {got}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

pub fn one_run_over_many_bad_inputs_writes_a_version_and_names_the_reused_id() {
    let work = tempfile::tempdir().unwrap();
    let inp = work.path().join("in");
    std::fs::create_dir_all(&inp).unwrap();
    let mut units = 0;
    for case in cases().into_iter().filter(|c| !c.entries.iter().any(|e| matches!(e, Sparse(..)))) {
        let dir = inp.join(case.name);
        std::fs::create_dir_all(&dir).unwrap();
        lay_out(&dir, &case.entries);
        units += case.units.len();
    }
    // Two texts under one id, neither seen elsewhere in the run.
    let lines = [json_line("z9", &format!("{ARTICLE} (أ)")), json_line("z9", &format!("{ARTICLE} (ب)"))];
    std::fs::write(inp.join("reused_id.jsonl"), lines.join("\n")).unwrap();
    units += 2;
    let root = work.path().join("out");
    let out = bin().args(["--input"]).arg(&inp).arg("--output").arg(&root).timeout(Duration::from_secs(120)).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    // Identical texts across cases are one document: those extra copies are duplicate rejects.
    let (docs, rejects) = (table(&root, "documents"), table(&root, "rejects"));
    let mut sources: Vec<String> = str_col(&docs, "source").into_iter().chain(str_col(&rejects, "source")).flatten().collect();
    sources.sort();
    assert_eq!(docs.height() + rejects.height(), units, "{sources:#?}");
    assert!(stderr.contains("reused_id.jsonl#2: id \"z9\" was already given to reused_id.jsonl#1, whose text differs"), "{stderr}");
}

pub fn the_size_budget_is_a_setting() {
    let work = tempfile::tempdir().unwrap();
    let big = format!("{ARTICLE}\n").repeat((1 << 20) / ARTICLE.len() + 1);
    let lines = format!("{}\n{}\n", json_line("big", &big.replace('\n', " ")), json_line("small", ARTICLE));
    let inp = input_folder(work.path(), &[("big.txt", big.as_bytes()), ("lines.jsonl", lines.as_bytes())]);
    let root = work.path().join("out");
    let out = bin().args(["--quiet", "--max-article-mb", "1", "--input"]).arg(&inp).arg("--output").arg(&root).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    let rejects = table(&root, "rejects");
    let got: Vec<(Option<String>, Option<String>)> = str_col(&rejects, "source").into_iter().zip(str_col(&rejects, "reason")).collect();
    assert_eq!(got, vec![(Some("big.txt".into()), Some("too_large".into())), (Some("lines.jsonl#1".into()), Some("too_large".into()))]);
    assert_eq!(str_col(&table(&root, "documents"), "source"), vec![Some("lines.jsonl#2".to_string())]);
}

pub fn the_time_budget_is_a_setting_and_a_unit_over_it_is_a_reject() {
    let work = tempfile::tempdir().unwrap();
    let inp = input_folder(work.path(), &[("a.txt", ARTICLE.as_bytes())]);
    let root = work.path().join("out");
    // No article is read in a nanosecond.
    let out = bin().args(["--quiet", "--max-article-seconds", "0.000000001", "--input"]).arg(&inp).arg("--output").arg(&root).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(str_col(&table(&root, "rejects"), "reason"), vec![Some("too_slow".to_string())]);
    assert_eq!(table(&root, "documents").height(), 0);
    let out = bin().args(["--quiet", "--max-article-seconds", "0", "--input"]).arg(&inp).arg("--output").arg(&root).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "a budget of 0 is a usage error");
}
