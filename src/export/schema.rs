//! The Table Schemas in `schemas/` are the contract; they are embedded here and every written
//! table is checked against them.

use anyhow::{bail, Context, Result};
use polars::prelude::*;
use serde::Deserialize;
use std::sync::LazyLock;

pub const SCHEMA_VERSION: &str = "1.3.0";

/// Output tables in the order they are written and listed.
pub const TABLES: [&str; 8] = ["documents", "events", "stories", "actors", "mentions", "figures", "sectors", "rejects"];

const SCHEMA_FILES: [(&str, &str); 8] = [
    ("documents", include_str!("../../schemas/documents.json")),
    ("events", include_str!("../../schemas/events.json")),
    ("stories", include_str!("../../schemas/stories.json")),
    ("actors", include_str!("../../schemas/actors.json")),
    ("mentions", include_str!("../../schemas/mentions.json")),
    ("figures", include_str!("../../schemas/figures.json")),
    ("sectors", include_str!("../../schemas/sectors.json")),
    ("rejects", include_str!("../../schemas/rejects.json")),
];

#[derive(Debug, Deserialize, Clone)]
pub struct FieldSchema {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
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

static SCHEMAS: LazyLock<Vec<TableSchema>> = LazyLock::new(|| {
    SCHEMA_FILES
        .iter()
        .map(|(name, text)| {
            // The files are compiled in; a broken one is a build defect caught by the tests.
            serde_json::from_str(text).unwrap_or_else(|e| panic!("schemas/{name}.json is invalid: {e}"))
        })
        .collect()
});

pub fn table(name: &str) -> Result<&'static TableSchema> {
    SCHEMAS.iter().find(|t| t.name == name).with_context(|| format!("unknown table '{name}'; tables: {}", TABLES.join(", ")))
}

/// The raw JSON text of a schema file, as shipped.
pub fn raw(name: &str) -> Option<&'static str> {
    SCHEMA_FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

impl FieldSchema {
    pub fn dtype(&self) -> DataType {
        match self.arrow_type.as_str() {
            "utf8" => DataType::String,
            "int32" => DataType::Int32,
            "float64" => DataType::Float64,
            "bool" => DataType::Boolean,
            "date32" => DataType::Date,
            "list<utf8>" => DataType::List(Box::new(DataType::String)),
            other => panic!("schemas: unsupported arrow_type {other}"),
        }
    }

    pub fn required(&self) -> bool {
        self.constraints.as_ref().and_then(|c| c.get("required")).and_then(|r| r.as_bool()).unwrap_or(false)
    }
}

impl TableSchema {
    pub fn polars_schema(&self) -> Schema {
        self.fields.iter().map(|f| Field::new(f.name.as_str().into(), f.dtype())).collect()
    }

    /// Fails unless `df` has exactly this table's columns, in order, with their types.
    pub fn check(&self, df: &DataFrame) -> Result<()> {
        let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
        let want: Vec<&str> = self.fields.iter().map(|f| f.name.as_str()).collect();
        if names != want {
            bail!("table {}: columns {:?} differ from schemas/{}.json {:?}", self.name, names, self.name, want);
        }
        for (col, field) in df.columns().iter().zip(&self.fields) {
            if col.dtype() != &field.dtype() {
                bail!("table {}: column {} has type {:?}, schema says {}", self.name, field.name, col.dtype(), field.arrow_type);
            }
            if field.required() && col.null_count() > 0 {
                bail!("table {}: required column {} has {} nulls", self.name, field.name, col.null_count());
            }
        }
        Ok(())
    }
}
