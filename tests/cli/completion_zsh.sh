#!/usr/bin/env bash
# completions/_ldrest (zsh): parses (zsh -n), and offers what --help shows:
# ldrest's commands with their summaries, a command's options, operation ids
# after `validate --operation`, oas2c's options. zsh's completion builtins
# are stubbed to print what they are given (matching against the typed
# prefix is zsh's job, not the script's).
set -euo pipefail
build=$(cd "$1" && pwd)
command -v zsh >/dev/null || { echo "FAIL zsh is not installed (scripts/install-deps.sh installs it)"; exit 1; }
zsh -n completions/_ldrest || { echo "FAIL zsh -n completions/_ldrest"; exit 1; }
failures=0

offered() {  # SERVICE CURRENT WORD...
  local service=$1 current=$2
  shift 2
  PATH=$build:$PATH zsh -f -c '
    compadd() { [[ $1 == -a ]] && print -l -- ${(P)2} }
    _describe() { print -l -- ${(P)4} }
    _files() { print -- "_files $*" }
    service=$1 CURRENT=$2; shift 2; words=("$@"); PREFIX=$words[CURRENT]
    source completions/_ldrest' zsh "$service" "$current" "$@"
}

expect_line() {  # LINE SERVICE CURRENT WORD...
  local line=$1
  shift
  offered "$@" | grep -qxF -- "$line" || { echo "FAIL ${*:3}<TAB>: '$line' not offered"; failures=$((failures + 1)); }
}

expect_line "validate:validate documents, request bodies or HAR captures against the spec" ldrest 2 ldrest val
expect_line "--operation" ldrest 3 ldrest validate --op
expect_line "--max-connections" ldrest 3 ldrest mock --
for cmd in validate mock scores; do
  expect_line "--assert-formats" ldrest 3 ldrest $cmd --
done
expect_line "--assert-formats" ldrest 4 ldrest call getProjects --
expect_line "GetReleasePolicies" ldrest 4 ldrest validate --operation Get
expect_line "_files " ldrest 3 ldrest validate some-fi
expect_line "--check" oas2c 2 oas2c --ch
expect_line "_files -/" oas2c 3 oas2c -o ""

[ "$failures" -eq 0 ] && echo "zsh completion: parses; commands, options and operation ids from --help"
[ "$failures" -eq 0 ]
