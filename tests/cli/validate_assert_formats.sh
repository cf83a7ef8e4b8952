#!/usr/bin/env bash
# format is an annotation unless --assert-formats (JSON Schema 2020-12's
# default): the same documents are valid without the flag and get their
# format violations with it, in every way validate reads them (a file, NDJSON
# on threads, a HAR capture). Fixtures and the expected output with the flag:
# tests/data/validate-assert-formats/ (Modification.date: string, date-time).
set -eu
. "$(dirname "$0")/validate_lib.bash"
d=tests/data/validate-assert-formats

expect "formats not asserted: valid" 0 \
"4 documents, 4 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$ldrest" validate --schema Modification --format text $d/modifications.ndjson

expect "--assert-formats, text" 1 "$(cat $d/expected.text)
" '' -- "$ldrest" validate --schema Modification --format text --assert-formats \
  $d/modifications.ndjson

expect "--assert-formats, json" 1 "$(cat $d/expected.json)
" '' -- "$ldrest" validate --schema Modification --format json --assert-formats \
  $d/modifications.ndjson

expect "--assert-formats on threads" 1 "$(cat $d/expected.text)
" '' -- "$ldrest" validate --schema Modification --format text --assert-formats --jobs 2 \
  $d/modifications.ndjson

# A HAR capture whose 200 body has a startTime beyond int64 (format int64).
sed 's/startTime\\":1717200000000/startTime\\":10000000000000000000/' tests/data/har/valid.har \
  > "$tmp/beyond.har"
expect "HAR, formats not asserted" 0 "2 entries, 2 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$ldrest" validate --har --format text "$tmp/beyond.har"
expect "HAR, --assert-formats" 1 \
"$tmp/beyond.har:51:21: error: entry 0 GET /api/v2/engineering-insights/insights/scores 200: /period/startTime: must match format \"int64\", found integer 10000000000000000000
2 entries, 1 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$ldrest" validate --har --format text --assert-formats "$tmp/beyond.har"

finish
