/* test_jsonpath.c - the JSONPath subset of Overlay targets (codegen/jsonpath.h):
 * the cases in tests/data/overlay/jsonpath.yaml (selected values or the
 * exact error), then hostile queries, which must be refused with a message
 * rather than crash or run away. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "jsonpath.h"
#include "support_json_dump.h"
#include "ynode.h"

#define CASES_FILE "tests/data/overlay/jsonpath.yaml"

static size_t character_number(const char *s, size_t offset)
{
    size_t n = 1;
    for (size_t i = 0; i < offset; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* "character N: message" for a query that does not parse, else NULL. */
static char *parse_error(const char *text, size_t len)
{
    jsonpath_error err;
    jsonpath *q = jsonpath_parse(text, len, &err);
    if (q) {
        jsonpath_free(q);
        return NULL;
    }
    char *msg = malloc(sizeof err.message + 40);
    snprintf(msg, sizeof err.message + 40, "character %zu: %s", character_number(text, err.offset),
             err.message);
    return msg;
}

/* The selected values as one compact JSON array. */
static char *select_json(const jsonpath *q, ynode *root)
{
    jsonpath_result r;
    jsonpath_error err;
    if (jsonpath_select(q, root, &r, &err) != 0)
        return strdup(err.message);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    fputc('[', out);
    for (size_t i = 0; i < r.count; i++) {
        if (i)
            fputc(',', out);
        json_dump(out, r.matches[i].node, false);
    }
    fputc(']', out);
    fclose(out);
    jsonpath_result_free(&r);
    return text;
}

/* Runs one case; 0 if it holds, else 1 after saying why. */
static int run_case(const ynode *documents, const ynode *c, size_t index)
{
    const ynode *query = ynode_get(c, "query");
    const ynode *on = ynode_get(c, "document");
    const ynode *result = ynode_get(c, "result");
    const ynode *error = ynode_get(c, "error");
    assert_non_null(query);
    assert_true((result != NULL) != (error != NULL));
    ynode *doc = ynode_get(documents, on ? on->str : "main");
    assert_non_null(doc);
    char *got, *want;
    if (error) {
        got = parse_error(query->str, query->len);
        want = strdup(error->str);
    } else {
        jsonpath_error err;
        jsonpath *q = jsonpath_parse(query->str, query->len, &err);
        if (!q) {
            fprintf(stderr, "case %zu %s: does not parse: %s\n", index, query->str, err.message);
            return 1;
        }
        got = select_json(q, doc);
        want = json_dump_string(result, false);
        jsonpath_free(q);
    }
    int failed = !got || strcmp(got, want) != 0;
    if (failed)
        fprintf(stderr, "case %zu %s:\n  got:  %s\n  want: %s\n", index, query->str,
                got ? got : "(parses)", want);
    free(got);
    free(want);
    return failed;
}

static void test_data_cases(void **state)
{
    (void)state;
    diag d;
    diag_init(&d, stderr);
    ydoc *doc = ydoc_load_file(CASES_FILE, &d);
    assert_non_null(doc);
    const ynode *documents = ynode_get(doc->root, "documents");
    const ynode *cases = ynode_get(doc->root, "cases");
    assert_non_null(documents);
    assert_non_null(cases);
    assert_true(cases->count >= 100);
    int failures = 0;
    for (size_t i = 0; i < cases->count; i++)
        failures += run_case(documents, cases->items[i], i);
    ydoc_free(doc);
    assert_int_equal(failures, 0);
}

static char *repeat(const char *head, const char *unit, size_t times, const char *tail)
{
    size_t n = strlen(head) + strlen(unit) * times + strlen(tail);
    char *s = malloc(n + 1);
    strcpy(s, head);
    for (size_t i = 0; i < times; i++)
        strcat(s, unit);
    strcat(s, tail);
    return s;
}

static void expect_refused(const char *query, const char *message)
{
    char *got = parse_error(query, strlen(query));
    assert_non_null(got);
    assert_string_equal(got, message);
    free(got);
}

static void test_too_long(void **state)
{
    (void)state;
    char *query = repeat("$", ".a", 2500, "");
    expect_refused(query, "character 4097: the query is 5001 bytes long; the limit is 4096");
    free(query);
}

