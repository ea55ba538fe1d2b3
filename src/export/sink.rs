//! One open output table: its Parquet and/or CSV file in the version's temporary folder.

use super::csv::CsvSink;
use super::parquet::ParquetSink;
use super::schema::{PolarsTable, TableSchema};
use anyhow::{Context, Result};
use polars::prelude::*;
use std::fs::File;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Parquet,
    Csv,
    Both,
}

impl Format {
    pub fn parquet(self) -> bool {
        matches!(self, Format::Parquet | Format::Both)
    }
    pub fn csv(self) -> bool {
        matches!(self, Format::Csv | Format::Both)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Csv => "csv",
            Format::Both => "both",
        }
    }
}

pub struct TableSink {
    pub schema: &'static TableSchema,
    polars_schema: Schema,
    parquet: Option<ParquetSink>,
    csv: Option<CsvSink>,
    pub rows: u64,
}

/// A finished data file, ready for the manifest.
#[derive(Debug, Clone)]
pub struct WrittenFile {
    pub table: String,
    pub path: PathBuf,
    pub format: &'static str,
    pub rows: u64,
}

impl TableSink {
    pub fn create(dir: &Path, schema: &'static TableSchema, format: Format, csv_bom: bool) -> Result<Self> {
        let polars_schema = schema.polars_schema();
        let open = |ext: &str| -> Result<File> {
            let path = dir.join(format!("{}.{ext}", schema.name));
            File::create(&path).with_context(|| format!("cannot create {}", path.display()))
        };
        let parquet = if format.parquet() { Some(ParquetSink::create(open("parquet")?, &polars_schema)?) } else { None };
        let csv = if format.csv() { Some(CsvSink::create(open("csv")?, csv_bom)?) } else { None };
        Ok(Self { schema, polars_schema, parquet, csv, rows: 0 })
    }

    pub fn write(&mut self, mut df: DataFrame) -> Result<()> {
        self.rows += df.height() as u64;
        if let Some(csv) = &mut self.csv {
            csv.write(&df)?;
        }
        if let Some(pq) = &mut self.parquet {
            pq.write(&mut df)?;
        }
        Ok(())
    }

    pub fn finish(self, dir: &Path, metadata: &[(&str, String)]) -> Result<Vec<WrittenFile>> {
        let mut written = Vec::new();
        let name = &self.schema.name;
        if let Some(pq) = self.parquet {
            let mut meta: Vec<(&str, String)> = metadata.to_vec();
            meta.push(("relations_export.table", name.clone()));
            pq.finish(&meta)?.sync_all()?;
            written.push(WrittenFile { table: name.clone(), path: dir.join(format!("{name}.parquet")), format: "parquet", rows: self.rows });
        }
        if let Some(csv) = self.csv {
            csv.finish(&self.polars_schema)?.sync_all()?;
            written.push(WrittenFile { table: name.clone(), path: dir.join(format!("{name}.csv")), format: "csv", rows: self.rows });
        }
        Ok(written)
    }
}
