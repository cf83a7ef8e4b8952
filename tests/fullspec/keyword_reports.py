#!/usr/bin/python3
"""The violations of the 2020-12 applicators, exactly: keyword, instance
pointer, keyword path and absolute schema location, params and message, for
one spec fragment per keyword (patternProperties, propertyNames,
dependentRequired, dependentSchemas, if/then/else, contains/minContains/
maxContains, unevaluatedProperties, unevaluatedItems, $anchor and $id-relative
$ref, $dynamicRef, a $ref to the embedded 2020-12 meta-schema, \\p{..}).
python3 stdlib only.

usage: keyword_reports.py WORKDIR OAS2C DRIVER_C RUNTIME_INCLUDE RUNTIME_LIB CC [-- LDFLAGS...]
"""
import json
import os
import sys

from jsts_run import run  # this folder's suite runner: a command's output, or exit 1

SPEC = """openapi: 3.1.0
info: {title: keywords, version: '1'}
paths:
  /schemas/{limit}:
    get:
      operationId: getSchema
      parameters:
        - name: limit
          in: path
          required: true
          schema: {$ref: 'https://json-schema.org/draft/2020-12/meta/validation#/$defs/nonNegativeInteger'}
      responses:
        '200':
          description: a schema
          content:
            application/json:
              schema: {$ref: 'https://json-schema.org/draft/2020-12/schema'}
components:
  schemas:
    Patterns:
      type: object
      patternProperties:
        '^x-': {type: string}
        '^\\p{Lu}': {type: integer}
      additionalProperties: false
    Names:
      propertyNames: {maxLength: 3}
    Dependent:
      dependentRequired: {card: [billing]}
      dependentSchemas:
        card: {required: [cvc]}
    Conditional:
      if: {properties: {kind: {const: a}}}
      then: {required: [a]}
      else: {required: [b]}
    Contains:
      contains: {type: integer}
      minContains: 2
      maxContains: 3
    Unevaluated:
      allOf: [{properties: {a: true}}]
      anyOf: [{properties: {b: true}}, {properties: {c: true}}]
      unevaluatedProperties: false
    UnevaluatedMany:
      anyOf: [{properties: {a: true}}, {properties: {b: {type: string}}}]
      unevaluatedProperties: {type: integer}
    UnevaluatedItems:
      prefixItems: [true]
      contains: {type: string}
      unevaluatedItems: {type: integer}
    ItemsInBranch:
      allOf:
        - items: {type: object, required: [a], properties: {a: {type: string}}}
      unevaluatedItems: false
    PropertiesInBranches:
      allOf:
        - properties: {a: {type: string}}
        - properties: {b: {type: integer}}
      unevaluatedProperties: false
    AnyOfBranches:
      anyOf:
        - properties: {a: {type: string}}
        - {properties: {b: true}, required: [z]}
      unevaluatedProperties: false
    OneOfBranches:
      oneOf:
        - properties: {a: {type: string}}
        - {properties: {b: true}, required: [z]}
      unevaluatedProperties: false
    Anchored:
      $id: https://example.test/anchored.json
      properties:
        id: {$ref: '#ident'}
        next: {$ref: 'other.json'}
      $defs:
        ident: {$anchor: ident, type: string}
        other: {$id: other.json, type: integer}
    Tree:
      $id: https://example.test/tree
      $dynamicAnchor: node
      type: object
      properties:
        data: true
        children: {type: array, items: {$dynamicRef: '#node'}}
    StrictTree:
      $id: https://example.test/strict-tree
      $dynamicAnchor: node
      $ref: tree
      unevaluatedProperties: false
    Plain:
      $id: https://example.test/plain
      properties:
        next: {$dynamicRef: '#leaf'}
      $defs:
        leaf: {$anchor: leaf, type: string}
    Loop:
      $id: https://example.test/loop
      $dynamicAnchor: again
      $dynamicRef: '#again'
    LoopInside:
      properties:
        deep: {items: {$ref: 'https://example.test/loop'}}
    SchemaDocument:
      $ref: https://json-schema.org/draft/2020-12/schema
    Lists:
      $id: https://example.test/lists
      $defs:
        item: {$dynamicAnchor: item, type: string}
        of-numbers: {type: array, items: {$ref: numbers}}
    Numbers:
      $id: https://example.test/numbers
      $dynamicRef: '#item'
      $defs:
        item: {$dynamicAnchor: item, type: integer}
    StringList:
      $ref: 'lists#/$defs/of-numbers'
      $id: https://example.test/string-list
    StringListByPointer:
      $ref: '#/components/schemas/Lists/$defs/of-numbers'
    NumberList:
      type: array
      items: {$ref: 'https://example.test/numbers'}
    Other:
      $id: https://example.test/other
      $defs:
        node: {$dynamicAnchor: node, type: array, items: {$ref: inner}}
        leaf: {$dynamicAnchor: leaf, type: string}
    Inner:
      $id: https://example.test/inner
      $dynamicRef: '#leaf'
      $defs:
        leaf: {$dynamicAnchor: leaf, type: integer}
    ViaDynamic:
      $dynamicRef: 'https://example.test/other#node'
"""

