/* test_name_collisions.c - spec names whose C names would meet the names
 * the emitters derive (FooEnum beside an enum Foo, a property toCjson, an
 * operation beside a <op>ResultInit component, a parameter "body", an enum
 * value "h" of a component Model): the IR gets exactly the expected names,
 * and the generated binding compiles with -std=c11 -pedantic -Werror and
 * links (no symbol defined twice). A nullable reference (allOf [$ref])
 * to a struct and to an enum is part of it too. Run with and without a prefix, since
 * without one the model source's tables (desc_<type>) share the space. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "support_spec.h"

#define CC "cc -std=c11 -Wall -Wextra -Werror -pedantic " OAS_TEST_CC_SANITIZE

static const char collisions_spec[] =
    "openapi: 3.0.3\n"
    "info: {title: name collisions, version: '1'}\n"
    "paths:\n"
    "  /things:\n"
    "    post:\n"
    "      operationId: getThing\n"
    "      parameters:\n"
    "        - {name: body, in: query, schema: {type: string}}\n"
    "        - {name: bodyJsonLen, in: query, schema: {type: integer}}\n"
    "      requestBody:\n"
    "        content:\n"
    "          application/json:\n"
    "            schema: {$ref: '#/components/schemas/Bar'}\n"
    "      responses:\n"
    "        '200':\n"
    "          description: ok\n"
    "          content:\n"
    "            application/json:\n"
    "              schema: {$ref: '#/components/schemas/Foo'}\n"
    "components:\n"
    "  schemas:\n"
    "    Foo: {type: string, enum: [a-b, a_b, unknown, '*/ x /*']}\n"
    "    FooEnum: {type: object, properties: {v: {type: string}}}\n"
    "    Bar:\n"
    "      type: object\n"
    "      properties:\n"
    "        toCjson: {type: object, properties: {x: {type: integer}}}\n"
    "        enum: {type: object, properties: {y: {type: integer}}}\n"
    "        items: {type: array, items: {type: string}}\n"
    "        itemsCount: {type: integer}\n"
    "        hasItems: {type: boolean}\n"
    "        maybeFoo: {type: string, nullable: true, allOf: [{$ref: '#/components/schemas/Foo'}]}\n"
    "        sizes: {type: array, items: {type: number}}\n"
    "        sizesTexts: {type: string}\n"
    "    BarToCjson: {type: object, properties: {z: {type: integer}}}\n"
    "    Baz: {type: object, additionalProperties: {$ref: '#/components/schemas/Bar'}}\n"
    "    BazEntry: {type: object, properties: {k: {type: string}}}\n"
    "    Model: {type: string, enum: [h]}\n"
    "    Light: {type: string, enum: [red_x]}\n"
    "    LightRed: {type: string, enum: [x]}\n"
    "    GetThingResultInit: {type: object, properties: {r: {type: integer}}}\n"
    "    Pick: {oneOf: [{$ref: '#/components/schemas/Bar'}, {$ref: '#/components/schemas/BazEntry'}]}\n"
    "    PickEnum: {type: integer}\n"
    "    BarValidate: {type: boolean}\n"
    "    NullableBar: {type: object, nullable: true, allOf: [{$ref: '#/components/schemas/Bar'}]}\n";

static const struct { const char *location, *type_name; } expected_types[] = {
    {"#/components/schemas/Foo", "nc_foo"},
    {"#/components/schemas/FooEnum", "nc_foo_enum_2"},        /* nc_foo_enum: Foo's C enum */
    {"#/components/schemas/Bar", "nc_bar"},
    {"#/components/schemas/BarToCjson", "nc_bar_to_cjson_2"}, /* Bar's function */
    {"#/components/schemas/BazEntry", "nc_baz_entry_2"},      /* Baz's map entry */
    {"#/components/schemas/PickEnum", "nc_pick_enum_2"},      /* Pick's union tag */
    {"#/components/schemas/BarValidate", "nc_bar_validate_2"},
    {"#/components/schemas/GetThingResultInit", "nc_get_thing_result_init"},
    {"#/components/schemas/Bar/properties/toCjson", "nc_bar_to_cjson_3"},
    {"#/components/schemas/Bar/properties/enum", "nc_bar_enum_2"},
};

