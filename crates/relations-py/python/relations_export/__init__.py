"""relations_export: the extraction of relations-export, from Python.

Arabic news articles in, the analytical tables out (documents, events, stories, actors,
mentions, figures, sectors, rejects), with the columns and types of ``schemas/`` and the rows
a CLI run (``relations-export -i ARTICLES``) gives for the same articles: the same ids,
de-duplication, distinct actors, reprint marks and story ids.

- ``extract(text, published, id)`` reads one article into plain Python rows;
- ``extract_arrow(batch, threads=None)`` reads a pyarrow batch of articles into one Arrow
  batch per table, the form for engines (Spark ``mapInArrow``, Ray, Dask) and large runs;
- ``schema(table)`` is a table's pyarrow schema.

Each call is one run: de-duplication, actors, reprints and stories span the articles of that
call, not of earlier calls.

For engines that spread the articles over workers, ``extract_articles(batch)`` reads each
article on its own (no state across articles: any partitioning gives the same rows), and
``relations_export.run_steps`` does the run's steps on the rows the engine grouped
(``relations_export.spark`` is the Spark job that does both).
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, List, Optional, Union

import pyarrow as pa

from . import _native

__version__: str = _native.__version__
SCHEMA_VERSION: str = _native.SCHEMA_VERSION
#: The tables, in the order the CLI writes and lists them.
TABLES: List[str] = list(_native.TABLES)

__all__ = ["extract", "extract_arrow", "extract_articles", "articles_schema", "schema", "TABLES", "SCHEMA_VERSION", "__version__"]

# The text columns of an article batch, beside `published` and `id`.
_TEXT_COLUMNS = ("url", "outlet", "title")


def _threads(threads: Optional[int]) -> int:
    # One thread unless asked: inside an engine's executor every core already runs a task.
    if threads is None:
        return 1
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be a whole number of at least 1 (or None for one thread), not {threads!r}")
    return threads


def extract_arrow(batch: Any, threads: Optional[int] = None) -> Dict[str, pa.RecordBatch]:
    """Extract the tables from a batch of articles, as one Arrow record batch per table.

    ``batch`` is a ``pyarrow.RecordBatch`` or ``pyarrow.Table`` (or any object with
    ``__arrow_c_stream__``, such as a polars DataFrame) with the columns

    - ``text`` (string): the article's plain text; or ``html`` (string) for its markup;
    - ``id`` (string or integer, optional): the article's own id (``documents.source_id``);
    - ``published`` (optional): ISO date string (``2025-12-03``, ``2025-12-03T09:28:00Z``),
      ``date32`` or timestamp (its UTC day); else the date is read from the text;
    - ``url``, ``outlet``, ``title`` (strings, optional);
    - ``source`` (string, optional): what names the article in ``documents.source`` and
      ``rejects.source``; by default its id, else ``#N`` for the N-th row (from 1).

    Other columns are ignored. Each row is read exactly as the CLI reads the JSONL line with the
    same fields; an article that cannot be read is a ``rejects`` row, not an exception. The text
    is read through the Arrow C data interface, without a Python string per row.

    ``threads``: None or 1 extracts on the calling thread (right inside Spark, Ray or Dask
    workers, which already run one task per core); N > 1 uses a pool of N threads made for
    this call. The GIL is released while extracting.

    Returns ``{table: pyarrow.RecordBatch}`` for every table of ``TABLES``, each with the schema
    ``schema(table)`` gives. Raises ``ValueError`` when the batch has no ``text``/``html`` column
    or a column of a type it cannot read (the message says which and how to fix it).
    """
    if isinstance(batch, pa.RecordBatch):
        batch = pa.Table.from_batches([batch])
    if not hasattr(batch, "__arrow_c_stream__"):
        raise TypeError(
            f"extract_arrow takes a pyarrow RecordBatch or Table of articles (columns id, text, published), not {type(batch).__name__}"
        )
    tables = _native.extract_stream(batch.__arrow_c_stream__(), _threads(threads))
    return {name: pa.record_batch(table) for name, table in tables}


def _stream(batch: Any, what: str) -> Any:
    if isinstance(batch, pa.RecordBatch):
        batch = pa.Table.from_batches([batch])
    if not hasattr(batch, "__arrow_c_stream__"):
        raise TypeError(f"{what} takes a pyarrow RecordBatch or Table, not {type(batch).__name__}")
    return batch.__arrow_c_stream__()


def extract_articles(batch: Any, threads: Optional[int] = None) -> pa.RecordBatch:
    """Extract each article of ``batch`` on its own: one output row per input row, in order.

    ``batch`` has the columns of ``extract_arrow`` (``text`` or ``html``, ``id``, ``published``,
    ...), or ``json``: JSONL lines as they stand in their file, read by the CLI's own line
    parser (so an invalid line is the CLI's ``invalid_json`` reject); ``source`` names the row
    (the CLI names a line ``file.jsonl#N``).

    Each output row (``articles_schema()``) has ``doc_id`` (null when the article was rejected),
    ``signature`` (its reprint signature, or null) and, per table but ``stories``, a list of that
    article's rows, as structs with the table's columns. Nothing spans articles: duplicates are
    all kept, ``documents.duplicate_of`` is null and ``events.story_id`` is empty. A run's
    steps make them (``relations_export.run_steps``, as ``relations_export.spark`` does), which
    is what lets Spark ``mapInArrow``, Ray ``map_batches``, Dask ``map_partitions`` or Daft run
    this on any partitioning of the articles.
    """
    return pa.record_batch(_native.extract_articles(_stream(batch, "extract_articles"), _threads(threads)))


def articles_schema() -> pa.Schema:
    """The schema of ``extract_articles``' rows."""
    return pa.schema(_native.articles_schema())


def _date_text(published: Union[str, datetime.date, None]) -> Optional[str]:
    if published is None or isinstance(published, str):
        return published
    if isinstance(published, datetime.date):
        return published.isoformat()
    raise TypeError(f"published must be an ISO date string, a datetime.date or None, not {type(published).__name__}")


def extract(
    text: Optional[str],
    published: Union[str, datetime.date, None] = None,
    id: Union[str, int, None] = None,
    *,
    url: Optional[str] = None,
    outlet: Optional[str] = None,
    title: Optional[str] = None,
) -> Dict[str, List[Dict[str, Any]]]:
    """Extract the tables' rows from one article.

    ``text`` is the article's plain text; ``published`` its publication date (ISO string or
    ``datetime.date``; when None, the date is read from the text); ``id`` its own id.

    Returns ``{table: [row, ...]}`` for every table of ``TABLES``; each row is a dict with the
    columns of ``schemas/<table>.json``: dates as ``datetime.date``, lists as lists, missing
    values as None. An article that cannot be read (empty text, say) gives one ``rejects`` row
    and no document, never an exception.

    >>> rows = extract("استقبل رئيس المجلس الرئاسي محمد المنفي في طرابلس وزير الخارجية الإيطالي.", "2025-03-02")
    >>> rows["documents"][0]["published_date"]
    datetime.date(2025, 3, 2)
    """
    if text is not None and not isinstance(text, str):
        raise TypeError(f"text must be a str (or None), not {type(text).__name__}")
    if id is not None and not isinstance(id, (str, int)):
        raise TypeError(f"id must be a str, an int or None, not {type(id).__name__}")
    columns = {
        "id": [None if id is None else str(id)],
        "text": [text],
        "published": [_date_text(published)],
        "url": [url],
        "outlet": [outlet],
        "title": [title],
    }
    article = pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()})
    return {name: batch.to_pylist() for name, batch in extract_arrow(article).items()}


def schema(table: str) -> pa.Schema:
    """The pyarrow schema of ``table`` (one of ``TABLES``): the columns of
    ``schemas/<table>.json`` in order, with their Arrow types, nullable where not required.

    Raises ``ValueError`` for an unknown table.
    """
    return pa.schema(_native.schema(table))
