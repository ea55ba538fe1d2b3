//! Integration tests: the binary on the bundled examples, bad inputs, and (when ../shared is
//! present) the real articles with their gold annotations.

mod bad_input;
mod fuzz;
mod common;
mod examples;
mod interop;
mod shared_corpus;
mod versions;
