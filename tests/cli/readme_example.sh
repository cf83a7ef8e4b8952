#!/usr/bin/env bash
# The README's C example, compiled the ways the README says against an
# installed copy of the library: pkg-config (shared, and --static with the
# private dependencies), and find_package(ldrest) with each exported target
# (ldrest::ldrest following BUILD_SHARED_LIBS); each program runs, and links
# the library kind it asked for.
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

# links_shared APP yes|no: whether APP needs libldrest.so at run time.
links_shared() {
  local got=no
  if readelf -d "$1" | grep -q 'NEEDED.*\[libldrest\.so'; then got=yes; fi
  [ "$got" = "$2" ] || { echo "$1: needs libldrest.so: $got, expected $2"; exit 1; }
}
links_shared "$tmp/app" yes

# --static: the private dependencies are listed; linked with the archive.
static_libs=$(pkg-config --static --libs ldrest)
for lib in -lldrest -lcjson -lpthread -lm -ldl; do
  case " $static_libs " in *" $lib "*) ;; *) echo "pkg-config --static --libs ldrest lacks $lib: $static_libs"; exit 1 ;; esac
done
# libcurl is loaded at run time, when a client is first created: not linked.
case " $static_libs " in *" -lcurl "*) echo "pkg-config --static --libs ldrest links libcurl: $static_libs"; exit 1 ;; esac
# Linked with libldrest.a and that list, less what cJSON needs only when it
# is static itself (its own archive and private dependencies need not be
# installed here: it is linked shared).
deps_static=" $(pkg-config --static --libs libcjson) "
deps_shared=" $(pkg-config --libs libcjson) "
link=()
for w in $static_libs; do
  case $w in
    -lldrest) link+=(-l:libldrest.a) ;;
    -lpthread | -lm | -ldl) link+=("$w") ;;
    *) if [[ "$deps_static" != *" $w "* || "$deps_shared" == *" $w "* ]]; then link+=("$w"); fi ;;
  esac
done
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror $extra -o "$tmp/app-static" "$tmp/app.c" $(pkg-config --cflags ldrest) "${link[@]}"
links_shared "$tmp/app-static" no
out=$("$tmp/app-static" spec/examples/insight-scores-full.json)
[ "$out" = "$expected" ] || { echo "pkg-config --static build printed '$out'"; exit 1; }

mkdir -p "$tmp/consumer"
cp "$tmp/app.c" "$tmp/consumer/app.c"
cat >"$tmp/consumer/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(ldrest REQUIRED)
foreach(kind ldrest ldrest_static ldrest_shared)
  add_executable(app_\${kind} app.c)
  target_link_libraries(app_\${kind} PRIVATE ldrest::\${kind})
  if("$extra" STREQUAL "-fsanitize=address,undefined")
    target_compile_options(app_\${kind} PRIVATE -fsanitize=address,undefined)
    target_link_options(app_\${kind} PRIVATE -fsanitize=address,undefined)
  endif()
endforeach()
get_target_property(kind ldrest::ldrest TYPE)
message(STATUS "ldrest::ldrest is a \${kind}")
CM
# In the tree (add_subdirectory, configured only), ldrest::ldrest is the
# same kind as installed.
mkdir "$tmp/in-tree"
cat >"$tmp/in-tree/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.20)
project(in_tree C)
set(OAS_BUILD_TESTS OFF)
add_subdirectory("$root" ldrest EXCLUDE_FROM_ALL)
get_target_property(kind ldrest::ldrest TYPE)
message(STATUS "ldrest::ldrest is a \${kind}")
CM
for shared in OFF ON; do
  [ $shared = ON ] && want=SHARED_LIBRARY || want=STATIC_LIBRARY
  cmake -S "$tmp/in-tree" -B "$tmp/in-tree/build-$shared" -DBUILD_SHARED_LIBS=$shared >"$tmp/cmake.log" 2>&1 ||
    { cat "$tmp/cmake.log"; echo "in-tree project (BUILD_SHARED_LIBS=$shared) did not configure"; exit 1; }
  grep -qx -- "-- ldrest::ldrest is a $want" "$tmp/cmake.log" ||
    { echo "in tree, BUILD_SHARED_LIBS=$shared: $(grep 'ldrest::ldrest is' "$tmp/cmake.log"), expected $want"; exit 1; }
  cmake -S "$tmp/consumer" -B "$tmp/consumer/build-$shared" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
    -DBUILD_SHARED_LIBS=$shared >"$tmp/cmake.log" 2>&1 ||
    { cat "$tmp/cmake.log"; echo "consumer (BUILD_SHARED_LIBS=$shared) did not configure"; exit 1; }
  grep -qx -- "-- ldrest::ldrest is a $want" "$tmp/cmake.log" ||
    { echo "installed, BUILD_SHARED_LIBS=$shared: $(grep 'ldrest::ldrest is' "$tmp/cmake.log"), expected $want"; exit 1; }
  cmake --build "$tmp/consumer/build-$shared" >/dev/null
  for app in app_ldrest app_ldrest_static app_ldrest_shared; do
    out2=$(LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/consumer/build-$shared/$app" spec/examples/insight-scores-full.json)
    [ "$out2" = "$expected" ] || { echo "find_package build ($app, BUILD_SHARED_LIBS=$shared) printed '$out2'"; exit 1; }
  done
  links_shared "$tmp/consumer/build-$shared/app_ldrest_static" no
  links_shared "$tmp/consumer/build-$shared/app_ldrest_shared" yes
done
links_shared "$tmp/consumer/build-OFF/app_ldrest" no
links_shared "$tmp/consumer/build-ON/app_ldrest" yes
echo "README example: pkg-config (shared, --static) and find_package builds print: $out"
