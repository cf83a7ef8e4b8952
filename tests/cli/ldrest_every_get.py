#!/usr/bin/env python3
"""ldrest_every_get.py BUILD_DIR SPEC - `ldrest call` against `ldrest mock`
for every GET operation of LaunchDarkly's full spec.

For each GET operation: parameter values are made from the spec's parameter
schemas (path parameters and required query and header parameters, never
LD-API-Version: ldrest must add it itself); `ldrest call` must exit 0 (it
checks the response against the spec) and `ldrest validate --operation OP
--status 200` must accept the body it printed (when the 200 response
declares a schema; getOpenapiSpec declares none). Beta operations (those that
declare LD-API-Version or carry a "(beta)" tag) are also requested without
the header: the mock answers 403, as the real API does; a non-beta operation
answers 200 without it. Prints one line per failure and a summary; exit 1
on any failure."""
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

import yaml

BUILD, SPEC = sys.argv[1], sys.argv[2]
LDREST = os.path.join(BUILD, "ldrest")
BETA_HEADER = "LD-API-Version"

with open(SPEC, encoding="utf-8") as f:
    spec = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def deref(node):
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 32:
        target = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node, seen = target, seen + 1
    return node


def sample(schema):
    """A value the schema accepts, as the text of a parameter."""
    s = deref(schema or {})
    if "enum" in s:
        return str(s["enum"][0]).lower() if isinstance(s["enum"][0], bool) else str(s["enum"][0])
    if "default" in s and not isinstance(s["default"], (list, dict)):
        d = s["default"]
        return str(d).lower() if isinstance(d, bool) else str(d)
    t = s.get("type")
    if t == "integer" or t == "number":
        return str(max(int(s.get("minimum", 1)), 1))
    if t == "boolean":
        return "true"
    if t == "array":
        return sample(s.get("items"))
    if s.get("format") == "date-time":
        return "2024-01-01T00:00:00Z"
    return "key1"


failures = []
checks = 0


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


ops = []
for path, item in spec["paths"].items():
    op = item.get("get")
    if not op:
        continue
    params = [deref(p) for p in item.get("parameters", []) + op.get("parameters", [])]
    beta = any(p.get("name") == BETA_HEADER for p in params) or any(
        "(beta)" in t for t in op.get("tags", []))
    args, path_values, query = [], {}, {}
    for p in params:
        if p.get("name") == BETA_HEADER:
            continue
        if p["in"] == "path" or p.get("required"):
            value = sample(p.get("schema"))
            args += ["-p", "%s=%s" % (p["name"], value)]
            if p["in"] == "path":
                path_values[p["name"]] = value
            elif p["in"] == "query":
                query[p["name"]] = value
    target = path
    for name, value in path_values.items():
        target = target.replace("{%s}" % name, urllib.parse.quote(value, safe=""))
    if query:
        target += "?" + urllib.parse.urlencode(query)
    ok = deref(op.get("responses", {}).get("200", {}))
    has_schema = any("schema" in c for c in ok.get("content", {}).values())
    ops.append((op["operationId"], args, beta, target, has_schema))

env = dict(os.environ, LD_API_KEY="api-test-key")
with tempfile.TemporaryDirectory() as tmp:
    mock_out = open(os.path.join(tmp, "mock.out"), "w+")
    mock = subprocess.Popen([LDREST, "mock", "--port", "0"], stdout=mock_out,
                            stderr=subprocess.DEVNULL)
    try:
        url = None
        for _ in range(400):
            mock_out.seek(0)
            line = mock_out.readline()
            if line.startswith("listening on "):
                url = line.split()[-1]
                break
            subprocess.run(["sleep", "0.05"])
        if not url:
            print("FAIL: the mock did not start")
            sys.exit(1)
        for op_id, args, beta, target, has_schema in ops:
            checks += 1
            r = subprocess.run([LDREST, "call", op_id, *args, "--server", url],
                               capture_output=True, env=env)
            if r.returncode != 0:
                fail("%s: ldrest call exit %d: %s" % (op_id, r.returncode,
                                                   r.stderr.decode(errors="replace").strip()))
                continue
            if not has_schema:
                if r.stdout:
                    fail("%s: a body where the spec declares none" % op_id)
                continue
            body = os.path.join(tmp, "body.json")
            with open(body, "wb") as f:
                f.write(r.stdout)
            v = subprocess.run([LDREST, "validate", "--operation", op_id, "--status", "200",
                                "--format", "text", body], capture_output=True)
            if v.returncode != 0:
                fail("%s: ldrest validate refuses the mock's body: %s" %
                     (op_id, v.stdout.decode(errors="replace").strip()))
            # The mock's answer without the beta header: 403 exactly on beta.
            checks += 1
            req = urllib.request.Request(url + target, headers={"Authorization": "api-test-key"})
            try:
                with urllib.request.urlopen(req) as resp:
                    status = resp.status
            except urllib.error.HTTPError as e:
                status = e.code
            want = 403 if beta else 200
            if status != want:
                fail("%s: GET %s without %s -> %d, expected %d" %
                     (op_id, target, BETA_HEADER, status, want))
    finally:
        mock.terminate()
        mock.wait()

betas = sum(1 for o in ops if o[2])
print("%d GET operations (%d beta), %d checks, %d failed" % (len(ops), betas, checks,
                                                              len(failures)))
sys.exit(1 if failures else 0)
