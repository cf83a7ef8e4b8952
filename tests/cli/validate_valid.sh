#!/usr/bin/env bash
# Valid captured responses: exit 0; text prints only the summary, json one
# line per document.
set -eu
. "$(dirname "$0")/validate_lib.bash"
ex=spec/examples

expect "valid files, text" 0 \
'2 documents, 2 valid, 0 invalid, 0 malformed, 0 errors
' '' -- "$ldrest" validate --format text $ex/insight-scores-full.json $ex/insight-scores-minimal.json

expect "valid files, json" 0 \
'{"source":"spec/examples/insight-scores-full.json","index":0,"line":1,"valid":true,"errorCount":0,"errors":[],"warningCount":0,"warnings":[]}
{"source":"spec/examples/insight-scores-minimal.json","index":0,"line":1,"valid":true,"errorCount":0,"errors":[],"warningCount":0,"warnings":[]}
' '' -- "$ldrest" validate --format json $ex/insight-scores-full.json $ex/insight-scores-minimal.json

# Not a terminal: json is the default.
expect "default format off a terminal is json" 0 \
'{"source":"spec/examples/insight-scores-minimal.json","index":0,"line":1,"valid":true,"errorCount":0,"errors":[],"warningCount":0,"warnings":[]}
' '' -- "$ldrest" validate $ex/insight-scores-minimal.json

# (The default target is the 200 response, whose schema is a $ref: keyword
# paths start with /$ref.) The same documents by explicit schema and by operation + status.
expect "--schema InsightScores" 0 '*' '' -- \
  "$ldrest" validate --schema InsightScores $ex/insight-scores-full.json
expect "--operation getInsightsScores --status 200" 0 '*' '' -- \
  "$ldrest" validate --operation getInsightsScores --status 200 $ex/insight-scores-full.json
# A valid InsightScores is not a valid error body.
expect "--status 401 on a scores body" 1 '*' '' -- \
  "$ldrest" validate --operation getInsightsScores --status 401 --format json $ex/insight-scores-minimal.json

finish
