#!/usr/bin/env bash
# oas2c --prefix: every generated name starts with it, so a prefix that is
# not an identifier start, or that enters the runtime's "oas_" namespace,
# is a usage error (exit 2) before anything is read or written.
set -euo pipefail
oas2c="$1/oas2c"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for bad in "a-b" "1x" "oas_" "OAS_x" "x y"; do
  set +e
  msg=$("$oas2c" --prefix "$bad" -o "$out" spec/insights-scores.yaml 2>&1)
  rc=$?
  set -e
  [ "$rc" -eq 2 ] || { echo "prefix '$bad': exit $rc, expected 2"; exit 1; }
  [ "$msg" = "oas2c: --prefix \"$bad\": letters, digits and '_' only, not starting with a digit or \"oas_\"" ] ||
    { echo "prefix '$bad': unexpected message: $msg"; exit 1; }
done
[ -z "$(ls -A "$out")" ] || { echo "files written for a bad prefix"; exit 1; }
for good in "ld_" "X" "_p" ""; do
  "$oas2c" --prefix "$good" -o "$out" spec/insights-scores.yaml
  [ -f "$out/${good}model.h" ] || { echo "prefix '$good': no ${good}model.h"; exit 1; }
done
echo "oas2c --prefix: 5 bad prefixes refused, 4 good ones generate"
