#!/usr/bin/env bash
# Line and branch coverage (gcovr) of runtime/ and codegen/ over the whole
# ctest suite, built with gcc --coverage in $BUILD_DIR (default
# build-coverage). Prints a summary for runtime/, for the validator
# (runtime/src/oas_validate*.c, oas_format.c, oas_regex*.c) and for codegen/, then
# the per-file table; the JSON and HTML reports go to $BUILD_DIR/coverage/.
# usage: scripts/coverage.sh      env: BUILD_DIR, JOBS (default 2)
# Exit status: ctest's (0 when every test passed), 2 on a build/tool error.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-coverage}
jobs=${JOBS:-2}
command -v gcovr >/dev/null || { echo "coverage.sh: gcovr not installed (apt-get install gcovr)" >&2; exit 2; }
mkdir -p "$build/cov-bin" "$build/coverage"

# Several tests compile and link programs against the instrumented
# liboas_runtime.a themselves (cc in test_hostile_specs and the README
# example, CMake sub-projects in cli_any_spec, CMAKE_C_COMPILER in the JSON
# Schema Test Suite runner). They all reach gcc through these wrappers, so
# every link gets libgcov. -fprofile-update=atomic keeps the counters exact
# when tests run threads (test_threads): without it gcov can emit negative
# branch counts, which gcovr refuses to parse.
for name in cc gcc; do
  printf '#!/bin/sh\nexec %s --coverage -fprofile-update=atomic "$@"\n' "$(command -v gcc)" \
    >"$build/cov-bin/$name"
  chmod +x "$build/cov-bin/$name"
done
export PATH="$build/cov-bin:$PATH"

CC="$build/cov-bin/gcc" cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_FLAGS="-O0" >/dev/null || exit 2
cmake --build "$build" -j "$jobs" >"$build/build.log" 2>&1 ||
  { tail -40 "$build/build.log" >&2; echo "coverage.sh: build failed" >&2; exit 2; }
find "$build" -name '*.gcda' -delete
(cd "$build" && ctest -j "$jobs" --output-on-failure >"$build/ctest.log" 2>&1)
ctest_rc=$?
grep -E 'tests passed|tests failed' "$build/ctest.log"
grep -E '^\s+[0-9]+ - .*\((Failed|Timeout|SEGFAULT|Subprocess aborted)\)' "$build/ctest.log"

# One gcov pass over the build tree (CMake's compiler-identification objects
# left out), kept as a gcovr JSON tracefile; every figure below is read from it.
# Only runtime/ and codegen/ are measured: tests/, generated/ and the build
# tree are excluded. Branch figures leave out the branches gcc adds for
# exceptions and on lines with no source logic (gcovr's recommended C setting).
trace="$build/coverage/coverage.json"
gcovr --root "$root" --object-directory "$build" \
  --exclude-directories '.*/CMakeFiles/[0-9][0-9.]*$' \
  --filter "$root/runtime/" --filter "$root/codegen/" \
  --exclude "$root/tests/" --exclude "$root/generated/" --exclude "$build/" \
  --exclude-unreachable-branches --exclude-throw-branches \
  --json "$trace" "$build" 2>"$build/coverage/gcovr.log" ||
  { cat "$build/coverage/gcovr.log" >&2; echo "coverage.sh: gcovr failed" >&2; exit 2; }

summary() {  # title, filter regex
  echo "== $1"
  # a scratch report file, never -o /dev/null: gcovr replaces its output
  # file, and as root that turns /dev/null into a regular file
  gcovr --root "$root" --add-tracefile "$trace" --filter "$2" --print-summary \
    -o "$build/coverage/summary-scratch.txt" |
    grep -E '^(lines|branches):' | sed 's/^/   /'
}
summary "runtime/ (all)" "$root/runtime/"
summary "validator (runtime/src/oas_validate*.c oas_format.c oas_regex*.c)" \
  "$root/runtime/src/oas_(validate|format|regex)[^/]*\\.c"
summary "codegen/" "$root/codegen/"

gcovr --root "$root" --add-tracefile "$trace" --json-summary "$build/coverage/summary.json" \
  --html-details "$build/coverage/index.html"
echo "== per file (lines%, branches%, branches not taken)"
python3 - "$build/coverage/summary.json" <<'EOF'
import json, sys
for f in sorted(json.load(open(sys.argv[1]))["files"], key=lambda f: f["filename"]):
    pct = lambda covered, total: "%5.1f%%" % (100.0 * covered / total) if total else "    -"
    print("   %-40s %s %s %5d" % (f["filename"], pct(f["line_covered"], f["line_total"]),
          pct(f["branch_covered"], f["branch_total"]), f["branch_total"] - f["branch_covered"]))
EOF
echo "HTML: $build/coverage/index.html"
exit $ctest_rc
