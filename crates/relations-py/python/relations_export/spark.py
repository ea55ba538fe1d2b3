"""The export as a Spark job: the CLI's tables, from articles spread over a cluster.

usage: python -m relations_export.spark --input PATH [PATH ...] --output DIR
           [--format parquet|delta] [--input-format jsonl|parquet] [--order-by COL[,COL...]]

Input: JSONL files (folders are searched recursively for ``*.jsonl``, hidden names skipped,
as the CLI walks them) or Parquet tables of articles (columns ``text``/``html``, ``id``,
``published``, ``url``, ``outlet``, ``title``[, ``source``]). Output: one folder per table
under DIR (``DIR/events/part-*.parquet``, ...), Parquet, or Delta Lake tables (the Parquet
files Spark wrote, given a Delta log by delta-rs, the ``deltalake`` package).

How it equals the CLI's run over the same files:

- Extraction is per article (``extract_articles`` in ``mapInArrow``): no state across
  articles, so partitions and executors do not matter. JSONL lines are read by the CLI's
  own line parser, named ``file.jsonl#N`` as the CLI names them.
- The ordering key says which copy of a text is kept (the CLI keeps the first in input order):
  ``(_file, _row)``, the file's place in the CLI's walk of the inputs (inputs in the order
  given, each folder's entries by name) and the 1-based line number; for Parquet the row
  number within its file. ``--order-by`` declares other columns instead (Parquet input).
- Distinct actors: per actor id, the row of the first article (by the key) that names it.
- Reprint marks: the core's ``reprint_marks`` over every kept document, in one task (a
  document's id, day and 64-byte signature).
- Stories: the core's block linking. Per block (``event_type`` + ``countries``) the
  first-pass stories give vouching pairs; their union over all blocks is handed to each
  block's second pass (``run_steps.link_stories``); ``events.story_id`` comes from
  ``stories.event_ids``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import pyarrow as pa

from . import TABLES, articles_schema, extract_articles, run_steps, schema

_KEY = ["_file", "_row"]


def jsonl_files(inputs: Sequence[str]) -> List[Tuple[str, str]]:
    """(path, name) of the JSONL files of ``inputs`` in the CLI's order: inputs as given, a
    folder's entries sorted by name, depth first, hidden names skipped; ``name`` is the path
    relative to its input folder (a file given itself: its file name), as in ``source``."""
    files = []
    for given in inputs:
        if not os.path.isdir(given):
            files.append((os.path.abspath(given), os.path.basename(given)))
            continue

        def walk(folder: str, prefix: str) -> None:
            for entry in sorted(os.listdir(folder), key=os.fsencode):
                if entry.startswith("."):
                    continue
                path = os.path.join(folder, entry)
                if os.path.isdir(path):
                    walk(path, prefix + entry + "/")
                elif entry.endswith(".jsonl"):
                    files.append((os.path.abspath(path), prefix + entry))

        walk(given, "")
    return files


def read_jsonl(spark, inputs: Sequence[str]):
    """The lines of the inputs' JSONL files: ``_file, _row, source, json`` (bytes, checked as
    UTF-8 by the core as the CLI checks them). Read by Spark's text source, without a trip
    through Python: a line's number is its rank in its file by (split offset, place in split)."""
    from urllib.parse import unquote, urlparse

    from pyspark.sql import Window
    from pyspark.sql import functions as F

    files = jsonl_files(inputs)
    if not files:
        raise SystemExit(f"relations_export.spark: no .jsonl file in {', '.join(inputs)}")
    uri = lambda p: p if "://" in p else "file://" + p
    lines = spark.read.format("text").load([uri(p) for p, _ in files]).select(
        F.col("value").cast("binary").alias("json"), F.col("_metadata.file_path").alias("_path"),
        F.col("_metadata.file_block_start").alias("_block"), F.monotonically_increasing_id().alias("_seq"))
    # Spark names files by URI; back to the walk's place and name.
    local = lambda u: unquote(urlparse(u).path) if u.startswith("file:") else u
    place = {p: (i, name) for i, (p, name) in enumerate(files)}
    seen = [r[0] for r in lines.select("_path").distinct().collect()]
    known = {u: place[local(u)] for u in seen if local(u) in place}
    if len(known) != len(seen):
        raise SystemExit(f"relations_export.spark: cannot tell which input these files are: {sorted(set(seen) - set(known))}")
    index_of = F.create_map(*[x for u, (i, _) in known.items() for x in (F.lit(u), F.lit(i))])
    name_of = F.create_map(*[x for u, (_, n) in known.items() for x in (F.lit(u), F.lit(n))])
    in_file = Window.partitionBy("_path").orderBy("_block", "_seq")
    lines = lines.withColumn("_row", F.row_number().over(in_file).cast("long"))
    # The CLI drops a byte-order mark on a file's first line and skips blank lines.
    bom = F.lit(b"\xef\xbb\xbf")
    json = F.when((F.col("_row") == 1) & F.startswith(F.col("json"), bom), F.substring(F.col("json"), 4, 1 << 30)).otherwise(F.col("json"))
    blank = F.regexp_like(F.col("json").cast("string"), F.lit(r"^[ \t\n\r\f]*$"))
    return (lines.withColumn("json", json).where(~blank)
            .select(index_of[F.col("_path")].alias("_file"), "_row",
                    F.concat(name_of[F.col("_path")], F.lit("#"), F.col("_row").cast("string")).alias("source"), "json"))


