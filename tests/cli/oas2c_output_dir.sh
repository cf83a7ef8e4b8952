#!/usr/bin/env bash
# oas2c -o DIR makes DIR (and its missing parents) once the spec has been
# read, as mkdir -p would; a bad spec leaves no directory behind, and a file
# in the way is a usage error (exit 2) that names it.
set -euo pipefail
oas2c="$1/oas2c"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$oas2c" --prefix ld_ -o "$tmp/new/nested" spec/insights-scores.yaml
for f in ld_model.h ld_model.c ld_validate.c ld_ops.h; do
  [ -f "$tmp/new/nested/$f" ] || { echo "no $f in the directory oas2c made"; ls "$tmp/new/nested"; exit 1; }
done

printf 'openapi: 3.1.0\ninfo: [\n' > "$tmp/bad.yaml"
set +e
"$oas2c" -o "$tmp/never" "$tmp/bad.yaml" 2>/dev/null
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "bad spec: exit $rc, expected 1"; exit 1; }
[ ! -e "$tmp/never" ] || { echo "a bad spec left a directory behind"; exit 1; }

touch "$tmp/file"
for dir in "$tmp/file" "$tmp/file/sub"; do
  set +e
  msg=$("$oas2c" -o "$dir" spec/insights-scores.yaml 2>&1 | tail -n 1)
  rc=$?
  set -e
  [ "$rc" -eq 2 ] || { echo "-o $dir: exit $rc, expected 2"; exit 1; }
  [ "$msg" = "oas2c: $tmp/file: not a directory" ] || { echo "-o $dir: unexpected message: $msg"; exit 1; }
done
echo "oas2c -o: makes missing directories; none for a bad spec; a file in the way refused"
