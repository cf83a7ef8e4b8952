#!/usr/bin/env bash
# ldrest needs neither libcurl nor libmicrohttpd to start: `validate` never
# loads them, `mock` loads libmicrohttpd when its server starts, and a
# command that makes a request loads libcurl with its first client (what
# the dynamic loader reports with LD_DEBUG=files).
set -u
BUILD=$1
LDREST=$BUILD/ldrest
WORK=$(mktemp -d)
MOCK_PID=
trap '[ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

needed=$(readelf -d "$LDREST" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
case " $needed " in *libcurl* | *libmicrohttpd*) fail "ldrest needs at start: $needed" ;; esac

# loaded LOG: the libraries the loader opened, by base name, one line.
loaded() { sed -n 's/.*file=\([^ ]*\) \[0\];  *\(needed\|dynamically loaded\) by.*/\1/p' "$1" |
             sed 's|.*/||' | grep -E '^lib(curl|microhttpd)\.' | sort -u | tr '\n' ' '; }

echo '{"period":{"startTime":1,"endTime":2}}' > "$WORK/doc.json"
LD_DEBUG=files LD_DEBUG_OUTPUT="$WORK/validate" "$LDREST" validate --schema InsightScores \
  "$WORK/doc.json" > /dev/null 2>&1
[ -s "$WORK/validate".* ] || fail "LD_DEBUG wrote nothing"
got=$(loaded "$WORK"/validate.*)
[ -z "$got" ] || fail "validate loaded: $got"

LD_DEBUG=files LD_DEBUG_OUTPUT="$WORK/mock" "$LDREST" mock --port 0 --quiet > "$WORK/mock.out" 2>&1 &
MOCK_PID=$!
for _ in $(seq 100); do grep -q '^listening on ' "$WORK/mock.out" && break; sleep 0.05; done
grep -q '^listening on ' "$WORK/mock.out" || fail "mock did not start: $(cat "$WORK/mock.out")"
URL=$(sed -n 's/^listening on //p' "$WORK/mock.out")
kill "$MOCK_PID"; wait "$MOCK_PID"; MOCK_PID=
got=$(loaded "$WORK"/mock.*)
[ "$got" = "libmicrohttpd.so.12 " ] || fail "mock loaded: '$got'"

# The mock is gone: the request fails to connect, after the client exists.
LD_API_KEY=t LD_DEBUG=files LD_DEBUG_OUTPUT="$WORK/scores" "$LDREST" scores --project p \
  --env e --server "$URL" > /dev/null 2>&1
[ $? = 5 ] || fail "scores against a closed port should exit 5"
got=$(loaded "$WORK"/scores.*)
[ "$got" = "libcurl.so.4 " ] || fail "scores loaded: '$got'"
echo "ok: libraries_loaded_when_needed"
