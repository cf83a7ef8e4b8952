#!/usr/bin/env bash
# --jobs N frames NDJSON in blocks (tools/validate_batch.c), --jobs 1 line by
# line (tools/validate_input.c): the same stream must give the same bytes on
# stdout and stderr and the same exit status, wherever lines fall against the
# block boundaries: more tiny lines than a batch holds, lines longer than a
# batch's buffer, overlong lines (--max-bytes) across boundaries, CRLF, blank
# lines, a last line without newline, pipes, several files in one run.
set -eu
. "$(dirname "$0")/validate_lib.bash"

python3 - "$tmp" <<'PY'
import random, sys
out = sys.argv[1]
rnd = random.Random(6)

def link(n):  # (line, verdict): a Link of about n bytes, sometimes not one
    r = rnd.random()
    if r < 0.1:
        return '{"href":"' + "m" * n, "malformed"  # unterminated string
    if r < 0.2:
        return '{"href":7,"pad":"' + "b" * n + '"}', "invalid"  # one error
    return '{"href":"/' + "a" * n + '"}', "valid"

def write(name, lines, max_bytes=None):
    """lines: (text, verdict, end); also writes the summary --jobs 1 must print."""
    counts = {"valid": 0, "invalid": 0, "malformed": 0}
    with open(out + "/" + name, "w", newline="") as f:
        for text, verdict, end in lines:
            f.write(text + end)
            if text.strip(" \t\r") == "":
                continue
            # ndjson_reader skips lines over max_bytes + 1 with a newline
            # ('\r' counts), max_bytes without; the parser refuses documents
            # over max_bytes ('\r' not counted).
            content = text[:-1] if text.endswith("\r") else text
            too_long = max_bytes is not None and (
                len(text) > max_bytes + (1 if end else 0) or len(content) > max_bytes)
            counts["malformed" if too_long else verdict] += 1
    docs = sum(counts.values())
    with open(out + "/" + name + ".summary", "w") as f:
        f.write("%d document%s, %d valid, %d invalid, %d malformed, %d error%s\n" % (
            docs, "" if docs == 1 else "s", counts["valid"], counts["invalid"],
            counts["malformed"], counts["invalid"], "" if counts["invalid"] == 1 else "s"))

tiny = []  # more lines than a batch holds (VALIDATE_BATCH_DOCS)
for i in range(7000):
    t, v = rnd.choice([("{}", "valid"), ("[]", "invalid"), ("", ""), ("  ", ""),
                       ('{"href":"/x"}\r', "valid"), link(3), ("\t", "")])
    tiny.append((t, v, "\n"))
write("tiny.ndjson", tiny)

long_lines = []  # lines of 0..600 KB against a 64 KiB batch buffer
for i in range(40):
    t, v = link(rnd.choice([0, 10, 1000, 65530, 65536, 100000, 199985, 200010, 262144, 300000,
                            600000]))
    end = rnd.choice(["\n", "\r\n", "\n\n"])
    if end == "\r\n":
        t, end = t + "\r", "\n"
    long_lines.append((t, v, end))
def exact(n):  # a valid Link line of exactly n bytes
    return '{"href":"/' + "a" * (n - 12) + '"}'

# Lines at the limit and one byte either side, with and without '\r'.
for n in (200000, 200001, 200002):
    long_lines += [(exact(n), "valid", "\n"), (exact(n - 1) + "\r", "valid", "\n")]
long_lines.append(link(250000) + ("",))  # last line, no newline
write("long.ndjson", long_lines, 200000)
for n in (200000, 200001):  # the last line (no newline) at the limit and over it
    write("last%d.ndjson" % n, [(exact(100), "valid", "\n"), (exact(n), "valid", "")], 200000)

write("tail.ndjson", [('{"href":"/a"}', "valid", "\n"), ("", "", "\n"),
                      ('{"href":"/b"}\r', "valid", "")])
PY

# same NAME ARGS...: every --jobs N gives what --jobs 1 gives.
same() {
  local name=$1
  shift
  local rc1=0
  "$ldrest" validate "$@" --jobs 1 >"$tmp/serial.out" 2>"$tmp/serial.err" || rc1=$?
  [ -s "$tmp/serial.out" ] || { echo "FAIL $name: --jobs 1 printed nothing"; failures=$((failures + 1)); }
  local err
  err=$(cat "$tmp/serial.err")
  [ -z "$err" ] || err="$err"$'\n'
  for jobs in 2 3 5; do
    expect "$name, --jobs $jobs" "$rc1" "$(cat "$tmp/serial.out")
" "$err" -- "$ldrest" validate "$@" --jobs "$jobs"
  done
}

