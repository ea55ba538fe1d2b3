//! Articles in an Arrow batch (`id, text, published[, url, outlet, title, html, source]`) as the
//! core's input units: each row becomes the JSON object a JSONL line of the same article is, so
//! that ingest reads it exactly as the CLI reads that line.

use arrow_array::cast::AsArray;
use arrow_array::temporal_conversions::as_date;
use arrow_array::types::*;
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use relations_core::ingest::walk::{parse_json_unit, MAX_FILE_BYTES};
use relations_core::ingest::{InputUnit, Payload};
use relations_core::model::Reject;
use std::borrow::Cow;

/// The text fields a row may have, as the JSONL line's keys.
const TEXT_FIELDS: [&str; 5] = ["text", "html", "url", "outlet", "title"];

/// A batch without a usable column layout: the caller's to fix, so the message says how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError(pub String);

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LayoutError {}

/// One column of a batch, read as the text a JSON line would hold.
enum Column<'a> {
    Absent,
    Text(&'a dyn Array),
    Integer(&'a dyn Array),
    Date(&'a dyn Array),
    /// Raw bytes (a JSONL line as read from its file, not yet checked as UTF-8).
    Bytes(&'a dyn Array),
}

impl<'a> Column<'a> {
    fn of(batch: &'a RecordBatch, name: &str) -> Result<Column<'a>, LayoutError> {
        let Some(array) = batch.column_by_name(name) else { return Ok(Column::Absent) };
        let array = array.as_ref();
        let dates = name == "published";
        let integers = name == "id";
        Ok(match array.data_type() {
            DataType::Null => Column::Absent,
            DataType::Binary | DataType::LargeBinary if name == "json" => Column::Bytes(array),
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => Column::Text(array),
            DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 | DataType::UInt8 | DataType::UInt16 | DataType::UInt32 | DataType::UInt64 if integers => {
                Column::Integer(array)
            }
            DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, _) if dates => Column::Date(array),
            other => {
                let wanted = if dates { "a string (2025-12-03), date32 or timestamp" } else if integers { "a string or an integer" } else { "a string" };
                return Err(LayoutError(format!("column `{name}` is {other}; it must be {wanted}: cast it (pyarrow.compute.cast) or leave it out")));
            }
        })
    }

    fn get(&self, row: usize) -> Option<Cow<'a, str>> {
        match *self {
            Column::Absent => None,
            Column::Text(a) if a.is_null(row) => None,
            Column::Text(a) => Some(Cow::Borrowed(match a.data_type() {
                DataType::Utf8 => a.as_string::<i32>().value(row),
                DataType::LargeUtf8 => a.as_string::<i64>().value(row),
                _ => a.as_string_view().value(row),
            })),
            Column::Integer(a) if a.is_null(row) => None,
            Column::Integer(a) => Some(Cow::Owned(integer(a, row).to_string())),
            Column::Date(a) if a.is_null(row) => None,
            Column::Date(a) => date(a, row).map(|d| Cow::Owned(d.to_string())),
            Column::Bytes(_) => None,
        }
    }

    /// The row's bytes: a text column's, or a binary column's as they stand.
    fn bytes(&self, row: usize) -> Option<&'a [u8]> {
        match *self {
            Column::Bytes(a) if a.is_null(row) => None,
            Column::Bytes(a) if a.data_type() == &DataType::Binary => Some(a.as_binary::<i32>().value(row)),
            Column::Bytes(a) => Some(a.as_binary::<i64>().value(row)),
            Column::Text(_) => match self.get(row)? {
                Cow::Borrowed(s) => Some(s.as_bytes()),
                Cow::Owned(_) => None,
            },
            _ => None,
        }
    }
}

fn integer(a: &dyn Array, row: usize) -> i128 {
    match a.data_type() {
        DataType::Int8 => a.as_primitive::<Int8Type>().value(row).into(),
        DataType::Int16 => a.as_primitive::<Int16Type>().value(row).into(),
        DataType::Int32 => a.as_primitive::<Int32Type>().value(row).into(),
        DataType::Int64 => a.as_primitive::<Int64Type>().value(row).into(),
        DataType::UInt8 => a.as_primitive::<UInt8Type>().value(row).into(),
        DataType::UInt16 => a.as_primitive::<UInt16Type>().value(row).into(),
        DataType::UInt32 => a.as_primitive::<UInt32Type>().value(row).into(),
        _ => a.as_primitive::<UInt64Type>().value(row).into(),
    }
}

/// The calendar day of a date or timestamp (a timestamp's day in UTC).
fn date(a: &dyn Array, row: usize) -> Option<chrono::NaiveDate> {
    match a.data_type() {
        DataType::Date32 => as_date::<Date32Type>(a.as_primitive::<Date32Type>().value(row).into()),
        DataType::Date64 => as_date::<Date64Type>(a.as_primitive::<Date64Type>().value(row)),
        DataType::Timestamp(TimeUnit::Second, _) => as_date::<TimestampSecondType>(a.as_primitive::<TimestampSecondType>().value(row)),
        DataType::Timestamp(TimeUnit::Millisecond, _) => as_date::<TimestampMillisecondType>(a.as_primitive::<TimestampMillisecondType>().value(row)),
        DataType::Timestamp(TimeUnit::Microsecond, _) => as_date::<TimestampMicrosecondType>(a.as_primitive::<TimestampMicrosecondType>().value(row)),
        _ => as_date::<TimestampNanosecondType>(a.as_primitive::<TimestampNanosecondType>().value(row)),
    }
}

/// The article columns of one batch; rows are read one at a time, so that each worker copies
/// only the text it is about to read.
pub struct Articles<'a> {
    id: Column<'a>,
    published: Column<'a>,
    source: Column<'a>,
    /// A JSONL line as it stands in its file (string, or binary: bytes not yet checked as
    /// UTF-8), read by the CLI's line parser instead of the columns: engines that read the
    /// files as lines give the CLI's rows (`invalid_json` rejects, `decode_errors`).
    json: Column<'a>,
    fields: Vec<(&'static str, Column<'a>)>,
    rows: usize,
    /// Rows of the batches before this one, for the default source `#N`.
    first_row: usize,
}

