#!/usr/bin/env bash
# The main job, from a fresh clone: install the Debian packages, build
# ldrest, then (1) start `ldrest mock` on a free loopback port, fetch the
# scores from it with `ldrest scores`, show the table, validate the response
# and stop the mock (scripts/mock-demo.sh); (2) validate the captured
# InsightScores responses in spec/examples/ (whole JSON files and an NDJSON
# stream) against the spec, showing the report; (3) the same as GitHub
# Actions annotations and as a JUnit report, as a CI job would.
# BUILD_DIR overrides the build directory (default build/).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cd "$root"

bash scripts/install-deps.sh
mkdir -p "$build"
if ! { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
       cmake --build "$build" -j"${JOBS:-2}" --target ldrest; } >"$build/demo-build.log" 2>&1; then
  tail -n 40 "$build/demo-build.log"
  echo "demo.sh: build failed (full log: $build/demo-build.log)" >&2
  exit 2
fi

echo "== 1. ldrest scores against ldrest mock (offline)"
SKIP_DEPS=1 BUILD_DIR="$build" bash scripts/mock-demo.sh
echo
echo "== 2. validating the captured responses in spec/examples/"
echo "\$ ldrest validate --format text spec/examples/*.json spec/examples/examples.ndjson"
status=0
"$build/ldrest" validate --format text spec/examples/*.json spec/examples/examples.ndjson || status=$?
echo
case $status in
  0) echo "exit status 0: every document is valid" ;;
  1) echo "exit status 1: some documents violate the schema (see above): as intended, three documents are invalid on purpose" ;;
  *) echo "exit status $status: usage error, unreadable input or malformed JSON"; exit "$status" ;;
esac
echo
echo "== 3. the same for CI (formats checked too): GitHub Actions annotations, then a JUnit report"
echo "\$ ldrest validate --assert-formats --format github spec/examples/"
"$build/ldrest" validate --assert-formats --format github spec/examples/ || true
echo "\$ ldrest validate --assert-formats --format junit spec/examples/ > $build/validate-junit.xml"
"$build/ldrest" validate --assert-formats --format junit spec/examples/ >"$build/validate-junit.xml" || true
grep -o '<testsuite [^>]*>' "$build/validate-junit.xml"
