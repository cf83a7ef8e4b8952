/* The mock's rules for any registry (tools/mock_handler.c,
 * tools/mock_params.c) on tests/data/call/shop.yaml, without sockets:
 * credentials per security requirement, server path prefixes, parameters
 * in every style, request bodies; exact answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mock_handler.h"
#include "shop_validate.h"

/* A request's parameters: "in:name" -> value, names repeatable. */
typedef struct fake {
    const char *pairs[24];
} fake;

static bool pair_is(const fake *f, size_t i, const char *in, const char *name)
{
    const char *colon = strchr(f->pairs[i], ':');
    bool header = strcmp(in, "header") == 0;
    return strlen(in) == (size_t)(colon - f->pairs[i]) &&
           strncmp(f->pairs[i], in, (size_t)(colon - f->pairs[i])) == 0 &&
           (header ? strcasecmp(colon + 1, name) : strcmp(colon + 1, name)) == 0;
}

static const char *fake_lookup(void *ctx, const char *in, const char *name)
{
    const fake *f = ctx;
    for (size_t i = 0; f->pairs[i]; i += 2)
        if (pair_is(f, i, in, name))
            return f->pairs[i + 1];
    return NULL;
}

static size_t fake_lookup_all(void *ctx, const char *in, const char *name, const char **values,
                              size_t cap)
{
    const fake *f = ctx;
    size_t n = 0;
    for (size_t i = 0; f->pairs[i]; i += 2)
        if (pair_is(f, i, in, name) && n++ < cap)
            values[n - 1] = f->pairs[i + 1];
    return n;
}

static unsigned run_body(const char *method, const char *path, fake *f, const char *body,
                         mock_reply *out)
{
    mock_request req = {method, path, fake_lookup, f, fake_lookup_all, body,
                        body ? strlen(body) : 0, 0, false};
    mock_reply_init(out);
    mock_handle(&shop_registry, &req, out);
    return out->status;
}

static unsigned run(const char *method, const char *path, fake *f, mock_reply *out)
{
    return run_body(method, path, f, NULL, out);
}

/* status and exact body, then the reply freed */
static void expect(const char *method, const char *path, fake *f, const char *body,
                   unsigned status, const char *answer)
{
    mock_reply r;
    assert_int_equal(run_body(method, path, f, body, &r), status);
    assert_string_equal(r.body.data ? r.body.data : "", answer);
    mock_reply_free(&r);
}

#define KEY "header:X-Api-Key", "k"
#define ORDER "{\"id\":0,\"total\":0,\"note\":\"note\"}"

static void test_credentials_per_security_requirement(void **state)
{
    (void)state;
    fake none = {{NULL}};
    expect("GET", "/orders/42", &none, NULL, 401,
           "{\"code\":\"unauthorized\",\"message\":\"Missing credentials: send the X-Api-Key "
           "header (security scheme ApiKeyHeader)\"}");
    fake blank = {{"header:X-Api-Key", " \t", NULL}};
    expect("GET", "/orders/42", &blank, NULL, 401,
           "{\"code\":\"unauthorized\",\"message\":\"Missing credentials: send the X-Api-Key "
           "header (security scheme ApiKeyHeader)\"}");
    fake key = {{KEY, NULL}};
    expect("GET", "/orders/42", &key, NULL, 200, ORDER);

    /* updateOrder: bearer only; the scheme word is case-insensitive */
    fake basic = {{"header:Authorization", "Basic dTpw", NULL}};
    expect("PATCH", "/orders/1", &basic, "{}", 401,
           "{\"code\":\"unauthorized\",\"message\":\"Missing credentials: send Authorization: "
           "Bearer (security scheme Bearer)\"}");
    fake empty_bearer = {{"header:Authorization", "Bearer  ", NULL}};
    expect("PATCH", "/orders/1", &empty_bearer, "{}", 401,
           "{\"code\":\"unauthorized\",\"message\":\"Missing credentials: send Authorization: "
           "Bearer (security scheme Bearer)\"}");
    fake bearer = {{"header:Authorization", "bearer t", NULL}};
    expect("PATCH", "/orders/1", &bearer, "{}", 200, ORDER);

    /* searchOrders: query key + cookie, or basic, or nothing at all */
    expect("GET", "/orders", &none, NULL, 200, "[" ORDER "]");
    fake both = {{"query:api_key", "k", "cookie:sid", "s", NULL}};
    expect("GET", "/orders", &both, NULL, 200, "[" ORDER "]");
}

