#!/usr/bin/env bash
# oas2c --check -o DIR: exit 0 when DIR holds exactly what would be
# generated, else 1 with one line per file that differs, is missing, or is
# unexpected (a PREFIX*.c/.h that oas2c would not write; other files are not
# its business). It never writes to DIR, and leaves no scratch files.
set -euo pipefail
oas2c="$1/oas2c"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TMPDIR="$tmp/scratch"
mkdir "$TMPDIR"
spec=spec/insights-scores.yaml
out="$tmp/out"
"$oas2c" --prefix ld_ -o "$out" "$spec" 2>/dev/null
touch "$out/README" "$out/notes.c"  # not generated names: ignored

check() {  # EXPECTED-EXIT EXPECTED-LINES ARGS...
  local want_rc=$1 want=$2
  shift 2
  local before after rc msg
  before=$(cd "$tmp" && find out -exec stat -c '%n %s %.9Y' {} + | sort)
  set +e
  "$oas2c" --check --prefix ld_ "$@" "$spec" > "$tmp/said" 2>&1
  rc=$?
  set -e
  msg=$(grep -v ': note: ' "$tmp/said" || true)
  after=$(cd "$tmp" && find out -exec stat -c '%n %s %.9Y' {} + | sort)
  [ "$rc" -eq "$want_rc" ] || { echo "--check $*: exit $rc, expected $want_rc; said: $msg"; exit 1; }
  [ "$msg" = "$want" ] || { printf -- '--check %s: said\n%s\nexpected\n%s\n' "$*" "$msg" "$want"; exit 1; }
  [ "$before" = "$after" ] || { echo "--check $*: wrote to the directory"; exit 1; }
  [ -z "$(ls -A "$TMPDIR")" ] || { echo "--check $*: left scratch files: $(ls -A "$TMPDIR")"; exit 1; }
}

check 0 "" -o "$out"

# One byte changed.
cp "$out/ld_ops.c" "$tmp/ld_ops.c.orig"
printf 'x' | dd of="$out/ld_ops.c" bs=1 seek=100 conv=notrunc status=none
check 1 "oas2c: $out/ld_ops.c: differs" -o "$out"
cp "$tmp/ld_ops.c.orig" "$out/ld_ops.c"

# A missing file, and a generated name oas2c would not write (an old part).
mv "$out/ld_model.h" "$tmp/ld_model.h"
touch "$out/ld_model_part2.c"
check 1 "oas2c: $out/ld_model.h: missing
oas2c: $out/ld_model_part2.c: unexpected" -o "$out"
mv "$tmp/ld_model.h" "$out/ld_model.h"
rm "$out/ld_model_part2.c"
check 0 "" -o "$out"

# Other options take part: with --parts 2 the directory is not what is made.
check 1 "oas2c: $out/ld_model.c: differs
oas2c: $out/ld_model_part2.c: missing
oas2c: $out/ld_ops.c: differs
oas2c: $out/ld_ops_part2.c: missing
oas2c: $out/ld_validate.c: differs
oas2c: $out/ld_validate_internal.h: missing
oas2c: $out/ld_validate_part2.c: missing" -o "$out" --parts 2

# A directory that does not exist: every file is missing, and none is made.
set +e
"$oas2c" --check --prefix ld_ -o "$tmp/none" "$spec" > /dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 1 ] && [ ! -e "$tmp/none" ] || { echo "--check on a missing directory: exit $rc"; exit 1; }

# --check with --dump-ir is a usage error.
set +e
msg=$("$oas2c" --check --dump-ir "$spec" 2>&1)
rc=$?
set -e
[ "$rc" -eq 2 ] && [ "$msg" = "oas2c: --check compares generated files; --dump-ir generates none" ] ||
  { echo "--check --dump-ir: exit $rc: $msg"; exit 1; }
echo "oas2c --check: identical 0; differs, missing, unexpected 1, named; writes nothing"
