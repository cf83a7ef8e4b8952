#!/usr/bin/env bash
# request_stages.sh - where the typed call's client instructions go, per
# stage, under callgrind: request_loop.c (built -O3 -g here) against
# static_server.c, validation off ("off") and strict ("strict"), each
# stage's inclusive instructions per request ((Ir of 3N - Ir of N) / 2N,
# so start-up cancels out). Not a test. Runnable alone.
#
# usage: bench/request_stages.sh BUILD_DIR [N]
#   BUILD_DIR holds libldrest.a and generated/ (configure it RelWithDebInfo:
#   the stages are found by their functions' names and debug lines);
#   N defaults to 1000. The body served is $OUT/scores-body.json (OUT
#   defaults to bench/out; bench/requests.sh fetches it from the mock).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
out=${OUT:-$bench/out}
build=$(cd "${1:?usage: request_stages.sh BUILD_DIR [N]}" && pwd)
n=${2:-1000}
body="$out/scores-body.json"
die() { echo "request_stages: $*" >&2; exit 2; }
[ -f "$build/libldrest.a" ] || die "no $build/libldrest.a"
[ -f "$body" ] || die "no $body: run bench/requests.sh once"
command -v valgrind >/dev/null || die "valgrind is needed"

# shellcheck source=bench/lib.sh
. "$bench/lib.sh" # cflags, listening_url

work=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null; rm -rf "$work"' EXIT
# shellcheck disable=SC2046 # pkg-config output is a word list
cc "${cflags[@]}" -g -I"$root/runtime/include/oas" -I"$build/generated" -o "$work/request_loop" \
  "$bench/request_loop.c" "$build/libldrest.a" $(pkg-config --libs libcjson libcurl) -lm -lpthread
# shellcheck disable=SC2046
cc "${cflags[@]}" -o "$work/static_server" "$bench/static_server.c" \
  $(pkg-config --cflags --libs libmicrohttpd)
"$work/static_server" "$body" >"$work/static.log" 2>&1 &
server=$!
url=$(listening_url "$work/static.log" "$server") || die "static_server did not start"

for mode in off strict; do
  for k in "$n" $((3 * n)); do
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$mode.$k" \
      "$work/request_loop" "$url" "$k" "$mode" >/dev/null 2>"$work/cg.err" ||
      die "request_loop $mode failed: $(tail -n 3 "$work/cg.err")"
    callgrind_annotate --inclusive=yes --threshold=100 "$work/cg.$mode.$k" \
      >"$work/ann.$mode.$k" 2>/dev/null
  done
done

python3 - "$work" "$n" <<'PY'
import re, sys
work, n = sys.argv[1], int(sys.argv[2])
def load(path):
    fns, total = {}, 0
    for line in open(path):
        if 'Auto-annotated source' in line:
            break
        m = re.match(r'\s*([\d,]+) \([^)]*\)\s+(\S.*?) \[.*\]$', line)
        if m:
            name = m.group(2).split(':', 1)[-1]
            fns[name] = fns.get(name, 0) + int(m.group(1).replace(',', ''))
        m = re.match(r'\s*([\d,]+) \([^)]*\)\s+PROGRAM TOTALS', line)
        if m:
            total = int(m.group(1).replace(',', ''))
    return total, fns
stages = [
    ('whole client', None),
    ('build the request (build_with_args)', 'build_with_args'),
    ('send, receive (oas_op_send_request)', 'oas_op_send_request'),
    ('parse the body (oas_json_parse)', 'oas_json_parse'),
    ('validate the body (oas_validate_run)', 'oas_validate_run'),
    ('typed read (oas_model_from_json)', 'oas_model_from_json'),
    ('free the result (ld_get_insights_scores_result_free)', 'ld_get_insights_scores_result_free'),
    ('response lookup (oas_operation_find_response)', 'oas_operation_find_response'),
    ('operation lookup (oas_registry_find_operation)', 'oas_registry_find_operation'),
]
per = {}
for mode in ('off', 'strict'):
    t1, a = load(f'{work}/ann.{mode}.{n}')
    t3, b = load(f'{work}/ann.{mode}.{3 * n}')
    for name, fn in stages:
        v = (t3 - t1) if fn is None else (b.get(fn, 0) - a.get(fn, 0))
        per[(mode, name)] = v / (2 * n)
print('| stage, Ir per request | validation off | strict |')
print('|---|---:|---:|')
for name, _ in stages:
    print('| %s | %s | %s |' % (name, *('{:,.0f}'.format(per[(m, name)]) for m in ('off', 'strict'))))
PY