impl<'a> Articles<'a> {
    /// `first_row`: how many articles came before this batch in the same run.
    pub fn new(batch: &'a RecordBatch, first_row: usize) -> Result<Articles<'a>, LayoutError> {
        let schema = batch.schema();
        if ["text", "html", "json"].iter().all(|c| schema.column_with_name(c).is_none()) {
            let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
            return Err(LayoutError(format!(
                "the batch has no `text` column (its columns: {}); give the articles as columns id, text, published[, url, outlet, title] (or `json`, JSONL lines)",
                names.join(", ")
            )));
        }
        let fields = TEXT_FIELDS.iter().map(|&name| Ok((name, Column::of(batch, name)?))).collect::<Result<_, LayoutError>>()?;
        Ok(Articles {
            id: Column::of(batch, "id")?,
            published: Column::of(batch, "published")?,
            source: Column::of(batch, "source")?,
            json: Column::of(batch, "json")?,
            fields,
            rows: batch.num_rows(),
            first_row,
        })
    }

    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Row `row` as an input unit. Its source (documents.source, rejects.source) is the `source`
    /// column, else the id, else `#N` for the N-th article of the run (from 1).
    pub fn unit(&self, row: usize) -> InputUnit {
        let id = self.id.get(row);
        let source = match (self.source.get(row), &id) {
            (Some(s), _) => s.into_owned(),
            (None, Some(id)) => id.to_string(),
            (None, None) => format!("#{}", self.first_row + row + 1),
        };
        if let Some(json) = self.json.bytes(row) {
            let bytes = json.len() as u64;
            let payload = if bytes > MAX_FILE_BYTES {
                let detail = format!("the line is over the {} MB limit for one article; split it", MAX_FILE_BYTES >> 20);
                Err(Reject { source: source.clone(), reason: "too_large".into(), detail })
            } else {
                parse_json_unit(json, &source)
            };
            return InputUnit { source, file: String::new(), payload, bytes };
        }
        let mut line = serde_json::Map::new();
        let mut bytes = 0;
        if let Some(id) = id {
            line.insert("id".into(), id.into_owned().into());
        }
        if let Some(published) = self.published.get(row) {
            line.insert("published".into(), published.into_owned().into());
        }
        for (name, column) in &self.fields {
            if let Some(value) = column.get(row) {
                bytes += value.len() as u64;
                line.insert((*name).into(), value.into_owned().into());
            }
        }
        // The CLI's size budget of one JSONL line, on what the line would hold.
        let payload = if bytes > MAX_FILE_BYTES {
            let detail = format!("the article is over the {} MB limit for one article; split it", MAX_FILE_BYTES >> 20);
            Err(Reject { source: source.clone(), reason: "too_large".into(), detail })
        } else {
            Ok(Payload::Json(serde_json::Value::Object(line), 0))
        };
        InputUnit { source, file: String::new(), payload, bytes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{ArrayRef, Date32Array, Int64Array, StringArray};
    use std::sync::Arc;

    fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
        RecordBatch::try_from_iter(columns).unwrap()
    }

    fn line(unit: &InputUnit) -> serde_json::Value {
        match &unit.payload {
            Ok(Payload::Json(v, 0)) => v.clone(),
            other => panic!("not a JSON line: {other:?}"),
        }
    }

    #[test]
    fn a_row_reads_as_the_json_line_of_the_same_article() {
        let b = batch(vec![
            ("id", Arc::new(Int64Array::from(vec![Some(7), None])) as ArrayRef),
            ("text", Arc::new(StringArray::from(vec![Some("نص"), None]))),
            ("published", Arc::new(Date32Array::from(vec![Some(20_000), None]))),
            ("language", Arc::new(StringArray::from(vec!["ar", "ar"]))),
        ]);
        let articles = Articles::new(&b, 10).unwrap();
        assert_eq!(articles.len(), 2);
        let first = articles.unit(0);
        assert_eq!(first.source, "7");
        assert_eq!(line(&first), serde_json::json!({"id": "7", "published": "2024-10-04", "text": "نص"}));
        // No id, no text: the run's 12th article, whose line has nothing to read (ingest rejects it).
        let second = articles.unit(1);
        assert_eq!(second.source, "#12");
        assert_eq!(line(&second), serde_json::json!({}));
    }

    #[test]
    fn a_json_column_is_read_as_the_clis_jsonl_line() {
        use arrow_array::BinaryArray;
        let lines: Vec<Option<&[u8]>> = vec![Some(b"{\"id\": 3, \"text\": \"\xd9\x86\xd8\xb5 \xff\"}"), Some(b"{not json"), None];
        let b = batch(vec![
            ("source", Arc::new(StringArray::from(vec!["a.jsonl#1", "a.jsonl#2", "a.jsonl#4"])) as ArrayRef),
            ("json", Arc::new(BinaryArray::from(lines))),
        ]);
        let articles = Articles::new(&b, 0).unwrap();
        let first = articles.unit(0);
        assert_eq!(first.source, "a.jsonl#1");
        // The invalid byte is replaced and counted, as the CLI's walker does.
        match &first.payload {
            Ok(Payload::Json(v, 1)) => assert_eq!(v["text"], "نص \u{fffd}"),
            other => panic!("{other:?}"),
        }
        let second = articles.unit(1);
        assert_eq!(second.payload.unwrap_err().reason, "invalid_json");
        // A null line falls back to the columns, which hold nothing: ingest rejects it.
        assert_eq!(line(&articles.unit(2)), serde_json::json!({}));
    }

    #[test]
    fn a_batch_without_text_or_with_a_wrong_type_says_what_to_do() {
        let no_text = batch(vec![("body", Arc::new(StringArray::from(vec!["x"])) as ArrayRef)]);
        let e = Articles::new(&no_text, 0).err().unwrap();
        assert!(e.0.contains("no `text` column (its columns: body)"), "{e}");
        let numeric_text = batch(vec![("text", Arc::new(Int64Array::from(vec![1])) as ArrayRef)]);
        let e = Articles::new(&numeric_text, 0).err().unwrap();
        assert!(e.0.contains("column `text` is Int64; it must be a string"), "{e}");
    }
}
