#!/usr/bin/python3
"""The JSON Schema Test Suite (draft 2020-12) through oas2c: python3 stdlib only.

usage: jsts_run.py SUITE_DIR WORKDIR OAS2C DRIVER_C RUNTIME_INCLUDE RUNTIME_LIB CC [-- LDFLAGS...]

Every test group's schema becomes an OpenAPI 3.1 component ("jstsNNN").
A schema without `$id`/`$anchor` has its internal references ("#",
"#/$defs/x", "#/properties/..") rewritten to the component's location; one
with them keeps its references, gets an `$id` of its own when its root has
none (as the suite's harness gives each schema a base URI) and oas2c
resolves them. One spec holds all of them; it is generated with oas2c,
compiled with CC (-std=c11 -Wall -Wextra -Werror -pedantic) together with
DRIVER_C (tests/fullspec/validate_targets.c), and every case is run. Prints
pass counts per file (keyword) and exits 1 when any case of a group that is
not excluded fails.

Formats are asserted for the cases of optional/format/ files only (the
driver's OAS_DRIVER_ASSERT_FORMATS): everywhere else `format` is an
annotation, as 2020-12 says and as oas_validate_options does by default.

Groups are excluded, each with its reason printed (EXCLUSIONS.md lists
them), when they need what oas2c does not do: remote documents (other
than the 2020-12 meta-schemas it embeds), or a keyword it does not know.
"""
import json
import os
import urllib.parse
import subprocess
import sys

# Groups whose keywords are supported but that test a documented limit.
EXCLUDED_GROUPS = {}

# The formats the validator asserts when asked to (runtime/src/oas_format*.c;
# README, "Formats"). The suite's optional/format/<name>.json files run when
# present, with assertion on; a file for any other format is excluded: those
# are annotations here.
CHECKED_FORMATS = {"date-time", "date", "uuid", "uri", "email", "int32", "int64", "float",
                   "double"}

# Single cases that test a documented choice.
EXCLUDED_CASES = {
    ("optional/format/int64", "validation of int64, an openapi numeric format",
     "int64 format disallows float without int value"):
        "int32/int64 check the range of integers; a fraction is the business of `type: "
        "integer`, which OpenAPI pairs them with, so 1.1 is not reported twice",
}

SUPPORTED = {
    # applicators and assertions oas2c validates
    "type", "enum", "const", "properties", "required", "additionalProperties", "items",
    "prefixItems", "allOf", "anyOf", "oneOf", "not", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "minItems", "maxItems",
    "uniqueItems", "minProperties", "maxProperties", "format", "$ref", "patternProperties",
    "propertyNames", "dependentRequired", "dependentSchemas", "if", "then", "else", "contains",
    "minContains", "maxContains", "unevaluatedProperties", "unevaluatedItems",
    # annotations and structure: no effect on validity here
    "$schema", "$comment", "$defs", "definitions", "title", "description", "default", "$id",
    "$anchor", "$dynamicRef", "$dynamicAnchor",
    "deprecated", "readOnly", "writeOnly", "examples",
}
# The documents oas2c knows without fetching them (codegen/metaschemas/).
METASCHEMAS = {"https://json-schema.org/draft/2020-12/schema"} | {
    "https://json-schema.org/draft/2020-12/meta/" + v for v in
    ("core", "applicator", "unevaluated", "validation", "meta-data", "format-annotation",
     "content")}
# containers whose members are schemas (so their keys are names, not keywords)
SCHEMA_MAPS = {"properties", "$defs", "definitions", "patternProperties", "dependentSchemas"}
SCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
SCHEMA_ONE = {"items", "additionalProperties", "not", "propertyNames", "if", "then", "else",
              "contains", "unevaluatedProperties", "unevaluatedItems"}