def read_parquet(spark, inputs: Sequence[str], order_by: Optional[List[str]]):
    """Article rows of Parquet files, with the ordering key and a ``source``."""
    from pyspark.sql import functions as F

    df = spark.read.parquet(*inputs)
    names = set(df.columns)
    if order_by:
        missing = [c for c in order_by if c not in names]
        if missing:
            raise SystemExit(f"relations_export.spark: --order-by names columns the input lacks: {', '.join(missing)}")
        df = df.withColumn("_file", F.lit(0)).withColumn("_row", F.lit(0))
        key = order_by
    else:
        # The file's place by path, then the row's within its file.
        df = df.withColumn("_path", F.col("_metadata.file_path")).withColumn("_row", F.col("_metadata.row_index") + 1)
        paths = sorted(r[0] for r in df.select("_path").distinct().collect())
        mapping = F.create_map(*[x for i, p in enumerate(paths) for x in (F.lit(p), F.lit(i))])
        df = df.withColumn("_file", mapping[F.col("_path")]).drop("_path")
        key = _KEY
    if "source" not in names:
        fallback = F.concat(F.element_at(F.split(F.col("_metadata.file_path"), "/"), -1), F.lit("#"), F.col("_row").cast("string"))
        df = df.withColumn("source", F.col("id").cast("string") if "id" in names else fallback)
    return df, key


