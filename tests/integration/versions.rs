//! What `validate` catches in a written version, what a kill while pruning leaves, and how
//! metadata problems are reported.

use crate::common::*;
use std::path::Path;

const ARTICLE: &str = "بحث وزير الخارجية الليبي مع نظيره المالطي في فاليتا تعزيز التعاون في مجال الهجرة والطاقة.";

/// A version from a folder of `n` articles (each run's data differs when `n` does).
fn write_version(work: &Path, root: &Path, n: usize) {
    let inp = work.join(format!("in{n}"));
    std::fs::create_dir_all(&inp).unwrap();
    for i in 0..n {
        std::fs::write(inp.join(format!("a{i}.txt")), format!("{ARTICLE} ({i})")).unwrap();
    }
    assert_eq!(export(&["--input", inp.to_str().unwrap(), "--format", "csv", "--keep", "10"], root), 0);
}

fn validate(dir: &Path) -> (bool, String) {
    let out = bin().arg("validate").arg(dir).output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

pub fn validate_catches_a_bad_datapackage_edited_counts_and_stray_files() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("data");
    write_version(work.path(), &root, 2);
    let dir = latest_dir(&root);
    assert!(validate(&dir).0, "a fresh version is valid: {}", validate(&dir).1);
    let copy = |name: &str| {
        let to = work.path().join(name);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
        to
    };
    let tampered = [
        ("no_datapackage", Box::new(|d: &Path| std::fs::remove_file(d.join("datapackage.json")).unwrap()) as Box<dyn Fn(&Path)>, "datapackage.json"),
        ("garbage_datapackage", Box::new(|d: &Path| std::fs::write(d.join("datapackage.json"), "{not json").unwrap()), "datapackage.json"),
        ("extra_file", Box::new(|d: &Path| std::fs::write(d.join("notes.csv"), "a,b\n").unwrap()), "notes.csv: not in the manifest"),
        (
            "edited_counts",
            Box::new(|d: &Path| {
                let text = std::fs::read_to_string(d.join("manifest.json")).unwrap();
                let mut m: serde_json::Value = serde_json::from_str(&text).unwrap();
                m["counts"]["documents"] = serde_json::json!(7);
                std::fs::write(d.join("manifest.json"), m.to_string()).unwrap();
            }),
            "manifest counts 7 documents",
        ),
        ("missing_table_file", Box::new(|d: &Path| std::fs::remove_file(d.join("events.csv")).unwrap()), "events.csv"),
    ];
    for (name, tamper, says) in tampered {
        let d = copy(name);
        tamper(&d);
        let (ok, report) = validate(&d);
        assert!(!ok && report.contains(says), "{name}: validate must fail and name {says:?}: {report}");
    }
}

pub fn a_kill_while_pruning_leaves_whole_versions_and_the_next_run_finishes_it() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("data");
    for n in 1..=3 {
        write_version(work.path(), &root, n);
    }
    assert_eq!(versions(&root), ["v000001", "v000002", "v000003"]);
    // Pruning moves a version out of `versions/` by one rename, then deletes it: a kill
    // during the delete leaves this.
    let doomed = root.join("versions/.tmp-pruned-v000001");
    std::fs::rename(root.join("versions/v000001"), &doomed).unwrap();
    std::fs::remove_file(doomed.join("documents.csv")).unwrap();
    assert_eq!(versions(&root), ["v000002", "v000003"]);
    for v in versions(&root) {
        let (ok, report) = validate(&root.join("versions").join(&v));
        assert!(ok, "{v}: {report}");
    }
    assert!(validate(&root).0);
    // The next run removes the half-deleted folder and prunes as asked.
    let inp = work.path().join("in1");
    assert_eq!(export(&["--input", inp.to_str().unwrap(), "--format", "csv", "--keep", "1"], &root), 0);
    assert_eq!(versions(&root), ["v000004"]);
    assert!(!doomed.exists());
    assert!(hidden_in_versions(&root).is_empty());
}

