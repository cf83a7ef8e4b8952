#!/usr/bin/python3
"""The typed model loses nothing: every valid instance of the full spec's
component schemas, parsed into the generated structs and written back
(_parse -> _to_json), comes back as the same JSON (same members, same
values, null kept).

usage: model_roundtrip.py MODEL_ROUNDTRIP MODEL_INSTANCES SPEC.yaml WORKDIR

Instances: the spec's own examples (component examples, and response
examples whose schema is a component; check_examples.py finds them) and
one synthesized instance of every component schema (model_instances, the
mock's example generator). Instances the schema rejects are not counted.
Prints the counts and each loss; exits 1 on any loss or refusal. A number
whose text changed but whose value did not (1.0 written back as 1) is
counted as "renumbered", listed, and not a failure: how the model keeps
number text is its own piece of work.
"""
import json
import os
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_examples  # noqa: E402


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    roundtrip, instances, spec_path, workdir = sys.argv[1:]
    os.makedirs(workdir, exist_ok=True)
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.load(f, Loader=check_examples._Loader)  # timestamps stay strings
    v30 = str(spec.get("openapi", "")).startswith("3.0")
    lines = []
    for target, _schema, example in check_examples.cases(spec, v30):
        lines.append("%s\t%s" % (target, json.dumps(example, separators=(",", ":"))))
    spec_examples = len(lines)
    synth = subprocess.run([instances, spec_path], check=True, capture_output=True, text=True)
    lines.extend(l for l in synth.stdout.splitlines() if l)
    path = os.path.join(workdir, "instances.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    out = subprocess.run([roundtrip, path], check=True, capture_output=True, text=True)
    verdicts = out.stdout.splitlines()
    if len(verdicts) != len(lines):
        sys.exit("model_roundtrip answered %d lines for %d" % (len(verdicts), len(lines)))
    counts = {}
    failures = []
    for i, (line, verdict) in enumerate(zip(lines, verdicts)):
        word = verdict.split("\t", 1)[0]
        source = "example" if i < spec_examples else "synthesized"
        counts[(source, word)] = counts.get((source, word), 0) + 1
        if word == "renumbered":
            print("%s renumbered: %s" % (source, verdict[:300]))
        if word in ("lossy", "refused"):
            failures.append("%s %s\n  in:  %s\n  out: %s" % (source, word, line, verdict))
    for f in failures:
        print(f)
    words = ("same", "renumbered", "lossy", "refused", "invalid", "untyped")
    for source in ("example", "synthesized"):
        print("%s: %s" % (source, ", ".join("%s %d" % (w, counts.get((source, w), 0))
                                            for w in words)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
