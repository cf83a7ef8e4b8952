#!/usr/bin/env bash
# Numbers beyond int64 and beyond double (1e400, a 400-digit integer,
# 1e-400) are valid JSON, never "malformed": they are typed by their decimal
# value (1e400 is an integer) and compared exactly on their text (1e-400 is
# above 0, 1.0000000000000000000001 above 1, though a double reads them as
# 0 and 1).
set -eu
. "$(dirname "$0")/validate_lib.bash"
cd "$tmp"
big=$(printf '9%.0s' $(seq 400))
printf '{"min": 1e400, "max": %s}\n' "$big" >range.json
printf '{"min": -1e400, "max": 1e-400}\n' >fraction.json
for rate in 1e-400 1.0000000000000000000001 -1e-400 1e400 1.0e0 0.99999999999999999999999; do
  printf '{"judgeConfigKey":"k","samplingRate":%s}\n' "$rate"
done >rates.ndjson

expect "integers beyond int64 and double are integers" 1 \
"fraction.json:1:24: error: /max: must be integer, found number 1e-400
2 documents, 1 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$ldrest" validate --schema InsightsMetricIndicatorRange --format text range.json fraction.json

# JudgeAttachment.samplingRate: type number, minimum 0, maximum 1, format float
expect "bounds compare the decimal text" 1 \
"rates.ndjson:2:38: error: /samplingRate: must be <= 1, found number 1.0000000000000000000001
rates.ndjson:3:38: error: /samplingRate: must be >= 0, found number -1e-400
rates.ndjson:4:38: error: /samplingRate: must be <= 1, found integer 1e400
6 documents, 3 valid, 3 invalid, 0 malformed, 3 errors
" '' -- "$ldrest" validate --schema JudgeAttachment --ndjson --format text rates.ndjson

# float's range (+-3.4e38), when formats are asserted
expect "bounds and the float format" 1 \
"rates.ndjson:2:38: error: /samplingRate: must be <= 1, found number 1.0000000000000000000001
rates.ndjson:3:38: error: /samplingRate: must be >= 0, found number -1e-400
rates.ndjson:4:38: error: /samplingRate: must match format \"float\", found integer 1e400
rates.ndjson:4:38: error: /samplingRate: must be <= 1, found integer 1e400
6 documents, 3 valid, 3 invalid, 0 malformed, 4 errors
" '' -- "$ldrest" validate --schema JudgeAttachment --ndjson --format text --assert-formats rates.ndjson

sed -n 2p rates.ndjson >above-one.json
expect "json output: the limit and the offset" 1 \
'{"source":"above-one.json","index":0,"line":1,"valid":false,"errorCount":1,"errors":[{"instanceLocation":"/samplingRate","instancePath":"/samplingRate","keywordLocation":"/properties/samplingRate/maximum","absoluteKeywordLocation":"#/components/schemas/JudgeAttachment/properties/samplingRate/maximum","schemaPath":"#/components/schemas/JudgeAttachment/properties/samplingRate/maximum","keyword":"maximum","params":{"comparison":"<=","limit":1},"message":"must be <= 1, found number 1.0000000000000000000001","offset":37}],"warningCount":0,"warnings":[]}
' '' -- "$ldrest" validate --schema JudgeAttachment --format json above-one.json

finish
