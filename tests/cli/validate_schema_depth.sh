#!/usr/bin/env bash
# A dynamic reference to itself (tests/data/dynamic) stops validation at
# the schema depth bound: no verdict, but where it stopped (the instance
# location and its byte offset) and the exit status of an input that
# cannot be checked, as for JSON nested too deep: validate 2 (malformed),
# call 2 for a request body (nothing sent), 1 for a response body.
set -eu
. "$(dirname "$0")/validate_lib.bash"
build=$(cd "$1" && pwd)
cli=$build/tests/dynamic-cli
d=tests/data/dynamic

expect "validate, text: where it stopped" 2 \
"$d/holder.json:1:11: error: cannot validate (byte offset 10): validation could not finish at /deep/0: schema references nest too deep
1 document, 0 valid, 0 invalid, 1 malformed, 0 errors
" '' -- "$cli" validate --schema Holder --format text $d/holder.json

expect "validate, json: the instance location" 2 \
'{"source":"'$d'/holder.json","index":0,"line":1,"valid":false,"errorCount":1,"errors":[{"instanceLocation":"/deep/0","instancePath":"/deep/0","keywordLocation":"","absoluteKeywordLocation":null,"schemaPath":null,"keyword":"incomplete","params":{"code":"schema_depth"},"message":"validation could not finish at /deep/0: schema references nest too deep","offset":10,"line":1,"column":11}],"warningCount":0,"warnings":[],"error":{"code":"schema_depth","message":"validation could not finish at /deep/0: schema references nest too deep","offset":10,"line":1,"column":11}}
' '' -- "$cli" validate --schema Holder --format json $d/holder.json

expect "call: a request body that cannot be checked is not sent" 2 '' \
"dynamic-cli call: postHolder: /body/deep/0 could not be checked: schema references nest too deep
" -- "$cli" call postHolder --body $d/holder.json

# a server answering every request with the holder
python3 - "$d/holder.json" > "$tmp/server" 2>/dev/null <<'PY' &
import http.server, sys
body = open(sys.argv[1], "rb").read()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print("http://127.0.0.1:%d" % s.server_port, flush=True)
s.serve_forever()
PY
server_pid=$!
trap 'kill $server_pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do [ -s "$tmp/server" ] && break; sleep 0.05; done
url=$(cat "$tmp/server")
printf '{}' > "$tmp/empty.json"
expect "call: a response body that cannot be checked" 1 "$(cat $d/holder.json)
" "dynamic-cli call: postHolder: HTTP 200 body could not be validated at /deep/0 (schema references nest too deep)
" -- "$cli" call postHolder --body "$tmp/empty.json" --server "$url" --format json

finish
