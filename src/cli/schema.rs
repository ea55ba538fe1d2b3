//! `relations-export schema [TABLE]`: print the schema files (the contract).

use super::{UsageError, EXIT_OK};
use crate::export::schema;
use anyhow::Result;

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// One table (documents, events, actors, mentions, figures, sectors, rejects)
    pub table: Option<String>,
}

pub fn execute(args: SchemaArgs) -> Result<i32> {
    match args.table {
        Some(t) => {
            let text = schema::raw(&t).ok_or_else(|| UsageError(format!("unknown table '{t}'; tables: {}", schema::TABLES.join(", "))))?;
            print!("{text}");
        }
        None => {
            let all: serde_json::Map<String, serde_json::Value> = schema::TABLES
                .iter()
                .map(|t| Ok((t.to_string(), serde_json::from_str(schema::raw(t).unwrap_or("{}"))?)))
                .collect::<Result<_>>()?;
            println!("{}", serde_json::to_string_pretty(&all)?);
        }
    }
    Ok(EXIT_OK)
}
