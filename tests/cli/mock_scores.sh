#!/usr/bin/env bash
# ldrest mock end to end, on 127.0.0.1 only: the URL line, `ldrest scores`
# against it (JSON the validator accepts, the table), 401/400/404/405 with
# their body shapes, "Prefer: code=", loopback-only, and a clean SIGTERM.
set -u
BUILD=$1
LDREST=$BUILD/ldrest
WORK=$(mktemp -d)
MOCK_PID=
cleanup() { [ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$WORK/mock.err" ] && sed 's/^/  mock: /' "$WORK/mock.err"; exit 1; }
command -v curl > /dev/null || { echo "SKIP: curl not installed"; exit 0; }
SCORES=/api/v2/engineering-insights/insights/scores

"$LDREST" mock --host 127.0.0.1 --port 0 > "$WORK/mock.out" 2> "$WORK/mock.err" &
MOCK_PID=$!
for _ in $(seq 100); do grep -q '^listening on ' "$WORK/mock.out" && break; sleep 0.05; done
URL=$(sed -n 's/^listening on //p' "$WORK/mock.out")
[[ $URL =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || fail "no URL line: '$(cat "$WORK/mock.out")'"
[ "$(wc -l < "$WORK/mock.out")" = 1 ] || fail "stdout is more than the URL line"

# ldrest scores --format json -> a document `ldrest validate` accepts.
export LD_API_KEY=mock-token
"$LDREST" scores --project p --env e --server "$URL" --format json > "$WORK/scores.json" \
    || fail "scores json exit $?"
"$LDREST" validate --format text "$WORK/scores.json" > "$WORK/validate.out" 2>&1 \
    || fail "validate rejected the mock's response: $(cat "$WORK/validate.out")"
"$LDREST" validate --operation getInsightsScores --status 200 "$WORK/scores.json" \
    > /dev/null 2>&1 || fail "validate --operation rejected the response"

# --format table: header line, period line and rows.
"$LDREST" scores --project p --env e --app a,b --server "$URL" --format table > "$WORK/table" \
    || fail "scores table exit $?"
grep -qx 'Period 1970-01-01 .. 1970-01-01 (last period 1970-01-01 .. 1970-01-01)' "$WORK/table" \
    || fail "period line: $(head -1 "$WORK/table")"
grep -Eq '^metric +score  indicator +range +change$' "$WORK/table" || fail "header line"
grep -Eq '^overall +100  indicator +0\.\.100 +\+0$' "$WORK/table" || fail "overall row"
grep -Eq '^creationRatio +100 ' "$WORK/table" || fail "creationRatio row"
[ "$(wc -l < "$WORK/table")" = 14 ] || fail "table has $(wc -l < "$WORK/table") lines, want 14"

# curl helper: status to $WORK/status, body to $WORK/body, headers to $WORK/headers.
req() { curl -sS -H 'LD-API-Version: beta' -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@" > "$WORK/status" \
            || fail "curl $*"; }
status() { cat "$WORK/status"; }
json_check() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $1" "$WORK/body" \
                   || fail "body check '$1' on $(cat "$WORK/body")"; }
ctype_json() { grep -qi '^Content-Type: application/json' "$WORK/headers" || fail "not JSON: $1"; }

# A beta operation without LD-API-Version -> 403, as the real API answers.
st=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Authorization: t' "$URL$SCORES?projectKey=p&environmentKey=e")
[ "$st" = 403 ] || fail "beta without LD-API-Version: status $st"

# No Authorization header -> 401 UnauthorizedErrorRep.
req "$URL$SCORES?projectKey=p&environmentKey=e"
[ "$(status)" = 401 ] || fail "no auth: status $(status)"
ctype_json 401
json_check "assert d['code']=='unauthorized' and isinstance(d['message'], str)"
"$LDREST" validate --schema UnauthorizedErrorRep "$WORK/body" > /dev/null 2>&1 || fail "401 shape"
# LD_API_KEY unset: ldrest scores refuses before any request (exit 3).
env -u LD_API_KEY "$LDREST" scores --project p --env e --server "$URL" > /dev/null 2>&1
[ $? = 3 ] || fail "scores without LD_API_KEY should exit 3"

# Missing projectKey -> 400 ValidationFailedErrorRep naming it.
req -H 'Authorization: t' "$URL$SCORES?environmentKey=e"
[ "$(status)" = 400 ] || fail "missing projectKey: status $(status)"
ctype_json 400
json_check "assert d['code']=='invalid_request' and d['message'] and \
d['errors']==[{'attribute':'projectKey','reason':'required query parameter is missing'}]"
"$LDREST" validate --schema ValidationFailedErrorRep "$WORK/body" > /dev/null 2>&1 \
    || fail "400 shape"
# Both missing, one empty: every failure listed.
req -H 'Authorization: t' "$URL$SCORES?projectKey="
[ "$(status)" = 400 ] || fail "empty projectKey: status $(status)"
json_check "assert [e['attribute'] for e in d['errors']]==['projectKey','environmentKey']"
json_check "assert 'empty' in d['errors'][0]['reason']"

# Unknown path -> 404 JSON; wrong method -> 405 with Allow.
req -H 'Authorization: t' "$URL/api/v2/nothing-here"
[ "$(status)" = 404 ] || fail "unknown path: status $(status)"
ctype_json 404
json_check "assert d['code']=='not_found'"
req -X POST -H 'Authorization: t' "$URL$SCORES"
[ "$(status)" = 405 ] || fail "POST: status $(status)"
grep -qi '^Allow: GET' "$WORK/headers" || fail "405 without Allow: GET"
# Trailing slash and HEAD behave like the GET.
req -H 'Authorization: t' "$URL$SCORES/?projectKey=p&environmentKey=e"
[ "$(status)" = 200 ] || fail "trailing slash: status $(status)"
curl -sS -I -H 'Authorization: t' -H 'LD-API-Version: beta' "$URL$SCORES?projectKey=p&environmentKey=e" \
    | head -1 | grep -q ' 200' || fail "HEAD"

# Prefer: code=429 -> the declared 429 body, with Retry-After.
req -H 'Authorization: t' -H 'Prefer: code=429' "$URL$SCORES?projectKey=p&environmentKey=e"
[ "$(status)" = 429 ] || fail "Prefer 429: status $(status)"
grep -qi '^Retry-After: 1' "$WORK/headers" || fail "429 without Retry-After"
"$LDREST" validate --schema RateLimitedErrorRep "$WORK/body" > /dev/null 2>&1 || fail "429 shape"

# Only loopback: anything else is refused with a clear line, exit 2.
"$LDREST" mock --host 0.0.0.0 --port 0 > /dev/null 2> "$WORK/refused"
[ $? = 2 ] || fail "--host 0.0.0.0 should exit 2"
grep -q "refusing to listen on '0.0.0.0'" "$WORK/refused" || fail "refusal message"
"$LDREST" mock --port 70000 > /dev/null 2>&1
[ $? = 2 ] || fail "--port 70000 should exit 2"

# SIGTERM -> exit 0 within 2 s.
kill -TERM "$MOCK_PID"
for _ in $(seq 40); do kill -0 "$MOCK_PID" 2>/dev/null || break; sleep 0.05; done
kill -0 "$MOCK_PID" 2>/dev/null && fail "mock still running 2 s after SIGTERM"
wait "$MOCK_PID"
rc=$?
MOCK_PID=
[ "$rc" = 0 ] || fail "mock exit status $rc after SIGTERM"
grep -q 'mock: stopped (SIGTERM)' "$WORK/mock.err" || fail "no stop line"
echo "ok: mock_scores"
