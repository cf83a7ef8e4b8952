#!/usr/bin/python3
"""Examples of a spec, and mutations of them, validated by the generated
validator and by python3-jsonschema (Draft 2020-12); the verdicts must agree.

usage: check_examples.py VALIDATE_TARGETS SPEC.yaml WORKDIR

Cases: every component schema's `example` (or first of `examples`), every
JSON response example, whether or not the spec's own schema accepts it, and
for each of them mutations at every member/item: a required member dropped,
a wrong type, null, an enum value outside the set (where an enum applies),
for integers a fraction and a value beyond int64,
plus the whole document replaced by null and by a wrong type.

OpenAPI 3.0 -> 2020-12 for the reference: `nullable: true` adds "null" to
`type` (only when `type` is present, and enum/const keep their meaning:
OpenAPI 3.0.3, "Other Schema Object constraints retain their defined
behavior"); boolean exclusiveMinimum/Maximum become numeric; siblings of
`$ref` are ignored. Formats: both sides assert them (ASSERT_FORMATS: the
driver's OAS_DRIVER_ASSERT_FORMATS, jsonschema's format_checker), so the
mutations beyond int64 are judged. The Debian jsonschema checks none of the
OpenAPI ones without extra packages, so the checkers below state the
validator's documented rules (int32/int64 range, float range, RFC 3339
date-time/date, hyphenated uuid); unknown formats are annotations.

Also compares the sets of (instanceLocation, keyword) when no oneOf/anyOf
is involved (their branch errors are reported differently by design).
Exits 1 on any disagreement.
"""
import datetime
import json
import os
import re
import subprocess
import sys

import yaml
from jsonschema import Draft202012Validator, FormatChecker, RefResolver

# One policy for both validators in every comparison.
ASSERT_FORMATS = True
MAX_PATHS_PER_EXAMPLE = 40  # member/item paths mutated per example: bounds CI time
FLT_MAX = 3.4028234663852886e38


# ---- formats -------------------------------------------------------------------

