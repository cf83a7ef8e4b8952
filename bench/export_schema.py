#!/usr/bin/python3
"""Export one component schema of an OpenAPI 3.1 spec as a standalone JSON
Schema 2020-12 document, for the peers (ajv, python-jsonschema).

usage: export_schema.py SPEC.yaml SCHEMA_NAME OUT.json

Components move to $defs and their $refs follow, because Ajv's strict mode
rejects the unknown top-level keyword `components`; nothing else changes.
"""
import json
import sys

import yaml


def rewrite_refs(node):
    if isinstance(node, dict):
        return {k: (v.replace("#/components/schemas/", "#/$defs/") if k == "$ref" else
                    rewrite_refs(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [rewrite_refs(v) for v in node]
    return node


def main():
    spec_path, name, out_path = sys.argv[1:4]
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$ref": "#/$defs/" + name,
              "$defs": rewrite_refs(spec["components"]["schemas"])}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(schema, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
