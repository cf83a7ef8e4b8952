#!/usr/bin/env bash
# validate --har with response bodies stored as base64 wrapped into lines
# (MIME: 76 columns, CRLF; openssl/PEM: 64 columns, LF, final newline): the
# whitespace is skipped as RFC 2045 decoders do, and the decoded bodies are
# checked; a character outside the alphabet or non-zero bits under the
# padding are still malformed, at their index in the text (line breaks
# counted). Fixtures: tests/data/har/make_wrapped_fixtures.py.
set -eu
. "$(dirname "$0")/validate_lib.bash"
d=tests/data/har
u="https://app.launchdarkly.com/api/v2/engineering-insights/insights/scores?projectKey=default&environmentKey=production"
ok="\"method\":\"GET\",\"url\":\"$u\",\"status\":200,\"operation\":\"getInsightsScores\",\"response\":\"200\",\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}"

expect "wrapped, text" 0 "2 entries, 2 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$ldrest" validate --har --format text $d/base64-wrapped.har

expect "wrapped, json" 0 \
"{\"source\":\"$d/base64-wrapped.har\",\"index\":0,\"line\":10,$ok
{\"source\":\"$d/base64-wrapped.har\",\"index\":1,\"line\":65,$ok
" '' -- "$ldrest" validate --har --format json $d/base64-wrapped.har

expect "wrapped, still strict, text" 2 \
"$d/base64-wrapped-bad.har:51:21: error: malformed HAR entry 0 (byte offset 1326): response.content.text is not valid base64 (character 80)
$d/base64-wrapped-bad.har:106:21: error: malformed HAR entry 1 (byte offset 6684): response.content.text is not valid base64 (character 4)
3 entries, 1 valid, 0 invalid, 2 malformed, 0 errors
" '' -- "$ldrest" validate --har --format text $d/base64-wrapped-bad.har

expect "wrapped, still strict, json" 2 \
"{\"source\":\"$d/base64-wrapped-bad.har\",\"index\":0,\"line\":10,\"valid\":false,\"error\":{\"code\":\"har\",\"message\":\"response.content.text is not valid base64 (character 80)\",\"offset\":1326,\"line\":51,\"column\":21}}
{\"source\":\"$d/base64-wrapped-bad.har\",\"index\":1,\"line\":65,\"valid\":false,\"error\":{\"code\":\"har\",\"message\":\"response.content.text is not valid base64 (character 4)\",\"offset\":6684,\"line\":106,\"column\":21}}
{\"source\":\"$d/base64-wrapped-bad.har\",\"index\":2,\"line\":120,$ok
" '' -- "$ldrest" validate --har --format json $d/base64-wrapped-bad.har

finish
