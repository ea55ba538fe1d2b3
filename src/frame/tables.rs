use super::columns::*;
use crate::export::schema;
use crate::model::*;
use anyhow::Result;
use polars::prelude::*;

/// Builds the frame and checks it against `schemas/<table>.json`.
fn frame(table: &str, height: usize, columns: Vec<Column>) -> Result<DataFrame> {
    let df = DataFrame::new(height, columns)?;
    schema::table(table)?.check(&df)?;
    Ok(df)
}

pub fn documents_frame(rows: &[Document]) -> Result<DataFrame> {
    frame("documents", rows.len(), vec![
        text("doc_id", rows.iter().map(|r| Some(r.doc_id.as_str()))),
        text("source", rows.iter().map(|r| Some(r.source.as_str()))),
        text("source_id", rows.iter().map(|r| r.source_id.as_deref())),
        text("url", rows.iter().map(|r| r.url.as_deref())),
        text("outlet", rows.iter().map(|r| r.outlet.as_deref())),
        text("title", rows.iter().map(|r| r.title.as_deref())),
        date("published_date", rows.iter().map(|r| r.published_date))?,
        text("published_date_source", rows.iter().map(|r| Some(r.published_date_source))),
        text("language", rows.iter().map(|r| r.language.as_deref())),
        text("text", rows.iter().map(|r| Some(&*r.text))),
        int32("n_chars", rows.iter().map(|r| Some(r.n_chars))),
        int32("boilerplate_chars", rows.iter().map(|r| Some(r.boilerplate_chars))),
    ])
}

pub fn events_frame(rows: &[Event]) -> Result<DataFrame> {
    frame("events", rows.len(), vec![
        text("event_id", rows.iter().map(|r| Some(&*r.event_id))),
        text("doc_id", rows.iter().map(|r| Some(&*r.doc_id))),
        text("event_type", rows.iter().map(|r| Some(r.event_type))),
        text("cameo_code", rows.iter().map(|r| Some(r.cameo_code))),
        text("plover_type", rows.iter().map(|r| Some(r.plover_type))),
        date("event_date", rows.iter().map(|r| r.event_date))?,
        text("date_precision", rows.iter().map(|r| Some(r.date_precision))),
        text("date_text", rows.iter().map(|r| r.date_text.as_deref())),
        string_list("countries", rows.iter().map(|r| &r.countries))?,
        text("location_id", rows.iter().map(|r| r.location_id.as_deref())),
        string_list("actor_ids", rows.iter().map(|r| &r.actor_ids))?,
        string_list("sectors", rows.iter().map(|r| &r.sectors))?,
        text("sentence", rows.iter().map(|r| Some(r.sentence.as_str()))),
        int32("char_start", rows.iter().map(|r| Some(r.char_start))),
        int32("char_end", rows.iter().map(|r| Some(r.char_end))),
    ])
}

pub fn actors_frame(rows: &[Actor]) -> Result<DataFrame> {
    frame("actors", rows.len(), vec![
        text("actor_id", rows.iter().map(|r| Some(&*r.actor_id))),
        text("actor_type", rows.iter().map(|r| Some(r.actor_type))),
        text("name_ar", rows.iter().map(|r| r.name_ar.as_deref())),
        text("name_en", rows.iter().map(|r| r.name_en.as_deref())),
        text("country", rows.iter().map(|r| r.country.as_deref())),
        text("faction", rows.iter().map(|r| r.faction.as_deref())),
        text("org_kind", rows.iter().map(|r| r.org_kind.as_deref())),
        text("cameo_code", rows.iter().map(|r| r.cameo_code.as_deref())),
        text("wikidata_id", rows.iter().map(|r| r.wikidata_id.as_deref())),
        boolean("in_registry", rows.iter().map(|r| r.in_registry)),
    ])
}

pub fn mentions_frame(rows: &[Mention]) -> Result<DataFrame> {
    frame("mentions", rows.len(), vec![
        text("doc_id", rows.iter().map(|r| Some(&*r.doc_id))),
        text("actor_id", rows.iter().map(|r| Some(&*r.actor_id))),
        text("mention_text", rows.iter().map(|r| Some(r.mention_text.as_str()))),
        text("role_text", rows.iter().map(|r| r.role_text.as_deref())),
        int32("char_start", rows.iter().map(|r| Some(r.char_start))),
        int32("char_end", rows.iter().map(|r| Some(r.char_end))),
    ])
}

pub fn figures_frame(rows: &[Figure]) -> Result<DataFrame> {
    frame("figures", rows.len(), vec![
        text("figure_id", rows.iter().map(|r| Some(r.figure_id.as_str()))),
        text("doc_id", rows.iter().map(|r| Some(&*r.doc_id))),
        text("kind", rows.iter().map(|r| Some(r.kind))),
        text("metric", rows.iter().map(|r| r.metric.as_deref())),
        float64("value", rows.iter().map(|r| r.value)),
        text("unit", rows.iter().map(|r| r.unit.as_deref())),
        int32("year", rows.iter().map(|r| r.year)),
        string_list("countries", rows.iter().map(|r| &r.countries))?,
        text("text", rows.iter().map(|r| Some(r.text.as_str()))),
        text("sentence", rows.iter().map(|r| Some(r.sentence.as_str()))),
        int32("char_start", rows.iter().map(|r| Some(r.char_start))),
        int32("char_end", rows.iter().map(|r| Some(r.char_end))),
    ])
}

pub fn sectors_frame(rows: &[Sector]) -> Result<DataFrame> {
    frame("sectors", rows.len(), vec![
        text("doc_id", rows.iter().map(|r| Some(&*r.doc_id))),
        text("sector", rows.iter().map(|r| Some(r.sector))),
        text("event_id", rows.iter().map(|r| r.event_id.as_deref())),
        text("text", rows.iter().map(|r| r.text.as_deref())),
        int32("char_start", rows.iter().map(|r| r.char_start)),
        int32("char_end", rows.iter().map(|r| r.char_end)),
    ])
}

pub fn rejects_frame(rows: &[Reject]) -> Result<DataFrame> {
    frame("rejects", rows.len(), vec![
        text("source", rows.iter().map(|r| Some(r.source.as_str()))),
        text("reason", rows.iter().map(|r| Some(r.reason.as_str()))),
        text("detail", rows.iter().map(|r| Some(r.detail.as_str()))),
    ])
}
