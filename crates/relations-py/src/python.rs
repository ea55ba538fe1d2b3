//! The native module `relations_export._native`: Arrow batches across the Arrow C data interface
//! (the PyCapsule protocol, so pyarrow, polars, DuckDB and others can hand them over without
//! copies), and the extraction run with the GIL released. The Python package wraps it.

use crate::{per_article, run_batches, run_steps, schema::arrow_schema, Error};
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{RecordBatchStreamReader, FFI_ArrowArrayStream};
use arrow_array::{Array, RecordBatch, StructArray};
use arrow_schema::SchemaRef;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods};
use relations_core::schema::{SCHEMA_VERSION, TABLES};
use std::ffi::CStr;

// Allocation is a fifth of an extraction with the system allocator (many small strings per
// record), as in the CLI; this serves the module's own allocations only, not Python's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// The capsule names the Arrow PyCapsule interface fixes.
const SCHEMA_CAPSULE: &CStr = c"arrow_schema";
const ARRAY_CAPSULE: &CStr = c"arrow_array";
const STREAM_CAPSULE: &CStr = c"arrow_array_stream";

fn to_py_err(e: Error) -> PyErr {
    match e {
        Error::Layout(e) => PyValueError::new_err(e.to_string()),
        other => PyRuntimeError::new_err(other.to_string()),
    }
}

fn arrow_err(e: arrow_schema::ArrowError) -> PyErr {
    PyRuntimeError::new_err(format!("Arrow data could not be exchanged: {e}"))
}

/// One table's rows, handed to Python through `__arrow_c_array__` (`pyarrow.record_batch(it)`).
#[pyclass(frozen, module = "relations_export._native")]
struct ArrowBatch {
    batch: RecordBatch,
}

#[pymethods]
impl ArrowBatch {
    /// The batch as a (schema, struct array) pair of capsules. A requested schema is not
    /// honoured: the tables have the one schema of `schemas/`, and consumers cast if they wish.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(&self, py: Python<'py>, requested_schema: Option<Bound<'py, PyAny>>) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        let _ = requested_schema;
        let schema = FFI_ArrowSchema::try_from(self.batch.schema().as_ref()).map_err(arrow_err)?;
        let array = FFI_ArrowArray::new(&StructArray::from(self.batch.clone()).into_data());
        // The consumer moves each struct out (leaving its release empty); what it does not take,
        // the capsule's destructor releases.
        Ok((PyCapsule::new_with_value(py, schema, SCHEMA_CAPSULE)?, PyCapsule::new_with_value(py, array, ARRAY_CAPSULE)?))
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }
}

/// A table's schema, handed to Python through `__arrow_c_schema__` (`pyarrow.schema(it)`).
#[pyclass(frozen, module = "relations_export._native")]
struct ArrowSchema {
    schema: SchemaRef,
}

#[pymethods]
impl ArrowSchema {
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = FFI_ArrowSchema::try_from(self.schema.as_ref()).map_err(arrow_err)?;
        PyCapsule::new_with_value(py, schema, SCHEMA_CAPSULE)
    }
}

/// One run over the articles of an Arrow stream (the capsule of `__arrow_c_stream__`):
/// `[(table, batch), ...]` in `TABLES` order.
#[pyfunction]
#[pyo3(signature = (stream, threads=1))]
fn extract_stream(py: Python<'_>, stream: &Bound<'_, PyCapsule>, threads: usize) -> PyResult<Vec<(&'static str, ArrowBatch)>> {
    let pointer = stream.pointer_checked(Some(STREAM_CAPSULE))?;
    // SAFETY: a capsule named arrow_array_stream holds an FFI_ArrowArrayStream (the protocol);
    // `from_raw` moves the stream out and leaves an empty one for the capsule to drop.
    let reader = unsafe { RecordBatchStreamReader::from_raw(pointer.as_ptr().cast::<FFI_ArrowArrayStream>()) }.map_err(arrow_err)?;
    // The batches only point at the producer's buffers: reading them copies no text.
    let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>().map_err(arrow_err)?;
    let tables = py.detach(|| run_batches(&batches, threads)).map_err(to_py_err)?;
    Ok(tables.into_iter().map(|(name, batch)| (name, ArrowBatch { batch })).collect())
}

