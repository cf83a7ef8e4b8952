/* test_param_extensions.c - what oas2c reads about parameters beyond their
 * wire form: constants (a schema that admits one value) and the x-oas2c-*
 * extensions, with the exact located error for every bad value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "support_spec.h"

/* A spec with one operation whose parameters are `params` (YAML flow
 * sequence items, one per line, at the indentation below). */
#define OP_SPEC(params)                                                                        \
    "openapi: 3.1.0\n"                                                                         \
    "info: {title: t, version: '1'}\n"                                                         \
    "paths:\n"                                                                                 \
    "  /x:\n"                                                                                  \
    "    get:\n"                                                                               \
    "      operationId: op\n"                                                                  \
    "      parameters:\n" params                                                               \
    "      responses: {'204': {description: none}}\n"                                          \
    "components:\n"                                                                            \
    "  schemas:\n"                                                                             \
    "    Version: {type: string, enum: [v1]}\n"

static void test_constants(void **state)
{
    (void)state;
    static const struct {
        const char *param;    /* the parameter's flow mapping */
        const char *constant; /* NULL: not a constant */
    } cases[] = {
        {"{name: a, in: header, required: true, schema: {type: string, enum: [beta]}}", "beta"},
        {"{name: a, in: query, schema: {type: integer, const: 2}}", "2"},
        {"{name: a, in: query, schema: {type: boolean, const: true}}", "true"},
        {"{name: a, in: query, schema: {type: number, enum: [1.5]}}", "1.5"},
        {"{name: a, in: query, schema: {enum: ['with space']}}", "with space"},
        {"{name: a, in: header, schema: {$ref: '#/components/schemas/Version'}}", "v1"},
        {"{name: a, in: query, schema: {type: [string, 'null'], enum: [x]}}", "x"},
        {"{name: a, in: query, schema: {type: string, enum: [a, b]}}", NULL},
        {"{name: a, in: query, schema: {type: integer, enum: [beta]}}", NULL},
        {"{name: a, in: query, schema: {type: integer, const: 1.5}}", NULL},
        {"{name: a, in: query, schema: {enum: [null]}}", NULL},
        {"{name: a, in: query, schema: {const: {k: 1}}}", NULL},
        {"{name: a, in: query, schema: {type: array, items: {enum: [x]}}}", NULL},
        {"{name: a, in: query, schema: {type: string}}", NULL},
        {"{name: a, in: query}", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[1024];
        snprintf(text, sizeof text, OP_SPEC("        - %s\n"), cases[i].param);
        front_result r = run_front_end("c.yaml", text, "t_");
        if (!r.spec)
            fprintf(stderr, "case %zu: %s", i, r.diagnostics);
        assert_non_null(r.spec);
        const ir_param *p = &r.spec->operations[0].params[0];
        if (cases[i].constant) {
            if (!p->constant)
                fprintf(stderr, "case %zu: no constant\n", i);
            assert_non_null(p->constant);
            assert_string_equal(p->constant, cases[i].constant);
        } else {
            if (p->constant)
                fprintf(stderr, "case %zu: constant %s\n", i, p->constant);
            assert_null(p->constant);
        }
        front_result_free(&r);
    }
}

static void test_missing_status(void **state)
{
    (void)state;
    front_result r = run_front_end(
        "m.yaml",
        OP_SPEC("        - {name: a, in: header, required: true, x-oas2c-missing-status: 403}\n"
                "        - {name: b, in: query, required: true}\n"),
        "t_");
    assert_non_null(r.spec);
    assert_int_equal(r.spec->operations[0].params[0].missing_status, 403);
    assert_int_equal(r.spec->operations[0].params[1].missing_status, 0);
    front_result_free(&r);

    static const struct {
        const char *param;
        const char *expected;
    } bad[] = {
        {"{name: a, in: header, required: true, x-oas2c-missing-status: '403'}",
         "b.yaml:8:73: error: 'x-oas2c-missing-status' must be an integer from 400 to 599\n"},
        {"{name: a, in: header, required: true, x-oas2c-missing-status: 399}",
         "b.yaml:8:73: error: 'x-oas2c-missing-status' must be an integer from 400 to 599\n"},
        {"{name: a, in: header, required: true, x-oas2c-missing-status: 600}",
         "b.yaml:8:73: error: 'x-oas2c-missing-status' must be an integer from 400 to 599\n"},
        {"{name: a, in: header, required: true, x-oas2c-missing-status: 403.0}",
         "b.yaml:8:73: error: 'x-oas2c-missing-status' must be an integer from 400 to 599\n"},
        {"{name: a, in: header, required: true, x-oas2c-missing-status: [403]}",
         "b.yaml:8:73: error: 'x-oas2c-missing-status' must be an integer from 400 to 599\n"},
        {"{name: a, in: header, x-oas2c-missing-status: 403}",
         "b.yaml:8:57: error: 'x-oas2c-missing-status' needs a required parameter (only a "
         "required one can be missing)\n"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[1024];
        snprintf(text, sizeof text, OP_SPEC("        - %s\n"), bad[i].param);
        r = run_front_end("b.yaml", text, "t_");
        if (strcmp(r.diagnostics, bad[i].expected) != 0)
            fprintf(stderr, "case %zu: got %s", i, r.diagnostics);
        assert_string_equal(r.diagnostics, bad[i].expected);
        assert_null(r.spec);
        front_result_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_missing_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
