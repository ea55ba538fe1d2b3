//! The core's records as Arrow record batches, one function per table, columns exactly as in
//! `schemas/` (the CLI's `frame::tables` builds the same columns as polars frames).

use crate::schema::arrow_schema;
use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::types::Date32Type;
use arrow_array::{ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, RecordBatch, StringArray};
use arrow_schema::ArrowError;
use chrono::NaiveDate;
use relations_core::model::*;
use relations_core::run::Tables;
use std::sync::Arc;

fn text<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(StringArray::from_iter(values))
}

fn text_required<'a>(values: impl Iterator<Item = &'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(values))
}

fn int32(values: impl Iterator<Item = Option<i32>>) -> ArrayRef {
    Arc::new(Int32Array::from_iter(values))
}

fn int32_required(values: impl Iterator<Item = i32>) -> ArrayRef {
    Arc::new(Int32Array::from_iter_values(values))
}

fn float64(values: impl Iterator<Item = Option<f64>>) -> ArrayRef {
    Arc::new(Float64Array::from_iter(values))
}

fn boolean(values: impl Iterator<Item = bool>) -> ArrayRef {
    Arc::new(BooleanArray::from_iter(values.map(Some)))
}

fn date(values: impl Iterator<Item = Option<NaiveDate>>) -> ArrayRef {
    Arc::new(Date32Array::from_iter(values.map(|d| d.map(Date32Type::from_naive_date))))
}

/// Lists are never null: an empty list is `[]`, as in the CLI's tables.
fn string_list<'a, S: AsRef<str> + 'a>(values: impl Iterator<Item = &'a Vec<S>>) -> ArrayRef {
    let mut builder = ListBuilder::new(StringBuilder::new());
    for list in values {
        for s in list {
            builder.values().append_value(s.as_ref());
        }
        builder.append(true);
    }
    Arc::new(builder.finish())
}

/// The table's batch, checked against `schemas/<table>.json`: names in order here, types and
/// nulls by `RecordBatch::try_new`.
fn batch(table: &str, columns: Vec<(&str, ArrayRef)>) -> Result<RecordBatch, ArrowError> {
    let schema = arrow_schema(table).map_err(|e| ArrowError::SchemaError(e.to_string()))?;
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let want: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    if names != want {
        return Err(ArrowError::SchemaError(format!("table {table}: columns {names:?} differ from schemas/{table}.json {want:?}")));
    }
    RecordBatch::try_new(schema, columns.into_iter().map(|(_, c)| c).collect())
}

pub fn documents(rows: &[Document], duplicate_of: &[Option<String>]) -> Result<RecordBatch, ArrowError> {
    batch("documents", vec![
        ("doc_id", text_required(rows.iter().map(|r| r.doc_id.as_str()))),
        ("duplicate_of", text(duplicate_of.iter().map(Option::as_deref))),
        ("source", text_required(rows.iter().map(|r| r.source.as_str()))),
        ("source_id", text(rows.iter().map(|r| r.source_id.as_deref()))),
        ("url", text(rows.iter().map(|r| r.url.as_deref()))),
        ("outlet", text(rows.iter().map(|r| r.outlet.as_deref()))),
        ("title", text(rows.iter().map(|r| r.title.as_deref()))),
        ("published_date", date(rows.iter().map(|r| r.published_date))),
        ("published_date_source", text_required(rows.iter().map(|r| r.published_date_source))),
        ("language", text(rows.iter().map(|r| r.language.as_deref()))),
        ("text", text_required(rows.iter().map(|r| &*r.text))),
        ("n_chars", int32_required(rows.iter().map(|r| r.n_chars))),
        ("boilerplate_chars", int32_required(rows.iter().map(|r| r.boilerplate_chars))),
        ("decode_errors", int32_required(rows.iter().map(|r| r.decode_errors))),
    ])
}

