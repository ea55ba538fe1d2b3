use super::columns::*;
use crate::export::schema::{self, PolarsTable};
use crate::model::*;
use anyhow::Result;
use polars::prelude::*;

/// Builds the frame and checks it against `schemas/<table>.json`.
fn frame(table: &str, height: usize, columns: Vec<Column>) -> Result<DataFrame> {
    let df = DataFrame::new(height, columns)?;
    schema::table(table)?.check(&df)?;
    Ok(df)
}

/// A batch's documents before reprints are known: every column but `duplicate_of`, which
/// `mark_reprints` adds once the run has seen all documents.
pub fn unmarked_documents_frame(rows: &[Document]) -> Result<DataFrame> {
    Ok(DataFrame::new(rows.len(), vec![
        text_required("doc_id", rows.iter().map(|r| r.doc_id.as_str())),
        text_required("source", rows.iter().map(|r| r.source.as_str())),
        text("source_id", rows.iter().map(|r| r.source_id.as_deref())),
        text("url", rows.iter().map(|r| r.url.as_deref())),
        text("outlet", rows.iter().map(|r| r.outlet.as_deref())),
        text("title", rows.iter().map(|r| r.title.as_deref())),
        date("published_date", rows.iter().map(|r| r.published_date))?,
        text_required("published_date_source", rows.iter().map(|r| r.published_date_source)),
        text("language", rows.iter().map(|r| r.language.as_deref())),
        text_required("text", rows.iter().map(|r| &*r.text)),
        int32_required("n_chars", rows.iter().map(|r| r.n_chars)),
        int32_required("boilerplate_chars", rows.iter().map(|r| r.boilerplate_chars)),
        int32_required("decode_errors", rows.iter().map(|r| r.decode_errors)),
    ])?)
}

pub fn mark_reprints<'a>(mut df: DataFrame, duplicate_of: impl IntoIterator<Item = Option<&'a str>>) -> Result<DataFrame> {
    df.insert_column(1, text("duplicate_of", duplicate_of))?;
    schema::table("documents")?.check(&df)?;
    Ok(df)
}

/// A batch's events before stories are linked: every column but `story_id`, which
/// `link_events` adds once the run has seen all documents.
pub fn unlinked_events_frame(rows: &[Event]) -> Result<DataFrame> {
    Ok(DataFrame::new(rows.len(), vec![
        text_required("event_id", rows.iter().map(|r| &*r.event_id)),
        text_required("doc_id", rows.iter().map(|r| &*r.doc_id)),
        text_required("event_type", rows.iter().map(|r| r.event_type)),
        text_required("cameo_code", rows.iter().map(|r| r.cameo_code)),
        text_required("plover_type", rows.iter().map(|r| r.plover_type)),
        date("event_date", rows.iter().map(|r| r.event_date))?,
        text_required("date_precision", rows.iter().map(|r| r.date_precision)),
        text("date_text", rows.iter().map(|r| r.date_text.as_deref())),
        string_list("countries", rows.iter().map(|r| &r.countries))?,
        text("location_id", rows.iter().map(|r| r.location_id.as_deref())),
        string_list("actor_ids", rows.iter().map(|r| &r.actor_ids))?,
        text("actor1_id", rows.iter().map(|r| r.actor1_id.as_deref())),
        text("actor1_country", rows.iter().map(|r| r.actor1_country.as_deref())),
        text("actor2_id", rows.iter().map(|r| r.actor2_id.as_deref())),
        text("actor2_country", rows.iter().map(|r| r.actor2_country.as_deref())),
        text_required("summary_en", rows.iter().map(|r| r.summary_en.as_str())),
        string_list("sectors", rows.iter().map(|r| &r.sectors))?,
        text_required("sentence", rows.iter().map(|r| r.sentence.as_str())),
        int32_required("char_start", rows.iter().map(|r| r.char_start)),
        int32_required("char_end", rows.iter().map(|r| r.char_end)),
    ])?)
}

/// `story_id` after `doc_id`, one per row, checked against the schema.
pub fn link_events<'a>(mut df: DataFrame, story_ids: impl IntoIterator<Item = &'a str>) -> Result<DataFrame> {
    df.insert_column(2, text_required("story_id", story_ids))?;
    schema::table("events")?.check(&df)?;
    Ok(df)
}

