//! The Arrow schema of each table, derived from `schemas/` (through `relations_core::schema`,
//! which embeds the files): the one place Arrow types are read off the contract.

use arrow_schema::{DataType, Field, Schema, SchemaRef};
use relations_core::schema::{self as contract, ColumnType, FieldSchema, UnknownTable, SCHEMA_VERSION, TABLES};
use std::sync::{Arc, LazyLock};

/// The Arrow type an `arrow_type` of the schema files names. A list's items are nullable
/// strings named `item`, as pyarrow's `list_(string())` and the Parquet files have them.
fn data_type(field: &FieldSchema) -> DataType {
    match field.column_type() {
        ColumnType::Utf8 => DataType::Utf8,
        ColumnType::Int32 => DataType::Int32,
        ColumnType::Float64 => DataType::Float64,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::Date32 => DataType::Date32,
        ColumnType::ListUtf8 => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
    }
}

static SCHEMAS: LazyLock<Vec<SchemaRef>> = LazyLock::new(|| {
    TABLES
        .iter()
        .map(|name| {
            let table = contract::table(name).expect("every table has a schema file");
            let fields: Vec<Field> = table.fields.iter().map(|f| Field::new(&f.name, data_type(f), !f.required())).collect();
            let metadata = std::collections::HashMap::from([("relations_export.schema_version".to_string(), SCHEMA_VERSION.to_string())]);
            Arc::new(Schema::new_with_metadata(fields, metadata))
        })
        .collect()
});

/// The table's schema: its columns in order, their types, and null only where not required.
pub fn arrow_schema(table: &str) -> Result<SchemaRef, UnknownTable> {
    TABLES.iter().position(|t| *t == table).map(|i| SCHEMAS[i].clone()).ok_or_else(|| UnknownTable(table.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_follow_the_files() {
        let events = arrow_schema("events").unwrap();
        let field = |name: &str| events.field_with_name(name).unwrap().clone();
        assert_eq!(events.fields().len(), contract::table("events").unwrap().fields.len());
        assert_eq!(events.field(2).name(), "story_id");
        assert_eq!(field("event_id"), Field::new("event_id", DataType::Utf8, false));
        assert_eq!(field("event_date"), Field::new("event_date", DataType::Date32, true));
        assert_eq!(field("char_start"), Field::new("char_start", DataType::Int32, false));
        assert!(matches!(field("countries").data_type(), DataType::List(item) if item.data_type() == &DataType::Utf8));
        assert_eq!(arrow_schema("actors").unwrap().field_with_name("in_registry").unwrap().data_type(), &DataType::Boolean);
        assert!(arrow_schema("people").is_err());
    }
}
