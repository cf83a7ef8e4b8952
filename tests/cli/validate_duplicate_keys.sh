#!/usr/bin/env bash
# Duplicate object keys: the schema judges the last occurrence (as ajv and
# Python do), each repeat is a warning at its own line:col in every format
# (text warning: lines, json "warnings", JUnit system-out, SARIF level
# "warning", GitHub ::warning), and --strict-json makes them errors.
# Exact expected files in tests/data/validate-dupkeys/.
set -eu
. "$(dirname "$0")/validate_lib.bash"
d=tests/data/validate-dupkeys
schema=(--schema InsightsMetricIndicatorRange)
# {"min":"x",..."min":1}: valid; {"min":1,"min":"x",...}: invalid;
# an NDJSON line repeating "max"
inputs=("$d/last-valid.json" "$d/last-invalid.json" "$d/stream.ndjson")

for fmt in text json junit sarif github; do
  expect "--format $fmt: warnings, verdicts on the last occurrence" 1 "$(cat "$d/expected.$fmt"; printf x)" '' -- \
    bash -c '"$@"; rc=$?; printf x; exit $rc' _ "$ldrest" validate "${schema[@]}" --format $fmt "${inputs[@]}"
done

expect "the last one valid: exit 0 with the warning" 0 \
"$d/last-valid.json:3:2: warning: (root): duplicate key \"min\" (the last one is used)
1 document, 1 valid, 0 invalid, 0 malformed, 0 errors, 1 warning
" '' -- "$ldrest" validate "${schema[@]}" --format text "$d/last-valid.json"

for fmt in text json; do
  expect "--strict-json --format $fmt: duplicates are errors" 1 "$(cat "$d/expected.strict.$fmt"; printf x)" '' -- \
    bash -c '"$@"; rc=$?; printf x; exit $rc' _ "$ldrest" validate --strict-json "${schema[@]}" --format $fmt "${inputs[@]}"
done

# Nested objects and arrays: the pointer of the object that repeats a key;
# --max-errors caps warnings as it caps errors, each with its own note.
expect "--max-errors caps warnings too" 1 \
"$d/many.json:1:1: error: (root): must have required property \"max\"
$d/many.json:1:13: warning: /a: duplicate key \"k\" (the last one is used)
$d/many.json:1:1: note: 1 more errors not shown (--max-errors 1)
$d/many.json:1:1: note: 2 more warnings not shown (--max-errors 1)
1 document, 0 valid, 1 invalid, 0 malformed, 2 errors, 3 warnings
" '' -- "$ldrest" validate "${schema[@]}" --format text --max-errors 1 "$d/many.json"
expect "all warnings, pointers into arrays" 1 \
"$d/many.json:1:1: error: (root): must have required property \"max\"
$d/many.json:1:1: error: (root): must have required property \"min\"
$d/many.json:1:13: warning: /a: duplicate key \"k\" (the last one is used)
$d/many.json:1:19: warning: /a: duplicate key \"k\" (the last one is used)
$d/many.json:1:38: warning: /b/0: duplicate key \"j\" (the last one is used)
1 document, 0 valid, 1 invalid, 0 malformed, 2 errors, 3 warnings
" '' -- "$ldrest" validate "${schema[@]}" --format text "$d/many.json"

expect "--quiet: a valid document's warnings are not shown" 0 '' '' -- \
  "$ldrest" validate "${schema[@]}" --quiet --format json "$d/last-valid.json"
expect "--summary-only json counts warnings" 0 \
'{"documents":1,"valid":1,"invalid":0,"malformed":0,"errors":0,"warnings":1}
' '' -- "$ldrest" validate "${schema[@]}" --summary-only --format json "$d/last-valid.json"

# A HAR body repeating "period" (the last one valid): a warning of entry 0
# at its response.content.text in every format; an error with --strict-json.
for fmt in text json junit sarif github; do
  expect "--har --format $fmt: a body's duplicate key" 0 "$(cat "$d/expected.har.$fmt"; printf x)" '' -- \
    bash -c '"$@"; rc=$?; printf x; exit $rc' _ "$ldrest" validate --har --format $fmt "$d/dup.har"
done
expect "--har --strict-json: a body's duplicate key is an error" 1 "$(cat "$d/expected.har.strict.text"; printf x)" '' -- \
  bash -c '"$@"; rc=$?; printf x; exit $rc' _ "$ldrest" validate --har --strict-json --format text "$d/dup.har"

finish
