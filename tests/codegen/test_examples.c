/* test_examples.c - examples synthesized from schemas (emit_examples.c):
 * exact output for each rule on small specs, and every component of the
 * seed spec and of the model-features spec checked against
 * python3-jsonschema (the reference the validator is also held to). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_examples.h"
#include "support_spec.h"

static const char spec_head[] = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
                                "components:\n  schemas:\n";

/* Synthesize #/components/schemas/T of a spec made of spec_head + schemas. */
static char *example_of(const char *schemas)
{
    size_t n = strlen(spec_head) + strlen(schemas) + 1;
    char *text = malloc(n);
    assert_non_null(text);
    snprintf(text, n, "%s%s", spec_head, schemas);
    front_result r = run_front_end("inline.yaml", text, "t_");
    if (!r.spec)
        fprintf(stderr, "%s", r.diagnostics);
    assert_non_null(r.spec);
    const ir_schema *s = find_schema(r.spec, "#/components/schemas/T");
    assert_non_null(s);
    char *json = emit_example_synthesize(s, NULL);
    front_result_free(&r);
    free(text);
    return json;
}

static const struct { const char *schemas, *want; } cases[] = {
    /* required members, types, property names as readable strings */
    {"    T: {type: object, required: [a, b], properties: {a: {type: string}, "
     "b: {type: integer}, c: {type: boolean}}}\n",
     "{\"a\":\"a\",\"b\":0,\"c\":true}"},
    /* enum's first value, const */
    {"    T: {type: object, properties: {e: {type: string, enum: [x, y]}, k: {const: 3}}}\n",
     "{\"e\":\"x\",\"k\":3}"},
    /* minimum, exclusiveMinimum, maximum below 0, multipleOf */
    {"    T: {type: object, properties: {a: {type: integer, minimum: 5}, "
     "b: {type: integer, exclusiveMinimum: 5}, c: {type: integer, maximum: -3}, "
     "d: {type: number, minimum: 0.25}, e: {type: integer, minimum: 7, multipleOf: 5}}}\n",
     "{\"a\":5,\"b\":6,\"c\":-3,\"d\":0.25,\"e\":10}"},
    /* string lengths and formats */
    {"    T: {type: object, properties: {s: {type: string, minLength: 6}, "
     "t: {type: string, maxLength: 2}, d: {type: string, format: date-time}, "
     "u: {type: string, format: uuid}}}\n",
     "{\"s\":\"sxxxxx\",\"t\":\"t\",\"d\":\"2024-01-01T00:00:00Z\","
     "\"u\":\"00000000-0000-4000-8000-000000000000\"}"},
    /* recursion stops at optional members (an optional array of the type
       being built stays empty) */
    {"    T: {type: object, required: [n], properties: {n: {type: string}, "
     "next: {$ref: '#/components/schemas/T'}, kids: {type: array, "
     "items: {$ref: '#/components/schemas/T'}}}}\n",
     "{\"n\":\"n\",\"kids\":[]}"},
    {"    T: {type: object, required: [m], properties: {m: {$ref: '#/components/schemas/M'}}}\n"
     "    M: {type: object, required: [score], properties: {score: {type: integer}, "
     "last: {$ref: '#/components/schemas/M'}}}\n",
     "{\"m\":{\"score\":0}}"},
    /* maps get one entry; free-form objects stay empty */
    {"    T: {type: object, properties: {m: {type: object, additionalProperties: "
     "{type: integer, minimum: 1}}, f: {type: object}}}\n",
     "{\"m\":{\"additionalProp1\":1},\"f\":{}}"},
    /* arrays: one item, minItems, maxItems 0 */
    {"    T: {type: object, properties: {a: {type: array, items: {type: boolean}}, "
     "b: {type: array, minItems: 2, items: {type: integer}}, "
     "c: {type: array, maxItems: 0, items: {type: integer}}}}\n",
     "{\"a\":[true],\"b\":[0,0],\"c\":[]}"},
    /* allOf merged; first oneOf branch; $ref siblings (3.1) */
    {"    T: {allOf: [{$ref: '#/components/schemas/A'}, {type: object, required: [y], "
     "properties: {y: {type: integer, minimum: 2}}}]}\n"
     "    A: {type: object, required: [x], properties: {x: {type: string}}}\n",
     "{\"x\":\"x\",\"y\":2}"},
    {"    T: {oneOf: [{type: string}, {type: integer}]}\n", "\"string\""},
    /* oneOf: a branch the others reject (B's instance also fits A, A's
       lacks B's required y) */
    {"    T: {oneOf: [{$ref: '#/components/schemas/B'}, {$ref: '#/components/schemas/A'}]}\n"
     "    A: {type: object, required: [x], properties: {x: {type: string}}}\n"
     "    B: {type: object, required: [x, y], properties: {x: {type: string}, "
     "y: {type: integer}}}\n",
     "{\"x\":\"x\"}"},
    {"    T: {$ref: '#/components/schemas/A', minimum: 4}\n    A: {type: integer}\n", "4"},
    /* schema-level example/default when it fits; writeOnly members left out */
    {"    T: {type: object, properties: {a: {type: string, example: hello}, "
     "b: {type: integer, default: 42, maximum: 10}, w: {type: string, writeOnly: true}}}\n",
     "{\"a\":\"hello\",\"b\":0}"},
    /* type list: non-null first; no type at all: inferred */
    {"    T: {type: object, properties: {a: {type: [\"null\", integer]}, "
     "b: {minLength: 3}, c: {properties: {d: {type: boolean}}}}}\n",
     "{\"a\":0,\"b\":\"bxx\",\"c\":{\"d\":true}}"},
    /* a member's schemas in every branch merged; if/then; dependentRequired */
    {"    T: {allOf: [{type: object, required: [n], properties: {n: {type: integer}}}, "
     "{properties: {n: {minimum: 5}}}], if: {properties: {n: {const: 5}}}, "
     "then: {required: [t]}, dependentRequired: {t: [u]}}\n",
     "{\"n\":5,\"t\":null,\"u\":null}"},
    /* contains with minContains beyond prefixItems; unevaluatedProperties
       as a map's value schema */
    {"    T: {type: object, properties: {c: {type: array, prefixItems: [{type: string}], "
     "items: {type: integer}, contains: {minimum: 2}, minContains: 2}, "
     "m: {type: object, unevaluatedProperties: {type: boolean}}}}\n",
     "{\"c\":[\"string\",2,2],\"m\":{\"additionalProp1\":true}}"},
    /* only minContains items are made to match `contains`: the rest are
       plain items, so maxContains holds */
    {"    T: {type: array, minItems: 3, items: {type: integer}, contains: {const: 1}, "
     "maxContains: 1}\n",
     "[1,0,0]"},
    /* prefix items past minItems end the array where they would recurse,
       as optional members are left out */
    {"    T: {type: array, minItems: 1, prefixItems: [{type: integer}, {$ref: '#/components/schemas/T'}, "
     "{type: string}]}\n",
     "[0]"},
};

