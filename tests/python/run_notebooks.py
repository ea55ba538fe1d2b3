#!/usr/bin/env python3
"""Executes every notebook in notebooks/ against the dataset root in RELATIONS_DATA; any
failing cell fails the run. usage: run_notebooks.py NOTEBOOK_DIR"""
import glob, os, sys

import nbformat
from nbclient import NotebookClient

nb_dir = sys.argv[1]
for path in sorted(glob.glob(os.path.join(nb_dir, "*.ipynb"))):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": nb_dir}}).execute()
    print(f"{os.path.basename(path)}: all cells ran")
