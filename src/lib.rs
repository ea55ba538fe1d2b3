//! relations-export: Arabic news articles about Libya's foreign relations into a versioned,
//! typed dataset of events, actors, figures and sectors with their evidence.
//!
//! ingest (files, encodings, HTML, metadata, boilerplate) → text (normalization, sentences,
//! offsets) → extract (dates, numbers, actors, events, sectors) → stories (the reports of one
//! occurrence, linked across documents) and reprints (documents nearly another's) → frame
//! (records into polars DataFrames) → export (Parquet, CSV, schemas, manifest, versions).

pub mod cli;
pub mod config;
pub mod export;
pub mod extract;
pub mod frame;
pub mod ingest;
pub mod log;
pub mod model;
pub mod pipeline;
pub mod reprints;
pub mod stories;
pub mod text;
