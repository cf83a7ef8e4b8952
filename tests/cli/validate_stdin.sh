#!/usr/bin/env bash
# '-' reads standard input, as a whole document or as NDJSON; it is shown as
# <stdin>, and can be mixed with files.
set -eu
. "$(dirname "$0")/validate_lib.bash"
ex=spec/examples

stdin_file=$ex/insight-scores-violations.json
expect "stdin, whole document" 1 \
'<stdin>:4:16: error: /period/endTime: must be integer, found number 1719792000000.5
<stdin>:11:16: error: /scores/overall: must have required property "score"
<stdin>:1:1: note: 2 more errors not shown (--max-errors 2)
1 document, 0 valid, 1 invalid, 0 malformed, 4 errors
' '' -- "$ldrest" validate --format text --max-errors 2 -

head -n 2 $ex/examples.ndjson >"$tmp/two.ndjson"
stdin_file=$tmp/two.ndjson
expect "stdin, NDJSON" 0 \
'{"source":"<stdin>","index":0,"line":1,"valid":true,"errorCount":0,"errors":[],"warningCount":0,"warnings":[]}
{"source":"<stdin>","index":1,"line":2,"valid":true,"errorCount":0,"errors":[],"warningCount":0,"warnings":[]}
' '' -- "$ldrest" validate --format json --ndjson -

stdin_file=$ex/insight-scores-minimal.json
expect "stdin between files" 0 \
"{\"source\":\"$ex/insight-scores-full.json\",\"index\":0,\"line\":1,\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
{\"source\":\"<stdin>\",\"index\":0,\"line\":1,\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
{\"source\":\"$ex/insight-scores-minimal.json\",\"index\":0,\"line\":1,\"valid\":true,\"errorCount\":0,\"errors\":[],\"warningCount\":0,\"warnings\":[]}
" '' -- "$ldrest" validate --format json $ex/insight-scores-full.json - $ex/insight-scores-minimal.json
finish