static void test_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = example_of(cases[i].schemas);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "case %zu:\n  got  %s\n  want %s\n", i, got, cases[i].want);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
}

static void test_deterministic_and_null(void **state)
{
    (void)state;
    assert_null(emit_example_synthesize(NULL, NULL));
    char *a = example_of("    T: {type: object, required: [a], properties: {a: {type: number}}}\n");
    char *b = example_of("    T: {type: object, required: [a], properties: {a: {type: number}}}\n");
    assert_string_equal(a, b);
    assert_string_equal(a, "{\"a\":0}");
    free(a);
    free(b);
}

/* Every component of a spec -> NDJSON lines {"schema": name, "instance": ...},
 * then python3-jsonschema validates each against the spec itself. */
static const char checker[] =
    "import json, sys, yaml\n"
    "from jsonschema import Draft202012Validator\n"
    "spec = yaml.safe_load(open(sys.argv[1]))\n"
    "def fix(n):  # OpenAPI 3.0 nullable -> JSON Schema\n"
    "    if isinstance(n, dict):\n"
    "        n = {k: fix(v) for k, v in n.items()}\n"
    "        if n.pop('nullable', False):\n"
    "            n = {'anyOf': [n, {'type': 'null'}]}\n"
    "        n.pop('discriminator', None)\n"
    "        return n\n"
    "    return [fix(x) for x in n] if isinstance(n, list) else n\n"
    "comps = fix(spec['components']) if spec['openapi'].startswith('3.0') else spec['components']\n"
    "bad = 0\n"
    "for line in open(sys.argv[2]):\n"
    "    d = json.loads(line)\n"
    "    v = Draft202012Validator({'$ref': '#/components/schemas/' + d['schema'],\n"
    "                              'components': comps},\n"
    "                             format_checker=Draft202012Validator.FORMAT_CHECKER)\n"
    "    for e in v.iter_errors(d['instance']):\n"
    "        bad += 1\n"
    "        print(d['schema'], json.dumps(d['instance']), '->', e.message, file=sys.stderr)\n"
    "sys.exit(1 if bad else 0)\n";

