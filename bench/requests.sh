#!/usr/bin/env bash
# requests.sh - the request path beside a bare libcurl loop (curl_loop.c), on
# loopback, against two servers: `ldrest mock` (real work per request) and
# static_server.c (the same bytes for every request, so the server's share
# is small). Client loops, interleaved, COUNT requests each on one
# keep-alive connection:
#   curl-loop   bare libcurl easy handle, body discarded (the peer)
#   curl+cjson  the same, the body kept and parsed with cJSON (the least a
#               hand-written client does before it reads a field)
#   http-layer  oas_client_request: same URL and headers, body returned
#   typed       ld_get_insights_scores(), typed parse, validation off
#   typed+valid the same with strict validation (what ldrest does)
# Prints requests/s (median) and the ratio to curl-loop, and, with
# REQ_CALLGRIND=1, the client's instructions per request under callgrind
# ((Ir of 3N requests - Ir of N) / 2N: start-up cancels out), which the
# machine's load does not move. REQ_RT=1 runs each loop under `chrt -f 10`
# (SCHED_FIFO, root): as on a quiet machine, the servers stay ordinary.
# Not a test. Runnable alone.
#
# Knobs: BUILD_DIR (default build-bench/, needs ldrest and libldrest.a; built
# Release when missing), REQ_COUNT=5000 REQ_RUNS=5 REQ_RT=0 REQ_CALLGRIND=0
# OUT (default bench/out).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out=${OUT:-$bench/out}
build=${BUILD_DIR:-$root/build-bench}
count=${REQ_COUNT:-5000}
runs=${REQ_RUNS:-5}
die() { echo "requests: $*" >&2; exit 2; }

# shellcheck source=bench/lib.sh
. "$bench/lib.sh" # cflags, build_bench_programs, listening_url

mkdir -p "$out/bin"
if [ ! -x "$build/ldrest" ] || [ ! -f "$build/libldrest.a" ]; then
  echo "requests: Release build in $build" >&2
  { cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DOAS_BUILD_TESTS=OFF &&
    cmake --build "$build" -j"${JOBS:-2}" --target ldrest ldrest_static; } >"$out/requests-build.log" 2>&1 ||
    { tail -n 30 "$out/requests-build.log"; die "build failed ($out/requests-build.log)"; }
fi
build_bench_programs || die "building the bench programs failed"
rt=()
[ "${REQ_RT:-0}" = 1 ] && rt=(chrt -f 10)

pids=()
stop_servers() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
}
trap stop_servers EXIT
# start NAME CMD...: start a server that prints "listening on URL"; sets BASE.
start() {
  local name=$1
  shift
  "$@" >"$out/$name.log" 2>&1 &
  pids+=($!)
  BASE=$(listening_url "$out/$name.log" "$!") ||
    die "$name did not start: $(head -c 300 "$out/$name.log")"
}

path="/api/v2/engineering-insights/insights/scores?projectKey=default&environmentKey=production"
start mock "$build/ldrest" mock --host 127.0.0.1 --port 0 --quiet
mock=$BASE
# The static server answers with the mock's own response body.
"$out/bin/curl_loop" "$mock$path" 1 >/dev/null || die "the mock does not answer"
curl -s -H 'Authorization: api-bench-token' -H 'LD-API-Version: beta' "$mock$path" \
  >"$out/scores-body.json" || die "cannot fetch the mock's body"
start static "$out/bin/static_server" "$out/scores-body.json"
static=$BASE

# loop TOOL BASE N: the command line of one client loop.
loop() {
  case $1 in
    curl-loop) echo "$out/bin/curl_loop" "$2$path" "$3" ;;
    curl+cjson) echo "$out/bin/curl_loop" "$2$path" "$3" cjson ;;
    http-layer) echo "$out/bin/request_loop" "$2" "$3" raw ;;
    typed) echo "$out/bin/request_loop" "$2" "$3" off ;;
    typed+valid) echo "$out/bin/request_loop" "$2" "$3" ;;
  esac
}
tools=(curl-loop curl+cjson http-layer typed typed+valid)

rows="$out/requests.tsv"
: >"$rows"
for ((r = 1; r <= runs; r++)); do
  for server in mock static; do
    base=$mock
    [ $server = static ] && base=$static
    for tool in "${tools[@]}"; do
      # shellcheck disable=SC2046 # loop prints a word list without spaces inside words
      line=$("${rt[@]}" $(loop "$tool" "$base" "$count")) || echo "requests: $tool failed" >&2
      read -r _ n _ failed _ secs <<<"$line"
      printf '%s\t%s\treqs\t%s\t%s\t%s\n' "$server" "$tool" "$n" "$failed" "$secs" >>"$rows"
    done
  done
  echo "  run $r/$runs" >&2
done

if [ "${REQ_CALLGRIND:-0}" = 1 ]; then
  n=$((count / 10 > 200 ? count / 10 : 200))
  for server in mock static; do
    base=$mock
    [ $server = static ] && base=$static
    for tool in "${tools[@]}"; do
      ir=()
      for k in "$n" $((3 * n)); do
        # shellcheck disable=SC2046
        valgrind --tool=callgrind --callgrind-out-file=/dev/null $(loop "$tool" "$base" "$k") \
          >/dev/null 2>"$out/callgrind.err"
        ir+=("$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/callgrind.err")")
      done
      printf '%s\t%s\tir\t%s\t%s\t%s\n' "$server" "$tool" "$n" "${ir[0]}" "${ir[1]}" >>"$rows"
    done
  done
fi

echo "requests: $count per loop, $runs runs, interleaved${rt[*]:+, loops under ${rt[*]}}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$rows" <<'PY'
import statistics, sys
rps, ir = {}, {}
for line in open(sys.argv[1]):
    server, tool, kind, a, b, c = line.rstrip("\n").split("\t")
    if kind == "reqs" and b == "0" and float(c) > 0:
        rps.setdefault((server, tool), []).append(int(a) / float(c))
    elif kind == "ir" and b and c:
        ir[(server, tool)] = (int(c) - int(b)) / (2 * int(a))
print("| server | client | req/s (median) | / curl-loop | / curl+cjson | client Ir per request | / curl-loop |")
print("|---|---|---:|---:|---:|---:|---:|")
for server in ("mock", "static"):
    base = statistics.median(rps.get((server, "curl-loop"), [0])) or None
    parsed = statistics.median(rps.get((server, "curl+cjson"), [0])) or None
    base_ir = ir.get((server, "curl-loop"))
    for tool in ("curl-loop", "curl+cjson", "http-layer", "typed", "typed+valid"):
        v = rps.get((server, tool))
        m = statistics.median(v) if v else None
        i = ir.get((server, tool))
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            server, tool, "%.0f" % m if m else "-",
            "%.2fx" % (m / base) if m and base else "-",
            "%.2fx" % (m / parsed) if m and parsed else "-",
            "%.0f" % i if i else "-", "%.2fx" % (i / base_ir) if i and base_ir else "-"))
PY
