#!/usr/bin/env bash
# The suite under the tools: (1) valgrind memcheck over every cmocka test
# program of a plain debug build (leaks and errors fail); (2) a ThreadSanitizer
# build (clang) running test_threads and the other runtime/binding tests.
# ASan+UBSan over the whole suite is scripts/test.sh's second stage.
# usage: scripts/sanitizers.sh [valgrind|tsan]...   (default: both)
# env: BUILD_DIR (build-valgrind), TSAN_BUILD_DIR (build-tsan), JOBS (2)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=${JOBS:-2}
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(valgrind tsan)
status=0

build_in() { # dir cmake-args...
  local dir=$1
  shift
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Debug "$@" >/dev/null &&
    cmake --build "$dir" -j "$jobs" >"$dir/build.log" 2>&1 ||
    { tail -40 "$dir/build.log" >&2; echo "sanitizers.sh: build in $dir failed" >&2; return 1; }
}

run_valgrind() {
  local dir=${BUILD_DIR:-$root/build-valgrind}
  # CMake prefixes every test whose command is a built program (the cmocka
  # tests, the fuzz replays) with this "emulator"; script tests run as usual.
  build_in "$dir" "-DCMAKE_CROSSCOMPILING_EMULATOR=valgrind;-q;--error-exitcode=99;--leak-check=full;--errors-for-leak-kinds=definite,indirect" ||
    return 1
  # valgrind is ~30x slower: the huge hostile-input cases are scaled down.
  export OAS_HOSTILE_SMALL=1
  (cd "$dir" && ctest -j "$jobs" --timeout 1200 -E '^(cli_|reference_|generated_fresh|json_differential)' \
    --output-on-failure) | tail -25
  local rc=${PIPESTATUS[0]}
  echo "valgrind memcheck: $( [ "$rc" -eq 0 ] && echo "zero errors, zero leaks" || echo "FAILED")"
  return "$rc"
}

run_tsan() {
  local dir=${TSAN_BUILD_DIR:-$root/build-tsan}
  CC=clang build_in "$dir" -DOAS_WERROR=ON \
    -DCMAKE_C_FLAGS="-fsanitize=thread -g -O1" -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread \
    -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread || return 1
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
  (cd "$dir" && ctest -j "$jobs" -R 'test_threads|test_http|test_model|test_validate' --output-on-failure) |
    tail -15
  local rc=${PIPESTATUS[0]}
  echo "tsan: $( [ "$rc" -eq 0 ] && echo "no reports" || echo "FAILED")"
  return "$rc"
}

for s in "${stages[@]}"; do
  case $s in
    valgrind) run_valgrind || status=1 ;;
    tsan) run_tsan || status=1 ;;
    *) echo "sanitizers.sh: unknown stage $s" >&2; exit 2 ;;
  esac
done
exit $status