pub fn events(rows: &[Event], story_ids: &[String]) -> Result<RecordBatch, ArrowError> {
    batch("events", vec![
        ("event_id", text_required(rows.iter().map(|r| &*r.event_id))),
        ("doc_id", text_required(rows.iter().map(|r| &*r.doc_id))),
        ("story_id", text_required(story_ids.iter().map(String::as_str))),
        ("event_type", text_required(rows.iter().map(|r| r.event_type))),
        ("cameo_code", text_required(rows.iter().map(|r| r.cameo_code))),
        ("plover_type", text_required(rows.iter().map(|r| r.plover_type))),
        ("event_date", date(rows.iter().map(|r| r.event_date))),
        ("date_precision", text_required(rows.iter().map(|r| r.date_precision))),
        ("date_text", text(rows.iter().map(|r| r.date_text.as_deref()))),
        ("countries", string_list(rows.iter().map(|r| &r.countries))),
        ("location_id", text(rows.iter().map(|r| r.location_id.as_deref()))),
        ("actor_ids", string_list(rows.iter().map(|r| &r.actor_ids))),
        ("actor1_id", text(rows.iter().map(|r| r.actor1_id.as_deref()))),
        ("actor1_country", text(rows.iter().map(|r| r.actor1_country.as_deref()))),
        ("actor2_id", text(rows.iter().map(|r| r.actor2_id.as_deref()))),
        ("actor2_country", text(rows.iter().map(|r| r.actor2_country.as_deref()))),
        ("summary_en", text_required(rows.iter().map(|r| r.summary_en.as_str()))),
        ("sectors", string_list(rows.iter().map(|r| &r.sectors))),
        ("sentence", text_required(rows.iter().map(|r| r.sentence.as_str()))),
        ("char_start", int32_required(rows.iter().map(|r| r.char_start))),
        ("char_end", int32_required(rows.iter().map(|r| r.char_end))),
    ])
}

pub fn stories(rows: &[Story]) -> Result<RecordBatch, ArrowError> {
    batch("stories", vec![
        ("story_id", text_required(rows.iter().map(|r| r.story_id.as_str()))),
        ("event_type", text_required(rows.iter().map(|r| r.event_type.as_str()))),
        ("countries", string_list(rows.iter().map(|r| &r.countries))),
        ("event_date", date(rows.iter().map(|r| r.event_date))),
        ("date_precision", text_required(rows.iter().map(|r| r.date_precision))),
        ("location_id", text(rows.iter().map(|r| r.location_id.as_deref()))),
        ("actor_ids", string_list(rows.iter().map(|r| &r.actor_ids))),
        ("n_events", int32_required(rows.iter().map(|r| r.n_events))),
        ("n_documents", int32_required(rows.iter().map(|r| r.n_documents))),
        ("n_outlets", int32_required(rows.iter().map(|r| r.n_outlets))),
        ("outlets", string_list(rows.iter().map(|r| &r.outlets))),
        ("first_published", date(rows.iter().map(|r| r.first_published))),
        ("last_published", date(rows.iter().map(|r| r.last_published))),
        ("event_ids", string_list(rows.iter().map(|r| &r.event_ids))),
        ("doc_ids", string_list(rows.iter().map(|r| &r.doc_ids))),
    ])
}

pub fn actors(rows: &[Actor]) -> Result<RecordBatch, ArrowError> {
    batch("actors", vec![
        ("actor_id", text_required(rows.iter().map(|r| &*r.actor_id))),
        ("actor_type", text_required(rows.iter().map(|r| r.actor_type))),
        ("name_ar", text(rows.iter().map(|r| r.name_ar.as_deref()))),
        ("name_en", text(rows.iter().map(|r| r.name_en.as_deref()))),
        ("country", text(rows.iter().map(|r| r.country.as_deref()))),
        ("faction", text(rows.iter().map(|r| r.faction.as_deref()))),
        ("org_kind", text(rows.iter().map(|r| r.org_kind.as_deref()))),
        ("cameo_code", text(rows.iter().map(|r| r.cameo_code.as_deref()))),
        ("wikidata_id", text(rows.iter().map(|r| r.wikidata_id.as_deref()))),
        ("in_registry", boolean(rows.iter().map(|r| r.in_registry))),
        // Hundredths of a degree, as the CLI writes them.
        ("latitude", float64(rows.iter().map(|r| r.coordinates.map(|(lat, _)| f64::from(lat) / 100.0)))),
        ("longitude", float64(rows.iter().map(|r| r.coordinates.map(|(_, lon)| f64::from(lon) / 100.0)))),
        ("admin1", text(rows.iter().map(|r| r.admin1.as_deref()))),
    ])
}

