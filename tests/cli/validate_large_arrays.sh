#!/usr/bin/env bash
# A document of 1 MiB or more that is one array, against a schema that
# asserts of arrays only `type` and `items`, or an object whose member's
# array is such (a page: the rest is checked once), is read a run of items
# at a time (tools/validate_parts.c): the output is byte for byte what the
# same schema read whole gives (its twin in tests/data/arrays/arrays.yaml
# adds `minItems: 0` or an idle `dependentSchemas`, which assert nothing
# but make it read whole), in every
# format, with --strict-json and --max-errors, for a malformed document too,
# its runs spread over --jobs threads; and its memory is that of a run, not
# of the whole tree.
set -eu
. "$(dirname "$0")/validate_lib.bash"
build=$(cd "$1" && pwd)
cli=$build/tests/arrays-cli

# big.json: 40,000 items, ~1.2 MB; violations in the first, a middle and
# the last item, duplicate keys in two, strings holding , ] } \ and quotes.
python3 - "$tmp" <<'PY'
import json, sys
out = sys.argv[1]
items = []
for i in range(40000):
    items.append('{"id":%d,"name":",]}\\"%d"}' % (i, i % 10))
items[0] = '{"id":-1,"name":"toolong"}'
items[19999] = '{"id":1,"id":2,"name":"a","tags":["x","x"]}'
items[12345] = '{"id":"7","name":"b","child":{"id":1,"name":"c","child":{"name":5}}}'
items[39999] = '{"id":-3,"name":"e","extra":true,"name":"f"}'
text = "[" + ",\n".join(items) + "]\n"
open(out + "/big.json", "w").write(text)
# where the last item's "id" value starts, for the exact check below
last = text.rindex('{"id":-3')
open(out + "/last_offset", "w").write(str(last + len('{"id":')))
open(out + "/bad.json", "w").write(text[:-2] + ",]\n")
numbers = ",".join(["0"] * 20000000)
open(out + "/numbers.json", "w").write("[" + numbers + "]")
# the same items as a page: members before and after, some invalid
open(out + "/page.json", "w").write('{"total":-1,"x":{"y":1,"y":2},\n"items":' + text.strip() +
                                    ',\n"next":5}\n')
open(out + "/bad-page.json", "w").write('{"total":-1,"items":' + text[:-2] + ',]}')
open(out + "/numbers-page.json", "w").write('{"items":[' + numbers + ']}')
PY
[ "$(stat -c %s "$tmp/big.json")" -ge 1048576 ] || { echo "FAIL big.json is under 1 MiB"; exit 1; }

# Same output as the twin, the twin's name put back.
same_as_whole() {
  local name=$1 per_item=$2 whole=$3
  shift 3
  local rc_parts=0 rc_whole=0
  "$cli" validate "$@" --schema "$per_item" >"$tmp/parts" 2>&1 || rc_parts=$?
  "$cli" validate "$@" --schema "$whole" 2>&1 | sed "s/$whole/$per_item/g" >"$tmp/whole" ||
    true
  "$cli" validate "$@" --schema "$whole" >/dev/null 2>&1 || rc_whole=$?
  checks=$((checks + 1))
  if [ "$rc_parts" != "$rc_whole" ] || ! diff -u "$tmp/whole" "$tmp/parts" >"$tmp/diff"; then
    echo "FAIL $name: exit status $rc_parts (whole: $rc_whole), output (-whole +runs):"
    head -n 40 "$tmp/diff"
    failures=$((failures + 1))
  fi
}

for format in text json junit sarif github; do
  same_as_whole "$format" Items ItemsWhole --format "$format" "$tmp/big.json"
  same_as_whole "$format, --strict-json" Items ItemsWhole --format "$format" --strict-json \
    "$tmp/big.json"
  same_as_whole "$format, malformed" Items ItemsWhole --format "$format" "$tmp/bad.json"
done
for max in 1 2 3 4 5; do
  same_as_whole "--max-errors $max" Items ItemsWhole --format json --max-errors "$max" \
    "$tmp/big.json"
  same_as_whole "--max-errors $max, --strict-json" Items ItemsWhole --format json \
    --max-errors "$max" --strict-json "$tmp/big.json"
