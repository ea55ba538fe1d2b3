"""The run's own steps on rows an engine grouped, for articles extracted one by one
(``relations_export.extract_articles``): the core's functions, the ones the CLI's run calls.

- ``vouching_pairs(events)``: the events of whole blocks (same ``event_type`` and
  ``countries``) with their document's ``published`` and ``outlet`` -> ``(doc_id,
  partner_doc_id)``: which documents vouch for which in the second pass of story linking.
- ``link_stories(events)``: the same events of whole blocks, each with ``partners`` (its
  document's partners from the pairs of *all* blocks) -> the blocks' ``stories`` rows, equal
  to those of a run over every article.
- ``event_stories(events)``: the same, as ``(event_id, position, story_id)`` per event.
- ``reprint_marks(documents)``: *every* kept document's ``doc_id``, ``published`` and
  ``signature`` -> ``(doc_id, duplicate_of)``.
- ``duplicate_rejects(rows)``: ``(source, first_source, doc_id)`` of each document whose text
  an earlier one had -> its ``rejects`` row.

Each function takes a pyarrow Table (or RecordBatch) and returns a pyarrow Table; columns are
cast to the types the core reads, so engines may hand over large strings or lists.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from . import _native

_STRING_LIST = pa.list_(pa.string())
#: What linking reads of an event: columns of ``events``, the document's day and outlet, and
#: ``position``, the event's place among its document's events (``extract_articles``' order).
EVENT_FIELDS = pa.schema([
    ("event_id", pa.string()), ("doc_id", pa.string()), ("event_type", pa.string()), ("countries", _STRING_LIST),
    ("event_date", pa.date32()), ("date_precision", pa.string()), ("location_id", pa.string()),
    ("actor_ids", _STRING_LIST), ("published", pa.date32()), ("outlet", pa.string()), ("position", pa.int32()),
])
LINK_FIELDS = EVENT_FIELDS.append(pa.field("partners", _STRING_LIST))
EVENT_STORIES = pa.schema([pa.field("event_id", pa.string(), False), pa.field("position", pa.int32(), False), pa.field("story_id", pa.string(), False)])
PAIRS = pa.schema([pa.field("doc_id", pa.string(), False), pa.field("partner_doc_id", pa.string(), False)])
REPRINT_FIELDS = pa.schema([("doc_id", pa.string()), ("published", pa.date32()), ("signature", pa.binary())])
MARKS = pa.schema([pa.field("doc_id", pa.string(), False), pa.field("duplicate_of", pa.string())])
DUPLICATE_FIELDS = pa.schema([("source", pa.string()), ("first_source", pa.string()), ("doc_id", pa.string())])


def _table(data: Any, schema: pa.Schema) -> pa.Table:
    if isinstance(data, pa.RecordBatch):
        data = pa.Table.from_batches([data])
    return data.select(schema.names).cast(schema)


def _call(function, data: Any, schema: pa.Schema) -> pa.Table:
    batch = pa.record_batch(function(_table(data, schema).__arrow_c_stream__()))
    return pa.Table.from_batches([batch])


def vouching_pairs(events: Any) -> pa.Table:
    return _call(_native.vouching_pairs, events, EVENT_FIELDS)


def link_stories(events: Any) -> pa.Table:
    return _call(_native.link_stories, events, LINK_FIELDS)


def event_stories(events: Any) -> pa.Table:
    return _call(_native.event_stories, events, LINK_FIELDS)


def reprint_marks(documents: Any) -> pa.Table:
    return _call(_native.reprint_marks, documents, REPRINT_FIELDS)


def duplicate_rejects(rows: Any) -> pa.Table:
    return _call(_native.duplicate_rejects, rows, DUPLICATE_FIELDS)
