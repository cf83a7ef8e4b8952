#!/usr/bin/env bash
# strict_compile.sh GENERATED_DIR RUNTIME_DIR PREFIX
# The generated binding must compile with -std=c11 -Wall -Wextra -Werror
# -pedantic under gcc and clang, and its headers must parse as C++ (g++).
# Syntax/semantic checks only (-fsyntax-only): the build itself compiles
# the objects once, so this stays fast.
set -euo pipefail
dir=$1 runtime=$2 prefix=$3
flags=(-std=c11 -Wall -Wextra -Werror -pedantic -D_POSIX_C_SOURCE=200809L -I"$runtime" -I"$dir")
status=0
for cc in gcc clang; do
  if ! command -v "$cc" >/dev/null; then
    echo "strict_compile: $cc not installed"; status=1; continue
  fi
  for src in "$dir/$prefix"*.c; do
    if "$cc" "${flags[@]}" -fsyntax-only "$src"; then
      echo "ok   $cc $(basename "$src")"
    else
      echo "FAIL $cc $(basename "$src")"; status=1
    fi
  done
done
hdr=$(mktemp --suffix=.cpp)
trap 'rm -f "$hdr"' EXIT
for h in "$dir/$prefix"*.h; do echo "#include \"$(basename "$h")\""; done > "$hdr"
if g++ -std=c++17 -Wall -Wextra -Werror -pedantic -I"$runtime" -I"$dir" -fsyntax-only "$hdr"; then
  echo "ok   g++ (C++17) $(ls "$dir/$prefix"*.h | xargs -n1 basename | tr '\n' ' ')"
else
  echo "FAIL g++ headers"; status=1
fi
exit $status