pub fn mentions(rows: &[Mention]) -> Result<RecordBatch, ArrowError> {
    batch("mentions", vec![
        ("doc_id", text_required(rows.iter().map(|r| &*r.doc_id))),
        ("actor_id", text_required(rows.iter().map(|r| &*r.actor_id))),
        ("mention_text", text_required(rows.iter().map(|r| r.mention_text.as_str()))),
        ("role_text", text(rows.iter().map(|r| r.role_text.as_deref()))),
        ("role_en", text(rows.iter().map(|r| r.role_en.as_deref()))),
        ("char_start", int32_required(rows.iter().map(|r| r.char_start))),
        ("char_end", int32_required(rows.iter().map(|r| r.char_end))),
    ])
}

pub fn figures(rows: &[Figure]) -> Result<RecordBatch, ArrowError> {
    batch("figures", vec![
        ("figure_id", text_required(rows.iter().map(|r| r.figure_id.as_str()))),
        ("doc_id", text_required(rows.iter().map(|r| &*r.doc_id))),
        ("kind", text_required(rows.iter().map(|r| r.kind))),
        ("metric", text(rows.iter().map(|r| r.metric.as_deref()))),
        ("value", float64(rows.iter().map(|r| Some(r.value)))),
        ("unit", text(rows.iter().map(|r| r.unit.as_deref()))),
        ("year", int32(rows.iter().map(|r| r.year))),
        ("qualifier", text_required(rows.iter().map(|r| r.qualifier))),
        ("status", text_required(rows.iter().map(|r| r.status))),
        ("countries", string_list(rows.iter().map(|r| &r.countries))),
        ("text", text_required(rows.iter().map(|r| r.text.as_str()))),
        ("sentence", text_required(rows.iter().map(|r| r.sentence.as_str()))),
        ("char_start", int32_required(rows.iter().map(|r| r.char_start))),
        ("char_end", int32_required(rows.iter().map(|r| r.char_end))),
    ])
}

pub fn sectors(rows: &[Sector]) -> Result<RecordBatch, ArrowError> {
    batch("sectors", vec![
        ("doc_id", text_required(rows.iter().map(|r| &*r.doc_id))),
        ("sector", text_required(rows.iter().map(|r| r.sector))),
        ("event_id", text(rows.iter().map(|r| r.event_id.as_deref()))),
        ("text", text(rows.iter().map(|r| r.text.as_deref()))),
        ("char_start", int32(rows.iter().map(|r| r.char_start))),
        ("char_end", int32(rows.iter().map(|r| r.char_end))),
    ])
}

pub fn rejects(rows: &[Reject]) -> Result<RecordBatch, ArrowError> {
    batch("rejects", vec![
        ("source", text_required(rows.iter().map(|r| r.source.as_str()))),
        ("reason", text_required(rows.iter().map(|r| r.reason.as_str()))),
        ("detail", text_required(rows.iter().map(|r| r.detail.as_str()))),
    ])
}

/// Every table of a run, in `schemas`' table order.
pub fn record_batches(t: &Tables) -> Result<Vec<(&'static str, RecordBatch)>, ArrowError> {
    Ok(vec![
        ("documents", documents(&t.documents, &t.duplicate_of)?),
        ("events", events(&t.events, &t.story_ids)?),
        ("stories", stories(&t.stories)?),
        ("actors", actors(&t.actors)?),
        ("mentions", mentions(&t.mentions)?),
        ("figures", figures(&t.figures)?),
        ("sectors", sectors(&t.sectors)?),
        ("rejects", rejects(&t.rejects)?),
    ])
}
