#!/usr/bin/env bash
# The README's C example, compiled the two ways the README says against an
# installed copy of the library: pkg-config, and find_package(ldrest).
set -euo pipefail
build=$(cd "$1" && pwd)
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
awk '/<!-- readme-example/{f=1} f&&/^```c$/{c=1;next} c&&/^```$/{exit} c' README.md >"$tmp/app.c"
[ -s "$tmp/app.c" ] || { echo "no C example found in README.md"; exit 1; }

extra=""
if grep -q '^OAS_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
  extra="-fsanitize=address,undefined"   # the library is instrumented
fi

export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig:$tmp/prefix/lib64/pkgconfig"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror $extra -o "$tmp/app" "$tmp/app.c" $(pkg-config --cflags --libs ldrest)
out=$(LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/app" spec/examples/insight-scores-full.json)
expected=$(python3 -c 'import json,sys; o=json.load(open(sys.argv[1]))["scores"]["overall"]; print("overall score %d, trend %+d" % (o["score"], o.get("diffVsLastPeriod",0)))' spec/examples/insight-scores-full.json)
[ "$out" = "$expected" ] || { echo "pkg-config build printed '$out', expected '$expected'"; exit 1; }
if LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/app" spec/examples/insight-scores-violations.json 2>"$tmp/err"; then
  echo "invalid document parsed"; exit 1
fi
[ "$(cat "$tmp/err")" = "wrong JSON type: expected integer, got 1719792000000.5 at '/period/endTime'" ] ||
  { echo "unexpected error: $(cat "$tmp/err")"; exit 1; }

mkdir -p "$tmp/consumer"
cp "$tmp/app.c" "$tmp/consumer/app.c"
cat >"$tmp/consumer/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(ldrest REQUIRED)
add_executable(app app.c)
target_link_libraries(app PRIVATE ldrest::ldrest_static)
if("$extra" STREQUAL "-fsanitize=address,undefined")
  target_compile_options(app PRIVATE -fsanitize=address,undefined)
  target_link_options(app PRIVATE -fsanitize=address,undefined)
endif()
CM
cmake -S "$tmp/consumer" -B "$tmp/consumer/build" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer/build" >/dev/null
out2=$("$tmp/consumer/build/app" spec/examples/insight-scores-full.json)
[ "$out2" = "$expected" ] || { echo "find_package build printed '$out2'"; exit 1; }
echo "README example: pkg-config and find_package builds print: $out"
