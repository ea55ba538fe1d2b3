//! The Python package `relations_export` (crates/relations-py), as `pip install .` installs it
//! into `.venv` (`.ci/run` does): `tests/python/check_package.py` checks its functions, its
//! schemas against `schemas/`, and that `extract_arrow` gives the CLI's rows on the examples and,
//! when ../shared is present, on the real articles.

use crate::common::*;

fn python_with_package() -> Option<std::path::PathBuf> {
    let py = crate::interop::python()?;
    let imports = std::process::Command::new(&py).args(["-c", "import relations_export"]).output().ok()?;
    imports.status.success().then_some(py)
}

/// Runs `tests/python/SCRIPT CLI REPO` and prints what it printed.
fn run_check(py: &std::path::Path, script: &str) -> (std::process::Output, String) {
    let cli = env!("CARGO_BIN_EXE_relations-export");
    let out = std::process::Command::new(py).arg(repo().join("tests/python").join(script)).arg(cli).arg(repo()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    println!("{stdout}");
    (out, stdout)
}

/// Why the package checks cannot run here, if they cannot.
pub fn package_missing() -> Option<&'static str> {
    python_with_package().is_none().then_some("the Python package relations_export is not installed in .venv (`.venv/bin/pip install .`; `.ci/run` does it)")
}

pub fn extract_arrow_gives_the_clis_rows_and_schemas_match_the_files() {
    let Some(py) = python_with_package() else { return };
    let (out, stdout) = run_check(&py, "check_package.py");
    assert!(
        out.status.success(),
        "the Python package's checks failed (an installed package older than the code? reinstall it with `.venv/bin/pip install .`)\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Why the Spark job's check cannot run here, if it cannot: the package, pyspark and a JVM.
pub fn spark_missing() -> Option<&'static str> {
    let py = python_with_package()?;
    let imports = std::process::Command::new(&py).args(["-c", "import pyspark, deltalake"]).output().ok();
    if !imports.is_some_and(|o| o.status.success()) {
        return Some("pyspark or deltalake is not installed in .venv (requirements-dev.txt has them; `.ci/run` installs them)");
    }
    let java = std::process::Command::new("java").arg("-version").output().ok();
    (!java.is_some_and(|o| o.status.success())).then_some("no Java for PySpark's local mode (`.ci/run` installs openjdk-17-jre-headless when java is missing)")
}

/// `tests/python/check_spark.py`: the Spark job (`python -m relations_export.spark`, PySpark
/// local[2]) gives the CLI's tables, row for row, on made-up files with duplicates and rejects,
/// on examples/, and (with ../shared) on the 2,000-article bench corpus; and Delta output.
pub fn spark_job_gives_the_clis_tables() {
    let Some(py) = python_with_package() else { return };
    let (out, stdout) = run_check(&py, "check_spark.py");
    // Only the bench corpus check may be skipped, and only without ../shared.
    let skips_allowed = if shared_missing().is_some() { 1 } else { 0 };
    let skipped = stdout.lines().filter(|l| l.starts_with("skip ")).count();
    assert!(
        out.status.success() && skipped <= skips_allowed,
        "the Spark job's checks failed or were skipped (an installed package older than the code? `.venv/bin/pip install .`)\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