done
same_as_whole "two files" Items ItemsWhole --format text "$tmp/big.json" "$tmp/bad.json"
same_as_whole "two jobs" Items ItemsWhole --format text --jobs 2 "$tmp/big.json" "$tmp/bad.json"
# --jobs: the runs of one file are spread over the threads
for jobs in 2 3; do
  same_as_whole "--jobs $jobs, one file" Items ItemsWhole --format json --jobs "$jobs" \
    --strict-json --max-errors 3 "$tmp/big.json"
  same_as_whole "--jobs $jobs, small files around a large one" Items ItemsWhole --format text \
    --jobs "$jobs" tests/data/arrays/arrays.yaml "$tmp/big.json" "$tmp/bad.json" "$tmp/big.json"
done
same_as_whole "numbers" Numbers NumbersWhole --format json "$tmp/numbers.json"

# A page: an object whose member's array is read in runs, the rest once.
for format in text json sarif; do
  same_as_whole "page, $format" ItemsPage ItemsPageWhole --format "$format" "$tmp/page.json"
  same_as_whole "page, $format, --strict-json" ItemsPage ItemsPageWhole --format "$format" \
    --strict-json "$tmp/page.json"
done
for max in 1 2 3; do
  same_as_whole "page, --max-errors $max" ItemsPage ItemsPageWhole --format json --max-errors "$max" \
    "$tmp/page.json"
done
same_as_whole "page, malformed" ItemsPage ItemsPageWhole --format json "$tmp/bad-page.json"
same_as_whole "page, --jobs 2" ItemsPage ItemsPageWhole --format json --jobs 2 --strict-json \
  "$tmp/page.json"
same_as_whole "numbers page" NumbersPage NumbersPageWhole --format json "$tmp/numbers-page.json"
"$cli" validate --operation list-items --status 202 --format json "$tmp/page.json" >"$tmp/op202" || true
checks=$((checks + 1))
grep -q '"instanceLocation":"/items/39999/id"' "$tmp/op202" ||
  { echo "FAIL --operation, a page: the last item's violation is missing"; failures=$((failures + 1)); }

# The exact violation in the last item: its index and byte offset.
offset=$(cat "$tmp/last_offset")
"$cli" validate --schema Items --format json "$tmp/big.json" >"$tmp/out" || true
checks=$((checks + 1))
grep -q "\"instanceLocation\":\"/39999/id\",\"instancePath\":\"/39999/id\",\"keywordLocation\":\"/items/\$ref/properties/id/minimum\",\"absoluteKeywordLocation\":\"#/components/schemas/Item/properties/id/minimum\",\"schemaPath\":\"#/components/schemas/Item/properties/id/minimum\",\"keyword\":\"minimum\",\"params\":{\"comparison\":\">=\",\"limit\":0},\"message\":\"must be >= 0, found integer -3\",\"offset\":$offset}" "$tmp/out" ||
  { echo "FAIL the last item's violation:"; cat "$tmp/out" | head -c 3000; failures=$((failures + 1)); }

# The responses of an operation are read in runs too (200: Items; 201 is
# ItemsWhole).
"$cli" validate --operation list-items --status 200 --format json "$tmp/big.json" >"$tmp/op200" || true
"$cli" validate --operation list-items --status 201 --format json "$tmp/big.json" |
  sed 's/ItemsWhole/Items/g' >"$tmp/op201" || true
checks=$((checks + 1))
diff -u "$tmp/op201" "$tmp/op200" >/dev/null ||
  { echo "FAIL --operation: runs and whole differ"; failures=$((failures + 1)); }

# Memory: 40 MB of numbers needs ~500 MB as one tree, a few MB in runs.
# Under a 300 MB address-space limit only the runs get through (not under
# a sanitizer, which reserves terabytes of address space).
if grep -qaE '__asan_init|__tsan_init' "$cli"; then
  echo "memory part skipped: sanitizer build"
else
  expect "runs: 40 MB of numbers under a 300 MB limit" 0 \
"1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
" '' -- bash -c 'ulimit -v 300000 && exec "$0" validate --schema Numbers --format text "$1"' \
    "$cli" "$tmp/numbers.json"
  expect "runs: a page of 40 MB of numbers under a 300 MB limit" 0 \
"1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
" '' -- bash -c 'ulimit -v 300000 && exec "$0" validate --schema NumbersPage --format text "$1"' \
    "$cli" "$tmp/numbers-page.json"
  rc=0
  bash -c 'ulimit -v 300000 && exec "$0" validate --schema NumbersWhole --format text "$1"' \
    "$cli" "$tmp/numbers.json" >/dev/null 2>&1 || rc=$?
  checks=$((checks + 1))
  [ "$rc" != 0 ] ||
    { echo "FAIL the whole tree fit under the limit: the check above proves nothing"; failures=$((failures + 1)); }
fi
finish
