/* test_spec_limits.c - what the generator makes of specs that try to make
 * it do too much or the wrong thing:
 *  - a schema $ref must name a place that holds a schema: "#" (the whole
 *    document), "#/paths", "#/info", a property map... are refused with a
 *    located error;
 *  - YAML aliases of a schema do not multiply it: every place an alias
 *    puts a node gets the one schema built for it (components under
 *    another name become a $ref to the first), so 20,000 aliases emit the
 *    aliased schema once;
 *  - a prefix and a name that together spell a C keyword get the same
 *    trailing '_' as unprefixed names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support_generate.h"
#include "support_spec.h"

#define HEAD "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"

static const ir_schema *must_find(const ir_spec *spec, const char *location)
{
    const ir_schema *s = find_schema(spec, location);
    if (!s)
        fail_msg("no schema at %s", location);
    return s;
}

/* ---- $ref targets ------------------------------------------------------------ */

static void test_ref_to_the_whole_document_is_refused(void **state)
{
    (void)state;
    front_result r = run_front_end("spec.yaml",
                                   HEAD "paths: {}\n"
                                        "components:\n"
                                        "  schemas:\n"
                                        "    A: {$ref: '#'}\n",
                                   "t_");
    assert_null(r.spec);
    assert_string_equal(r.diagnostics,
                        "spec.yaml:6:9: error: $ref '#' names the whole document, not a schema\n");
    front_result_free(&r);
}

static void test_schema_refs_resolve_only_to_places_that_hold_schemas(void **state)
{
    (void)state;
    static const char schema_places[] =
        HEAD "paths:\n"
             "  /x:\n"
             "    get:\n"
             "      parameters:\n"
             "        - {name: q, in: query, schema: {type: string}}\n"
             "      responses:\n"
             "        '200':\n"
             "          description: ok\n"
             "          content:\n"
             "            application/json:\n"
             "              schema: {type: object, properties: {v: {type: integer}}}\n"
             "components:\n"
             "  schemas:\n"
             "    B:\n"
             "      type: array\n"
             "      items: {type: string}\n"
             "      properties: {p: {type: boolean}}\n"
             "      $defs: {d: {type: number}}\n"
             "    ToProperty: {$ref: '#/components/schemas/B/properties/p'}\n"
             "    ToDef: {$ref: '#/components/schemas/B/$defs/d'}\n"
             "    ToItems: {$ref: '#/components/schemas/B/items'}\n"
             "    ToParameter: {$ref: '#/paths/~1x/get/parameters/0/schema'}\n"
             "    ToBodyMember: {$ref: '#/paths/~1x/get/responses/200/content/application~1json/schema/properties/v'}\n";
    front_result r = run_front_end("spec.yaml", schema_places, "t_");
    if (!r.spec)
        fail_msg("%s", r.diagnostics);
    static const struct { const char *ref, *target; } resolved[] = {
        {"ToProperty", "#/components/schemas/B/properties/p"},
        {"ToDef", "#/components/schemas/B/$defs/d"},
        {"ToItems", "#/components/schemas/B/items"},
        {"ToParameter", "#/paths/~1x/get/parameters/0/schema"},
        {"ToBodyMember", "#/paths/~1x/get/responses/200/content/application~1json/schema/properties/v"},
    };
    for (size_t i = 0; i < sizeof resolved / sizeof *resolved; i++) {
        char loc[128];
        snprintf(loc, sizeof loc, "#/components/schemas/%s", resolved[i].ref);
        assert_ptr_equal(must_find(r.spec, loc)->ref_target, must_find(r.spec, resolved[i].target));
    }
    front_result_free(&r);

    static const char no_schema_places[] =
        HEAD "paths: {}\n"
             "x-lib: {S: {type: string}}\n"
             "components:\n"
             "  responses:\n"
             "    R: {description: d}\n"
             "  schemas:\n"
             "    B: {type: object, properties: {p: {type: string}}, example: {p: x}}\n"
             "    ToPaths: {$ref: '#/paths'}\n"
             "    ToInfo: {$ref: '#/info'}\n"
             "    ToComponents: {$ref: '#/components'}\n"
             "    ToSchemaMap: {$ref: '#/components/schemas'}\n"
             "    ToResponse: {$ref: '#/components/responses/R'}\n"
             "    ToPropertyMap: {$ref: '#/components/schemas/B/properties'}\n"
             "    ToExample: {$ref: '#/components/schemas/B/example'}\n"
             "    ToExtension: {$ref: '#/x-lib/S'}\n";
#define EXPECTED_PLACES "(expected #/components/schemas/NAME, a 'schema' field, or a subschema keyword below one)\n"
    r = run_front_end("spec.yaml", no_schema_places, "t_");
    assert_null(r.spec);
    assert_string_equal(
        r.diagnostics,
        "spec.yaml:10:15: error: $ref '#/paths' names no schema location " EXPECTED_PLACES
        "spec.yaml:11:14: error: $ref '#/info' names no schema location " EXPECTED_PLACES
        "spec.yaml:12:20: error: $ref '#/components' names no schema location " EXPECTED_PLACES
        "spec.yaml:13:19: error: $ref '#/components/schemas' names no schema location " EXPECTED_PLACES
        "spec.yaml:14:18: error: $ref '#/components/responses/R' names no schema location " EXPECTED_PLACES
        "spec.yaml:15:21: error: $ref '#/components/schemas/B/properties' names no schema location " EXPECTED_PLACES
        "spec.yaml:16:17: error: $ref '#/components/schemas/B/example' names no schema location " EXPECTED_PLACES
        "spec.yaml:17:19: error: $ref '#/x-lib/S' names no schema location " EXPECTED_PLACES);
#undef EXPECTED_PLACES
    front_result_free(&r);
}

