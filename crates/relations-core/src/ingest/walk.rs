//! Finds input units in a deterministic order: one per .txt/.html file, one per JSON object,
//! one per JSONL line. Files are read only when their unit is taken, so memory stays flat.

use super::decode;
use crate::model::Reject;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// Articles larger than this are rejected rather than risk the run's memory (the default of
/// `--max-article-mb`). Files are read through the limit (a symlink to /dev/zero has no size to
/// check first), and so is each JSONL line.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum Payload {
    /// Bytes of a plain-text file, in an encoding still to be detected.
    Text(Vec<u8>),
    /// Bytes of an HTML file.
    Html(Vec<u8>),
    /// One JSON object (from .json or .jsonl), and how many invalid UTF-8 sequences were
    /// replaced to read it.
    Json(serde_json::Value, usize),
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
    /// The file, or its text transcoded from UTF-16.
    reader: Box<dyn BufRead + Send>,
    relative: String,
    line: usize,
    /// The line being read, reused: parsing copies what it keeps.
    buf: Vec<u8>,
}

pub struct UnitWalker {
    files: VecDeque<Result<PendingFile, Reject>>,
    /// Bytes one article (file or JSONL line) may have.
    limit: u64,
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
        Self { files, limit: MAX_FILE_BYTES, jsonl: None, queued: VecDeque::new() }
    }

    /// Sets the size limit for one article (file or JSONL line).
    pub fn with_limit(mut self, bytes: u64) -> Self {
        self.limit = bytes;
        self
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
            match open.reader.by_ref().take(self.limit + 1).read_until(b'\n', buf) {
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(n) => {
                    open.line += 1;
                    let source = format!("{}#{}", open.relative, open.line);
                    let content = n - usize::from(buf.ends_with(b"\n"));
                    if content as u64 > self.limit {
                        let skipped = skip_line(&mut open.reader);
                        let detail = format!("the line is over the {} limit for one article; split it or raise --max-article-mb", size_name(self.limit));
                        return Some(match skipped {
                            Ok(()) => reject_unit(source, open.relative.clone(), "too_large", detail),
                            Err(e) => {
                                let file = open.relative.clone();
                                self.jsonl = None;
                                reject_unit(source, file, "unreadable", format!("read error: {e}"))
                            }
                        });
                    }
                    let line = if open.line == 1 { buf.strip_prefix(decode::UTF8_BOM).unwrap_or(buf) } else { buf };
                    if line.iter().all(|b| b.is_ascii_whitespace()) {
                        continue; // blank lines are not units
                    }
                    let payload = parse_json_unit(line, &source);
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
        let unreadable = |e: std::io::Error| Some(reject_unit(rel.clone(), rel.clone(), "unreadable", format!("{e}")));
        // Symlinks are followed (once: walkdir reports loops); only regular files are opened,
        // as opening a FIFO waits for a writer and a device never ends.
        let meta = match std::fs::metadata(&file.path) {
            Ok(m) => m,
            Err(e) => return unreadable(e),
        };
        if !meta.is_file() {
            let detail = format!("{} is not a regular file; only files are read", file_kind(&meta));
            return Some(reject_unit(rel.clone(), rel, "not_regular_file", detail));
        }
        if !matches!(ext.as_str(), "txt" | "html" | "htm" | "json" | "jsonl") {
            return Some(reject_unit(rel.clone(), rel, "unsupported_type", "only .txt, .html, .htm, .json and .jsonl are read".into()));
        }
        let too_large = || {
            let detail = format!("the file is over the {} limit for one article; split it or raise --max-article-mb", size_name(self.limit));
            Some(reject_unit(rel.clone(), rel.clone(), "too_large", detail))
        };
        let mut reader = match File::open(&file.path) {
            Ok(f) => BufReader::new(f),
            Err(e) => return unreadable(e),
        };
        if ext == "jsonl" {
            // UTF-16 lines are transcoded whole (within the limit); UTF-8 is read line by line.
            let reader: Box<dyn BufRead + Send> = if decode::has_utf16_bom(reader.fill_buf().unwrap_or_default()) {
                match read_limited(&mut reader, self.limit) {
                    Ok(Some(bytes)) => Box::new(Cursor::new(decode::utf16_to_utf8(&bytes).unwrap_or(bytes))),
                    Ok(None) => return too_large(),
                    Err(e) => return unreadable(e),
                }
            } else {
                Box::new(reader)
            };
            self.jsonl = Some(OpenJsonl { reader, relative: rel, line: 0, buf: Vec::new() });
            return self.next_jsonl_line();
        }
        let bytes = match read_limited(&mut reader, self.limit) {
            Ok(Some(b)) => b,
            Ok(None) => return too_large(),
            Err(e) => return unreadable(e),
        };
        let size = bytes.len() as u64;
        match ext.as_str() {
            "json" => {
                let bytes = decode::utf16_to_utf8(&bytes).unwrap_or(bytes);
                let json = bytes.strip_prefix(decode::UTF8_BOM).unwrap_or(&bytes);
                let (json, replaced) = decode::utf8_lossy(json);
                match serde_json::from_str::<serde_json::Value>(&json) {
                    Ok(serde_json::Value::Array(items)) => {
                        for (i, item) in items.into_iter().enumerate() {
                            let source = format!("{rel}#{}", i + 1);
                            let payload = json_object(item, &source, replaced);
                            self.queued.push_back(InputUnit { source, file: rel.clone(), payload, bytes: size });
                        }
                        self.queued.pop_front().or_else(|| Some(reject_unit(rel.clone(), rel, "no_text", "the JSON array is empty".into())))
                    }
                    Ok(value) => Some(InputUnit { payload: json_object(value, &rel, replaced), source: rel.clone(), file: rel, bytes: size }),
                    Err(e) => Some(reject_unit(rel.clone(), rel, "invalid_json", e.to_string())),
                }
            }
            "html" | "htm" => Some(InputUnit { source: rel.clone(), file: rel, payload: Ok(Payload::Html(bytes)), bytes: size }),
            _ => Some(InputUnit { source: rel.clone(), file: rel, payload: Ok(Payload::Text(bytes)), bytes: size }),
        }
    }
}

/// The whole of `reader`, or None when it is over `limit` bytes.
fn read_limited(reader: &mut impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

fn size_name(bytes: u64) -> String {
    if bytes >= 1 << 20 { format!("{} MiB", bytes >> 20) } else { format!("{bytes} bytes") }
}

/// Reads past the rest of an overlong line without keeping it.
fn skip_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = chunk.len();
                reader.consume(n);
            }
        }
    }
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
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

