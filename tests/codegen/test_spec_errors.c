/* test_spec_errors.c - every broken spec in tests/data/specs/bad/<name>.yaml
 * must give exactly the diagnostics in <name>.expected, fail, and not crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support_spec.h"

#define BAD_DIR "tests/data/specs/bad"

/* Every case listed here must exist; the directory may hold no others. */
static const char *const cases[] = {
    "alias_bomb", "alias_recursive", "allof_cycle", "bad_keyword_values", "bad_operation",
    "deep_nesting", "duplicate_key", "duplicate_operation_id", "external_ref",
    "json_unresolvable", "missing_openapi", "properties_sequence", "ref_cycle",
    "required_not_strings", "server_names", "swagger2", "unknown_type", "unresolvable_ref",
    "unsupported_openapi", "yaml_indent", "yaml_syntax",
};
#define CASE_COUNT (sizeof cases / sizeof *cases)

static void check_case(const char *name)
{
    char spec_path[256], expected_path[256];
    snprintf(spec_path, sizeof spec_path, BAD_DIR "/%s.yaml", name);
    snprintf(expected_path, sizeof expected_path, BAD_DIR "/%s.expected", name);
    char *expected = read_text_file(expected_path);
    assert_non_null(expected);
    front_result r = run_front_end(spec_path, NULL, "t_");
    if (strcmp(r.diagnostics, expected) != 0)
        fprintf(stderr, "case %s:\n got: %s want: %s", name, r.diagnostics, expected);
    assert_string_equal(r.diagnostics, expected);
    assert_null(r.spec);
    assert_true(r.errors > 0);
    front_result_free(&r);
    free(expected);
}

static void test_each_bad_spec(void **state)
{
    (void)state;
    for (size_t i = 0; i < CASE_COUNT; i++)
        check_case(cases[i]);
}

/* A new file in bad/ without a row above would silently go untested. */
static void test_no_unlisted_cases(void **state)
{
    (void)state;
    DIR *dir = opendir(BAD_DIR);
    assert_non_null(dir);
    size_t yaml_files = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
            yaml_files++;
    }
    closedir(dir);
    assert_int_equal(yaml_files, CASE_COUNT);
}

static void test_missing_file_is_an_error(void **state)
{
    (void)state;
    front_result r = run_front_end(BAD_DIR "/no-such-file.yaml", NULL, "t_");
    assert_null(r.spec);
    assert_int_equal(r.errors, 1);
    assert_string_equal(r.diagnostics,
                        BAD_DIR "/no-such-file.yaml:1:1: error: cannot open: No such file or directory\n");
    front_result_free(&r);
}

/* Small inline cases whose exact message matters. */
static const struct {
    const char *text;
    const char *expected;
} inline_cases[] = {
    {"", "s.yaml:1:1: error: the document is empty\n"},
    {"- a\n- b\n", "s.yaml:1:1: error: the document must be a mapping\n"},
    {"openapi: 3.1.0\n---\nopenapi: 3.1.0\n", "s.yaml:2:1: error: more than one YAML document in the file\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: [1]\n",
     "s.yaml:4:8: error: a schema must be a mapping or a boolean\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {type: [string, 5x]}\n",
     "s.yaml:4:24: error: unknown type \"5x\"\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {multipleOf: 0}\n",
     "s.yaml:4:21: error: 'multipleOf' must be greater than 0\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {enum: .inf}\n",
     "s.yaml:4:15: error: 'enum' must be a sequence\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {const: .inf}\n",
     "s.yaml:4:16: error: number '.inf' has no JSON representation\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {$ref: '#/components/schemas/A'}\n",
     "s.yaml:4:9: error: $ref cycle with no object in between: #/components/schemas/A -> #/components/schemas/A\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {discriminator: {propertyName: k, mapping: {x: Nope}}}\n",
     "s.yaml:4:8: error: unresolvable discriminator mapping \"x\": Nope\n"},
    {"openapi: 3.1.0\n? [a]\n: b\n", "s.yaml:2:3: error: mapping keys must be scalars\n"},
    {"openapi: \"3.0\"\n", "s.yaml:1:10: error: unsupported OpenAPI version \"3.0\" (3.0.x or 3.1.x needed)\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {dependentRequired: [a]}\n",
     "s.yaml:4:28: error: 'dependentRequired' must be a mapping of string sequences\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {dependentRequired: {a: b}}\n",
     "s.yaml:4:32: error: 'dependentRequired' must be a mapping of string sequences\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {patternProperties: [a]}\n",
     "s.yaml:4:28: error: 'patternProperties' must be a mapping\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {minContains: -1}\n",
     "s.yaml:4:22: error: 'minContains' must be a non-negative integer\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {$id: 'https://x.test/a'}\n"
     "    B: {$id: 'https://x.test/a'}\n",
     "s.yaml:5:14: error: $id \"https://x.test/a\" is also the $id of #/components/schemas/A\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {$id: 'https://x.test/a', $ref: 'b.json'}\n",
     "s.yaml:4:34: error: external $ref not supported: b.json\n"},
    /* the embedded 2020-12 meta-schemas are known by their $ids, nothing else there */
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n"
     "    A: {$ref: 'https://json-schema.org/draft/2020-12/meta/nope'}\n",
     "s.yaml:4:9: error: external $ref not supported: "
     "https://json-schema.org/draft/2020-12/meta/nope\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n"
     "    A: {$ref: 'https://json-schema.org/draft/2020-12/schema#/$defs/missing'}\n",
     "s.yaml:4:9: error: unresolvable $ref: "
     "https://json-schema.org/draft/2020-12/schema#/$defs/missing\n"},
    /* a plain-name fragment naming no anchor of a resource that exists */
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n"
     "    A: {$id: 'https://x.test/a', $dynamicRef: '#gone'}\n",
     "s.yaml:4:34: error: unresolvable anchor \"#gone\" in https://x.test/a\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n"
     "    A: {$id: 'https://x.test/a'}\n    B: {$ref: 'https://x.test/a#gone'}\n",
     "s.yaml:5:9: error: unresolvable anchor \"#gone\" in https://x.test/a\n"},
    /* the document's own resource goes by its file name, with or without
       identifiers elsewhere */
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {$ref: '#gone'}\n",
     "s.yaml:4:9: error: unresolvable anchor \"#gone\" in s.yaml\n"},
    {"openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n"
     "          description: ok\n          content:\n            application/json:\n"
     "              schema: {$ref: '#gone'}\n"
     "components:\n  schemas:\n    A: {$anchor: here}\n",
     "s.yaml:10:24: error: unresolvable anchor \"#gone\" in s.yaml\n"},
    /* one anchor per name and resource: $dynamicAnchor is a plain name too */
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n"
     "    A:\n      $id: 'https://x.test/a'\n      $anchor: node\n"
     "      $defs: {b: {$dynamicAnchor: node}}\n",
     "s.yaml:7:35: error: $dynamicAnchor \"node\" in https://x.test/a is also the anchor of "
     "#/components/schemas/A\n"},
    {"openapi: 3.1.0\ncomponents:\n  schemas:\n"
     "    A: {$anchor: a}\n    B: {$anchor: a}\n",
     "s.yaml:5:18: error: $anchor \"a\" in s.yaml is also the anchor of #/components/schemas/A\n"},
};

