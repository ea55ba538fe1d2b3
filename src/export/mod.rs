//! Writing a dataset version: Parquet and CSV sinks, schemas, manifest, data package, versions.

pub mod csv;
pub mod datapackage;
pub mod held_back;
pub mod manifest;
pub mod parquet;
pub mod schema;
pub mod sink;
pub mod validate;
pub mod version;

pub use sink::Format;
