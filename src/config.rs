//! `relations-export.toml`: defaults for the run, so the nightly job and a bare
//! `relations-export --format parquet` know their input. Flags override it.

use crate::export::Format;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const DEFAULT_CONFIG: &str = "relations-export.toml";

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub input: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub metadata: Option<PathBuf>,
    pub format: Option<Format>,
    pub reference_date: Option<String>,
    pub jobs: Option<usize>,
    pub keep: Option<usize>,
    pub csv_bom: Option<bool>,
    pub max_article_mb: Option<u64>,
    pub max_article_seconds: Option<f64>,
}

impl Config {
    /// Reads `path`, or `./relations-export.toml` when no path is given and it exists.
    /// Relative paths inside the file are taken relative to the file's folder.
    pub fn load(path: Option<&Path>) -> Result<Self> {
        let path = match path {
            Some(p) => p.to_path_buf(),
            None if Path::new(DEFAULT_CONFIG).is_file() => PathBuf::from(DEFAULT_CONFIG),
            None => return Ok(Self::default()),
        };
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read config {}", path.display()))?;
        let mut config: Config = toml::from_str(&text).with_context(|| format!("invalid config {}", path.display()))?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let rebase = |p: &mut PathBuf| {
            if p.is_relative() && !base.as_os_str().is_empty() {
                *p = base.join(&*p);
            }
        };
        config.input.iter_mut().for_each(rebase);
        config.output.as_mut().map(rebase);
        config.metadata.as_mut().map(rebase);
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key_and_rejects_typos() {
        let c: Config = toml::from_str(
            "input = [\"in\"]\noutput = \"out\"\nmetadata = \"m.csv\"\nformat = \"both\"\nreference_date = \"2025-01-01\"\njobs = 2\nkeep = 3\n",
        )
        .unwrap();
        assert_eq!(c.format, Some(Format::Both));
        assert_eq!(c.keep, Some(3));
        assert!(toml::from_str::<Config>("inputs = []").is_err());
    }
}