pub fn stories_frame(rows: &[Story]) -> Result<DataFrame> {
    frame("stories", rows.len(), vec![
        text_required("story_id", rows.iter().map(|r| r.story_id.as_str())),
        text_required("event_type", rows.iter().map(|r| r.event_type.as_str())),
        string_list("countries", rows.iter().map(|r| &r.countries))?,
        date("event_date", rows.iter().map(|r| r.event_date))?,
        text_required("date_precision", rows.iter().map(|r| r.date_precision)),
        text("location_id", rows.iter().map(|r| r.location_id.as_deref())),
        string_list("actor_ids", rows.iter().map(|r| &r.actor_ids))?,
        int32_required("n_events", rows.iter().map(|r| r.n_events)),
        int32_required("n_documents", rows.iter().map(|r| r.n_documents)),
        int32_required("n_outlets", rows.iter().map(|r| r.n_outlets)),
        string_list("outlets", rows.iter().map(|r| &r.outlets))?,
        date("first_published", rows.iter().map(|r| r.first_published))?,
        date("last_published", rows.iter().map(|r| r.last_published))?,
        string_list("event_ids", rows.iter().map(|r| &r.event_ids))?,
        string_list("doc_ids", rows.iter().map(|r| &r.doc_ids))?,
    ])
}

pub fn actors_frame(rows: &[Actor]) -> Result<DataFrame> {
    frame("actors", rows.len(), vec![
        text_required("actor_id", rows.iter().map(|r| &*r.actor_id)),
        text_required("actor_type", rows.iter().map(|r| r.actor_type)),
        text("name_ar", rows.iter().map(|r| r.name_ar.as_deref())),
        text("name_en", rows.iter().map(|r| r.name_en.as_deref())),
        text("country", rows.iter().map(|r| r.country.as_deref())),
        text("faction", rows.iter().map(|r| r.faction.as_deref())),
        text("org_kind", rows.iter().map(|r| r.org_kind.as_deref())),
        text("cameo_code", rows.iter().map(|r| r.cameo_code.as_deref())),
        text("wikidata_id", rows.iter().map(|r| r.wikidata_id.as_deref())),
        boolean("in_registry", rows.iter().map(|r| r.in_registry)),
        float64_opt("latitude", rows.iter().map(|r| r.coordinates.map(|(lat, _)| f64::from(lat) / 100.0))),
        float64_opt("longitude", rows.iter().map(|r| r.coordinates.map(|(_, lon)| f64::from(lon) / 100.0))),
        text("admin1", rows.iter().map(|r| r.admin1.as_deref())),
    ])
}

pub fn mentions_frame(rows: &[Mention]) -> Result<DataFrame> {
    frame("mentions", rows.len(), vec![
        text_required("doc_id", rows.iter().map(|r| &*r.doc_id)),
        text_required("actor_id", rows.iter().map(|r| &*r.actor_id)),
        text_required("mention_text", rows.iter().map(|r| r.mention_text.as_str())),
        text("role_text", rows.iter().map(|r| r.role_text.as_deref())),
        text("role_en", rows.iter().map(|r| r.role_en.as_deref())),
        int32_required("char_start", rows.iter().map(|r| r.char_start)),
        int32_required("char_end", rows.iter().map(|r| r.char_end)),
    ])
}

pub fn figures_frame(rows: &[Figure]) -> Result<DataFrame> {
    frame("figures", rows.len(), vec![
        text_required("figure_id", rows.iter().map(|r| r.figure_id.as_str())),
        text_required("doc_id", rows.iter().map(|r| &*r.doc_id)),
        text_required("kind", rows.iter().map(|r| r.kind)),
        text("metric", rows.iter().map(|r| r.metric.as_deref())),
        float64("value", rows.iter().map(|r| r.value)),
        text("unit", rows.iter().map(|r| r.unit.as_deref())),
        int32("year", rows.iter().map(|r| r.year)),
        text_required("qualifier", rows.iter().map(|r| r.qualifier)),
        text_required("status", rows.iter().map(|r| r.status)),
        string_list("countries", rows.iter().map(|r| &r.countries))?,
        text_required("text", rows.iter().map(|r| r.text.as_str())),
        text_required("sentence", rows.iter().map(|r| r.sentence.as_str())),
        int32_required("char_start", rows.iter().map(|r| r.char_start)),
        int32_required("char_end", rows.iter().map(|r| r.char_end)),
    ])
}

pub fn sectors_frame(rows: &[Sector]) -> Result<DataFrame> {
    frame("sectors", rows.len(), vec![
        text_required("doc_id", rows.iter().map(|r| &*r.doc_id)),
        text_required("sector", rows.iter().map(|r| r.sector)),
        text("event_id", rows.iter().map(|r| r.event_id.as_deref())),
        text("text", rows.iter().map(|r| r.text.as_deref())),
        int32("char_start", rows.iter().map(|r| r.char_start)),
        int32("char_end", rows.iter().map(|r| r.char_end)),
    ])
}

pub fn rejects_frame(rows: &[Reject]) -> Result<DataFrame> {
    frame("rejects", rows.len(), vec![
        text_required("source", rows.iter().map(|r| r.source.as_str())),
        text_required("reason", rows.iter().map(|r| r.reason.as_str())),
        text_required("detail", rows.iter().map(|r| r.detail.as_str())),
    ])
}