static void test_server_path_prefix_is_optional(void **state)
{
    (void)state;
    fake key = {{KEY, NULL}};
    /* the first server's "/{basePath}" is any one segment */
    expect("GET", "/v2/orders/42", &key, NULL, 200, ORDER);
    expect("GET", "/orders/42", &key, NULL, 200, ORDER);
    expect("GET", "/a/b/orders/42", &key, NULL, 404,
           "{\"code\":\"not_found\",\"message\":\"Unknown path\"}");
    mock_reply r;
    assert_int_equal(run("PUT", "/v2/orders/42", &key, &r), 405);
    assert_string_equal(r.allow, "GET, PATCH");
    mock_reply_free(&r);
}

static void test_parameters_in_every_style(void **state)
{
    (void)state;
    fake none = {{NULL}};
    /* label and exploded matrix path parameters */
    expect("DELETE", "/orders/.3/lines/;lineIds=1;lineIds=20", &none, NULL, 204, "");
    expect("DELETE", "/v2/orders/.x/lines/;lineIds=1;lineIds=zz", &none, NULL, 400,
           "{\"code\":\"invalid_request\",\"message\":\"Invalid request: 2 parameters failed "
           "validation\",\"errors\":[{\"attribute\":\"orderId\",\"reason\":\"must be integer, "
           "found string \\\"x\\\"\"},{\"attribute\":\"lineIds\",\"reason\":\"/1: must be "
           "integer, found string \\\"zz\\\"\"}]}");
    /* an exploded form array: every value; a header within its maxLength */
    fake fields = {{KEY, "query:fields", "id", "query:fields", "price", "header:X-Request-Id",
                    "12345678901234567", NULL}};
    expect("GET", "/orders/0", &fields, NULL, 400,
           "{\"code\":\"invalid_request\",\"message\":\"Invalid request: 3 parameters failed "
           "validation\",\"errors\":[{\"attribute\":\"orderId\",\"reason\":\"must be >= 1, "
           "found integer 0\"},{\"attribute\":\"fields\",\"reason\":\"/1: must be equal to "
           "one of the allowed values: \\\"id\\\", \\\"total\\\", \\\"lines\\\", found "
           "string \\\"price\\\"\"},{\"attribute\":\"X-Request-Id\",\"reason\":\"must NOT "
           "have more than 16 characters, found string \\\"12345678901234567\\\"\"}]}");
    /* pipeDelimited, an integer, a boolean cookie; objects: presence only */
    fake search = {{"query:status", "open|paid", "query:limit", "5", "cookie:tracking", "true",
                    "query:filter[color]", "red", NULL}};
    expect("GET", "/orders", &search, NULL, 200, "[" ORDER "]");
    fake wrong = {{"query:limit", "500", "cookie:tracking", "yes", NULL}};
    expect("GET", "/orders", &wrong, NULL, 400,
           "{\"code\":\"invalid_request\",\"message\":\"Invalid request: 2 parameters failed "
           "validation\",\"errors\":[{\"attribute\":\"limit\",\"reason\":\"must be <= 100, "
           "found integer 500\"},{\"attribute\":\"tracking\",\"reason\":\"must be boolean, "
           "found string \\\"yes\\\"\"}]}");
}

