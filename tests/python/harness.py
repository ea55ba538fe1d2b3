"""What check_package.py and check_spark.py share: a named check that counts itself passed,
failed or skipped; the CLI's tables over some inputs; and two sets of tables compared row for
row after sorting."""
import os, subprocess, sys, traceback

import pyarrow as pa
import pyarrow.parquet as pq
import relations_export as r

results = {"passed": 0, "failed": 0, "skipped": 0}


def check(name):
    """Runs the decorated function now: an exception fails it, a returned reason skips it."""
    def run(fn):
        try:
            skipped = fn()
        except Exception:
            results["failed"] += 1
            print(f"FAIL {name}\n{traceback.format_exc()}")
            return fn
        if skipped:
            results["skipped"] += 1
            print(f"skip {name}: {skipped}")
        else:
            results["passed"] += 1
            print(f"ok   {name}")
        return fn
    return run


def finish(label):
    """The last line counts the checks; exits 1 when one failed."""
    print(f"{label}: {results['passed']} passed, {results['failed']} failed, {results['skipped']} skipped")
    sys.exit(1 if results["failed"] else 0)


def sort_rows(table):
    # Every scalar column is a sort key: the tables' keys, and ties broken by the rest.
    keys = [(f.name, "ascending") for f in table.schema if not pa.types.is_list(f.type)]
    return table.sort_by(keys)


def cli_tables(cli, inputs, out, cwd):
    """The CLI's Parquet tables over `inputs`, written to `out`."""
    args = [cli, "--quiet", "--format", "parquet", "--jobs", "2", "--output", out]
    for i in inputs:
        args += ["--input", i]
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    assert done.returncode in (0, 3), f"{args}: exit {done.returncode}\n{done.stderr}"
    version = os.path.join(out, "versions", open(os.path.join(out, "latest")).read().strip())
    return {t: pq.read_table(os.path.join(version, t + ".parquet")) for t in r.TABLES}


def assert_tables_equal(ours, theirs, label):
    """Per table, `ours` (named `label` in a failure) equal the CLI's `theirs` after sorting;
    returns the row counts."""
    counts = {}
    for name in r.TABLES:
        schema = r.schema(name)
        mine = sort_rows(ours[name].select(schema.names).cast(schema))
        cli_rows = sort_rows(theirs[name].select(schema.names).cast(schema))
        assert mine.num_rows == cli_rows.num_rows, f"{name}: {mine.num_rows} rows, the CLI {cli_rows.num_rows}"
        if not mine.equals(cli_rows):
            a, b = mine.to_pylist(), cli_rows.to_pylist()
            diff = next(i for i in range(len(a)) if a[i] != b[i])
            raise AssertionError(f"{name} row {diff} differs:\n{label} {a[diff]}\nCLI {b[diff]}")
        counts[name] = mine.num_rows
    return counts
