#!/usr/bin/env bash
# `ldrest scores` with a hostile server, on 127.0.0.1 only: indicators in a
# schema-valid body (served by `ldrest mock --response`) that would retitle
# the terminal, clear it, overwrite the line, reorder it; server messages and
# a content type with C1/bidi/CSI bytes. The table and the stderr line show
# them as visible escapes, as do the warning and error lines for a schema
# violation under such a key; exact output, and no raw control byte anywhere.
set -eu
. "$(dirname "$0")/validate_lib.bash"
. "$(dirname "$0")/terminal_lib.bash"
command -v python3 > /dev/null || { echo "SKIP: python3 not installed"; exit 0; }
mock_pid=
server_pid=
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null
      [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# JSON escapes: valid JSON, and each indicator is a schema-valid string.
python3 - "$tmp/body.json" <<'PY'
import json, sys
d = json.load(open("spec/examples/insight-scores-minimal.json"))
hostile = {"overall": "\u001b]0;pwned\u0007",            # OSC: set window title
           "deploymentFrequency": "\u001b[2J\u001b[H",  # CSI: clear, cursor home
           "deploymentFailureRate": "\u009b2J",         # C1 CSI
           "leadTime": "ok\rfake",                      # CR: overwrite the line
           "impactSize": "\u202egood",                  # right-to-left override
           "velocity": "a\\b",
           "risk": "\u007f"}
for metric, text in hostile.items():
    d["scores"][metric]["indicator"] = text
json.dump(d, open(sys.argv[1], "w"))
PY
"$ldrest" mock --port 0 --response "getInsightsScores=$tmp/body.json" \
  > "$tmp/mock.out" 2> "$tmp/mock.err" &
mock_pid=$!
for _ in $(seq 100); do grep -q '^listening on ' "$tmp/mock.out" && break; sleep 0.05; done
mock_url=$(sed -n 's/^listening on //p' "$tmp/mock.out")
[ -n "$mock_url" ] || { echo "FAIL: mock did not start: $(cat "$tmp/mock.err")"; exit 1; }

export LD_API_KEY=test-token
expect_safe "hostile indicators in the table" 0 \
'Period 2024-06-01 .. 2024-07-01 (last period 2024-05-01 .. 2024-06-01)

metric                      score  indicator    range          change
overall                        72  \x1B]0;pwned\x07 60..79              -
deploymentFrequency            85  \x1B[2J\x1B[H 80..100             -
deploymentFailureRate          64  \xC2\x9B2J   60..79              -
leadTime                       58  ok\x0Dfake   40..59              -
impactSize                     77  \u{202E}good 60..79              -
experimentationCoverage        31  poor         0..39               -
flagHealth                     69  good         60..79              -
velocity                       80  a\\b         80..100             -
risk                           61  \x7F         60..79              -
efficiency                     66  good         60..79              -
' '' -- "$ldrest" scores --project p --env e --server "$mock_url" --format table
kill -TERM "$mock_pid"
wait "$mock_pid" || true
mock_pid=
terminal_safe "mock log" "$tmp/mock.out" "$tmp/mock.err"

# Server text in error messages: a 401 message with OSC/C1/bidi, a content
# type with CSI and BEL.
cat > "$tmp/server.py" <<'PY'
import http.server, json
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        key = self.path.split("projectKey=")[1].split("&")[0]
        ctype, code = "application/json", 200
        if key == "unauth":
            code, body = 401, {"code": "unauthorized",
                               "message": "\u001b]0;pwned\u0007\u009b2J\u202e"}
        elif key == "links":  # a violation under a key that retitles the terminal
            body = json.load(open("spec/examples/insight-scores-minimal.json"))
            body["_links"] = {"\u001b]0;pwned\u0007\u009b": 5}
        else:
            body, ctype = {}, "text/\x1b[2Jhtml\x07"
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$tmp/server.py" > "$tmp/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
url="http://127.0.0.1:$(cat "$tmp/port")"
expect_safe "hostile 401 message" 3 '' \
'ldrest scores: getInsightsScores: HTTP 401 (Invalid access token):  ]0;pwned \xC2\x9B2J\u{202E}
' -- "$ldrest" scores --project unauth --env e --server "$url" --format table
expect_safe "hostile content type" 6 '' \
'ldrest scores: HTTP 200: expected an application/json body, got text/\x1B[2Jhtml\x07
' -- "$ldrest" scores --project ctype --env e --server "$url" --format table

expect_safe "hostile key in a violation's pointer" 6 '' \
'ldrest scores: warning: getInsightsScores: HTTP 200 body: /_links/\x1B]0;pwned\x07\xC2\x9B: must be object, found integer 5 at line 1, column 1142 (byte offset 1141) (violates the spec)
ldrest scores: getInsightsScores: HTTP 200 body: /_links/\x1B]0;pwned\x07\xC2\x9B: expected object, got number at line 1, column 1142 (byte offset 1141) (wrong JSON type)
' -- "$ldrest" scores --project links --env e --server "$url" --format table

# Option values quoted in a refusal.
expect_safe "hostile --server" 2 '' \
'ldrest scores: --server: server must be default, federal, eu or an http(s) URL without query: "\x1B]0;x\x07"
' -- "$ldrest" scores --project p --env e --server $'\e]0;x\a'
expect_safe "hostile command name" 2 '' '*' -- "$ldrest" $'\e[2J'
[ "$(head -n1 "$tmp/err")" = "ldrest: unknown command '\\x1B[2J'" ] \
  || { echo "FAIL hostile command name: $(head -n1 "$tmp/err")"; failures=$((failures + 1)); }

finish
