#!/usr/bin/env bash
# The whole test suite, as CI runs it: install the Debian packages, then
# configure, build and run ctest twice: an optimised -Werror build in build/
# and an ASan+UBSan build (leak checking on) in build-asan/; then valgrind
# memcheck and ThreadSanitizer (scripts/sanitizers.sh), a bounded run of each
# fuzz target (scripts/fuzz.sh, FUZZ_SECONDS, default 20) and the coverage
# figures (scripts/coverage.sh). OAS_QUICK=1 runs the two ctest stages only.
# Every stage runs even when one fails; the exit status is non-zero if any
# failed. The last line totals the ctest stages: "N passed, M failed".
# Build logs go to <build dir>/build.log and are shown only on failure.
# BUILD_DIR / ASAN_BUILD_DIR override the two build directories; JOBS the
# parallelism (default 2).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=${JOBS:-2}
cd "$root"

bash scripts/install-deps.sh || { echo "test.sh: installing packages failed" >&2; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

results=()
failed=0

# stage NAME DIR CMAKE_ARGS...
stage() {
  local name=$1 dir=$2
  shift 2
  local log=$dir/build.log
  mkdir -p "$dir"
  echo "== $name: configure + build in $dir/"
  if ! { cmake -S "$root" -B "$dir" -DOAS_WERROR=ON "$@" &&
         cmake --build "$dir" -j"$jobs"; } >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "== $name: BUILD FAILED (full log: $log)"
    results+=("$name: build failed")
    failed=1
    return
  fi
  echo "== $name: ctest"
  local out=$dir/ctest.log
  if ctest --test-dir "$dir" --output-on-failure -j"$jobs" >"$out" 2>&1; then
    results+=("$name: $(grep -E 'tests passed' "$out" | tail -n 1)")
  else
    grep -vE '^\s+(Start|[0-9]+/[0-9]+ Test .* Passed)' "$out" | tail -n 200
    results+=("$name: FAILED: $(grep -E 'tests passed|tests failed' "$out" | tail -n 1)")
    failed=1
  fi
}

stage release "${BUILD_DIR:-$root/build}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOAS_SANITIZE=OFF
stage sanitizers "${ASAN_BUILD_DIR:-$root/build-asan}" -DCMAKE_BUILD_TYPE=Debug -DOAS_SANITIZE=ON

# script_stage NAME COMMAND...: a whole-suite tool run; its output is shown.
script_stage() {
  local name=$1
  shift
  echo "== $name: $*"
  if "$@"; then
    results+=("$name: passed")
  else
    results+=("$name: FAILED")
    failed=1
  fi
}

# OAS_QUICK=1 stops here (a developer's quick loop); CI runs everything.
if [ "${OAS_QUICK:-0}" != 1 ]; then
  # valgrind memcheck over every test program, ThreadSanitizer over the
  # threaded ones, each fuzz target for a bounded time, coverage figures.
  script_stage "valgrind+tsan" bash scripts/sanitizers.sh
  # A fixed seed replays the same mutations on every CI run, so a landing
  # does not hinge on luck; scripts/fuzz.sh by hand explores new seeds.
  script_stage fuzz env FUZZ_ARGS="${FUZZ_ARGS:--seed=1}" bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
  script_stage coverage bash scripts/coverage.sh
fi

# One plain total over the ctest stages, for tools that read closing lines.
passed=0
failed_tests=0
for log in "${BUILD_DIR:-$root/build}/ctest.log" "${ASAN_BUILD_DIR:-$root/build-asan}/ctest.log"; do
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" 2>/dev/null | tail -n 1)
  [ -n "$line" ] || continue
  f=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+)/\1/' <<<"$line")
  t=$(sed -E 's/.* tests failed out of ([0-9]+)/\1/' <<<"$line")
  passed=$((passed + t - f))
  failed_tests=$((failed_tests + f))
done

echo
echo "== summary"
for r in "${results[@]}"; do
  echo "   $r"
done
if [ "$failed" -ne 0 ]; then
  echo "== TESTS FAILED"
else
  echo "== all tests passed"
fi
echo "$passed passed, $failed_tests failed"
exit "$failed"
