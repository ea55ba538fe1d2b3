//! Python interoperability (runs when a Python with the analysis stack is available, as in CI:
//! `.ci/run` makes `.venv`): DuckDB, polars and pandas load every table with its declared types,
//! `frictionless validate` passes, and the notebooks run against a fresh version.

use crate::common::*;
use std::path::PathBuf;

pub fn python() -> Option<PathBuf> {
    let candidates = [std::env::var_os("RELATIONS_PYTHON").map(PathBuf::from), Some(repo().join(".venv/bin/python"))];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

/// Why the Python checks cannot run here, if they cannot.
pub fn python_missing() -> Option<&'static str> {
    python().is_none().then_some("no Python analysis environment (.venv or RELATIONS_PYTHON); `.ci/run` creates one")
}

pub fn tables_load_in_duckdb_polars_pandas_and_validate_as_a_data_package() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let ex = examples();
    assert_eq!(export(&["--input", ex.to_str().unwrap(), "--format", "both"], dir.path()), 0);
    let out = std::process::Command::new(&py)
        .arg(repo().join("tests/python/check_version.py"))
        .arg(latest_dir(dir.path()))
        .arg(repo().join("schemas"))
        .output()
        .unwrap();
    println!("{}", String::from_utf8_lossy(&out.stdout));
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

pub fn notebooks_run_against_the_latest_version() {
    let Some(py) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let ex = examples();
    let meta = repo().join("examples/metadata.csv");
    assert_eq!(export(&["--input", ex.to_str().unwrap(), "--metadata", meta.to_str().unwrap()], dir.path()), 0);
    let out = std::process::Command::new(&py)
        .arg(repo().join("tests/python/run_notebooks.py"))
        .arg(repo().join("notebooks"))
        .env("RELATIONS_DATA", dir.path())
        .env("MPLBACKEND", "Agg")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

pub fn every_format_validates_as_a_data_package() {
    let Some(py) = python() else { return };
    let frictionless = py.with_file_name("frictionless");
    for (format, bom) in [("parquet", false), ("csv", false), ("both", false), ("csv", true)] {
        let dir = tempfile::tempdir().unwrap();
        let ex = examples();
        let mut args = vec!["--input", ex.to_str().unwrap(), "--format", format];
        if bom {
            args.push("--csv-bom");
        }
        assert_eq!(export(&args, dir.path()), 0);
        let out = std::process::Command::new(&frictionless).arg("validate").arg(latest_dir(dir.path()).join("datapackage.json")).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "--format {format}: frictionless validate failed\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(stdout.matches("VALID").count() - stdout.matches("INVALID").count(), 8, "--format {format}: every table is a valid resource\n{stdout}");
    }
}
