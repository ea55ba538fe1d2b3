//! The run's own steps on grouped data, for engines that extract article by article
//! (`per_article`) and group the rows themselves: the core's functions, on Arrow columns.
//!
//! - `vouching_pairs`: the events of whole blocks (type and parties) → which documents vouch
//!   for which (`StoryIndex::vouching_pairs`); the union over all blocks feeds the next step.
//! - `link_stories`: the events of whole blocks, each with its document's partners → the
//!   blocks' stories rows (`StoryIndex::link_block`), equal to a whole run's.
//! - `event_stories`: the same, as each event's story id.
//! - `reprint_marks`: every document's id, day and signature → `duplicate_of` per document.
//! - `duplicate_rejects`: (source, first source, doc id) → the `duplicate` rejects.

use crate::per_article::signature_from_bytes;
use crate::{tables, Error};
use arrow_array::cast::AsArray;
use arrow_array::types::Date32Type;
use arrow_array::{Array, ArrayRef, GenericListArray, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use relations_core::model::Reject;
use relations_core::reprints::ReprintIndex;
use relations_core::run;
use relations_core::stories::{EventFields, StoryIndex};
use rustc_hash::FxHashMap;
use std::sync::Arc;

fn layout(message: String) -> Error {
    Error::Layout(crate::articles::LayoutError(message))
}

fn column<'a>(batch: &'a RecordBatch, name: &str, want: &DataType) -> Result<&'a ArrayRef, Error> {
    let c = batch.column_by_name(name).ok_or_else(|| layout(format!("the batch has no `{name}` column")))?;
    if c.data_type() != want {
        return Err(layout(format!("column `{name}` is {}; it must be {want}", c.data_type())));
    }
    Ok(c)
}

fn strings<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a StringArray, Error> {
    Ok(column(batch, name, &DataType::Utf8)?.as_string::<i32>())
}

fn string_lists<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a GenericListArray<i32>, Error> {
    let c = batch.column_by_name(name).ok_or_else(|| layout(format!("the batch has no `{name}` column")))?;
    match c.data_type() {
        DataType::List(item) if item.data_type() == &DataType::Utf8 => Ok(c.as_list::<i32>()),
        other => Err(layout(format!("column `{name}` is {other}; it must be a list of strings"))),
    }
}

fn list_values(lists: &GenericListArray<i32>, row: usize) -> Vec<&str> {
    if lists.is_null(row) {
        return Vec::new();
    }
    let offsets = lists.value_offsets();
    let values = lists.values().as_string::<i32>();
    (offsets[row] as usize..offsets[row + 1] as usize).map(|i| values.value(i)).collect()
}

fn dates(batch: &RecordBatch, name: &str) -> Result<Vec<Option<NaiveDate>>, Error> {
    let c = column(batch, name, &DataType::Date32)?.as_primitive::<Date32Type>();
    Ok((0..c.len()).map(|i| if c.is_null(i) { None } else { c.value_as_date(i) }).collect())
}

fn opt(a: &StringArray, row: usize) -> Option<&str> {
    a.is_valid(row).then(|| a.value(row))
}

/// A `short_hash` id (16 hex digits) as its 64 bits, as the core keeps ids.
fn key(id: &str) -> Result<u64, Error> {
    u64::from_str_radix(id, 16).map_err(|_| layout(format!("{id:?} is not a document id of this package (16 hex digits)")))
}

/// The story index of the events in `batches`: columns `event_id, doc_id, event_type,
/// countries, event_date, date_precision, location_id, actor_ids` of the events table, the
/// document's `published` (date32) and `outlet`, and `position` (int32), the event's place in
/// its document's events. A document's events are added together in that order, as a run adds
/// them (an extractor may give two events of a document one id, so the order matters). Also
/// returns each added event's (event_id, position), in the order added.
fn story_index(batches: &[RecordBatch]) -> Result<(StoryIndex, Vec<(String, i32)>), Error> {
    let mut index = StoryIndex::default();
    let mut added = Vec::new();
    for b in batches {
        let position = column(b, "position", &DataType::Int32)?.as_primitive::<arrow_array::types::Int32Type>();
        let event_id = strings(b, "event_id")?;
        let doc_id = strings(b, "doc_id")?;
        let event_type = strings(b, "event_type")?;
        let precision = strings(b, "date_precision")?;
        let location = strings(b, "location_id")?;
        let outlet = strings(b, "outlet")?;
        let countries = string_lists(b, "countries")?;
        let actors = string_lists(b, "actor_ids")?;
        let event_date = dates(b, "event_date")?;
        let published = dates(b, "published")?;
        // Rows of one document, in the order they came.
        let mut rows_of: Vec<(&str, Vec<usize>)> = Vec::new();
        let mut place: FxHashMap<&str, usize> = FxHashMap::default();
        for row in 0..b.num_rows() {
            let d = doc_id.value(row);
            let at = *place.entry(d).or_insert_with(|| {
                rows_of.push((d, Vec::new()));
                rows_of.len() - 1
            });
            rows_of[at].1.push(row);
        }
        for (doc, mut rows) in rows_of {
            rows.sort_by_key(|&r| position.value(r));
            added.extend(rows.iter().map(|&r| (event_id.value(r).to_string(), position.value(r))));
            let lists: Vec<(Vec<&str>, Vec<&str>)> = rows.iter().map(|&r| (list_values(countries, r), list_values(actors, r))).collect();
            let fields = rows.iter().zip(&lists).map(|(&r, (c, a))| EventFields {
                event_id: event_id.value(r),
                event_type: event_type.value(r),
                countries: c.as_slice(),
                event_date: event_date[r],
                date_precision: precision.value(r),
                location_id: opt(location, r),
                actor_ids: a.as_slice(),
            });
            let first = rows[0];
            index.add_document(doc, published[first], opt(outlet, first), fields);
        }
    }
    Ok((index, added))
}

