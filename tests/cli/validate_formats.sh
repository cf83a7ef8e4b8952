#!/usr/bin/env bash
# --format text, junit, sarif, github (and --quiet, --summary-only): the
# same inputs (a file whose name and keys carry XML, GitHub and terminal
# specials; an NDJSON stream with a valid, an invalid and a malformed line;
# a file with violations) against exact expected files in
# tests/data/validate-formats/; JUnit parsed as XML, SARIF checked for the
# 2.1.0 structure code-scanning tools read.
set -eu
. "$(dirname "$0")/validate_lib.bash"
d=tests/data/validate-formats
inputs=("$d/odd,name:100%.json" "$d/stream.ndjson" spec/examples/insight-scores-violations.json)

for fmt in text junit sarif github; do
  expect "--format $fmt" 2 "$(cat "$d/expected.$fmt"; printf x)" '' -- \
    bash -c '"$@"; rc=$?; printf x; exit $rc' _ "$ldrest" validate --format $fmt "${inputs[@]}"
done

# NDJSON checked on worker threads: the same report, byte for byte.
for fmt in junit sarif; do
  expect "--format $fmt --jobs 3" 2 "$(cat "$d/expected.$fmt"; printf x)" '' -- \
    bash -c '"$@"; rc=$?; printf x; exit $rc' _ "$ldrest" validate --format $fmt --jobs 3 "${inputs[@]}"
done

expect "--quiet --format json: invalid and malformed documents only" 2 \
  "$(cat "$d/expected.quiet.json"; printf x)" '' -- \
  bash -c '"$@"; rc=$?; printf x; exit $rc' _ "$ldrest" validate -q --format json "${inputs[@]}"

expect "--quiet --format text: no summary" 1 '*' '' -- \
  "$ldrest" validate --quiet --format text spec/examples/insight-scores-null-last-period.json
[ "$(cat "$tmp/out")" = "$(printf '%s\n' \
  'spec/examples/insight-scores-null-last-period.json:18:21: error: /scores/overall/lastPeriod: must be object, found null' \
  'spec/examples/insight-scores-null-last-period.json:27:21: error: /scores/deploymentFrequency/lastPeriod: must be object, found null')" ] ||
  { echo "FAIL --quiet text: $(cat "$tmp/out")"; failures=$((failures + 1)); }

expect "--summary-only, text" 2 '5 documents, 1 valid, 3 invalid, 1 malformed, 21 errors
' '' -- "$ldrest" validate --summary-only --format text "${inputs[@]}"
expect "--summary-only, json" 2 '{"documents":5,"valid":1,"invalid":3,"malformed":1,"errors":21,"warnings":0}
' '' -- "$ldrest" validate --summary-only --format json "${inputs[@]}"
expect "--summary-only with junit is refused" 2 '' \
"ldrest validate: --summary-only prints the text or json summary; not with --format junit
" -- "$ldrest" validate --summary-only --format junit "${inputs[@]}"

expect "--har --quiet: valid entries not shown" 0 '' '' -- \
  "$ldrest" validate --har --quiet --format json tests/data/har/valid.har
expect "--har --summary-only" 0 '2 entries, 2 valid, 0 invalid, 0 malformed, 0 errors
' '' -- "$ldrest" validate --har --summary-only --format text tests/data/har/valid.har

# Valid documents only: exit 0, an empty SARIF run, a JUnit suite of passes.
expect "sarif, all valid" 0 \
'{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":[
],"tool":{"driver":{"name":"ldrest validate","version":"0.1.0","rules":[]}}}]}
' '' -- "$ldrest" validate --format sarif spec/examples/insight-scores-minimal.json
expect "junit, all valid" 0 \
'<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="ldrest validate" tests="1" failures="0" errors="0">
  <testcase classname="spec/examples/insight-scores-minimal.json" name="spec/examples/insight-scores-minimal.json"/>
</testsuite>
' '' -- "$ldrest" validate --format junit spec/examples/insight-scores-minimal.json

# The JUnit report is well-formed XML whose counts match its testcases.
"$ldrest" validate --format junit "${inputs[@]}" >"$tmp/junit.xml" || true
python3 - "$tmp/junit.xml" <<'PY' || failures=$((failures + 1))
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot()
cases = suite.findall("testcase")
assert suite.tag == "testsuite" and int(suite.get("tests")) == len(cases) == 5, suite.attrib
assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None) == 3
assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None) == 1
odd = cases[0].find("failure").text
assert "/_links/a\ufffd<&>\"'\nb: must be object" in odd, odd
PY

# SARIF 2.1.0: the members code-scanning uploads require, every result's
# rule declared, locations 1-based, pointers kept.
"$ldrest" validate --format sarif "${inputs[@]}" >"$tmp/out.sarif" || true
python3 - "$tmp/out.sarif" <<'PY' || failures=$((failures + 1))
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
assert len(log["runs"]) == 1
run = log["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "ldrest validate" and driver["version"]
rules = [r["id"] for r in driver["rules"]]
assert rules == ["required", "type", "syntax"], rules
assert len(run["results"]) == 22
for r in run["results"]:
    assert r["ruleId"] in rules and r["level"] == "error" and r["message"]["text"]
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] and " " not in loc["artifactLocation"]["uri"]
    assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
    if r["ruleId"] != "syntax":
        ptr = r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        assert r["properties"]["instancePath"] == ptr
        assert r["properties"]["schemaPath"].startswith("#/")
assert run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
    "tests/data/validate-formats/odd%2Cname%3A100%25.json"
PY

finish
