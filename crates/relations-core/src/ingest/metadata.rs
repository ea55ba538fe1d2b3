//! The `--metadata` sidecar (CSV or JSONL): source path or id -> url, outlet, title, published.

use crate::log;
use std::collections::HashMap;
use std::path::Path;

/// A metadata file the run cannot use at all: a usage error (exit 2) that says what to fix.
/// Problems with single rows are warnings with their line numbers, and the run goes on.
#[derive(Debug, thiserror::Error)]
#[error("metadata {path}: {problem}")]
pub struct MetadataError {
    pub path: String,
    pub problem: String,
}

type Result<T> = std::result::Result<T, MetadataError>;

/// The columns a metadata row may have; others are ignored with a warning.
const COLUMNS: [&str; 8] = ["path", "source", "file", "id", "url", "outlet", "title", "published"];

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
        let error = |problem: String| MetadataError { path: path.display().to_string(), problem };
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let bytes = std::fs::read(path).map_err(|e| error(format!("cannot be read ({e}); check --metadata")))?;
        let text = String::from_utf8_lossy(bytes.strip_prefix(super::decode::UTF8_BOM).unwrap_or(&bytes)).into_owned();
        let rows = match ext.as_str() {
            "csv" => read_csv(&text).map_err(error)?,
            "jsonl" | "json" => read_jsonl(&text),
            _ => return Err(error("must be .csv or .jsonl".into())),
        };
        let mut by_key = HashMap::new();
        for (line, row) in rows {
            let warn = |what: String| log::warn(&format!("metadata {} line {line}: {what}", path.display()));
            if !KEY_COLUMNS.iter().any(|k| row.contains_key(*k)) {
                warn(format!("no {} to match an article by; the row is ignored", KEY_COLUMNS.join(", ")));
                continue;
            }
            if let Some(published) = row.get("published").filter(|p| super::document::parse_iso_date(p).is_none()) {
                warn(format!("published {published:?} is not a date like 2025-12-03; the article's own date is used"));
            }
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

/// Rows of a metadata CSV (RFC 4180: quoted fields may hold commas, `""` and line breaks), with
/// the line each starts on. A header without a key column is an error; a row with a quote that
/// never closes, or with more fields than the header, is a warning and skipped.
fn read_csv(text: &str) -> std::result::Result<Vec<(usize, Row)>, String> {
    let mut records = csv_records(text);
    let Some((_, header)) = records.next() else { return Err("is empty; it needs a header such as `path,url,outlet,title,published`".into()) };
    let header: Vec<String> = header.map_err(|_| "its header has a quote that never closes".to_string())?.into_iter().map(|h| h.trim().to_lowercase()).collect();
    if !header.iter().any(|h| KEY_COLUMNS.contains(&h.as_str())) {
        return Err(format!("its header {header:?} names none of {}; the first line must name the columns", KEY_COLUMNS.join(", ")));
    }
    let unknown: Vec<&String> = header.iter().filter(|h| !COLUMNS.contains(&h.as_str())).collect();
    if !unknown.is_empty() {
        log::warn(&format!("metadata columns {unknown:?} are not used (known: {})", COLUMNS.join(", ")));
    }
    let mut rows = Vec::new();
    for (line, record) in records {
        let fields = match record {
            Ok(fields) => fields,
            Err(()) => {
                log::warn(&format!("metadata line {line}: a quote opened here never closes; the row is skipped"));
                continue;
            }
        };
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() > header.len() {
            log::warn(&format!("metadata line {line}: {} fields for {} columns; the row is skipped", fields.len(), header.len()));
            continue;
        }
        let row = header.iter().zip(fields).filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (k.clone(), v.trim().to_string())).collect();
        rows.push((line, row));
    }
    Ok(rows)
}

/// CSV records with their first line; Err for a record whose quote is still open after
/// `MAX_RECORD_LINES` lines or at the end (reading then goes on at the next line).
fn csv_records(text: &str) -> impl Iterator<Item = (usize, std::result::Result<Vec<String>, ()>)> + '_ {
    // A title or URL spans a few lines at most; the bound keeps a stray quote from making every
    // later line part of one record.
    const MAX_RECORD_LINES: usize = 100;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at;
        lines.get(start)?;
        let mut record = String::new();
        for line in lines.iter().skip(start).take(MAX_RECORD_LINES) {
            record.push_str(line);
            at += 1;
            if let Some(fields) = csv_fields(&record) {
                return Some((start + 1, Ok(fields)));
            }
        }
        at = start + 1;
        Some((start + 1, Err(())))
    })
}

/// The fields of one complete record, or None while a quoted field is still open.
fn csv_fields(record: &str) -> Option<Vec<String>> {
    let record = record.trim_end_matches(['\r', '\n']);
    let mut fields = vec![String::new()];
    let mut chars = record.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        let field = fields.last_mut().expect("one field");
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if at_field_start => quoted = true,
            ',' if !quoted => {
                fields.push(String::new());
                at_field_start = true;
                continue;
            }
            c => field.push(c),
        }
        at_field_start = false;
    }
    (!quoted).then_some(fields)
}

fn read_jsonl(text: &str) -> Vec<(usize, Row)> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                log::warn(&format!("metadata line {}: invalid JSON ({e}); the row is skipped", i + 1));
                continue;
            }
        };
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
        rows.push((i + 1, row));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_follow_rfc_4180() {
        assert_eq!(csv_fields("a,\"b, c\",\"say \"\"hi\"\"\",\r\n"), Some(vec!["a".into(), "b, c".into(), "say \"hi\"".into(), String::new()]));
        assert_eq!(csv_fields("a,\"open\n"), None);
        assert_eq!(csv_fields("5\" screen,x"), Some(vec!["5\" screen".into(), "x".into()]));
    }

    #[test]
    fn a_quote_that_never_closes_skips_its_line_only() {
        // (A quote closes at the next quote, whatever lines lie between: RFC 4180.)
        let rows = read_csv("path,title\nc.txt,\"two\nlines\"\na.txt,\"broken\nb.txt,fine\n").unwrap();
        let got: Vec<(usize, Option<&str>, Option<&str>)> = rows.iter().map(|(l, r)| (*l, r.get("path").map(String::as_str), r.get("title").map(String::as_str))).collect();
        assert_eq!(got, vec![(2, Some("c.txt"), Some("two\nlines")), (5, Some("b.txt"), Some("fine"))]);
    }

    #[test]
    fn a_header_without_a_key_column_is_an_error_that_says_what_to_fix() {
        let err = read_csv("url,title\nhttps://x.ly,t\n").unwrap_err();
        assert!(err.contains("names none of path, source, file, id"), "{err}");
        assert!(read_csv("").is_err());
    }
}
