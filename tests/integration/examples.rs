//! The export on the bundled example corpus: layout, types, versions, crashes, concurrency.

use crate::common::*;
use polars::prelude::*;
use std::process::Stdio;

const TABLES: [&str; 8] = ["documents", "events", "stories", "actors", "mentions", "figures", "sectors", "rejects"];

fn run_examples(out: &std::path::Path, extra: &[&str]) -> i32 {
    let ex = examples();
    let meta = repo().join("examples/metadata.csv");
    let mut args = vec!["--input", ex.to_str().unwrap(), "--metadata", meta.to_str().unwrap()];
    args.extend_from_slice(extra);
    export(&args, out)
}

pub fn tables_and_columns_match_the_schema_files() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_examples(dir.path(), &["--format", "both"]), 0);
    let v = latest_dir(dir.path());
    for t in TABLES {
        let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(repo().join(format!("schemas/{t}.json"))).unwrap()).unwrap();
        let want: Vec<String> = schema["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap().to_string()).collect();
        let df = read_parquet(&v.join(format!("{t}.parquet")));
        let got: Vec<String> = df.get_column_names().iter().map(|s| s.to_string()).collect();
        assert_eq!(got, want, "parquet columns of {t} drift from schemas/{t}.json");
        for (col, field) in df.columns().iter().zip(schema["fields"].as_array().unwrap()) {
            let expect = match field["arrow_type"].as_str().unwrap() {
                "utf8" => DataType::String,
                "int32" => DataType::Int32,
                "float64" => DataType::Float64,
                "bool" => DataType::Boolean,
                "date32" => DataType::Date,
                "list<utf8>" => DataType::List(Box::new(DataType::String)),
                other => panic!("unknown arrow_type {other}"),
            };
            assert_eq!(col.dtype(), &expect, "{t}.{} type", col.name());
        }
        let csv = std::fs::read_to_string(v.join(format!("{t}.csv"))).unwrap();
        assert_eq!(csv.lines().next().unwrap(), want.join(","), "CSV header of {t}");
    }
    let docs = table(dir.path(), "documents");
    assert_eq!(docs.height(), 8, "8 example articles (one .jsonl holds two)");
    assert_eq!(table(dir.path(), "rejects").height(), 0);
    let validate = bin().arg("validate").arg(dir.path()).output().unwrap();
    assert!(validate.status.success(), "{}", String::from_utf8_lossy(&validate.stdout));
}

pub fn csv_lists_are_json_arrays() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_examples(dir.path(), &["--format", "csv"]), 0);
    let v = latest_dir(dir.path());
    let events = std::fs::read_to_string(v.join("events.csv")).unwrap();
    let mut rdr_lines = events.lines();
    rdr_lines.next();
    let with_lists = events.lines().skip(1).filter(|l| l.contains("\"[\"\"")).count();
    assert!(with_lists > 0, "events.csv should hold JSON arrays such as [\"LBY\",\"RUS\"]:\n{events}");
    assert!(!v.join("events.parquet").exists(), "--format csv writes no Parquet");
}

pub fn unchanged_second_run_writes_no_new_version() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_examples(dir.path(), &[]), 0);
    let out = bin()
        .args(["--input", examples().to_str().unwrap(), "--metadata", repo().join("examples/metadata.csv").to_str().unwrap(), "--output"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("up to date"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(versions(dir.path()), vec!["v000001"]);
}

pub fn jobs_do_not_change_the_bytes() {
    let one = tempfile::tempdir().unwrap();
    let four = tempfile::tempdir().unwrap();
    assert_eq!(run_examples(one.path(), &["-j", "1", "--format", "both"]), 0);
    assert_eq!(run_examples(four.path(), &["-j", "4", "--format", "both"]), 0);
    assert_eq!(data_hashes(&latest_dir(one.path())), data_hashes(&latest_dir(four.path())));
}

/// A corpus big enough that a run takes a while: the examples repeated with varied numbers.
fn big_corpus(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let base: Vec<String> = std::fs::read_dir(examples())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let path = dir.join("big.jsonl");
    let mut out = String::new();
    for i in 0..n {
        let text = format!("رقم الخبر {i}\n{}", base[i % base.len()]);
        out.push_str(&serde_json::json!({"id": format!("b{i}"), "published": "2025-06-01", "text": text}).to_string());
        out.push('\n');
    }
    std::fs::write(&path, out).unwrap();
    path
}

pub fn killed_run_leaves_latest_complete_and_next_run_succeeds() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("data");
    assert_eq!(run_examples(&root, &[]), 0);
    let big = big_corpus(work.path(), 3000);
    for delay_ms in [30u64, 120, 400] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("relations-export"))
            .args(["--quiet", "--input", big.to_str().unwrap(), "--output"])
            .arg(&root)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL on unix
        child.wait().unwrap();
        let latest = latest_dir(&root);
        let v = bin().arg("validate").arg(&latest).output().unwrap();
        assert!(v.status.success(), "after a kill at {delay_ms} ms, latest must be valid: {}", String::from_utf8_lossy(&v.stdout));
    }
    assert_eq!(export(&["--input", big.to_str().unwrap()], &root), 0);
    let docs = table(&root, "documents");
    assert_eq!(docs.height(), 3000);
    assert!(hidden_in_versions(&root).is_empty(), "temporary folders of killed runs are cleaned up");
}

