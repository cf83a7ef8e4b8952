#!/usr/bin/env bash
# `ldrest scores` against a loopback server (python3, 127.0.0.1 only) that
# answers 200 with a body from this script: a body that is not JSON, or not
# the InsightScores shape, is a content error (exit 6) whose stderr line
# names the JSON pointer and the line/column in the body. Every schema
# violation is a warning on stderr whatever the exit status, at the same
# pointers and positions `ldrest validate` reports for the same body.
set -eu
. "$(dirname "$0")/validate_lib.bash"
command -v python3 > /dev/null || { echo "SKIP: python3 not installed"; exit 0; }
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# The body for projectKey=NAME is the file $tmp/bodies/NAME.
mkdir "$tmp/bodies"
cat > "$tmp/server.py" <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        key = self.path.split("projectKey=")[1].split("&")[0]
        data = open(sys.argv[1] + "/" + key + ".json", "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$tmp/server.py" "$tmp/bodies" > "$tmp/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$tmp/port")"
export LD_API_KEY=test-token

printf '{"period": {"startTime": 1,\n  "endTime": }' > "$tmp/bodies/syntax.json"
printf '[1, 2]' > "$tmp/bodies/array.json"
# spec/examples/insight-scores-minimal.json, a velocity score of "abc"
python3 - "$tmp/bodies/string-score.json" <<'PY'
import json, sys
d = json.load(open("spec/examples/insight-scores-minimal.json"))
d["scores"]["velocity"]["score"] = "abc"
json.dump(d, open(sys.argv[1], "w"), indent=2)
PY

expect "not JSON" 6 '' \
'ldrest scores: getInsightsScores: HTTP 200 body: unexpected character, expected a value at line 2, column 14 (byte offset 41) (invalid JSON syntax)
' -- "$ldrest" scores --project syntax --env e --server "$url" --format table
expect "an array, not an object" 6 '' \
'ldrest scores: warning: getInsightsScores: HTTP 200 body: (root): must be object, found array of 2 items at line 1, column 1 (byte offset 0) (violates the spec)
ldrest scores: getInsightsScores: HTTP 200 body: (root): expected object, got array at line 1, column 1 (byte offset 0) (wrong JSON type)
' -- "$ldrest" scores --project array --env e --server "$url" --format json
expect "a string score" 6 '' \
'ldrest scores: warning: getInsightsScores: HTTP 200 body: /scores/velocity/score: must be integer, found string "abc" at line 68, column 16 (byte offset 1254) (violates the spec)
ldrest scores: getInsightsScores: HTTP 200 body: /scores/velocity/score: expected integer, got string at line 68, column 16 (byte offset 1254) (wrong JSON type)
' -- "$ldrest" scores --project string-score --env e --server "$url" --format table

# LaunchDarkly's published examples have "lastPeriod": null, which the
# schema rejects: the table and the JSON are shown (exit 0), each violation
# said on stderr.
cp spec/examples/insight-scores-null-last-period.json "$tmp/bodies/null-last-period.json"
cp spec/examples/insight-scores-violations.json "$tmp/bodies/violations.json"
NULL_WARNINGS='ldrest scores: warning: getInsightsScores: HTTP 200 body: /scores/overall/lastPeriod: must be object, found null at line 18, column 21 (byte offset 335) (violates the spec)
ldrest scores: warning: getInsightsScores: HTTP 200 body: /scores/deploymentFrequency/lastPeriod: must be object, found null at line 27, column 21 (byte offset 520) (violates the spec)
'
# (the body as served, byte for byte: it ends in a newline, so scores adds none)
expect "lastPeriod: null, as JSON" 0 "$(cat spec/examples/insight-scores-null-last-period.json)
" "$NULL_WARNINGS" -- "$ldrest" scores --project null-last-period --env e --server "$url" --format json
# A body without a final newline gets one, so the shell prompt starts a line.
printf '%s' "$(cat spec/examples/insight-scores-minimal.json)" > "$tmp/bodies/no-newline.json"
expect "a body without a final newline, as JSON" 0 "$(cat spec/examples/insight-scores-minimal.json)
" '' -- "$ldrest" scores --project no-newline --env e --server "$url" --format json
expect "lastPeriod: null, as a table" 0 '*' "$NULL_WARNINGS" -- \
  "$ldrest" scores --project null-last-period --env e --server "$url" --format table
