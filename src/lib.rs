//! relations-export: Arabic news articles about Libya's foreign relations into a versioned,
//! typed dataset of events, actors, figures and sectors with their evidence.
//!
//! ingest (files, encodings, HTML, metadata, boilerplate) → text (normalization, sentences,
//! offsets) → extract (dates, numbers, actors, events, sectors) → stories (the reports of one
//! occurrence, linked across documents) and reprints (documents nearly another's) → frame
//! (records into polars DataFrames) → export (Parquet, CSV, schemas, manifest, versions).

//!
//! The extraction (ingest to stories) is the `relations-core` crate, which does not depend on
//! polars; its modules are re-exported here under the names they always had.

pub mod cli;
pub mod config;
pub mod export;
pub mod frame;
pub mod pipeline;

pub use relations_core::{data_file, extract, ingest, log, model, reprints, stories, text};