# target, instance, the expected report in its order (each violation without its
# offset: instanceLocation, keywordLocation, absoluteKeywordLocation, keyword,
# params, message)
# target, instance, the expected report in its order (each violation without its
# offset: instanceLocation, keywordLocation, absoluteKeywordLocation, keyword,
# params, message)
CASES = [
    ('Patterns', {'x-a': 's', 'Big': 1, 'x-b': 2, 'Cee': 'c', 'low': 1}, [
        ['', '/additionalProperties', '#/components/schemas/Patterns/additionalProperties', 'additionalProperties', {'additionalProperty': 'low'}, 'must NOT have additional properties ("low")'],
        ['/x-b', '/patternProperties/^x-/type', '#/components/schemas/Patterns/patternProperties/^x-/type', 'type', {'type': 'string'}, 'must be string, found integer 2'],
        ['/Cee', '/patternProperties/^\\p{Lu}/type', '#/components/schemas/Patterns/patternProperties/^\\p{Lu}/type', 'type', {'type': 'integer'}, 'must be integer, found string "c"'],
    ]),
    ('Names', {'abcd': 1, 'ab': 2}, [
        ['', '/propertyNames/maxLength', '#/components/schemas/Names/propertyNames/maxLength', 'maxLength', {'limit': 3}, 'must NOT have more than 3 characters, found string "abcd"'],
    ]),
    ('Dependent', {'card': 1}, [
        ['', '/dependentRequired', '#/components/schemas/Dependent/dependentRequired', 'dependentRequired', {'property': 'card', 'missingProperty': 'billing'}, 'must have property "billing" when property "card" is present'],
        ['', '/dependentSchemas/card/required', '#/components/schemas/Dependent/dependentSchemas/card/required', 'required', {'missingProperty': 'cvc'}, 'must have required property "cvc"'],
    ]),
    ('Dependent', {'billing': 1}, [
    ]),
    ('Conditional', {'kind': 'a'}, [
        ['', '/if', '#/components/schemas/Conditional/if', 'if', {'failingKeyword': 'then'}, 'must match "then" schema'],
        ['', '/then/required', '#/components/schemas/Conditional/then/required', 'required', {'missingProperty': 'a'}, 'must have required property "a"'],
    ]),
    ('Conditional', {'kind': 'z'}, [
        ['', '/if', '#/components/schemas/Conditional/if', 'if', {'failingKeyword': 'else'}, 'must match "else" schema'],
        ['', '/else/required', '#/components/schemas/Conditional/else/required', 'required', {'missingProperty': 'b'}, 'must have required property "b"'],
    ]),
    ('Contains', [1, 'a'], [
        ['', '/contains', '#/components/schemas/Contains/contains', 'contains', {'minContains': 2, 'maxContains': 3}, 'must contain at least 2 and no more than 3 valid item(s)'],
    ]),
    ('Contains', [1, 2, 3], [
    ]),
    ('Contains', [1, 2, 3, 4], [
        ['', '/contains', '#/components/schemas/Contains/contains', 'contains', {'minContains': 2, 'maxContains': 3}, 'must contain at least 2 and no more than 3 valid item(s)'],
    ]),
    ('Unevaluated', {'a': 1, 'c': 2, 'd': 3}, [
        ['', '/unevaluatedProperties', '#/components/schemas/Unevaluated/unevaluatedProperties', 'unevaluatedProperties', {'unevaluatedProperty': 'd'}, 'must NOT have unevaluated properties ("d")'],
    ]),
    ('UnevaluatedItems', [{}, 's', 3, True], [
        ['/3', '/unevaluatedItems/type', '#/components/schemas/UnevaluatedItems/unevaluatedItems/type', 'type', {'type': 'integer'}, 'must be integer, found boolean true'],
    ]),
    # items of a branch evaluate every item for unevaluatedItems, the one
    # item of an array as much as each of several
    ('ItemsInBranch', [{'a': 'x'}], [
    ]),
    ('ItemsInBranch', [{'a': 'x'}, {'a': 'y'}], [
    ]),
    # a failing allOf branch leaves no evaluated marks (2020-12: its
    # annotations are dropped); a passing one keeps its marks beside it
    ('ItemsInBranch', [{'b': 1}], [
        ['', '/unevaluatedItems', '#/components/schemas/ItemsInBranch/unevaluatedItems', 'unevaluatedItems', {'unevaluatedItem': 0}, 'must NOT have unevaluated items (item 0)'],
        ['/0', '/allOf/0/items/required', '#/components/schemas/ItemsInBranch/allOf/0/items/required', 'required', {'missingProperty': 'a'}, 'must have required property "a"'],
    ]),
    ('PropertiesInBranches', {'a': 'x', 'b': 1}, [
    ]),
    ('PropertiesInBranches', {'a': 1, 'b': 2}, [
        ['', '/unevaluatedProperties', '#/components/schemas/PropertiesInBranches/unevaluatedProperties', 'unevaluatedProperties', {'unevaluatedProperty': 'a'}, 'must NOT have unevaluated properties ("a")'],
        ['/a', '/allOf/0/properties/a/type', '#/components/schemas/PropertiesInBranches/allOf/0/properties/a/type', 'type', {'type': 'string'}, 'must be string, found integer 1'],
    ]),
    ('PropertiesInBranches', {'a': 1, 'b': 'y'}, [
        ['', '/unevaluatedProperties', '#/components/schemas/PropertiesInBranches/unevaluatedProperties', 'unevaluatedProperties', {'unevaluatedProperty': 'a'}, 'must NOT have unevaluated properties ("a")'],
        ['', '/unevaluatedProperties', '#/components/schemas/PropertiesInBranches/unevaluatedProperties', 'unevaluatedProperties', {'unevaluatedProperty': 'b'}, 'must NOT have unevaluated properties ("b")'],
        ['/a', '/allOf/0/properties/a/type', '#/components/schemas/PropertiesInBranches/allOf/0/properties/a/type', 'type', {'type': 'string'}, 'must be string, found integer 1'],
        ['/b', '/allOf/1/properties/b/type', '#/components/schemas/PropertiesInBranches/allOf/1/properties/b/type', 'type', {'type': 'integer'}, 'must be integer, found string "y"'],
    ]),
    # the branch a failing anyOf/oneOf runs again to show its errors leaves
    # no marks either
    ('AnyOfBranches', {'a': 'x'}, [
    ]),
    ('AnyOfBranches', {'a': 1}, [
        ['', '/anyOf', '#/components/schemas/AnyOfBranches/anyOf', 'anyOf', {}, 'must match a schema in anyOf'],
        ['', '/unevaluatedProperties', '#/components/schemas/AnyOfBranches/unevaluatedProperties', 'unevaluatedProperties', {'unevaluatedProperty': 'a'}, 'must NOT have unevaluated properties ("a")'],
        ['/a', '/anyOf/0/properties/a/type', '#/components/schemas/AnyOfBranches/anyOf/0/properties/a/type', 'type', {'type': 'string'}, 'must be string, found integer 1'],
    ]),
    ('OneOfBranches', {'a': 1}, [
        ['', '/oneOf', '#/components/schemas/OneOfBranches/oneOf', 'oneOf', {'passingSchemas': None}, 'must match exactly one schema in oneOf'],
        ['', '/unevaluatedProperties', '#/components/schemas/OneOfBranches/unevaluatedProperties', 'unevaluatedProperties', {'unevaluatedProperty': 'a'}, 'must NOT have unevaluated properties ("a")'],
        ['/a', '/oneOf/0/properties/a/type', '#/components/schemas/OneOfBranches/oneOf/0/properties/a/type', 'type', {'type': 'string'}, 'must be string, found integer 1'],
    ]),
    ('Anchored', {'id': 1, 'next': 'x'}, [
        ['/id', '/properties/id/$ref/type', '#/components/schemas/Anchored/$defs/ident/type', 'type', {'type': 'string'}, 'must be string, found integer 1'],
        ['/next', '/properties/next/$ref/type', '#/components/schemas/Anchored/$defs/other/type', 'type', {'type': 'integer'}, 'must be integer, found string "x"'],
    ]),
    # the derived schema's dynamic anchor wins at every level of the tree
    ('StrictTree', {'data': 1, 'children': [{'children': [{'data': 2, 'daat': 3}]}]}, [
        ['/children/0/children/0', '/$ref/properties/children/items/$dynamicRef/$ref/properties/children/items/$dynamicRef/unevaluatedProperties', '#/components/schemas/StrictTree/unevaluatedProperties', 'unevaluatedProperties', {'unevaluatedProperty': 'daat'}, 'must NOT have unevaluated properties ("daat")'],
    ]),
    ('StrictTree', {'children': [{'children': 5}]}, [
        ['/children/0/children', '/$ref/properties/children/items/$dynamicRef/$ref/properties/children/type', '#/components/schemas/Tree/properties/children/type', 'type', {'type': 'array'}, 'must be array, found integer 5'],
    ]),
    ('Tree', {'children': [{'children': [{'data': 2, 'daat': 3}]}]}, [
    ]),
    ('Tree', {'children': [{'children': 5}]}, [
        ['/children/0/children', '/properties/children/items/$dynamicRef/properties/children/type', '#/components/schemas/Tree/properties/children/type', 'type', {'type': 'array'}, 'must be array, found integer 5'],
    ]),
    # no $dynamicAnchor at the target: a $ref
    ('Plain', {'next': 1}, [
        ['/next', '/properties/next/$dynamicRef/type', '#/components/schemas/Plain/$defs/leaf/type', 'type', {'type': 'string'}, 'must be string, found integer 1'],
    ]),
    # the embedded 2020-12 meta-schema: absolute locations are its documents' $ids
    ('SchemaDocument', {'minLength': -1}, [
        ['/minLength', '/$ref/allOf/3/$ref/properties/minLength/$ref/$ref/minimum', 'https://json-schema.org/draft/2020-12/meta/validation#/$defs/nonNegativeInteger/minimum', 'minimum', {'comparison': '>=', 'limit': 0}, 'must be >= 0, found integer -1'],
    ]),
    ('SchemaDocument', {'type': 1}, [
        ['/type', '/$ref/allOf/3/$ref/properties/type/anyOf', 'https://json-schema.org/draft/2020-12/meta/validation#/properties/type/anyOf', 'anyOf', {}, 'must match a schema in anyOf'],
        ['/type', '/$ref/allOf/3/$ref/properties/type/anyOf/0/$ref/enum', 'https://json-schema.org/draft/2020-12/meta/validation#/$defs/simpleTypes/enum', 'enum', {'allowedValues': ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']}, 'must be equal to one of the allowed values: "array", "boolean", "integer", "null", "number", "object", "string", found integer 1'],
    ]),
    # subschemas through the meta-schema's own $dynamicRef "#meta"
    ('SchemaDocument', {'properties': {'a': {'items': {'minLength': -1}}}}, [
        ['/properties/a/items/minLength', '/$ref/allOf/1/$ref/properties/properties/additionalProperties/$dynamicRef/allOf/1/$ref/properties/items/$dynamicRef/allOf/3/$ref/properties/minLength/$ref/$ref/minimum', 'https://json-schema.org/draft/2020-12/meta/validation#/$defs/nonNegativeInteger/minimum', 'minimum', {'comparison': '>=', 'limit': 0}, 'must be >= 0, found integer -1'],
    ]),
    ('SchemaDocument', {'$defs': {'n': {'type': 'integer', 'minLength': 1}}, 'items': True}, [
    ]),
    # the meta-schema from a response's schema (outside components/schemas)
    ('getSchema 200', {'minLength': -1}, [
        ['/minLength', '/$ref/allOf/3/$ref/properties/minLength/$ref/$ref/minimum', 'https://json-schema.org/draft/2020-12/meta/validation#/$defs/nonNegativeInteger/minimum', 'minimum', {'comparison': '>=', 'limit': 0}, 'must be >= 0, found integer -1'],
    ]),
    ('getSchema 200', {'type': 'string'}, [
    ]),
    # a $ref into the middle of a resource enters it: "lists" is then the
    # outermost resource with anchor "item", whose schema wins
    ('StringList', ['a', 1], [
        ['/1', '/$ref/items/$ref/$dynamicRef/type', '#/components/schemas/Lists/$defs/item/type', 'type', {'type': 'string'}, 'must be string, found integer 1'],
    ]),
    # the same through a JSON pointer that crosses the $id of "lists"
    ('StringListByPointer', ['a', 1], [
        ['/1', '/$ref/items/$ref/$dynamicRef/type', '#/components/schemas/Lists/$defs/item/type', 'type', {'type': 'string'}, 'must be string, found integer 1'],
    ]),
    # a dynamic reference that falls back to its static target, in the
    # middle of "other", enters "other" too: its "leaf" is then outermost
    ('ViaDynamic', ['a', 1], [
        ['/1', '/$dynamicRef/items/$ref/$dynamicRef/type', '#/components/schemas/Other/$defs/leaf/type', 'type', {'type': 'string'}, 'must be string, found integer 1'],
    ]),
    # not through "lists": the anchor of "numbers" itself
    ('NumberList', ['a', 1], [
        ['/0', '/items/$ref/$dynamicRef/type', '#/components/schemas/Numbers/$defs/item/type', 'type', {'type': 'integer'}, 'must be integer, found string "a"'],
    ]),
]
# a legitimately deep tree stays within the dynamic scope's bound (8 per
# instance level): 120 levels of nodes are 240 of instance nesting
DEEP = {'data': 0}
for _ in range(120):
    DEEP = {'children': [DEEP]}
CASES.append(('StrictTree', DEEP, []))
# target -> the report's status when validation cannot finish (oas_status)
STATUS = {'Loop': 23, 'LoopInside': 23}  # OAS_ERR_SCHEMA_DEPTH: a dynamic reference to itself
CASES.append(('Loop', 1, []))
CASES.append(('LoopInside', {'deep': [0]}, []))
# where validation stopped: the instance location and the offset of the value
STOPPED = {'Loop': ['', 0], 'LoopInside': ['/deep/0', 9]}


# more members than the records keep without allocating (32); the failing
# anyOf branch leaves "b" unevaluated, so unevaluatedProperties checks it (as
# python3-jsonschema does)
MANY = dict([("a", "s"), ("b", 1)] + [("x%d" % i, i) for i in range(40)] + [("y", "s")])
CASES.append(("UnevaluatedMany", MANY, [
    ['/y', '/unevaluatedProperties/type',
     '#/components/schemas/UnevaluatedMany/unevaluatedProperties/type', 'type',
     {'type': 'integer'}, 'must be integer, found string "s"'],
]))


def main():
    args = sys.argv[1:]
    ldflags = args[args.index("--") + 1:] if "--" in args else []
    args = args[:args.index("--")] if "--" in args else args
    if len(args) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    work, oas2c, driver_c, runtime_inc, runtime_lib, cc = args
    gen = os.path.join(work, "gen")
    os.makedirs(gen, exist_ok=True)
    spec = os.path.join(work, "keywords.yaml")
    with open(spec, "w") as f:
        f.write(SPEC)
    run([oas2c, "--prefix", "kw_", "--output", gen, spec])
    exe = os.path.join(work, "kw_validate")
    sources = [os.path.join(gen, "kw_" + n) for n in ("validate.c", "registry.c", "model.c")]
    run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", "-D_POSIX_C_SOURCE=200809L",
         "-I" + runtime_inc, "-I" + gen, "-DOAS_DRIVER_REGISTRY=kw_registry",
         "-DOAS_DRIVER_FULL_REPORT", "-o", exe, driver_c] + sources + [runtime_lib] + ldflags +
        ["-lm"])
    tsv = os.path.join(work, "cases.tsv")
    with open(tsv, "w") as f:
        for target, instance, _ in CASES:
            f.write(target + "\t" + json.dumps(instance, separators=(",", ":")) + "\n")
    failures = 0
    for (target, instance, expected), line in zip(CASES, run([exe, tsv]).splitlines()):
        r = json.loads(line)
        got = [[e["instanceLocation"], e["keywordLocation"], e["absoluteKeywordLocation"],
                e["keyword"], e["params"], e["message"]] for e in r["errors"]]
        status = STATUS.get(target, 0)
        stopped = [r["stoppedAt"], r["stoppedOffset"]] if "stoppedAt" in r else None
        if got != expected or r["valid"] != (not expected and not status) or \
                r["status"] != status or stopped != STOPPED.get(target):
            failures += 1
            print("FAIL %s %s\n  got:  %s\n  want: %s" % (target, json.dumps(instance),
                                                          json.dumps(got), json.dumps(expected)))
    print("keyword reports: %d/%d cases as expected" % (len(CASES) - failures, len(CASES)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