checks=$((checks + 1))
grep -q '^overall  *72  good ' "$tmp/out" || { echo "FAIL table: $(cat "$tmp/out")"; failures=$((failures + 1)); }
expect "violations and a content error" 6 '' \
'ldrest scores: warning: getInsightsScores: HTTP 200 body: /period/endTime: must be integer, found number 1719792000000.5 at line 4, column 16 (byte offset 63) (violates the spec)
ldrest scores: warning: getInsightsScores: HTTP 200 body: /scores/overall: must have required property "score" at line 11, column 16 (byte offset 197) (violates the spec)
ldrest scores: warning: getInsightsScores: HTTP 200 body: /scores/leadTime/indicatorRange/min: must be integer, found string "40" at line 38, column 16 (byte offset 723) (violates the spec)
ldrest scores: warning: getInsightsScores: HTTP 200 body: /_links/self: must be object, found string "/api/v2/engineering-insights/ins"... at line 92, column 13 (byte offset 1666) (violates the spec)
ldrest scores: getInsightsScores: HTTP 200 body: /period/endTime: expected integer, got 1719792000000.5 at line 4, column 16 (byte offset 63) (wrong JSON type)
' -- "$ldrest" scores --project violations --env e --server "$url" --format table

# format is an annotation unless --assert-formats: a startTime beyond int64
# (format int64) is a warning only when asked for.
sed 's/"startTime": 1717200000000/"startTime": 10000000000000000000/' \
  spec/examples/insight-scores-minimal.json > "$tmp/bodies/beyond-int64.json"
expect "beyond int64, formats not asserted" 0 "$(cat "$tmp/bodies/beyond-int64.json")
" '' -- "$ldrest" scores --project beyond-int64 --env e --server "$url" --format json
expect "beyond int64, --assert-formats" 0 "$(cat "$tmp/bodies/beyond-int64.json")
" 'ldrest scores: warning: getInsightsScores: HTTP 200 body: /period/startTime: must match format "int64", found integer 10000000000000000000 at line 3, column 18 (byte offset 33) (violates the spec)
' -- "$ldrest" scores --project beyond-int64 --env e --server "$url" --format json --assert-formats

# scores and validate agree: the same pointer, message and byte offset for
# every violation of the same body (validate's JSON output, whose fields
# are its stable interface).
for name in null-last-period violations string-score array; do
  "$ldrest" scores --project "$name" --env e --server "$url" --format json > /dev/null 2> "$tmp/scores.err" || true
  sed -n 's/^ldrest scores: warning: getInsightsScores: HTTP 200 body: \(.*\): \(.*\) at line [0-9]*, column [0-9]* (byte offset \([0-9]*\)) (violates the spec)$/\3 \1 \2/p' \
    "$tmp/scores.err" | sed 's/^\([0-9]*\) (root) /\1  /' > "$tmp/scores.said"
  "$ldrest" validate --format json "$tmp/bodies/$name.json" 2>&1 | python3 -c '
import json, sys
for e in json.loads(sys.stdin.read())["errors"]:
    print(e["offset"], e["instanceLocation"], e["message"])' > "$tmp/validate.said"
  [ -s "$tmp/validate.said" ] || { echo "FAIL: validate reported nothing for $name"; failures=$((failures + 1)); }
  expect "scores and validate agree on $name" 0 "$(cat "$tmp/validate.said")
" '' -- cat "$tmp/scores.said"
done

finish
