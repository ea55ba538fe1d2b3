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

/// Is `c` a quotation mark as Arabic and English news write them, straight or curly?
pub fn is_quotation_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»')
}