static void check_spec_components(const char *spec_path, const char *tag)
{
    front_result r = run_front_end(spec_path, NULL, "x_");
    assert_non_null(r.spec);
    char ndjson[512], script[512], cmd[2048];
    snprintf(ndjson, sizeof ndjson, "%s/examples-%s.ndjson", OAS_BINARY_DIR, tag);
    snprintf(script, sizeof script, "%s/examples-check.py", OAS_BINARY_DIR);
    FILE *f = fopen(ndjson, "w");
    assert_non_null(f);
    for (size_t i = 0; i < r.spec->component_count; i++) {
        const ir_schema *s = r.spec->components[i];
        char *json = emit_example_synthesize(s, NULL);
        fprintf(f, "{\"schema\":\"%s\",\"instance\":%s}\n", s->component_name, json);
        free(json);
    }
    fclose(f);
    f = fopen(script, "w");
    assert_non_null(f);
    fputs(checker, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s %s %s", script, spec_path, ndjson);
    int status = system(cmd);
    front_result_free(&r);
    assert_int_equal(status, 0);
}

static void test_seed_spec_examples_validate(void **state)
{
    (void)state;
    check_spec_components("spec/insights-scores.yaml", "seed");
}

static void test_feature_spec_examples_validate(void **state)
{
    (void)state;
    check_spec_components("tests/data/model/features.yaml", "features");
}

static void test_2020_12_keyword_spec_examples_validate(void **state)
{
    (void)state;
    check_spec_components("tests/data/model/keywords-2020-12.yaml", "keywords-2020-12");
}

/* The cache (emit_example_synthesize_cached) must give the bytes a fresh
 * synthesis gives, for every response body (bare $refs share entries) and
 * every schema node, asked twice so that the second answer is a hit. */
static void check_cache_matches(const char *spec_path)
{
    front_result r = run_front_end(spec_path, NULL, "x_");
    assert_non_null(r.spec);
    emit_example_cache *cache = emit_example_cache_new();
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < r.spec->operation_count; i++) {
            const ir_operation *op = &r.spec->operations[i];
            for (size_t k = 0; k < op->response_count; k++) {
                size_t fresh_len = 0, cached_len = 0;
                char *fresh = emit_example_synthesize(op->responses[k].schema, &fresh_len);
                char *cached =
                    emit_example_synthesize_cached(cache, op->responses[k].schema, &cached_len);
                assert_int_equal(fresh_len, cached_len);
                if (fresh)
                    assert_memory_equal(fresh, cached, fresh_len);
                else
                    assert_null(cached);
                free(fresh);
                free(cached);
            }
        }
        for (size_t i = 0; i < r.spec->schema_count; i++) {
            char *fresh = emit_example_synthesize(r.spec->schemas[i], NULL);
            char *cached = emit_example_synthesize_cached(cache, r.spec->schemas[i], NULL);
            assert_string_equal(fresh, cached);
            free(fresh);
            free(cached);
        }
    }
    emit_example_cache_free(cache);
    front_result_free(&r);
}

static void test_cache_matches_synthesis(void **state)
{
    (void)state;
    check_cache_matches("spec/insights-scores.yaml");
    check_cache_matches("tests/data/model/features.yaml");
    check_cache_matches("tests/data/model/keywords-2020-12.yaml");
    check_cache_matches("spec/ld-openapi.yaml");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_deterministic_and_null),
        cmocka_unit_test(test_seed_spec_examples_validate),
        cmocka_unit_test(test_feature_spec_examples_validate),
        cmocka_unit_test(test_2020_12_keyword_spec_examples_validate),
        cmocka_unit_test(test_cache_matches_synthesis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
