/* test_int64_limits.c - integers at and just beyond the ends of int64 in
 * every keyword that takes a number: the binding compiles with -Werror
 * -pedantic (-9223372036854775808LL is not a C literal) and its validators
 * give the verdicts exact integer arithmetic gives; counts that no instance
 * can reach are clamped, negative ones refused where they are written.
 *
 * The verdicts come from a table: every numeric keyword at INT64_MIN,
 * INT64_MAX, -2^63-1 and 2^63 against instances around both ends, the
 * expected verdict computed here in 128-bit arithmetic; and limits beyond
 * the range of double (1e400), which become infinities. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "emit_examples.h"
#include "support_generate.h"
#include "support_spec.h"

__extension__ typedef __int128 wide;

static const char *const limits[] = {
    "-9223372036854775809", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
};
static const char *const limit_names[] = {"below_min", "min", "max", "above_max"};
#define LIMIT_COUNT (sizeof limits / sizeof *limits)

static const char *const instances[] = {
    "-9223372036854775810", "-9223372036854775809", "-9223372036854775808",
    "-9223372036854775807", "0", "9223372036854775806", "9223372036854775807",
    "9223372036854775808", "9223372036854775809",
};
#define INSTANCE_COUNT (sizeof instances / sizeof *instances)

typedef enum keyword {
    KW_MINIMUM, KW_MAXIMUM, KW_EXCLUSIVE_MINIMUM, KW_EXCLUSIVE_MAXIMUM, KW_MULTIPLE_OF, KW_CONST,
    KW_ENUM, KW_COUNT
} keyword;
static const char *const keyword_names[] = {"minimum", "maximum", "exclusiveMinimum",
                                            "exclusiveMaximum", "multipleOf", "const", "enum"};

static wide parse_wide(const char *s)
{
    bool negative = *s == '-';
    wide v = 0;
    for (s += negative; *s; s++)
        v = v * 10 + (*s - '0');
    return negative ? -v : v;
}

static bool fits_int64(wide v)
{
    return v >= INT64_MIN && v <= INT64_MAX;
}

/* Does a double hold v exactly (at most 53 significant bits)? */
static bool exact_in_double(wide v)
{
    if (v < 0)
        v = -v;
    while (v && !(v & 1))
        v >>= 1;
    return v < ((wide)1 << 53);
}

static bool expected_valid(keyword k, wide limit, wide x)
{
    switch (k) {
    case KW_MINIMUM: return x >= limit;
    case KW_MAXIMUM: return x <= limit;
    case KW_EXCLUSIVE_MINIMUM: return x > limit;
    case KW_EXCLUSIVE_MAXIMUM: return x < limit;
    case KW_MULTIPLE_OF: return x % limit == 0;
    case KW_CONST: case KW_ENUM: return x == limit;
    default: return false;
    }
}

/* The runtime compares exactly while both numbers fit int64; otherwise
 * bounds go through long double (exact for every int64, not for a number
 * beyond it that a double cannot hold) and equality and multipleOf through
 * double. Verdicts that depend on those roundings are not the generator's
 * to give: they are reported, not asserted. */
static bool runtime_rounds(keyword k, wide limit, wide x)
{
    if (fits_int64(limit) && fits_int64(x))
        return false;
    if (k <= KW_EXCLUSIVE_MAXIMUM)
        return (!fits_int64(limit) && !exact_in_double(limit)) ||
               (!fits_int64(x) && !exact_in_double(x));
    return !exact_in_double(limit) || !exact_in_double(x);
}

static bool keyword_takes(keyword k, wide limit)
{
    return k != KW_MULTIPLE_OF || limit > 0; /* multipleOf must be > 0 */
}

/* ---- the spec ---------------------------------------------------------- */

static const char *const count_keywords[] = {"minLength", "maxLength", "minItems",
                                             "maxItems", "minProperties", "maxProperties"};
#define COUNT_KEYWORD_COUNT (sizeof count_keywords / sizeof *count_keywords)

