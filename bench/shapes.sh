#!/usr/bin/env bash
# shapes.sh - memory and speed of `ldrest validate` on single large documents
# of the shapes that stress a DOM reader (bench/gen_shapes.py: arrays of small
# numbers, of short strings, one long string with escapes, wide objects, deep
# nesting, a document near --max-bytes), beside peers measured in the same
# run on the same files: python3's json.load and the cJSON floor (parse +
# free). Prints MB/s (wall, and per CPU-second: steadier on a busy machine)
# and peak RSS per document byte, medians of the runs.
# Not a test. Runnable alone, or as the `shapes` phase of bench/run.sh.
#
# Knobs (environment): SHAPES_MB=32 (size of each shape; near-limit is 4 KiB
# under ldrest's default --max-bytes, 64 MiB) SHAPES_RUNS=3,
# LDREST (an ldrest binary; default: build Release into BUILD_DIR, default
# build-bench/, target ldrest only), OUT (default bench/out).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out=${OUT:-$bench/out}
build=${BUILD_DIR:-$root/build-bench}
shapes_mb=${SHAPES_MB:-32}
shapes_runs=${SHAPES_RUNS:-3}
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

die() { echo "shapes: $*" >&2; exit 2; }

# shellcheck source=bench/lib.sh
. "$bench/lib.sh" # timed, loud, cflags

mkdir -p "$out/bin" "$out/shapes"
ldrest=${LDREST:-}
if [ -z "$ldrest" ]; then
  echo "shapes: Release build of ldrest in $build" >&2
  { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DOAS_BUILD_TESTS=OFF &&
    cmake --build "$build" -j"${JOBS:-2}" --target ldrest; } >"$out/shapes-build.log" 2>&1 ||
    { tail -n 30 "$out/shapes-build.log"; die "build failed ($out/shapes-build.log)"; }
  ldrest=$build/ldrest
fi
cjson_floor=$out/bin/cjson_floor
if [ ! -x "$cjson_floor" ]; then
  # shellcheck disable=SC2046,SC2154 # pkg-config output is a word list; cflags is lib.sh's
  cc "${cflags[@]}" -o "$cjson_floor" "$bench/cjson_floor.c" $(pkg-config --libs libcjson) \
    2>"$out/shapes-build.log" || { echo "shapes: no cJSON floor (libcjson-dev?)" >&2; cjson_floor=; }
fi

stamp="mb=$shapes_mb"
if [ "$(cat "$out/shapes/stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "shapes: generating ${shapes_mb} MiB documents into $out/shapes" >&2
  "$py" "$bench/gen_shapes.py" "$out/shapes" --mb "$shapes_mb" || die "gen_shapes.py failed"
  echo "$stamp" >"$out/shapes/stamp"
fi

results="$out/shapes-results.tsv"
printf 'shape\ttool\trun\tbytes\twall_s\tcpu_s\trss_kb\toutcome\n' >"$results"
row() { # shape tool run bytes outcome
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$WALL" "$CPU" "$RSS" "$5" >>"$results"
}

# ldrest: every shape is a well-formed document the schema refuses (exit 1),
# except deep1000, which is malformed JSON (exit 2, the depth limit).
ldrest_outcome() {
  case $EXIT in
    0) echo valid ;;
    1) echo invalid ;;
    2) grep -q 'nesting deeper than the limit' "$out/last.stdout" "$out/last.stderr" &&
         echo too-deep || echo "error" ;;
    *) echo "crash-$EXIT" ;;
  esac
}

pyload='import json, sys
with open(sys.argv[1], "rb") as f:
    json.load(f)'

for ((r = 1; r <= shapes_runs; r++)); do
  while IFS=$'\t' read -r shape file bytes _; do
    timed "$ldrest" validate --schema InsightScores --format json "$file"
    outcome=$(ldrest_outcome)
    case "$shape/$outcome" in
      deep1000/too-deep | */invalid) ;;
      *) loud "ldrest on $shape: unexpected outcome $outcome: $(head -c 300 "$out/last.stderr")" ;;
    esac
    row "$shape" ldrest "$r" "$bytes" "$outcome"
    timed "$py" -c "$pyload" "$file"
    row "$shape" python-json "$r" "$bytes" "$([ "$EXIT" = 0 ] && echo parsed || echo rejected)"
    if [ -n "$cjson_floor" ]; then
      timed "$cjson_floor" "$file"
      outcome=rejected
      grep -q '^documents 1 invalid 0 ' "$out/last.stdout" && outcome=parsed
      row "$shape" cjson-floor "$r" "$bytes" "$outcome"
    fi
  done <"$out/shapes/shapes.tsv"
  echo "shapes: run $r/$shapes_runs done" >&2
done

"$py" "$bench/summarize_shapes.py" "$out"
