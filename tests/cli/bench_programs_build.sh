#!/usr/bin/env bash
# The benchmark's own C programs (bench/lib.sh build_c_programs: the
# floors, loops, keys_bench, proc_clock) still build against the library's
# public headers and this build's libldrest.a, and two of them still do
# their job: oas_json_floor counts documents, proc_clock reports a
# command's exit status. The benchmark itself is never run by the tests.
set -eu
build=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
bench="$root/bench"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# shellcheck source=bench/lib.sh
. "$bench/lib.sh"
# A sanitized libldrest.a needs its runtime linked in; -Werror stays.
if grep -q '^OAS_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
  cflags+=(-fsanitize=address,undefined)
fi
build_c_programs || { echo "FAIL: build_c_programs"; exit 1; }

printf '{"a":1}\n[1,2]\n\n{"b":\n' >"$out/three.ndjson"
got=$("$out/bin/oas_json_floor" "$out/three.ndjson" | sed 's/ seconds .*//')
[ "$got" = "documents 3 invalid 1" ] || { echo "FAIL: oas_json_floor printed '$got'"; exit 1; }

rc=0
"$out/bin/proc_clock" "$out/time" sh -c 'exit 3' || rc=$?
[ "$rc" = 3 ] || { echo "FAIL: proc_clock exited $rc, not the command's 3"; exit 1; }
read -r wall cpu rss status <"$out/time"
[ "$status" = 3 ] || { echo "FAIL: proc_clock exit '$status' (line: $wall $cpu $rss $status)"; exit 1; }
echo "ok: bench programs build; oas_json_floor and proc_clock work"
