//! The export run: stream input units in batches through ingest and extraction on a rayon
//! pool, append each batch to the table files, link the run's events into stories, then
//! publish the version. What the run makes of its articles (de-duplication, distinct actors,
//! reprints, stories) is the core's `run`, which the Python package calls too; this is the I/O
//! around it.

use crate::export::manifest::{sha256_file, FileEntry, Manifest};
use crate::export::schema::{self, SCHEMA_VERSION};
use crate::export::sink::{Format, TableSink, WrittenFile};
use crate::export::version::DatasetRoot;
use crate::export::held_back::HeldBack;
use crate::export::{datapackage, validate};
use crate::frame;
use crate::ingest::document::PrepareOptions;
use crate::ingest::{MetadataIndex, UnitWalker};
use crate::log;
use crate::model::*;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use rayon::prelude::*;
use relations_core::run::{self, Added, Assembly, Batch, Finish};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

/// Units per batch and raw bytes per batch: what is held in memory at once. A batch is one
/// Parquet row group; at 512 units, page set-up (a zstd context per page) was 2% of the run.
const BATCH_UNITS: usize = 2048;
const BATCH_BYTES: u64 = 32 * 1024 * 1024;

pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub output: PathBuf,
    pub metadata: Option<PathBuf>,
    pub format: Format,
    pub reference_date: Option<NaiveDate>,
    pub jobs: usize,
    pub keep: Option<usize>,
    /// CSV files open with a UTF-8 byte-order mark (for spreadsheet programs).
    pub csv_bom: bool,
    /// Size budget of one article (file or JSONL line).
    pub max_article_bytes: u64,
    /// Time budget of one article, from reading to extraction.
    pub max_article_time: std::time::Duration,
    pub progress: bool,
}

#[derive(Debug, Default, Clone)]
pub struct RunSummary {
    pub units: u64,
    pub documents: u64,
    pub events: u64,
    pub stories: u64,
    pub actors: u64,
    pub mentions: u64,
    pub figures: u64,
    pub sectors: u64,
    pub rejects: u64,
    /// Rejects other than exact duplicates of an earlier document.
    pub failed_inputs: u64,
    pub version: Option<String>,
    pub up_to_date: bool,
    pub seconds: f64,
}

