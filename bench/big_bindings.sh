#!/usr/bin/env bash
# big_bindings.sh - what a binding costs to build (bench/README.md, "Big
# bindings"). Not a test; prints figures, changes nothing in the tree.
#
#   big_bindings.sh compile OAS2C RUNTIME_DIR SPEC [PARTS] [RUNS]
#     Generates SPEC (prefix ld_, --parts PARTS when PARTS > 1) into a
#     temporary directory and compiles every generated .c as the project
#     does (RelWithDebInfo: -O2 -g, -fPIC, its warnings, -Werror): each file
#     alone (median of RUNS, default 3, user+sys seconds), then all of them
#     with two jobs at a time (median wall). Prints generation time, lines,
#     object sizes.
#   big_bindings.sh project SRC_DIR BUILD_DIR [PARTS]
#     The whole project as it would be with ldrest on the full LaunchDarkly
#     spec: SRC_DIR mirrored (symlinks) with a top-level CMakeLists.txt whose
#     ldrest binding is spec/ld-openapi.yaml (PARTS n when
#     given), configured without tests into BUILD_DIR (emptied first), built
#     with `cmake --build -j2`. Prints the wall time and the stripped ldrest.
#   big_bindings.sh table OAS2C RUNTIME_DIR [SPEC[:PARTS]...]
#     One markdown row per spec (default: the seed spec, tests/data/call/
#     shop.yaml, the full LaunchDarkly spec with --parts 3): spec bytes,
#     operations, generation time (median of 5, under `chrt -f 10` when
#     root: the machine's other load kept out), generated lines, object
#     text + data, compile CPU summed over the files and wall with 2 jobs
#     (one run each).
set -euo pipefail

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