fn read_stream(stream: &Bound<'_, PyCapsule>) -> PyResult<Vec<RecordBatch>> {
    let pointer = stream.pointer_checked(Some(STREAM_CAPSULE))?;
    // SAFETY: as in `extract_stream`.
    let reader = unsafe { RecordBatchStreamReader::from_raw(pointer.as_ptr().cast::<FFI_ArrowArrayStream>()) }.map_err(arrow_err)?;
    reader.collect::<Result<_, _>>().map_err(arrow_err)
}

/// Each article of the stream on its own (`per_article`): one row per article.
#[pyfunction]
#[pyo3(signature = (stream, threads=1))]
fn extract_articles(py: Python<'_>, stream: &Bound<'_, PyCapsule>, threads: usize) -> PyResult<ArrowBatch> {
    let batches = read_stream(stream)?;
    let batch = py.detach(|| per_article::extract_articles(&batches, threads)).map_err(to_py_err)?;
    Ok(ArrowBatch { batch })
}

/// The schema of `extract_articles`' rows.
#[pyfunction]
fn articles_schema() -> ArrowSchema {
    ArrowSchema { schema: per_article::schema() }
}

/// One of `run_steps`' functions over the batches of a stream.
fn run_step(py: Python<'_>, stream: &Bound<'_, PyCapsule>, step: fn(&[RecordBatch]) -> Result<RecordBatch, Error>) -> PyResult<ArrowBatch> {
    let batches = read_stream(stream)?;
    let batch = py.detach(|| step(&batches)).map_err(to_py_err)?;
    Ok(ArrowBatch { batch })
}

#[pyfunction]
fn vouching_pairs(py: Python<'_>, stream: &Bound<'_, PyCapsule>) -> PyResult<ArrowBatch> {
    run_step(py, stream, run_steps::vouching_pairs)
}

#[pyfunction]
fn link_stories(py: Python<'_>, stream: &Bound<'_, PyCapsule>) -> PyResult<ArrowBatch> {
    run_step(py, stream, run_steps::link_stories)
}

#[pyfunction]
fn event_stories(py: Python<'_>, stream: &Bound<'_, PyCapsule>) -> PyResult<ArrowBatch> {
    run_step(py, stream, run_steps::event_stories)
}

#[pyfunction]
fn reprint_marks(py: Python<'_>, stream: &Bound<'_, PyCapsule>) -> PyResult<ArrowBatch> {
    run_step(py, stream, run_steps::reprint_marks)
}

#[pyfunction]
fn duplicate_rejects(py: Python<'_>, stream: &Bound<'_, PyCapsule>) -> PyResult<ArrowBatch> {
    run_step(py, stream, run_steps::duplicate_rejects)
}

/// The Arrow schema of a table, as `schemas/<table>.json` says.
#[pyfunction]
fn schema(table: &str) -> PyResult<ArrowSchema> {
    let schema = arrow_schema(table).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(ArrowSchema { schema })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_stream, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(extract_articles, m)?)?;
    m.add_function(wrap_pyfunction!(articles_schema, m)?)?;
    m.add_function(wrap_pyfunction!(vouching_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(link_stories, m)?)?;
    m.add_function(wrap_pyfunction!(event_stories, m)?)?;
    m.add_function(wrap_pyfunction!(reprint_marks, m)?)?;
    m.add_function(wrap_pyfunction!(duplicate_rejects, m)?)?;
    m.add_class::<ArrowBatch>()?;
    m.add_class::<ArrowSchema>()?;
    m.add("TABLES", TABLES.to_vec())?;
    m.add("SCHEMA_VERSION", SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
