//! relations-core: the extraction of relations-export, without the tables' writers.
//!
//! ingest (files, encodings, HTML, metadata, boilerplate) → text (normalization, sentences,
//! offsets) → extract (dates, numbers, actors, events, sectors) → stories (the reports of one
//! occurrence, linked across documents) and reprints (documents nearly another's). Records are
//! plain structs (`model`); the CLI crate frames and writes them, and a Python binding can
//! call the same functions. The rules' data (`data/`) and phrase corpora (`tests/phrases/`)
//! live here, beside the code that reads them.

pub mod extract;
pub mod ingest;
pub mod log;
pub mod model;
pub mod reprints;
pub mod run;
pub mod schema;
pub mod stories;
pub mod text;