def subschemas(schema):
    """The schemas directly below schema (through the keywords above)."""
    if not isinstance(schema, dict):
        return
    for k, v in schema.items():
        if k in SCHEMA_MAPS and isinstance(v, dict):
            yield from v.values()
        elif k in SCHEMA_LISTS and isinstance(v, list):
            yield from v
        elif k in SCHEMA_ONE:
            yield v


def resource_ids(schema, base, out):
    """The absolute URIs of schema's $ids (without fragment), into out."""
    if isinstance(schema, dict) and isinstance(schema.get("$id"), str):
        base = urllib.parse.urldefrag(urllib.parse.urljoin(base, schema["$id"]))[0]
        out.add(base)
    for sub in subschemas(schema):
        resource_ids(sub, base, out)
    return out


def uses_ids(schema):
    if isinstance(schema, dict):
        if "$id" in schema or "$anchor" in schema or "$dynamicAnchor" in schema:
            return True
        return any(uses_ids(sub) for sub in subschemas(schema))
    return False


def unsupported(schema, base="", ids=frozenset()):
    """The first reason the schema cannot be wrapped, or None."""
    if isinstance(schema, bool):
        return None
    if not isinstance(schema, dict):
        return "schema is not an object"
    if isinstance(schema.get("$id"), str):
        base = urllib.parse.urljoin(base, schema["$id"])
    for k, v in schema.items():
        if k == "$ref" and not v.startswith("#") and \
                urllib.parse.urldefrag(urllib.parse.urljoin(base, v))[0] not in ids | METASCHEMAS:
            return "remote $ref %s" % v
        if k not in SUPPORTED:
            return "keyword %s is not supported by the generator" % k
    for sub in subschemas(schema):
        r = unsupported(sub, base, ids)
        if r:
            return r
    return None


def rewrite_refs(schema, base):
    """Internal references, relative to the wrapped schema, made absolute."""
    if isinstance(schema, list):
        return [rewrite_refs(x, base) for x in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for k, v in schema.items():
        if k == "$ref" and isinstance(v, str) and v.startswith("#"):
            out[k] = base + v[1:]
        elif k in SCHEMA_MAPS:
            out[k] = {name: rewrite_refs(s, base) for name, s in v.items()}
        elif k in SCHEMA_LISTS or k in SCHEMA_ONE:
            out[k] = rewrite_refs(v, base)
        else:
            out[k] = v  # values (enum, const, default...) are left alone
    return out


def asserts_formats(keyword):
    """Whether a file's cases run with format assertion on."""
    return keyword.startswith("optional/format/")


def load_suite(suite):
    files = []
    for sub in ("", "optional", os.path.join("optional", "format")):
        d = os.path.join(suite, sub)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".json"):
                files.append((os.path.join(sub, name)[:-5], os.path.join(d, name)))
    return files


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        print("command failed: %s\n%s%s" % (" ".join(cmd[:6]), r.stdout[-3000:], r.stderr[-3000:]))
        sys.exit(1)
    return r.stdout


