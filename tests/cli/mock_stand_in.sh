#!/usr/bin/env bash
# ldrest mock as a stand-in for the real API, on 127.0.0.1: the exact status
# line, headers (all but Date) and body of the answers a client must handle.
#  - 429 (Prefer: code=429): Retry-After: 1 and the overlay's rate-limit
#    headers saying the same: X-Ratelimit-Reset 1 s ahead in epoch ms
#    (between the client's clock before and after the request, plus 1000),
#    0 requests remaining overall and per route;
#  - 403 for a beta operation without LD-API-Version: beta;
#  - 401 without a token;
#  - 400 for Prefer: code=NNN the operation does not declare, and for
#    Prefer: example=NAME its response does not have (LaunchDarkly's spec
#    names none; tests/binding/test_mock_rules.c serves named ones).
set -eu
. "$(dirname "$0")/validate_lib.bash"
command -v curl > /dev/null || { echo "SKIP: curl not installed"; exit 0; }
mock_pid=
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

: > "$tmp/mock.out"
"$ldrest" mock --port 0 --quiet > "$tmp/mock.out" 2> "$tmp/mock.err" &
mock_pid=$!
for _ in $(seq 100); do grep -q '^listening on ' "$tmp/mock.out" && break; sleep 0.05; done
url=$(sed -n 's/^listening on //p' "$tmp/mock.out")
[ -n "$url" ] || { echo "FAIL: mock did not start: $(cat "$tmp/mock.err")"; exit 1; }
scores="$url/api/v2/engineering-insights/insights/scores?projectKey=p&environmentKey=e"

# answer NAME CURL-ARGS... -> "$tmp/answer": the status line and headers
# without Date (CR dropped), an empty line, the body.
answer() {
  curl -sS -D "$tmp/head" -o "$tmp/body" "$@" "$scores"
  { tr -d '\r' < "$tmp/head" | grep -v '^Date: ' | sed '/^$/d'; echo; cat "$tmp/body"; } \
    > "$tmp/answer"
}
now_ms() { python3 -c 'import time; print(time.time_ns() // 1000000)'; }

before=$(now_ms)
answer -H 'Authorization: t' -H 'LD-API-Version: beta' -H 'Prefer: code=429'
after=$(now_ms)
reset=$(sed -n 's/^X-Ratelimit-Reset: //p' "$tmp/answer")
checks=$((checks + 1))
if ! [[ $reset =~ ^[0-9]+$ ]] || [ "$reset" -lt $((before + 1000)) ] || [ "$reset" -gt $((after + 1000)) ]; then
  echo "FAIL 429: X-Ratelimit-Reset '$reset' is not 1 s after the request ($before..$after ms)"
  failures=$((failures + 1))
fi
expect "429 with the rate-limit headers" 0 "HTTP/1.1 429 Too Many Requests
Content-Type: application/json
Retry-After: 1
X-Ratelimit-Reset: $reset
X-Ratelimit-Global-Remaining: 0
X-Ratelimit-Route-Remaining: 0
Content-Length: 88

{\"code\":\"rate_limited\",\"message\":\"You've exceeded the API rate limit. Try again later.\"}" \
  '' -- cat "$tmp/answer"
expect "the 429 body is a RateLimitedErrorRep" 0 '*' '' -- \
  "$ldrest" validate --schema RateLimitedErrorRep "$tmp/body"

answer -H 'Authorization: t'
expect "beta operation without LD-API-Version: 403" 0 'HTTP/1.1 403 Forbidden
Content-Type: application/json
Content-Length: 96

{"code":"missing_parameter","message":"required header parameter \"LD-API-Version\" is missing"}' \
  '' -- cat "$tmp/answer"
expect "the 403 body is a ForbiddenErrorRep" 0 '*' '' -- \
  "$ldrest" validate --schema ForbiddenErrorRep "$tmp/body"

answer -H 'LD-API-Version: beta'
expect "no token: 401" 0 'HTTP/1.1 401 Unauthorized
Content-Type: application/json
Content-Length: 111

{"code":"unauthorized","message":"Missing credentials: send the Authorization header (security scheme ApiKey)"}' \
  '' -- cat "$tmp/answer"
expect "the 401 body is an UnauthorizedErrorRep" 0 '*' '' -- \
  "$ldrest" validate --schema UnauthorizedErrorRep "$tmp/body"

answer -H 'Authorization: t' -H 'LD-API-Version: beta' -H 'Prefer: code=404'
expect "Prefer: an undeclared status: 400" 0 'HTTP/1.1 400 Bad Request
Content-Type: application/json
Content-Length: 199

{"code":"invalid_request","message":"Prefer: code=404 is not declared by getInsightsScores; it declares 200, 400, 401, 403, 429","errors":[{"attribute":"Prefer","reason":"code=404 is not declared"}]}' \
  '' -- cat "$tmp/answer"
expect "the 400 body is a ValidationFailedErrorRep" 0 '*' '' -- \
  "$ldrest" validate --schema ValidationFailedErrorRep "$tmp/body"

answer -H 'Authorization: t' -H 'LD-API-Version: beta' -H 'Prefer: example=full'
expect "Prefer: an unknown example: 400" 0 'HTTP/1.1 400 Bad Request
Content-Type: application/json
Content-Length: 216

{"code":"invalid_request","message":"Prefer: example=full is not declared by the 200 response of getInsightsScores; it has no named examples","errors":[{"attribute":"Prefer","reason":"example=full is not declared"}]}' \
  '' -- cat "$tmp/answer"

finish
