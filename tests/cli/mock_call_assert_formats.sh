#!/usr/bin/env bash
# mock and call check format only with --assert-formats (JSON Schema
# 2020-12's default is an annotation), on 127.0.0.1: the mock's --response
# file and request parameters, call's request (refused before sending) and
# response. startTime and auditlog's `before` are {type: integer, format:
# int64}; 10^19 and 10^20 are beyond int64.
set -eu
. "$(dirname "$0")/validate_lib.bash"
command -v curl > /dev/null || { echo "SKIP: curl not installed"; exit 0; }
plain_pid= asserting_pid=
trap 'for p in $plain_pid $asserting_pid; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
export LD_API_KEY=t
sed 's/"startTime": 1717200000000/"startTime": 10000000000000000000/' \
  spec/examples/insight-scores-minimal.json > "$tmp/beyond.json"

expect "mock --assert-formats refuses the --response file" 2 '' \
"ldrest mock: $tmp/beyond.json does not match the 200 response's schema: /period/startTime must match format \"int64\", found integer 10000000000000000000
" -- "$ldrest" mock --assert-formats --response "getInsightsScores=$tmp/beyond.json"

start_mock() { # OUT ARGS...: prints the mock's URL; its pid in $mock_pid
  local out=$1
  shift
  "$ldrest" mock --port 0 --quiet "$@" > "$out" 2> "$out.err" &
  mock_pid=$!
  for _ in $(seq 100); do grep -q '^listening on ' "$out" && break; sleep 0.05; done
}
start_mock "$tmp/plain" --response "getInsightsScores=$tmp/beyond.json"
plain_pid=$mock_pid
plain=$(sed -n 's/^listening on //p' "$tmp/plain")
start_mock "$tmp/asserting" --assert-formats
asserting_pid=$mock_pid
asserting=$(sed -n 's/^listening on //p' "$tmp/asserting")
[ -n "$plain" ] && [ -n "$asserting" ] || { echo "FAIL: a mock did not start"; exit 1; }

expect "call: response formats not asserted" 0 "$(cat "$tmp/beyond.json")
" '' -- "$ldrest" call getInsightsScores -p projectKey=p -p environmentKey=e --server "$plain" \
  --format json
expect "call --assert-formats: the response violates the spec" 1 "$(cat "$tmp/beyond.json")
" 'ldrest call: getInsightsScores: the HTTP 200 response violates the spec:
/period/startTime: must match format "int64", found integer 10000000000000000000
' -- "$ldrest" call getInsightsScores -p projectKey=p -p environmentKey=e --server "$plain" \
  --format json --assert-formats
expect "call --assert-formats: an invalid request is not sent" 2 '' \
'/query/before: must match format "int64", found integer 99999999999999999999
' -- "$ldrest" call getAuditLogEntries -p before=99999999999999999999 --server "$plain" \
  --assert-formats

expect "mock: request formats not asserted" 0 '200' '' -- \
  curl -sS -o /dev/null -w '%{http_code}' -H 'Authorization: t' \
  "$plain/api/v2/auditlog?before=99999999999999999999"
expect "mock --assert-formats: the parameter's format fails" 0 \
'{"code":"invalid_request","message":"Invalid request: 1 parameter failed validation","errors":[{"attribute":"before","reason":"must match format \"int64\", found integer 99999999999999999999"}]} 400' \
'' -- curl -sS -w ' %{http_code}' -H 'Authorization: t' \
  "$asserting/api/v2/auditlog?before=99999999999999999999"

finish
