use super::columns::*;
use crate::export::schema;
use crate::model::*;
use anyhow::Result;
use polars::prelude::*;

/// A table's rows, read once per column: a slice's iterator, or the records of a batch's
/// documents in turn (so records need not be moved into one vector first).
pub trait Rows<'a, T: 'a>: Iterator<Item = &'a T> + Clone {}
impl<'a, T: 'a, I: Iterator<Item = &'a T> + Clone> Rows<'a, T> for I {}

/// Builds the frame and checks it against `schemas/<table>.json`.
fn frame(table: &str, height: usize, columns: Vec<Column>) -> Result<DataFrame> {
    let df = DataFrame::new(height, columns)?;
    schema::table(table)?.check(&df)?;
    Ok(df)
}

pub fn documents_frame<'a>(rows: impl Rows<'a, Document>) -> Result<DataFrame> {
    frame("documents", rows.clone().count(), vec![
        text("doc_id", rows.clone().map(|r| Some(r.doc_id.as_str()))),
        text("source", rows.clone().map(|r| Some(r.source.as_str()))),
        text("source_id", rows.clone().map(|r| r.source_id.as_deref())),
        text("url", rows.clone().map(|r| r.url.as_deref())),
        text("outlet", rows.clone().map(|r| r.outlet.as_deref())),
        text("title", rows.clone().map(|r| r.title.as_deref())),
        date("published_date", rows.clone().map(|r| r.published_date))?,
        text("published_date_source", rows.clone().map(|r| Some(r.published_date_source))),
        text("language", rows.clone().map(|r| r.language.as_deref())),
        text("text", rows.clone().map(|r| Some(&*r.text))),
        int32("n_chars", rows.clone().map(|r| Some(r.n_chars))),
        int32("boilerplate_chars", rows.clone().map(|r| Some(r.boilerplate_chars))),
    ])
}

pub fn events_frame<'a>(rows: impl Rows<'a, Event>) -> Result<DataFrame> {
    frame("events", rows.clone().count(), vec![
        text("event_id", rows.clone().map(|r| Some(&*r.event_id))),
        text("doc_id", rows.clone().map(|r| Some(&*r.doc_id))),
        text("event_type", rows.clone().map(|r| Some(r.event_type))),
        text("cameo_code", rows.clone().map(|r| Some(r.cameo_code))),
        text("plover_type", rows.clone().map(|r| Some(r.plover_type))),
        date("event_date", rows.clone().map(|r| r.event_date))?,
        text("date_precision", rows.clone().map(|r| Some(r.date_precision))),
        text("date_text", rows.clone().map(|r| r.date_text.as_deref())),
        string_list("countries", rows.clone().map(|r| &r.countries))?,
        text("location_id", rows.clone().map(|r| r.location_id.as_deref())),
        string_list("actor_ids", rows.clone().map(|r| &r.actor_ids))?,
        string_list("sectors", rows.clone().map(|r| &r.sectors))?,
        text("sentence", rows.clone().map(|r| Some(r.sentence.as_str()))),
        int32("char_start", rows.clone().map(|r| Some(r.char_start))),
        int32("char_end", rows.clone().map(|r| Some(r.char_end))),
    ])
}

pub fn actors_frame<'a>(rows: impl Rows<'a, Actor>) -> Result<DataFrame> {
    frame("actors", rows.clone().count(), vec![
        text("actor_id", rows.clone().map(|r| Some(&*r.actor_id))),
        text("actor_type", rows.clone().map(|r| Some(r.actor_type))),
        text("name_ar", rows.clone().map(|r| r.name_ar.as_deref())),
        text("name_en", rows.clone().map(|r| r.name_en.as_deref())),
        text("country", rows.clone().map(|r| r.country.as_deref())),
        text("faction", rows.clone().map(|r| r.faction.as_deref())),
        text("org_kind", rows.clone().map(|r| r.org_kind.as_deref())),
        text("cameo_code", rows.clone().map(|r| r.cameo_code.as_deref())),
        text("wikidata_id", rows.clone().map(|r| r.wikidata_id.as_deref())),
        boolean("in_registry", rows.clone().map(|r| r.in_registry)),
    ])
}

pub fn mentions_frame<'a>(rows: impl Rows<'a, Mention>) -> Result<DataFrame> {
    frame("mentions", rows.clone().count(), vec![
        text("doc_id", rows.clone().map(|r| Some(&*r.doc_id))),
        text("actor_id", rows.clone().map(|r| Some(&*r.actor_id))),
        text("mention_text", rows.clone().map(|r| Some(r.mention_text.as_str()))),
        text("role_text", rows.clone().map(|r| r.role_text.as_deref())),
        int32("char_start", rows.clone().map(|r| Some(r.char_start))),
        int32("char_end", rows.clone().map(|r| Some(r.char_end))),
    ])
}

pub fn figures_frame<'a>(rows: impl Rows<'a, Figure>) -> Result<DataFrame> {
    frame("figures", rows.clone().count(), vec![
        text("figure_id", rows.clone().map(|r| Some(r.figure_id.as_str()))),
        text("doc_id", rows.clone().map(|r| Some(&*r.doc_id))),
        text("kind", rows.clone().map(|r| Some(r.kind))),
        text("metric", rows.clone().map(|r| r.metric.as_deref())),
        float64("value", rows.clone().map(|r| r.value)),
        text("unit", rows.clone().map(|r| r.unit.as_deref())),
        int32("year", rows.clone().map(|r| r.year)),
        string_list("countries", rows.clone().map(|r| &r.countries))?,
        text("text", rows.clone().map(|r| Some(r.text.as_str()))),
        text("sentence", rows.clone().map(|r| Some(r.sentence.as_str()))),
        int32("char_start", rows.clone().map(|r| Some(r.char_start))),
        int32("char_end", rows.clone().map(|r| Some(r.char_end))),
    ])
}

pub fn sectors_frame<'a>(rows: impl Rows<'a, Sector>) -> Result<DataFrame> {
    frame("sectors", rows.clone().count(), vec![
        text("doc_id", rows.clone().map(|r| Some(&*r.doc_id))),
        text("sector", rows.clone().map(|r| Some(r.sector))),
        text("event_id", rows.clone().map(|r| r.event_id.as_deref())),
        text("text", rows.clone().map(|r| r.text.as_deref())),
        int32("char_start", rows.clone().map(|r| r.char_start)),
        int32("char_end", rows.clone().map(|r| r.char_end)),
    ])
}

pub fn rejects_frame<'a>(rows: impl Rows<'a, Reject>) -> Result<DataFrame> {
    frame("rejects", rows.clone().count(), vec![
        text("source", rows.clone().map(|r| Some(r.source.as_str()))),
        text("reason", rows.clone().map(|r| Some(r.reason.as_str()))),
        text("detail", rows.clone().map(|r| Some(r.detail.as_str()))),
    ])
}
