#!/usr/bin/env bash
# OpenAPI 3.0 `nullable: true` without `type` (tests/data/nullable): by
# default it has no effect, as 3.0.3 says (null is refused by what else the
# schema says); a binding generated with --nullable-without-type=allow-null
# accepts null there, and only there.
set -eu
. "$(dirname "$0")/validate_lib.bash"
build=$(cd "$1" && pwd)
d=tests/data/nullable
valid="1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
"

for cli in nullable-cli nullable-allowed-cli; do
  expect "$cli: nullable with type admits null" 0 "$valid" '' -- \
    "$build/tests/$cli" validate --format text --schema TypedColor $d/null.json
  expect "$cli: no nullable, no null" 1 "$d/null.json:1:1: error: (root): must be object, found null
1 document, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$build/tests/$cli" validate --format text --schema Pet $d/null.json
done

expect "no effect: allOf \$ref refuses null" 1 "$d/null.json:1:1: error: (root): must be object, found null
1 document, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$build/tests/nullable-cli" validate --format text --schema MaybePet $d/null.json
expect "no effect: enum refuses null" 1 "$d/null.json:1:1: error: (root): must be equal to one of the allowed values: \"red\", \"green\", found null
1 document, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$build/tests/nullable-cli" validate --format text --schema Color $d/null.json
expect "no effect: a member's enum refuses null" 1 "$d/owner-null-color.json:1:11: error: /color: must be equal to one of the allowed values: \"red\", found null
1 document, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$build/tests/nullable-cli" validate --format text --schema Owner $d/owner-null-color.json

expect "allow-null: allOf \$ref admits null" 0 "$valid" '' -- \
  "$build/tests/nullable-allowed-cli" validate --format text --schema MaybePet $d/null.json
expect "allow-null: enum admits null" 0 "$valid" '' -- \
  "$build/tests/nullable-allowed-cli" validate --format text --schema Color $d/null.json
expect "allow-null: a member's enum admits null" 0 "$valid" '' -- \
  "$build/tests/nullable-allowed-cli" validate --format text --schema Owner $d/owner-null-color.json

finish
