#!/usr/bin/env bash
# --format json: one object per document per line, violations exactly as
# oas_report_write_json writes them (offsets relative to the document).
set -eu
. "$(dirname "$0")/validate_lib.bash"
n=spec/examples/insight-scores-null-last-period.json
m=spec/examples/insight-scores-minimal.json
kw='/$ref/properties/scores/$ref/properties'
abs='#/components/schemas/InsightsMetricScore/type'

expect "lastPeriod null, json" 1 \
"{\"source\":\"$n\",\"index\":0,\"line\":1,\"valid\":false,\"errorCount\":2,\"errors\":[\
{\"instanceLocation\":\"/scores/overall/lastPeriod\",\"instancePath\":\"/scores/overall/lastPeriod\",\"keywordLocation\":\"$kw/overall/\$ref/properties/lastPeriod/\$ref/type\",\"absoluteKeywordLocation\":\"$abs\",\"schemaPath\":\"$abs\",\"keyword\":\"type\",\"params\":{\"type\":\"object\"},\"message\":\"must be object, found null\",\"offset\":335},\
{\"instanceLocation\":\"/scores/deploymentFrequency/lastPeriod\",\"instancePath\":\"/scores/deploymentFrequency/lastPeriod\",\"keywordLocation\":\"$kw/deploymentFrequency/\$ref/properties/lastPeriod/\$ref/type\",\"absoluteKeywordLocation\":\"$abs\",\"schemaPath\":\"$abs\",\"keyword\":\"type\",\"params\":{\"type\":\"object\"},\"message\":\"must be object, found null\",\"offset\":520}],\"warningCount\":0,\"warnings\":[]}
{\"source\":\"$m\",\"index\":0,\"line\":1,\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --format json $n $m

# --max-errors: errorCount still counts every violation.
expect "--max-errors 1, json" 1 \
"{\"source\":\"$n\",\"index\":0,\"line\":1,\"valid\":false,\"errorCount\":2,\"errors\":[\
{\"instanceLocation\":\"/scores/overall/lastPeriod\",\"instancePath\":\"/scores/overall/lastPeriod\",\"keywordLocation\":\"$kw/overall/\$ref/properties/lastPeriod/\$ref/type\",\"absoluteKeywordLocation\":\"$abs\",\"schemaPath\":\"$abs\",\"keyword\":\"type\",\"params\":{\"type\":\"object\"},\"message\":\"must be object, found null\",\"offset\":335}],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --format json --max-errors 1 $n

# Source names are JSON-escaped.
cp $m "$tmp/we\"ird.json"
expect "escaped source name" 0 \
"{\"source\":\"$tmp/we\\\"ird.json\",\"index\":0,\"line\":1,\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --format json "$tmp/we\"ird.json"

finish