/* ---- YAML aliases ------------------------------------------------------------ */

/* Item is anchored, Same is another name for it, Holder holds it twice and
 * its tag schema once through aliases, the operation answers with it, and
 * two $refs name places that exist only through aliases. */
static const char aliases_spec[] =
    HEAD "components:\n"
         "  schemas:\n"
         "    Item: &item\n"
         "      type: object\n"
         "      required: [id]\n"
         "      properties:\n"
         "        id: {type: integer}\n"
         "        tags: {type: array, items: &tag {type: string, maxLength: 8}}\n"
         "    Same: *item\n"
         "    Holder:\n"
         "      type: object\n"
         "      properties:\n"
         "        first: *item\n"
         "        second: *item\n"
         "        tag: *tag\n"
         "        viaSite: {$ref: '#/components/schemas/Holder/properties/second'}\n"
         "        viaInside: {$ref: '#/components/schemas/Same/properties/id'}\n"
         "paths:\n"
         "  /items:\n"
         "    get:\n"
         "      operationId: getItem\n"
         "      responses:\n"
         "        '200':\n"
         "          description: ok\n"
         "          content:\n"
         "            application/json:\n"
         "              schema: *item\n";

static void test_aliased_schemas_are_built_once(void **state)
{
    (void)state;
    front_result r = run_front_end("aliases.yaml", aliases_spec, "t_");
    if (!r.spec)
        fail_msg("%s", r.diagnostics);
    const ir_spec *spec = r.spec;
    /* Item, its id, tags and tag; Same; Holder and its two $ref members. */
    assert_int_equal(spec->schema_count, 8);
    const ir_schema *item = must_find(spec, "#/components/schemas/Item");
    const ir_schema *id = must_find(spec, "#/components/schemas/Item/properties/id");
    const ir_schema *tag = must_find(spec, "#/components/schemas/Item/properties/tags/items");
    const ir_schema *same = must_find(spec, "#/components/schemas/Same");
    assert_string_equal(same->ref, "#/components/schemas/Item");
    assert_ptr_equal(same->ref_target, item);
    assert_int_equal(same->loc.line, 11);  /* where the name is, not the anchor */
    assert_int_equal(same->loc.col, 5);
    assert_string_equal(same->type_name, "t_same");
    assert_int_equal(same->ckind, CK_STRUCT);
    const ir_schema *holder = must_find(spec, "#/components/schemas/Holder");
    assert_int_equal(holder->prop_count, 5);
    assert_ptr_equal(holder->props[0].schema, item);
    assert_ptr_equal(holder->props[1].schema, item);
    assert_ptr_equal(holder->props[2].schema, tag);
    assert_ptr_equal(holder->props[3].schema->ref_target, item);
    assert_ptr_equal(holder->props[4].schema->ref_target, id);
    assert_ptr_equal(spec->operations[0].responses[0].schema, item);
    front_result_free(&r);
}

