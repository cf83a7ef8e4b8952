#!/usr/bin/python3
"""python3-jsonschema peer: validate an NDJSON file against a JSON Schema.

usage: py_validate.py SCHEMA.json FILE.ndjson

One Draft202012Validator, built once and reused; json.loads per line; all
errors of a document collected (as ajv's allErrors and ldrest do). int64 and
int32 formats are asserted, as ldrest --assert-formats does. Prints
`documents N invalid M seconds S` (S excludes interpreter start and schema
compilation; the driver also measures wall time).
"""
import json
import sys
import time

from jsonschema import Draft202012Validator, FormatChecker


def int_range(lo, hi):
    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return True
        return lo <= value <= hi
    return check


def main():
    schema_path, data_path = sys.argv[1:3]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    checker = FormatChecker(formats=())
    checker.checks("int64")(int_range(-(2 ** 63), 2 ** 63 - 1))
    checker.checks("int32")(int_range(-(2 ** 31), 2 ** 31 - 1))
    validator = Draft202012Validator(schema, format_checker=checker)

    documents = invalid = 0
    start = time.perf_counter()
    with open(data_path, "rb") as f:
        for line in f:
            if not line.strip():
                continue
            documents += 1
            errors = list(validator.iter_errors(json.loads(line)))
            if errors:
                invalid += 1
    seconds = time.perf_counter() - start
    print("documents %d invalid %d seconds %.6f" % (documents, invalid, seconds))


if __name__ == "__main__":
    main()