static void test_collision_names_in_ir(void **state)
{
    (void)state;
    front_result r = run_front_end("nc.yaml", collisions_spec, "nc_");
    if (!r.spec)
        fprintf(stderr, "%s", r.diagnostics);
    assert_non_null(r.spec);
    for (size_t i = 0; i < sizeof expected_types / sizeof *expected_types; i++) {
        const ir_schema *s = find_schema(r.spec, expected_types[i].location);
        assert_non_null(s);
        if (strcmp(s->type_name, expected_types[i].type_name) != 0)
            fprintf(stderr, "%s: %s\n", expected_types[i].location, s->type_name);
        assert_string_equal(s->type_name, expected_types[i].type_name);
    }
    /* the operation's nc_get_thing_result_init belongs to a component */
    const ir_operation *op = &r.spec->operations[0];
    assert_string_equal(op->c_name, "nc_get_thing_2");
    /* params struct members body/body_json_len are fixed */
    assert_string_equal(op->params[0].c_name, "body_2");
    assert_string_equal(op->params[1].c_name, "body_json_len_2");
    /* members: items_count and has_items are items's count and flag,
       sizes_texts the texts of sizes' items */
    const ir_schema *bar = find_schema(r.spec, "#/components/schemas/Bar");
    static const char *const members[] = {"to_cjson", "enum_", "items", "items_count_2",
                                          "has_items_2", "maybe_foo", "sizes", "sizes_texts_2"};
    assert_int_equal(bar->model_prop_count, 8);
    for (size_t i = 0; i < 8; i++)
        assert_string_equal(bar->model_props[i].c_name, members[i]);
    front_result_free(&r);
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

/* Every emitter into dir; returns the number of errors. */
static size_t generate(const char *text, const char *prefix, const char *dir)
{
    front_result r = run_front_end("nc.yaml", text, prefix);
    if (!r.spec) {
        fprintf(stderr, "%s", r.diagnostics);
        front_result_free(&r);
        return 1;
    }
    diag d;
    diag_init(&d, stderr);
    emit_ctx ctx = {.spec = r.spec, .outdir = dir, .d = &d};
    int (*const emitters[])(const emit_ctx *) = {emit_model_header, emit_model_source,
                                                 emit_validate, emit_registry_source, emit_ops};
    for (size_t i = 0; i < sizeof emitters / sizeof *emitters; i++)
        emitters[i](&ctx);
    front_result_free(&r);
    return d.errors;
}

/* Compile each unit strictly, then link them into one relocatable object:
 * a symbol defined twice fails there. The runtime stays out (it may be
 * built with sanitizers), so a symbol of the binding that is used but
 * defined nowhere is looked for with nm. */
static void compile_and_link(const char *text, const char *prefix)
{
    char dir[] = "/tmp/oas2c-names-XXXXXX";
    assert_non_null(mkdtemp(dir));
    assert_int_equal(generate(text, prefix, dir), 0);
    static const char *const units[] = {"model", "validate", "registry", "ops"};
    for (size_t i = 0; i < 4; i++)
        if (run(CC " -I%s/runtime/include/oas -I%s -c %s/%s%s.c -o %s/%s.o", OAS_SOURCE_DIR, dir, dir,
                prefix, units[i], dir, units[i]) != 0)
            fail_msg("%s/%s%s.c does not compile", dir, prefix, units[i]);
    if (run("cc -r %s/model.o %s/validate.o %s/registry.o %s/ops.o -o %s/all.o", dir, dir, dir,
            dir, dir) != 0)
        fail_msg("the units in %s define a symbol twice", dir);
    if (*prefix && run("nm -u %s/all.o | grep -q ' %s'", dir, prefix) == 0)
        fail_msg("%s/all.o uses a %s symbol it does not define", dir, prefix);
    run("rm -rf %s", dir);
}

static void test_collisions_compile_with_prefix(void **state)
{
    (void)state;
    compile_and_link(collisions_spec, "nc_");
}

/* Without a prefix: a component FooDesc would be the model's type table
 * for Foo, and an enum value "h" of Model the header guard MODEL_H. */
static const char unprefixed_spec[] =
    "openapi: 3.1.0\n"
    "info: {title: t, version: '1'}\n"
    "paths: {}\n"
    "components:\n"
    "  schemas:\n"
    "    Foo: {type: object, properties: {a: {type: string}}}\n"
    "    FooDesc: {type: object, properties: {b: {type: string}}}\n"
    "    FieldsFoo: {type: integer}\n"
    "    Model: {type: string, enum: [h, H]}\n";

static void test_unprefixed_names(void **state)
{
    (void)state;
    front_result r = run_front_end("nc.yaml", unprefixed_spec, "");
    assert_non_null(r.spec);
    assert_string_equal(find_schema(r.spec, "#/components/schemas/Foo")->type_name, "foo");
    assert_string_equal(find_schema(r.spec, "#/components/schemas/FooDesc")->type_name,
                        "foo_desc_2");
    assert_string_equal(find_schema(r.spec, "#/components/schemas/FieldsFoo")->type_name,
                        "fields_foo_2");
    front_result_free(&r);
    compile_and_link(unprefixed_spec, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collision_names_in_ir),
        cmocka_unit_test(test_collisions_compile_with_prefix),
        cmocka_unit_test(test_unprefixed_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
