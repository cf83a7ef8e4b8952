/* test_ld_spec.c - the full LaunchDarkly spec (spec/ld-openapi.yaml,
 * see SOURCE.txt) loads, builds and resolves without errors, with exact counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "support_spec.h"

static void test_full_spec_counts(void **state)
{
    (void)state;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    front_result r = run_front_end("spec/ld-openapi.yaml", NULL, "ld_");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!r.spec)
        fprintf(stderr, "%s", r.diagnostics);
    assert_non_null(r.spec);
    assert_int_equal(r.errors, 0);
    assert_int_equal(r.notes, 3);   /* formats "int", "string", "boolean" */
    const ir_spec *spec = r.spec;
    assert_int_equal(spec->operation_count, 348);
    assert_int_equal(spec->component_count, 659);
    assert_int_equal(spec->schema_count, 7300);
    size_t histogram[CK_UNION + 1] = {0};
    size_t maps_of_structs = 0, recursive = 0;
    for (size_t i = 0; i < spec->schema_count; i++) {
        const ir_schema *s = spec->schemas[i];
        histogram[s->ckind]++;
        if (s->ckind == CK_MAP && !s->ref_target && ir_deref(s->element)->ckind == CK_STRUCT)
            maps_of_structs++;
        recursive += s->recursive;
        assert_non_null(s->type_name);
    }
    static const size_t expected[CK_UNION + 1] = {
        [CK_JSON] = 166, [CK_BOOL] = 205, [CK_INT64] = 565, [CK_DOUBLE] = 19, [CK_STRING] = 2206,
        [CK_ENUM] = 128, [CK_STRUCT] = 3305, [CK_ARRAY] = 524, [CK_MAP] = 177, [CK_UNION] = 5,
    };
    for (int k = 0; k <= CK_UNION; k++)
        assert_int_equal(histogram[k], expected[k]);
    printf("ld-openapi.yaml: %zu operations, %zu components, %zu schema nodes, "
           "%zu maps of structs, %zu recursive nodes, front end %.3f s\n",
           spec->operation_count, spec->component_count, spec->schema_count, maps_of_structs,
           recursive, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    front_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_spec_counts),
    };
    if (chdir(OAS_SOURCE_DIR) != 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