static void test_inline_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof inline_cases / sizeof *inline_cases; i++) {
        front_result r = run_front_end("s.yaml", inline_cases[i].text, "t_");
        if (strcmp(r.diagnostics, inline_cases[i].expected) != 0)
            fprintf(stderr, "inline case %zu: got: %s", i, r.diagnostics);
        assert_string_equal(r.diagnostics, inline_cases[i].expected);
        assert_null(r.spec);
        front_result_free(&r);
    }
}

/* Keywords the validators do not implement are named, once each, and the
 * spec still builds: checking less than the spec says is never silent. The
 * 2020-12 applicators are implemented, so they get no note, nor does
 * $recursiveAnchor, which only $recursiveRef reads (noted). */
static void test_unsupported_keywords_are_noted(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\ncomponents:\n  schemas:\n"
        "    A:\n      patternProperties: {'^x': {type: string}}\n      dependencies: {}\n"
        "    B:\n      additionalItems: {}\n      dependencies: {}\n      if: {}\n"
        "      $recursiveRef: '#'\n      $recursiveAnchor: true\n      x-vendor: 1\n", "t_");
    assert_string_equal(r.diagnostics,
        "s.yaml:6:7: note: keyword \"dependencies\" is not supported: instances are not "
        "checked against it (first use)\n"
        "s.yaml:8:7: note: keyword \"additionalItems\" is not supported: instances are not "
        "checked against it (first use)\n"
        "s.yaml:11:7: note: keyword \"$recursiveRef\" is not supported: instances are not "
        "checked against it (first use)\n");
    assert_non_null(r.spec);
    front_result_free(&r);
}

/* A key that is no keyword (a misspelling, another dialect's) is ignored
 * as JSON Schema says, with a note where it is first met, naming the
 * keyword it is probably a misspelling of. Extensions and annotations
 * that nothing checks (xml, examples, $comment...) get none. */
static void test_unknown_keywords_are_noted_with_a_likely_keyword(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\ncomponents:\n  schemas:\n"
        "    A:\n      type: string\n      minLenght: 3\n      maxlength: 4\n"
        "      requried: [a]\n      colour: red\n      x-vendor: 1\n      xml: {name: a}\n"
        "      examples: [ab]\n      $comment: c\n      contentMediaType: text/plain\n"
        "    B:\n      minLenght: 3\n      colour: blue\n", "t_");
    assert_string_equal(r.diagnostics,
        "s.yaml:6:7: note: unknown keyword \"minLenght\" is ignored; did you mean "
        "\"minLength\"? (first use)\n"
        "s.yaml:7:7: note: unknown keyword \"maxlength\" is ignored; did you mean "
        "\"maxLength\"? (first use)\n"
        "s.yaml:8:7: note: unknown keyword \"requried\" is ignored; did you mean "
        "\"required\"? (first use)\n"
        "s.yaml:9:7: note: unknown keyword \"colour\" is ignored (first use)\n");
    assert_non_null(r.spec);
    front_result_free(&r);
}

