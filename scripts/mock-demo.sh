#!/usr/bin/env bash
# The offline main job, from a fresh clone: install the Debian packages,
# build ldrest, start `ldrest mock` on a free loopback port, fetch the scores
# from it with `ldrest scores` (the table, then the JSON document), validate
# that document with `ldrest validate`, and stop the mock.
# BUILD_DIR overrides the build directory (default build/); SKIP_DEPS=1 skips
# the package step (already installed); JOBS the build parallelism.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cd "$root"

[ "${SKIP_DEPS:-0}" = 1 ] || bash scripts/install-deps.sh
mkdir -p "$build"
if ! { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
       cmake --build "$build" -j"${JOBS:-2}" --target ldrest; } >"$build/mock-demo-build.log" 2>&1; then
  tail -n 40 "$build/mock-demo-build.log"
  echo "mock-demo.sh: build failed (full log: $build/mock-demo-build.log)" >&2
  exit 2
fi
ldrest=$build/ldrest

work=$(mktemp -d)
mock_pid=
stop_mock() {
  if [ -n "$mock_pid" ]; then
    kill -TERM "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
    mock_pid=
  fi
}
trap 'stop_mock; rm -rf "$work"' EXIT

# The spec has no examples, so the mock would serve zeros synthesized from
# the schemas; serve a realistic captured response instead (the mock checks
# it against the spec before serving it).
body=spec/examples/insight-scores-full.json
echo "\$ ldrest mock --host 127.0.0.1 --port 0 --response getInsightsScores=$body &"
"$ldrest" mock --host 127.0.0.1 --port 0 --response "getInsightsScores=$body" \
  >"$work/mock.out" 2>"$work/mock.log" &
mock_pid=$!
for _ in $(seq 100); do
  grep -q '^listening on ' "$work/mock.out" && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$work/mock.log" >&2; exit 2; }
  sleep 0.05
done
url=$(sed -n 's/^listening on //p' "$work/mock.out")
[ -n "$url" ] || { echo "mock-demo.sh: the mock did not start" >&2; exit 2; }
echo "listening on $url"
echo

# The mock wants an Authorization header like the real service; any
# non-empty token will do offline.
export LD_API_KEY=${LD_API_KEY:-mock-token}
echo "\$ ldrest scores --project default --env production --server $url --format table"
"$ldrest" scores --project default --env production --server "$url" --format table
echo

echo "\$ ldrest scores --project default --env production --server $url --format json > scores.json"
"$ldrest" scores --project default --env production --server "$url" --format json >"$work/scores.json"
echo "\$ ldrest validate --format text scores.json"
status=0
"$ldrest" validate --format text "$work/scores.json" || status=$?
echo

stop_mock
echo "mock stopped; requests it served:"
sed 's/^/  /' "$work/mock.log"
case $status in
  0) echo "the response the mock served is valid against the spec" ;;
  *) echo "mock-demo.sh: the mock's response failed validation (exit $status)" >&2; exit 1 ;;
esac
