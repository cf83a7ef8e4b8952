#!/usr/bin/env python3
"""Differential: the strict JSON reader (json_verdict) against Python's json
module on every file of the given directories.

Python's side is made as strict as it can be: bytes must decode as UTF-8
(strict: no overlongs, no encoded surrogates), a BOM is rejected, and
NaN/Infinity literals are refused. Two known, documented differences are
counted but not failures (runtime/include/oas/oas_json.h explains each rule):
  surrogate - Python accepts lone surrogate escapes ("\\ud800"); we reject;
  depth     - Python nests up to its recursion limit; we stop at 256.
(Both accept 1e400: Python reads it as inf, we keep its text.)
Any other disagreement fails the test. Prints the counts."""
import json
import os
import subprocess
import sys


def refuse_constant(name):
    raise ValueError("constant " + name)


def walk(v):
    """Yield every str and float inside a parsed value."""
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            stack.extend(x.keys())
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
        else:
            yield x


def python_verdict(data):
    """('accept', value) or ('reject', None)."""
    try:
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            return "reject", None
        return "accept", json.loads(text, parse_constant=refuse_constant)
    except (ValueError, RecursionError):
        return "reject", None


def known_difference(ours, value):
    scalars = list(walk(value))
    if ours == "reject-utf8":
        for s in scalars:
            if isinstance(s, str):
                try:
                    s.encode("utf-8")
                except UnicodeEncodeError:
                    return "surrogate"
    if ours == "reject-depth":
        return "depth"
    return None


def files_in(dirs):
    for d in dirs:
        if os.path.isdir(d):
            for name in sorted(os.listdir(d)):
                p = os.path.join(d, name)
                if os.path.isfile(p):
                    yield p


def our_verdicts(tool, paths):
    verdicts = {}
    for i in range(0, len(paths), 200):
        out = subprocess.run([tool] + paths[i:i + 200], check=True,
                             stdout=subprocess.PIPE).stdout.decode()
        for line in out.splitlines():
            v, p = line.split("\t", 1)
            verdicts[p] = v
    return verdicts


def main():
    sys.setrecursionlimit(10000)
    tool, dirs = sys.argv[1], sys.argv[2:]
    paths = list(files_in(dirs))
    ours = our_verdicts(tool, paths)
    counts = {"both-accept": 0, "both-reject": 0, "surrogate": 0, "depth": 0}
    failures = []
    for p in paths:
        with open(p, "rb") as f:
            theirs, value = python_verdict(f.read())
        mine = ours[p]
        if (mine == "accept") == (theirs == "accept"):
            counts["both-" + theirs] += 1
            continue
        why = known_difference(mine, value) if theirs == "accept" else None
        if why:
            counts[why] += 1
        else:
            failures.append("%s: ours %s, python %s" % (p, mine, theirs))
    print("json differential: %d files; " % len(paths) +
          ", ".join("%s %d" % kv for kv in counts.items()) +
          "; unexplained %d" % len(failures))
    for f in failures:
        print("  " + f)
    return 1 if failures or not paths else 0


if __name__ == "__main__":
    sys.exit(main())