static void test_request_bodies(void **state)
{
    (void)state;
    fake bearer = {{"header:Authorization", "Bearer t", NULL}};
    expect("PATCH", "/orders/1", &bearer, "{\"note\":5,\"total\":-1}", 400,
           "{\"code\":\"invalid_request\",\"message\":\"Invalid request: the body failed "
           "validation\",\"errors\":[{\"attribute\":\"/body/note\",\"reason\":\"must be string, "
           "found integer 5\"},{\"attribute\":\"/body/total\",\"reason\":\"must be >= 0, "
           "found integer -1\"}]}");
    expect("PATCH", "/orders/1", &bearer, NULL, 400,
           "{\"code\":\"invalid_request\",\"message\":\"Invalid request: the body failed "
           "validation\",\"errors\":[{\"attribute\":\"/body\",\"reason\":\"required request body "
           "is missing\"}]}");
    expect("PATCH", "/orders/x", &bearer, "{\"note\":", 400,
           "{\"code\":\"invalid_request\",\"message\":\"Invalid request: 1 parameter and the body "
           "failed validation\",\"errors\":[{\"attribute\":\"orderId\",\"reason\":\"must be "
           "integer, found string \\\"x\\\"\"},{\"attribute\":\"/body\",\"reason\":\"not JSON: unexpected end of input, "
           "expected a value at line 1, column 9 (byte offset 8)\"}]}");
    expect("PATCH", "/orders/1", &bearer, "{\"note\":\"gift\"}", 200, ORDER);
}

static void test_prefer_a_declared_status(void **state)
{
    (void)state;
    fake p404 = {{KEY, "header:Prefer", "code=404", NULL}};
    expect("GET", "/v2/orders/9", &p404, NULL, 404, "{\"message\":\"message\"}");
}

/* getOrder's 200 names the examples plain, gift, bulk (a $ref to
 * components/examples) and elsewhere (an externalValue, not read). */
static void test_prefer_a_named_example(void **state)
{
    (void)state;
    fake gift = {{KEY, "header:Prefer", "example=gift", NULL}};
    expect("GET", "/orders/9", &gift, NULL, 200,
           "{\"id\":7,\"total\":19.99,\"note\":\"gift \\\"wrap\\\"\"}");
    fake bulk = {{KEY, "header:Prefer", "respond-async, example=\"bulk\"", NULL}};
    expect("GET", "/orders/9", &bulk, NULL, 200, "{\"id\":9,\"total\":100000}");
    fake none = {{KEY, NULL}};
    expect("GET", "/orders/9", &none, NULL, 200, ORDER); /* the first: plain */
    fake unknown = {{KEY, "header:Prefer", "example=elsewhere", NULL}};
    expect("GET", "/orders/9", &unknown, NULL, 400,
           "{\"code\":\"invalid_request\",\"message\":\"Prefer: example=elsewhere is not "
           "declared by the 200 response of getOrder; its examples: plain, gift, bulk\","
           "\"errors\":[{\"attribute\":\"Prefer\",\"reason\":\"example=elsewhere is not "
           "declared\"}]}");
    /* with code=: the examples of that response, which has none */
    fake not_found = {{KEY, "header:Prefer", "code=404, example=gift", NULL}};
    expect("GET", "/orders/9", &not_found, NULL, 400,
           "{\"code\":\"invalid_request\",\"message\":\"Prefer: example=gift is not "
           "declared by the 404 response of getOrder; it has no named examples\","
           "\"errors\":[{\"attribute\":\"Prefer\",\"reason\":\"example=gift is not "
           "declared\"}]}");
    /* an empty value asks for nothing */
    fake empty = {{KEY, "header:Prefer", "example=\"\"", NULL}};
    expect("GET", "/orders/9", &empty, NULL, 200, ORDER);
}

/* getReport's Shop-Preview declares x-oas2c-missing-status: 403. */
#define REPORT "{\"id\":0,\"title\":\"title\"}"
#define PREVIEW "header:Shop-Preview"