def main():
    args = sys.argv[1:]
    ldflags = []
    if "--" in args:
        ldflags = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    if len(args) != 7:
        print(__doc__, file=sys.stderr)
        return 2
    suite, work, oas2c, driver_c, runtime_inc, runtime_lib, cc = args
    os.makedirs(work, exist_ok=True)

    schemas, cases, excluded = {}, [], []
    for keyword, path in load_suite(suite):
        with open(path) as f:
            groups = json.load(f)
        for gi, group in enumerate(groups):
            name = "jsts%03d" % len(schemas)
            schema = group["schema"]
            if uses_ids(schema) and "$id" not in schema:
                # the suite gives each schema a base URI of its own
                schema = dict(schema, **{"$id": "https://jsts.invalid/%s.json" % name})
            ids = resource_ids(schema, "", set())
            reason = EXCLUDED_GROUPS.get((keyword, group["description"])) or \
                unsupported(schema, "", ids)
            if asserts_formats(keyword) and \
                    os.path.basename(keyword) not in CHECKED_FORMATS:
                reason = "format %s is not checked (an annotation)" % os.path.basename(keyword)
            if reason:
                excluded.append((keyword, group["description"], len(group["tests"]), reason))
                continue
            # with $id, references are resolved by oas2c against it
            schemas[name] = schema if ids else \
                rewrite_refs(schema, "#/components/schemas/" + name)
            for t in group["tests"]:
                why = EXCLUDED_CASES.get((keyword, group["description"], t["description"]))
                if why:
                    excluded.append((keyword, group["description"] + " / " + t["description"], 1,
                                     why))
                    continue
                cases.append((keyword, group["description"], t["description"], name, t["data"], t["valid"]))

    spec = {"openapi": "3.1.0", "info": {"title": "JSON Schema Test Suite", "version": "1"},
            "paths": {}, "components": {"schemas": schemas}}
    spec_path = os.path.join(work, "jsts.json")
    with open(spec_path, "w") as f:
        json.dump(spec, f, indent=1, sort_keys=False)
    gen = os.path.join(work, "gen")
    os.makedirs(gen, exist_ok=True)
    run([oas2c, "--prefix", "jsts_", "--output", gen, spec_path])

    flags = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-D_POSIX_C_SOURCE=200809L",
             "-I" + runtime_inc, "-I" + gen]
    exe = os.path.join(work, "jsts_validate")
    sources = [os.path.join(gen, "jsts_" + n) for n in ("validate.c", "registry.c", "model.c")]
    sources = [s for s in sources if os.path.exists(s)]
    run([cc] + flags + ["-DOAS_DRIVER_REGISTRY=jsts_registry", "-o", exe, driver_c] + sources +
        [runtime_lib] + ldflags + ["-lm"])

    # Two runs: the format files' cases asserting formats, the rest not.
    out = [None] * len(cases)
    for asserting in (False, True):
        picked = [i for i, c in enumerate(cases) if asserts_formats(c[0]) == asserting]
        if not picked:
            continue
        tsv = os.path.join(work, "cases-formats.tsv" if asserting else "cases.tsv")
        with open(tsv, "w") as f:
            for i in picked:
                f.write(cases[i][3] + "\t" + json.dumps(cases[i][4], separators=(",", ":")) + "\n")
        env = dict(os.environ)
        env.pop("OAS_DRIVER_ASSERT_FORMATS", None)
        if asserting:
            env["OAS_DRIVER_ASSERT_FORMATS"] = "1"
        lines = run([exe, tsv], env=env).splitlines()
        if len(lines) != len(picked):
            print("driver printed %d lines for %d cases" % (len(lines), len(picked)))
            return 1
        for i, line in zip(picked, lines):
            out[i] = line

    per = {}
    failures = 0
    for c, line in zip(cases, out):
        r = json.loads(line)
        ok = "error" not in r and r["valid"] == c[5]
        p = per.setdefault(c[0], [0, 0])
        p[0] += ok
        p[1] += 1
        if not ok:
            failures += 1
            print("FAIL %s / %s / %s: expected %s, got %s\n  data %s" % (
                c[0], c[1], c[2], c[5], r, json.dumps(c[4])[:200]))
    for keyword in sorted(set(k for k, _ in load_suite(suite))):
        p = per.get(keyword, [0, 0])
        skipped = sum(e[2] for e in excluded if e[0] == keyword)
        print("%-24s %3d/%-3d passed%s" % (keyword, p[0], p[1],
                                           ", %d excluded" % skipped if skipped else ""))
    for e in excluded:
        print("excluded: %s / %s (%d cases): %s" % e)
    total = sum(p[1] for p in per.values())
    asserted = sum(1 for c in cases if asserts_formats(c[0]))
    print("JSON Schema Test Suite: %d/%d cases passed (%d with format assertion), "
          "%d groups (%d cases) excluded" % (total - failures, total, asserted, len(excluded),
                                            sum(e[2] for e in excluded)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
