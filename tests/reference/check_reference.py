#!/usr/bin/python3
"""Reference check: the generated validator against python3-jsonschema.

usage: check_reference.py VALIDATE_CORPUS SPEC.yaml [WORKDIR]

Generates a deterministic corpus of InsightScores documents (valid ones with
varied optional members, lastPeriod 0-3 deep, _links 0-4 entries, and
mutations of them: every member dropped, set to null, set to a wrong type,
floats and 1.0/1e2-style numbers for integers, int64 bounds, extra members),
runs both validators and compares verdicts and the sets of
(instanceLocation, keyword). Twice, each time with one format policy for
both: formats asserted (validate_corpus --assert-formats, jsonschema with a
format_checker for int32/int64), and formats as annotations (the 2020-12
default: neither asserts). Exits 1 on any disagreement.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import yaml
from jsonschema import Draft202012Validator, FormatChecker

SCHEMA = "InsightScores"
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
# Numbers that json.dumps cannot spell: replaced in the text after dumping.
SPELLED = {"@1e2@": "1e2", "@1.0@": "1.0", "@-0.0@": "-0.0", "@1E1@": "1E1"}


def int_format(lo, hi):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return True
        if isinstance(value, float) and not value.is_integer():
            return True
        return lo <= value <= hi
    return check


def nullable_to_2020(node):
    """OpenAPI 3.0 `nullable: true` as 2020-12: "null" joins `type` only when
    `type` is present; enum/const keep their meaning (OpenAPI 3.0.3: "Other
    Schema Object constraints retain their defined behavior"), so null
    passes an enum only when listed. The generated validator does the same."""
    if isinstance(node, list):
        return [nullable_to_2020(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k in ("properties", "schemas"):  # maps of names to schemas
            out[k] = {name: nullable_to_2020(x) for name, x in v.items()}
        elif k in ("enum", "const", "example", "default"):  # values, not schemas
            out[k] = v
        else:
            out[k] = nullable_to_2020(v)
    if out.pop("nullable", False) is True and "type" in out:
        t = out["type"]
        out["type"] = (t if isinstance(t, list) else [t]) + ["null"]
    return out


def make_validator(spec, assert_formats):
    checker = None
    if assert_formats:
        checker = FormatChecker(formats=())
        checker.checks("int64")(int_format(INT64_MIN, INT64_MAX))
        checker.checks("int32")(int_format(-(2 ** 31), 2 ** 31 - 1))
    components = spec["components"]
    if str(spec.get("openapi", "")).startswith("3.0"):
        components = nullable_to_2020(components)
    schema = {"$ref": "#/components/schemas/" + SCHEMA, "components": components}
    return Draft202012Validator(schema, format_checker=checker)


# ---- valid documents -------------------------------------------------------

def metric(rng, depth):
    m = {"score": rng.randint(0, 100), "indicator": rng.choice(["excellent", "good", "fair", "poor"]),
         "indicatorRange": {"min": rng.randint(-5, 50), "max": rng.randint(50, 100)}}
    if rng.random() < 0.5:
        m["aggregateOf"] = [rng.choice(["a", "b", "deploys", "lead"]) for _ in range(rng.randint(0, 3))]
    if rng.random() < 0.5:
        m["diffVsLastPeriod"] = rng.randint(-50, 50)
    if depth > 0:
        m["lastPeriod"] = metric(rng, depth - 1)
    return m


GROUPS = ["overall", "deploymentFrequency", "deploymentFailureRate", "leadTime", "impactSize",
          "experimentationCoverage", "flagHealth", "velocity", "risk", "efficiency"]


def document(rng):
    t = rng.randint(1_600_000_000_000, 1_800_000_000_000)
    doc = {"period": {"startTime": t, "endTime": t + 86_400_000},
           "lastPeriod": {"startTime": t - 86_400_000, "endTime": t}}
    scores = {g: metric(rng, rng.randint(0, 3)) for g in GROUPS}
    if rng.random() < 0.5:
        scores["creationRatio"] = metric(rng, rng.randint(0, 3))
    doc["scores"] = scores
    links = rng.randint(-1, 4)
    if links >= 0:
        doc["_links"] = {}
        for i in range(links):
            link = {"href": "/api/v2/x/%d" % i}
            if rng.random() < 0.5:
                link["type"] = "application/json"
            doc["_links"][rng.choice(["self", "next", "prev", "parent"]) + str(i)] = link
    return doc


# ---- mutations ---------------------------------------------------------------

def paths(node, prefix=()):
    """Every (path, value) below node, containers included."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,), v
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,), v
            yield from paths(v, prefix + (i,))


