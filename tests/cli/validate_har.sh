#!/usr/bin/env bash
# validate --har: every entry of a HAR capture matched to its operation;
# undocumented status, undeclared content type, unmatched path and invalid
# body are violations (exit 1); malformed HAR files and entries exit 2.
# Fixtures: tests/data/har/ (written by make_fixtures.py there).
set -eu
. "$(dirname "$0")/validate_lib.bash"
d=tests/data/har
p=/api/v2/engineering-insights/insights/scores
u="https://app.launchdarkly.com$p?projectKey=default&environmentKey=production"
ops="#/paths/~1api~1v2~1engineering-insights~1insights~1scores/get/responses"
head0="\"index\":0,\"line\":10,\"method\":\"GET\",\"url\":\"$u\""

# Two servers (.com and .us), a trailing slash, a 401 error body.
expect "valid capture, text" 0 "2 entries, 2 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$ldrest" validate --har --format text $d/valid.har

expect "valid capture, json" 0 \
"{\"source\":\"$d/valid.har\",$head0,\"status\":200,\"operation\":\"getInsightsScores\",\"response\":\"200\",\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
{\"source\":\"$d/valid.har\",\"index\":1,\"line\":64,\"method\":\"GET\",\"url\":\"https://app.launchdarkly.us$p/?projectKey=default&environmentKey=production\",\"status\":401,\"operation\":\"getInsightsScores\",\"response\":\"401\",\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --har --format json $d/valid.har

expect "base64 body" 0 "1 entry, 1 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$ldrest" validate --har --format text $d/base64.har

expect "undocumented status, text" 1 \
"$d/status-500.har:38:21: error: entry 0 GET $p 500: status 500 is not documented for getInsightsScores (documented: 200, 400, 401, 403, 429)
1 entry, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$ldrest" validate --har --format text $d/status-500.har

expect "undocumented status, json" 1 \
"{\"source\":\"$d/status-500.har\",$head0,\"status\":500,\"operation\":\"getInsightsScores\",\"response\":null,\"valid\":false,\"errorCount\":1,\"errors\":[\
{\"instanceLocation\":\"\",\"instancePath\":\"\",\"keywordLocation\":\"\",\"absoluteKeywordLocation\":\"$ops\",\"schemaPath\":\"$ops\",\"keyword\":\"status\",\"params\":{\"status\":500,\"allowedValues\":[\"200\",\"400\",\"401\",\"403\",\"429\"]},\"message\":\"status 500 is not documented for getInsightsScores (documented: 200, 400, 401, 403, 429)\",\"offset\":null}],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --har --format json $d/status-500.har

expect "undeclared content type, text" 1 \
"$d/text-html.har:50:25: error: entry 0 GET $p 200: content type text/html is not declared for getInsightsScores 200 (declared: application/json)
1 entry, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$ldrest" validate --har --format text $d/text-html.har

expect "undeclared content type, json" 1 \
"{\"source\":\"$d/text-html.har\",$head0,\"status\":200,\"operation\":\"getInsightsScores\",\"response\":\"200\",\"valid\":false,\"errorCount\":1,\"errors\":[\
{\"instanceLocation\":\"\",\"instancePath\":\"\",\"keywordLocation\":\"\",\"absoluteKeywordLocation\":\"$ops/200/content\",\"schemaPath\":\"$ops/200/content\",\"keyword\":\"contentType\",\"params\":{\"contentType\":\"text/html\",\"allowedValues\":[\"application/json\"]},\"message\":\"content type text/html is not declared for getInsightsScores 200 (declared: application/json)\",\"offset\":null}],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --har --format json $d/text-html.har

# Unknown path, and a known path with a method the spec does not have.
expect "unmatched entries" 1 \
"$d/unmatched.har:15:18: error: entry 0 GET /api/v2/no-such-endpoint/default 200: no operation matches GET /api/v2/no-such-endpoint/default
$d/unmatched.har:65:18: error: entry 1 POST $p 200: no operation matches POST $p
2 entries, 0 valid, 2 invalid, 0 malformed, 2 errors
" '' -- "$ldrest" validate --har --format text $d/unmatched.har

expect "unmatched entry, json" 1 \
"{\"source\":\"$d/unmatched.har\",\"index\":0,\"line\":10,\"method\":\"GET\",\"url\":\"https://app.launchdarkly.com/api/v2/no-such-endpoint/default?summary=true\",\"status\":200,\"operation\":null,\"response\":null,\"valid\":false,\"errorCount\":1,\"errors\":[\
{\"instanceLocation\":\"\",\"instancePath\":\"\",\"keywordLocation\":\"\",\"absoluteKeywordLocation\":\"#/paths\",\"schemaPath\":\"#/paths\",\"keyword\":\"operation\",\"params\":{\"method\":\"GET\",\"path\":\"/api/v2/no-such-endpoint/default\"},\"message\":\"no operation matches GET /api/v2/no-such-endpoint/default\",\"offset\":null}],\"warningCount\":0,\"warnings\":[]}
{\"source\":\"$d/unmatched.har\",\"index\":1,\"line\":60,\"method\":\"POST\",\"url\":\"$u\",\"status\":200,\"operation\":null,\"response\":null,\"valid\":false,\"errorCount\":1,\"errors\":[\
{\"instanceLocation\":\"\",\"instancePath\":\"\",\"keywordLocation\":\"\",\"absoluteKeywordLocation\":\"#/paths\",\"schemaPath\":\"#/paths\",\"keyword\":\"operation\",\"params\":{\"method\":\"POST\",\"path\":\"$p\"},\"message\":\"no operation matches POST $p\",\"offset\":null}],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --har --format json $d/unmatched.har

# Body violations: instance pointers into the body, offsets in the body.
expect "invalid body, text" 1 \
"$d/invalid-body.har:51:21: error: entry 0 GET $p 200: /period/endTime: must be integer, found string \"soon\"
$d/invalid-body.har:51:21: error: entry 0 GET $p 200: /lastPeriod: must be object, found null
$d/invalid-body.har:51:21: error: entry 0 GET $p 200: /scores/overall: must have required property \"score\"
1 entry, 0 valid, 1 invalid, 0 malformed, 3 errors
" '' -- "$ldrest" validate --har --format text $d/invalid-body.har

expect "invalid body, json, --max-errors 1" 1 \
"{\"source\":\"$d/invalid-body.har\",$head0,\"status\":200,\"operation\":\"getInsightsScores\",\"response\":\"200\",\"valid\":false,\"errorCount\":3,\"errors\":[\
{\"instanceLocation\":\"/period/endTime\",\"instancePath\":\"/period/endTime\",\"keywordLocation\":\"/\$ref/properties/period/\$ref/properties/endTime/type\",\"absoluteKeywordLocation\":\"#/components/schemas/InsightPeriod/properties/endTime/type\",\"schemaPath\":\"#/components/schemas/InsightPeriod/properties/endTime/type\",\"keyword\":\"type\",\"params\":{\"type\":\"integer\"},\"message\":\"must be integer, found string \\\"soon\\\"\",\"offset\":47}],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --har --format json --max-errors 1 $d/invalid-body.har

expect "invalid body, text, --max-errors 1" 1 \
"$d/invalid-body.har:51:21: error: entry 0 GET $p 200: /period/endTime: must be integer, found string \"soon\"
$d/invalid-body.har:51:1: note: 2 more errors not shown (--max-errors 1)
1 entry, 0 valid, 1 invalid, 0 malformed, 3 errors
" '' -- "$ldrest" validate --har --format text --max-errors 1 $d/invalid-body.har

expect "malformed HAR, text" 2 \
"$d/malformed.har:36:9: error: malformed HAR (byte offset 921): unexpected end of input, expected a key
0 entries, 0 valid, 0 invalid, 1 malformed, 0 errors
" '' -- "$ldrest" validate --har --format text $d/malformed.har

expect "malformed HAR, json" 2 \
"{\"source\":\"$d/malformed.har\",\"valid\":false,\"error\":{\"code\":\"json_syntax\",\"message\":\"unexpected end of input, expected a key\",\"offset\":921,\"line\":36,\"column\":9}}
" '' -- "$ldrest" validate --har --format json $d/malformed.har

printf '{"log": {"version": "1.2"}}' >"$tmp/no-entries.har"
expect "JSON but not HAR" 2 \
"$tmp/no-entries.har:1:9: error: malformed HAR (byte offset 8): not a HAR file: no log.entries array
0 entries, 0 valid, 0 invalid, 1 malformed, 0 errors
" '' -- "$ldrest" validate --har --format text "$tmp/no-entries.har"

# Entries that cannot be checked are malformed; the others still are.
expect "bad entries" 2 \
"$d/bad-entries.har:51:21: error: malformed HAR entry 0 (byte offset 1323): response.content.text is not valid base64 (length 3 is not a multiple of 4)
$d/bad-entries.har:92:21: error: malformed HAR entry 1 (byte offset 2404): response.status is missing
$d/bad-entries.har:159:21: error: entry 2 GET $p 200: response body is not JSON (byte 11): unexpected character, expected a value
$d/bad-entries.har:210:22: error: entry 3 GET $p 200: the capture has no response body (response.content.text) to check against getInsightsScores 200
$d/bad-entries.har:230:18: error: malformed HAR entry 4 (byte offset 7119): request.url is not an absolute URL
$d/bad-entries.har:312:25: error: malformed HAR entry 5 (byte offset 11613): response.content.encoding is not \"base64\", the only encoding HAR uses
6 entries, 0 valid, 2 invalid, 4 malformed, 2 errors
" '' -- "$ldrest" validate --har --format text $d/bad-entries.har

stdin_file=$d/base64.har
expect "several files, stdin" 1 \
"$d/status-500.har:38:21: error: entry 0 GET $p 500: status 500 is not documented for getInsightsScores (documented: 200, 400, 401, 403, 429)
4 entries, 3 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$ldrest" validate --har --format text $d/valid.har $d/status-500.har -
stdin_file=

echo '{"log":{"version":"1.2","entries":[]}}' >"$tmp/empty.har"
expect "no entries" 0 "0 entries, 0 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$ldrest" validate --har --format text "$tmp/empty.har"

expect "--har with --operation" 2 '' \
"ldrest validate: --har chooses the operation and status of each entry itself; drop --schema, --operation, --status, --request and --ndjson
" -- "$ldrest" validate --har --operation getInsightsScores $d/valid.har

# An entry's operation is looked up again whenever its method or path is
# not the entry before's.
python3 - "$d/valid.har" "$tmp/repeat.har" <<'PY'
import copy, json, sys
har = json.load(open(sys.argv[1]))
first = har["log"]["entries"][0]
url = first["request"]["url"]
entries = []
for method, suffix in (("GET", ""), ("POST", ""), ("GET", ""), ("get", ""), ("GET", "/x"),
                       ("GET", "")):
    e = copy.deepcopy(first)
    e["request"]["method"] = method
    e["request"]["url"] = url.replace("/scores?", "/scores" + suffix + "?")
    entries.append(e)
har["log"]["entries"] = entries
json.dump(har, open(sys.argv[2], "w"))
PY
expect "the same path after another method, another path" 0 "0 GET getInsightsScores
1 POST null
2 GET getInsightsScores
3 get getInsightsScores
4 GET null
5 GET getInsightsScores
" '' -- bash -c "'$ldrest' validate --har --format json '$tmp/repeat.har' | python3 -c '
import json, sys
for d in map(json.loads, sys.stdin):
    print(d[\"index\"], d[\"method\"], d[\"operation\"] or \"null\")'"
finish
