//! `relations-export inspect FILE`: what one article yields, as a table or JSON.

use super::EXIT_OK;
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// An article (.txt, .html, .json or .jsonl: the first object)
    pub file: PathBuf,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Anchor for relative dates when the article has no date
    #[arg(long)]
    pub reference_date: Option<String>,
}

pub fn execute(_args: InspectArgs) -> Result<i32> {
    Ok(EXIT_OK)
}
