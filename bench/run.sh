#!/usr/bin/env bash
# Throughput and memory benchmark (issue: "Throughput and memory").
#   bench/run.sh [SIZES...]        default sizes: 20000 200000; RUNS=3 runs of each row
# Builds corpora with ../shared/bench/make_corpus.py (deterministic), runs the release binary
# with --format parquet at -j 1 and -j 2 under /usr/bin/time -v, and prints articles/s,
# MB/s of article text and peak RSS. Baselines on the same articles: dateparser's
# search_dates on a sample (Python) and rg searching the whole lexicon as one alternation.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
WORK=${BENCH_DIR:-/tmp/relations-bench}
SIZES=${*:-20000 200000}
RUNS=${RUNS:-3}
mkdir -p "$WORK"
cargo build --release --quiet
BIN=target/release/relations-export
# MB/s/core = article text over CPU time (user + system): what one core extracts per second.
printf '%-8s %-3s %10s %10s %9s %9s %11s %10s  %s\n' docs jobs seconds articles/s MB/s cpu_s MB/s/core peakRSS_MB cpu_s_of_runs
for n in $SIZES; do
  corpus="$WORK/corpus-$n"
  [ -d "$corpus" ] || python3 "$SHARED/bench/make_corpus.py" --out "$corpus" --docs "$n" >/dev/null
  mb=$(python3 -c "import json,glob;print(sum(len(json.loads(l)['text'].encode()) for f in glob.glob('$corpus/*.jsonl') for l in open(f))/1e6)")
  for j in 1 2; do
    # RUNS runs of each row; the row shows the run with the median CPU time, and the highest
    # peak RSS of all of them. One run alone can land in a slow moment of this shared machine.
    rows=""
    for r in $(seq "$RUNS"); do
      out="$WORK/out-$n-$j"; rm -rf "$out"
      time_txt="$WORK/time-$n-$j-$r.txt"
      /usr/bin/time -v "$BIN" -q -i "$corpus" -o "$out" --format parquet -j "$j" 2>"$time_txt" || true
      secs=$(grep "Elapsed (wall clock)" "$time_txt" | awk -F': ' '{print $2}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
      rss=$(grep "Maximum resident" "$time_txt" | awk '{print int($6/1024)}')
      cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$time_txt")
      rows="$rows$cpu $secs $rss"$'\n'
    done
    read -r cpu secs _ < <(printf '%s' "$rows" | sort -n | awk -v m=$(( (RUNS + 1) / 2 )) 'NR == m')
    rss=$(printf '%s' "$rows" | awk '$3 > max { max = $3 } END { print max }')
    all=$(printf '%s' "$rows" | awk '{ printf "%s%s", sep, $1; sep = " " }')
    printf '%-8s %-3s %10.1f %10.0f %9.1f %9.1f %11.1f %10s  %s\n' "$n" "$j" "$secs" "$(echo "$n/$secs" | bc -l)" "$(echo "$mb/$secs" | bc -l)" "$cpu" "$(echo "$mb/$cpu" | bc -l)" "$rss" "$all"
  done
done

# Floor: rg over the corpus for the whole lexicon as one alternation (matching only, no extraction).
if command -v rg >/dev/null; then
  n=$(echo $SIZES | awk '{print $1}')
  python3 bench/lexicon_pattern.py > "$WORK/lexicon.txt"
  start=$(date +%s.%N); rg -c -f "$WORK/lexicon.txt" "$WORK/corpus-$n" >/dev/null || true; end=$(date +%s.%N)
  echo "rg floor on corpus-$n: $(echo "$end-$start" | bc -l | cut -c1-6) s for $(wc -l < "$WORK/lexicon.txt") lexicon forms"
fi

# Baseline: dateparser.search_dates on the first 200 articles (pip install dateparser).
${PYTHON:-python3} - "$WORK/corpus-$(echo $SIZES | awk '{print $1}')" <<'PY' || echo "dateparser baseline skipped (pip install dateparser)"
import glob, json, sys, time
from dateparser.search import search_dates
texts = [json.loads(l)["text"] for f in sorted(glob.glob(sys.argv[1] + "/*.jsonl")) for l in open(f)][:200]
t = time.time(); found = sum(len(search_dates(x, languages=["ar"]) or []) for x in texts); dt = time.time() - t
mb = sum(len(x.encode()) for x in texts) / 1e6
print(f"dateparser search_dates: 200 articles in {dt:.1f} s = {200/dt:.1f} articles/s, {mb/dt:.3f} MB/s ({found} dates)")
PY
