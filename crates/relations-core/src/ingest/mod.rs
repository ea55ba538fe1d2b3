//! Ingest: input files and lines in, clean documents (or reject rows) out.
//!
//! walk (files, folders, JSON/JSONL units) → decode (encodings) → html (markup) →
//! boilerplate (widgets, "read also" blocks) → metadata (sidecar, publication date).

pub mod boilerplate;
pub mod decode;
pub mod document;
pub mod html;
pub mod metadata;
pub mod walk;

pub use document::prepare;
pub use metadata::MetadataIndex;
pub use walk::{InputUnit, Payload, UnitWalker};
