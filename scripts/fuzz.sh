#!/usr/bin/env bash
# Build the libFuzzer targets (clang, ASan+UBSan, -DOAS_FUZZ=ON) and run
# each for SECONDS on a working copy of its seed corpus, then print per
# target: executions, executions per second, coverage (libFuzzer's final
# "cov:" edge count and "ft:" features), corpus size and crashes.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]     (default 30 s, all targets)
# env:   BUILD_DIR (default build-fuzz)  JOBS (build parallelism, default 2)
#        FUZZ_ARGS (extra libFuzzer flags)
# Crash/leak/timeout inputs land in $BUILD_DIR/fuzz-artifacts/<target>/;
# copy each into tests/fuzz/regressions/<target>/ once understood, so the
# suite replays it (ctest -R fuzz_replay). Exit status 1 if any target crashed.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json_model json_cjson ndjson ndjson_batch array_parts har_runs spec http_headers)
build=${BUILD_DIR:-$root/build-fuzz}
fz=$root/tests/fuzz
data=$root/tests/data

# Per target: dictionary, max input length, read-only seed directories.
dict_of() { case $1 in spec) echo yaml.dict ;; http_headers) echo http.dict ;; *) echo json.dict ;; esac; }
max_len_of() { case $1 in spec) echo 32768 ;; http_headers) echo 4096 ;; *) echo 16384 ;; esac; }
seeds_of() {
  case $1 in
    json_model|json_cjson) echo "$data/JSONTestSuite/test_parsing $data/model $root/spec/examples" ;;
    ndjson) echo "$root/spec/examples $data/JSONTestSuite/test_parsing" ;;
    array_parts) echo "$data/JSONTestSuite/test_parsing" ;;
    har_runs) echo "$data/har" ;;
    spec) echo "$data/specs/bad" ;; # the 2.8 MB LD spec is replayed by ctest, too big to mutate
    *) echo "" ;;
  esac
}

CC=${CC:-clang} cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DOAS_FUZZ=ON >/dev/null ||
  { echo "fuzz.sh: configure failed" >&2; exit 2; }
cmake --build "$build" -j "${JOBS:-2}" --target "${targets[@]/#/fuzz_}" >"$build/fuzz-build.log" 2>&1 ||
  { cat "$build/fuzz-build.log" >&2; echo "fuzz.sh: build failed" >&2; exit 2; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
printf '%-14s %12s %9s %7s %8s %7s %8s\n' target executions exec/s cov ft corpus crashes
status=0
for t in "${targets[@]}"; do
  work=$build/fuzz-corpus/$t
  art=$build/fuzz-artifacts/$t
  mkdir -p "$work" "$art"
  log=$build/fuzz-$t.log
  stamp=$build/fuzz-$t.stamp # artifacts newer than this are this run's
  touch "$stamp"
  # The first directory is the writable working corpus; libFuzzer only
  # reads the others (it stops at a missing one, so only existing ones).
  dirs=("$work")
  for d in "$fz/corpus/$t" "$fz/regressions/$t" $(seeds_of "$t"); do
    [ -d "$d" ] && dirs+=("$d")
  done
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -print_final_stats=1 \
    -dict="$fz/$(dict_of "$t")" -max_len="$(max_len_of "$t")" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$art/" ${FUZZ_ARGS:-} "${dirs[@]}" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  crashes=$(find "$art" -type f -newer "$stamp" \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  printf '%-14s %12s %9s %7s %8s %7s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
    "$(find "$work" -type f | wc -l)" "$crashes"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1
    echo "  $t: exit $rc, see $log and $art/" >&2
  fi
done
exit $status
