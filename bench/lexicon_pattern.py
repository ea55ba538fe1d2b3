#!/usr/bin/env python3
"""Prints every lexicon and registry form under crates/relations-core/data/ (one per line) for `rg -f`: the floor of
finding the tool's vocabulary in the corpus without extracting anything."""
import csv, glob, os, sys

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "relations-core", "data")
forms = set()
for path in glob.glob(os.path.join(here, "**", "*.tsv"), recursive=True):
    lines = [l for l in open(path, encoding="utf-8") if not l.startswith("#")]
    if not lines:
        continue
    header = lines[0].rstrip("\n").split("\t")
    cols = [i for i, h in enumerate(header) if h.endswith("_ar") or h in ("form_ar", "forms", "variants")]
    for line in lines[1:]:
        cells = line.rstrip("\n").split("\t")
        for i in cols:
            if i < len(cells):
                forms.update(v.strip() for v in cells[i].split("|") if len(v.strip()) > 1 and "<" not in v)
sys.stdout.write("\n".join(sorted(f.replace("\\", "") for f in forms)) + "\n")
