#!/usr/bin/env bash
# oas2c --prefix: every generated name, file and macro starts with it, so a
# prefix is a usage error (exit 2, nothing read or written) when it is
# empty, not an identifier start, reserved by C ("_" + capital or "_"), or
# leads into the runtime's "oas_" namespace ("oa" + "s_status").
set -euo pipefail
oas2c="$1/oas2c"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
not_identifier="letters, digits and '_' only, not starting with a digit"
reserved="C reserves names that start with '_' and a capital letter or a second '_'"
runtime="generated names would start with \"oas_\", the runtime's namespace"
empty="must not be empty: it keeps generated names apart from C's, the runtime's and yours (e.g. --prefix api_)"
bad=0
expect_refused() {  # PREFIX REASON
  set +e
  msg=$("$oas2c" --prefix "$1" -o "$out" spec/insights-scores.yaml 2>&1)
  rc=$?
  set -e
  [ "$rc" -eq 2 ] || { echo "prefix '$1': exit $rc, expected 2"; exit 1; }
  [ "$msg" = "oas2c: --prefix \"$1\": $2" ] || { echo "prefix '$1': unexpected message: $msg"; exit 1; }
  bad=$((bad + 1))
}
expect_refused "" "$empty"
for p in "a-b" "1x" "x y"; do expect_refused "$p" "$not_identifier"; done
for p in "_B" "__x"; do expect_refused "$p" "$reserved"; done
for p in "oas_" "OAS_x" "o" "Oa"; do expect_refused "$p" "$runtime"; done
[ -z "$(ls -A "$out")" ] || { echo "files written for a bad prefix"; exit 1; }
good=0
for p in "ld_" "X" "_p" "oasis_"; do
  "$oas2c" --prefix "$p" -o "$out" spec/insights-scores.yaml
  [ -f "$out/${p}model.h" ] || { echo "prefix '$p': no ${p}model.h"; exit 1; }
  good=$((good + 1))
done
echo "oas2c --prefix: $bad bad prefixes refused, $good good ones generate"
