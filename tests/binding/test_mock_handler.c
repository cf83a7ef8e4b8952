/* test_mock_handler.c - the request rules of `ldrest mock` (tools/mock_handler.c,
 * tools/mock_params.c) on a hand-built registry, without sockets: routing,
 * 401/400/404/405, path/query/cookie parameters checked with the generated
 * validators (a string one and an integer one), Prefer: code=, bodyless
 * responses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <strings.h>

#include "ld_validate.h"
#include "mock_handler.h"
#include "mock_params.h"

#define INT_V ld_unix_millis_validate_node /* integer, int64 */
#define STR_V ld_get_insights_scores_project_key_param_validate_node /* string */

static const oas_param_entry item_params[] = {
    {"id", "path", 1, "#/id", INT_V, OAS_PARAM_IN_PATH, OAS_STYLE_SIMPLE, false, false, OAS_PARAM_PRIMITIVE, OAS_TEXT_INTEGER, NULL, 0},
    {"limit", "query", 0, "#/limit", INT_V, OAS_PARAM_IN_QUERY, OAS_STYLE_FORM, true, false, OAS_PARAM_PRIMITIVE, OAS_TEXT_INTEGER, NULL, 0},
    {"session", "cookie", 1, "#/session", STR_V, OAS_PARAM_IN_COOKIE, OAS_STYLE_FORM, true, false, OAS_PARAM_PRIMITIVE, OAS_TEXT_STRING, NULL, 0},
    {"X-Trace", "header", 0, "#/trace", STR_V, OAS_PARAM_IN_HEADER, OAS_STYLE_SIMPLE, false, false, OAS_PARAM_PRIMITIVE, OAS_TEXT_STRING, NULL, 0},
    {"Authorization", "header", 1, "#/auth", STR_V, OAS_PARAM_IN_HEADER, OAS_STYLE_SIMPLE, false, false, OAS_PARAM_PRIMITIVE, OAS_TEXT_STRING, NULL, 0},
};
static const oas_response_entry item_responses[] = {
    {"200", "application/json", NULL, "#/r200", NULL, "{\"ok\":true}", NULL, 0, false, NULL},
    {"404", "application/json", NULL, "#/r404", NULL, "{\"code\":\"gone\"}", NULL, 0, false, NULL},
};
static const oas_response_entry delete_responses[] = {
    {"204", NULL, NULL, NULL, NULL, NULL, NULL, 0, false, NULL},
};
static const oas_operation_entry ops[] = {
    {"delete-item", "DELETE", "/items/{id}/x", NULL, 0, delete_responses, 1, NULL, NULL, 0},
    {"get-item", "GET", "/items/{id}.json", item_params, 5, item_responses, 2, NULL, NULL, 0},
};
static const oas_registry reg = {"t", "1", "t.yaml", "00", NULL, 0, ops, 2, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL};

/* A request's parameters: "in:name" -> value. */
typedef struct fake { const char *pairs[16]; } fake;

static const char *fake_lookup(void *ctx, const char *in, const char *name)
{
    const fake *f = ctx;
    for (size_t i = 0; f->pairs[i]; i += 2) {
        const char *colon = strchr(f->pairs[i], ':');
        if (strncmp(f->pairs[i], in, (size_t)(colon - f->pairs[i])) == 0 &&
            strcasecmp(colon + 1, name) == 0)
            return f->pairs[i + 1];
    }
    return NULL;
}

/* The request checked as mock --assert-formats does when assert_formats. */
static unsigned run_checking(const char *method, const char *path, fake *f, bool assert_formats,
                             mock_reply *out)
{
    mock_request req = {.method = method, .path = path, .lookup = fake_lookup, .ctx = f,
                        .assert_formats = assert_formats};
    mock_reply_init(out);
    mock_handle(&reg, &req, out);
    return out->status;
}

static unsigned run(const char *method, const char *path, fake *f, mock_reply *out)
{
    return run_checking(method, path, f, false, out);
}

#define AUTH "header:Authorization", "tok"
#define COOKIE "cookie:session", "s1"

static void test_success_and_routing(void **state)
{
    (void)state;
    mock_reply r;
    fake ok = {{AUTH, COOKIE, "query:limit", "5", NULL}};
    assert_int_equal(run("GET", "/items/42.json", &ok, &r), 200);
    assert_string_equal(r.body.data, "{\"ok\":true}");
    assert_string_equal(r.content_type, "application/json");
    mock_reply_free(&r);
    assert_int_equal(run("HEAD", "/items/42.json", &ok, &r), 200);
    mock_reply_free(&r);
    assert_int_equal(run("GET", "/nothing", &ok, &r), 404);
    assert_non_null(strstr(r.body.data, "\"not_found\""));
    mock_reply_free(&r);
    assert_int_equal(run("POST", "/items/42.json", &ok, &r), 405);
    assert_string_equal(r.allow, "GET");
    mock_reply_free(&r);
    /* a declared response without a body */
    assert_int_equal(run("DELETE", "/items/42/x", &ok, &r), 204);
    assert_null(r.content_type);
    assert_int_equal(r.body.len, 0);
    mock_reply_free(&r);
}

