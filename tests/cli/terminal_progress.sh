#!/usr/bin/env bash
# validate's progress line on a terminal (stderr a pty, through script(1)):
# a bar with percent of the input's bytes, MB, rate, ETA and counts when
# the total is known (files), MB, rate and counts when it is not (a pipe);
# "\r" LINE "\033[K" each time, erased with "\r\033[K" before every result
# line on the same terminal and before the summary; nothing at all when
# stderr is not a terminal. OAS_PROGRESS_INTERVAL_MS=0 draws at every
# update (per 256 documents), so what is drawn does not depend on speed.
set -eu
. "$(dirname "$0")/validate_lib.bash"
command -v script >/dev/null || { echo "script (util-linux) not found"; exit 1; }
cd "$tmp"

# 3000 documents, every 1000th invalid (lines 1000, 2000, 3000).
python3 - "$(cd "$OLDPWD" && pwd)/spec/examples/insight-scores-minimal.json" <<'PY'
import sys
ok = "".join(open(sys.argv[1]).read().split())
bad = ok.replace('"score":72', '"score":"x"')
with open("big.ndjson", "w") as f:
    for i in range(1, 3001):
        f.write((bad if i % 1000 == 0 else ok) + "\n")
PY

# check TRANSCRIPT KIND: the bars' shape, and no result line drawn over one
check() {
  checks=$((checks + 1))
  python3 - "$1" "$2" <<'PY' || { echo "FAIL progress: $2"; failures=$((failures + 1)); }
import re, sys
data = open(sys.argv[1], "rb").read().decode()
known = sys.argv[2] == "known"
n = r"\d+\.\d"
counts = r"\d+ documents?, \d+ errors?"
bar = (rf"\[#*-*\] +\d+%  {n}/{n} MB  {n} MB/s  ETA (\d+:)?\d+:\d\d  {counts}" if known
       else rf"{n} MB  {n} MB/s  {counts}")
# a draw, an erase, or a line (script's pty turns "\n" into "\r\n")
tokens = re.findall(r"\r(?!\n)[^\r\n]*?\x1b\[K|[^\r\n]*\r?\n", data)
assert "".join(tokens) == data, "text outside the expected tokens"
draws = erases = results = 0
shown = False
for t in tokens:
    if t == "\r\x1b[K":
        erases += 1
        shown = False
    elif t.startswith("\r"):
        line = t[1:-3]
        assert re.fullmatch(bar, line), f"malformed progress line {line!r}"
        if known:
            assert len(re.match(r"\[([#-]*)\]", line).group(1)) == 24, line
        draws += 1
        shown = True
    else:
        assert not shown, f"{t!r} written over a progress line"
        results += "error:" in t or "documents," in t
assert draws >= 5, f"only {draws} progress lines"
assert erases >= 1 and results >= 1, (erases, results)
if known:
    assert "big.ndjson:1000:157: error:" in data and "3000 documents, 2997 valid" in data
PY
}

OAS_PROGRESS_INTERVAL_MS=0 script -qec "'$ldrest' validate --format text big.ndjson" /dev/null \
  >files.txt || true
check files.txt known

OAS_PROGRESS_INTERVAL_MS=0 script -qec "'$ldrest' validate --format text --jobs 2 big.ndjson" \
  /dev/null >jobs.txt || true
check jobs.txt known

# A pipe: no total, so no bar, percent or ETA.
OAS_PROGRESS_INTERVAL_MS=0 script -qec "cat big.ndjson | '$ldrest' validate --format text --ndjson -" \
  /dev/null >pipe.txt || true
check pipe.txt unknown

# stderr not a terminal: not a byte of progress, even with stdout on one.
expect "no progress off a terminal" 1 '*' '' -- \
  env OAS_PROGRESS_INTERVAL_MS=0 "$ldrest" validate --format text big.ndjson
OAS_PROGRESS_INTERVAL_MS=0 script -qec "'$ldrest' validate --format text big.ndjson 2>err.txt" \
  /dev/null >/dev/null || true
expect "no progress when only stdout is a terminal" 0 '' '' -- cat err.txt

finish