/* Each construct that nests counts against the same bound. */
static void test_too_deep(void **state)
{
    (void)state;
    const char *too_deep = "nesting deeper than 32 levels (filters, parentheses, function calls)";
    char want[160];
    char *filters = repeat("$", "[?@", 40, "");
    snprintf(want, sizeof want, "character 99: %s", too_deep);
    expect_refused(filters, want);
    free(filters);
    char *parens = repeat("$[?", "(", 100, "@");
    snprintf(want, sizeof want, "character 35: %s", too_deep);
    expect_refused(parens, want);
    free(parens);
    char *calls = repeat("$[?", "length(", 50, "@");
    snprintf(want, sizeof want, "character 221: %s", too_deep);
    expect_refused(calls, want);
    free(calls);
    /* A pattern from the document nests groups as deep as it likes: no match,
       no crash. */
    char *groups = repeat("{k: ['", "(", 5000, "'], p: [x]}");
    diag d;
    diag_init(&d, stderr);
    ydoc *doc = ydoc_load_buffer("g.yaml", groups, strlen(groups), &d);
    assert_non_null(doc);
    jsonpath_error err;
    jsonpath *q = jsonpath_parse("$.p[?match(@, $.k[0])]", 22, &err);
    assert_non_null(q);
    char *got = select_json(q, doc->root);
    assert_string_equal(got, "[]");
    free(got);
    jsonpath_free(q);
    ydoc_free(doc);
    free(groups);
}

/* A long && / || chain is one node: no recursion per operand. */
static void test_long_chains(void **state)
{
    (void)state;
    char *query = repeat("$[?@.k == 2", " || @.k == 1 && @.k", 200, "]");
    diag d;
    diag_init(&d, stderr);
    ydoc *doc = ydoc_load_buffer("c.yaml", "[{k: 1}, {k: 2}, {j: 1}]", 24, &d);
    jsonpath_error err;
    jsonpath *q = jsonpath_parse(query, strlen(query), &err);
    assert_non_null(q);
    char *got = select_json(q, doc->root);
    assert_string_equal(got, "[{\"k\":1},{\"k\":2}]");
    free(got);
    jsonpath_free(q);
    ydoc_free(doc);
    free(query);
}

/* Every prefix of a query that uses every construct: parsed or refused,
 * never read past its end (ASan, valgrind). */
static void test_every_prefix(void **state)
{
    (void)state;
    const char *full = "$..ops[?@.tags[?search(@, '\\\\(b\\u00e9ta\\\\)')] && !(@.n >= -1.5e3) || "
                       "count($.a[*, 'x', -2]) == value(@..y) || "
                       "match(@[\"q\"], '[^a-c]{1,2}')]..*";
    size_t len = strlen(full);
    for (size_t n = 0; n <= len; n++) {
        char *prefix = malloc(n ? n : 1);  /* exactly n bytes: no NUL to lean on */
        memcpy(prefix, full, n);
        char *msg = parse_error(prefix, n);
        if (n == len)
            assert_null(msg);
        free(msg);
        free(prefix);
    }
}

/* Quadratic queries stop at the work limit with an error. */
static void test_work_limit(void **state)
{
    (void)state;
    char *nested = repeat("", "[", 300, "");
    char *text = repeat(nested, "]", 300, "");
    diag d;
    diag_init(&d, stderr);
    ydoc *doc = ydoc_load_buffer("w.yaml", text, strlen(text), &d);
    assert_non_null(doc);
    jsonpath_error err;
    const char *query = "$..*[?@..*[?@..*[?@..*]]]";
    jsonpath *q = jsonpath_parse(query, strlen(query), &err);
    assert_non_null(q);
    jsonpath_set_work_limit(100000);
    jsonpath_result r;
    assert_int_equal(jsonpath_select(q, doc->root, &r, &err), -1);
    assert_string_equal(err.message, "evaluating the query takes more than 100000 steps "
                                     "(nodes visited, values compared)");
    assert_int_equal(r.count, 0);
    jsonpath_set_work_limit(0);
    jsonpath_free(q);
    ydoc_free(doc);
    free(text);
    free(nested);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_cases),   cmocka_unit_test(test_too_long),
        cmocka_unit_test(test_too_deep),     cmocka_unit_test(test_long_chains),
        cmocka_unit_test(test_every_prefix), cmocka_unit_test(test_work_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
