//! Streaming CSV writer: UTF-8 (optionally with a byte-order mark), header row, ISO dates,
//! empty = null, lists as JSON arrays.

use anyhow::Result;
use polars::prelude::*;
use std::fs::File;
use std::io::{BufWriter, Write};

pub struct CsvSink {
    out: BufWriter<File>,
    header_written: bool,
}

impl CsvSink {
    /// `bom`: open with U+FEFF, which spreadsheet programs need to read UTF-8 as UTF-8.
    pub fn create(file: File, bom: bool) -> Result<Self> {
        let mut out = BufWriter::new(file);
        if bom {
            out.write_all(crate::ingest::decode::UTF8_BOM)?;
        }
        Ok(Self { out, header_written: false })
    }

    pub fn write(&mut self, df: &DataFrame) -> Result<()> {
        let mut flat = lists_as_json(df)?;
        CsvWriter::new(&mut self.out).include_header(!self.header_written).finish(&mut flat)?;
        self.header_written = true;
        Ok(())
    }

    /// An empty table still gets its header.
    pub fn finish(mut self, schema: &Schema) -> Result<File> {
        if !self.header_written {
            let empty = DataFrame::empty_with_schema(schema);
            let mut flat = lists_as_json(&empty)?;
            CsvWriter::new(&mut self.out).include_header(true).finish(&mut flat)?;
        }
        self.out.flush()?;
        Ok(self.out.into_inner().map_err(|e| e.into_error())?)
    }
}

/// CSV cannot hold list columns: each list becomes its JSON array text (`["LBY","RUS"]`).
fn lists_as_json(df: &DataFrame) -> Result<DataFrame> {
    let mut columns = Vec::with_capacity(df.width());
    for col in df.columns() {
        if let DataType::List(_) = col.dtype() {
            let lists = col.as_materialized_series().list()?;
            let texts: Vec<Option<String>> = lists
                .amortized_iter()
                .map(|item| {
                    item.map(|s| {
                        let values: Vec<Option<&str>> = s.as_ref().str().map(|ca| ca.iter().collect()).unwrap_or_default();
                        serde_json::to_string(&values).unwrap_or_else(|_| "[]".into())
                    })
                })
                .collect();
            columns.push(Column::new(col.name().clone(), texts));
        } else {
            columns.push(col.clone());
        }
    }
    Ok(DataFrame::new(df.height(), columns)?)
}
