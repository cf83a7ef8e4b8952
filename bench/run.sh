#!/usr/bin/env bash
# The speed benchmark: ldrest against its peers, in one run.
# From a fresh clone: installs its Debian and npm dependencies, builds Release,
# generates the corpus into bench/out/, measures, prints the table, rewrites
# bench/README.md's results section and bench/throughput.png.
# Not a pass/fail test; exit status 3 only when the validators disagree on
# the number of invalid documents (printed loudly).
#
# Knobs (environment): BENCH_VALID_MB=50 BENCH_MIX_MB=10 BENCH_RUNS=9
# BENCH_PY_RUNS=3 BENCH_PY_MB=10 (python's slice of the valid corpus)
# BENCH_GEN_RUNS=5 BENCH_STREAM_MB=1024 BENCH_REQUESTS=20000
# BENCH_NO_README=1 (leave README/PNG alone, e.g. for a quick dev run)
# BENCH_PHASES="validate files gen stream requests keys shapes" (a subset
# for development; files = bench/files.sh, also runnable alone, knobs
# FILES_N FILES_RUNS; keys = bench/keys.sh, also runnable alone, knobs
# KEYS_RUNS KEYS_CLI_RUNS; shapes = bench/shapes.sh, also runnable alone,
# knobs SHAPES_MB SHAPES_RUNS)
# BUILD_DIR (default build-bench/), JOBS=2 (build parallelism).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out="$bench/out"
build=${BUILD_DIR:-$root/build-bench}
valid_mb=${BENCH_VALID_MB:-50}
mix_mb=${BENCH_MIX_MB:-10}
runs=${BENCH_RUNS:-9}
py_runs=${BENCH_PY_RUNS:-3}
py_mb=${BENCH_PY_MB:-10}
gen_runs=${BENCH_GEN_RUNS:-5}
stream_mb=${BENCH_STREAM_MB:-1024}
requests=${BENCH_REQUESTS:-20000}
phases=" ${BENCH_PHASES:-validate files gen stream requests keys shapes} "
py=/usr/bin/python3 # Debian's, with Debian's python3-jsonschema

die() { echo "bench: $*" >&2; exit 2; }
step() { printf '\n== %s\n' "$*" >&2; }

# shellcheck source=bench/lib.sh
. "$bench/lib.sh"

step "dependencies"
bash "$root/scripts/install-deps.sh" || die "scripts/install-deps.sh failed"
bash "$bench/install-deps.sh" || die "bench/install-deps.sh failed"
(cd "$bench" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed"

step "Release build in $build"
mkdir -p "$out/bin"
{ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DOAS_BUILD_TESTS=OFF &&
  cmake --build "$build" -j"${JOBS:-2}" --target oas2c ldrest ldrest_static; } \
  >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log"; die "build failed ($out/build.log)"; }
build_bench_programs || die "building the bench programs failed"

step "corpus (valid ${valid_mb} MB, mix ${mix_mb} MB)"
"$py" "$bench/gen_corpus.py" "$out" --valid-mb "$valid_mb" --mix-mb "$mix_mb" || die "corpus"
"$py" "$bench/export_schema.py" "$root/spec/insights-scores.yaml" InsightScores \
  "$out/insight-scores.schema.json" || die "schema export"
# Python is slow: it gets a whole-line prefix of the valid corpus; its rate is
# its own MB/s on that prefix (the documents are alike throughout).
head -c $((py_mb * 1000000)) "$out/valid.ndjson" | sed '$d' >"$out/valid-py.ndjson"

results="$out/results.tsv"
printf 'kind\ttool\tcorpus\trun\twall_s\trss_kb\tdocuments\tinvalid\tinproc_s\tbytes\texit\tcpu_s\n' >"$results"

want() { [[ "$phases" == *" $1 "* ]]; }

want validate && step "validation: $runs runs per tool (python: $py_runs), interleaved"
want validate && for ((r = 1; r <= runs; r++)); do
  for corpus in valid mix; do
    f="$out/$corpus.ndjson"
    measure_ldrest ldrest-1core "$corpus" "$r" "$f" --jobs 1
    measure_ldrest ldrest-jobs "$corpus" "$r" "$f" --jobs 0
    measure_peer ajv "$corpus" "$r" "$f" node "$bench/ajv_validate.js" "$out/insight-scores.schema.json" "$f"
    measure_peer cjson-floor "$corpus" "$r" "$f" "$out/bin/cjson_floor" "$f"
    measure_peer oas-json-floor "$corpus" "$r" "$f" "$out/bin/oas_json_floor" "$f"
    measure_peer simdjson-floor "$corpus" "$r" "$f" "$out/bin/simdjson_floor" "$f"
    measure_peer rapidjson-floor "$corpus" "$r" "$f" "$out/bin/rapidjson_floor" "$f"
    measure_peer valijson "$corpus" "$r" "$f" "$out/bin/valijson_validate" "$out/insight-scores.schema.json" "$f"
    if ((r <= py_runs)); then
      pf=$f
      [ "$corpus" = valid ] && pf="$out/valid-py.ndjson"
      measure_peer python "$corpus" "$r" "$pf" "$py" "$bench/py_validate.py" "$out/insight-scores.schema.json" "$pf"
    fi
  done
  echo "  run $r/$runs done" >&2
done

if want files; then
  step "a directory of many small files (bench/files.sh; table in $out/files.txt)"
  BUILD_DIR="$build" OUT="$out" bash "$bench/files.sh" >&2 || loud "bench/files.sh failed"
fi
if want gen; then
  step "generator: oas2c vs openapi-typescript on the full LaunchDarkly spec"
  measure_generators
fi
if want stream; then
  step "memory: ${stream_mb} MB streamed through a pipe"
  measure_stream
fi
if want requests; then
  step "request path against ldrest mock"
  measure_requests
fi
if want keys; then
  step "object keys: ordinary against crafted (bench/keys.sh; table in $out/keys.txt)"
  BUILD_DIR="$build" OUT="$out" bash "$bench/keys.sh" >&2 || loud "bench/keys.sh failed"
fi
if want shapes; then
  step "single large documents by shape (bench/shapes.sh; table in $out/shapes-summary.md)"
  OUT="$out" bash "$bench/shapes.sh" >&2 || loud "bench/shapes.sh failed"
fi

step "summary"
collect_machine_info >"$out/machine.txt"
summary_args=("$out")
[ -n "${BENCH_NO_README:-}" ] || summary_args+=(--readme "$bench/README.md")
"$py" "$bench/summarize.py" "${summary_args[@]}"
status=$?
if [ -z "${BENCH_NO_README:-}" ] && command -v gnuplot >/dev/null; then
  gnuplot -e "datafile='$out/throughput.dat'; outfile='$bench/throughput.png'" "$bench/plot.gp" ||
    echo "bench: gnuplot failed" >&2
fi
exit $status