/* The checker prints each violation as instance, keyword path and absolute
 * keyword location. */
static const char aliases_checker[] =
    "#include <stdio.h>\n"
    "#include <string.h>\n"
    "#include \"t_validate.h\"\n"
    "static void check(bool (*validate)(const oas_json *, oas_report *), const char *json)\n"
    "{\n"
    "    oas_json_doc *doc = NULL;\n"
    "    oas_error err;\n"
    "    if (oas_json_parse(json, strlen(json), NULL, &doc, &err) != OAS_OK)\n"
    "        return;\n"
    "    oas_report report;\n"
    "    oas_report_init(&report, 0);\n"
    "    validate(oas_json_doc_root(doc), &report);\n"
    "    for (size_t i = 0; i < report.count; i++)\n"
    "        printf(\"%s %s %s\\n\", report.items[i].instance_location,\n"
    "               report.items[i].keyword_location, report.items[i].absolute_keyword_location);\n"
    "    oas_report_free(&report);\n"
    "    oas_json_doc_free(doc);\n"
    "}\n"
    "int main(void)\n"
    "{\n"
    "    check(t_same_validate, \"{\\\"id\\\": \\\"x\\\", \\\"tags\\\": [\\\"123456789\\\"]}\");\n"
    "    check(t_holder_validate, \"{\\\"second\\\": {}, \\\"tag\\\": \\\"123456789\\\"}\");\n"
    "    return 0;\n"
    "}\n";

