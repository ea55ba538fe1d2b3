//! Checks a written version against its manifest checksums and the schemas.

use super::manifest::{sha256_file, Manifest};
use super::schema;
use anyhow::{Context, Result};
use polars::prelude::*;
use std::path::Path;

/// Whether the files' checksums are computed again and compared with the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksums {
    Verify,
    /// The manifest's checksums were just computed from these very files (a run checking
    /// the version it wrote): reading every file again would only repeat that.
    Trust,
}

/// Returns the problems found; empty means the version is valid.
pub fn validate_version(dir: &Path, checksums: Checksums) -> Result<Vec<String>> {
    let manifest = Manifest::read(dir)?;
    let mut problems = Vec::new();
    if manifest.schema_version != schema::SCHEMA_VERSION {
        problems.push(format!("schema_version {} differs from this tool's {}", manifest.schema_version, schema::SCHEMA_VERSION));
    }
    for table in schema::TABLES {
        if !manifest.files.iter().any(|f| f.table == table) {
            problems.push(format!("table {table} is missing from the manifest"));
        }
    }
    for entry in &manifest.files {
        let path = dir.join(&entry.path);
        if checksums == Checksums::Verify {
            let (sha, bytes) = match sha256_file(&path) {
                Ok(v) => v,
                Err(e) => {
                    problems.push(format!("{}: {e:#}", entry.path));
                    continue;
                }
            };
            if sha != entry.sha256 || bytes != entry.bytes {
                problems.push(format!("{}: checksum differs from manifest (file changed or truncated)", entry.path));
                continue;
            }
        }
        let table = schema::table(&entry.table)?;
        let check = match entry.format.as_str() {
            "parquet" => check_parquet_schema(&path, table),
            _ => check_csv_header(&path, table),
        };
        match check {
            Ok(rows) if entry.format == "parquet" && rows != entry.rows => {
                problems.push(format!("{}: {rows} rows, manifest says {}", entry.path, entry.rows))
            }
            Ok(_) => {}
            Err(e) => problems.push(format!("{}: {e:#}", entry.path)),
        }
    }
    Ok(problems)
}

/// Checks a Parquet file's columns and types from its footer alone (tables can be large).
fn check_parquet_schema(path: &Path, table: &schema::TableSchema) -> Result<u64> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader = ParquetReader::new(file);
    let arrow = reader.schema()?;
    let empty = DataFrame::empty_with_schema(&Schema::from_arrow_schema(&arrow));
    table.check(&empty)?;
    Ok(reader.num_rows()? as u64)
}

fn check_csv_header(path: &Path, table: &schema::TableSchema) -> Result<u64> {
    use std::io::BufRead;
    let mut header = String::new();
    std::io::BufReader::new(std::fs::File::open(path)?).read_line(&mut header)?;
    let header = header.trim_end_matches(['\r', '\n']);
    let want: Vec<&str> = table.fields.iter().map(|f| f.name.as_str()).collect();
    if header.split(',').collect::<Vec<_>>() != want {
        anyhow::bail!("CSV header {header:?} differs from schemas/{}.json", table.name);
    }
    Ok(0)
}