def _number_format(check):
    def run(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return True
        return check(value)
    return run


def _int_range(lo, hi):
    def check(value):
        if isinstance(value, float) and not value.is_integer():
            return True
        return lo <= value <= hi
    return _number_format(check)


DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?"
                       r"([Zz]|[+-](\d{2}):(\d{2}))$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _date_ok(text):
    if not isinstance(text, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date(int(text[:4]), int(text[5:7]), int(text[8:]))
    except ValueError:
        return False
    return True


def _date_time_ok(text):
    if not isinstance(text, str):
        return True
    m = DATE_TIME.match(text)
    if not m or not _date_ok(m.group(1)):
        return False
    h, mi, s = int(m.group(2)), int(m.group(3)), int(m.group(4))
    if h > 23 or mi > 59 or s > 60:
        return False
    offset = 0
    if m.group(7):
        if int(m.group(7)) > 23 or int(m.group(8)) > 59:
            return False
        offset = (1 if m.group(6)[0] == "+" else -1) * (int(m.group(7)) * 60 + int(m.group(8)))
    # a leap second is 23:59:60 UTC
    return s < 60 or (h * 60 + mi - offset) % 1440 == 23 * 60 + 59


def format_checker():
    checker = FormatChecker(formats=())
    checker.checks("int32")(_int_range(-(2 ** 31), 2 ** 31 - 1))
    checker.checks("int64")(_int_range(-(2 ** 63), 2 ** 63 - 1))
    checker.checks("float")(_number_format(lambda v: -FLT_MAX <= v <= FLT_MAX))
    checker.checks("date-time")(_date_time_ok)
    checker.checks("date")(_date_ok)
    checker.checks("uuid")(lambda v: not isinstance(v, str) or bool(UUID.match(v)))
    return checker


# ---- OpenAPI 3.0 -> 2020-12 ----------------------------------------------------------

def to_2020(node, v30):
    if isinstance(node, list):
        return [to_2020(x, v30) for x in node]
    if not isinstance(node, dict):
        return node
    if v30 and "$ref" in node:
        return {"$ref": node["$ref"]}
    out = {}
    for k, v in node.items():
        if k in ("properties", "patternProperties", "$defs"):
            out[k] = {name: to_2020(s, v30) for name, s in v.items()}
        elif k in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf", "prefixItems"):
            out[k] = to_2020(v, v30)
        elif k in ("example", "examples", "default", "enum", "const"):
            out[k] = v  # values, not schemas
        else:
            out[k] = v
    if v30:
        if out.pop("nullable", False) is True and "type" in out:
            t = out["type"]
            out["type"] = (t if isinstance(t, list) else [t]) + ["null"]
        for ex, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if out.get(ex) is True and bound in out:
                out[ex] = out.pop(bound)
            elif isinstance(out.get(ex), bool):
                del out[ex]
    return out


# ---- walking a schema along an instance path ----------------------------------------

class Schemas:
    def __init__(self, components):
        self.components = components

    def expand(self, s, depth=0):
        """s and every schema it applies in place ($ref, allOf, anyOf, oneOf)."""
        if not isinstance(s, dict) or depth > 30:
            return []
        out = [s]
        if "$ref" in s and s["$ref"].startswith("#/components/schemas/"):
            out += self.expand(self.components.get(s["$ref"].split("/")[-1]), depth + 1)
        for k in ("allOf", "anyOf", "oneOf"):
            for b in s.get(k, []):
                out += self.expand(b, depth + 1)
        return out

    def child(self, schemas, step):
        out = []
        for s in schemas:
            if isinstance(step, str):
                if step in s.get("properties", {}):
                    out += self.expand(s["properties"][step])
                elif isinstance(s.get("additionalProperties"), dict):
                    out += self.expand(s["additionalProperties"])
            elif isinstance(s.get("items"), dict):
                out += self.expand(s["items"])
        return out


def paths(node, prefix=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,), v
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,), v
            yield from paths(v, prefix + (i,))


def wrong_type(value):
    if isinstance(value, bool):
        return "true"
    if isinstance(value, (int, float)):
        return "12"
    if isinstance(value, str):
        return 12345
    if isinstance(value, dict):
        return []
    if isinstance(value, list):
        return {}
    return 0


def outside_enum(schemas):
    for s in schemas:
        values = s.get("enum")
        if values:
            if all(isinstance(v, str) for v in values):
                return "not-in-enum-" + "x" * 3
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                return max(values) + 1
    return None


def replaced(doc, path, value=None, drop=False):
    d = json.loads(json.dumps(doc))
    node = d
    for p in path[:-1]:
        node = node[p]
    if drop:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return d


def mutations(walker, root_schema, example):
    """(kind, instance) pairs for one example."""
    out = [("null", None), ("wrong-type", wrong_type(example))]
    root = walker.expand(root_schema)
    at = {(): root}
    for n, (path, value) in enumerate(paths(example)):
        if n >= MAX_PATHS_PER_EXAMPLE:
            break
        schemas = walker.child(at.get(path[:-1], []), path[-1])
        at[path] = schemas
        parent = at.get(path[:-1], [])
        if isinstance(path[-1], str) and any(path[-1] in s.get("required", []) for s in parent):
            out.append(("drop-required", replaced(example, path, drop=True)))
        out.append(("wrong-type", replaced(example, path, wrong_type(value))))
        if value is not None:
            out.append(("null", replaced(example, path, None)))
        if isinstance(value, int) and not isinstance(value, bool):
            out.append(("fraction", replaced(example, path, value + 0.5)))
            out.append(("beyond-int64", replaced(example, path, 2 ** 63)))
        bad = outside_enum(schemas)
        if bad is not None:
            out.append(("enum-outside", replaced(example, path, bad)))
    return out


# ---- cases ------------------------------------------------------------------------

def first_example(node):
    if "example" in node:
        return True, node["example"]
    ex = node.get("examples")
    if isinstance(ex, list) and ex:
        return True, ex[0]
    if isinstance(ex, dict) and ex:
        first = next(iter(ex.values()))
        if isinstance(first, dict) and "value" in first:
            return True, first["value"]
    return False, None


def cases(spec, v30):
    """(target, schema, example) for component and response examples."""
    comps = spec.get("components", {}).get("schemas", {})
    out = []
    for name, schema in comps.items():
        has, ex = first_example(schema)
        if has:
            out.append((name, {"$ref": "#/components/schemas/" + name}, ex))
    for item in spec.get("paths", {}).values():
        for method, op in item.items():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            for status, resp in op.get("responses", {}).items():
                media = (resp.get("content") or {}).get("application/json") or {}
                has, ex = first_example(media)
                if has and "schema" in media:
                    out.append(("%s %s" % (op["operationId"], status), to_2020(media["schema"], v30), ex))
    return out


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


class _Loader(yaml.SafeLoader):
    """YAML 1.2-like scalars: timestamps stay strings, as oas2c reads them."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    driver, spec_path, workdir = sys.argv[1:]
    with open(spec_path) as f:
        spec = yaml.load(f, Loader=_Loader)
    v30 = str(spec.get("openapi", "")).startswith("3.0")
    comps = {k: to_2020(v, v30) for k, v in spec.get("components", {}).get("schemas", {}).items()}
    root = {"components": {"schemas": comps}}
    resolver = RefResolver.from_schema(root)
    checker = format_checker() if ASSERT_FORMATS else None
    walker = Schemas(comps)

    docs = []  # (target, kind, instance, validator)
    examples = schemas_with_examples = response_examples = 0
    for target, schema, example in cases(spec, v30):
        validator = Draft202012Validator(schema, resolver=resolver, format_checker=checker)
        examples += 1
        if " " in target:
            response_examples += 1
        else:
            schemas_with_examples += 1
        docs.append((target, "example", example, validator))
        for kind, inst in mutations(walker, schema, example):
            docs.append((target, kind, inst, validator))

    os.makedirs(workdir, exist_ok=True)
    path = os.path.join(workdir, "examples.tsv")
    with open(path, "w") as f:
        for target, _, inst, _ in docs:
            f.write(target + "\t" + json.dumps(inst, separators=(",", ":")) + "\n")
    env = dict(os.environ, OAS_DRIVER_ASSERT_FORMATS="1" if ASSERT_FORMATS else "0")
    out = subprocess.run([driver, path], check=True, capture_output=True, text=True,
                         env=env).stdout.splitlines()
    if len(out) != len(docs):
        print("driver printed %d lines for %d documents" % (len(out), len(docs)))
        return 1

    counts = {}
    valid = invalid = disagreements = sets = set_diffs = examples_rejected = 0
    for (target, kind, inst, validator), line in zip(docs, out):
        r = json.loads(line)
        errors = list(validator.iter_errors(inst))
        expect = not errors
        valid += expect
        invalid += not expect
        if kind == "example" and not expect:
            examples_rejected += 1
        if kind != "example":
            counts[kind] = counts.get(kind, 0) + 1
        problem = None
        if "error" in r:
            problem = "driver: " + r["error"]
        elif r["valid"] != expect:
            problem = "verdict %s, jsonschema %s %s" % (
                r["valid"], expect, [(pointer(e.absolute_path), e.validator) for e in errors][:5])
        elif not any(e.validator in ("oneOf", "anyOf") for e in errors):
            sets += 1
            theirs = sorted({(pointer(e.absolute_path), e.validator) for e in errors})
            if theirs != sorted(tuple(x) for x in r["errors"]):
                set_diffs += 1
                if set_diffs <= 5:
                    print("error set differs: %s (%s): ours %s, jsonschema %s" % (
                        target, kind, r["errors"][:5], theirs[:5]))
        if problem:
            disagreements += 1
            if disagreements <= 10:
                print("%s (%s): %s\n  %s" % (target, kind, problem, json.dumps(inst)[:300]))
    print("schemas with examples: %d, response examples: %d, examples: %d (%d rejected by their own "
          "schema)" % (schemas_with_examples, response_examples, examples, examples_rejected))
    print("mutations: %d (%s)" % (sum(counts.values()),
                                   ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    print("documents: %d (%d valid, %d invalid per jsonschema); verdict disagreements: %d; "
          "error sets compared: %d, differing: %d" % (len(docs), valid, invalid, disagreements,
                                                      sets, set_diffs))
    return 1 if disagreements or set_diffs else 0


if __name__ == "__main__":
    sys.exit(main())
