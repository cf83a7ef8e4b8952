#!/usr/bin/env bash
# Malformed JSON is never a schema verdict: exit 2, reported with the file,
# line, column and byte offset; other documents are still checked.
set -eu
. "$(dirname "$0")/validate_lib.bash"
cd "$tmp"
printf '{\n  "period": {\n    "startTime": 1,\n  }\n}\n' >comma.json
printf '{"period": "\xff"}' >utf8.json
: >empty.json
printf '{} {}' >two.json
printf '{"score": 01}' >zero.json
min=$(tr -d ' \n' <"$OLDPWD/spec/examples/insight-scores-minimal.json")
printf '%s\n{"period":\n\n%s\n' "$min" "$min" >mixed.ndjson
bad_offset=$(( ${#min} + 1 + 10 ))

expect "malformed files, text" 2 \
"comma.json:4:3: error: malformed JSON (byte offset 38): expected a string key
utf8.json:1:13: error: malformed JSON (byte offset 12): invalid UTF-8 in string
empty.json:1:1: error: malformed JSON (byte offset 0): unexpected end of input, expected a value
two.json:1:4: error: malformed JSON (byte offset 3): unexpected data after the JSON value
zero.json:1:12: error: malformed JSON (byte offset 11): leading zero in number
5 documents, 0 valid, 0 invalid, 5 malformed, 0 errors
" '' -- "$ldrest" validate --format text comma.json utf8.json empty.json two.json zero.json

expect "malformed file, json" 2 \
'{"source":"comma.json","index":0,"line":1,"valid":false,"errorCount":1,"errors":[{"instanceLocation":"","instancePath":"","keywordLocation":"","absoluteKeywordLocation":null,"schemaPath":null,"keyword":"syntax","params":{"code":"json_syntax"},"message":"expected a string key","offset":38,"line":4,"column":3}],"warningCount":0,"warnings":[],"error":{"code":"json_syntax","message":"expected a string key","offset":38,"line":4,"column":3}}
{"source":"utf8.json","index":0,"line":1,"valid":false,"errorCount":1,"errors":[{"instanceLocation":"","instancePath":"","keywordLocation":"","absoluteKeywordLocation":null,"schemaPath":null,"keyword":"syntax","params":{"code":"json_utf8"},"message":"invalid UTF-8 in string","offset":12,"line":1,"column":13}],"warningCount":0,"warnings":[],"error":{"code":"json_utf8","message":"invalid UTF-8 in string","offset":12,"line":1,"column":13}}
' '' -- "$ldrest" validate --format json comma.json utf8.json

# A whole file whose first line is a complete document and more follows:
# NDJSON read as one document, and said so. A document that merely spans
# lines keeps the plain message.
printf '{"a":1}\n{"b":2}\n' >stream.json
printf '{"a":\n1}\n{"b":2}\n' >spans.json
expect "NDJSON in a .json file gets the hint" 2 \
"stream.json:2:1: error: malformed JSON (byte offset 8): unexpected data after the JSON value; looks like NDJSON; use --ndjson
spans.json:3:1: error: malformed JSON (byte offset 9): unexpected data after the JSON value
2 documents, 0 valid, 0 invalid, 2 malformed, 0 errors
" '' -- "$ldrest" validate --format text stream.json spans.json

# NDJSON: the bad line is reported at its stream position; the next
# document is still validated; the exit status is still 2.
expect "malformed NDJSON line, text" 2 \
"mixed.ndjson:2:11: error: malformed JSON (byte offset $bad_offset): unexpected end of input, expected a value
3 documents, 2 valid, 0 invalid, 1 malformed, 0 errors
" '' -- "$ldrest" validate --format text mixed.ndjson

expect "malformed NDJSON line, json" 2 \
"{\"source\":\"mixed.ndjson\",\"index\":0,\"line\":1,\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
{\"source\":\"mixed.ndjson\",\"index\":1,\"line\":2,\"valid\":false,\"errorCount\":1,\"errors\":[{\"instanceLocation\":\"\",\"instancePath\":\"\",\"keywordLocation\":\"\",\"absoluteKeywordLocation\":null,\"schemaPath\":null,\"keyword\":\"syntax\",\"params\":{\"code\":\"json_syntax\"},\"message\":\"unexpected end of input, expected a value\",\"offset\":10,\"line\":2,\"column\":11}],\"warningCount\":0,\"warnings\":[],\"error\":{\"code\":\"json_syntax\",\"message\":\"unexpected end of input, expected a value\",\"offset\":$bad_offset,\"line\":2,\"column\":11}}
{\"source\":\"mixed.ndjson\",\"index\":2,\"line\":4,\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --format json mixed.ndjson

# A whole file that cannot be opened: a message on stderr, exit 2.
expect "missing file" 2 \
'0 documents, 0 valid, 0 invalid, 0 malformed, 0 errors
' \
'ldrest validate: no-such-file.json: No such file or directory
' -- "$ldrest" validate --format text no-such-file.json

finish
