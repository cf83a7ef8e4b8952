/* test_naming.c - spec names -> C identifiers (naming.c), table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "naming.h"

static const struct { const char *in, *snake; } snake_cases[] = {
    {"InsightScores", "insight_scores"},
    {"deploymentFrequency", "deployment_frequency"},
    {"_links", "links"},
    {"get-insights-scores", "get_insights_scores"},
    {"HTTPStatus", "http_status"},
    {"URLs", "urls"},
    {"IDsForUser", "ids_for_user"},
    {"APIKey", "api_key"},
    {"UnixMillis", "unix_millis"},
    {"v2", "v2"},
    {"V2Api", "v2_api"},
    {"md5sum", "md5sum"},
    {"already_snake", "already_snake"},
    {"a__b--c", "a_b_c"},
    {"trailing_", "trailing"},
    {"filter[name]", "filter_name"},
    {"$ref", "ref"},
    {"X-Ratelimit-Reset", "x_ratelimit_reset"},
    {"2fa", "2fa"},
    {"caf\xc3\xa9Latte", "caf_latte"},
    {"$", ""},
    {"", ""},
};

static void test_snake(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof snake_cases / sizeof *snake_cases; i++) {
        char *got = naming_snake(snake_cases[i].in);
        if (strcmp(got, snake_cases[i].snake) != 0)
            fprintf(stderr, "snake(%s) = %s\n", snake_cases[i].in, got);
        assert_string_equal(got, snake_cases[i].snake);
        free(got);
    }
}

static const struct { const char *in, *ident; } identifier_cases[] = {
    {"int", "int_"},
    {"default", "default_"},
    {"register", "register_"},
    {"_Bool", "bool_"},
    {"Bool", "bool_"},
    {"class", "class_"},
    {"errno", "errno_"},
    {"unix", "unix_"},
    {"2fa", "n2fa"},
    {"404", "n404"},
    {"$", "u24"},
    {"", "unnamed"},
    {"\xc3\xa9", "uc3a9"},
    {"_links", "links"},
    {"integer", "integer"},
    {"Default", "default_"},
};

static void test_identifier(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof identifier_cases / sizeof *identifier_cases; i++) {
        char *got = naming_identifier(identifier_cases[i].in);
        if (strcmp(got, identifier_cases[i].ident) != 0)
            fprintf(stderr, "identifier(%s) = %s\n", identifier_cases[i].in, got);
        assert_string_equal(got, identifier_cases[i].ident);
        free(got);
    }
}

static void test_prefixed_and_upper(void **state)
{
    (void)state;
    static const struct { const char *prefix, *in, *out; } cases[] = {
        {"ld_", "InsightScores", "ld_insight_scores"},
        {"ld_", "UnixMillis", "ld_unix_millis"},
        {"ld_", "get-insights-scores", "ld_get_insights_scores"},
        {"ld_", "2fa", "ld_2fa"},
        {"ld_", "$", "ld_u24"},
        {"", "int", "int_"},
        {"", "9lives", "n9lives"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = naming_prefixed(cases[i].prefix, cases[i].in);
        assert_string_equal(got, cases[i].out);
        free(got);
    }
    char *up = naming_upper("ld_insight_scores2");
    assert_string_equal(up, "LD_INSIGHT_SCORES2");
    free(up);
}

/* Names equal after case folding or mangling get _2, _3 in claim order. */
static void test_scope_collisions(void **state)
{
    (void)state;
    static const char *const spec_names[] = {"Foo", "foo", "FOO", "f-o-o", "fOO", "foo_2"};
    static const char *const expected[] = {"foo", "foo_2", "foo_3", "f_o_o", "f_oo", "foo_2_2"};
    naming_scope *scope = naming_scope_new();
    for (size_t i = 0; i < sizeof spec_names / sizeof *spec_names; i++) {
        char *base = naming_identifier(spec_names[i]);
        char *got = naming_scope_claim(scope, base, NULL);
        if (strcmp(got, expected[i]) != 0)
            fprintf(stderr, "claim(%s) = %s\n", spec_names[i], got);
        assert_string_equal(got, expected[i]);
        free(got);
        free(base);
    }
    naming_scope_free(scope);
}

