#!/usr/bin/env bash
# cpu.sh - the one-core figures of README "Where the time goes": CPU time
# (perf stat -e task-clock, whole process) of `ldrest validate --jobs 1`
# builds beside the parse-only floors simdjson (parse_many over the file)
# and RapidJSON (a Document per line), in one run, runs interleaved, medians.
# Prints MB per CPU-second per tool and corpus, and each ldrest's ratio to
# the simdjson floor. CPU time, not wall: other work on the cores does not
# count. Not a test.
#
# usage: bench/cpu.sh CORPUS_DIR NAME=LDREST [NAME=LDREST...]
#   CORPUS_DIR holds valid.ndjson and mix.ndjson (bench/gen_corpus.py).
# Knobs (environment): CPU_RUNS=7, OUT (default bench/out; the floors are
# built into OUT/bin when missing, as bench/lib.sh builds them).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out=${OUT:-$bench/out}
runs=${CPU_RUNS:-7}

die() { echo "cpu: $*" >&2; exit 2; }
[ $# -ge 2 ] || die "usage: $0 CORPUS_DIR NAME=LDREST [NAME=LDREST...]"
corpus=$1
shift
command -v perf >/dev/null || die "perf not found"

# shellcheck source=bench/lib.sh
. "$bench/lib.sh" # cxxflags
# shellcheck disable=SC2154 # cxxflags is lib.sh's
mkdir -p "$out/bin"
for f in simdjson_floor rapidjson_floor; do
  [ -x "$out/bin/$f" ] && continue
  case $f in
    simdjson_floor) c++ "${cxxflags[@]}" -o "$out/bin/$f" "$bench/floor/$f.cpp" -lsimdjson ;;
    *) c++ "${cxxflags[@]}" -o "$out/bin/$f" "$bench/floor/$f.cpp" ;;
  esac || die "building $f failed"
done

# tools: "name<TAB>command prefix" (the corpus file is appended)
tools=()
for spec in "$@"; do
  name=${spec%%=*} exe=${spec#*=}
  [ -x "$exe" ] || die "$exe: not executable"
  tools+=("$name"$'\t'"$exe validate --ndjson --format json --max-errors 0 --jobs 1")
done
tools+=("simdjson-floor"$'\t'"$out/bin/simdjson_floor")
tools+=("rapidjson-floor"$'\t'"$out/bin/rapidjson_floor")

# task-clock milliseconds of one run of CMD... (stdout discarded; its exit
# status is not looked at: ldrest exits 1 on the mix's invalid documents)
cpu_ms() {
  { perf stat -x, -e task-clock "$@" 2>&1 >/dev/null || true; } |
    awk -F, '$3 == "task-clock" { print $1; found = 1 } END { exit !found }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
for file in valid mix; do
  [ -f "$corpus/$file.ndjson" ] || die "$corpus/$file.ndjson missing"
  for ((r = 0; r < runs; r++)); do
    for t in "${tools[@]}"; do
      # shellcheck disable=SC2086 # the command prefix is a word list
      ms=$(cpu_ms ${t#*$'\t'} "$corpus/$file.ndjson") || die "${t%%$'\t'*} failed"
      printf '%s %s %s\n' "$file" "${t%%$'\t'*}" "$ms" >>"$samples"
    done
  done
done

printf 'MB per CPU-second (task-clock, median of %d interleaved runs; load average %s)\n' \
  "$runs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-20s %10s %10s %12s %12s\n' tool valid mix "valid/simd" "mix/simd"
declare -A rate
for file in valid mix; do
  bytes=$(stat -c %s "$corpus/$file.ndjson")
  for t in "${tools[@]}"; do
    name=${t%%$'\t'*}
    ms=$(awk -v f="$file" -v n="$name" '$1 == f && $2 == n { print $3 }' "$samples" | median)
    rate[$file,$name]=$(awk -v b="$bytes" -v ms="$ms" 'BEGIN { printf "%.0f", b / 1e6 / (ms / 1e3) }')
  done
done
for t in "${tools[@]}"; do
  name=${t%%$'\t'*}
  printf '%-20s %10s %10s %12s %12s\n' "$name" "${rate[valid,$name]}" "${rate[mix,$name]}" \
    "$(awk -v a="${rate[valid,$name]}" -v b="${rate[valid,simdjson-floor]}" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="${rate[mix,$name]}" -v b="${rate[mix,simdjson-floor]}" 'BEGIN { printf "%.2f", a / b }')"
done
