#!/usr/bin/env bash
# keys.sh - object keys crafted against the old duplicate-key detector (all
# in one window of its FNV-1a table) beside ordinary keys of the same count
# and length, in one run: the runtime alone (bench/keys_bench.c: parsing a
# 131,072-key object; reporting 65,536 keys plus one repeat), then the same
# objects end to end through `ldrest validate`. Prints seconds and the
# crafted/ordinary ratio; ratios near 1 mean crafted keys buy an attacker
# nothing. Not a test. Runnable alone, or as the `keys` phase of
# bench/run.sh.
#
# Knobs (environment): KEYS_RUNS=9 (runtime cases, medians), KEYS_CLI_RUNS=3
# (ldrest validate, medians of CPU seconds), BUILD_DIR (default build-bench/,
# Release, targets ldrest ldrest_static), OUT (default bench/out).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out=${OUT:-$bench/out}
build=${BUILD_DIR:-$root/build-bench}
runs=${KEYS_RUNS:-9}
cli_runs=${KEYS_CLI_RUNS:-3}

die() { echo "keys: $*" >&2; exit 2; }

# shellcheck source=bench/lib.sh
. "$bench/lib.sh" # timed, build_c_programs

mkdir -p "$out/bin" "$out/keys"
echo "keys: Release build in $build" >&2
{ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DOAS_BUILD_TESTS=OFF &&
  cmake --build "$build" -j"${JOBS:-2}" --target ldrest ldrest_static; } >"$out/keys-build.log" 2>&1 ||
  { tail -n 30 "$out/keys-build.log"; die "build failed ($out/keys-build.log)"; }
build_c_programs || die "building keys_bench failed"

echo "== runtime: $runs runs each" | tee "$out/keys.txt"
"$out/bin/keys_bench" --runs "$runs" | tee -a "$out/keys.txt"
status=${PIPESTATUS[0]}

# End to end: exit status 1 is expected (the objects are not InsightScores).
echo "== ldrest validate --max-errors 0: median CPU seconds (user + system) of $cli_runs runs" |
  tee -a "$out/keys.txt"
printf '%-48s %12s %12s %10s\n' "object" "ordinary s" "crafted s" "crafted/ordinary" |
  tee -a "$out/keys.txt"
for spec in "131072:" "65536:--repeat"; do
  count=${spec%%:*} repeat=${spec#*:}
  declare -A cpu=()
  for kind in ordinary crafted; do
    file="$out/keys/$kind-$count${repeat:+-repeat}.json"
    # shellcheck disable=SC2086 # $repeat is empty or one word
    "$out/bin/keys_bench" --write "$kind" "$count" $repeat "$file" || die "writing $file"
    samples=()
    for ((r = 0; r < cli_runs; r++)); do
      timed "$build/ldrest" validate --format json --max-errors 0 "$file"
      [ "$EXIT" -le 1 ] || { loud "ldrest validate $file: exit $EXIT"; status=1; }
      samples+=("$CPU")
    done
    cpu[$kind]=$(printf '%s\n' "${samples[@]}" | sort -g | awk '{ v[NR] = $1 }
      END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  done
  awk -v name="$count keys${repeat:+ + 1 repeat}" -v o="${cpu[ordinary]}" -v c="${cpu[crafted]}" \
    'BEGIN { printf "%-48s %12.2f %12.2f %9.2fx\n", name, o, c, (o > 0 ? c / o : 0) }' |
    tee -a "$out/keys.txt"
  unset cpu
done
exit "$status"
