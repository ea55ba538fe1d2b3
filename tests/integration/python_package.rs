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

/// Why the package checks cannot run here, if they cannot.
pub fn package_missing() -> Option<&'static str> {
    python_with_package().is_none().then_some("the Python package relations_export is not installed in .venv (`.venv/bin/pip install .`; `.ci/run` does it)")
}

pub fn extract_arrow_gives_the_clis_rows_and_schemas_match_the_files() {
    let Some(py) = python_with_package() else { return };
    let cli = env!("CARGO_BIN_EXE_relations-export");
    let out = std::process::Command::new(&py).arg(repo().join("tests/python/check_package.py")).arg(&cli).arg(repo()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "the Python package's checks failed (an installed package older than the code? reinstall it with `.venv/bin/pip install .`)\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