static void test_missing_status_of_a_parameter(void **state)
{
    (void)state;
    fake none = {{KEY, "query:v", "2", NULL}};
    expect("GET", "/v2/reports/1", &none, NULL, 403,
           "{\"code\":\"missing_parameter\",\"message\":\"required header parameter "
           "\\\"Shop-Preview\\\" is missing\"}");
    fake empty = {{KEY, PREVIEW, "", "query:v", "2", NULL}};
    expect("GET", "/reports/1", &empty, NULL, 403,
           "{\"code\":\"missing_parameter\",\"message\":\"required header parameter "
           "\\\"Shop-Preview\\\" is empty\"}");
    fake ok = {{KEY, PREVIEW, "preview", "query:v", "2", NULL}};
    expect("GET", "/reports/1", &ok, NULL, 200, REPORT);
    /* Present but not allowed, or another parameter missing: the usual 400. */
    fake wrong = {{KEY, PREVIEW, "beta", NULL}};
    expect("GET", "/reports/1", &wrong, NULL, 400,
           "{\"code\":\"invalid_request\",\"message\":\"Invalid request: 2 parameters failed "
           "validation\",\"errors\":[{\"attribute\":\"Shop-Preview\",\"reason\":\"must be "
           "equal to one of the allowed values: \\\"preview\\\", found string \\\"beta\\\"\"},{\"attribute\":\"v\",\"reason\":\"required "
           "query parameter is missing\"}]}");
    /* Credentials are checked first. */
    fake no_key = {{"query:v", "2", NULL}};
    mock_reply r;
    assert_int_equal(run("GET", "/reports/1", &no_key, &r), 401);
    mock_reply_free(&r);
}

/* The reply's extra headers as "Name: value\n" lines. */
static void extra_headers(const mock_reply *r, char *out, size_t cap)
{
    size_t used = 0;
    const char *h = r->headers.data;
    out[0] = '\0';
    for (size_t i = 0; i < r->header_count; i++) {
        const char *value = h + strlen(h) + 1;
        used += (size_t)snprintf(out + used, cap - used, "%s: %s\n", h, value);
        assert_true(used < cap);
        h = value + strlen(value) + 1;
    }
}

/* A 429 says "retry in 1 s" in every header the spec declares, each in its
 * unit; Retry-After as before. Other statuses carry none of them. */
static void test_429_carries_the_declared_rate_limit_headers(void **state)
{
    (void)state;
    fake f = {{KEY, PREVIEW, "preview", "query:v", "2", "header:Prefer", "code=429", NULL}};
    mock_request req = {"GET", "/reports/1", fake_lookup, &f, fake_lookup_all, NULL, 0,
                        1700000000250LL, false};
    mock_reply r;
    mock_reply_init(&r);
    mock_handle(&shop_registry, &req, &r);
    assert_int_equal(r.status, 429);
    assert_true(r.retry_after);
    char lines[512];
    extra_headers(&r, lines, sizeof lines);
    assert_string_equal(lines, "X-RateLimit-Reset: 1700000002\n"
                               "X-RateLimit-Reset-Ms: 1700000001250\n"
                               "X-RateLimit-Reset-After: 1\n"
                               "X-RateLimit-Remaining: 0\n");
    mock_reply_free(&r);

    fake ok = {{KEY, PREVIEW, "preview", "query:v", "2", NULL}};
    req.ctx = &ok;
    mock_reply_init(&r);
    mock_handle(&shop_registry, &req, &r);
    assert_int_equal(r.status, 200);
    assert_false(r.retry_after);
    assert_int_equal(r.header_count, 0);
    mock_reply_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_credentials_per_security_requirement),
        cmocka_unit_test(test_server_path_prefix_is_optional),
        cmocka_unit_test(test_parameters_in_every_style),
        cmocka_unit_test(test_request_bodies),
        cmocka_unit_test(test_prefer_a_declared_status),
        cmocka_unit_test(test_missing_status_of_a_parameter),
        cmocka_unit_test(test_429_carries_the_declared_rate_limit_headers),
        cmocka_unit_test(test_prefer_a_named_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
