//! The `--metadata` sidecar (CSV or JSONL): source path or id -> url, outlet, title, published.

use anyhow::{bail, Context, Result};
use polars::prelude::*;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocMeta {
    pub id: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
}

#[derive(Debug, Default)]
pub struct MetadataIndex {
    by_key: HashMap<String, DocMeta>,
}

const KEY_COLUMNS: [&str; 4] = ["path", "source", "file", "id"];

impl MetadataIndex {
    pub fn load(path: &Path) -> Result<Self> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let rows = match ext.as_str() {
            "csv" => read_csv(path)?,
            "jsonl" | "json" => read_jsonl(path)?,
            _ => bail!("metadata file {} must be .csv or .jsonl", path.display()),
        };
        let mut by_key = HashMap::new();
        for row in rows {
            let meta = DocMeta {
                id: row.get("id").cloned(),
                url: row.get("url").cloned(),
                outlet: row.get("outlet").cloned(),
                title: row.get("title").cloned(),
                published: row.get("published").cloned(),
            };
            for key in KEY_COLUMNS {
                if let Some(k) = row.get(key) {
                    by_key.insert(k.trim_start_matches("./").to_string(), meta.clone());
                }
            }
        }
        Ok(Self { by_key })
    }

    /// Looks a unit up by its id, its source, its file's relative path, or that file's stem.
    pub fn find(&self, id: Option<&str>, source: &str, file: &str) -> Option<&DocMeta> {
        let stem = Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned());
        [id.map(str::to_string), Some(source.to_string()), Some(file.to_string()), stem]
            .into_iter()
            .flatten()
            .find_map(|k| self.by_key.get(&k))
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

type Row = HashMap<String, String>;

fn read_csv(path: &Path) -> Result<Vec<Row>> {
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0)) // every column as text
        .try_into_reader_with_file_path(Some(path.to_path_buf()))?
        .finish();
    let df = anyhow::Context::with_context(df, || format!("cannot read metadata CSV {}", path.display()))?;
    let mut rows = vec![Row::new(); df.height()];
    for col in df.columns() {
        let values = col.str()?;
        for (row, value) in rows.iter_mut().zip(values.iter()) {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                row.insert(col.name().to_string(), v.to_string());
            }
        }
    }
    Ok(rows)
}

fn read_jsonl(path: &Path) -> Result<Vec<Row>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read metadata {}", path.display()))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let value: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{} line {}: invalid JSON", path.display(), i + 1))?;
        let mut row = Row::new();
        if let Some(obj) = value.as_object() {
            for (k, v) in obj {
                if k == "text" || k == "html" || k == "gold" {
                    continue;
                }
                match v {
                    serde_json::Value::String(s) if !s.is_empty() => {
                        row.insert(k.clone(), s.clone());
                    }
                    serde_json::Value::Number(n) => {
                        row.insert(k.clone(), n.to_string());
                    }
                    _ => {}
                }
            }
        }
        rows.push(row);
    }
    Ok(rows)
}