/* Limits a double cannot hold, against the largest finite doubles. */
static const struct {
    const char *schema, *keyword, *instance;
    bool valid;
} beyond_double[] = {
    {"BeyondMax", "maximum: 1e400", "1.7976931348623157e308", true},
    {"BeyondMin", "minimum: -1e400", "-1.7976931348623157e308", true},
    {"BeyondExclusiveMin", "exclusiveMinimum: 1e400", "1.7976931348623157e308", false},
    {"BeyondConst", "const: 1e400", "1.7976931348623157e308", false},
};
#define BEYOND_DOUBLE_COUNT (sizeof beyond_double / sizeof *beyond_double)

static char *limits_spec(size_t *len)
{
    char *spec = NULL;
    FILE *f = open_memstream(&spec, len);
    assert_non_null(f);
    fputs("openapi: 3.1.0\ninfo: {title: limits, version: '1'}\n"
          "paths:\n  /n:\n    get:\n      operationId: getN\n      responses:\n"
          "        '200':\n          description: ok\n          content:\n"
          "            application/json:\n"
          "              schema: {$ref: '#/components/schemas/Literals'}\n"
          "components:\n  schemas:\n",
          f);
    for (size_t k = 0; k < KW_COUNT; k++)
        for (size_t l = 0; l < LIMIT_COUNT; l++) {
            if (!keyword_takes((keyword)k, parse_wide(limits[l])))
                continue;
            fprintf(f, "    %s_%s: {%s: %s%s%s}\n", keyword_names[k], limit_names[l],
                    keyword_names[k], k == KW_ENUM ? "[" : "", limits[l], k == KW_ENUM ? "]" : "");
        }
    /* Counts: the two that are not negative. */
    for (size_t k = 0; k < COUNT_KEYWORD_COUNT; k++)
        for (size_t l = 2; l < LIMIT_COUNT; l++)
            fprintf(f, "    %s_%s: {%s: %s}\n", count_keywords[k], limit_names[l],
                    count_keywords[k], limits[l]);
    /* Beyond the range of double: the limit is an infinity. */
    for (size_t i = 0; i < BEYOND_DOUBLE_COUNT; i++)
        fprintf(f, "    %s: {%s}\n", beyond_double[i].schema, beyond_double[i].keyword);
    /* default, example and format beside every limit: they feed the
       synthesized response example and the registry. */
    fputs("    Literals:\n      type: object\n      required: [", f);
    for (size_t l = 0; l < LIMIT_COUNT; l++)
        fprintf(f, "%sv_%s", l ? ", " : "", limit_names[l]);
    fputs("]\n      properties:\n", f);
    for (size_t l = 0; l < LIMIT_COUNT; l++)
        fprintf(f, "        v_%s: {type: integer, format: int64, default: %s, example: %s, "
                   "minimum: %s, maximum: %s}\n",
                limit_names[l], limits[l], limits[l], limits[l], limits[l]);
    fclose(f);
    return spec;
}

/* ---- the checker ------------------------------------------------------- */

typedef struct row_counts {
    size_t asserted, reported;
} row_counts;

static void put_row(FILE *f, const char *schema, const char *instance, bool valid, bool rounds)
{
    fprintf(f, "    {\"%s\", il_%s_validate, \"%s\", %d, %d},\n", schema, schema, instance, valid,
            rounds);
}

