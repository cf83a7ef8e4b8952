#!/usr/bin/env bash
# README "The first five minutes": steps 2 (validate) and 4 (the mock) run as
# written, with the built ldrest on PATH, the quoted glob pointed at a
# scratch captures/ tree and the mock's port 8080 replaced by a free one;
# each exits as its comment says. Steps 1 (install) and 3 (the real API)
# are covered by readme_example.sh and the call tests.
set -uo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
mock_pid=
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export PATH="$build:$PATH"
fail() { echo "FAIL: $*"; exit 1; }

awk '/^## The first five minutes/{f=1} f&&/^```sh$/{c=1;next} c&&/^```$/{exit} c' README.md >"$tmp/block"
[ -s "$tmp/block" ] || fail "no sh block under 'The first five minutes'"
line() { grep -m1 -F -- "$1" "$tmp/block" | sed 's/ *#.*$//' || true; }

mkdir -p "$tmp/captures/day1/run"
cp spec/examples/insight-scores-full.json "$tmp/captures/day1/run/a.json"
cp spec/examples/insight-scores-null-last-period.json "$tmp/captures/day1/b.json"

valid=$(line 'ldrest validate spec/examples/insight-scores-full.json')
[ -n "$valid" ] || fail "step 2's first line is missing"
eval "$valid" >"$tmp/out" 2>&1 || fail "'$valid' exit $?: $(cat "$tmp/out")"

dir=$(line 'ldrest validate spec/examples/ ')
[ -n "$dir" ] || fail "step 2's directory line is missing"
eval "$dir" >"$tmp/out" 2>&1
st=$?
[ $st = 1 ] || fail "'$dir' exit $st, want 1"
[ "$(grep -c '"valid":false' "$tmp/out")" = 3 ] || fail "'$dir' should find three invalid documents: $(cat "$tmp/out")"

junit=$(line "ldrest validate --format junit --assert-formats 'captures/")
[ -n "$junit" ] || fail "step 2's junit line is missing"
(cd "$tmp" && eval "$junit")
st=$?
[ $st = 1 ] || fail "'$junit' exit $st, want 1 (one capture is invalid)"
python3 - "$tmp/report.xml" <<'PY' || fail "report.xml: $(cat "$tmp/report.xml")"
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot()
suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
cases = suite.findall("testcase")
assert len(cases) == 2, len(cases)
assert sum(1 for c in cases if c.find("failure") is not None) == 1
PY

mock=$(line 'ldrest mock --port 8080')
call=$(line 'ldrest call getProjects -p limit=5 --server http://127.0.0.1:8080')
[ -n "$mock" ] && [ -n "$call" ] || fail "step 4's lines are missing"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mock=${mock%&}  # started in the background here, with its output kept
eval "${mock//8080/$port} >\"\$tmp/mock.out\" 2>&1 &"
mock_pid=$!
for _ in $(seq 100); do grep -q '^listening on ' "$tmp/mock.out" && break; sleep 0.05; done
grep -qx "listening on http://127.0.0.1:$port" "$tmp/mock.out" || fail "mock: $(cat "$tmp/mock.out")"
eval "${call//8080/$port}" >"$tmp/out" 2>&1 || fail "'$call' exit $?: $(cat "$tmp/out")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d["items"], list)' "$tmp/out" \
  || fail "the mock's getProjects body: $(cat "$tmp/out")"
echo "ok: README first five minutes, steps 2 and 4"
