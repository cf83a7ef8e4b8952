/* test_registry.c - lookups in an oas_registry: schemas and operations by
 * name, response selection exact -> NXX -> default, path templates. Uses a
 * hand-built registry so every expectation is known exactly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include "oas_registry.h"

static const oas_schema_entry schemas[] = {
    {"Alpha", "#/components/schemas/Alpha", NULL, false, NULL},
    {"Beta", "#/components/schemas/Beta", NULL, false, NULL},
    {"Gamma", "#/components/schemas/Gamma", NULL, false, NULL},
};
static const oas_response_entry responses[] = {
    {"200", "application/json", "Alpha", "#/a", NULL, NULL, NULL, 0, false, NULL},
    {"4XX", "application/json", "Beta", "#/b", NULL, NULL, NULL, 0, false, NULL},
    {"404", "application/json", "Gamma", "#/c", NULL, NULL, NULL, 0, false, NULL},
    {"default", "application/json", NULL, "#/d", NULL, NULL, NULL, 0, false, NULL},
};
static const oas_operation_entry operations[] = {
    {"get-flag", "GET", "/api/v2/flags/{projectKey}/{flagKey}", NULL, 0, responses, 4, NULL, NULL, 0},
    {"get-flag-status", "GET", "/api/v2/flags/{projectKey}/status", NULL, 0, NULL, 0, NULL, NULL, 0},
    {"get-file", "GET", "/files/{name}.json", NULL, 0, NULL, 0, NULL, NULL, 0},
    {"patch-flag", "PATCH", "/api/v2/flags/{projectKey}/{flagKey}", NULL, 0, responses, 3, NULL, NULL, 0},
};
/* operations[] must be sorted by id for bsearch */
static const oas_operation_entry sorted_ops[] = {
    {"get-file", "GET", "/files/{name}.json", NULL, 0, NULL, 0, NULL, NULL, 0},
    {"get-flag", "GET", "/api/v2/flags/{projectKey}/{flagKey}", NULL, 0, responses, 4, NULL, NULL, 0},
    {"get-flag-status", "GET", "/api/v2/flags/{projectKey}/status", NULL, 0, NULL, 0, NULL, NULL, 0},
    {"patch-flag", "PATCH", "/api/v2/flags/{projectKey}/{flagKey}", NULL, 0, responses, 3, NULL, NULL, 0},
};
/* sorted by name then method; callbacks by owner first */
static const oas_event_entry webhooks[] = {
    {NULL, "flagChanged", {"flagChangedDelete", "DELETE", "flagChanged", NULL, 0, NULL, 0, NULL, NULL, 0}},
    {NULL, "flagChanged", {"flagChangedPost", "POST", "flagChanged", NULL, 0, NULL, 0, NULL, NULL, 0}},
    {NULL, "newFlag", {"post newFlag", "POST", "newFlag", NULL, 0, NULL, 0, NULL, NULL, 0}},
};
static const oas_event_entry callbacks[] = {
    {"get-flag", "onDone", {"post {$url}", "POST", "{$url}", NULL, 0, NULL, 0, NULL, NULL, 0}},
    {"patch-flag", "onDone", {"put {$url}", "PUT", "{$url}", NULL, 0, NULL, 0, NULL, NULL, 0}},
};
static const oas_registry reg = {"t", "1", "spec.yaml", "00", schemas, 3, sorted_ops, 4, NULL, 0, NULL, 0, NULL, 0, webhooks, 3, callbacks, 2, NULL};

static void find_schema(void **state)
{
    (void)state;
    assert_ptr_equal(oas_registry_find_schema(&reg, "Alpha"), &schemas[0]);
    assert_ptr_equal(oas_registry_find_schema(&reg, "Gamma"), &schemas[2]);
    assert_string_equal(oas_registry_find_schema(&reg, "Beta")->location,
                        "#/components/schemas/Beta");
    assert_null(oas_registry_find_schema(&reg, "beta"));
    assert_null(oas_registry_find_schema(&reg, "Delta"));
    assert_null(oas_registry_find_schema(NULL, "Alpha"));
}

static void find_operation(void **state)
{
    (void)state;
    assert_ptr_equal(oas_registry_find_operation(&reg, "get-flag"), &sorted_ops[1]);
    assert_ptr_equal(oas_registry_find_operation(&reg, "patch-flag"), &sorted_ops[3]);
    assert_null(oas_registry_find_operation(&reg, "get-flags"));
}