/* Lower-case schema name -> the generated type name's tail. */
static void type_tail(char *out, size_t cap, const char *name)
{
    size_t o = 0;
    for (const char *p = name; *p && o + 2 < cap; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            if (p != name)
                out[o++] = '_';
            out[o++] = (char)(*p - 'A' + 'a');
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

static row_counts write_checker(const char *dir)
{
    char path[160];
    snprintf(path, sizeof path, "%s/checker.c", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("#include <stdio.h>\n#include <string.h>\n#include \"oas_json.h\"\n"
          "#include \"il_validate.h\"\n\n"
          "static const struct row {\n    const char *schema;\n"
          "    bool (*validate)(const oas_json *, oas_report *);\n"
          "    const char *instance;\n    int valid, rounds;\n} rows[] = {\n",
          f);
    row_counts n = {0, 0};
    char schema[64], tail[80];
    for (size_t k = 0; k < KW_COUNT; k++)
        for (size_t l = 0; l < LIMIT_COUNT; l++) {
            wide limit = parse_wide(limits[l]);
            if (!keyword_takes((keyword)k, limit))
                continue;
            snprintf(schema, sizeof schema, "%s_%s", keyword_names[k], limit_names[l]);
            type_tail(tail, sizeof tail, schema);
            for (size_t i = 0; i < INSTANCE_COUNT; i++) {
                wide x = parse_wide(instances[i]);
                bool rounds = runtime_rounds((keyword)k, limit, x);
                put_row(f, tail, instances[i], expected_valid((keyword)k, limit, x), rounds);
                if (rounds)
                    n.reported++;
                else
                    n.asserted++;
            }
        }
    /* Counts of INT64_MAX and beyond: nothing reaches the minimum, every
       instance stays under the maximum. */
    static const char *const count_instances[] = {"\"abc\"", "\"abc\"", "[1, 2]", "[1, 2]",
                                                  "{\"a\": 1}", "{\"a\": 1}"};
    for (size_t k = 0; k < COUNT_KEYWORD_COUNT; k++)
        for (size_t l = 2; l < LIMIT_COUNT; l++) {
            snprintf(schema, sizeof schema, "%s_%s", count_keywords[k], limit_names[l]);
            type_tail(tail, sizeof tail, schema);
            fprintf(f, "    {\"%s\", il_%s_validate, \"", tail, tail);
            for (const char *p = count_instances[k]; *p; p++)
                fprintf(f, *p == '"' ? "\\%c" : "%c", *p);
            fprintf(f, "\", %d, 0},\n", strncmp(count_keywords[k], "max", 3) == 0);
            n.asserted++;
        }
    for (size_t i = 0; i < BEYOND_DOUBLE_COUNT; i++) {
        type_tail(tail, sizeof tail, beyond_double[i].schema);
        fprintf(f, "    {\"%s\", il_%s_validate, \"%s\", %d, 0},\n", tail, tail,
                beyond_double[i].instance, beyond_double[i].valid);
        n.asserted++;
    }
    fputs("};\n\nint main(void)\n{\n    int wrong = 0;\n"
          "    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {\n"
          "        oas_json_doc *doc = NULL;\n        oas_error err;\n"
          "        if (oas_json_parse(rows[i].instance, strlen(rows[i].instance), NULL, &doc, &err) != OAS_OK) {\n"
          "            printf(\"%s: instance %s does not parse\\n\", rows[i].schema, rows[i].instance);\n"
          "            return 2;\n        }\n"
          "        oas_report report;\n        oas_report_init(&report, 0);\n"
          "        int valid = rows[i].validate(oas_json_doc_root(doc), &report);\n"
          "        if (valid != rows[i].valid) {\n"
          "            printf(\"%s %s: %s, exact arithmetic says %s%s\\n\", rows[i].schema,\n"
          "                   rows[i].instance, valid ? \"valid\" : \"invalid\",\n"
          "                   rows[i].valid ? \"valid\" : \"invalid\",\n"
          "                   rows[i].rounds ? \" (runtime rounding; not asserted)\" : \"\");\n"
          "            wrong += !rows[i].rounds;\n        }\n"
          "        oas_report_free(&report);\n        oas_json_doc_free(doc);\n    }\n"
          "    return wrong ? 1 : 0;\n}\n",
          f);
    fclose(f);
    return n;
}

static void print_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    int c;
    while ((c = fgetc(f)) != EOF)
        fputc(c, stderr);
    fclose(f);
}

static void test_int64_ends_compile_and_validate_exactly(void **state)
{
    (void)state;
    size_t len;
    char *spec = limits_spec(&len);
    char dir[64];
    make_temp_dir(dir, sizeof dir, "int64");
    char *diagnostics;
    if (generate_binding("limits.yaml", spec, len, "il_", dir, &diagnostics) != 0)
        fail_msg("generation failed:\n%s", diagnostics);
    assert_string_equal(diagnostics, "");
    free(diagnostics);
    int bad_unit = compile_generated_sources(dir, "il_");
    if (bad_unit >= 0)
        fail_msg("%s/il_%s does not compile with -Werror -pedantic", dir,
                 generated_sources[bad_unit]);
    row_counts n = write_checker(dir);
    /* every numeric keyword at every end against every instance */
    assert_int_equal(n.asserted + n.reported, 6 * 4 * 9 + 1 * 2 * 9 + 6 * 2 + 4);
    assert_int_equal(n.asserted, 124);
    assert_int_equal(link_generated_program(dir, "checker"), 0);
    int rc = run_command("%s/checker > %s/verdicts.txt", dir, dir);
    char verdicts[128];
    snprintf(verdicts, sizeof verdicts, "%s/verdicts.txt", dir);
    print_file(verdicts);
    assert_int_equal(rc, 0);
    run_command("rm -rf %s", dir);
    free(spec);
}

/* A negative count or multipleOf is refused where it is written, whatever
 * its size (no wrap-around to a huge or small positive value). */
static void test_negative_counts_are_refused_where_written(void **state)
{
    (void)state;
    char *spec = NULL, *want = NULL;
    size_t spec_len = 0, want_len = 0;
    FILE *s = open_memstream(&spec, &spec_len), *w = open_memstream(&want, &want_len);
    assert_non_null(s);
    assert_non_null(w);
    fputs("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n"
          "  schemas:\n",
          s);
    unsigned line = 6;
    static const char *const negative[] = {"-9223372036854775808", "-9223372036854775809"};
    for (size_t k = 0; k <= COUNT_KEYWORD_COUNT; k++)
        for (size_t l = 0; l < 2; l++, line++) {
            const char *kw = k < COUNT_KEYWORD_COUNT ? count_keywords[k] : "multipleOf";
            int col = fprintf(s, "    S%u: {%s: ", line, kw) + 1;
            fprintf(s, "%s}\n", negative[l]);
            fprintf(w, "neg.yaml:%u:%d: error: '%s' must be %s\n", line, col, kw,
                    k < COUNT_KEYWORD_COUNT ? "a non-negative integer" : "greater than 0");
        }
    fclose(s);
    fclose(w);
    char dir[64];
    make_temp_dir(dir, sizeof dir, "negative");
    char *diagnostics;
    assert_int_not_equal(generate_binding("neg.yaml", spec, spec_len, "ng_", dir, &diagnostics),
                         0);
    assert_string_equal(diagnostics, want);
    free(diagnostics);
    free(spec);
    free(want);
    run_command("rm -rf %s", dir);
}

/* A response example is synthesized from the schema; when the smallest
 * valid instance is beyond the budget (1 MiB) there is none, rather than
 * an allocation of 2^63 bytes or a loop of 2^63 items. */
static void test_unreachable_counts_give_no_synthesized_example(void **state)
{
    (void)state;
    static const char spec[] =
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    LongString: {type: string, minLength: 9223372036854775808}\n"
        "    GigaString: {type: string, minLength: 1000000000}\n"
        "    ManyItems: {type: array, minItems: 9223372036854775807}\n"
        "    ManyProperties: {type: object, additionalProperties: true, "
        "minProperties: 9223372036854775807}\n"
        "    Nested: {type: object, required: [a], properties: {a: {$ref: "
        "'#/components/schemas/ManyItems'}}}\n"
        "    Reachable: {type: array, minItems: 2, maxItems: 9223372036854775807, "
        "items: {type: string, maxLength: 9223372036854775807}}\n";
    front_result r = run_front_end("counts.yaml", spec, "ct_");
    assert_non_null(r.spec);
    static const char *const none[] = {"LongString", "GigaString", "ManyItems",
                                       "ManyProperties", "Nested"};
    char location[96];
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        snprintf(location, sizeof location, "#/components/schemas/%s", none[i]);
        size_t len = 99;
        char *example = emit_example_synthesize(find_schema(r.spec, location), &len);
        if (example)
            fail_msg("%s: an example of %zu bytes", none[i], len);
        assert_int_equal(len, 0);
    }
    size_t len;
    char *example = emit_example_synthesize(
        find_schema(r.spec, "#/components/schemas/Reachable"), &len);
    assert_string_equal(example, "[\"string\",\"string\"]");
    free(example);
    front_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int64_ends_compile_and_validate_exactly),
        cmocka_unit_test(test_negative_counts_are_refused_where_written),
        cmocka_unit_test(test_unreachable_counts_give_no_synthesized_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
