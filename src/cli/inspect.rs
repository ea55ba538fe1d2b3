//! `relations-export inspect FILE`: what one article yields — events with dates, parties and
//! evidence, actors with roles, figures, sectors — as a readable table or as JSON.

use super::{UsageError, EXIT_OK};
use crate::extract;
use crate::ingest::document::PrepareOptions;
use crate::ingest::{self, MetadataIndex, UnitWalker};
use crate::model::{Document, Extraction};
use anyhow::Result;
use chrono::NaiveDate;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// An article (.txt, .html, .json or .jsonl: the first object)
    pub file: PathBuf,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Anchor (YYYY-MM-DD) for relative dates when the article has no date
    #[arg(long)]
    pub reference_date: Option<String>,
}

pub fn execute(args: InspectArgs) -> Result<i32> {
    if !args.file.is_file() {
        return Err(UsageError(format!("{} is not a file", args.file.display())).into());
    }
    let reference_date = match &args.reference_date {
        Some(s) => Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| UsageError(format!("--reference-date {s:?} is not a date like 2025-12-03")))?),
        None => None,
    };
    let metadata = MetadataIndex::default();
    let unit = UnitWalker::new(std::slice::from_ref(&args.file)).next().ok_or_else(|| UsageError("the file holds no article".into()))?;
    let doc = match ingest::prepare(unit, &PrepareOptions { metadata: &metadata, reference_date }) {
        Ok(doc) => doc,
        Err(reject) => anyhow::bail!("{}: {} ({})", reject.source, reject.reason, reject.detail),
    };
    let ex = extract::extract(&doc);
    if args.json {
        let value = serde_json::json!({ "document": doc, "extraction": ex });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        print!("{}", render(&doc, &ex));
    }
    Ok(EXIT_OK)
}

fn render(doc: &Document, ex: &Extraction) -> String {
    let name = |id: &str| {
        ex.actors.iter().find(|a| &*a.actor_id == id).map(|a| a.name_en.clone().or(a.name_ar.clone()).unwrap_or_default()).unwrap_or_else(|| id.to_string())
    };
    let mut out = String::new();
    let published = doc.published_date.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into());
    out += &format!("{}  [{}]  published {} ({})\n", doc.source, doc.doc_id, published, doc.published_date_source);
    if let Some(t) = &doc.title {
        out += &format!("title: {t}\n");
    }
    out += &format!("\nEVENTS ({})\n", ex.events.len());
    for e in &ex.events {
        let date = e.event_date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        out += &format!("  {:<22} {:<10} {:<7} {:<12} {}\n", e.event_type, date, e.date_precision, e.countries.join(","), e.date_text.as_deref().unwrap_or(""));
        let who: Vec<String> = e.actor_ids.iter().map(|a| name(a)).collect();
        if !who.is_empty() || e.location_id.is_some() {
            out += &format!("      who: {}  where: {}\n", who.join("; "), e.location_id.as_deref().map(name).unwrap_or_default());
        }
        if !e.sectors.is_empty() {
            out += &format!("      sectors: {}\n", e.sectors.join(", "));
        }
        out += &format!("      evidence: {}\n", e.sentence.chars().take(160).collect::<String>());
    }
    out += &format!("\nACTORS ({})\n", ex.actors.len());
    for a in &ex.actors {
        let roles: Vec<&str> = ex.mentions.iter().filter(|m| *m.actor_id == *a.actor_id).filter_map(|m| m.role_text.as_deref()).collect();
        let n = ex.mentions.iter().filter(|m| *m.actor_id == *a.actor_id).count();
        out += &format!(
            "  {:<13} {:<40} {:<28} {:<4} {:<4} x{}{}{}\n",
            a.actor_type,
            a.actor_id,
            a.name_en.as_deref().or(a.name_ar.as_deref()).unwrap_or(""),
            a.country.as_deref().unwrap_or("-"),
            a.faction.as_deref().unwrap_or("-"),
            n,
            if a.in_registry { "" } else { "  (not in registry)" },
            roles.first().map(|r| format!("  role: {r}")).unwrap_or_default()
        );
    }
    out += &format!("\nFIGURES ({})\n", ex.figures.len());
    for f in &ex.figures {
        out += &format!(
            "  {:<8} {:>16} {:<8} {:<22} year {:<5} {:<10} {}\n",
            f.kind,
            f.value,
            f.unit.as_deref().unwrap_or(""),
            f.metric.as_deref().unwrap_or("-"),
            f.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
            f.countries.join(","),
            f.text
        );
    }
    let mut doc_sectors: Vec<&str> = ex.sectors.iter().filter(|s| s.event_id.is_none()).map(|s| s.sector).collect();
    doc_sectors.dedup();
    out += &format!("\nSECTORS: {}\n", doc_sectors.join(", "));
    out
}
