#!/usr/bin/env bash
# cmake --install puts the man pages and the completions where man, bash
# and zsh look for them under the prefix (component "docs").
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/p" --component docs > /dev/null
failures=0
for f in share/man/man1/ldrest.1 share/man/man1/oas2c.1 \
         share/bash-completion/completions/ldrest share/bash-completion/completions/oas2c \
         share/zsh/site-functions/_ldrest; do
  [ -f "$tmp/p/$f" ] || { echo "FAIL not installed: $f"; failures=$((failures + 1)); }
done
cmp -s "$tmp/p/share/man/man1/ldrest.1" "$build/man/ldrest.1" || { echo "FAIL installed ldrest.1 is not the built one"; failures=$((failures + 1)); }
# man finds the page under the prefix.
MANPATH=$tmp/p/share/man MANWIDTH=80 man oas2c 2>/dev/null | grep -q -- '--check' ||
  { echo "FAIL man oas2c with MANPATH=<prefix>/share/man"; failures=$((failures + 1)); }
[ "$failures" -eq 0 ] && echo "cmake --install: man pages and bash/zsh completions in place"
[ "$failures" -eq 0 ]
