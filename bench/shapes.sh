#!/usr/bin/env bash
# shapes.sh - memory and speed of validating single large documents of the
# shapes that stress a DOM reader (bench/gen_shapes.py: arrays of small
# numbers, of varied numbers, of short strings, one long string with
# escapes, wide objects, deep nesting, a document near --max-bytes, the
# same records pretty-printed), each against its schema in bench/shapes.yaml
# (every element is checked), beside peers measured in the same run on the
# same files: ajv on the same schemas
# (when bench/node_modules has it: `npm ci` in bench/), python3's json.load
# and the cJSON floor (parse + free). Prints MB/s (wall, and per CPU-second:
# steadier on a busy machine) and peak RSS per document byte, medians.
# Not a test. Runnable alone, or as the `shapes` phase of bench/run.sh.
#
# Knobs (environment): SHAPES_MB=32 (size of each shape) SHAPES_RUNS=3,
# SHAPES_MAX_BYTES=67108864 (the validator's --max-bytes; near-limit is 4 KiB
# under it), SHAPES_VALIDATE (a shapes-validate binary; default: build the
# `shapes` binding of bench/shapes.yaml, Release, in SHAPES_BUILD, default
# OUT/shapes-build/), OUT (default bench/out).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out=${OUT:-$bench/out}
build=${SHAPES_BUILD:-$out/shapes-build}
shapes_mb=${SHAPES_MB:-32}
shapes_runs=${SHAPES_RUNS:-3}
max_bytes=${SHAPES_MAX_BYTES:-67108864}
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

die() { echo "shapes: $*" >&2; exit 2; }

# shellcheck source=bench/lib.sh
. "$bench/lib.sh" # timed, loud, cflags

mkdir -p "$out/bin" "$out/shapes"
validator=${SHAPES_VALIDATE:-}
if [ -z "$validator" ]; then
  # A project of its own, as docs/ANY-SPEC.md shows: this tree as a
  # subdirectory and oas2c_add_binding on bench/shapes.yaml.
  echo "shapes: Release build of shapes-validate in $build" >&2
  project="$out/shapes-project"
  mkdir -p "$project"
  cat >"$project/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(shapes_bench C)
set(CMAKE_C_STANDARD 11)
set(OAS_BUILD_TESTS OFF)
add_subdirectory("$root" oas2c EXCLUDE_FROM_ALL)
oas2c_add_binding(shapes SPEC "$bench/shapes.yaml" PREFIX sh_)
CMAKE
  { cmake -S "$project" -B "$build" -DCMAKE_BUILD_TYPE=Release &&
    cmake --build "$build" -j"${JOBS:-2}" --target shapes-validate; } >"$out/shapes-build.log" 2>&1 ||
    { tail -n 30 "$out/shapes-build.log"; die "build failed ($out/shapes-build.log)"; }
  validator=$build/shapes-validate
fi
ajv=
if [ -d "$bench/node_modules/ajv" ] && command -v node >/dev/null; then
  ajv=node
else
  echo "shapes: no ajv (run npm ci in bench/): ajv rows skipped" >&2
fi
# timed (lib.sh) measures through proc_clock; run.sh builds it, a run of
# this script alone builds it here.
if [ ! -x "$out/bin/proc_clock" ]; then
  cc "${cflags[@]}" -o "$out/bin/proc_clock" "$bench/proc_clock.c" 2>"$out/shapes-build.log" ||
    die "proc_clock did not build ($out/shapes-build.log)"
fi
cjson_floor=$out/bin/cjson_floor
if [ ! -x "$cjson_floor" ]; then
  # shellcheck disable=SC2046,SC2154 # pkg-config output is a word list; cflags is lib.sh's
  cc "${cflags[@]}" -o "$cjson_floor" "$bench/cjson_floor.c" $(pkg-config --libs libcjson) \
    2>"$out/shapes-build.log" || { echo "shapes: no cJSON floor (libcjson-dev?)" >&2; cjson_floor=; }
fi

stamp="mb=$shapes_mb max=$max_bytes gen=$(cksum <"$bench/gen_shapes.py")"
if [ "$(cat "$out/shapes/stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "shapes: generating ${shapes_mb} MiB documents into $out/shapes" >&2
  "$py" "$bench/gen_shapes.py" "$out/shapes" --mb "$shapes_mb" --max-bytes "$max_bytes" ||
    die "gen_shapes.py failed"
  echo "$stamp" >"$out/shapes/stamp"
fi
if [ -n "$ajv" ]; then
  while read -r schema; do
    "$py" "$bench/export_schema.py" "$bench/shapes.yaml" "$schema" "$out/shapes/$schema.schema.json" ||
      die "export_schema.py $schema failed"
  done < <(cut -f4 "$out/shapes/shapes.tsv" | sort -u)
fi

results="$out/shapes-results.tsv"
printf 'shape\ttool\trun\tbytes\twall_s\tcpu_s\trss_kb\toutcome\n' >"$results"
row() { # shape tool run bytes outcome
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$WALL" "$CPU" "$RSS" "$5" >>"$results"
}

# Every shape is valid against its schema (exit 0), except deep1000, which
# is malformed JSON (exit 2, the depth limit).
validator_outcome() {
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
  while IFS=$'\t' read -r shape file bytes schema _; do
    timed "$validator" --schema "$schema" --max-bytes "$max_bytes" --format json "$file"
    outcome=$(validator_outcome)
    case "$shape/$outcome" in
      deep1000/too-deep | */valid) ;;
      *) loud "shapes-validate on $shape: unexpected outcome $outcome: $(head -c 300 "$out/last.stderr")" ;;
    esac
    row "$shape" oas "$r" "$bytes" "$outcome"
    if [ -n "$ajv" ]; then
      timed node "$bench/ajv_validate.js" "$out/shapes/$schema.schema.json" "$file"
      outcome=error
      grep -q '^documents 1 invalid 0 ' "$out/last.stdout" && outcome=valid
      grep -q '^documents 1 invalid 1 ' "$out/last.stdout" && outcome=invalid
      row "$shape" ajv "$r" "$bytes" "$outcome"
    fi
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
