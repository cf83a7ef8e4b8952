#!/usr/bin/env bash
# `ldrest mock --response OP=FILE`: serves the captured body, refuses one the
# spec rejects, and names what is wrong with the option.
set -euo pipefail
ldrest="$1/ldrest"
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

expect_refusal() { # expected-stderr args...
  local want=$1; shift
  if "$ldrest" mock "$@" >"$work/out" 2>"$work/err"; then echo "accepted: $*"; exit 1; fi
  [ "$(cat "$work/err")" = "$want" ] || { echo "for $*: got '$(cat "$work/err")'"; echo "want '$want'"; exit 1; }
}
expect_refusal "ldrest mock: spec/examples/insight-scores-violations.json does not match the 200 response's schema: /period/endTime must be integer, found number 1719792000000.5" \
  --response getInsightsScores=spec/examples/insight-scores-violations.json
expect_refusal "ldrest mock: --response: no operation 'nope' in the spec" --response nope=x.json
expect_refusal "ldrest mock: --response wants OPERATION[:STATUS]=FILE, got 'getInsightsScores'" \
  --response getInsightsScores
expect_refusal "ldrest mock: --response: getInsightsScores declares no 500 response with a body" \
  --response getInsightsScores:500=spec/examples/insight-scores-full.json
expect_refusal "ldrest mock: cannot open $work/missing.json" --response "getInsightsScores=$work/missing.json"

"$ldrest" mock --port 0 --quiet --response getInsightsScores=spec/examples/insight-scores-full.json \
  >"$work/mock.out" 2>"$work/mock.err" &
pid=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/mock.out" && break; sleep 0.05; done
url=$(sed -n 's/^listening on //p' "$work/mock.out")
LD_API_KEY=t "$ldrest" scores --project p --env e --server "$url" --format json >"$work/got.json"
# the served document is the file, member for member
python3 - "$work/got.json" spec/examples/insight-scores-full.json <<'PY'
import json, sys
got, want = (json.load(open(p)) for p in sys.argv[1:3])
assert got == want, "served body differs from the file"
PY
kill -TERM "$pid"; wait "$pid"; pid=
echo "mock --response: 5 refusals exact, captured body served member for member"
