//! The main job: `relations-export [OPTIONS]`.

use super::{RunArgs, UsageError, EXIT_OK, EXIT_REJECTS};
use crate::config::Config;
use crate::export::Format;
use crate::log;
use crate::pipeline::{self, RunOptions};
use anyhow::Result;
use chrono::NaiveDate;
use std::io::IsTerminal;
use std::path::PathBuf;

pub fn execute(args: RunArgs, quiet: bool) -> Result<i32> {
    let opts = resolve(args, !quiet && std::io::stderr().is_terminal())?;
    log::info(
        "run started",
        &[("inputs", serde_json::json!(opts.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>())), ("output", serde_json::json!(opts.output.display().to_string()))],
    );
    // A metadata file that cannot be used is the caller's to fix: a usage error (exit 2).
    let s = pipeline::run(&opts).map_err(|e| match e.downcast_ref::<crate::ingest::metadata::MetadataError>() {
        Some(m) => UsageError(m.to_string()).into(),
        None => e,
    })?;
    let version = s.version.clone().unwrap_or_default();
    let fields = [
        ("documents", serde_json::json!(s.documents)),
        ("events", serde_json::json!(s.events)),
        ("stories", serde_json::json!(s.stories)),
        ("actors", serde_json::json!(s.actors)),
        ("mentions", serde_json::json!(s.mentions)),
        ("figures", serde_json::json!(s.figures)),
        ("sectors", serde_json::json!(s.sectors)),
        ("rejects", serde_json::json!(s.rejects)),
        ("version", serde_json::json!(version)),
        ("seconds", serde_json::json!((s.seconds * 100.0).round() / 100.0)),
    ];
    if s.up_to_date {
        log::info(&format!("up to date: the data equals the latest version {version}; nothing written"), &fields);
    } else {
        log::info(&format!("wrote version {version} to {}", opts.output.display()), &fields);
    }
    Ok(if s.failed_inputs > 0 { EXIT_REJECTS } else { EXIT_OK })
}

/// Flags over config file over defaults.
fn resolve(args: RunArgs, progress: bool) -> Result<RunOptions> {
    let config = Config::load(args.config.as_deref()).map_err(|e| UsageError(format!("{e:#}")))?;
    // Where each setting came from, for the log: a run is reproducible only if this is known.
    let from = |flag: bool, file: bool| if flag { "flag" } else if file { "config" } else { "default" };
    let inputs_from_flags = !args.input.is_empty();
    // The config file's metadata describes the config file's inputs: inputs named by flags do
    // not pick it up unless --metadata names it too.
    let config_metadata = if inputs_from_flags { None } else { config.metadata.clone() };
    if inputs_from_flags && args.metadata.is_none() {
        if let Some(m) = &config.metadata {
            log::info(&format!("the config file's metadata {} is not used: inputs named by --input do not take it (give --metadata to use it)", m.display()), &[]);
        }
    }
    let settings = serde_json::json!({
        "input": from(inputs_from_flags, !config.input.is_empty()),
        "output": from(args.output.is_some(), config.output.is_some()),
        "metadata": from(args.metadata.is_some(), config_metadata.is_some()),
        "format": from(args.format.is_some(), config.format.is_some()),
        "reference_date": from(args.reference_date.is_some(), config.reference_date.is_some()),
        "jobs": from(args.jobs.is_some(), config.jobs.is_some()),
        "keep": from(args.keep.is_some(), config.keep.is_some()),
        "csv_bom": from(args.csv_bom, config.csv_bom.is_some()),
        "max_article_mb": from(args.max_article_mb.is_some(), config.max_article_mb.is_some()),
        "max_article_seconds": from(args.max_article_seconds.is_some(), config.max_article_seconds.is_some()),
    });
    log::info("settings: where each came from (flag, config or default)", &[("settings", settings)]);
    let inputs = if inputs_from_flags { args.input } else { config.input };
    if inputs.is_empty() {
        return Err(UsageError(
            "no input: give files or folders with --input PATH, or set `input = [\"folder\"]` in relations-export.toml".into(),
        )
        .into());
    }
    for input in &inputs {
        if std::fs::symlink_metadata(input).is_err() {
            return Err(UsageError(format!("input {} does not exist", input.display())).into());
        }
    }
    let reference_date = match args.reference_date.or(config.reference_date) {
        Some(s) => Some(
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| UsageError(format!("--reference-date {s:?} is not a date like 2025-12-03")))?,
        ),
        None => None,
    };
    let jobs = args.jobs.or(config.jobs).unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    if jobs == 0 {
        return Err(UsageError("--jobs must be at least 1".into()).into());
    }
    if args.keep.or(config.keep) == Some(0) {
        return Err(UsageError("--keep must be at least 1".into()).into());
    }
    let max_article_bytes = match args.max_article_mb.or(config.max_article_mb) {
        Some(0) => return Err(UsageError("--max-article-mb must be at least 1".into()).into()),
        Some(mb) => mb.saturating_mul(1 << 20),
        None => crate::ingest::walk::MAX_FILE_BYTES,
    };
    let max_article_time = match args.max_article_seconds.or(config.max_article_seconds) {
        Some(s) if !(s > 0.0 && s.is_finite()) => return Err(UsageError(format!("--max-article-seconds {s} must be a positive number")).into()),
        Some(s) => std::time::Duration::from_secs_f64(s),
        None => relations_core::run::DEFAULT_ARTICLE_TIME,
    };
    Ok(RunOptions {
        inputs,
        output: args.output.or(config.output).unwrap_or_else(|| PathBuf::from("relations-data")),
        metadata: args.metadata.or(config_metadata),
        format: args.format.or(config.format).unwrap_or(Format::Parquet),
        reference_date,
        jobs,
        keep: args.keep.or(config.keep),
        csv_bom: args.csv_bom || config.csv_bom.unwrap_or(false),
        max_article_bytes,
        max_article_time,
        progress,
    })
}
