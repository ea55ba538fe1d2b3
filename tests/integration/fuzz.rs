//! A bounded, seeded mutation fuzzer over `prepare` + `extract` (text, HTML and JSON units) and
//! over JSONL reading. It runs in `cargo test` with a fixed seed and budget; a longer run:
//!
//!     FUZZ_SECONDS=600 FUZZ_SEED=7 cargo test --release --test integration fuzz -- --nocapture
//!
//! A panicking input is written to `target/fuzz-crashes/` and the test fails; keep it in
//! `tests/fuzz_regressions/` so that every later run replays it.

use relations_export::extract;
use relations_export::ingest::document::PrepareOptions;
use relations_export::ingest::{prepare, InputUnit, MetadataIndex, Payload, UnitWalker};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Pieces that steer mutations toward what the extractors and parsers react to.
const DICTIONARY: &[&str] = &[
    "في", "يوم", "عام", "2024", "٢٠٢٤", "١.٧", "5 مارس", "الماضي", "المقبل", "مليار", "مليون", "دولار", "يورو", "دينار",
    "وزير الخارجية", "السفير", "ليبيا", "إيطاليا", "طرابلس", "بنغازي", "شركة", "وزارة", "اتفاقية", "زيارة", "وقع", "التقى",
    "ما بين", "و", "ال", "،", ".", "؟", "؛", ":", "-", "\n", "\n\n", " ", "\u{064E}", "\u{0640}", "\u{200F}", "\u{FEFF}",
    "\u{FFFD}", "<div>", "</div>", "<p>", "<article>", "<!--", "<script>", "&amp;", "&#x0;", "\"", "\\", "{", "}", "[", "]",
    "\"text\":", "\\u0000", "\\ud800", "\r\n", "\0", "%", "1e309", "-0", "http://x.ly/", "(رويترز) -",
];

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => bytes.insert(at, rng.next() as u8),
            2 if at < bytes.len() => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 if at < bytes.len() => {
                let end = (at + 1 + rng.below(256)).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                for _ in 0..1 + rng.below(20) {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
            4 => bytes.truncate(at),
            _ => {
                let word = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
                bytes.splice(at..at, word.iter().copied());
            }
        }
    }
    bytes
}

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(crate::common::examples())
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect::<Vec<PathBuf>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    seeds.sort();
    seeds.extend(regressions().into_iter().map(|(_, bytes)| bytes));
    seeds.push(Vec::new());
    seeds
}

fn regressions() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = crate::common::repo().join("tests/fuzz_regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    files.into_iter().filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b))).collect()
}

/// Runs one input as a text file, an HTML page and a JSON object; the panic message if any.
fn run_units(bytes: &[u8]) -> Option<String> {
    let metadata = MetadataIndex::default();
    let opts = PrepareOptions { metadata: &metadata, reference_date: None };
    let as_json = serde_json::json!({"id": "f", "text": String::from_utf8_lossy(bytes)});
    let payloads = [Payload::Text(bytes.to_vec()), Payload::Html(bytes.to_vec()), Payload::Json(as_json, 0)];
    for payload in payloads {
        let unit = InputUnit { source: "fuzz".into(), file: "fuzz".into(), payload: Ok(payload), bytes: bytes.len() as u64 };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if let Ok(doc) = prepare(unit, &opts) {
                let ex = extract::extract(&doc);
                // Every record's offsets lie inside the text, on character boundaries.
                let n = doc.text.chars().count() as i64;
                for m in &ex.mentions {
                    assert!(0 <= m.char_start && m.char_start <= m.char_end && i64::from(m.char_end) <= n, "mention offsets");
                }
            }
        }));
        if let Err(panic) = outcome {
            return Some(panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default());
        }
    }
    None
}

/// Reads a JSONL file of mutated lines; every line must come back as one unit.
fn run_jsonl(dir: &Path, lines: &[Vec<u8>]) -> Result<(), String> {
    let path = dir.join("fuzz.jsonl");
    std::fs::write(&path, lines.join(&b'\n')).unwrap();
    let outcome = catch_unwind(|| UnitWalker::new(std::slice::from_ref(&path)).count());
    let units = outcome.map_err(|_| "the JSONL walker panicked".to_string())?;
    let joined = lines.join(&b'\n');
    let without_bom = joined.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(&joined);
    let expected = without_bom.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
    // A UTF-16 BOM makes the file one transcoded text: its lines are counted after decoding.
    if units != expected && !lines.first().is_some_and(|l| l.starts_with(&[0xFF, 0xFE]) || l.starts_with(&[0xFE, 0xFF])) {
        return Err(format!("{units} units for {expected} lines"));
    }
    Ok(())
}

fn keep_crash(bytes: &[u8], what: &str) -> String {
    let dir = crate::common::repo().join("target/fuzz-crashes");
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("crash-{:016x}", bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)));
    std::fs::write(dir.join(&name), bytes).unwrap();
    format!("{what}: input kept as target/fuzz-crashes/{name}")
}

pub fn fuzz_prepare_extract_and_jsonl_without_a_panic() {
    let seed: u64 = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_261_207);
    let budget = std::env::var("FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).map(Duration::from_secs);
    // Without a time budget the run is a fixed number of executions: the same inputs every time.
    let executions: usize = std::env::var("FUZZ_EXECUTIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_500);
    for (path, bytes) in regressions() {
        assert_eq!(run_units(&bytes), None, "regression input {} panics again", path.display());
    }
    let seeds = seeds();
    let mut rng = Rng(seed | 1);
    let work = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut done = 0usize;
    while budget.map_or(done < executions, |b| started.elapsed() < b) {
        let base = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, base);
        if let Some(panic) = run_units(&input) {
            failures.push(keep_crash(&input, &panic));
        }
        if done % 10 == 0 {
            let lines: Vec<Vec<u8>> = (0..8)
                .map(|_| {
                    let base = &seeds[rng.below(seeds.len())];
                    mutate(&mut rng, base).into_iter().filter(|&b| b != b'\n').collect()
                })
                .collect();
            if let Err(problem) = run_jsonl(work.path(), &lines) {
                failures.push(keep_crash(&lines.join(&b'\n'), &problem));
            }
        }
        done += 1;
    }
    eprintln!("fuzz: seed {seed}, {done} executions (x3 unit kinds, JSONL every 10th) in {:.1} s, {} failures", started.elapsed().as_secs_f64(), failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
