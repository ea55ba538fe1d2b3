#!/usr/bin/env python3
"""CPU and wall seconds of one corpus through the CLI (-j 1), the wheel alone (extract_arrow,
one thread, tables written as Parquet) and the Spark job (local[2]), RUNS times each, in turn.

usage: .venv/bin/python bench/engines.py CLI_BINARY CORPUS_DIR [RUNS]

CPU is that of every process of the run (the JVM and Spark's Python workers included): each
run goes into a cpuacct cgroup of its own when this runs as root on cgroup v1, else the
children's rusage (which misses processes nobody waits for). Prints every run and the median.
"""
import glob, json, os, resource, shutil, statistics, subprocess, sys, tempfile, time

CGROUP = "/sys/fs/cgroup/cpuacct"


def wheel(corpus, out):
    """The wheel alone: the JSONL lines as a `json` column, one extract_arrow call on one
    thread, every table written as Parquet (zstd), as the CLI writes them."""
    import pyarrow as pa, pyarrow.parquet as pq, relations_export as r
    lines = []
    for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            lines += [(f"{name}#{n}", l) for n, l in enumerate(f, 1) if l.strip()]
    batch = pa.table({"source": [s for s, _ in lines], "json": [l for _, l in lines]})
    tables = r.extract_arrow(batch, threads=1)
    os.makedirs(out, exist_ok=True)
    for name, t in tables.items():
        pq.write_table(pa.Table.from_batches([t]), os.path.join(out, name + ".parquet"), compression="zstd")


def measured(args):
    """(CPU s, wall s) of the command and all its descendants."""
    group = None
    if os.path.isdir(CGROUP) and os.access(CGROUP, os.W_OK):
        group = os.path.join(CGROUP, f"relations-bench-{os.getpid()}")
        os.makedirs(group, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    join = (lambda: open(os.path.join(group, "tasks"), "w").write(str(os.getpid()))) if group else None
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=join)
    wall = time.monotonic() - started
    if group:
        cpu = int(open(os.path.join(group, "cpuacct.usage")).read()) / 1e9
        # Let the group's last processes (Spark's daemon) go before removing it.
        for _ in range(50):
            if not open(os.path.join(group, "tasks")).read().strip():
                break
            time.sleep(0.1)
        os.rmdir(group)
    else:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main():
    if sys.argv[1] == "--wheel":
        wheel(sys.argv[2], sys.argv[3])
        return
    cli, corpus = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    py = sys.executable
    work = tempfile.mkdtemp(prefix="relations-engines-")
    commands = {
        "CLI -j 1": lambda out: [cli, "-q", "-i", corpus, "-o", out, "--format", "parquet", "-j", "1"],
        "wheel, extract_arrow threads=1": lambda out: [py, __file__, "--wheel", corpus, out],
        "Spark local[2]": lambda out: [py, "-m", "relations_export.spark", "--input", corpus, "--output", out, "--master", "local[2]"],
    }
    times = {k: [] for k in commands}
    for run in range(runs):
        for name, command in commands.items():
            out = os.path.join(work, f"{run}-{len(times[name])}")
            cpu, wall = measured(command(out))
            shutil.rmtree(out, ignore_errors=True)
            times[name].append((cpu, wall))
            print(f"run {run + 1} {name}: {cpu:.2f} CPU s, {wall:.2f} wall s", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    base = statistics.median(c for c, _ in times["CLI -j 1"])
    print("| path | CPU s (median) | wall s (median) | CPU vs CLI -j 1 | CPU s of the runs |")
    print("|---|---:|---:|---:|---|")
    for name, t in times.items():
        cpu, wall = statistics.median(c for c, _ in t), statistics.median(w for _, w in t)
        print(f"| {name} | {cpu:.2f} | {wall:.2f} | {cpu / base:.2f} | {' '.join(f'{c:.2f}' for c, _ in t)} |")


if __name__ == "__main__":
    main()
