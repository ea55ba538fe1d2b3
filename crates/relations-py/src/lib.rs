//! relations-py: the Python package `relations_export` on the extraction core.
//!
//! The Arrow side is plain Rust, testable without Python: `articles` reads a batch of articles
//! as the core's input units, `run_batches` reads them (on a local pool when asked) and runs
//! the core's `run::tables` over them, and `tables` turns the records into one Arrow batch per
//! table with the schema `schema` derives from `schemas/`. The pyo3 module (`python`, feature
//! `python`, turned on by maturin) only moves batches across the Arrow C data interface.
//!
//! For engines that spread articles over workers, `per_article` extracts each article on its
//! own and `run_steps` does the run's steps (stories block by block, reprint marks, duplicate
//! rejects) on the rows the engine grouped: the same core functions the CLI's run calls.

pub mod articles;
pub mod per_article;
pub mod run_steps;
pub mod schema;
pub mod tables;

#[cfg(feature = "python")]
mod python;

use arrow_array::RecordBatch;
use rayon::prelude::*;
use relations_core::ingest::document::PrepareOptions;
use relations_core::ingest::MetadataIndex;
use relations_core::model::Outcome;
use relations_core::run::{self, DEFAULT_ARTICLE_TIME};

#[derive(Debug)]
pub enum Error {
    /// The batch's columns are not articles: the caller's to fix.
    Layout(articles::LayoutError),
    Arrow(arrow_schema::ArrowError),
    Threads(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Layout(e) => e.fmt(f),
            Error::Arrow(e) => write!(f, "building the tables failed ({e}); please report this with the input that caused it"),
            Error::Threads(e) => write!(f, "cannot start the worker threads: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Each article of `batches`, in their order, read on its own (`run::read_unit`), on `threads`
/// threads as `run_batches` says.
pub(crate) fn read_articles(batches: &[RecordBatch], threads: usize) -> Result<Vec<Outcome>, Error> {
    let mut views = Vec::with_capacity(batches.len());
    let mut first_row = 0;
    for b in batches {
        let a = articles::Articles::new(b, first_row).map_err(Error::Layout)?;
        first_row += a.len();
        views.push(a);
    }
    let rows: Vec<(usize, usize)> = views.iter().enumerate().flat_map(|(b, a)| (0..a.len()).map(move |r| (b, r))).collect();
    let metadata = MetadataIndex::default();
    let opts = PrepareOptions { metadata: &metadata, reference_date: None };
    let read = |&(b, r): &(usize, usize)| run::read_unit(views[b].unit(r), &opts, DEFAULT_ARTICLE_TIME);
    if threads <= 1 {
        return Ok(rows.iter().map(read).collect());
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| Error::Threads(e.to_string()))?;
    Ok(pool.install(|| rows.par_iter().map(read).collect()))
}

/// One run over the articles of `batches`, in their order, as one Arrow batch per table.
///
/// `threads`: 1 reads the articles on the calling thread; more uses a pool of that many threads
/// made for this call (never rayon's global pool, which would oversubscribe an engine's
/// executor that already runs one task per core).
pub fn run_batches(batches: &[RecordBatch], threads: usize) -> Result<Vec<(&'static str, RecordBatch)>, Error> {
    let outcomes = read_articles(batches, threads)?;
    tables::record_batches(&run::tables(outcomes)).map_err(Error::Arrow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Date32Type;
    use arrow_array::{Array, ArrayRef, StringArray};
    use std::sync::Arc;

    fn articles(ids: &[&str], texts: &[Option<&str>], published: &str) -> RecordBatch {
        RecordBatch::try_from_iter([
            ("id", Arc::new(StringArray::from_iter_values(ids.iter())) as ArrayRef),
            ("text", Arc::new(StringArray::from(texts.to_vec()))),
            ("published", Arc::new(StringArray::from_iter_values(ids.iter().map(|_| published)))),
        ])
        .unwrap()
    }

    fn table<'a>(tables: &'a [(&str, RecordBatch)], name: &str) -> &'a RecordBatch {
        &tables.iter().find(|(n, _)| *n == name).unwrap().1
    }

    fn strings(b: &RecordBatch, column: &str) -> Vec<Option<String>> {
        let c = b.column_by_name(column).unwrap().as_string::<i32>();
        (0..c.len()).map(|i| c.is_valid(i).then(|| c.value(i).to_string())).collect()
    }

    const VISIT: &str = "استقبل رئيس المجلس الرئاسي محمد المنفي في طرابلس يوم الأحد 2 مارس 2025 وزير الخارجية الإيطالي أنطونيو تاياني، وبحث الجانبان التعاون في مجال الطاقة.";

    #[test]
    fn every_table_comes_back_with_its_schema_and_the_runs_rows() {
        let batch = articles(&["a1", "a2", "a3"], &[Some(VISIT), Some(VISIT), Some(" ")], "2025-03-02");
        let t = run_batches(&[batch], 1).unwrap();
        assert_eq!(t.iter().map(|(n, _)| *n).collect::<Vec<_>>(), relations_core::schema::TABLES);
        for (name, b) in &t {
            assert_eq!(b.schema(), schema::arrow_schema(name).unwrap(), "{name}");
        }
        let docs = table(&t, "documents");
        assert_eq!(docs.num_rows(), 1, "the second copy is a duplicate, the blank text no article");
        assert_eq!(strings(docs, "source"), [Some("a1".into())]);
        assert_eq!(strings(docs, "duplicate_of"), [None]);
        let published = docs.column_by_name("published_date").unwrap().as_primitive::<Date32Type>();
        assert_eq!(published.value_as_date(0), chrono::NaiveDate::from_ymd_opt(2025, 3, 2));
        assert_eq!(strings(table(&t, "rejects"), "reason"), [Some("duplicate".into()), Some("no_text".into())]);

        let events = table(&t, "events");
        assert!(events.num_rows() >= 1, "the reception is an event");
        let types = strings(events, "event_type");
        assert!(types.iter().any(|t| t.as_deref() == Some("meeting") || t.as_deref() == Some("visit")), "{types:?}");
        // Every event has its story, and the stories count them all.
        let story_ids = strings(events, "story_id");
        assert!(story_ids.iter().all(Option::is_some));
        let stories = table(&t, "stories");
        let n_events = stories.column_by_name("n_events").unwrap().as_primitive::<arrow_array::types::Int32Type>();
        assert_eq!(n_events.values().iter().sum::<i32>() as usize, events.num_rows());
        // The event's countries are a list of ISO3 codes.
        let countries = events.column_by_name("countries").unwrap().as_list::<i32>();
        let first: Vec<String> = countries.value(0).as_string::<i32>().iter().flatten().map(str::to_string).collect();
        assert!(first.contains(&"ITA".to_string()) && first.contains(&"LBY".to_string()), "{first:?}");
        let actors = strings(table(&t, "actors"), "actor_id");
        assert!(actors.windows(2).all(|w| w[0] < w[1]), "distinct, in id order");
    }

    #[test]
    fn threads_and_batches_do_not_change_the_rows() {
        let texts = [Some(VISIT), Some("وقعت ليبيا ومصر اتفاقية للتعاون في مجال الكهرباء بقيمة 100 مليون دولار."), None];
        let one = run_batches(&[articles(&["a", "b", "c"], &texts, "2025-03-02")], 1).unwrap();
        let split = [articles(&["a", "b"], &texts[..2], "2025-03-02"), articles(&["c"], &texts[2..], "2025-03-02")];
        let pooled = run_batches(&split, 2).unwrap();
        assert_eq!(one, pooled);
    }
}
