//! Text layer: normalization for matching (with a map back to the original), sentences and
//! their clauses, clitics, words and offsets.

pub mod clauses;
pub mod clitics;
pub mod letters;
pub mod normalize;
pub mod offsets;
pub mod romanize;
pub mod sentences;
pub mod words;

pub use normalize::{normalize, Normalized};
pub use offsets::CharIndex;
pub use sentences::sentences;

/// Quotation marks as Arabic and English news write them, straight and curly.
pub const QUOTATION_MARKS: &str = "\"“”«»";