/* The first method of a webhook; a callback only under its own operation. */
static void find_webhook_and_callback(void **state)
{
    (void)state;
    assert_ptr_equal(oas_registry_find_webhook(&reg, "flagChanged"), &webhooks[0]);
    assert_ptr_equal(oas_registry_find_webhook(&reg, "newFlag"), &webhooks[2]);
    assert_null(oas_registry_find_webhook(&reg, "onDone"));
    assert_null(oas_registry_find_webhook(&reg, NULL));
    assert_ptr_equal(oas_registry_find_callback(&reg, "patch-flag", "onDone"), &callbacks[1]);
    assert_ptr_equal(oas_registry_find_callback(&reg, "get-flag", "onDone"), &callbacks[0]);
    assert_null(oas_registry_find_callback(&reg, "get-file", "onDone"));
    assert_null(oas_registry_find_callback(&reg, NULL, "onDone"));
    assert_null(oas_registry_find_callback(&reg, "get-flag", "newFlag"));
    assert_null(oas_registry_find_webhook(NULL, "newFlag"));
}

static void response_selection(void **state)
{
    (void)state;
    const oas_operation_entry *op = &operations[0];
    assert_ptr_equal(oas_operation_find_response(op, 200), &responses[0]);
    assert_ptr_equal(oas_operation_find_response(op, 404), &responses[2]); /* exact beats 4XX */
    assert_ptr_equal(oas_operation_find_response(op, 400), &responses[1]);
    assert_ptr_equal(oas_operation_find_response(op, 429), &responses[1]);
    assert_ptr_equal(oas_operation_find_response(op, 201), &responses[3]); /* default */
    assert_ptr_equal(oas_operation_find_response(op, 500), &responses[3]);
    /* without "default" an undocumented status has no response */
    assert_null(oas_operation_find_response(&operations[3], 500));
    assert_ptr_equal(oas_operation_find_response(&operations[3], 418), &responses[1]);
    assert_null(oas_operation_find_response(op, 99));
    assert_null(oas_operation_find_response(op, 600));
}

/* Keys that are nearly a status or a class match neither: only the three
 * digits, or the class digit and two X of either case. */
static const oas_response_entry near_keys[] = {
    {"20", NULL, NULL, "#/0", NULL, NULL, NULL, 0, false, NULL},
    {"2000", NULL, NULL, "#/1", NULL, NULL, NULL, 0, false, NULL},
    {"2X", NULL, NULL, "#/2", NULL, NULL, NULL, 0, false, NULL},
    {"2XXX", NULL, NULL, "#/3", NULL, NULL, NULL, 0, false, NULL},
    {"", NULL, NULL, "#/4", NULL, NULL, NULL, 0, false, NULL},
    {"5xX", NULL, NULL, "#/5", NULL, NULL, NULL, 0, false, NULL},
    {"2x0", NULL, NULL, "#/6", NULL, NULL, NULL, 0, false, NULL},
    {"Default", NULL, NULL, "#/7", NULL, NULL, NULL, 0, false, NULL},
    {"301", NULL, NULL, "#/8", NULL, NULL, NULL, 0, false, NULL},
    {"3xx", NULL, NULL, "#/9", NULL, NULL, NULL, 0, false, NULL},
    {"3XX", NULL, NULL, "#/10", NULL, NULL, NULL, 0, false, NULL},
};

static void response_selection_reads_keys_exactly(void **state)
{
    (void)state;
    oas_operation_entry op = {"op", "GET", "/", NULL, 0, near_keys, 11, NULL, NULL, 0};
    assert_null(oas_operation_find_response(&op, 200)); /* no key is 200, 2XX or default */
    assert_null(oas_operation_find_response(&op, 201));
    assert_ptr_equal(oas_operation_find_response(&op, 503), &near_keys[5]); /* case-blind X */
    assert_ptr_equal(oas_operation_find_response(&op, 599), &near_keys[5]);
    assert_null(oas_operation_find_response(&op, 403));
    assert_ptr_equal(oas_operation_find_response(&op, 301), &near_keys[8]);
    /* the last class key of several wins */
    assert_ptr_equal(oas_operation_find_response(&op, 302), &near_keys[10]);
    assert_ptr_equal(oas_operation_find_response(&op, 300), &near_keys[10]);
}

