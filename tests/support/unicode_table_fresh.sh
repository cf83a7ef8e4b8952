#!/bin/sh
# runtime/src/oas_unicode_table.c is what scripts/gen_unicode_categories.py
# writes, and oas_unicode.c numbers the categories in the script's order.
# Skipped (77) when this python3 was built with another Unicode version:
# then the difference would be the data's age, not an edit.
set -eu
src=$1
py=/usr/bin/python3
table="$src/runtime/src/oas_unicode_table.c"
script="$src/scripts/gen_unicode_categories.py"

script_order=$($py -c 'import re,sys; s=open(sys.argv[1]).read(); m=re.search(r"CATEGORIES = \[(.*?)\]", s, re.S); print(" ".join(re.findall(r"\"(\w\w)\"", m.group(1))).upper())' "$script")
c_order=$(sed -n '/^enum { [A-Z][A-Z],/,/};/p' "$src/runtime/src/oas_unicode.c" | tr -c 'A-Z\n' ' ' | tr -s ' \n' '  ' | sed 's/^ *//; s/ *$//')
if [ "$script_order" != "$c_order" ]; then
    echo "category order differs: script [$script_order], oas_unicode.c [$c_order]"
    exit 1
fi

have=$($py -c 'import unicodedata; print(unicodedata.unidata_version)')
if ! grep -q "(Unicode $have)" "$table"; then
    echo "skipped: $py has Unicode $have; the table says: $(grep -o '(Unicode [0-9.]*)' "$table")"
    exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
$py "$script" >"$out"
if ! cmp -s "$out" "$table"; then
    echo "runtime/src/oas_unicode_table.c is stale or edited; run: scripts/gen_unicode_categories.py > runtime/src/oas_unicode_table.c"
    exit 1
fi
echo "oas_unicode_table.c is fresh (Unicode $have); category order agrees"