static void test_aliased_schemas_validate_through_their_first_location(void **state)
{
    (void)state;
    char dir[64];
    make_temp_dir(dir, sizeof dir, "aliases");
    char *diagnostics = NULL;
    int rc = generate_binding("aliases.yaml", aliases_spec, sizeof aliases_spec - 1, "t_", dir,
                              &diagnostics);
    if (rc != 0)
        fail_msg("%s", diagnostics);
    free(diagnostics);
    assert_int_equal(compile_generated_sources(dir, "t_"), -1);
    char path[128];
    snprintf(path, sizeof path, "%s/checker.c", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(aliases_checker, f);
    fclose(f);
    assert_int_equal(link_generated_program(dir, "checker"), 0);
    assert_int_equal(run_command("%s/checker > %s/out.txt", dir, dir), 0);
    snprintf(path, sizeof path, "%s/out.txt", dir);
    char *out = read_text_file(path);
    assert_non_null(out);
    assert_string_equal(out,
                        "/id /$ref/properties/id/type #/components/schemas/Item/properties/id/type\n"
                        "/tags/0 /$ref/properties/tags/items/maxLength "
                        "#/components/schemas/Item/properties/tags/items/maxLength\n"
                        "/second /properties/second/required #/components/schemas/Item/required\n"
                        "/tag /properties/tag/maxLength "
                        "#/components/schemas/Item/properties/tags/items/maxLength\n");
    free(out);
    /* Item's struct and validator are written once; Same is a typedef. */
    snprintf(path, sizeof path, "%s/t_model.h", dir);
    char *header = read_text_file(path);
    assert_non_null(header);
    assert_non_null(strstr(header, "typedef t_item t_same;"));
    assert_null(strstr(header, "struct t_same {"));
    assert_null(strstr(header, "struct t_holder_first {"));
    free(header);
    run_command("rm -rf %s", dir);
}

static size_t count_occurrences(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* 21,000 uses of one schema: 200 holders of 100 properties each (so that
 * no object is itself huge) and 1,000 more component names. `use` is what
 * each one is written as: an alias, or a $ref. */
static char *many_uses_spec(const char *use, size_t *len)
{
    size_t cap = 4u << 20, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, HEAD "paths: {}\ncomponents:\n  schemas:\n"
                          "    Anchored: &s {type: object, properties: {code: {type: string, "
                          "pattern: '^anchored-[a-z]+$'}, n: {type: integer, minimum: 1}}}\n");
    for (int h = 0; h < 200; h++) {
        n += (size_t)snprintf(text + n, cap - n, "    H%d: {type: object, properties: {", h);
        for (int p = 0; p < 100; p++)
            n += (size_t)snprintf(text + n, cap - n, "%sp%d: %s", p ? ", " : "", p, use);
        n += (size_t)snprintf(text + n, cap - n, "}}\n");
    }
    for (int a = 0; a < 1000; a++)
        n += (size_t)snprintf(text + n, cap - n, "    Alias%d: %s\n", a, use);
    assert_true(n < cap);
    *len = n;
    return text;
}

/* Generates the binding and returns its size; checks that Anchored's
 * struct and the validators of its two properties are written once. */
static size_t generate_many_uses(const char *use)
{
    size_t len;
    char *text = many_uses_spec(use, &len);
    char dir[64];
    make_temp_dir(dir, sizeof dir, "many-uses");
    char *diagnostics = NULL;
    int rc = generate_binding("many.yaml", text, len, "m_", dir, &diagnostics);
    free(text);
    if (rc != 0)
        fail_msg("%s", diagnostics);
    free(diagnostics);
    size_t total = 0;
    for (size_t i = 0; i < sizeof generated_files / sizeof *generated_files; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/m_%s", dir, generated_files[i]);
        char *content = read_text_file(path);
        assert_non_null(content);
        total += strlen(content);
        if (strcmp(generated_files[i], "validate.c") == 0) {
            assert_int_equal(count_occurrences(content, "\"^anchored-[a-z]+$\""), 1);
            assert_int_equal(count_occurrences(content, "oas_v_bound("), 1);
        }
        if (strcmp(generated_files[i], "model.h") == 0)
            assert_int_equal(count_occurrences(content, "struct m_anchored {"), 1);
        free(content);
    }
    run_command("rm -rf %s", dir);
    return total;
}

/* Aliases cost what the same spec written with $refs costs: a member or a
 * typedef each, never a copy of the schema (which made about 130 MB of C
 * out of this spec's 21,000 aliases). */
static void test_twenty_thousand_aliases_cost_no_more_than_refs(void **state)
{
    (void)state;
    size_t with_aliases = generate_many_uses("*s");
    size_t with_refs = generate_many_uses("{$ref: '#/components/schemas/Anchored'}");
    if (with_aliases > with_refs)
        fail_msg("%zu bytes with aliases, %zu with $refs", with_aliases, with_refs);
}

/* ---- names --------------------------------------------------------------------- */

static void test_prefix_and_name_that_spell_a_keyword_get_an_underscore(void **state)
{
    (void)state;
    front_result r = run_front_end("kw.yaml",
                                   HEAD "paths: {}\n"
                                        "components:\n"
                                        "  schemas:\n"
                                        "    truct: {type: object, properties: {a: {type: string}}}\n"
                                        "    witch: {type: integer}\n",
                                   "s");
    if (!r.spec)
        fail_msg("%s", r.diagnostics);
    assert_string_equal(must_find(r.spec, "#/components/schemas/truct")->type_name, "struct_");
    assert_string_equal(must_find(r.spec, "#/components/schemas/witch")->type_name, "switch_");
    assert_string_equal(must_find(r.spec, "#/components/schemas/truct/properties/a")->type_name,
                        "struct__a");
    front_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ref_to_the_whole_document_is_refused),
        cmocka_unit_test(test_schema_refs_resolve_only_to_places_that_hold_schemas),
        cmocka_unit_test(test_aliased_schemas_are_built_once),
        cmocka_unit_test(test_aliased_schemas_validate_through_their_first_location),
        cmocka_unit_test(test_twenty_thousand_aliases_cost_no_more_than_refs),
        cmocka_unit_test(test_prefix_and_name_that_spell_a_keyword_get_an_underscore),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