compile() {
  local oas2c=$1 runtime=$2 spec=$3 parts=${4:-1} runs=${5:-3}
  local dir; dir=$(mktemp -d)
  trap 'rm -rf "$dir"' RETURN
  local args=(--prefix ld_ --output "$dir")
  [ "$parts" -gt 1 ] && args+=(--parts "$parts")
  local times=() t0
  for _ in 1 2 3 4 5; do
    t0=$(now); "$oas2c" "${args[@]}" "$spec" 2>/dev/null; times+=("$(echo "$(now) - $t0" | bc)")
  done
  printf 'generate: %.3f s (median of 5)\n' "$(printf '%s\n' "${times[@]}" | median)"
  echo "lines: $(cat "$dir"/*.[ch] | wc -l) in $(ls "$dir" | wc -l) files ($(cat "$dir"/*.c | wc -l) in .c)"
  local flags=(-std=c11 -O2 -g -DNDEBUG -fPIC -Wall -Wextra -Wshadow -Wstrict-prototypes
               -Wmissing-prototypes -Werror -pedantic -D_POSIX_C_SOURCE=200809L
               -I"$runtime" -I"$dir")
  local c f s
  for c in "$dir"/*.c; do
    f=$(basename "$c" .c)
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%U %S' -o "$dir/$f.time" gcc "${flags[@]}" -c "$c" -o "$dir/$f.o"
      awk '{print $1 + $2}' "$dir/$f.time"
    done | median | xargs printf '  %-22s %6.2f s cpu' "$f.c"
    size "$dir/$f.o" | awk 'NR == 2 {printf "  text %9d  data %8d\n", $1, $2}'
  done
  local walls=()
  for _ in $(seq "$runs"); do
    rm -f "$dir"/*.o
    t0=$(now)
    printf '%s\n' "$dir"/*.c | xargs -P 2 -I{} sh -c 'gcc "$@" -c "$0" -o "${0%.c}.o"' {} "${flags[@]}"
    walls+=("$(echo "$(now) - $t0" | bc)")
  done
  printf 'all .c with 2 jobs: %.1f s wall (median of %s)\n' \
    "$(printf '%s\n' "${walls[@]}" | median)" "$runs"
  size "$dir"/*.o | awk 'NR > 1 {t += $1; d += $2} END {printf "objects: text %d, data %d bytes\n", t, d}'
}

project() {
  local src; src=$(cd "$1" && pwd)
  local build=$2 parts=${3:-}
  local mirror; mirror=$(mktemp -d)
  trap 'rm -rf "$mirror"' RETURN
  local e
  for e in "$src"/*; do
    [ "$(basename "$e")" = CMakeLists.txt ] || ln -s "$e" "$mirror/"
  done
  local extra=""
  [ -n "$parts" ] && extra=" PARTS $parts"
  sed "s|SPEC spec/insights-scores.yaml|SPEC spec/ld-openapi.yaml$extra|" \
    "$src/CMakeLists.txt" > "$mirror/CMakeLists.txt"
  grep -q "ld-openapi.yaml" "$mirror/CMakeLists.txt" || { echo "no ldrest binding to replace"; exit 1; }
  rm -rf "$build"
  cmake -S "$mirror" -B "$build" -DOAS_BUILD_TESTS=OFF >/dev/null
  local t0; t0=$(now)
  cmake --build "$build" -j2 >/dev/null
  printf 'cmake --build -j2: %.1f s wall\n' "$(echo "$(now) - $t0" | bc)"
  strip -o "$build/ldrest.stripped" "$build/ldrest"
  echo "ldrest: $(stat -c %s "$build/ldrest") bytes, stripped $(stat -c %s "$build/ldrest.stripped")"
}

# row SPEC PARTS: one line of the table (see the header).
row() {
  local oas2c=$1 runtime=$2 spec=$3 parts=$4
  local dir; dir=$(mktemp -d)
  local args=(--prefix ld_ --output "$dir") rt=() t0 times=() c
  [ "$parts" -gt 1 ] && args+=(--parts "$parts")
  [ "$(id -u)" = 0 ] && rt=(chrt -f 10)
  for _ in 1 2 3 4 5; do
    # shellcheck disable=SC2016 # expanded by the inner shell
    times+=("$("${rt[@]}" bash -c 't0=$(date +%s%N); "$@" 2>/dev/null; t1=$(date +%s%N)
      echo "($t1 - $t0) / 1000000000" | bc -l' _ "$oas2c" "${args[@]}" "$spec")")
  done
  local flags=(-std=c11 -O2 -g -DNDEBUG -fPIC -Wall -Wextra -Wshadow -Wstrict-prototypes
               -Wmissing-prototypes -Werror -pedantic -D_POSIX_C_SOURCE=200809L
               -I"$runtime" -I"$dir")
  local cpu=0
  for c in "$dir"/*.c; do
    /usr/bin/time -f '%U %S' -o "$dir/cc.time" gcc "${flags[@]}" -c "$c" -o "${c%.c}.o"
    cpu=$(awk -v t="$cpu" '{print t + $1 + $2}' "$dir/cc.time")
  done
  rm -f "$dir"/*.o
  t0=$(now)
  # shellcheck disable=SC2016 # expanded by sh -c
  printf '%s\n' "$dir"/*.c | xargs -P 2 -I{} sh -c 'gcc "$@" -c "$0" -o "${0%.c}.o"' {} "${flags[@]}"
  local wall; wall=$(echo "$(now) - $t0" | bc)
  printf '| %s%s | %s | %s | %.3f s | %s (%s files) | %s B | %.1f s | %.1f s |\n' \
    "$(basename "$spec")" "$([ "$parts" -gt 1 ] && echo ", --parts $parts")" \
    "$(stat -c %s "$spec")" "$(grep -c 'operationId:' "$spec")" \
    "$(printf '%s\n' "${times[@]}" | median)" "$(cat "$dir"/*.[ch] | wc -l)" \
    "$(printf '%s\n' "$dir"/*.[ch] | wc -l)" \
    "$(size "$dir"/*.o | awk 'NR > 1 {t += $1 + $2} END {print t}')" "$cpu" "$wall"
  rm -rf "$dir"
}

table() {
  local oas2c=$1 runtime=$2 root
  shift 2
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  [ $# -gt 0 ] || set -- "$root/spec/insights-scores.yaml" "$root/tests/data/call/shop.yaml" \
    "$root/spec/ld-openapi.yaml:3"
  echo "| spec | bytes | operations | generate (median of 5) | generated lines (.c+.h) | objects (text + data) | compile, CPU summed | compile, 2 jobs (wall) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  local s
  for s in "$@"; do
    if [[ "$s" == *:* ]]; then row "$oas2c" "$runtime" "${s%:*}" "${s##*:}"; else row "$oas2c" "$runtime" "$s" 1; fi
  done
}

case "${1:-}" in
  compile) shift; compile "$@" ;;
  table) shift; table "$@" ;;
  project) shift; project "$@" ;;
  *) sed -n '2,26p' "$0"; exit 2 ;;
esac
