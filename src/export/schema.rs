//! The Table Schemas in `schemas/` (embedded by the core, `relations_core::schema`) as polars
//! types; every written table is checked against them.

use anyhow::{bail, Result};
use polars::prelude::*;

pub use relations_core::schema::{raw, table, ColumnType, FieldSchema, TableSchema, SCHEMA_VERSION, TABLES};

fn dtype(field: &FieldSchema) -> DataType {
    match field.column_type() {
        ColumnType::Utf8 => DataType::String,
        ColumnType::Int32 => DataType::Int32,
        ColumnType::Float64 => DataType::Float64,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::Date32 => DataType::Date,
        ColumnType::ListUtf8 => DataType::List(Box::new(DataType::String)),
    }
}

/// A table's schema in polars terms.
pub trait PolarsTable {
    fn polars_schema(&self) -> Schema;
    /// Fails unless `df` has exactly this table's columns, in order, with their types.
    fn check(&self, df: &DataFrame) -> Result<()>;
}

impl PolarsTable for TableSchema {
    fn polars_schema(&self) -> Schema {
        self.fields.iter().map(|f| Field::new(f.name.as_str().into(), dtype(f))).collect()
    }

    fn check(&self, df: &DataFrame) -> Result<()> {
        let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
        let want: Vec<&str> = self.fields.iter().map(|f| f.name.as_str()).collect();
        if names != want {
            bail!("table {}: columns {:?} differ from schemas/{}.json {:?}", self.name, names, self.name, want);
        }
        for (col, field) in df.columns().iter().zip(&self.fields) {
            if col.dtype() != &dtype(field) {
                bail!("table {}: column {} has type {:?}, schema says {}", self.name, field.name, col.dtype(), field.arrow_type);
            }
            if field.required() && col.null_count() > 0 {
                bail!("table {}: required column {} has {} nulls", self.name, field.name, col.null_count());
            }
        }
        Ok(())
    }
}
