#!/usr/bin/env bash
# Size limits (--max-bytes): an oversized file is refused on stderr; an
# oversized NDJSON line is reported as malformed and skipped, and the stream
# goes on. Lines longer than the reader's first buffer are read whole.
set -eu
. "$(dirname "$0")/validate_lib.bash"
minimal=$PWD/spec/examples/insight-scores-minimal.json
cd "$tmp"
printf '{"href":"/a"}\n{"href":"/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}\n[]\n{"href":"/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}' >long.ndjson

for jobs in 1 2; do
  expect "overlong NDJSON lines, --jobs $jobs" 2 \
'long.ndjson:2:1: error: malformed JSON (byte offset 14): line longer than the 20-byte document limit; skipped
long.ndjson:3:1: error: (root): must be object, found array of 0 items
long.ndjson:4:1: error: malformed JSON (byte offset 61): line longer than the 20-byte document limit; skipped
4 documents, 1 valid, 1 invalid, 2 malformed, 1 error
' '' -- "$ldrest" validate --schema Link --max-bytes 20 --format text --jobs $jobs long.ndjson
done

head -n 2 long.ndjson >two.ndjson
expect "overlong NDJSON line, json" 2 \
'{"source":"two.ndjson","index":0,"line":1,"valid":true,"errorCount":0,"errors":[],"warningCount":0,"warnings":[]}
{"source":"two.ndjson","index":1,"line":2,"valid":false,"errorCount":1,"errors":[{"instanceLocation":"","instancePath":"","keywordLocation":"","absoluteKeywordLocation":null,"schemaPath":null,"keyword":"syntax","params":{"code":"json_limit"},"message":"line longer than the 20-byte document limit; skipped","offset":0,"line":2,"column":1}],"warningCount":0,"warnings":[],"error":{"code":"json_limit","message":"line longer than the 20-byte document limit; skipped","offset":14,"line":2,"column":1}}
' '' -- "$ldrest" validate --schema Link --max-bytes 20 --format json two.ndjson

printf '{"href": "/a", "type": "application/json"}\n' >link.json
expect "oversized whole file" 2 \
'0 documents, 0 valid, 0 invalid, 0 malformed, 0 errors
' 'ldrest validate: link.json: larger than the 20-byte limit for one document (raise it with --max-bytes; streams of documents: use --ndjson)
' -- "$ldrest" validate --schema Link --max-bytes 20 --format text link.json
expect "whole file at the limit" 0 '*' '' -- \
  "$ldrest" validate --schema Link --max-bytes "$(wc -c <link.json)" --format text link.json

# One 200 KB line (the reader starts with 64 KiB) between two short ones:
# a _links map of 6000 entries, the last one not a Link.
python3 - "$minimal" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
short = json.dumps(doc, separators=(",", ":"))
doc["_links"] = {"rel%d" % i: {"href": "/x/%d" % i} for i in range(5999)}
doc["_links"]["last"] = 7
with open("wide.ndjson", "w") as f:
    f.write("\n".join([short, json.dumps(doc, separators=(",", ":")), short]) + "\n")
PY
col=$(( $(sed -n 2p wide.ndjson | wc -c) - 3 ))  # the 7 before "}}\n"
expect "a line longer than the read buffer" 1 \
"wide.ndjson:2:$col: error: /_links/last: must be object, found integer 7
3 documents, 2 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$ldrest" validate --schema InsightScores --max-errors 0 --format text wide.ndjson
finish
