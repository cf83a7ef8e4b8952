/* test_extensions.c - what oas2c reads beyond OpenAPI's wire form:
 * constant parameters (a schema that admits one value) and the x-oas2c-*
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

static front_result with_rate_limit_headers(const char *list)
{
    char text[1024];
    snprintf(text, sizeof text,
             "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"
             "x-oas2c-rate-limit-headers: %s\npaths: {}\n", list);
    return run_front_end("r.yaml", text, "t_");
}

static void test_rate_limit_headers(void **state)
{
    (void)state;
    front_result r = with_rate_limit_headers(
        "[{name: X-Reset, meaning: reset-epoch-ms}, {name: Retry-After, meaning: retry-after},"
        " {name: X-Reset-S, meaning: reset-epoch-s}, {name: X-In, meaning: reset-delta-s},"
        " {name: X-Left, meaning: remaining}]");
    assert_non_null(r.spec);
    assert_int_equal(r.spec->rate_limit_header_count, 5);
    const ir_rate_limit_header *h = r.spec->rate_limit_headers;
    assert_string_equal(h[0].name, "X-Reset");
    assert_int_equal(h[0].meaning, IR_RL_RESET_EPOCH_MS);
    assert_int_equal(h[1].meaning, IR_RL_RETRY_AFTER);
    assert_int_equal(h[2].meaning, IR_RL_RESET_EPOCH_S);
    assert_int_equal(h[3].meaning, IR_RL_RESET_DELTA_S);
    assert_string_equal(h[4].name, "X-Left");
    assert_int_equal(h[4].meaning, IR_RL_REMAINING);
    front_result_free(&r);

    static const struct {
        const char *list;
        const char *expected;
    } bad[] = {
        {"{name: X, meaning: remaining}",
         "r.yaml:3:29: error: 'x-oas2c-rate-limit-headers' must be a sequence of {name, meaning}\n"},
        {"[X-Reset]", "r.yaml:3:30: error: a rate-limit header must be a mapping {name, meaning}\n"},
        {"[{name: X-Reset}]", "r.yaml:3:30: error: a rate-limit header needs 'name' and 'meaning'\n"},
        {"[{name: X Reset, meaning: remaining}]",
         "r.yaml:3:37: error: \"X Reset\" is not an HTTP header name\n"},
        {"[{name: X-Reset, meaning: reset-ms}]",
         "r.yaml:3:55: error: unknown rate-limit header meaning \"reset-ms\" (retry-after, "
         "reset-epoch-ms, reset-epoch-s, reset-delta-s or remaining)\n"},
        {"[{name: X-Reset, meaning: remaining, unit: s}]",
         "r.yaml:3:66: error: unknown key 'unit' in a rate-limit header (name, meaning)\n"},
        {"[{name: [X], meaning: remaining}]", "r.yaml:3:37: error: 'name' must be a string\n"},
        {"[{name: X-Left, meaning: remaining}, {name: x-left, meaning: reset-delta-s}]",
         "r.yaml:3:73: error: rate-limit header \"x-left\" is listed twice\n"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        r = with_rate_limit_headers(bad[i].list);
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
        cmocka_unit_test(test_rate_limit_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
