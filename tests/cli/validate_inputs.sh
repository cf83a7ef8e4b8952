#!/usr/bin/env bash
# Inputs: a directory is walked for *.json, *.ndjson, *.jsonl and *.har, in
# sorted order (*.ndjson/*.jsonl read as NDJSON, *.har as HAR captures, by
# name; symbolic links to directories not followed); quoted globs, "**" at any depth; a name that matches nothing, or
# a directory without documents, is an error (exit 2) naming it.
set -eu
. "$(dirname "$0")/validate_lib.bash"
root=$(pwd)
cd "$tmp"
mkdir -p tree/a/deeper empty
cp "$root/spec/examples/insight-scores-minimal.json" tree/b.json
cp "$root/spec/examples/examples.ndjson" tree/a/z.ndjson
tr -d '\n ' <"$root/spec/examples/insight-scores-null-last-period.json" >tree/a/deeper/x.jsonl
echo 'not a document' >tree/a/notes.txt
cp "$root/tests/data/har/valid.har" tree/c.har
ln -s .. tree/a/loop   # a symbolic link to a directory is not followed: no loop

sources() { sed 's/^{"source":"\([^"]*\)","index":\([0-9]*\).*/\1 \2/'; }

expect "a directory, every document below it in order" 1 '*' '' -- \
  "$ldrest" validate --format json tree
sources <"$tmp/out" >"$tmp/got"
diff -u - "$tmp/got" <<'LIST' || failures=$((failures + 1))
tree/a/deeper/x.jsonl 0
tree/a/z.ndjson 0
tree/a/z.ndjson 1
tree/a/z.ndjson 2
tree/b.json 0
tree/c.har 0
tree/c.har 1
LIST

expect "a directory, text" 1 \
'tree/a/deeper/x.jsonl:1:229: error: /scores/overall/lastPeriod: must be object, found null
tree/a/deeper/x.jsonl:1:344: error: /scores/deploymentFrequency/lastPeriod: must be object, found null
tree/a/z.ndjson:3:229: error: /scores/overall/lastPeriod: must be object, found null
tree/a/z.ndjson:3:344: error: /scores/deploymentFrequency/lastPeriod: must be object, found null
7 documents, 5 valid, 2 invalid, 0 malformed, 4 errors
' '' -- "$ldrest" validate --format text tree

expect "a quoted glob" 1 \
'tree/a/z.ndjson:3:229: error: /scores/overall/lastPeriod: must be object, found null
tree/a/z.ndjson:3:344: error: /scores/deploymentFrequency/lastPeriod: must be object, found null
3 documents, 2 valid, 1 invalid, 0 malformed, 2 errors
' '' -- "$ldrest" validate --format text 'tree/a/*.ndjson'

expect "** matches at any depth" 0 \
'1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
' '' -- "$ldrest" validate --format text 'tree/**/*.json'

expect "** then a path" 1 \
'tree/a/deeper/x.jsonl:1:229: error: /scores/overall/lastPeriod: must be object, found null
tree/a/deeper/x.jsonl:1:344: error: /scores/deploymentFrequency/lastPeriod: must be object, found null
1 document, 0 valid, 1 invalid, 0 malformed, 2 errors
' '' -- "$ldrest" validate --format text '**/deeper/*.jsonl'

expect "a glob matching nothing" 2 \
'1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
' "ldrest validate: tree/*.yaml: no file matches this pattern
" -- "$ldrest" validate --format text 'tree/*.yaml' tree/b.json

expect "** below a missing directory" 2 '0 documents, 0 valid, 0 invalid, 0 malformed, 0 errors
' "ldrest validate: nope/**/*.json: no such directory
" -- "$ldrest" validate --format text 'nope/**/*.json'

expect "a directory without documents" 2 '0 documents, 0 valid, 0 invalid, 0 malformed, 0 errors
' "ldrest validate: empty: no *.json, *.ndjson, *.jsonl or *.har file below it
" -- "$ldrest" validate --format text empty

# A file named like a pattern is that file.
cp tree/b.json 'lit[1].json'
expect "an existing name with wildcard characters" 0 \
'1 document, 1 valid, 0 invalid, 0 malformed, 0 errors
' '' -- "$ldrest" validate --format text 'lit[1].json'

expect "--har: a walk picks the captures only" 0 '2 entries, 2 valid, 0 invalid, 0 malformed, 0 errors
' '' -- "$ldrest" validate --har --format text tree
expect "--har: a directory without captures" 2 '0 entries, 0 valid, 0 invalid, 0 malformed, 0 errors
' "ldrest validate: tree/a: no *.har file below it
" -- "$ldrest" validate --har --format text tree/a

# Files are read into one buffer kept from file to file: a short file
# after a long one is its own bytes alone, on one thread or several.
mkdir seq
python3 -c 'import json, sys; print(json.dumps(json.load(sys.stdin), indent=8))' \
  <"$root/spec/examples/insight-scores-minimal.json" >seq/a.json
printf '{"period":' >seq/b.json
for jobs in 1 2; do
  expect "a short file after a long one, --jobs $jobs" 2 \
'seq/b.json:1:11: error: malformed JSON (byte offset 10): unexpected end of input, expected a value
2 documents, 1 valid, 0 invalid, 1 malformed, 0 errors
' '' -- "$ldrest" validate --format text --jobs "$jobs" seq
done

# A capture among documents reports in their format: its entries are
# testcases of the same JUnit suite.
"$ldrest" validate --format junit tree >junit.xml || true
grep -c '<testcase classname="tree/c.har" name="entry [01] GET https://' junit.xml >count.txt || true
expect "*.har in a walk, junit: a testcase per entry" 0 '2
' '' -- cat count.txt

finish
