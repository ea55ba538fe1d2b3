use assert_cmd::Command;
use polars::prelude::*;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn examples() -> PathBuf {
    repo().join("examples/corpus")
}

pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.join("corpus").is_dir().then_some(p)
}

/// Why the real-article tests cannot run here, if they cannot.
pub fn shared_missing() -> Option<&'static str> {
    shared().is_none().then_some("../shared is absent (the real-article tests need it beside the repository)")
}

pub fn bin() -> Command {
    let mut c = Command::cargo_bin("relations-export").expect("binary built");
    c.env_remove("RUST_LOG");
    c
}

/// Runs the export and returns its exit code.
pub fn export(args: &[&str], output: &Path) -> i32 {
    let out = bin().args(args).arg("--output").arg(output).arg("--quiet").output().expect("run");
    out.status.code().unwrap_or(-1)
}

pub fn latest_dir(root: &Path) -> PathBuf {
    let name = std::fs::read_to_string(root.join("latest")).expect("latest exists");
    root.join("versions").join(name.trim())
}

pub fn versions(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root.join("versions"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with('v')).collect())
        .unwrap_or_default();
    v.sort();
    v
}

pub fn read_parquet(path: &Path) -> DataFrame {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ParquetReader::new(f).finish().expect("parquet reads back")
}

pub fn table(root: &Path, name: &str) -> DataFrame {
    read_parquet(&latest_dir(root).join(format!("{name}.parquet")))
}

pub fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap()
}

/// (file name, sha256) of every data file in a version.
pub fn data_hashes(dir: &Path) -> Vec<(String, String)> {
    let m = manifest(dir);
    let mut v: Vec<(String, String)> = m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["sha256"].as_str().unwrap().to_string()))
        .collect();
    v.sort();
    v
}

pub fn str_col(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    df.column(name).unwrap().str().unwrap().iter().map(|s| s.map(str::to_string)).collect()
}

/// A folder `in` under `work` holding these files (name, content).
pub fn input_folder(work: &Path, files: &[(&str, &[u8])]) -> PathBuf {
    let inp = work.join("in");
    std::fs::create_dir_all(&inp).unwrap();
    for (name, content) in files {
        std::fs::write(inp.join(name), content).unwrap();
    }
    inp
}

/// Hidden entries (temporary folders of killed or pruning runs) left in a dataset's `versions/`.
pub fn hidden_in_versions(root: &Path) -> Vec<String> {
    std::fs::read_dir(root.join("versions"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect()
}
