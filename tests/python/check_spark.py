#!/usr/bin/env python3
"""Checks the Spark job `relations_export.spark` against the CLI: the same files in, the same
tables out, row for row after sorting, in every table, in PySpark local mode (local[2]).

1. made-up JSONL files in a folder (written here: texts again under other ids, in the same and
   in another file, a blank line, an invalid line, an object without text), so that the
   ordering key decides which copy is kept, as the CLI's input order does;
2. the articles of examples/ as one JSONL file (as check_package.py makes it);
3. a 2,000-article corpus from ../shared/bench/make_corpus.py (deterministic; skipped when
   ../shared is absent);
4. `python -m relations_export.spark --format delta` on (1), read back with delta-rs.

usage: check_spark.py CLI_BINARY REPO_DIR
Exits 1 when a check fails; the last line counts them. Without pyspark or Java the checks are
skipped, with the reason.
"""
import json, os, shutil, subprocess, sys, tempfile, traceback

cli, repo = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import assert_tables_equal, check, cli_tables, finish, results

LABEL = "relations_export.spark"

try:
    import pyspark  # noqa: F401
except ImportError:
    print("skip all: pyspark is not installed in this Python (requirements-dev.txt has it)")
    results["skipped"] += 4
    finish(LABEL)
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    print("skip all: no Java (PySpark needs a JVM; .ci/run installs openjdk-17-jre-headless)")
    results["skipped"] += 4
    finish(LABEL)

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import relations_export as r
from relations_export import spark as job
from example_articles import example_articles


def spark_tables(inputs, work):
    out = os.path.join(work, "spark")
    job.write(job.export(spark, inputs), out)
    return {t: ds.dataset(os.path.join(out, t), format="parquet").to_table() for t in r.TABLES}


def same_as_cli(inputs, work, at_least):
    counts = assert_tables_equal(spark_tables(inputs, work), cli_tables(cli, inputs, os.path.join(work, "cli"), work), "spark")
    print("     rows: " + " ".join(f"{t}={n}" for t, n in counts.items()))
    assert sum(counts.values()) >= at_least, counts
    return counts


# Made-up sentences (not from a corpus): a reception, a signing and a call.
RECEPTION = "استقبل رئيس المجلس الرئاسي محمد المنفي في طرابلس يوم الأحد 2 مارس 2025 وزير الخارجية الإيطالي أنطونيو تاياني، وبحث الجانبان التعاون في مجال الطاقة."
SIGNING = "وقعت ليبيا ومصر يوم الاثنين 3 مارس 2025 في القاهرة اتفاقية للتعاون في مجال الكهرباء بقيمة 100 مليون دولار."
CALL = "أجرى وزير الخارجية الليبي اتصالا هاتفيا يوم الثلاثاء 4 مارس 2025 مع نظيره التركي لبحث العلاقات الثنائية."


def made_up_folder(work):
    """Two JSONL files whose copies of one text differ in id, outlet and day: which one the
    tables keep is the ordering key's choice."""
    folder = os.path.join(work, "articles")
    os.makedirs(os.path.join(folder, "sub"))
    line = lambda **a: json.dumps(a, ensure_ascii=False)
    # a.jsonl opens with a byte-order mark; b.jsonl has CRLF line ends and a byte that is no
    # UTF-8 in a text (kept as U+FFFD and counted in documents.decode_errors).
    with open(os.path.join(folder, "a.jsonl"), "w", encoding="utf-8-sig") as f:
        f.write("\n".join([
            line(id="r1", text=RECEPTION, published="2025-03-02", outlet="Outlet A"),
            line(id="s1", text=SIGNING, published="2025-03-03", outlet="Outlet A"),
            "",
            line(id="r2", text=RECEPTION, published="2025-03-04", outlet="Outlet B"),
            "{not json",
            line(id="empty", text="  "),
        ]) + "\n")
    with open(os.path.join(folder, "sub", "b.jsonl"), "wb") as f:
        f.write(b"\r\n".join([
            line(id="s2", text=SIGNING, published="2025-03-01", outlet="Outlet C").encode(),
            line(id="c1", text=CALL + " XX", published="2025-03-05", outlet="Outlet C").encode().replace(b" XX", b" \xff"),
        ]) + b"\r\n")
    return folder


from pyspark.sql import SparkSession  # noqa: E402

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
spark = (SparkSession.builder.master("local[2]").appName("check_spark")
         .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")


@check("spark equals the CLI on made-up files: duplicates kept by the ordering key, rejects")
def _():
    with tempfile.TemporaryDirectory() as work:
        folder = made_up_folder(work)
        counts = same_as_cli([folder], work, 10)
        assert counts["documents"] == 3 and counts["rejects"] == 4, counts
        docs = spark_tables([folder], os.path.join(work, "again"))["documents"].to_pylist()
        assert sorted(d["source"] for d in docs) == ["a.jsonl#1", "a.jsonl#2", "sub/b.jsonl#2"], docs
        assert [d["decode_errors"] for d in docs if d["source"] == "sub/b.jsonl#2"] == [1], docs


@check("spark equals the CLI on the articles of examples/")
def _():
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "examples.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for a in example_articles(repo):
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
        same_as_cli([path], work, 50)


make_corpus = os.path.join(repo, "..", "shared", "bench", "make_corpus.py")


@check("spark equals the CLI on the 2,000-article bench corpus (make_corpus.py --docs 2000)")
def _():
    if not os.path.isfile(make_corpus):
        return "../shared/bench/make_corpus.py is absent"
    with tempfile.TemporaryDirectory() as work:
        corpus = os.path.join(work, "corpus")
        subprocess.run([sys.executable, make_corpus, "--out", corpus, "--docs", "2000"], check=True, capture_output=True)
        counts = same_as_cli([corpus], work, 50_000)
        assert counts["documents"] == 2000, counts


@check("python -m relations_export.spark --format delta: Delta tables delta-rs reads, equal to the CLI's")
def _():
    from deltalake import DeltaTable

    with tempfile.TemporaryDirectory() as work:
        folder = made_up_folder(work)
        out = os.path.join(work, "delta")
        done = subprocess.run([sys.executable, "-m", "relations_export.spark", "--input", folder, "--output", out,
                               "--format", "delta", "--master", "local[2]"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        assert done.stdout.strip().endswith("rejects=4"), done.stdout
        ours = {t: DeltaTable(os.path.join(out, t)).to_pyarrow_table() for t in r.TABLES}
        assert_tables_equal(ours, cli_tables(cli, [folder], os.path.join(work, "cli"), work), "spark")


spark.stop()
finish(LABEL)