pub fn run(opts: &RunOptions) -> Result<RunSummary> {
    let started = Instant::now();
    let metadata = match &opts.metadata {
        Some(p) => MetadataIndex::load(p)?,
        None => MetadataIndex::default(),
    };
    let root = DatasetRoot::open(&opts.output, || log::info("another run holds the dataset lock; waiting for it to finish", &[]))?;
    let tmp = root.new_temporary()?;
    let result = write_version(opts, &metadata, &root, &tmp, started);
    if result.is_err() || tmp.exists() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

fn write_version(opts: &RunOptions, metadata: &MetadataIndex, root: &DatasetRoot, tmp: &std::path::Path, started: Instant) -> Result<RunSummary> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.jobs.max(1)).build().context("cannot start worker threads")?;
    let prepare_opts = PrepareOptions { metadata, reference_date: opts.reference_date };
    let mut sinks: HashMap<&str, TableSink> = HashMap::new();
    for name in schema::TABLES {
        sinks.insert(name, TableSink::create(tmp, schema::table(name)?, opts.format, opts.csv_bom)?);
    }

    let mut walker = UnitWalker::new(&opts.inputs).with_limit(opts.max_article_bytes);
    let progress = crate::cli::progress::Progress::new(opts.progress, walker.total_bytes());
    let mut summary = RunSummary::default();
    let mut fingerprint = Sha256::new();
    let mut assembly = Assembly::default();
    // Events wait on disk for their story, documents for their reprint mark; what linking and
    // marking need of them stays in memory, in the assembly.
    let mut unlinked_events = HeldBack::create(tmp.join(".events-unlinked"))?;
    let mut unmarked_documents = HeldBack::create(tmp.join(".documents-unmarked"))?;

    // Extracting the next batch overlaps writing this one: a reader thread walks the inputs and
    // runs the pool, this thread deduplicates and writes, in input order. One batch waits at most.
    std::thread::scope(|scope| -> Result<()> {
        let (batches, received) = std::sync::mpsc::sync_channel::<(Vec<Outcome>, u64)>(1);
        let reader = scope.spawn(move || loop {
            let mut units = Vec::new();
            let mut bytes = 0;
            while units.len() < BATCH_UNITS && bytes < BATCH_BYTES {
                match walker.next() {
                    Some(u) => {
                        bytes += u.bytes;
                        units.push(u);
                    }
                    None => break,
                }
            }
            if units.is_empty() {
                return;
            }
            let outcomes: Vec<Outcome> = pool.install(|| {
                units
                    .into_par_iter()
                    .map(|unit| run::read_unit(unit, &prepare_opts, opts.max_article_time))
                    .collect()
            });
            if batches.send((outcomes, bytes)).is_err() {
                return; // the writer stopped on an error
            }
        });

        // One batch's buffers serve every batch: growing fresh multi-megabyte vectors each
        // time made the kernel zero new pages over and over.
        let mut batch = Batch::default();
        for (outcomes, bytes) in received {
            for outcome in outcomes {
                summary.units += 1;
                match &outcome {
                    Outcome::Document(boxed) => fingerprint.update(format!("{}\t{}\n", boxed.0.source, boxed.0.doc_id)),
                    Outcome::Rejected(reject) => fingerprint.update(format!("{}\t!{}\n", reject.source, reject.reason)),
                }
                if assembly.add(outcome, &mut batch) == Added::Failed {
                    summary.failed_inputs += 1;
                }
            }
            summary.documents += batch.documents.len() as u64;
            summary.events += batch.events.len() as u64;
            summary.mentions += batch.mentions.len() as u64;
            summary.figures += batch.figures.len() as u64;
            summary.sectors += batch.sectors.len() as u64;
            summary.rejects += batch.rejects.len() as u64;
            for r in &batch.rejects {
                log::warn(&format!("rejected {}: {} ({})", r.source, r.reason, r.detail));
            }
            write_batch(&mut sinks, &mut unmarked_documents, &mut unlinked_events, &batch)?;
            batch.clear();
            progress.advance(bytes, summary.documents);
        }
        reader.join().map_err(|_| anyhow::anyhow!("the extraction thread failed; please report this with the input that caused it"))
    })?;
    progress.finish();
    let Finish { reprints, stories, actors } = assembly.finish();

    // The two held-back tables need the whole run and not each other: documents get their
    // reprint marks on one thread while stories are linked on this one.
    let mut documents_sink = sinks.remove("documents").context("no sink for documents")?;
    let mark_documents = move || -> Result<TableSink> {
        let duplicate_of = run::reprint_marks(reprints);
        let mut marked = 0;
        unmarked_documents.drain(|df| {
            let n = df.height();
            let marks = &duplicate_of[marked..marked + n];
            marked += n;
            documents_sink.write(frame::mark_reprints(df, marks.iter().map(Option::as_deref))?)
        })?;
        Ok(documents_sink)
    };
    let link_stories = |sinks: &mut HashMap<&str, TableSink>| -> Result<u64> {
        let linking = Instant::now();
        let stories = stories.link();
        log::debug(&format!("linked {} stories in {:.2} s", stories.len(), linking.elapsed().as_secs_f64()));
        for start in (0..stories.len()).step_by(BATCH_UNITS) {
            let rows = stories.rows(start..(start + BATCH_UNITS).min(stories.len()));
            sink(sinks, "stories")?.write(frame::stories_frame(&rows)?)?;
        }
        let mut linked = 0;
        unlinked_events.drain(|df| {
            let n = df.height();
            let ids: Vec<String> = (linked..linked + n).map(|i| stories.story_id_of(i)).collect();
            linked += n;
            sink(sinks, "events")?.write(frame::link_events(df, ids.iter().map(String::as_str))?)
        })?;
        Ok(stories.len() as u64)
    };
    let (documents_sink, n_stories) = std::thread::scope(|scope| {
        let documents = scope.spawn(mark_documents);
        let n_stories = link_stories(&mut sinks);
        let documents = documents.join().map_err(|_| anyhow::anyhow!("marking reprints failed; please report this with the input that caused it"));
        (documents, n_stories)
    });
    sinks.insert("documents", documents_sink??);
    summary.stories = n_stories?;

    summary.actors = actors.len() as u64;
    sink(&mut sinks, "actors")?.write(frame::actors_frame(&actors)?)?;

    let kv = [("relations_export.schema_version", SCHEMA_VERSION.to_string()), ("relations_export.version", TOOL_VERSION.to_string())];
    let mut written: Vec<WrittenFile> = Vec::new();
    for name in schema::TABLES {
        let s = sinks.remove(name).context("sink missing")?;
        written.extend(s.finish(tmp, &kv)?);
    }
    let mut files = Vec::new();
    for w in &written {
        let (sha256, bytes) = sha256_file(&w.path)?;
        let path = w.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        files.push(FileEntry { path, table: w.table.clone(), format: w.format.into(), rows: w.rows, bytes, sha256 });
    }

    // Same data as the latest version: nothing new to publish.
    if let Some(latest) = root.latest() {
        if let Ok(previous) = Manifest::read(&root.path_of(&latest)) {
            if Manifest::content_key(&previous.files) == Manifest::content_key(&files) {
                std::fs::remove_dir_all(tmp)?;
                summary.version = Some(latest);
                summary.up_to_date = true;
                summary.seconds = started.elapsed().as_secs_f64();
                return Ok(summary);
            }
        }
    }

    let name = root.next_name()?;
    let manifest = Manifest {
        version: name.clone(),
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        tool: "relations-export".into(),
        tool_version: TOOL_VERSION.into(),
        schema_version: SCHEMA_VERSION.into(),
        input_fingerprint: crate::export::manifest::hex(&fingerprint.finalize()),
        options: serde_json::json!({
            "inputs": opts.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
            "metadata": opts.metadata.as_ref().map(|p| p.display().to_string()),
            "format": opts.format.as_str(),
            "csv_bom": opts.csv_bom,
            "reference_date": opts.reference_date.map(|d| d.to_string()),
        }),
        counts: serde_json::json!({
            "input_units": summary.units, "documents": summary.documents, "events": summary.events,
            "stories": summary.stories,
            "actors": summary.actors, "mentions": summary.mentions, "figures": summary.figures,
            "sectors": summary.sectors, "rejects": summary.rejects,
        }),
        files: files.clone(),
    };
    write_json(&tmp.join("manifest.json"), &serde_json::to_value(&manifest)?)?;
    write_json(&tmp.join("datapackage.json"), &datapackage::build(&name, &files, opts.csv_bom)?)?;
    let problems = validate::validate_version(tmp, validate::Checksums::Trust)?;
    if !problems.is_empty() {
        anyhow::bail!("the new version failed its own validation: {}", problems.join("; "));
    }
    root.publish(tmp, &name)?;
    if let Some(keep) = opts.keep {
        for removed in root.prune(keep)? {
            log::info(&format!("removed old version {removed} (--keep {keep})"), &[]);
        }
    }
    summary.version = Some(name);
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn sink<'a>(sinks: &'a mut HashMap<&str, TableSink>, name: &str) -> Result<&'a mut TableSink> {
    sinks.get_mut(name).with_context(|| format!("no sink for {name}"))
}

fn write_batch(sinks: &mut HashMap<&str, TableSink>, unmarked_documents: &mut HeldBack, unlinked_events: &mut HeldBack, b: &Batch) -> Result<()> {
    unmarked_documents.write(frame::unmarked_documents_frame(&b.documents)?)?;
    unlinked_events.write(frame::unlinked_events_frame(&b.events)?)?;
    sink(sinks, "mentions")?.write(frame::mentions_frame(&b.mentions)?)?;
    sink(sinks, "figures")?.write(frame::figures_frame(&b.figures)?)?;
    sink(sinks, "sectors")?.write(frame::sectors_frame(&b.sectors)?)?;
    sink(sinks, "rejects")?.write(frame::rejects_frame(&b.rejects)?)?;
    Ok(())
}

fn write_json(path: &std::path::Path, value: &serde_json::Value) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    let f = std::fs::File::create(path)?;
    use std::io::Write;
    let mut w = std::io::BufWriter::new(f);
    w.write_all(text.as_bytes())?;
    w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    Ok(())
}
