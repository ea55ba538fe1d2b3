#!/usr/bin/env python3
"""Loads every table of a dataset version in DuckDB, polars and pandas and checks the types the
schemas declare; then runs `frictionless validate` on datapackage.json.

usage: check_version.py VERSION_DIR SCHEMAS_DIR
"""
import json, os, subprocess, sys

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq

vdir, schemas = sys.argv[1], sys.argv[2]
POLARS = {"utf8": pl.String, "int32": pl.Int32, "float64": pl.Float64, "bool": pl.Boolean,
          "date32": pl.Date, "list<utf8>": pl.List(pl.String)}
DUCKDB = {"utf8": "VARCHAR", "int32": "INTEGER", "float64": "DOUBLE", "bool": "BOOLEAN",
          "date32": "DATE", "list<utf8>": "VARCHAR[]"}
failures = []
for name in ["documents", "events", "actors", "mentions", "figures", "sectors", "rejects"]:
    fields = json.load(open(os.path.join(schemas, name + ".json")))["fields"]
    path = os.path.join(vdir, name + ".parquet")
    df = pl.read_parquet(path)
    for f in fields:
        if df.schema[f["name"]] != POLARS[f["arrow_type"]]:
            failures.append(f"polars {name}.{f['name']}: {df.schema[f['name']]}")
    cols = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()
    for (col, typ, *_), f in zip(cols, fields):
        if typ != DUCKDB[f["arrow_type"]]:
            failures.append(f"duckdb {name}.{col}: {typ}")
    pdf = pd.read_parquet(path)
    if list(pdf.columns) != [f["name"] for f in fields] or len(pdf) != df.height:
        failures.append(f"pandas {name}: columns or rows differ")
    meta = pq.read_metadata(path).metadata
    for key in (b"relations_export.schema_version", b"relations_export.version", b"relations_export.table"):
        if key not in meta:
            failures.append(f"parquet {name}: key-value metadata {key!r} missing")
    print(f"{name}: {df.height} rows load in polars, DuckDB and pandas")

r = subprocess.run([os.path.join(os.path.dirname(sys.executable), "frictionless"), "validate",
                    os.path.join(vdir, "datapackage.json")], capture_output=True, text=True)
print(r.stdout[-3000:])
if r.returncode != 0:
    failures.append("frictionless validate failed: " + r.stdout[-2000:] + r.stderr[-1000:])
if failures:
    print("\n".join(failures))
    sys.exit(1)
print("interop: ok")
