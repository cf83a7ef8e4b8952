#!/usr/bin/env bash
# The man pages built from --help (cmake/HelpToMan.cmake): groff renders
# them without a warning, and every option that `PROGRAM [COMMAND] --help`
# shows appears in the rendered page, as does each command's section.
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# options_of PROGRAM [COMMAND]: --name and -x words of its --help.
options_of() {
  "$@" --help | grep -oE -- '(^|[[ ,|])--?[A-Za-z][A-Za-z0-9-]*' | grep -oE -- '--?[A-Za-z][A-Za-z0-9-]*' | sort -u
}

check_page() {  # PAGE PROGRAM [COMMAND...]
  local page=$build/man/$1.1 program=$2
  shift 2
  [ -f "$page" ] || { fail "no $page"; return; }
  groff -man -Tutf8 -ww -z "$page" 2>"$tmp/warnings"
  [ ! -s "$tmp/warnings" ] || fail "$page: groff warns: $(cat "$tmp/warnings")"
  groff -man -Tutf8 -P-cbou "$page" > "$tmp/text" 2>/dev/null
  local n=0
  for command in "" "$@"; do
    # shellcheck disable=SC2086  # "" is no command
    for opt in $(options_of "$program" $command); do
      n=$((n + 1))
      grep -qF -- "$opt" "$tmp/text" || fail "$page: $opt of \`$(basename "$program") $command --help\` is missing"
    done
    if [ -n "$command" ]; then
      local heading
      heading=$(echo "$(basename "$program") $command" | tr a-z A-Z)
      grep -qx "$heading" "$tmp/text" || fail "$page: no section $heading"
    fi
  done
  [ "$n" -gt 10 ] || fail "$page: only $n options found in --help"
}

check_page oas2c "$build/oas2c"
grep -q -- "--check" "$tmp/text" || fail "oas2c.1 does not show --check"
check_page ldrest "$build/ldrest" call scores validate mock
grep -qx "NAME-CLI" "$tmp/text" || fail "ldrest.1 has no NAME-CLI section"
grep -q "^ *Usage: NAME-cli <command> \[options\]$" "$tmp/text" || fail "ldrest.1 lacks NAME-cli's usage"
# The operation list is --help's, not the page's.
! grep -q "GetReleasePolicies" "$tmp/text" || fail "ldrest.1 lists the spec's operations"

[ "$failures" -eq 0 ] && echo "man pages: render without warnings, show every option of --help"
[ "$failures" -eq 0 ]
