#!/usr/bin/env bash
# validate --har --format junit, sarif, github: a testcase per HAR entry
# (named "entry N METHOD URL", "entry N" when the request is unreadable,
# the file's name for a file that is not a HAR), a SARIF result or GitHub
# annotation per violation, each at the HAR line:col that text shows (the
# field at fault, response.content.text for the body's violations).
# Exact expected files in tests/data/har/expected.*.
set -eu
. "$(dirname "$0")/validate_lib.bash"
d=tests/data/har
inputs=("$d/valid.har" "$d/status-500.har" "$d/invalid-body.har" "$d/bad-entries.har" "$d/malformed.har")

for fmt in junit sarif github; do
  expect "--har --format $fmt" 2 "$(cat "$d/expected.$fmt"; printf x)" '' -- \
    bash -c '"$@"; rc=$?; printf x; exit $rc' _ "$ldrest" validate --har --format $fmt "${inputs[@]}"
done

p=/api/v2/engineering-insights/insights/scores
expect "--har github, --max-errors 1: the rest as one warning" 1 \
"::error file=$d/invalid-body.har,line=51,col=21::entry 0 GET $p 200: /period/endTime: must be integer, found string \"soon\"
::warning file=$d/invalid-body.har,line=51::2 more errors not shown (--max-errors 1)
1 entry, 0 valid, 1 invalid, 0 malformed, 3 errors
" '' -- "$ldrest" validate --har --format github --max-errors 1 "$d/invalid-body.har"

expect "--har junit --quiet: valid entries left out, counts too" 1 \
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<testsuite name=\"ldrest validate\" tests=\"1\" failures=\"1\" errors=\"0\">
  <testcase classname=\"$d/status-500.har\" name=\"entry 0 GET https://app.launchdarkly.com$p?projectKey=default&amp;environmentKey=production\">
    <failure type=\"status\" message=\"1 error\">$d/status-500.har:38:21: entry 0 GET $p 500: status 500 is not documented for getInsightsScores (documented: 200, 400, 401, 403, 429)
</failure>
  </testcase>
</testsuite>
" '' -- "$ldrest" validate --har --format junit -q "$d/valid.har" "$d/status-500.har"

# The JUnit report is well-formed XML whose counts match its testcases
# (the file that is not a HAR is one testcase with an error).
"$ldrest" validate --har --format junit "${inputs[@]}" >"$tmp/junit.xml" || true
python3 - "$tmp/junit.xml" <<'PY' || failures=$((failures + 1))
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot()
cases = suite.findall("testcase")
assert int(suite.get("tests")) == len(cases) == 11, suite.attrib
assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None) == 4
assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None) == 5
PY

# SARIF: every result's rule declared, with a description of its own.
"$ldrest" validate --har --format sarif "${inputs[@]}" >"$tmp/out.sarif" || true
python3 - "$tmp/out.sarif" <<'PY' || failures=$((failures + 1))
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = {r["id"]: r["shortDescription"]["text"] for r in run["tool"]["driver"]["rules"]}
assert {r["ruleId"] for r in run["results"]} == set(rules), rules
assert rules["status"] == "the response status is not documented for the operation", rules
assert rules["har"] == "the file or entry is not a readable HAR 1.2 capture", rules
assert len(run["results"]) == 11
PY

finish