same "7000 short lines, json" --schema Link --ndjson --format json "$tmp/tiny.ndjson"
same "7000 short lines, text" --schema Link --ndjson --format text "$tmp/tiny.ndjson"
same "long lines, limit 200000" --schema Link --format json --max-bytes 200000 "$tmp/long.ndjson"
same "long lines, limit 300000" --schema Link --format text --max-bytes 300000 "$tmp/long.ndjson"
same "long lines, default limit" --schema Link --format text "$tmp/long.ndjson"
same "last line at the limit" --schema Link --format json --max-bytes 200000 "$tmp/last200000.ndjson"
same "last line over the limit" --schema Link --format json --max-bytes 200000 "$tmp/last200001.ndjson"
same "several inputs" --schema Link --format json "$tmp/tail.ndjson" "$tmp/tiny.ndjson" \
  "$tmp/tail.ndjson"

# The comparisons above are only worth something if --jobs 1 is right:
# exact expectations for the small file, and counts for the others.
expect "tail.ndjson, --jobs 2" 0 \
'{"source":"'"$tmp"'/tail.ndjson","index":0,"line":1,"valid":true,"errorCount":0,"errors":[],"warningCount":0,"warnings":[]}
{"source":"'"$tmp"'/tail.ndjson","index":1,"line":3,"valid":true,"errorCount":0,"errors":[],"warningCount":0,"warnings":[]}
' '' -- "$ldrest" validate --schema Link --format json --jobs 2 "$tmp/tail.ndjson"
for f_rc in tiny:2 long:2 last200000:0 last200001:2; do
  f=${f_rc%:*}
  limit=()
  [ $f = tiny ] || limit=(--max-bytes 200000)
  expect "$f.ndjson summary, --jobs 2" "${f_rc#*:}" '*' '' -- \
    "$ldrest" validate --schema Link --ndjson --format text "${limit[@]}" --jobs 2 "$tmp/$f.ndjson"
  [ "$(tail -n 1 "$tmp/out")" = "$(cat "$tmp/$f.ndjson.summary")" ] || {
    echo "FAIL $f.ndjson summary: $(tail -n 1 "$tmp/out"), expected $(cat "$tmp/$f.ndjson.summary")"
    failures=$((failures + 1))
  }
done

# Through a pipe, in small writes: fread blocks until a block is full.
cat "$tmp/tiny.ndjson" >"$tmp/piped.ndjson"
"$ldrest" validate --schema Link --ndjson --format json --jobs 1 - <"$tmp/piped.ndjson" \
  >"$tmp/pipe-serial.out" || true
expect "pipe, --jobs 2" 2 "$(cat "$tmp/pipe-serial.out")
" '' -- bash -c "while IFS= read -r l; do printf '%s\n' \"\$l\"; done <'$tmp/piped.ndjson' |
  '$ldrest' validate --schema Link --ndjson --format json --jobs 2 -"

# A read error (reading /proc/self/mem at offset 0 fails with EIO; a
# directory would be walked) is reported the same way.
expect "read error, --jobs 2" 2 '' \
"ldrest validate: /proc/self/mem: Input/output error
" -- "$ldrest" validate --ndjson --format json --jobs 2 /proc/self/mem
expect "read error, --jobs 1" 2 '' \
"ldrest validate: /proc/self/mem: Input/output error
" -- "$ldrest" validate --ndjson --format json --jobs 1 /proc/self/mem
# Files that are not NDJSON are spread over the jobs too, one batch each:
# the same verdicts in the order given, a read error and a file over
# --max-bytes among them reported in their turn.
for i in 0 1 2 3 4 5 6 7 8 9; do
  case $i in
    3) printf '{"href":7}' ;;
    5) printf '{"href":"/%s"' "$i" ;;
    *) printf '{"href":"/%s"}' "$i" ;;
  esac >"$tmp/whole$i.json"
done
printf '{"href":"/%0300d"}' 0 >"$tmp/big.json"
same "whole files" --schema Link --format json --max-bytes 200 "$tmp"/whole[0-4].json \
  "$tmp/missing.json" "$tmp/big.json" "$tmp"/whole[5-9].json "$tmp/tail.ndjson"
