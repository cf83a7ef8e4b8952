#!/usr/bin/env bash
# `ldrest scores` refuses, before any request, a --server URL that hides
# another host behind "\@" (curl would send the token to 127.0.0.2), a URL
# with a user name or password (never echoed), and a blank LD_API_KEY: exit
# 2, one exact line on stderr, and the listeners on 127.0.0.1 and 127.0.0.2
# see no request at all.
set -eu
. "$(dirname "$0")/validate_lib.bash"
command -v python3 > /dev/null || { echo "SKIP: python3 not installed"; exit 0; }
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# One port on both loopback addresses; every request is logged with the
# address it reached and its Authorization header.
cat > "$tmp/server.py" <<'PY'
import http.server, socket, sys, threading
log = open(sys.argv[1], "a", buffering=1)
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        log.write(f"{self.server.server_address[0]} {self.headers.get('Authorization')!r}\n")
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()
first = http.server.HTTPServer(("127.0.0.1", 0), H)
port = first.server_address[1]
second = http.server.HTTPServer(("127.0.0.2", port), H)
threading.Thread(target=second.serve_forever, daemon=True).start()
print(port, flush=True)
first.serve_forever()
PY
python3 "$tmp/server.py" "$tmp/requests" > "$tmp/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
port=$(cat "$tmp/port")
[ -n "$port" ] || { echo "FAIL: the loopback listeners did not start"; exit 1; }
: >> "$tmp/requests"

no_requests() {
  checks=$((checks + 1))
  if [ -s "$tmp/requests" ]; then
    echo "FAIL $1: requests reached a listener:"
    cat "$tmp/requests"
    failures=$((failures + 1))
    : > "$tmp/requests"
  fi
}

export LD_API_KEY=api-secret-token
expect "backslash before @" 2 '' 'ldrest scores: --server: server URL contains a backslash
' -- "$ldrest" scores --project p --env e --server "http://127.0.0.1:$port\\@127.0.0.2:$port/"
no_requests "backslash before @"

expect "user and password in the URL" 2 '' \
"ldrest scores: --server: server URL must not contain a user name or password: \"http://***@127.0.0.1:$port/\"
" -- "$ldrest" scores --project p --env e --server "http://user:secret@127.0.0.1:$port/"
no_requests "user and password in the URL"
expect "user in the URL" 2 '' \
"ldrest scores: --server: server URL must not contain a user name or password: \"http://***@127.0.0.1:$port\"
" -- "$ldrest" scores --project p --env e --server "http://user@127.0.0.1:$port"
no_requests "user in the URL"
expect "a fragment" 2 '' \
"ldrest scores: --server: server URL must not have a query or a fragment: \"http://127.0.0.1:$port/#x\"
" -- "$ldrest" scores --project p --env e --server "http://127.0.0.1:$port/#x"
no_requests "a fragment"

for blank in ' ' '   ' $'\t' $' \t '; do
  LD_API_KEY=$blank expect "blank LD_API_KEY '$blank'" 2 '' \
'ldrest scores: LD_API_KEY: the credential for "ApiKey" is blank
' -- "$ldrest" scores --project p --env e --server "http://127.0.0.1:$port"
  no_requests "blank LD_API_KEY"
done

# The listeners do log what reaches them: a good URL and token get there.
expect "reachable" 6 '' '*' -- "$ldrest" scores --project p --env e --server "http://127.0.0.1:$port"
checks=$((checks + 1))
grep -qx "127.0.0.1 'api-secret-token'" "$tmp/requests" \
  || { echo "FAIL reachable: $(cat "$tmp/requests")"; failures=$((failures + 1)); }

finish