static void path_matching(void **state)
{
    (void)state;
    assert_ptr_equal(oas_registry_match_path(&reg, "GET", "/api/v2/flags/p1/f1"), &sorted_ops[1]);
    /* a literal segment beats a template */
    assert_ptr_equal(oas_registry_match_path(&reg, "GET", "/api/v2/flags/p1/status"),
                     &sorted_ops[2]);
    assert_ptr_equal(oas_registry_match_path(&reg, "get", "/api/v2/flags/p1/f1/"), &sorted_ops[1]);
    assert_ptr_equal(oas_registry_match_path(&reg, "PATCH", "/api/v2/flags/p1/f1"),
                     &sorted_ops[3]);
    assert_ptr_equal(oas_registry_match_path(&reg, "GET", "/files/report.json"), &sorted_ops[0]);
    assert_null(oas_registry_match_path(&reg, "GET", "/files/.json"));   /* empty variable */
    assert_null(oas_registry_match_path(&reg, "GET", "/api/v2/flags//f1"));
    assert_null(oas_registry_match_path(&reg, "GET", "/api/v2/flags/p1"));
    assert_null(oas_registry_match_path(&reg, "GET", "/api/v2/flags/p1/f1/extra"));
    assert_null(oas_registry_match_path(&reg, "DELETE", "/api/v2/flags/p1/f1"));
    /* methods compare by ASCII case alone */
    assert_ptr_equal(oas_registry_match_path(&reg, "pAtCh", "/api/v2/flags/p1/f1"),
                     &sorted_ops[3]);
    assert_null(oas_registry_match_path(&reg, "GE", "/api/v2/flags/p1/f1"));
    assert_null(oas_registry_match_path(&reg, "GETS", "/api/v2/flags/p1/f1"));
    assert_null(oas_registry_match_path(&reg, "", "/api/v2/flags/p1/f1"));
    /* one trailing slash is dropped, not two; the root is its own path */
    assert_null(oas_registry_match_path(&reg, "GET", "/api/v2/flags/p1/f1//"));
    assert_null(oas_registry_match_path(&reg, "GET", "/"));
    assert_null(oas_registry_match_path(&reg, "GET", ""));
    /* a variable with a literal prefix and suffix in one segment */
    assert_ptr_equal(oas_registry_match_path(&reg, "GET", "/files/a.json.json"), &sorted_ops[0]);
    assert_null(oas_registry_match_path(&reg, "GET", "/files/report.jso"));
    /* the longest path considered, and one byte more; as many segments as
     * such a path can have */
    char path[2100];
    memset(path, 'x', sizeof path);
    memcpy(path, "/files/", 7);
    memcpy(path + 2047 - 5, ".json", 6); /* 2047 bytes */
    assert_ptr_equal(oas_registry_match_path(&reg, "GET", path), &sorted_ops[0]);
    memset(path + 2042, 'x', 6);
    memcpy(path + 2048 - 5, ".json", 6); /* 2048 bytes */
    assert_null(oas_registry_match_path(&reg, "GET", path));
    for (size_t i = 0; i < 2046; i++)
        path[i] = i % 2 ? 'a' : '/';
    path[2046] = '\0'; /* 1,024 segments */
    assert_null(oas_registry_match_path(&reg, "GET", path));
    memset(path, '/', 2047);
    path[2047] = '\0'; /* 2,048 empty segments, one of them dropped */
    assert_null(oas_registry_match_path(&reg, "GET", path));
}

/* "/" + n segments "s", then tail (which starts with '/'). */
static void deep(char *out, size_t cap, size_t n, const char *tail)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++)
        at += (size_t)snprintf(out + at, cap - at, "/s");
    snprintf(out + at, cap - at, "%s", tail);
}

/* What test_cov_registry leaves out: the root reached by dropping one
 * trailing slash, two braces in a segment, and a literal segment deep in
 * the path winning over a variable declared before it. */
static void path_matching_edges(void **state)
{
    (void)state;
    static char var10[100], lit10[100];
    deep(var10, sizeof var10, 9, "/{v}/end");
    deep(lit10, sizeof lit10, 9, "/x/end");
    const oas_operation_entry ops[] = {
        {"a", "GET", "/", NULL, 0, NULL, 0, NULL, NULL, 0},
        {"c", "GET", "/z/{a}{b}", NULL, 0, NULL, 0, NULL, NULL, 0},
        {"f", "GET", var10, NULL, 0, NULL, 0, NULL, NULL, 0},
        {"g", "GET", lit10, NULL, 0, NULL, 0, NULL, NULL, 0},
    };
    const oas_registry edges = {"t", "1", "spec.yaml", "00", NULL, 0, ops, 4,
                                NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL};
    assert_ptr_equal(oas_registry_match_path(&edges, "GET", "//"), &ops[0]); /* one '/' dropped */
    assert_null(oas_registry_match_path(&edges, "GET", "///"));
    /* "{a}{b}": one variable, then "{b}" as text */
    assert_ptr_equal(oas_registry_match_path(&edges, "GET", "/z/q{b}"), &ops[1]);
    assert_null(oas_registry_match_path(&edges, "GET", "/z/qq"));
    assert_null(oas_registry_match_path(&edges, "GET", "/z/{b}"));
    char path[100];
    deep(path, sizeof path, 9, "/x/end");
    assert_ptr_equal(oas_registry_match_path(&edges, "GET", path), &ops[3]);
    deep(path, sizeof path, 9, "/w/end");
    assert_ptr_equal(oas_registry_match_path(&edges, "GET", path), &ops[2]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(find_schema),
        cmocka_unit_test(find_operation),
        cmocka_unit_test(find_webhook_and_callback),
        cmocka_unit_test(response_selection),
        cmocka_unit_test(response_selection_reads_keys_exactly),
        cmocka_unit_test(path_matching),
        cmocka_unit_test(path_matching_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
