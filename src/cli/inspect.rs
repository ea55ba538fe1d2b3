//! `relations-export inspect FILE [--id ID]`: what each article of a file (every line of a
//! JSONL file, or the one with `--id`) yields — events with dates, parties and evidence, actors
//! with roles, figures, sectors — as a readable table or as JSON.

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
    /// Articles (.txt, .html, .json, or .jsonl: every line)
    pub file: PathBuf,
    /// Only the article with this id (the `id` of a JSON object)
    #[arg(long)]
    pub id: Option<String>,
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
    let options = PrepareOptions { metadata: &metadata, reference_date };
    let mut shown = 0;
    let mut as_json = Vec::new();
    let mut rejected = 0;
    for unit in UnitWalker::new(std::slice::from_ref(&args.file)) {
        match ingest::prepare(unit, &options) {
            Ok(doc) if args.id.as_ref().is_none_or(|id| doc.source_id.as_ref() == Some(id)) => {
                let ex = extract::extract(&doc);
                if args.json {
                    as_json.push(serde_json::json!({ "document": doc, "extraction": ex }));
                } else {
                    print!("{}{}", if shown == 0 { "" } else { "\n" }, render(&doc, &ex));
                }
                shown += 1;
            }
            Ok(_) => {}
            Err(reject) => {
                eprintln!("{}: {} ({})", reject.source, reject.reason, reject.detail);
                rejected += 1;
            }
        }
    }
    if shown == 0 {
        let what = match &args.id {
            Some(id) => format!("no article with id {id:?} in {}", args.file.display()),
            None => format!("{} holds no article that could be read", args.file.display()),
        };
        return Err(if rejected > 0 && args.id.is_none() { anyhow::anyhow!(what) } else { UsageError(what).into() });
    }
    if args.json {
        // One article prints as one object, as before; several as an array.
        let value = if as_json.len() == 1 { as_json.pop().unwrap_or_default() } else { serde_json::Value::Array(as_json) };
        println!("{}", serde_json::to_string_pretty(&value)?);
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