same "whole files, text" --schema Link --format text "$tmp"/whole*.json
# A directory (its paths are freed as the walk goes on, before the pool has
# written their verdicts) and a glob, with NDJSON files among them.
mkdir -p "$tmp/tree/sub"
cp "$tmp"/whole[0-5].json "$tmp/tail.ndjson" "$tmp/tree/"
cp "$tmp"/whole[6-9].json "$tmp/tiny.ndjson" "$tmp/tree/sub/"
same "a directory" --schema Link --format json "$tmp/tree"
same "a glob" --schema Link --format text "$tmp/tree/*.json"
# Small files are gathered several to a batch, a batch handed on at about
# 64 KiB: 600 files of 50 to 500 bytes fill several, with a few files
# that are invalid, malformed, over --max-bytes or missing among them.
mkdir -p "$tmp/many"
python3 - "$tmp/many" <<'PY'
import os, random, sys
rnd = random.Random(9)
for i in range(600):
    n = rnd.randrange(50, 500)
    r = rnd.random()
    text = ('{"href":7,"pad":"' + "p" * n + '"}' if r < 0.05 else
            '{"href":"/' + "m" * n if r < 0.1 else
            '{"href":"/' + "a" * n + '"}')
    with open(os.path.join(sys.argv[1], "f%03d.json" % i), "w") as f:
        f.write(text)
os.symlink("nowhere.json", os.path.join(sys.argv[1], "f300x.json"))
PY
same "600 small files" --schema Link --format json --max-bytes 450 "$tmp/many"
# Small NDJSON files go to the threads whole, a batch of files at a time; a
# large one among them (over 256 KiB) is read in blocks by the reading
# thread. Blank lines, CRLF, overlong and malformed lines, no last newline.
mkdir -p "$tmp/lines"
python3 - "$tmp/lines" <<'PY'
import os, random, sys
rnd = random.Random(11)
def line():
    r = rnd.random()
    n = rnd.randrange(5, 300)
    if r < 0.05:
        return ""
    if r < 0.1:
        return '{"href":7}'
    if r < 0.15:
        return '{"href":"/' + "m" * n
    return '{"href":"/' + "a" * n + '"}'
for i in range(300):
    with open(os.path.join(sys.argv[1], "f%03d.%s" % (i, "jsonl" if i % 2 else "ndjson")), "w",
              newline="") as f:
        lines = [line() for _ in range(rnd.randrange(0, 12))]
        ends = [rnd.choice(["\n", "\r\n"]) for _ in lines]
        if lines and rnd.random() < 0.3:
            ends[-1] = ""
        f.write("".join(l + e for l, e in zip(lines, ends)))
with open(os.path.join(sys.argv[1], "f150.big.ndjson"), "w") as f:
    for i in range(3000):
        f.write('{"href":"/%s"}\n' % ("b" * rnd.randrange(50, 150)))
PY
same "300 small NDJSON files and a large one" --schema Link --format json --max-bytes 250 \
  "$tmp/lines"
same "the same, text" --schema Link --format text --max-bytes 250 "$tmp/lines"
# Messages the reading thread prints itself (a file it cannot open, a walk
# that finds nothing) wait for what the threads hold before them: stderr
# in the order --jobs 1 gives.
mkdir -p "$tmp/nothing"
same "messages in order" --schema Link --format text --max-bytes 200 "$tmp/missing.json" \
  "$tmp/nothing" "$tmp/whole0.json" "$tmp/big.json" "$tmp/missing.ndjson" "$tmp/many" \
  "$tmp/nothing" "$tmp/whole3.json"
# HAR captures are read and checked by the threads too, each whole; the
# CI formats merge their entries in the order given. From standard input
# one is read and checked by the reading thread, after what the threads
# hold is written.
for fmt in json text junit sarif github; do
  same "HAR captures, --har, $fmt" --har --format "$fmt" tests/data/har
done
same "HAR captures among files, sarif" --format sarif "$tmp/whole0.json" tests/data/har \
  "$tmp/whole3.json"
rc1=0
"$ldrest" validate --har --format json --jobs 1 tests/data/har/status-500.har - \
  <tests/data/har/valid.har >"$tmp/har-stdin.out" || rc1=$?
expect "a HAR capture from standard input after another, --jobs 2" "$rc1" \
"$(cat "$tmp/har-stdin.out")
" '' -- bash -c "'$ldrest' validate --har --format json --jobs 2 tests/data/har/status-500.har - \
  <tests/data/har/valid.har"
