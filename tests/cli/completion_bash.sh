#!/usr/bin/env bash
# completions/ldrest.bash: `ldrest val<TAB>` gives validate; options come
# from each command's --help; `call` and `validate --operation` complete
# operation ids; oas2c completes its options. Driven as bash does: the
# function that `complete -p` names, with COMP_WORDS and COMP_CWORD.
set -euo pipefail
build=$(cd "$1" && pwd)
PATH=$build:$PATH
# shellcheck source=/dev/null
. completions/ldrest.bash
failures=0

complete_words() {  # WORD... (the last is the one being completed)
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  local spec fn
  spec=$(complete -p "$1")
  fn=$(sed -n 's/.* -F \([^ ]*\) .*/\1/p' <<<"$spec")
  COMPREPLY=()
  "$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  [ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}

expect() {  # EXPECTED WORD...
  local want=$1 got
  shift
  got=$(complete_words "$@")
  [ "$got" = "$want" ] || { echo "FAIL $*<TAB>: got '$got', expected '$want'"; failures=$((failures + 1)); }
}

[[ $(complete -p ldrest) == "complete -o default -F _ldrest ldrest" ]] || { echo "FAIL complete -p ldrest: $(complete -p ldrest)"; failures=$((failures + 1)); }
expect "validate " ldrest val
expect "call mock scores validate " ldrest ""
expect "--help --version " ldrest --
expect "--operation " ldrest validate --op
expect "--max-bytes --max-errors " ldrest validate --max
expect "--max-connections " ldrest mock --max-c
expect "--project " ldrest scores --pro
for cmd in validate mock scores; do
  expect "--assert-formats " ldrest $cmd --assert
done
expect "--assert-formats " ldrest call getProjects --assert
expect "GetReleasePolicies GetReleasePolicy " ldrest validate --operation GetReleasePolic
expect "GetReleasePolicies GetReleasePolicy " ldrest call GetReleasePolic
expect "" ldrest validate some-fi   # files: bash's default
# Any NAME-cli (here the placeholder one the man page is made from).
complete -o default -F _ldrest name_cli
expect "call mock validate " name_cli ""
expect "--har " name_cli validate --ha
expect "--check " oas2c --ch
expect "--output --overlay " oas2c --o

[ "$failures" -eq 0 ] && echo "bash completion: commands, options and operation ids from --help"
[ "$failures" -eq 0 ]
