#!/usr/bin/env bash
# ldrest scores against a canned loopback server (python3, 127.0.0.1 only):
# table output, JSON output, and the exit status of each failure class.
set -u
BUILD=$1
LDREST=$BUILD/ldrest
WORK=$(mktemp -d)
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The server answers by projectKey: ok, unauth, limited, broken.
cat > "$WORK/server.py" <<'PY'
import http.server, sys, json
M = lambda s: {"score": s, "indicator": "good", "indicatorRange": {"min": 0, "max": 100}}
names = ["overall","deploymentFrequency","deploymentFailureRate","leadTime","impactSize",
         "experimentationCoverage","flagHealth","velocity","risk","efficiency"]
OK = {"period": {"startTime": 1700000000000, "endTime": 1702592000000},
      "lastPeriod": {"startTime": 1697408000000, "endTime": 1700000000000},
      "scores": {n: M(i) for i, n in enumerate(names)}}
OK["scores"]["overall"]["diffVsLastPeriod"] = -3
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        key = self.path.split("projectKey=")[1].split("&")[0]
        if self.headers.get("LD-API-Version") != "beta":
            code, body = 403, {"code": "forbidden", "message": "beta header missing"}
        elif key == "ok": code, body = 200, OK
        elif key == "unauth": code, body = 401, {"code": "unauthorized", "message": "Invalid token"}
        elif key == "limited": code, body = 429, {"code": "rate_limited", "message": "slow down"}
        else: code, body = 500, {"message": "boom"}
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$WORK/server.py" > "$WORK/port" &
SERVER_PID=$!
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
URL="http://127.0.0.1:$(cat "$WORK/port")"
export LD_API_KEY=test-token

"$LDREST" scores --project ok --env prod --server "$URL" --format table > "$WORK/out" || fail "table exit $?"
grep -q "^Period 2023-11-14 .. 2023-12-14 (last period 2023-10-15 .. 2023-11-14)" "$WORK/out" || fail "period line"
grep -Eq "^overall +0  good +0\.\.100 +-3$" "$WORK/out" || fail "overall row: $(cat "$WORK/out")"
"$LDREST" scores --project ok --env prod --server "$URL" > "$WORK/json" || fail "json exit"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['scores']['velocity']['score']==7" "$WORK/json" || fail "json body"

expect() { local want=$1; shift; "$LDREST" scores "$@" > /dev/null 2> "$WORK/err"; local got=$?
           [ "$got" = "$want" ] || fail "$* -> exit $got, want $want ($(cat "$WORK/err"))"
           head -n1 "$WORK/err" | grep -q "^ldrest scores: ." || fail "$*: no clear stderr line"
           [ "$want" = 2 ] || [ "$(wc -l < "$WORK/err")" = 1 ] || fail "$*: want one stderr line"; }
expect 2 --env prod --server "$URL"
expect 3 --project unauth --env prod --server "$URL"
expect 4 --project limited --env prod --server "$URL"
expect 6 --project broken --env prod --server "$URL"
# a key the request cannot carry: usage, as for `ldrest call`, nothing sent
expect 2 --project $'\xff' --env prod --server "$URL"
[ "$(cat "$WORK/err")" = "ldrest scores: getInsightsScores: /query/projectKey could not be checked: invalid UTF-8 or lone surrogate in JSON" ] \
  || fail "not UTF-8: $(cat "$WORK/err")"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
expect 5 --project ok --env prod --server "http://127.0.0.1:$PORT"
LD_API_KEY= expect 3 --project ok --env prod --server "$URL"
echo "scores_exit_codes: ok"
