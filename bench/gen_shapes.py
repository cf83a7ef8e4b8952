#!/usr/bin/python3
"""Single large JSON documents of the shapes that stress a DOM reader.

usage: gen_shapes.py OUTDIR [--mb 32] [--max-bytes 67108864]

Writes one document per shape (compact but for `pretty`) into OUTDIR, each about --mb MiB
(never more), and OUTDIR/shapes.tsv (shape, file, bytes, the schema of
bench/shapes.yaml it is valid against, what it is):

  numbers     [0,0,0,...]                     2 bytes per element: the worst
                                              case for a 24-byte node
  decimals    [12,0.5,-3.25,1e3,...]          varied numbers, ~6 bytes each
  strings     ["ab","cd",...]                 short strings, 5 bytes each
  escapes     one string, ~1/4 escapes        the string scanner alone
  objects     [{10,000 members},...]          wide objects (keys, dup check)
  deep        [[[...255 deep...]],...]        nesting at the default limit
                                              (256 with the root), accepted
  deep1000    [[[...1000 deep...]],...]       past the limit: rejected at
                                              byte 256, whatever follows
  near-limit  [{record},...]                  mixed records, just under
                                              --max-bytes (ldrest's default)
  pretty      [\n  {\n    "id": ...          the same records indented as
                                              json.dumps(indent=2) writes
                                              them: 40 % of the bytes blanks

Standard library only; the same arguments give the same bytes.
"""
import argparse
import json
import os


def fill(target, head, unit, sep, tail):
    """head + unit (sep unit)* + tail, as long as it stays <= target bytes."""
    n = max(1, (target - len(head) - len(tail) + len(sep)) // (len(unit) + len(sep)))
    return head + sep.join([unit] * n) + tail


def numbers(target):
    return fill(target, "[", "0", ",", "]")


def decimals(target):
    # A fixed cycle of integers, fractions and exponents, 4-9 characters.
    units = ",".join(["12", "0.5", "-3.25", "1e3", "65536", "-0.001", "42.125", "7E-2",
                      "123456", "-99", "3.14159", "2.5e-3", "1000000", "0.75"])
    reps = max(1, (target - 2) // (len(units) + 1))
    return "[" + ",".join([units] * reps) + "]"


def strings(target):
    # Distinct two-letter strings, so nothing can be shared or interned.
    letters = "abcdefghijklmnopqrstuvwxyz"
    units = ['"%s%s"' % (a, b) for a in letters for b in letters]
    block = ",".join(units)
    reps = max(1, (target - 2) // (len(block) + 1))
    return "[" + ",".join([block] * reps) + "]"


def escapes(target):
    chunk = (r'plain text then \"quoted\" \\ and a tab\t, a newline\n, '
             r'\u00e9t\u00e9 \ud83d\ude00 / \/ ')
    return fill(target, '"', chunk, "", '"')


def objects(target):
    members = ",".join('"key%05d":%d' % (i, i % 100) for i in range(10000))
    return fill(target, "[", "{" + members + "}", ",", "]")


def nested(depth):
    def make(target):
        return fill(target, "[", "[" * (depth - 1) + "]" * (depth - 1), ",", "]")
    return make


def near_limit(target):
    record = ('{"id":123456,"name":"item-123456","score":0.75,"ratio":-1.5e-3,'
              '"tags":["alpha","beta"],"ok":true,"next":null,'
              '"nested":{"min":0,"max":100,"unit":"ms"}}')
    return fill(target, "[", record, ",", "]")


def pretty(target):
    record = {"id": 123456, "name": "item-123456", "score": 0.75, "ratio": -1.5e-3,
              "tags": ["alpha", "beta"], "ok": True, "next": None,
              "nested": {"min": 0, "max": 100, "unit": "ms"}}
    unit = "\n".join("  " + line for line in json.dumps(record, indent=2).split("\n"))
    return fill(target, "[\n", unit, ",\n", "\n]\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--mb", type=float, default=32)
    ap.add_argument("--max-bytes", type=int, default=64 << 20,
                    help="ldrest validate's --max-bytes (default: its default)")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    size = int(args.mb * (1 << 20))
    shapes = [
        ("numbers", numbers, size, "Numbers", "[0,0,...]"),
        ("decimals", decimals, size, "Numbers", "[12,0.5,-3.25,1e3,...]"),
        ("strings", strings, size, "Strings", '["ab","ac",...]'),
        ("escapes", escapes, size, "Text", "one string with escapes"),
        ("objects", objects, size, "Wide", "[{10000 members},...]"),
        ("deep", nested(255), size, "Deep", "255-deep arrays in a root array (depth 256)"),
        ("deep1000", nested(1000), size, "Deep", "1000-deep arrays: rejected at byte 256"),
        ("near-limit", near_limit, args.max_bytes - 4096, "Records",
         "mixed records, 4 KiB under --max-bytes"),
        ("pretty", pretty, size, "Records", "the same records, indented"),
    ]
    with open(os.path.join(args.outdir, "shapes.tsv"), "w") as index:
        for name, make, target, schema, what in shapes:
            text = make(target).encode("ascii")
            path = os.path.join(args.outdir, name + ".json")
            with open(path, "wb") as f:
                f.write(text)
            index.write("%s\t%s\t%d\t%s\t%s\n" % (name, path, len(text), schema, what))


if __name__ == "__main__":
    main()