def wrong_values(value):
    if isinstance(value, bool):
        return [1]
    if isinstance(value, int):
        return ["12", 1.5, True, [], "@1e2@", "@1.0@", "@-0.0@"]
    if isinstance(value, str):
        return [7, {}, None]
    if isinstance(value, dict):
        return [[], "x", 3]
    if isinstance(value, list):
        return [{}, "a", [1]]
    return []


def mutate(doc, path, op, value=None):
    d = json.loads(json.dumps(doc))
    node = d
    for p in path[:-1]:
        node = node[p]
    if op == "drop":
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return d


def corpus(seed=20240601, bases=6):
    rng = random.Random(seed)
    docs = []
    for _ in range(bases):
        base = document(rng)
        docs.append(base)
        for path, value in list(paths(base)):
            if isinstance(path[-1], str):
                docs.append(mutate(base, path, "drop"))
            docs.append(mutate(base, path, "set", None))
            for w in wrong_values(value):
                docs.append(mutate(base, path, "set", w))
        docs.append(mutate(base, ("period", "startTime"), "set", INT64_MAX))
        docs.append(mutate(base, ("period", "startTime"), "set", INT64_MAX + 1))
        docs.append(mutate(base, ("period", "endTime"), "set", INT64_MIN))
        docs.append(mutate(base, ("period", "endTime"), "set", INT64_MIN - 1))
        docs.append(mutate(base, ("lastPeriod", "endTime"), "set", 1e19))
        docs.append(mutate(base, ("scores", "extraMember"), "set", {"anything": [1, None]}))
        docs.append(mutate(base, ("extra",), "set", "@1E1@"))
        two = mutate(base, ("scores", "risk"), "drop")
        docs.append(mutate(two, ("period",), "set", None))
    docs.append([])
    docs.append("scores")
    docs.append(None)
    lines = []
    for d in docs:
        text = json.dumps(d, separators=(",", ":"))
        for k, v in SPELLED.items():
            text = text.replace('"%s"' % k, v)
        lines.append(text)
    return lines


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def combinator(errors):
    return any(e.validator in ("oneOf", "anyOf") for e in errors)


def compare(driver, spec, lines, corpus_path, assert_formats):
    """Both validators on the corpus under one format policy; the number
    of disagreements."""
    validator = make_validator(spec, assert_formats)
    cmd = [driver] + (["--assert-formats"] if assert_formats else []) + [SCHEMA, corpus_path]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    ours = out.stdout.splitlines()
    if len(ours) != len(lines):
        print("driver printed %d lines for %d documents" % (len(ours), len(lines)))
        return 1
    compared = valid = invalid = sets = disagreements = 0
    for n, (line, result) in enumerate(zip(lines, ours), 1):
        r = json.loads(result)
        errors = list(validator.iter_errors(json.loads(line)))
        expect_valid = not errors
        compared += 1
        valid += expect_valid
        invalid += not expect_valid
        problem = None
        if "error" in r:
            problem = "driver could not parse: " + r["error"]
        elif r["valid"] != expect_valid:
            problem = "verdict %s, jsonschema %s" % (r["valid"], expect_valid)
        elif not combinator(errors):
            sets += 1
            theirs = sorted({(pointer(e.absolute_path), e.validator) for e in errors})
            mine = sorted(tuple(x) for x in r["errors"])
            if theirs != mine:
                problem = "errors %s, jsonschema %s" % (mine, theirs)
        if problem:
            disagreements += 1
            if disagreements <= 10:
                print("line %d: %s\n  %s" % (n, problem, line[:300]))
    print("reference check, formats %s: %d documents compared (%d valid, %d invalid), "
          "%d error sets compared, %d disagreements" % (
              "asserted" if assert_formats else "annotations", compared, valid, invalid, sets,
              disagreements))
    return disagreements


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    driver, spec_path = sys.argv[1], sys.argv[2]
    with open(spec_path) as f:
        spec = yaml.safe_load(f)
    lines = corpus()
    workdir = sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp(prefix="oas_ref_")
    os.makedirs(workdir, exist_ok=True)
    corpus_path = os.path.join(workdir, "reference_corpus.ndjson")
    with open(corpus_path, "w") as f:
        f.write("\n".join(lines) + "\n")
    disagreements = sum(compare(driver, spec, lines, corpus_path, asserting)
                        for asserting in (True, False))
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
