#!/usr/bin/env bash
# Any user's spec (docs/ANY-SPEC.md): a petstore project (tests/data/any-spec:
# a 3.0 spec with a path parameter, an enum, a nullable, a oneOf, a server
# path /v1, a 4XX range) uses oas2c_add_binding, (1) with this source tree
# added as a subdirectory, (2) with find_package(ldrest) on an installed
# copy of $1. Both get a library that a C program links, petstore-cli and
# petstore-validate, checked here with exact output and exit status.
set -eu
. "$(dirname "$0")/validate_lib.bash"
build=$(cd "$1" && pwd)
root=$(pwd)
cp tests/data/any-spec/* "$tmp/"
cd "$tmp"

flags=()
if grep -q '^OAS_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
  flags=(-DCMAKE_C_FLAGS=-fsanitize=address,undefined
         -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined)
fi

# checks DIR: the CLI and the program of one build of the project
checks() {
  local v=$1/petstore-validate how=$2
  expect "$how: valid Pet" 0 "1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$v" --schema Pet --format text pet-valid.json

  expect "$how: invalid Pet" 1 "pet-invalid.json:2:9: error: /id: must be integer, found string \"7\"
pet-invalid.json:3:11: error: /name: must NOT have fewer than 1 characters, found string \"\"
pet-invalid.json:4:13: error: /status: must be equal to one of the allowed values: \"available\", \"pending\", \"sold\", found string \"lost\"
pet-invalid.json:5:11: error: /kind: must match exactly one schema in oneOf
pet-invalid.json:5:21: error: /kind/lives: must be <= 9, found integer 12
1 document, 0 valid, 1 invalid, 0 malformed, 5 errors
" '' -- "$v" --schema Pet --format text pet-invalid.json

  expect "$how: by operation and status range" 1 "pet-valid.json:1:1: error: (root): must have required property \"title\"
1 document, 0 valid, 1 invalid, 0 malformed, 1 error
" '' -- "$v" --operation getPet --status 404 --format text pet-valid.json

  expect "$how: no target in a two-operation spec" 2 '' "petstore-validate: the spec has 2 operations; say what to validate against:
  operations (--operation): getPet, listMyPets
  schemas (--schema): Cat, Dog, Pet, Problem
" -- "$v" pet-valid.json

  expect "$how: --status without --operation, no default operation" 2 '' "petstore-validate: --status needs --operation ID (there is no default operation)
" -- "$v" --status 404 pet-valid.json

  # /v1 stripped (server path), /pets/mine beats /pets/{petId}, a capture
  # from a mock at / still matches, 4XX declares application/problem+json.
  expect "$how: HAR" 1 "capture.har:5:133: error: entry 3 GET /v1/pets/7 403: content type application/json is not declared for getPet 4XX (declared: application/problem+json)
capture.har:6:38: error: entry 4 GET /v2/pets/7 200: no operation matches GET /v2/pets/7
5 entries, 3 valid, 2 invalid, 0 malformed, 2 errors
" '' -- "$v" --har --format text capture.har

  expect "$how: petstore-cli validate" 0 "1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
" '' -- "$1/petstore-cli" validate --schema Pet --format text pet-valid.json
  expect "$how: petstore-cli call, refused before any I/O" 2 '' "/path/petId: must be integer, found string \"seven\"
" -- "$1/petstore-cli" call getPet -p petId=seven

  expect "$how: program on the library" 0 "Rex (#7) is a dog, tag null
" '' -- "$1/app" pet-valid.json
  expect "$how: program, invalid Pet" 1 '' "expected integer, got string at '/id'
" -- "$1/app" pet-invalid.json
}

# (1) in-tree: add_subdirectory(<this tree>)
if ! { cmake -S . -B in-tree -DOAS2C_SOURCE_DIR="$root" -DCMAKE_BUILD_TYPE=Debug "${flags[@]}" &&
       cmake --build in-tree -j2; } >build.log 2>&1; then
  cat build.log; echo "FAIL in-tree: the user project did not build"; exit 1
fi
checks in-tree "in-tree"

# (2) installed: find_package(ldrest) provides oas2c_add_binding too
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
sed -e 's|^set(OAS_BUILD_TESTS OFF)$||' \
    -e 's|^add_subdirectory(.*EXCLUDE_FROM_ALL)$|find_package(ldrest REQUIRED)|' CMakeLists.txt >CMakeLists.new
grep -q '^find_package(ldrest REQUIRED)$' CMakeLists.new || { echo "FAIL: sed did not apply"; exit 1; }
mkdir installed-src && mv CMakeLists.new installed-src/CMakeLists.txt
cp petstore.yaml app.c installed-src/
if ! { cmake -S installed-src -B installed -DCMAKE_PREFIX_PATH="$tmp/prefix" "${flags[@]}" &&
       cmake --build installed -j2; } >build.log 2>&1; then
  cat build.log; echo "FAIL installed: the user project did not build"; exit 1
fi
checks installed "installed"

finish
