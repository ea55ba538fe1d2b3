#!/usr/bin/env python3
"""Checks the installed Python package `relations_export` (`pip install .`):

1. `extract` on an article written for this test gives the rows it states;
2. `schema(t)` equals `schemas/t.json` for every table;
3. `extract_arrow` over the articles of `examples/` and of ../shared/corpus (dev.jsonl, and
   all its JSONL files together) equals the CLI's run over the same articles, row for row after
   sorting, in every table (skipped, with the reason, when ../shared is absent).

usage: check_package.py CLI_BINARY REPO_DIR
Exits 1 when a check fails; the last line counts them.
"""
import csv, datetime, json, os, subprocess, sys, tempfile, traceback

import pyarrow as pa
import pyarrow.parquet as pq
import relations_export as r

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from example_articles import example_articles
from harness import assert_tables_equal, check, cli_tables, finish

cli, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ARROW = {"utf8": pa.string(), "int32": pa.int32(), "float64": pa.float64(), "bool": pa.bool_(),
         "date32": pa.date32(), "list<utf8>": pa.list_(pa.string())}
# A minister's visit, with a date and a figure; written for this test, not taken from a corpus.
VISIT = ("استقبل رئيس المجلس الرئاسي محمد المنفي في طرابلس يوم الأحد 2 مارس 2025 وزير الخارجية "
         "الإيطالي أنطونيو تاياني، وبحث الجانبان التعاون في مجال الطاقة، ووقعا اتفاقية بقيمة 50 مليون يورو.")


@check("extract: one article's rows")
def _():
    rows = r.extract(VISIT, "2025-03-03", "visit-1", outlet="Example News")
    assert list(rows) == r.TABLES, list(rows)
    [doc] = rows["documents"]
    assert doc["source_id"] == "visit-1" and doc["source"] == "visit-1", doc
    assert doc["published_date"] == datetime.date(2025, 3, 3) and doc["published_date_source"] == "metadata", doc
    assert doc["outlet"] == "Example News" and doc["duplicate_of"] is None and doc["n_chars"] == len(VISIT), doc
    meeting = [e for e in rows["events"] if e["event_type"] == "meeting"]
    assert len(meeting) == 1, rows["events"]
    m = meeting[0]
    assert m["event_date"] == datetime.date(2025, 3, 2) and m["date_precision"] == "day", m
    assert m["countries"] == ["ITA", "LBY"] and m["location_id"] == "city/tripoli", m
    assert (m["actor1_id"], m["actor2_id"]) == ("person/mohamed-al-menfi", "person/antonio-tajani"), m
    assert m["doc_id"] == doc["doc_id"] and VISIT[m["char_start"]:m["char_end"]] == m["sentence"], m
    assert {s["story_id"] for s in rows["stories"]} == {e["story_id"] for e in rows["events"]}
    [money] = rows["figures"]
    assert (money["value"], money["unit"], money["kind"], money["text"]) == (50_000_000.0, "EUR", "money", "50 مليون يورو"), money
    actors = {a["actor_id"]: a for a in rows["actors"]}
    assert actors["person/antonio-tajani"]["country"] == "ITA" and actors["city/tripoli"]["in_registry"] is True
    assert isinstance(actors["city/tripoli"]["latitude"], float)
    assert rows["rejects"] == []


@check("extract: bad input is a rejects row, not an exception")
def _():
    for text in ["", "   ", None, "،؛..."]:
        rows = r.extract(text)
        assert rows["documents"] == [] and len(rows["rejects"]) == 1, (text, rows["rejects"])
        assert rows["rejects"][0]["source"] == "#1" and rows["rejects"][0]["reason"] in ("no_text", "empty"), rows["rejects"]
    try:
        r.extract_arrow(pa.table({"body": ["x"]}))
        raise AssertionError("a batch without text must be refused")
    except ValueError as e:
        assert "no `text` column" in str(e), e


