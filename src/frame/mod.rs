//! Records into polars DataFrames, one function per table, columns exactly as in `schemas/`.

pub mod columns;
pub mod tables;

pub use tables::{actors_frame, figures_frame, link_events, mark_reprints, mentions_frame, rejects_frame, sectors_frame, stories_frame, unlinked_events_frame, unmarked_documents_frame};
