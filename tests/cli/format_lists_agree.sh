#!/usr/bin/env bash
# The formats asserted under --assert-formats are named in several places:
# the runtime's oas_format names, the generator's format -> OAS_FMT_* map,
# every --help that offers --assert-formats, and the README. All name the
# same set (a format added to the runtime but not to a help text fails here).
set -euo pipefail
build=$(cd "$1" && pwd)
fail() { echo "FAIL: $*"; exit 1; }
sorted() { tr ',' '\n' | sed 's/[ `.]//g' | grep -v '^$' | sort | tr '\n' ' '; }

runtime=$(sed -n '/^const char \*oas_format_name/,/^}/p' runtime/src/oas_format.c |
          grep -o '= "[a-z0-9-]*"' | sed 's/= "\(.*\)"/\1/' | sort | tr '\n' ' ')
[ -n "$runtime" ] || fail "no format names in runtime/src/oas_format.c"
codegen=$(sed -n '/"OAS_FMT_INT32"/,/};/p' codegen/emit_validate_body.c |
          grep -o '{"[a-z0-9-]*", "OAS_FMT' | sed 's/{"\(.*\)", "OAS_FMT/\1/' | sort | tr '\n' ' ')
[ "$codegen" = "$runtime" ] || fail "generator maps [$codegen], runtime names [$runtime]"

# The list in a --help: from the --assert-formats line to the list's end.
help_list() {
    "$@" --help | tr '\n' ' ' | tr -s ' ' |
        sed -n 's/.*--assert-formats [^:]*: \(int32[a-z0-9, -]*email\).*/\1/p' | sorted
}
for cmd in "validate" "call" "mock"; do
    got=$(help_list "$build/ldrest" $cmd)
    [ "$got" = "$runtime" ] || fail "ldrest $cmd --help lists [$got], runtime [$runtime]"
done
got=$(help_list "$build/tests/events-cli" validate)
[ "$got" = "$runtime" ] || fail "generic validate --help lists [$got], runtime [$runtime]"

# README "Formats": the names backquoted from the list's first line up to
# the annotation-only list, which starts a line with `byte`.
# (A name followed by ")" is a keyword in a remark: "left to `type`)".)
readme=$(sed -n '/^`int32`, `int64`/,/^`byte`/p' README.md | sed '$d' | tr '\n' ' ' |
         grep -o '`[a-z][a-z0-9-]*`[ ,]' | tr -d '`, ' | sort -u | tr '\n' ' ')
[ "$readme" = "$runtime" ] || fail "README lists [$readme], runtime [$runtime]"
echo "format lists agree: $runtime"