@check("extract_arrow: threads and batches do not change the rows")
def _():
    texts = [VISIT, VISIT, "وقعت ليبيا ومصر اتفاقية للتعاون في مجال الكهرباء.", ""]
    table = pa.table({"id": ["a", "b", "c", "d"], "text": texts, "published": ["2025-03-03"] * 4})
    one = r.extract_arrow(table)
    assert one == r.extract_arrow(table.to_batches()[0], threads=2) == r.extract_arrow(pa.Table.from_batches(table.to_batches(max_chunksize=1)))
    assert one["documents"].num_rows == 2 and one["rejects"].column("reason").to_pylist() == ["duplicate", "no_text"]
    for name, batch in one.items():
        assert batch.schema.equals(r.schema(name)), name
    for bad in [0, -1, 1.5, True]:
        try:
            r.extract_arrow(table, threads=bad)
            raise AssertionError(f"threads={bad!r} must be refused")
        except ValueError:
            pass


@check("schema(t) equals schemas/t.json for every table")
def _():
    assert r.TABLES == ["documents", "events", "stories", "actors", "mentions", "figures", "sectors", "rejects"]
    for name in r.TABLES:
        spec = json.load(open(os.path.join(repo, "schemas", name + ".json"), encoding="utf-8"))
        want = pa.schema([pa.field(f["name"], ARROW[f["arrow_type"]], nullable=not (f.get("constraints") or {}).get("required", False))
                          for f in spec["fields"]])
        got = r.schema(name)
        assert got.equals(want), f"{name}:\n{got}\n!=\n{want}"
        assert spec["schema_version"] == r.SCHEMA_VERSION
    try:
        r.schema("people")
        raise AssertionError("an unknown table must be refused")
    except ValueError as e:
        assert "tables: documents" in str(e)


def assert_same_as_cli(rows, inputs, work):
    """`rows`: the articles (dicts with a `source` naming them as the CLI does)."""
    columns = ["source", "id", "text", "html", "published", "url", "outlet", "title"]
    batch = pa.table({c: pa.array([row.get(c) for row in rows], pa.string()) for c in columns})
    ours = r.extract_arrow(batch, threads=2)
    theirs = cli_tables(cli, inputs, os.path.join(work, "out"), work)
    for t in r.TABLES:
        assert ours[t].schema.equals(r.schema(t)), f"{t}: extract_arrow's schema is not schema({t!r})"
    assert_tables_equal({t: pa.Table.from_batches([ours[t]]) for t in r.TABLES}, theirs, "extract_arrow")
    return sum(ours[t].num_rows for t in r.TABLES)


def jsonl_rows(path, name):
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(l) for l in f if l.strip()]
    return [{**{k: (str(v) if k == "id" and v is not None else v) for k, v in line.items()}, "source": f"{name}#{n}"}
            for n, line in enumerate(lines, 1)]


@check("extract_arrow equals the CLI on the articles of examples/")
def _():
    articles = example_articles(repo)
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "examples.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for a in articles:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
        rows = jsonl_rows(path, "examples.jsonl")
        assert assert_same_as_cli(rows, [path], work) > 50


shared_corpus = os.path.join(repo, "..", "shared", "corpus")


@check("extract_arrow equals the CLI on ../shared/corpus/dev.jsonl")
def _():
    dev = os.path.join(shared_corpus, "dev.jsonl")
    if not os.path.isfile(dev):
        return "../shared/corpus/dev.jsonl is absent"
    with tempfile.TemporaryDirectory() as work:
        assert assert_same_as_cli(jsonl_rows(dev, "dev.jsonl"), [dev], work) > 100


@check("extract_arrow equals the CLI on all JSONL files of ../shared/corpus in one run")
def _():
    if not os.path.isdir(shared_corpus):
        return "../shared/corpus is absent"
    names = sorted(n for n in os.listdir(shared_corpus) if n.endswith(".jsonl"))
    rows = [row for n in names for row in jsonl_rows(os.path.join(shared_corpus, n), n)]
    with tempfile.TemporaryDirectory() as work:
        assert assert_same_as_cli(rows, [os.path.join(shared_corpus, n) for n in names], work) > 500


finish("relations_export")