/* Derived names (has_x, x_count) also count as taken. */
static void test_scope_patterns(void **state)
{
    (void)state;
    static const char *const patterns[] = {"has_%s", "%s_count", NULL};
    naming_scope *scope = naming_scope_new();
    char *a = naming_scope_claim(scope, "items_count", patterns);
    char *b = naming_scope_claim(scope, "items", patterns);
    char *c = naming_scope_claim(scope, "has_x", patterns);
    char *d = naming_scope_claim(scope, "x", patterns);
    assert_string_equal(a, "items_count");
    assert_string_equal(b, "items_2");
    assert_string_equal(c, "has_x");
    assert_string_equal(d, "x_2");
    assert_false(naming_scope_reserve(scope, "items_2_count"));
    assert_true(naming_scope_reserve(scope, "fresh"));
    free(a);
    free(b);
    free(c);
    free(d);
    naming_scope_free(scope);
}

static void test_scope_exhaustion_returns_null(void **state)
{
    (void)state;
    naming_scope *scope = naming_scope_new();
    assert_true(naming_scope_reserve(scope, "n"));
    char buf[32];
    for (unsigned i = 2; i <= 9999; i++) {
        snprintf(buf, sizeof buf, "n_%u", i);
        naming_scope_reserve(scope, buf);
    }
    assert_null(naming_scope_claim(scope, "n", NULL));
    naming_scope_free(scope);
}

/* Enum constants: UPPER(type) + "_" + UPPER(identifier(value)), unique in
 * one global scope that already holds the emitted header macros. */
static void test_enum_constants(void **state)
{
    (void)state;
    static const struct { const char *type, *value, *constant; } cases[] = {
        {"ld_color", "unknown", "LD_COLOR_UNKNOWN"},     /* the sentinel, claimed first */
        {"ld_color", "dark-green", "LD_COLOR_DARK_GREEN"},
        {"ld_color", "dark_green", "LD_COLOR_DARK_GREEN_2"},
        {"ld_color", "darkGreen", "LD_COLOR_DARK_GREEN_3"},
        {"ld_color", "unknown", "LD_COLOR_UNKNOWN_2"},   /* a spec value "unknown" */
        {"ld_color", "2tone", "LD_COLOR_N2TONE"},
        {"ld_color", "int", "LD_COLOR_INT_"},
        {"ld_color", "$", "LD_COLOR_U24"},
        {"ld_color", "", "LD_COLOR_UNNAMED"},
        {"ld_light", "red_x", "LD_LIGHT_RED_X"},
        {"ld_light_red", "x", "LD_LIGHT_RED_X_2"},      /* across types */
        {"ld_model", "h", "LD_MODEL_H_2"},              /* the header guard */
        {"ld_ops", "h", "LD_OPS_H_2"},
        {"ld_validate", "h", "LD_VALIDATE_H_2"},
        {"ld", "deprecated", "LD_DEPRECATED_2"},
        {"ld_warn", "deprecated", "LD_WARN_DEPRECATED_2"},
    };
    naming_scope *constants = naming_constants_new("ld_");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = naming_enum_constant(constants, cases[i].type, cases[i].value);
        if (strcmp(got, cases[i].constant) != 0)
            fprintf(stderr, "constant(%s, %s) = %s\n", cases[i].type, cases[i].value, got);
        assert_string_equal(got, cases[i].constant);
        free(got);
    }
    naming_scope_free(constants);
}

static void test_constants_without_prefix(void **state)
{
    (void)state;
    naming_scope *constants = naming_constants_new("");
    char *got = naming_enum_constant(constants, "model", "h");
    assert_string_equal(got, "MODEL_H_2");
    free(got);
    assert_false(naming_scope_reserve(constants, "WARN_DEPRECATED"));
    assert_true(naming_scope_reserve(constants, "LD_MODEL_H"));
    naming_scope_free(constants);
}

static void test_reserved(void **state)
{
    (void)state;
    assert_true(naming_is_reserved("while"));
    assert_true(naming_is_reserved("bool"));
    assert_true(naming_is_reserved("static_assert"));
    assert_false(naming_is_reserved("While"));
    assert_false(naming_is_reserved("score"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snake),
        cmocka_unit_test(test_identifier),
        cmocka_unit_test(test_prefixed_and_upper),
        cmocka_unit_test(test_scope_collisions),
        cmocka_unit_test(test_scope_patterns),
        cmocka_unit_test(test_scope_exhaustion_returns_null),
        cmocka_unit_test(test_enum_constants),
        cmocka_unit_test(test_constants_without_prefix),
        cmocka_unit_test(test_reserved),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