static void test_auth_before_params(void **state)
{
    (void)state;
    mock_reply r;
    fake none = {{NULL}};
    assert_int_equal(run("GET", "/items/x.json", &none, &r), 401);
    assert_non_null(strstr(r.body.data, "\"code\":\"unauthorized\""));
    mock_reply_free(&r);
    fake empty = {{"header:Authorization", "", COOKIE, NULL}};
    assert_int_equal(run("GET", "/items/1.json", &empty, &r), 401);
    mock_reply_free(&r);
}

static void test_parameter_failures(void **state)
{
    (void)state;
    mock_reply r;
    /* id not an integer, limit not an integer, cookie missing */
    fake bad = {{AUTH, "query:limit", "ten", NULL}};
    assert_int_equal(run("GET", "/items/abc.json", &bad, &r), 400);
    const char *b = r.body.data;
    assert_non_null(strstr(b, "\"code\":\"invalid_request\""));
    assert_non_null(strstr(b, "\"message\":\"Invalid request: 3 parameters failed validation\""));
    assert_non_null(strstr(b, "{\"attribute\":\"id\",\"reason\":"));
    assert_non_null(strstr(b, "{\"attribute\":\"limit\",\"reason\":"));
    assert_non_null(strstr(b, "{\"attribute\":\"session\",\"reason\":\"required cookie "
                              "parameter is missing\"}"));
    mock_reply_free(&r);
    /* an integer out of int64 range: a format failure when formats are
       asserted, an annotation (2020-12's default) otherwise */
    fake huge = {{AUTH, COOKIE, "query:limit", "99999999999999999999", NULL}};
    assert_int_equal(run_checking("GET", "/items/1.json", &huge, true, &r), 400);
    assert_non_null(strstr(r.body.data, "{\"attribute\":\"limit\",\"reason\":\"must match format "
                                         "\\\"int64\\\", found integer 99999999999999999999\"}"));
    mock_reply_free(&r);
    assert_int_equal(run("GET", "/items/1.json", &huge, &r), 200);
    mock_reply_free(&r);
    /* optional header present and valid; empty optional query ignored */
    fake fine = {{AUTH, COOKIE, "header:X-Trace", "abc", "query:limit", "", NULL}};
    assert_int_equal(run("GET", "/items/7.json", &fine, &r), 200);
    mock_reply_free(&r);
}

static void test_prefer(void **state)
{
    (void)state;
    mock_reply r;
    fake p404 = {{AUTH, COOKIE, "header:Prefer", "code=404", NULL}};
    assert_int_equal(run("GET", "/items/1.json", &p404, &r), 404);
    assert_string_equal(r.body.data, "{\"code\":\"gone\"}");
    mock_reply_free(&r);
    /* undeclared: a 400 naming the declared ones, never a silent 200 */
    fake p500 = {{AUTH, COOKIE, "header:Prefer", "code=500", NULL}};
    assert_int_equal(run("GET", "/items/1.json", &p500, &r), 400);
    assert_string_equal(r.body.data,
                        "{\"code\":\"invalid_request\",\"message\":\"Prefer: code=500 is not "
                        "declared by get-item; it declares 200, 404\",\"errors\":[{\"attribute\":"
                        "\"Prefer\",\"reason\":\"code=500 is not declared\"}]}");
    mock_reply_free(&r);
}

static void test_path_param(void **state)
{
    (void)state;
    char v[16];
    assert_true(mock_path_param("/a/{k}/b/{n}.json", "/a/x/b/7.json", "n", v, sizeof v));
    assert_string_equal(v, "7");
    assert_true(mock_path_param("/a/{k}/b/{n}.json", "/a/x/b/7.json", "k", v, sizeof v));
    assert_string_equal(v, "x");
    assert_false(mock_path_param("/a/{k}", "/a/x", "zz", v, sizeof v));
    assert_false(mock_path_param("/a/{k}", "/a/0123456789abcdefghij", "k", v, sizeof v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_success_and_routing),
        cmocka_unit_test(test_auth_before_params),
        cmocka_unit_test(test_parameter_failures),
        cmocka_unit_test(test_prefer),
        cmocka_unit_test(test_path_param),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
