#!/usr/bin/python3
"""The typed model loses nothing: every valid instance of the full spec's
component schemas, parsed into the generated structs and written back
(_parse -> _to_json), comes back as the same JSON (same members, same
values, null kept, every number with its text).

usage: model_roundtrip.py MODEL_ROUNDTRIP MODEL_INSTANCES SPEC.yaml WORKDIR

Instances: the spec's own examples (component examples, and response
examples whose schema is a component; check_examples.py finds them) and
one synthesized instance of every component schema (model_instances, the
mock's example generator), and variants of each: a member or item set to
null, an undeclared member added to an object (at most
check_examples.MAX_PATHS_PER_EXAMPLE places each), every number respelled
(5 as 5.0, 2.5 as 2.50, 1e-07 as 1E-07: the same value, other text), and
per target the whole document null. Instances the schema rejects are not
counted.
Prints the counts and each loss; exits 1 on any loss, refusal or number
whose text changed though its value did not ("renumbered": 1.0 written back
as 1).
"""
import json
import os
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_examples  # noqa: E402


# An object, so that where the undeclared member lands in a map of object
# schemas that state no type it is still an object: a string or an array
# there is valid JSON Schema but has no place in the typed map entry.
UNDECLARED = ("zzUndeclared", {"k": [1, None, "v", 2.50]})


def variants(instance):
    """("null" | "undeclared", instance) pairs: one change each."""
    out = []
    if isinstance(instance, dict):
        out.append(("undeclared", dict(instance, **{UNDECLARED[0]: UNDECLARED[1]})))
    for n, (path, value) in enumerate(check_examples.paths(instance)):
        if n >= check_examples.MAX_PATHS_PER_EXAMPLE:
            break
        if value is not None:
            out.append(("null", check_examples.replaced(instance, path, None)))
        if isinstance(value, dict):
            out.append(("undeclared", check_examples.replaced(
                instance, path, dict(value, **{UNDECLARED[0]: UNDECLARED[1]}))))
    return out


def compact(value):
    return json.dumps(value, separators=(",", ":"))


def respelled_number(value):
    """Another JSON text of the same number, which its shortest form is not."""
    if isinstance(value, int):
        return "%d.0" % value
    text = repr(value)
    return text.replace("e", "E") if "e" in text else text + "0"


def respelled(value):
    """compact(value) with every number in another spelling of its value,
    or None when it holds no number."""
    found = []

    def walk(v):
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, (int, float)):
            found.append(v)
            return respelled_number(v)
        if isinstance(v, list):
            return "[" + ",".join(walk(x) for x in v) + "]"
        return "{" + ",".join(json.dumps(k) + ":" + walk(x) for k, x in v.items()) + "}"

    text = walk(value)
    return text if found else None


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    roundtrip, instances, spec_path, workdir = sys.argv[1:]
    os.makedirs(workdir, exist_ok=True)
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.load(f, Loader=check_examples._Loader)  # timestamps stay strings
    v30 = str(spec.get("openapi", "")).startswith("3.0")
    base = [("example", target, example)
            for target, _schema, example in check_examples.cases(spec, v30)]
    synth = subprocess.run([instances, spec_path], check=True, capture_output=True, text=True)
    for line in synth.stdout.splitlines():
        target, text = line.split("\t", 1)
        base.append(("synthesized", target, json.loads(text)))
    sources, lines = [], []
    targets = []
    for source, target, instance in base:
        sources.append(source)
        lines.append("%s\t%s" % (target, compact(instance)))
        for kind, changed in variants(instance):
            sources.append("%s+%s" % (source, kind))
            lines.append("%s\t%s" % (target, compact(changed)))
        text = respelled(instance)
        if text is not None:
            sources.append("%s+respelled" % source)
            lines.append("%s\t%s" % (target, text))
        if target not in targets:
            targets.append(target)
    for target in targets:  # null as the whole document, where the schema says so
        sources.append("document-null")
        lines.append("%s\tnull" % target)
    path = os.path.join(workdir, "instances.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    out = subprocess.run([roundtrip, path], check=True, capture_output=True, text=True)
    verdicts = out.stdout.splitlines()
    if len(verdicts) != len(lines):
        sys.exit("model_roundtrip answered %d lines for %d" % (len(verdicts), len(lines)))
    counts = {}
    failures = []
    for source, line, verdict in zip(sources, lines, verdicts):
        word = verdict.split("\t", 1)[0]
        counts[(source, word)] = counts.get((source, word), 0) + 1
        if word in ("lossy", "refused", "renumbered"):
            failures.append("%s %s\n  in:  %s\n  out: %s" % (source, word, line, verdict))
    for f in failures:
        print(f)
    words = ("same", "renumbered", "lossy", "refused", "invalid", "untyped")
    for source in sorted(set(sources)):
        print("%s: %s" % (source, ", ".join("%s %d" % (w, counts.get((source, w), 0))
                                            for w in words)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