fn hex(key: u64) -> String {
    format!("{key:016x}")
}

/// (doc_id, partner_doc_id): the vouching pairs of the blocks of these events.
pub fn vouching_pairs(batches: &[RecordBatch]) -> Result<RecordBatch, Error> {
    let pairs = story_index(batches)?.0.vouching_pairs();
    let schema = Schema::new(vec![Field::new("doc_id", DataType::Utf8, false), Field::new("partner_doc_id", DataType::Utf8, false)]);
    let docs = StringArray::from_iter_values(pairs.iter().map(|p| hex(p.0)));
    let partners = StringArray::from_iter_values(pairs.iter().map(|p| hex(p.1)));
    RecordBatch::try_new(Arc::new(schema), vec![Arc::new(docs), Arc::new(partners)]).map_err(Error::Arrow)
}

/// The stories rows of the blocks of these events (whole blocks), given in `partners` (list of
/// doc ids, per event: its document's partners) the union of every block's vouching pairs.
pub fn link_stories(batches: &[RecordBatch]) -> Result<RecordBatch, Error> {
    let stories = linked(batches)?.0;
    tables::stories(&stories.rows(0..stories.len())).map_err(Error::Arrow)
}

/// (event_id, position, story_id) of each event of these blocks, linked as `link_stories`
/// links them: what `events.story_id` is.
pub fn event_stories(batches: &[RecordBatch]) -> Result<RecordBatch, Error> {
    let (stories, added) = linked(batches)?;
    let schema = Schema::new(vec![
        Field::new("event_id", DataType::Utf8, false),
        Field::new("position", DataType::Int32, false),
        Field::new("story_id", DataType::Utf8, false),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(added.iter().map(|a| a.0.as_str()))),
        Arc::new(arrow_array::Int32Array::from_iter_values(added.iter().map(|a| a.1))),
        Arc::new(StringArray::from_iter_values((0..added.len()).map(|i| stories.story_id_of(i)))),
    ];
    RecordBatch::try_new(Arc::new(schema), columns).map_err(Error::Arrow)
}

fn linked(batches: &[RecordBatch]) -> Result<(relations_core::stories::Stories, Vec<(String, i32)>), Error> {
    let mut partners: FxHashMap<u64, Vec<u64>> = FxHashMap::default();
    for b in batches {
        let doc_id = strings(b, "doc_id")?;
        let lists = string_lists(b, "partners")?;
        for row in 0..b.num_rows() {
            let doc = key(doc_id.value(row))?;
            if partners.contains_key(&doc) {
                continue;
            }
            let of_doc = list_values(lists, row).into_iter().map(key).collect::<Result<Vec<u64>, Error>>()?;
            partners.insert(doc, of_doc);
        }
    }
    let (index, added) = story_index(batches)?;
    Ok((index.link_block(&partners), added))
}

/// (doc_id, duplicate_of) for every document of `batches` (columns doc_id, published date32,
/// signature binary): the reprint marks of a run over all of them, so every document at once.
pub fn reprint_marks(batches: &[RecordBatch]) -> Result<RecordBatch, Error> {
    let mut index = ReprintIndex::default();
    let mut ids: Vec<String> = Vec::new();
    for b in batches {
        let doc_id = strings(b, "doc_id")?;
        let published = dates(b, "published")?;
        let signature = column(b, "signature", &DataType::Binary)?.as_binary::<i32>();
        for row in 0..b.num_rows() {
            let sig = if signature.is_null(row) { None } else { signature_from_bytes(signature.value(row)) };
            index.add(key(doc_id.value(row))?, published[row], sig);
            ids.push(doc_id.value(row).to_string());
        }
    }
    let marks = run::reprint_marks(index);
    let schema = Schema::new(vec![Field::new("doc_id", DataType::Utf8, false), Field::new("duplicate_of", DataType::Utf8, true)]);
    let columns: Vec<ArrayRef> = vec![Arc::new(StringArray::from_iter_values(ids)), Arc::new(StringArray::from(marks))];
    RecordBatch::try_new(Arc::new(schema), columns).map_err(Error::Arrow)
}

/// The `duplicate` rejects of (source, first_source, doc_id) rows: the document of `source` had
/// the same text as the earlier one of `first_source`.
pub fn duplicate_rejects(batches: &[RecordBatch]) -> Result<RecordBatch, Error> {
    let mut rows: Vec<Reject> = Vec::new();
    for b in batches {
        let (source, first, doc_id) = (strings(b, "source")?, strings(b, "first_source")?, strings(b, "doc_id")?);
        rows.extend((0..b.num_rows()).map(|r| run::duplicate_reject(source.value(r), first.value(r), doc_id.value(r))));
    }
    tables::rejects(&rows).map_err(Error::Arrow)
}