def _extract(batches: Iterator[pa.RecordBatch], key: List[str]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        out = extract_articles(batch)
        for name in key:
            out = out.append_column(name, batch.column(name))
        yield out


def _spark_schema(arrow_schema: pa.Schema):
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(arrow_schema)


def export(spark, inputs: Sequence[str], input_format: str = "jsonl", order_by: Optional[List[str]] = None):
    """The run over ``inputs`` as ``{table: DataFrame}`` with the tables' columns in order."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    if input_format == "jsonl":
        articles, key = read_jsonl(spark, inputs), _KEY
    else:
        articles, key = read_parquet(spark, inputs, order_by)
    key_fields = [articles.schema[k] for k in key]
    from pyspark.sql.pandas.types import to_arrow_type

    out_schema = articles_schema()
    for f in key_fields:
        out_schema = out_schema.append(pa.field(f.name, to_arrow_type(f.dataType)))
    per_article = articles.mapInArrow(lambda it: _extract(it, key), _spark_schema(out_schema))
    per_article = per_article.persist(StorageLevel.MEMORY_AND_DISK)

    # Documents: the first of each text by the ordering key is kept, the others are rejects.
    documents = per_article.where(F.col("doc_id").isNotNull()).select(*key, "doc_id", "signature", F.get("documents", 0).alias("d"))
    first = Window.partitionBy("doc_id").orderBy(*key)
    ranked = documents.withColumn("_place", F.row_number().over(first)).withColumn("_first_source", F.first("d.source").over(first))
    kept_keys = ranked.where("_place = 1").select(*key)
    duplicates = ranked.where("_place > 1").select(F.col("d.source").alias("source"), F.col("_first_source").alias("first_source"), "doc_id")
    kept = per_article.join(kept_keys, key, "left_semi")

    def rows(table: str, frame):
        return frame.select(F.explode(table).alias("r")).select("r.*")

    tables = {name: rows(name, kept) for name in ("mentions", "figures", "sectors")}
    # An event's place among its document's events: the order the core links them in.
    events = kept.select(F.posexplode("events").alias("position", "r")).select(F.col("position").cast("int").alias("position"), "r.*")
    tables["rejects"] = rows("rejects", per_article).unionByName(
        duplicates.mapInArrow(_step(run_steps.duplicate_rejects), _spark_schema(schema("rejects"))))

    named = kept.select(*key, F.posexplode("actors").alias("_pos", "a"))
    by_first_article = Window.partitionBy("a.actor_id").orderBy(*key, "_pos")
    tables["actors"] = named.withColumn("_place", F.row_number().over(by_first_article)).where("_place = 1").select("a.*")

    kept_documents = kept.select("signature", F.get("documents", 0).alias("d"))
    marks = kept_documents.select("d.doc_id", F.col("d.published_date").alias("published"), "signature").coalesce(1).mapInArrow(
        _whole(run_steps.reprint_marks), _spark_schema(run_steps.MARKS))
    tables["documents"] = kept_documents.select("d.*").drop("duplicate_of").join(marks, "doc_id")

    # Stories: vouching pairs per block, their union to every block, the blocks linked.
    block = ["event_type", "countries"]
    of_document = kept_documents.select(F.col("d.doc_id").alias("doc_id"), F.col("d.published_date").alias("published"), F.col("d.outlet").alias("outlet"))
    reports = events.join(of_document, "doc_id").select(*run_steps.EVENT_FIELDS.names)
    pairs = reports.groupBy(*block).applyInArrow(run_steps.vouching_pairs, _spark_schema(run_steps.PAIRS))
    partners = pairs.distinct().groupBy("doc_id").agg(F.collect_list("partner_doc_id").alias("partners"))
    linked = reports.join(partners, "doc_id", "left").select(*run_steps.LINK_FIELDS.names)
    linked = linked.repartition(*block).persist(StorageLevel.MEMORY_AND_DISK)
    tables["stories"] = linked.groupBy(*block).applyInArrow(run_steps.link_stories, _spark_schema(schema("stories")))
    story_of_event = linked.groupBy(*block).applyInArrow(run_steps.event_stories, _spark_schema(run_steps.EVENT_STORIES))
    tables["events"] = events.drop("story_id").join(story_of_event, ["event_id", "position"])

    return {name: tables[name].select(*schema(name).names) for name in TABLES}


def _step(function):
    """A run step applied to each batch of a partition (rows that need nothing else)."""
    def apply(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield from function(batch).to_batches()
    return apply


def _whole(function):
    """A run step over all batches of a partition at once (the partition holds every row)."""
    def apply(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        table = pa.Table.from_batches(list(batches))
        if table.num_rows:
            yield from function(table).to_batches()
    return apply


def write(tables: Dict[str, object], output: str, fmt: str = "parquet") -> Dict[str, int]:
    """Each table as ``output/<table>/`` in Parquet, or as a Delta table; rows per table."""
    counts = {}
    for name, frame in tables.items():
        path = os.path.join(output, name)
        frame.write.mode("overwrite").parquet(path)
        if fmt == "delta":
            _to_delta(path, name)
        counts[name] = frame.sparkSession.read.parquet(path).count()
    return counts


def _to_delta(path: str, table: str) -> None:
    # Spark writes the Parquet files on the executors; delta-rs adds the Delta log that names
    # them, so no Delta jar is needed in the cluster (only the `deltalake` wheel on the driver).
    import glob
    import deltalake

    for marker in glob.glob(os.path.join(path, "_SUCCESS")) + glob.glob(os.path.join(path, ".*.crc")):
        os.remove(marker)
    deltalake.convert_to_deltalake(path, name=table)


def session(master: Optional[str] = None, app: str = "relations-export"):
    """A Spark session: the one spark-submit made, else a local one (``local[*]`` or ``master``)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master or not os.environ.get("SPARK_MASTER"):
        builder = builder.master(master or "local[*]")
        # Local workers run this interpreter, which has the package (not whatever `python3` is).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Small shuffles: the blocks and documents fit in a few partitions per core.
    return (builder.config("spark.sql.shuffle.partitions", os.environ.get("RELATIONS_SHUFFLE_PARTITIONS", "8"))
            .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", os.environ.get("RELATIONS_DRIVER_MEMORY", "4g"))
            .getOrCreate())


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m relations_export.spark", description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", "-i", nargs="+", required=True, help="JSONL files or folders, or Parquet files (--input-format parquet)")
    ap.add_argument("--output", "-o", required=True, help="folder of the tables, one folder each")
    ap.add_argument("--format", "-f", choices=["parquet", "delta"], default="parquet")
    ap.add_argument("--input-format", choices=["jsonl", "parquet"], default=None, help="default: parquet if the first input ends in .parquet, else jsonl")
    ap.add_argument("--order-by", default=None, help="Parquet input: the columns whose order says which copy of a text is kept (default: file, row)")
    ap.add_argument("--master", default=None, help="Spark master when not under spark-submit (default local[*])")
    a = ap.parse_args(argv)
    input_format = a.input_format or ("parquet" if a.input[0].rstrip("/").endswith(".parquet") else "jsonl")
    spark = session(a.master)
    counts = write(export(spark, a.input, input_format, a.order_by.split(",") if a.order_by else None), a.output, a.format)
    print(" ".join(f"{t}={n}" for t, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