pub fn concurrent_runs_corrupt_nothing() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("data");
    let big = big_corpus(work.path(), 800);
    let spawn = || {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("relations-export"))
            .args(["--quiet", "--input", big.to_str().unwrap(), "--output"])
            .arg(&root)
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    assert_eq!(versions(&root), vec!["v000001"], "the second run waits, then finds the data up to date");
    assert!(bin().arg("validate").arg(&root).output().unwrap().status.success());
}

pub fn bare_run_uses_the_repository_config() {
    let work = tempfile::tempdir().unwrap();
    let cfg = work.path().join("relations-export.toml");
    std::fs::write(&cfg, format!("input = [{:?}]\noutput = \"out\"\n", examples().display().to_string())).unwrap();
    let out = bin().current_dir(work.path()).args(["--format", "parquet", "--quiet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(work.path().join("out/latest").is_file());
}

pub fn inputs_named_by_flags_do_not_take_the_config_files_metadata_and_the_log_says_where_settings_came_from() {
    let work = tempfile::tempdir().unwrap();
    let meta = repo().join("examples/metadata.csv");
    std::fs::write(work.path().join("relations-export.toml"), format!("input = [{:?}]\nmetadata = {:?}\nformat = \"csv\"\n", examples().display().to_string(), meta.display().to_string())).unwrap();
    let outlets = |root: &std::path::Path| std::fs::read_to_string(latest_dir(root).join("documents.csv")).unwrap().matches("Example Libya News").count();
    // From the config file alone, its metadata applies.
    let bare = bin().current_dir(work.path()).args(["--output", "a"]).output().unwrap();
    assert_eq!(bare.status.code(), Some(0), "{}", String::from_utf8_lossy(&bare.stderr));
    assert!(outlets(&work.path().join("a")) > 0);
    // --input names the inputs: the config's metadata is not silently applied to them.
    let flagged = bin().current_dir(work.path()).args(["--output", "b", "--input"]).arg(examples()).output().unwrap();
    let log = String::from_utf8_lossy(&flagged.stderr);
    assert_eq!(flagged.status.code(), Some(0), "{log}");
    assert_eq!(outlets(&work.path().join("b")), 0);
    assert!(log.contains("is not used: inputs named by --input do not take it"), "{log}");
    assert!(log.contains(r#""input":"flag""#) && log.contains(r#""format":"config""#) && log.contains(r#""jobs":"default""#), "{log}");
}

pub fn no_input_is_a_usage_error() {
    let work = tempfile::tempdir().unwrap();
    let out = bin().current_dir(work.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--input"));
}

pub fn schema_command_prints_the_contract() {
    let out = bin().args(["schema", "events"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], "events");
    assert_eq!(bin().args(["schema", "nope"]).output().unwrap().status.code(), Some(2));
}

pub fn validate_detects_a_changed_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_examples(dir.path(), &[]), 0);
    let v = latest_dir(dir.path());
    let p = v.join("rejects.parquet");
    let mut bytes = std::fs::read(&p).unwrap();
    bytes.push(0);
    std::fs::write(&p, bytes).unwrap();
    assert_eq!(bin().arg("validate").arg(&v).output().unwrap().status.code(), Some(1));
}

/// Every offset in every table slices `documents.text` to the recorded text (code points).
pub fn assert_offsets_slice(root: &std::path::Path) {
    let docs = table(root, "documents");
    let texts: std::collections::HashMap<String, Vec<char>> = str_col(&docs, "doc_id")
        .into_iter()
        .zip(str_col(&docs, "text"))
        .map(|(id, t)| (id.unwrap(), t.unwrap().chars().collect()))
        .collect();
    for (name, col) in [("mentions", "mention_text"), ("figures", "text"), ("sectors", "text"), ("events", "sentence")] {
        let df = table(root, name);
        let ids = str_col(&df, "doc_id");
        let want = str_col(&df, col);
        let starts = df.column("char_start").unwrap().i32().unwrap().clone();
        let ends = df.column("char_end").unwrap().i32().unwrap().clone();
        for i in 0..df.height() {
            let (Some(s), Some(e)) = (starts.get(i), ends.get(i)) else { continue };
            let text = &texts[ids[i].as_ref().unwrap()];
            let got: String = text[s as usize..e as usize].iter().collect();
            assert_eq!(Some(got), want[i], "{name} row {i}: offsets do not slice to {col}");
        }
    }
}

pub fn every_offset_slices_to_its_text() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_examples(dir.path(), &[]), 0);
    assert!(table(dir.path(), "mentions").height() > 20, "the examples name many actors");
    assert_offsets_slice(dir.path());
}

pub fn data_dictionary_is_current() {
    let out = bin().args(["schema", "--markdown"]).output().unwrap();
    let committed = std::fs::read_to_string(repo().join("docs/data-dictionary.md")).unwrap_or_default();
    assert_eq!(String::from_utf8_lossy(&out.stdout), committed, "regenerate: relations-export schema --markdown > docs/data-dictionary.md");
}

pub fn inspect_shows_events_actors_and_figures() {
    let file = examples().join("italy_trade.txt");
    let out = bin().args(["inspect", "--json"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ex = &v["extraction"];
    let actor_ids: Vec<&str> = ex["actors"].as_array().unwrap().iter().filter_map(|a| a["actor_id"].as_str()).collect();
    assert!(actor_ids.contains(&"country/ITA") && actor_ids.contains(&"country/LBY"), "{actor_ids:?}");
    assert!(!ex["events"].as_array().unwrap().is_empty(), "the article states events");
    let trade = ex["figures"].as_array().unwrap().iter().find(|f| f["metric"] == "trade_volume").expect("a trade figure");
    assert_eq!(trade["unit"], "EUR");
    assert_eq!(trade["value"].as_f64(), Some(3.4e9));
    assert_eq!(trade["year"], 2024);
    let table = bin().arg("inspect").arg(&file).output().unwrap();
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("EVENTS") && text.contains("trade_volume"), "{text}");
}

pub fn inspect_reads_every_line_of_a_jsonl_file_or_the_one_named_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let read = |name: &str| std::fs::read_to_string(examples().join(name)).unwrap();
    let lines: Vec<String> = [("a", "italy_trade.txt"), ("b", "belarus_visit.txt")]
        .iter()
        .map(|(id, file)| serde_json::json!({ "id": id, "published": "2025-07-03", "text": read(file) }).to_string())
        .collect();
    let file = dir.path().join("two.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let json = |extra: &[&str]| {
        let out = bin().args(["inspect", "--json"]).args(extra).arg(&file).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let all = json(&[]);
    let ids: Vec<&str> = all.as_array().expect("two articles print as an array").iter().filter_map(|a| a["document"]["source_id"].as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(json(&["--id", "b"])["document"]["source_id"], "b");
    let missing = bin().args(["inspect", "--id", "zz"]).arg(&file).output().unwrap();
    assert_eq!(missing.status.code(), Some(2), "an id the file lacks is a usage error");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no article with id \"zz\""), "{}", String::from_utf8_lossy(&missing.stderr));
}

pub fn a_reprint_is_kept_and_names_its_original() {
    let dir = tempfile::tempdir().unwrap();
    let read = |name: &str| std::fs::read_to_string(examples().join(name)).unwrap();
    let original = read("belarus_visit.txt");
    // Another outlet's copy: its own headline and credit line, one sentence cut.
    let mut lines: Vec<&str> = original.lines().collect();
    lines.truncate(lines.len().saturating_sub(1).max(1));
    let reprint = format!("عاجل: ليبيا وبيلاروسيا\n{}\nالمصدر: وكالات", lines.join("\n"));
    let docs = [
        ("reprint", "2025-07-03", "Outlet B", reprint.as_str()),
        ("other", "2025-07-01", "Outlet C", &read("italy_trade.txt")),
        ("original", "2025-07-02", "Outlet A", original.as_str()),
    ];
    let input = dir.path().join("in.jsonl");
    let jsonl: String = docs.iter().map(|(id, day, outlet, text)| serde_json::json!({"id": id, "published": day, "outlet": outlet, "text": text}).to_string() + "\n").collect();
    std::fs::write(&input, jsonl).unwrap();
    let out = dir.path().join("out");
    assert_eq!(export(&["--input", input.to_str().unwrap(), "--format", "parquet"], &out), 0);

    let documents = table(&out, "documents");
    let ids = str_col(&documents, "source_id");
    let doc_ids = str_col(&documents, "doc_id");
    let duplicate_of = str_col(&documents, "duplicate_of");
    let by = |name: &str| ids.iter().position(|i| i.as_deref() == Some(name)).unwrap();
    assert_eq!(documents.height(), 3, "a reprint stays a document");
    assert_eq!(duplicate_of[by("reprint")], doc_ids[by("original")]);
    assert_eq!(duplicate_of[by("original")], None);
    assert_eq!(duplicate_of[by("other")], None);
}
