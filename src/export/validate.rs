//! Checks a written version against its manifest checksums and the schemas.

use super::manifest::{sha256_file, Manifest};
use super::schema::{self, PolarsTable};
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
    check_counts(&manifest, &mut problems);
    check_file_list(dir, &manifest, &mut problems);
    check_datapackage(dir, &manifest, &mut problems);
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
            _ => check_csv_records(&path, table),
        };
        match check {
            Ok(rows) if rows != entry.rows => {
                problems.push(format!("{}: {rows} rows, manifest says {}", entry.path, entry.rows))
            }
            Ok(_) => {}
            Err(e) => problems.push(format!("{}: {e:#}", entry.path)),
        }
    }
    Ok(problems)
}

/// The manifest's counts agree with its files' rows (documents + rejects = input units).
fn check_counts(manifest: &Manifest, problems: &mut Vec<String>) {
    let count = |key: &str| manifest.counts.get(key).and_then(|v| v.as_u64());
    for entry in &manifest.files {
        match count(&entry.table) {
            Some(n) if n == entry.rows => {}
            Some(n) => problems.push(format!("manifest counts {n} {}, its file entry {} rows", entry.table, entry.rows)),
            None => problems.push(format!("manifest counts say nothing of {}", entry.table)),
        }
    }
    if let (Some(units), Some(docs), Some(rejects)) = (count("input_units"), count("documents"), count("rejects")) {
        if docs + rejects != units {
            problems.push(format!("manifest counts {docs} documents + {rejects} rejects, not its {units} input units"));
        }
    }
}

/// Every file of the version is in the manifest, and nothing else is there.
fn check_file_list(dir: &Path, manifest: &Manifest, problems: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut extra: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "manifest.json" && name != "datapackage.json" && !manifest.files.iter().any(|f| f.path == *name))
        .collect();
    extra.sort();
    for name in extra {
        problems.push(format!("{name}: not in the manifest (remove it, or write a new version)"));
    }
}

/// `datapackage.json` is there, parses, and has one resource per table (its CSV when there is
/// one), each a file of the manifest with the manifest's checksum.
fn check_datapackage(dir: &Path, manifest: &Manifest, problems: &mut Vec<String>) {
    let path = dir.join("datapackage.json");
    let package: serde_json::Value = match std::fs::read_to_string(&path).map_err(anyhow::Error::from).and_then(|t| Ok(serde_json::from_str(&t)?)) {
        Ok(v) => v,
        Err(e) => return problems.push(format!("datapackage.json: {e:#}")),
    };
    if package.get("schema_version").and_then(|v| v.as_str()) != Some(manifest.schema_version.as_str()) {
        problems.push("datapackage.json: schema_version differs from the manifest's".into());
    }
    let resources = package.get("resources").and_then(|r| r.as_array()).map(Vec::as_slice).unwrap_or_default();
    let mut tables: Vec<&str> = manifest.files.iter().map(|f| f.table.as_str()).collect();
    tables.sort_unstable();
    tables.dedup();
    for table in &tables {
        if !resources.iter().any(|r| r.get("name").and_then(|n| n.as_str()) == Some(table)) {
            problems.push(format!("datapackage.json: no resource for table {table}"));
        }
    }
    for r in resources {
        let path = r.get("path").and_then(|p| p.as_str()).unwrap_or_default();
        match manifest.files.iter().find(|f| f.path == path) {
            None => problems.push(format!("datapackage.json: resource {path:?} is not a file of the manifest")),
            // A Parquet resource states no hash (Frictionless cannot check one there); a stated
            // hash must be the manifest's.
            Some(f) if r.get("hash").is_some_and(|h| h.as_str() != Some(format!("sha256:{}", f.sha256).as_str())) || (f.format == "csv" && r.get("hash").is_none()) => {
                problems.push(format!("datapackage.json: the hash of {path} differs from the manifest's"))
            }
            Some(_) => {}
        }
    }
    if resources.len() != tables.len() {
        problems.push(format!("datapackage.json: {} resources for {} tables", resources.len(), tables.len()));
    }
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

/// Checks a CSV file's header and counts its records (quoted fields may hold line breaks).
fn check_csv_records(path: &Path, table: &schema::TableSchema) -> Result<u64> {
    use std::io::{BufRead, Read};
    let mut reader = std::io::BufReader::new(std::fs::File::open(path)?);
    let mut header = String::new();
    reader.read_line(&mut header)?;
    let header = header.trim_end_matches(['\r', '\n']).trim_start_matches('\u{feff}');
    let want: Vec<&str> = table.fields.iter().map(|f| f.name.as_str()).collect();
    if header.split(',').collect::<Vec<_>>() != want {
        anyhow::bail!("CSV header {header:?} differs from schemas/{}.json", table.name);
    }
    let (mut records, mut quoted, mut open_record) = (0u64, false, false);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        for &b in &buf[..n] {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => {
                    records += u64::from(open_record);
                    open_record = false;
                    continue;
                }
                _ => {}
            }
            open_record = true;
        }
    }
    Ok(records + u64::from(open_record))
}