# A capture over VALIDATE_BATCH_HAR_FILE_MAX (4 MiB) is read by the
# reading thread and its entries spread over the jobs in parts: entries of
# every verdict (the fixtures', and bodies with a repeated key), indented
# (lines located by counting) and on one line (columns).
python3 - "$tmp" tests/data/har <<'PY'
import glob, json, os, random, sys
out, fixtures = sys.argv[1], sys.argv[2]
rnd = random.Random(15)
entries = []
for path in sorted(glob.glob(fixtures + "/*.har")):
    try:
        entries += json.load(open(path))["log"]["entries"]
    except ValueError:
        pass  # malformed.har is not JSON
dup = json.loads(json.dumps(json.load(open(fixtures + "/valid.har"))["log"]["entries"][0]))
text = dup["response"]["content"]["text"]
key, value = next(iter(json.loads(text).items()))
dup["response"]["content"]["text"] = '{"%s":%s,' % (key, json.dumps(value)) + text[1:]
entries.append(dup)
for name, dump in (("big-indented.har", lambda d: json.dumps(d, indent=1)),
                   ("big-one-line.har", lambda d: json.dumps(d, separators=(",", ":")))):
    picked = []
    while len(dump({"log": {"version": "1.2", "entries": picked}})) < (9 << 19):
        picked += [rnd.choice(entries) for _ in range(500)]
    with open(os.path.join(out, name), "w") as f:
        f.write(dump({"log": {"version": "1.2", "entries": picked}}))
PY
for fmt in json text junit sarif github; do
  same "a capture over 4 MiB, its entries spread, $fmt" --har --format "$fmt" \
    "$tmp/big-indented.har" "$tmp/big-one-line.har"
done
same "a capture over 4 MiB among smaller ones, --quiet" --har --format text --quiet \
  tests/data/har "$tmp/big-indented.har" tests/data/har/valid.har
same "a capture over 4 MiB, --strict-json --max-errors 1" --har --format json --strict-json \
  --max-errors 1 "$tmp/big-one-line.har"
# What the runs cannot vouch for is read whole, as --jobs 1 reads it: an
# entry that is not JSON, a trailing comma, log.entries repeated or spelt
# with an escape, an entry nested to the depth limit and past it.
python3 - "$tmp" <<'PY'
import sys
out = sys.argv[1]
text = open(out + "/big-one-line.har").read()
at = text.index('"status":', len(text) * 7 // 10)
variants = {
    "not-json": text[:at] + '"status":20 0' + text[at + len('"status":200'):],
    "trailing-comma": text[:text.rindex("]")] + ",]" + text[text.rindex("]") + 1:],
    "entries-twice": text[:text.rindex("]") + 1] + ',"entries":[]' + text[text.rindex("]") + 1:],
    "entries-escaped": text.replace('"entries":', '"entr\\u0069es":', 1),
}
for depth in (252, 253, 254, 255):  # arrays in one entry, under root, log and entries
    variants["deep%d" % depth] = (text[:at] + '"deep":' + "[" * depth + "]" * depth + ","
                                  + text[at:])
# Eight entries of 600 KB: each run holds one, so a trailing comma leaves
# the last run blank.
import json
first = json.loads(text)["log"]["entries"][0]
entry = json.dumps(dict(first, comment="c" * 600000), separators=(",", ":"))
few = '{"log":{"version":"1.2","entries":[' + ",".join([entry] * 8) + "]}}"
variants["few-big"] = few
variants["few-big-trailing-comma"] = few[:-3] + ",]}}"
for name, body in variants.items():
    with open("%s/odd-%s.har" % (out, name), "w") as f:
        f.write(body)
PY
# From standard input a capture is read by the reading thread whatever its
# size; over 1 MiB its entries are spread too.
rc1=0
"$ldrest" validate --har --format text --jobs 1 - <"$tmp/big-indented.har" \
  >"$tmp/har-big-stdin.out" || rc1=$?
stdin_file="$tmp/big-indented.har" expect "a capture over 1 MiB from standard input, --jobs 2" \
  "$rc1" "$(cat "$tmp/har-big-stdin.out")
" '' -- "$ldrest" validate --har --format text --jobs 2 -
for odd in "$tmp"/odd-*.har; do
  same "a capture over 4 MiB read whole: ${odd##*/odd-}" --har --format sarif "$odd"
done
# A HAR capture among files and directories, twice.
same "a HAR capture among files" --format json "$tmp/whole0.json" \
  tests/data/any-spec/capture.har "$tmp/tree" tests/data/any-spec/capture.har "$tmp/whole3.json"
finish
