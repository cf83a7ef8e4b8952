#!/usr/bin/env bash
# `ldrest scores` against a loopback server (python3, 127.0.0.1 only) that
# answers 200 with a body from this script: a body that is not JSON, or not
# the InsightScores shape, is a content error (exit 6) whose one stderr line
# names the JSON pointer and the line/column in the body.
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
'ldrest scores: getInsightsScores: HTTP 200 body: (root): expected object, got array at line 1, column 1 (byte offset 0) (wrong JSON type)
' -- "$ldrest" scores --project array --env e --server "$url" --format json
expect "a string score" 6 '' \
'ldrest scores: getInsightsScores: HTTP 200 body: /scores/velocity/score: expected integer, got string at line 68, column 16 (byte offset 1254) (wrong JSON type)
' -- "$ldrest" scores --project string-score --env e --server "$url" --format table

finish
