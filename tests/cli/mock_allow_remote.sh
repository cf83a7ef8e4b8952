#!/usr/bin/env bash
# `ldrest mock --host`: loopback by default; any other address literal is
# refused unless --allow-remote is given, and then served with one warning
# on stderr (even with --quiet); a host name is refused either way. Exact
# stderr and exit statuses; the served mock answers on 127.0.0.1 too.
set -eu
. "$(dirname "$0")/validate_lib.bash"
command -v curl > /dev/null || { echo "SKIP: curl not installed"; exit 0; }
mock_pid=
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

expect "0.0.0.0 without --allow-remote" 2 '' \
"ldrest mock: refusing to listen on '0.0.0.0': not a loopback address (127.0.0.0/8, ::1, localhost); add --allow-remote to let other hosts reach the mock
" -- "$ldrest" mock --host 0.0.0.0 --port 0
expect ":: without --allow-remote" 2 '' \
"ldrest mock: refusing to listen on '::': not a loopback address (127.0.0.0/8, ::1, localhost); add --allow-remote to let other hosts reach the mock
" -- "$ldrest" mock --host :: --port 0
expect "a host name, even with --allow-remote" 2 '' \
"ldrest mock: refusing to listen on 'example.com': --host takes an IPv4 or IPv6 address literal or localhost
" -- "$ldrest" mock --host example.com --allow-remote --port 0

# start ARGS...: the mock in the background; its URL in $url
start() {
  : > "$tmp/mock.out"
  "$ldrest" mock --port 0 --quiet "$@" > "$tmp/mock.out" 2> "$tmp/mock.err" &
  mock_pid=$!
  for _ in $(seq 100); do grep -q '^listening on ' "$tmp/mock.out" && break; sleep 0.05; done
  url=$(sed -n 's/^listening on //p' "$tmp/mock.out")
}
stop() { kill -TERM "$mock_pid"; wait "$mock_pid" || true; mock_pid=; }
get_status() {
  curl -sS -o /dev/null -w '%{http_code}' -H 'Authorization: t' -H 'LD-API-Version: beta' \
    "http://127.0.0.1:$1/api/v2/engineering-insights/insights/scores?projectKey=p&environmentKey=e"
}

start --host 0.0.0.0 --allow-remote
port=${url##*:}
expect "the listening line" 0 "listening on http://0.0.0.0:$port
" '' -- cat "$tmp/mock.out"
expect "reachable on 127.0.0.1" 0 200 '' -- get_status "$port"
stop
expect "one warning, even with --quiet" 0 \
"ldrest mock: warning: listening on 0.0.0.0: other hosts can reach the mock, which accepts any credentials
" '' -- cat "$tmp/mock.err"

start --host 127.0.0.1 --allow-remote
port=${url##*:}
expect "loopback with --allow-remote: served" 0 200 '' -- get_status "$port"
stop
expect "loopback with --allow-remote: no warning" 0 '' '' -- cat "$tmp/mock.err"

"$ldrest" mock --help > "$tmp/help"
expect "--help documents --allow-remote" 0 \
'usage: ldrest mock [--host 127.0.0.1 [--allow-remote]] [--port N] [--quiet]
  -H, --host ADDR            an address literal or localhost; loopback
                             unless --allow-remote (default 127.0.0.1)
      --allow-remote         let --host be any address (0.0.0.0, ::): other
                             hosts can reach the mock
' '' -- grep -E '^usage|--host|unless --allow|allow-remote  |hosts can reach the mock$' "$tmp/help"

finish
