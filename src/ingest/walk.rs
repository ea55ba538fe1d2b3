//! Finds input units in a deterministic order: one per .txt/.html file, one per JSON object,
//! one per JSONL line. Files are read only when their unit is taken, so memory stays flat.

use crate::model::Reject;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// Articles larger than this are rejected rather than risk the run's memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum Payload {
    /// Bytes of a plain-text file, in an encoding still to be detected.
    Text(Vec<u8>),
    /// Bytes of an HTML file.
    Html(Vec<u8>),
    /// One JSON object (from .json or .jsonl).
    Json(serde_json::Value),
}

#[derive(Debug)]
pub struct InputUnit {
    /// Path relative to its input root, or `file.jsonl#line`.
    pub source: String,
    /// Path relative to the input root of the file the unit came from (metadata key).
    pub file: String,
    pub payload: Result<Payload, Reject>,
    /// Raw size, for progress reporting.
    pub bytes: u64,
}

struct PendingFile {
    path: PathBuf,
    relative: String,
}

struct OpenJsonl {
    reader: BufReader<File>,
    relative: String,
    line: usize,
    /// The line being read, reused: parsing copies what it keeps.
    buf: Vec<u8>,
}

pub struct UnitWalker {
    files: VecDeque<Result<PendingFile, Reject>>,
    jsonl: Option<OpenJsonl>,
    queued: VecDeque<InputUnit>,
}

impl UnitWalker {
    /// Lists the files under `inputs` (folders recursively, sorted by name). Unreadable entries
    /// and symlink loops become reject units.
    pub fn new(inputs: &[PathBuf]) -> Self {
        let mut files = VecDeque::new();
        for input in inputs {
            if input.is_dir() {
                let walker = walkdir::WalkDir::new(input).follow_links(true).sort_by_file_name();
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_dir() => {}
                        Ok(e) => {
                            let relative = relative_name(input, e.path());
                            if relative.split('/').any(|part| part.starts_with('.')) {
                                continue; // hidden files: editor swap files, .DS_Store
                            }
                            files.push_back(Ok(PendingFile { path: e.path().to_path_buf(), relative }));
                        }
                        Err(err) => {
                            let at = err.path().map(|p| relative_name(input, p)).unwrap_or_else(|| input.display().to_string());
                            let reason = if err.loop_ancestor().is_some() { "symlink_loop" } else { "unreadable" };
                            files.push_back(Err(Reject { source: at, reason: reason.into(), detail: err.to_string() }));
                        }
                    }
                }
            } else {
                let relative = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| input.display().to_string());
                files.push_back(Ok(PendingFile { path: input.clone(), relative }));
            }
        }
        Self { files, jsonl: None, queued: VecDeque::new() }
    }

    /// Total size of the listed files, for the progress bar.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().filter_map(|f| f.as_ref().ok()).filter_map(|f| std::fs::metadata(&f.path).ok()).map(|m| m.len()).sum()
    }

    fn next_jsonl_line(&mut self) -> Option<InputUnit> {
        let open = self.jsonl.as_mut()?;
        loop {
            let buf = &mut open.buf;
            buf.clear();
            match open.reader.read_until(b'\n', buf) {
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(n) => {
                    open.line += 1;
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue; // blank lines are not units
                    }
                    let source = format!("{}#{}", open.relative, open.line);
                    let payload = parse_json_unit(buf, &source);
                    return Some(InputUnit { source, file: open.relative.clone(), payload, bytes: n as u64 });
                }
                Err(e) => {
                    let source = format!("{}#{}", open.relative, open.line + 1);
                    self.jsonl = None;
                    return Some(reject_unit(source, String::new(), "unreadable", format!("read error: {e}")));
                }
            }
        }
    }

    fn open_file(&mut self, file: PendingFile) -> Option<InputUnit> {
        let ext = file.path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let rel = file.relative.clone();
        let meta = match std::fs::metadata(&file.path) {
            Ok(m) => m,
            Err(e) => return Some(reject_unit(rel.clone(), rel, "unreadable", format!("{e}"))),
        };
        if !matches!(ext.as_str(), "txt" | "html" | "htm" | "json" | "jsonl") {
            return Some(reject_unit(rel.clone(), rel, "unsupported_type", "only .txt, .html, .htm, .json and .jsonl are read".into()));
        }
        if ext == "jsonl" {
            return match File::open(&file.path) {
                Ok(f) => {
                    self.jsonl = Some(OpenJsonl { reader: BufReader::new(f), relative: rel, line: 0, buf: Vec::new() });
                    self.next_jsonl_line()
                }
                Err(e) => Some(reject_unit(rel.clone(), rel, "unreadable", format!("{e}"))),
            };
        }
        if meta.len() > MAX_FILE_BYTES {
            let detail = format!("{} bytes is over the {} MiB limit for one article; split the file", meta.len(), MAX_FILE_BYTES >> 20);
            return Some(reject_unit(rel.clone(), rel, "too_large", detail));
        }
        let bytes = match std::fs::read(&file.path) {
            Ok(b) => b,
            Err(e) => return Some(reject_unit(rel.clone(), rel, "unreadable", format!("{e}"))),
        };
        let size = bytes.len() as u64;
        match ext.as_str() {
            "json" => {
                match serde_json::from_slice::<serde_json::Value>(&bytes) {
                    Ok(serde_json::Value::Array(items)) => {
                        for (i, item) in items.into_iter().enumerate() {
                            let source = format!("{rel}#{}", i + 1);
                            let payload = json_object(item, &source);
                            self.queued.push_back(InputUnit { source, file: rel.clone(), payload, bytes: size });
                        }
                        self.queued.pop_front().or_else(|| Some(reject_unit(rel.clone(), rel, "no_text", "the JSON array is empty".into())))
                    }
                    Ok(value) => Some(InputUnit { payload: json_object(value, &rel), source: rel.clone(), file: rel, bytes: size }),
                    Err(e) => Some(reject_unit(rel.clone(), rel, "invalid_json", e.to_string())),
                }
            }
            "html" | "htm" => Some(InputUnit { source: rel.clone(), file: rel, payload: Ok(Payload::Html(bytes)), bytes: size }),
            _ => Some(InputUnit { source: rel.clone(), file: rel, payload: Ok(Payload::Text(bytes)), bytes: size }),
        }
    }
}