/* Inside a schema with an $id, "#/components/..." names a place within
 * that resource (JSON Schema); when nothing is there but the document has
 * it (the OpenAPI habit), it is read so, with a note. */
static void test_document_pointer_under_id_is_noted(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\ncomponents:\n  schemas:\n"
        "    A:\n      $id: 'https://x.test/a'\n"
        "      properties: {b: {$ref: '#/components/schemas/B'}, c: {$ref: '#/$defs/C'}}\n"
        "      $defs: {C: {type: integer}}\n"
        "    B: {type: string}\n", "t_");
    assert_string_equal(r.diagnostics,
        "s.yaml:6:30: note: $ref \"#/components/schemas/B\" names nothing within $id "
        "\"https://x.test/a\"; read as a pointer into the document\n");
    assert_non_null(r.spec);
    front_result_free(&r);
}

/* A dialect other than 2020-12 (or OpenAPI 3.1's, built on it) named by
 * jsonSchemaDialect or a schema's $schema: one note for the document, at
 * the first place; schemas are read as 2020-12 all the same. */
static void test_other_dialect_is_noted_once(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *expected;
    } dialects[] = {
        {"openapi: 3.1.0\njsonSchemaDialect: 'http://json-schema.org/draft-07/schema#'\n"
         "components:\n  schemas:\n"
         "    A: {$schema: 'http://json-schema.org/draft-07/schema#', type: string}\n",
         "s.yaml:2:20: note: jsonSchemaDialect \"http://json-schema.org/draft-07/schema#\": "
         "read as 2020-12\n"},
        {"openapi: 3.1.0\ncomponents:\n  schemas:\n"
         "    A: {$schema: 'https://json-schema.org/draft/2020-12/schema', type: string}\n"
         "    B: {$schema: 'http://json-schema.org/draft-04/schema#', type: string}\n"
         "    C: {$schema: 'http://json-schema.org/draft-07/schema#', type: string}\n",
         "s.yaml:5:18: note: $schema \"http://json-schema.org/draft-04/schema#\": "
         "read as 2020-12\n"},
        {"openapi: 3.1.0\njsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base'\n"
         "components:\n  schemas:\n"
         "    A: {$schema: 'https://json-schema.org/draft/2020-12/schema#', type: string}\n",
         ""},
        /* 3.0's Schema Object is no dialect to name: $schema means nothing there */
        {"openapi: 3.0.3\ncomponents:\n  schemas:\n"
         "    A: {$schema: 'http://json-schema.org/draft-07/schema#', type: string}\n",
         ""},
    };
    for (size_t i = 0; i < sizeof dialects / sizeof *dialects; i++) {
        front_result r = run_front_end("s.yaml", dialects[i].text, "t_");
        assert_string_equal(r.diagnostics, dialects[i].expected);
        assert_non_null(r.spec);
        front_result_free(&r);
    }
}

/* $anchor and $dynamicAnchor of one name on one schema name one place:
 * no error, and the dynamic anchor is kept (it was dropped for the plain
 * one before). */
static void test_anchor_and_dynamic_anchor_of_one_schema(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\ncomponents:\n  schemas:\n"
        "    A:\n      $id: 'https://x.test/a'\n      $anchor: node\n"
        "      $dynamicAnchor: node\n      items: {$dynamicRef: '#node'}\n", "t_");
    assert_string_equal(r.diagnostics, "");
    assert_non_null(r.spec);
    assert_int_equal(r.spec->dynamic_resource_count, 1);
    assert_string_equal(r.spec->dynamic_resources[0].uri, "https://x.test/a");
    assert_int_equal(r.spec->dynamic_resources[0].anchor_count, 1);
    assert_string_equal(r.spec->dynamic_resources[0].anchors[0].location, "#/components/schemas/A");
    const ir_schema *items = find_schema(r.spec, "#/components/schemas/A/items");
    assert_non_null(items);
    assert_string_equal(items->dynamic_name, "node");
    front_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unsupported_keywords_are_noted),
        cmocka_unit_test(test_unknown_keywords_are_noted_with_a_likely_keyword),
        cmocka_unit_test(test_document_pointer_under_id_is_noted),
        cmocka_unit_test(test_anchor_and_dynamic_anchor_of_one_schema),
        cmocka_unit_test(test_other_dialect_is_noted_once),
        cmocka_unit_test(test_each_bad_spec),
        cmocka_unit_test(test_no_unlisted_cases),
        cmocka_unit_test(test_missing_file_is_an_error),
        cmocka_unit_test(test_inline_cases),
    };
    if (chdir(OAS_SOURCE_DIR) != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
