//! The Table Schemas in `schemas/` are the contract of every table; they are embedded here,
//! once, so that each writer (the CLI's Parquet and CSV, the Python package's Arrow) derives its
//! types from the same files and none can drift from them.

use serde::Deserialize;
use std::sync::LazyLock;

pub const SCHEMA_VERSION: &str = "1.3.0";

/// Output tables in the order they are written and listed.
pub const TABLES: [&str; 8] = ["documents", "events", "stories", "actors", "mentions", "figures", "sectors", "rejects"];

const SCHEMA_FILES: [(&str, &str); 8] = [
    ("documents", include_str!("../../../schemas/documents.json")),
    ("events", include_str!("../../../schemas/events.json")),
    ("stories", include_str!("../../../schemas/stories.json")),
    ("actors", include_str!("../../../schemas/actors.json")),
    ("mentions", include_str!("../../../schemas/mentions.json")),
    ("figures", include_str!("../../../schemas/figures.json")),
    ("sectors", include_str!("../../../schemas/sectors.json")),
    ("rejects", include_str!("../../../schemas/rejects.json")),
];

#[derive(Debug, Deserialize, Clone)]
pub struct FieldSchema {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// utf8, int32, float64, bool, date32 or list<utf8>.
    pub arrow_type: String,
    #[serde(default)]
    pub constraints: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct TableSchema {
    pub name: String,
    pub schema_version: String,
    pub fields: Vec<FieldSchema>,
}

#[derive(Debug, thiserror::Error)]
#[error("unknown table '{0}'; tables: documents, events, stories, actors, mentions, figures, sectors, rejects")]
pub struct UnknownTable(pub String);

static SCHEMAS: LazyLock<Vec<TableSchema>> = LazyLock::new(|| {
    SCHEMA_FILES
        .iter()
        .map(|(name, text)| {
            // The files are compiled in; a broken one is a build defect caught by the tests.
            serde_json::from_str(text).unwrap_or_else(|e| panic!("schemas/{name}.json is invalid: {e}"))
        })
        .collect()
});

pub fn table(name: &str) -> Result<&'static TableSchema, UnknownTable> {
    SCHEMAS.iter().find(|t| t.name == name).ok_or_else(|| UnknownTable(name.to_string()))
}

/// The raw JSON text of a schema file, as shipped.
pub fn raw(name: &str) -> Option<&'static str> {
    SCHEMA_FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The column types the schema files use, so that each writer (polars, Arrow) maps them with
/// one exhaustive match instead of reading the strings again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Utf8,
    Int32,
    Float64,
    Bool,
    Date32,
    ListUtf8,
}

impl FieldSchema {
    /// The field's `arrow_type`; the files are compiled in, and a test checks every one parses.
    pub fn column_type(&self) -> ColumnType {
        match self.arrow_type.as_str() {
            "utf8" => ColumnType::Utf8,
            "int32" => ColumnType::Int32,
            "float64" => ColumnType::Float64,
            "bool" => ColumnType::Bool,
            "date32" => ColumnType::Date32,
            "list<utf8>" => ColumnType::ListUtf8,
            other => panic!("schemas: unsupported arrow_type {other} in field {}", self.name),
        }
    }

    pub fn required(&self) -> bool {
        self.constraints.as_ref().and_then(|c| c.get("required")).and_then(|r| r.as_bool()).unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_its_file_and_the_current_version() {
        for name in TABLES {
            let t = table(name).unwrap();
            assert_eq!(t.name, name);
            assert_eq!(t.schema_version, SCHEMA_VERSION, "schemas/{name}.json");
            for f in &t.fields {
                f.column_type();
            }
        }
        assert!(table("people").unwrap_err().to_string().contains("tables: documents"));
    }
}
