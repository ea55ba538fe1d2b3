#!/usr/bin/env python3
"""Executes every notebook in notebooks/ against the dataset root in RELATIONS_DATA; any
failing cell fails the run. With NOTEBOOK_PNG_DIR set, every chart is also written there as
<notebook>-<n>.png (to look at or attach to a report).
usage: run_notebooks.py NOTEBOOK_DIR"""
import base64, glob, os, sys

import nbformat
from nbclient import NotebookClient

nb_dir = sys.argv[1]
png_dir = os.environ.get("NOTEBOOK_PNG_DIR")
for path in sorted(glob.glob(os.path.join(nb_dir, "*.ipynb"))):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": nb_dir}}).execute()
    charts = [o["data"]["image/png"] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    if png_dir:
        os.makedirs(png_dir, exist_ok=True)
        stem = os.path.splitext(os.path.basename(path))[0]
        for n, png in enumerate(charts, 1):
            with open(os.path.join(png_dir, f"{stem}-{n}.png"), "wb") as f:
                f.write(base64.b64decode(png))
    print(f"{os.path.basename(path)}: all cells ran, {len(charts)} charts")
