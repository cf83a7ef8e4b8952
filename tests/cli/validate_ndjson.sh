#!/usr/bin/env bash
# NDJSON: one document per line, blank lines skipped (but counted as lines),
# CRLF accepted, positions are stream lines; --jobs keeps the output order.
set -eu
. "$(dirname "$0")/validate_lib.bash"
nd=spec/examples/examples.ndjson

expect "examples.ndjson, text" 1 \
"$nd:3:229: error: /scores/overall/lastPeriod: must be object, found null
$nd:3:344: error: /scores/deploymentFrequency/lastPeriod: must be object, found null
3 documents, 2 valid, 1 invalid, 0 malformed, 2 errors
" '' -- "$ldrest" validate --format text $nd

expect "examples.ndjson, json" 1 \
"{\"source\":\"$nd\",\"index\":0,\"line\":1,\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
{\"source\":\"$nd\",\"index\":1,\"line\":2,\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
{\"source\":\"$nd\",\"index\":2,\"line\":3,\"valid\":false,\"errorCount\":2,\"errors\":[\
{\"instanceLocation\":\"/scores/overall/lastPeriod\",\"instancePath\":\"/scores/overall/lastPeriod\",\"keywordLocation\":\"/\$ref/properties/scores/\$ref/properties/overall/\$ref/properties/lastPeriod/\$ref/type\",\"absoluteKeywordLocation\":\"#/components/schemas/InsightsMetricScore/type\",\"schemaPath\":\"#/components/schemas/InsightsMetricScore/type\",\"keyword\":\"type\",\"params\":{\"type\":\"object\"},\"message\":\"must be object, found null\",\"offset\":228},\
{\"instanceLocation\":\"/scores/deploymentFrequency/lastPeriod\",\"instancePath\":\"/scores/deploymentFrequency/lastPeriod\",\"keywordLocation\":\"/\$ref/properties/scores/\$ref/properties/deploymentFrequency/\$ref/properties/lastPeriod/\$ref/type\",\"absoluteKeywordLocation\":\"#/components/schemas/InsightsMetricScore/type\",\"schemaPath\":\"#/components/schemas/InsightsMetricScore/type\",\"keyword\":\"type\",\"params\":{\"type\":\"object\"},\"message\":\"must be object, found null\",\"offset\":343}],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --format json $nd

# Blank lines and CRLF; a name without .ndjson needs --ndjson.
{ sed -n 3p $nd; printf '\r\n   \n'; sed -n 2p $nd | tr -d '\n'; printf '\r\n'; } >"$tmp/capture.txt"
expect "--ndjson with blank lines and CRLF" 1 \
"$tmp/capture.txt:1:229: error: /scores/overall/lastPeriod: must be object, found null
$tmp/capture.txt:1:344: error: /scores/deploymentFrequency/lastPeriod: must be object, found null
2 documents, 1 valid, 1 invalid, 0 malformed, 2 errors
" '' -- "$ldrest" validate --ndjson --format text "$tmp/capture.txt"
expect "same file without --ndjson is malformed" 2 '*' '' -- \
  "$ldrest" validate --format text "$tmp/capture.txt"

# --jobs: same bytes as one job, over enough documents for several batches.
for i in $(seq 1 3000); do cat $nd; done >"$tmp/many.ndjson"
"$ldrest" validate --format json "$tmp/many.ndjson" >"$tmp/serial.out" || true
expect "--jobs 2 output identical to serial" 1 "$(cat "$tmp/serial.out")
" '' -- "$ldrest" validate --format json --jobs 2 "$tmp/many.ndjson"
expect "--jobs 3 text summary" 1 '*' '' -- "$ldrest" validate --format text --jobs 3 "$tmp/many.ndjson"
[ "$(tail -n 1 "$tmp/out")" = "9000 documents, 6000 valid, 3000 invalid, 0 malformed, 6000 errors" ] ||
  { echo "FAIL --jobs 3 summary: $(tail -n 1 "$tmp/out")"; failures=$((failures + 1)); }

finish
