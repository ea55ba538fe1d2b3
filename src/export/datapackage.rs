//! datapackage.json: a Frictionless Tabular Data Package describing the version's files.

use super::manifest::FileEntry;
use super::schema;
use anyhow::Result;
use serde_json::{json, Value};

/// `csv_bom`: the CSV files open with a byte-order mark (declared as encoding utf-8-sig).
pub fn build(version: &str, files: &[FileEntry], csv_bom: bool) -> Result<Value> {
    let mut resources = Vec::new();
    for table in schema::TABLES {
        // One resource per table; CSV is preferred when present because every validator reads it.
        let Some(file) = files.iter().filter(|f| f.table == table).min_by_key(|f| if f.format == "csv" { 0 } else { 1 }) else {
            continue;
        };
        let raw: Value = serde_json::from_str(schema::raw(table).unwrap_or("{}"))?;
        let parquet = file.format != "csv";
        let fields: Vec<Value> = raw["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|mut f| {
                if let Some(obj) = f.as_object_mut() {
                    obj.remove("arrow_type");
                    // Frictionless reads a Parquet file through pandas, where a list cell is a
                    // numpy array its `array` type rejects; the list type is in the file itself.
                    if parquet && obj.get("type") == Some(&json!("array")) {
                        obj.insert("type".into(), json!("any"));
                    }
                }
                f
            })
            .collect();
        // Through pandas, a null integer reads as NaN and a null date as NaT.
        let missing = if parquet { json!(["", "nan", "NaN", "NaT", "None", "<NA>"]) } else { json!([""]) };
        let mut table_schema = json!({ "fields": fields, "missingValues": missing });
        for key in ["primaryKey", "foreignKeys"] {
            if let Some(v) = raw.get(key) {
                table_schema[key] = v.clone();
            }
        }
        let mut resource = json!({
            "name": table,
            "path": file.path,
            "profile": "tabular-data-resource",
            "format": file.format,
            "schema": table_schema,
        });
        if file.format == "csv" {
            resource["mediatype"] = json!("text/csv");
            resource["encoding"] = json!(if csv_bom { "utf-8-sig" } else { "utf-8" });
            resource["hash"] = json!(format!("sha256:{}", file.sha256));
            resource["bytes"] = json!(file.bytes);
        } else {
            // Frictionless counts no bytes of a Parquet file, so a stated count always fails
            // there; manifest.json keeps every file's size and SHA-256.
            resource["mediatype"] = json!("application/vnd.apache.parquet");
        }
        resources.push(resource);
    }
    Ok(json!({
        "profile": "tabular-data-package",
        "name": "relations-export",
        "title": "Libya foreign relations: events, actors, figures and sectors from news articles",
        "version": version,
        "schema_version": schema::SCHEMA_VERSION,
        "resources": resources,
    }))
}
