#!/usr/bin/env bash
# generate_twice.sh OAS2C SPEC PREFIX WORKDIR
# Generates SPEC twice into fresh directories: every file must be
# byte-identical. Prints the generation time and the lines emitted.
set -euo pipefail
oas2c=$1 spec=$2 prefix=$3 work=$4
rm -rf "$work/run1" "$work/run2"
mkdir -p "$work/run1" "$work/run2"
for run in run1 run2; do
  start=$(date +%s%N)
  "$oas2c" --prefix "$prefix" --output "$work/$run" "$spec" 2>"$work/$run.log"
  end=$(date +%s%N)
  echo "$run: generated in $(( (end - start) / 1000000 )) ms"
done
if ! diff -r "$work/run1" "$work/run2" >/dev/null; then
  echo "FAIL: two generations differ:"; diff -rq "$work/run1" "$work/run2" || true
  exit 1
fi
files=$(ls "$work/run1" | wc -l)
[ "$files" -ge 7 ] || { echo "FAIL: only $files files generated"; exit 1; }
wc -l "$work/run1"/* | sed 's|'"$work/run1/"'||'
echo "byte-identical: $files files, $(cat "$work/run1"/* | wc -c) bytes"