impl Iterator for UnitWalker {
    type Item = InputUnit;

    fn next(&mut self) -> Option<InputUnit> {
        loop {
            if let Some(unit) = self.queued.pop_front() {
                return Some(unit);
            }
            if self.jsonl.is_some() {
                if let Some(unit) = self.next_jsonl_line() {
                    return Some(unit);
                }
                continue;
            }
            match self.files.pop_front()? {
                Err(reject) => return Some(InputUnit { source: reject.source.clone(), file: reject.source.clone(), payload: Err(reject), bytes: 0 }),
                Ok(file) => {
                    if let Some(unit) = self.open_file(file) {
                        return Some(unit);
                    }
                }
            }
        }
    }
}

fn parse_json_unit(line: &[u8], source: &str) -> Result<Payload, Reject> {
    // Validated once, by SIMD, then parsed as text (serde_json's byte reader checks every
    // string itself, char by char). Invalid UTF-8 goes to the byte reader for its error.
    let parsed = match simdutf8::basic::from_utf8(line) {
        Ok(text) => serde_json::from_str::<serde_json::Value>(text),
        Err(_) => serde_json::from_slice::<serde_json::Value>(line),
    };
    match parsed {
        Ok(v) => json_object(v, source),
        Err(e) => Err(Reject { source: source.into(), reason: "invalid_json".into(), detail: format!("{e}; fix or remove this line") }),
    }
}

fn json_object(value: serde_json::Value, source: &str) -> Result<Payload, Reject> {
    let has_body = |k: &str| value.get(k).and_then(|v| v.as_str()).is_some_and(|s| !s.trim().is_empty());
    if !value.is_object() {
        return Err(Reject { source: source.into(), reason: "invalid_json".into(), detail: "expected a JSON object with a `text` or `html` field".into() });
    }
    if !has_body("text") && !has_body("html") {
        return Err(Reject { source: source.into(), reason: "no_text".into(), detail: "the object has no non-empty `text` or `html` field".into() });
    }
    Ok(Payload::Json(value))
}

fn reject_unit(source: String, file: String, reason: &str, detail: String) -> InputUnit {
    InputUnit { payload: Err(Reject { source: source.clone(), reason: reason.into(), detail }), source, file, bytes: 0 }
}

fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_are_read_as_text_and_bad_bytes_rejected_with_the_parsers_reason() {
        let ok = parse_json_unit("{\"text\":\"وصل الوزير إلى روما\",\"url\":\"https://x.ly/1\"}".as_bytes(), "a.jsonl#1");
        assert!(matches!(ok, Ok(Payload::Json(ref v)) if v["text"] == "وصل الوزير إلى روما"));
        let bad = parse_json_unit(b"{\"text\":\"\xff\xfe abc\"}", "a.jsonl#2").err().map(|r| (r.reason, r.detail));
        assert_eq!(bad, Some(("invalid_json".to_string(), "invalid unicode code point at line 1 column 10; fix or remove this line".to_string())));
    }
}
