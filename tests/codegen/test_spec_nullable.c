/* test_spec_nullable.c - OpenAPI 3.0 `nullable: true` without `type` has
 * no effect (3.0.3), which the generator says with a located note once per
 * schema; ir_build_options.nullable_without_type_allows_null reads it as
 * "may be null" instead, silently. In 3.1 `nullable` is no keyword. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>
#include <unistd.h>

#include "support_spec.h"

#define NULLABLE_SPEC "tests/data/nullable/nullable.yaml"

static void test_note_per_schema_without_type(void **state)
{
    (void)state;
    front_result r = run_front_end(NULLABLE_SPEC, NULL, "nl_");
    assert_string_equal(r.diagnostics,
        NULLABLE_SPEC ":16:7: note: nullable without type has no effect (OAS 3.0.3)\n"
        NULLABLE_SPEC ":20:7: note: nullable without type has no effect (OAS 3.0.3)\n"
        NULLABLE_SPEC ":30:11: note: nullable without type has no effect (OAS 3.0.3)\n");
    assert_non_null(r.spec);
    assert_false(find_schema(r.spec, "#/components/schemas/Color")->null_always_valid);
    front_result_free(&r);
}

static void test_allow_null_reads_it_as_may_be_null(void **state)
{
    (void)state;
    ir_build_options allow = {.nullable_without_type_allows_null = true};
    front_result r = run_front_end_with(NULLABLE_SPEC, NULL, "nl_", &allow);
    assert_string_equal(r.diagnostics, "");
    assert_non_null(r.spec);
    assert_true(find_schema(r.spec, "#/components/schemas/MaybePet")->null_always_valid);
    assert_true(find_schema(r.spec, "#/components/schemas/Color")->null_always_valid);
    assert_true(find_schema(r.spec, "#/components/schemas/Owner/properties/color")->null_always_valid);
    /* with a type, nullable adds null to it: nothing to choose */
    assert_false(find_schema(r.spec, "#/components/schemas/TypedColor")->null_always_valid);
    front_result_free(&r);
}

/* A YAML alias reaches the same schema again: still one note. $ref
 * siblings are ignored in 3.0, nullable among them: no note. */
static void test_one_note_per_schema_node(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.0.3\n"
        "components:\n"
        "  schemas:\n"
        "    A: &a {nullable: true, enum: [x]}\n"
        "    B: *a\n"
        "    C: {type: object, properties: {p: *a, q: {$ref: '#/components/schemas/A', nullable: true}}}\n"
        "    D: {nullable: false}\n", "t_");
    assert_string_equal(r.diagnostics,
                        "s.yaml:4:12: note: nullable without type has no effect (OAS 3.0.3)\n");
    assert_non_null(r.spec);
    front_result_free(&r);
}

/* 3.1: `nullable` is ignored like any unknown keyword, said once. */
static void test_nullable_in_31_is_noted_once(void **state)
{
    (void)state;
    front_result r = run_front_end("s.yaml",
        "openapi: 3.1.0\n"
        "components:\n"
        "  schemas:\n"
        "    A: {type: string, nullable: true}\n"
        "    B: {nullable: true}\n", "t_");
    assert_string_equal(r.diagnostics,
                        "s.yaml:4:23: note: 'nullable' is not a keyword in OpenAPI 3.1 and has no "
                        "effect; null is allowed by type: [..., \"null\"] (first use)\n");
    assert_non_null(r.spec);
    assert_false(find_schema(r.spec, "#/components/schemas/A")->nullable);
    assert_false(find_schema(r.spec, "#/components/schemas/B")->null_always_valid);
    front_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_note_per_schema_without_type),
        cmocka_unit_test(test_allow_null_reads_it_as_may_be_null),
        cmocka_unit_test(test_one_note_per_schema_node),
        cmocka_unit_test(test_nullable_in_31_is_noted_once),
    };
    if (chdir(OAS_SOURCE_DIR) != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
