#!/usr/bin/env bash
# Schema violations: exit 1, every violation at its line:column with its
# instance location; --max-errors caps what is shown, not what is counted.
set -eu
. "$(dirname "$0")/validate_lib.bash"
f=spec/examples/insight-scores-violations.json
n=spec/examples/insight-scores-null-last-period.json

expect "violations, text" 1 \
"$f:4:16: error: /period/endTime: must be integer, found number 1719792000000.5
$f:11:16: error: /scores/overall: must have required property \"score\"
$f:38:16: error: /scores/leadTime/indicatorRange/min: must be integer, found string \"40\"
$f:92:13: error: /_links/self: must be object, found string \"/api/v2/engineering-insights/ins\"...
1 document, 0 valid, 1 invalid, 0 malformed, 4 errors
" '' -- "$ldrest" validate --format text $f

# LaunchDarkly's own examples send "lastPeriod": null: a type violation.
expect "lastPeriod null, text" 1 \
"$n:18:21: error: /scores/overall/lastPeriod: must be object, found null
$n:27:21: error: /scores/deploymentFrequency/lastPeriod: must be object, found null
1 document, 0 valid, 1 invalid, 0 malformed, 2 errors
" '' -- "$ldrest" validate --format text $n

expect "--max-errors 1" 1 \
"$f:4:16: error: /period/endTime: must be integer, found number 1719792000000.5
$f:1:1: note: 3 more errors not shown (--max-errors 1)
1 document, 0 valid, 1 invalid, 0 malformed, 4 errors
" '' -- "$ldrest" validate --format text --max-errors 1 $f

expect "valid and invalid together" 1 \
"$n:18:21: error: /scores/overall/lastPeriod: must be object, found null
$n:27:21: error: /scores/deploymentFrequency/lastPeriod: must be object, found null
3 documents, 2 valid, 1 invalid, 0 malformed, 2 errors
" '' -- "$ldrest" validate --format text spec/examples/insight-scores-full.json $n spec/examples/insight-scores-minimal.json

finish
