# validate_lib.bash - helpers for the tests/cli/validate_*.sh script tests
# (not a test itself: ctest registers only *.sh). Source it after `set -eu`
# with the build dir in $1; run from the source root (ctest does).

ldrest=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)/ldrest
[ -x "$ldrest" ] || { echo "no ldrest binary at $ldrest" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0

# expect NAME RC STDOUT STDERR -- COMMAND...
# Runs COMMAND (stdin from $stdin_file when set), compares the exit status,
# stdout and stderr exactly ("*" skips a stream). Failures are counted and
# shown as diffs; finish() turns them into the script's exit status.
expect() {
  local name=$1 want_rc=$2 want_out=$3 want_err=$4
  shift 5
  local rc=0
  "$@" <"${stdin_file:-/dev/null}" >"$tmp/out" 2>"$tmp/err" || rc=$?
  checks=$((checks + 1))
  local ok=1
  if [ "$rc" != "$want_rc" ]; then
    echo "FAIL $name: exit status $rc, expected $want_rc"
    ok=0
  fi
  if [ "$want_out" != "*" ] && ! diff -u <(printf '%s' "$want_out") "$tmp/out" >"$tmp/diff"; then
    echo "FAIL $name: stdout differs (-expected +actual):"
    cat "$tmp/diff"
    ok=0
  fi
  if [ "$want_err" != "*" ] && ! diff -u <(printf '%s' "$want_err") "$tmp/err" >"$tmp/diff"; then
    echo "FAIL $name: stderr differs (-expected +actual):"
    cat "$tmp/diff"
    ok=0
  fi
  [ "$ok" = 1 ] || failures=$((failures + 1))
}

finish() {
  echo "$checks checks, $failures failed"
  [ "$failures" = 0 ]
}
