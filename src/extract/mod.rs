//! Extractors: dates, numbers and figures, actors, events and sectors.

pub mod dates;

use crate::model::{Document, Extraction};

/// Everything one document yields.
pub fn extract(_doc: &Document) -> Extraction {
    Extraction::default()
}
