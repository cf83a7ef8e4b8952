#!/usr/bin/env bash
# files.sh - a directory of many small files, as a CI job keeps captured
# responses: `ldrest validate DIR` with --jobs 1 and with every core,
# beside ajv validating the same files (bench/ajv_validate.js DIR: each
# *.json read whole, in name order) and beside ldrest on the same documents
# as one NDJSON stream (what reading them one file at a time costs), and as
# the response bodies of one HAR capture (`validate --har`, --jobs 1 and
# every core: a capture over 4 MiB is checked in runs of entries). The
# files are the first FILES_N documents of the valid corpus, one per file.
# Prints median wall and CPU seconds, files/s, MB/s and ratios. Not a test.
# Runnable alone (after bench/run.sh has made the corpus), or as the
# `files` phase of bench/run.sh.
#
# Knobs (environment): FILES_N=5000 FILES_RUNS=7, BUILD_DIR (default
# build-bench/, Release, targets ldrest ldrest_static), OUT (default
# bench/out).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out=${OUT:-$bench/out}
build=${BUILD_DIR:-$root/build-bench}
n=${FILES_N:-5000}
runs=${FILES_RUNS:-7}

die() { echo "files: $*" >&2; exit 2; }

# shellcheck source=bench/lib.sh
. "$bench/lib.sh" # timed, build_c_programs

corpus="$out/valid.ndjson"
schema="$out/insight-scores.schema.json"
{ [ -f "$corpus" ] && [ -f "$schema" ]; } || die "no $corpus or $schema: run bench/run.sh first"
mkdir -p "$out/bin"
echo "files: Release build in $build" >&2
{ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DOAS_BUILD_TESTS=OFF &&
  cmake --build "$build" -j"${JOBS:-2}" --target ldrest ldrest_static; } >"$out/files-build.log" 2>&1 ||
  { tail -n 30 "$out/files-build.log"; die "build failed ($out/files-build.log)"; }
build_c_programs || die "building proc_clock failed"

dir="$out/files"
rm -rf "$dir"
mkdir -p "$dir"
head -n "$n" "$corpus" >"$out/files.ndjson"
(cd "$dir" && split -l 1 -a 6 -d --additional-suffix=.json "$out/files.ndjson" doc_) ||
  die "splitting the corpus"
bytes=$(stat -c %s "$out/files.ndjson")
# The same documents as the bodies of one capture, as a browser saves it.
python3 - "$out/files.ndjson" "$out/files.har" <<'PY' || die "writing the HAR capture"
import json, sys
entries = []
url = "https://app.launchdarkly.com/api/v2/engineering-insights/insights/scores"
for line in open(sys.argv[1]):
    body = line.strip()
    entries.append({
        "startedDateTime": "2026-12-07T00:00:00Z", "time": 1,
        "request": {"method": "GET", "url": url + "?projectKey=p&environmentKey=e",
                    "httpVersion": "HTTP/1.1", "headers": [], "queryString": [],
                    "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
                     "headers": [], "cookies": [], "redirectURL": "", "headersSize": -1,
                     "bodySize": len(body),
                     "content": {"size": len(body), "mimeType": "application/json",
                                 "text": body}},
        "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}})
log = {"version": "1.2", "creator": {"name": "bench", "version": "1"}, "entries": entries}
json.dump({"log": log}, open(sys.argv[2], "w"), indent=2)
PY
cores=$(nproc)
ajv=
[ -d "$bench/node_modules/ajv" ] && command -v node >/dev/null && ajv=node

rows="$out/files.rows"
: >"$rows"
# row LABEL: the last timed() command's wall and CPU seconds
row() { echo "$1 $WALL $CPU" >>"$rows"; }
for ((r = 1; r <= runs; r++)); do
  for jobs in 1 "$cores"; do
    timed "$build/ldrest" validate --schema InsightScores --format json --max-errors 0 \
      --jobs "$jobs" "$dir"
    [ "$EXIT" -le 1 ] || die "ldrest --jobs $jobs failed (exit $EXIT): $(tail -n 3 "$out/last.stderr")"
    row "ldrest-dir-jobs$jobs"
  done
  timed "$build/ldrest" validate --schema InsightScores --format json --max-errors 0 --jobs 1 \
    --ndjson "$out/files.ndjson"
  [ "$EXIT" -le 1 ] || die "ldrest --ndjson failed (exit $EXIT)"
  row "ldrest-ndjson-jobs1"
  for jobs in 1 "$cores"; do
    timed "$build/ldrest" validate --har --format json --max-errors 0 --jobs "$jobs" \
      "$out/files.har"
    [ "$EXIT" -le 1 ] || die "ldrest --har --jobs $jobs failed (exit $EXIT)"
    row "ldrest-har-jobs$jobs"
  done
  if [ -n "$ajv" ]; then
    timed node "$bench/ajv_validate.js" "$schema" "$dir"
    [ "$EXIT" -eq 0 ] || die "ajv failed (exit $EXIT): $(tail -n 3 "$out/last.stderr")"
    row "ajv-dir"
  fi
  echo "  run $r/$runs" >&2
done

{
  echo "== $n files of one document each ($bytes bytes in all; as one HAR capture $(stat -c %s "$out/files.har") bytes), $runs runs, medians; $cores cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 - "$rows" "$n" "$bytes" <<'PY'
import statistics, sys
rows, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
by = {}
for line in open(rows):
    label, wall, cpu = line.split()
    if wall != "NA":
        by.setdefault(label, []).append((float(wall), float(cpu)))
med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in by.items()}
ajv = med.get("ajv-dir")
print(f"{'':22} {'wall s':>8} {'CPU s':>8} {'files/s':>9} {'MB/s':>7} {'vs ajv':>7} {'vs jobs 1':>9}")
for label, (wall, cpu) in med.items():
    vs_ajv = f"{ajv[0] / wall:6.1f}x" if ajv else "-"
    kind = label.rsplit("-jobs", 1)[0]
    one = med.get(kind + "-jobs1") if kind in ("ldrest-dir", "ldrest-har") else None
    vs_one = f"{one[0] / wall:8.2f}x" if one else "-"
    print(f"{label:22} {wall:8.4f} {cpu:8.4f} {n / wall:9.0f} {size / wall / 1e6:7.1f} {vs_ajv:>7} {vs_one:>9}")
PY
} | tee "$out/files.txt"