pub fn metadata_problems_are_warnings_with_line_numbers_or_a_usage_error() {
    let work = tempfile::tempdir().unwrap();
    let second = format!("{ARTICLE} (2)");
    let inp = input_folder(work.path(), &[("a.txt", ARTICLE.as_bytes()), ("b.txt", second.as_bytes())]);
    let meta = work.path().join("meta.csv");
    std::fs::write(&meta, "path,outlet,published,colour\na.txt,\"Libya Observer,2025-13-45,red\nb.txt,Alwasat,2025-02-03,blue\n").unwrap();
    let root = work.path().join("out");
    let out = bin().args(["--input"]).arg(&inp).arg("--metadata").arg(&meta).arg("--output").arg(&root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("line 2: a quote opened here never closes"), "{stderr}");
    assert!(stderr.contains("\"colour\"") && stderr.contains("not used"), "{stderr}");
    let docs = table(&root, "documents");
    let outlets = str_col(&docs, "outlet");
    assert!(outlets.contains(&Some("Alwasat".into())), "the good row still applies: {outlets:?}");

    std::fs::write(&meta, "path,outlet\nb.txt,Alwasat,2025-02-03\nb.txt,Alwasat,not-a-date\n").unwrap();
    let stderr = String::from_utf8_lossy(&bin().args(["--input"]).arg(&inp).arg("--metadata").arg(&meta).arg("--output").arg(&root).output().unwrap().stderr).into_owned();
    assert!(stderr.contains("line 2: 3 fields for 2 columns"), "{stderr}");

    let meta_json = work.path().join("meta.jsonl");
    std::fs::write(&meta_json, "{\"path\": \"a.txt\", \"published\": \"yesterday\"}\n{broken\n").unwrap();
    let stderr = String::from_utf8_lossy(&bin().args(["--input"]).arg(&inp).arg("--metadata").arg(&meta_json).arg("--output").arg(&root).output().unwrap().stderr).into_owned();
    assert!(stderr.contains("line 1: published \"yesterday\" is not a date") && stderr.contains("line 2: invalid JSON"), "{stderr}");

    std::fs::write(&meta, "url;outlet\nhttps://x.ly;Alwasat\n").unwrap();
    let out = bin().args(["--input"]).arg(&inp).arg("--metadata").arg(&meta).arg("--output").arg(&root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "a header without a key column is a usage error: {stderr}");
    assert!(stderr.contains("names none of path, source, file, id"), "{stderr}");
}

#[cfg(unix)]
pub fn current_links_the_latest_version_for_readers_that_take_a_path() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("data");
    for n in [1, 2] {
        write_version(work.path(), &root, n);
        let target = std::fs::read_link(root.join("current")).expect("current is a symlink");
        assert_eq!(root.join(&target).canonicalize().unwrap(), latest_dir(&root).canonicalize().unwrap(), "after run {n}");
        assert!(target.is_relative(), "a relative link survives moving the dataset: {target:?}");
        assert!(root.join("current/events.csv").is_file());
    }
}

pub fn csv_bom_opens_every_csv_with_a_byte_order_mark_and_the_version_stays_valid() {
    let work = tempfile::tempdir().unwrap();
    let inp = work.path().join("in");
    std::fs::create_dir_all(&inp).unwrap();
    std::fs::write(inp.join("a.txt"), ARTICLE).unwrap();
    let root = work.path().join("data");
    assert_eq!(export(&["--input", inp.to_str().unwrap(), "--format", "csv", "--csv-bom"], &root), 0);
    let dir = latest_dir(&root);
    for table in ["documents", "events", "actors", "rejects"] {
        let bytes = std::fs::read(dir.join(format!("{table}.csv"))).unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "{table}.csv opens with a BOM");
    }
    assert!(validate(&dir).0, "{}", validate(&dir).1);
}
