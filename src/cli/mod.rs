//! Command line: one file per subcommand; `main` only dispatches.

pub mod inspect;
pub mod progress;
pub mod run;
pub mod schema;
pub mod validate;

use crate::export::Format;
use crate::log::LogFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Exit codes (SPEC §1).
pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_REJECTS: i32 = 3;

#[derive(Debug, Parser)]
#[command(name = "relations-export", version, about = "Arabic news articles about Libya's foreign relations into a versioned dataset of events, actors, figures and sectors")]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub logging: LogArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print what one article yields: events, actors, figures, sectors
    Inspect(inspect::InspectArgs),
    /// Print the schema files (all tables, or one)
    Schema(schema::SchemaArgs),
    /// Check a dataset version against its manifest checksums and schemas
    Validate(validate::ValidateArgs),
}

#[derive(Debug, Args, Default)]
pub struct RunArgs {
    /// Files or folders (recursive): .txt, .html/.htm, .json, .jsonl
    #[arg(short, long, num_args = 1..)]
    pub input: Vec<PathBuf>,
    /// Dataset root [default: relations-data]
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output format [default: parquet]
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// CSV or JSONL: source path or id -> url, outlet, title, published
    #[arg(long)]
    pub metadata: Option<PathBuf>,
    /// Fallback anchor (YYYY-MM-DD) for relative dates when a document has no date
    #[arg(long)]
    pub reference_date: Option<String>,
    /// Start CSV files with a UTF-8 byte-order mark, so that spreadsheet programs show the Arabic
    #[arg(long)]
    pub csv_bom: bool,
    /// Keep the newest N versions [default: all]
    #[arg(long)]
    pub keep: Option<usize>,
    /// Settings file [default: ./relations-export.toml if present]
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Worker threads [default: all cores]
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// Largest article read, file or JSONL line, in MiB; larger ones are `too_large` rejects [default: 64]
    #[arg(long)]
    pub max_article_mb: Option<u64>,
    /// Longest time one article may take to read and extract; slower ones are `too_slow` rejects [default: 60]
    #[arg(long)]
    pub max_article_seconds: Option<f64>,
}

#[derive(Debug, Args, Default)]
pub struct LogArgs {
    /// Less logging (errors only)
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More logging
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Log line format
    #[arg(long, value_enum, default_value_t = LogFormatArg::Text, global = true)]
    pub log_format: LogFormatArg,
}

/// `--log-format`: the core's `LogFormat`, as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormatArg {
    #[default]
    Text,
    Json,
}

impl From<LogFormatArg> for LogFormat {
    fn from(f: LogFormatArg) -> LogFormat {
        match f {
            LogFormatArg::Text => LogFormat::Text,
            LogFormatArg::Json => LogFormat::Json,
        }
    }
}

/// An error in how the tool was called (exit 2), as opposed to a failed run (exit 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
