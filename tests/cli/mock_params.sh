#!/usr/bin/env bash
# ldrest mock's reading of the request, end to end on 127.0.0.1: "%00" and
# malformed escapes in query values are a 400 naming the parameter (never a
# value cut short), names are matched once decoded, and the Prefer header is
# parsed per RFC 7240 (only an exact "code" preference picks the response; a
# status the operation does not declare is a 400 listing the declared ones).
# The request log shows paths as sent, control bytes as %XX.
set -u
BUILD=$1
LDREST=$BUILD/ldrest
WORK=$(mktemp -d)
MOCK_PID=
cleanup() { [ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
command -v curl > /dev/null || { echo "SKIP: curl not installed"; exit 0; }
SCORES=/api/v2/engineering-insights/insights/scores
failures=0
checks=0

"$LDREST" mock --host 127.0.0.1 --port 0 > "$WORK/mock.out" 2> "$WORK/mock.err" &
MOCK_PID=$!
for _ in $(seq 100); do grep -q '^listening on ' "$WORK/mock.out" && break; sleep 0.05; done
URL=$(sed -n 's/^listening on //p' "$WORK/mock.out")
[[ $URL =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || { echo "FAIL: no URL line"; cat "$WORK/mock.err"; exit 1; }

# expect NAME STATUS BODY QUERY [curl args...]: BODY "*" skips the body check.
expect() {
  local name=$1 want_status=$2 want_body=$3 query=$4
  shift 4
  local status
  status=$(curl -sS -o "$WORK/body" -w '%{http_code}' -H 'Authorization: t' -H 'LD-API-Version: beta' "$@" \
           "$URL$SCORES?$query") || status="curl failed"
  checks=$((checks + 1))
  if [ "$status" != "$want_status" ]; then
    echo "FAIL $name: status $status, expected $want_status"
    failures=$((failures + 1))
  elif [ "$want_body" != "*" ] && [ "$(cat "$WORK/body")" != "$want_body" ]; then
    echo "FAIL $name: body $(cat "$WORK/body")"
    echo "     expected $want_body"
    failures=$((failures + 1))
  fi
}
invalid() { # ATTRIBUTE REASON -> the 400 body for one failed parameter
  printf '{"code":"invalid_request","message":"Invalid request: 1 parameter failed validation","errors":[{"attribute":"%s","reason":"%s"}]}' "$1" "$2"
}
NUL_REASON='value contains %00 (a NUL byte)'
ESCAPE_REASON="value is not valid percent-encoding ('%' must be followed by two hex digits)"

expect "plain" 200 '*' 'projectKey=p&environmentKey=e'
expect "%00 in a value" 400 "$(invalid projectKey "$NUL_REASON")" 'projectKey=p%00x&environmentKey=e'
expect "%00 alone" 400 "$(invalid environmentKey "$NUL_REASON")" 'projectKey=p&environmentKey=%00'
expect "%zz" 400 "$(invalid projectKey "$ESCAPE_REASON")" 'projectKey=p%zz&environmentKey=e'
expect "% at the end" 400 "$(invalid environmentKey "$ESCAPE_REASON")" 'projectKey=p&environmentKey=e%'
expect "%4 then end" 400 "$(invalid environmentKey "$ESCAPE_REASON")" 'projectKey=p&environmentKey=e%4'
expect "escapes decoded" 200 '*' 'projectKey=%70%2D1&environmentKey=a+b%2Bc'
expect "escaped name" 200 '*' 'project%4Bey=p&environmentKey=e'
expect "%00 in a name is another name" 400 \
  "$(invalid projectKey 'required query parameter is missing')" 'projectKey%00x=p&environmentKey=e'
expect "name without =" 400 "$(invalid projectKey 'required query parameter is empty')" \
  'projectKey&environmentKey=e'

OK='projectKey=p&environmentKey=e'
expect "Prefer: code=429" 429 '*' "$OK" -H 'Prefer: code=429'
expect "Prefer: xcode=429" 200 '*' "$OK" -H 'Prefer: xcode=429'
expect "Prefer: codex=429" 200 '*' "$OK" -H 'Prefer: codex=429'
expect "Prefer: respond-async, code=429" 429 '*' "$OK" -H 'Prefer: respond-async, code=429'
expect "Prefer: quoted value" 429 '*' "$OK" -H 'Prefer: code="429"'
expect "Prefer: CODE=429" 429 '*' "$OK" -H 'Prefer: CODE=429'
expect "Prefer: spaces and parameters" 429 '*' "$OK" -H 'Prefer: wait=5 ; x="a,b", code = 429;y'
expect "Prefer: code as a parameter" 200 '*' "$OK" -H 'Prefer: return=minimal; code=429'
UNDECLARED_404='{"code":"invalid_request","message":"Prefer: code=404 is not declared by getInsightsScores; it declares 200, 400, 401, 403, 429","errors":[{"attribute":"Prefer","reason":"code=404 is not declared"}]}'
expect "Prefer: first code counts" 400 "$UNDECLARED_404" "$OK" -H 'Prefer: code=404, code=429'
expect "Prefer: code=429abc" 200 '*' "$OK" -H 'Prefer: code=429abc'
expect "Prefer: garbage" 200 '*' "$OK" -H 'Prefer: ;;=,"code=429'
expect "Prefer: garbage, then code" 429 '*' "$OK" -H 'Prefer: =x, code=429'
expect "Prefer: undeclared code" 400 "$UNDECLARED_404" "$OK" -H 'Prefer: code=404'
expect "Prefer: undeclared 500" 400 \
  '{"code":"invalid_request","message":"Prefer: code=500 is not declared by getInsightsScores; it declares 200, 400, 401, 403, 429","errors":[{"attribute":"Prefer","reason":"code=500 is not declared"}]}' \
  "$OK" -H 'Prefer: code=500'

# A raw escape sequence in the request line (curl would refuse to send it).
python3 - "${URL##*:}" <<'PY'
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10) as s:
    s.sendall(b"GET /a\x1b[31mb%1b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    while s.recv(4096):
        pass
PY

kill -TERM "$MOCK_PID"
wait "$MOCK_PID"
MOCK_PID=
checks=$((checks + 1))
if ! grep -qxF 'mock: GET /a\x1B[31mb%1b -> 404' "$WORK/mock.err" || grep -q $'\x1b' "$WORK/mock.err"; then
  echo "FAIL request log: $(cat -v "$WORK/mock.err")"
  failures=$((failures + 1))
fi
echo "$checks checks, $failures failed"
[ "$failures" = 0 ]
