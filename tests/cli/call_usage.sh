#!/usr/bin/env bash
# `call`'s usage errors name the argument at fault, whole and escaped for
# the terminal, before any I/O (options and the operation in any order).
set -eu
. "$(dirname "$0")/validate_lib.bash"

expect "an unknown short option is named whole" 2 '' \
"ldrest call: unknown option '-dash' (see --help)
" -- "$ldrest" call getInsightsScores -dash
expect "an unknown option before the operation" 2 '' \
"ldrest call: unknown option '-xyz' (see --help)
" -- "$ldrest" call -xyz getInsightsScores
expect "a missing value" 2 '' \
"ldrest call: option '-p' needs a value
" -- "$ldrest" call getInsightsScores -p
expect "a second operation" 2 '' \
"ldrest call: one operation at a time; unexpected 'extra' (parameters go as -p NAME=VALUE)
" -- "$ldrest" call -p projectKey=p getInsightsScores extra
expect "a hostile option, escaped" 2 '' \
"ldrest call: unknown option '--\\x1B]0;t\\x07' (see --help)
" -- "$ldrest" call getInsightsScores $'--\e]0;t\a'
expect "a hostile pair, escaped" 2 '' \
"ldrest call: -p wants NAME=VALUE, got '\\x1B[2J'
" -- "$ldrest" call getInsightsScores -p $'\e[2J'

finish
