#!/usr/bin/env bash
# Line and branch coverage (gcovr) of runtime/ and codegen/ over the whole
# ctest suite, built with gcc --coverage in $BUILD_DIR (default
# build-coverage). Prints a summary per directory and the per-file table;
# an HTML report goes to $BUILD_DIR/coverage/index.html.
# usage: scripts/coverage.sh      env: BUILD_DIR, JOBS (default 2)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-coverage}
jobs=${JOBS:-2}
command -v gcovr >/dev/null || { echo "coverage.sh: gcovr not installed (apt-get install gcovr)" >&2; exit 2; }

CC=${CC:-gcc} cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_FLAGS="--coverage -O0" -DCMAKE_EXE_LINKER_FLAGS=--coverage \
  -DCMAKE_SHARED_LINKER_FLAGS=--coverage >/dev/null || exit 2
cmake --build "$build" -j "$jobs" >"$build/build.log" 2>&1 ||
  { tail -40 "$build/build.log" >&2; echo "coverage.sh: build failed" >&2; exit 2; }
find "$build" -name '*.gcda' -delete
(cd "$build" && ctest -j "$jobs" --output-on-failure >"$build/ctest.log" 2>&1)
ctest_rc=$?
grep -E 'tests passed|tests failed' "$build/ctest.log"

mkdir -p "$build/coverage"
# Branch figures exclude the branches compilers add for exceptions and
# unreachable code, as gcovr's own defaults recommend for C.
for dir in runtime codegen; do
  echo "== $dir/"
  gcovr --root "$root" --object-directory "$build" --filter "$root/$dir/" \
    --exclude-unreachable-branches --exclude-throw-branches --print-summary \
    -o /dev/null "$build" | sed 's/^/   /'
done
gcovr --root "$root" --object-directory "$build" --filter "$root/runtime/" --filter "$root/codegen/" \
  --exclude-unreachable-branches --exclude-throw-branches --txt-metric branch \
  --html-details "$build/coverage/index.html" --txt "$build/coverage/branches.txt" "$build" >/dev/null
echo "per-file branch coverage: $build/coverage/branches.txt; HTML: $build/coverage/index.html"
exit $ctest_rc
