//! Extraction article by article, with no state across articles, for engines that spread the
//! articles over workers (Spark `mapInArrow`, Ray, Dask) and do the run's own steps themselves
//! (`run_steps`): one output row per input row, holding that article's rows of every table as
//! lists of structs, its document id and its reprint signature.

use crate::{tables, Error};
use arrow_array::{ArrayRef, BinaryArray, ListArray, RecordBatch, StringArray, StructArray};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use relations_core::model::*;
use std::sync::Arc;

/// The tables an article has rows of on its own; `stories` needs other articles.
pub const ARTICLE_TABLES: [&str; 7] = ["documents", "events", "actors", "mentions", "figures", "sectors", "rejects"];

/// The output's schema: `doc_id` (null for a reject), `signature` (the reprint signature, 64
/// bytes, null for a text too short), then one list column per table of `ARTICLE_TABLES`.
/// `documents.duplicate_of` is null and `events.story_id` empty: the run's steps fill them.
pub fn schema() -> SchemaRef {
    let mut fields = vec![Field::new("doc_id", DataType::Utf8, true), Field::new("signature", DataType::Binary, true)];
    for t in ARTICLE_TABLES {
        fields.push(Field::new(t, list_of(t), false));
    }
    Arc::new(Schema::new(fields))
}

fn list_of(table: &str) -> DataType {
    let schema = crate::schema::arrow_schema(table).expect("a table of the schema files");
    DataType::List(Arc::new(Field::new("item", DataType::Struct(schema.fields().clone()), false)))
}

/// Each row's table rows, a list per table, `offsets` saying which rows are whose.
fn nested(name: &str, table: RecordBatch, offsets: Vec<i32>) -> Result<ArrayRef, ArrowError> {
    let DataType::List(item) = list_of(name) else { unreachable!("list_of gives lists") };
    let values = StructArray::from(table);
    Ok(Arc::new(ListArray::try_new(item, OffsetBuffer::new(offsets.into()), Arc::new(values), None)?))
}

/// Every article of `batches` on its own: one row each, in their order.
pub fn extract_articles(batches: &[RecordBatch], threads: usize) -> Result<RecordBatch, Error> {
    let outcomes = crate::read_articles(batches, threads)?;
    nested_rows(outcomes).map_err(Error::Arrow)
}

#[derive(Default)]
struct Rows {
    documents: Vec<Document>,
    events: Vec<Event>,
    actors: Vec<Actor>,
    mentions: Vec<Mention>,
    figures: Vec<Figure>,
    sectors: Vec<Sector>,
    rejects: Vec<Reject>,
}

impl Rows {
    fn counts(&self) -> [usize; 7] {
        [self.documents.len(), self.events.len(), self.actors.len(), self.mentions.len(), self.figures.len(), self.sectors.len(), self.rejects.len()]
    }
}

fn nested_rows(outcomes: Vec<Outcome>) -> Result<RecordBatch, ArrowError> {
    let mut rows = Rows::default();
    let mut offsets: Vec<Vec<i32>> = vec![vec![0]; ARTICLE_TABLES.len()];
    let mut doc_ids: Vec<Option<String>> = Vec::with_capacity(outcomes.len());
    let mut signatures: Vec<Option<Vec<u8>>> = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Outcome::Document(boxed) => {
                let (doc, ex) = *boxed;
                doc_ids.push(Some(doc.doc_id.clone()));
                signatures.push(ex.signature.map(|s| s.iter().flat_map(|b| b.to_le_bytes()).collect()));
                rows.documents.push(doc);
                rows.events.extend(ex.events);
                // The article's actors in its order; the run keeps the first of each id.
                rows.actors.extend(ex.actors.iter().map(|a| (**a).clone()));
                rows.mentions.extend(ex.mentions);
                rows.figures.extend(ex.figures);
                rows.sectors.extend(ex.sectors);
            }
            Outcome::Rejected(reject) => {
                doc_ids.push(None);
                signatures.push(None);
                rows.rejects.push(reject);
            }
        }
        for (o, n) in offsets.iter_mut().zip(rows.counts()) {
            o.push(n as i32);
        }
    }
    let no_marks = vec![None; rows.documents.len()];
    let no_stories = vec![String::new(); rows.events.len()];
    let tables = [
        tables::documents(&rows.documents, &no_marks)?,
        tables::events(&rows.events, &no_stories)?,
        tables::actors(&rows.actors)?,
        tables::mentions(&rows.mentions)?,
        tables::figures(&rows.figures)?,
        tables::sectors(&rows.sectors)?,
        tables::rejects(&rows.rejects)?,
    ];
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(doc_ids)),
        Arc::new(BinaryArray::from_iter(signatures)),
    ];
    for ((name, table), offsets) in ARTICLE_TABLES.iter().zip(tables).zip(offsets) {
        columns.push(nested(name, table, offsets)?);
    }
    RecordBatch::try_new(schema(), columns)
}

/// A signature as `nested_rows` writes it (16-bit bins, little-endian), or None if it is not one.
pub fn signature_from_bytes(bytes: &[u8]) -> Option<relations_core::reprints::signature::Signature> {
    let mut s = [0u16; relations_core::reprints::signature::BINS];
    if bytes.len() != s.len() * 2 {
        return None;
    }
    for (bin, pair) in s.iter_mut().zip(bytes.chunks_exact(2)) {
        *bin = u16::from_le_bytes([pair[0], pair[1]]);
    }
    Some(s)
}