/// One JSONL line (without its line break) as the walker reads it: what a unit of `source`
/// holds, or its reject. Public for engines that read the lines themselves.
pub fn parse_json_unit(line: &[u8], source: &str) -> Result<Payload, Reject> {
    // Validated once, by SIMD, then parsed as text (serde_json's byte reader checks every
    // string itself, char by char). Invalid UTF-8 is replaced and counted: the rest of the
    // article is worth keeping.
    let (parsed, replaced) = match simdutf8::basic::from_utf8(line) {
        Ok(text) => (serde_json::from_str::<serde_json::Value>(text), 0),
        Err(_) => {
            let (text, replaced) = decode::utf8_lossy(line);
            (serde_json::from_str::<serde_json::Value>(&text), replaced)
        }
    };
    match parsed {
        Ok(v) => json_object(v, source, replaced),
        Err(e) => Err(Reject { source: source.into(), reason: "invalid_json".into(), detail: format!("{e}; fix or remove this line") }),
    }
}

fn json_object(value: serde_json::Value, source: &str, replaced: usize) -> Result<Payload, Reject> {
    let has_body = |k: &str| value.get(k).and_then(|v| v.as_str()).is_some_and(|s| !s.trim().is_empty());
    if !value.is_object() {
        return Err(Reject { source: source.into(), reason: "invalid_json".into(), detail: "expected a JSON object with a `text` or `html` field".into() });
    }
    if !has_body("text") && !has_body("html") {
        return Err(Reject { source: source.into(), reason: "no_text".into(), detail: "the object has no non-empty `text` or `html` field".into() });
    }
    Ok(Payload::Json(value, replaced))
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
    fn json_lines_are_read_as_text_and_bad_bytes_replaced_and_counted() {
        let ok = parse_json_unit("{\"text\":\"وصل الوزير إلى روما\",\"url\":\"https://x.ly/1\"}".as_bytes(), "a.jsonl#1");
        assert!(matches!(ok, Ok(Payload::Json(ref v, 0)) if v["text"] == "وصل الوزير إلى روما"));
        let damaged = parse_json_unit(b"{\"text\":\"\xff\xfe abc\"}", "a.jsonl#2");
        assert!(matches!(damaged, Ok(Payload::Json(ref v, 2)) if v["text"] == "\u{FFFD}\u{FFFD} abc"), "{damaged:?}");
        let bad = parse_json_unit(b"{\"text\": abc}", "a.jsonl#3").err().map(|r| r.reason);
        assert_eq!(bad.as_deref(), Some("invalid_json"));
    }

    #[test]
    fn jsonl_lines_over_the_limit_are_rejected_and_the_next_line_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let fits = r#"{"text":"ab"}"#; // the limit, not counting its line break
        let long = format!(r#"{{"text":"{}"}}"#, "x".repeat(100));
        std::fs::write(&path, format!("{fits}\n{long}\n{fits}\n{long}")).unwrap();
        let units: Vec<(String, Option<String>)> = UnitWalker::new(std::slice::from_ref(&path))
            .with_limit(fits.len() as u64)
            .map(|u| (u.source, u.payload.err().map(|r| r.reason)))
            .collect();
        let too_large = Some("too_large".to_string());
        assert_eq!(units, vec![("a.jsonl#1".into(), None), ("a.jsonl#2".into(), too_large.clone()), ("a.jsonl#3".into(), None), ("a.jsonl#4".into(), too_large)]);
    }
}
