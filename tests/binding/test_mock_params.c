/* test_mock_params.c - how `ldrest mock` reads a request (tools/mock_params.c,
 * tools/mock_handler.c), without sockets: strict percent-decoding of path and
 * query values ("%00" and malformed escapes are a 400 naming the parameter),
 * query names matched once decoded, path routing on the path as sent, the
 * Prefer header per RFC 7240, and the 503 for connections over the limit. */
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
    {"name", "path", 1, "#/name", STR_V, OAS_PARAM_IN_PATH, OAS_STYLE_SIMPLE, false, false, OAS_PARAM_PRIMITIVE, OAS_TEXT_STRING, NULL, 0},
    {"q", "query", 0, "#/q", STR_V, OAS_PARAM_IN_QUERY, OAS_STYLE_FORM, true, false, OAS_PARAM_PRIMITIVE, OAS_TEXT_STRING, NULL, 0},
    {"Authorization", "header", 1, "#/auth", STR_V, OAS_PARAM_IN_HEADER, OAS_STYLE_SIMPLE, false, false, OAS_PARAM_PRIMITIVE, OAS_TEXT_STRING, NULL, 0},
};
static const oas_response_entry item_responses[] = {
    {"200", "application/json", NULL, "#/r200", NULL, "{\"ok\":true}", NULL, 0, false, NULL},
    {"404", "application/json", NULL, "#/r404", NULL, "{\"code\":\"gone\"}", NULL, 0, false, NULL},
    {"429", "application/json", NULL, "#/r429", NULL, "{\"code\":\"slow down\"}", NULL, 0, false, NULL},
};
static const oas_operation_entry ops[] = {
    {"get-item", "GET", "/items/{id}/{name}", item_params, 4, item_responses, 3, NULL, NULL, 0},
};
static const oas_registry reg = {"t", "1", "t.yaml", "00", NULL, 0, ops, 1, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL};

/* The request's query value and Prefer header (Authorization is always "t"). */
typedef struct fake {
    const char *q;
    const char *prefer;
} fake;

static const char *fake_lookup(void *ctx, const char *in, const char *name)
{
    const fake *f = ctx;
    if (strcmp(in, "header") == 0 && strcasecmp(name, "Authorization") == 0)
        return "t";
    if (strcmp(in, "header") == 0 && strcasecmp(name, "Prefer") == 0)
        return f->prefer;
    if (strcmp(in, "query") == 0 && strcmp(name, "q") == 0)
        return f->q;
    return NULL;
}

/* Status of GET path; the body is left in *out. */
static unsigned get(const char *path, const char *q, const char *prefer, mock_reply *out)
{
    fake f = {q, prefer};
    mock_request req = {.method = "GET", .path = path, .lookup = fake_lookup, .ctx = &f};
    mock_reply_init(out);
    mock_handle(&reg, &req, out);
    return out->status;
}

#define NUL_REASON "value contains %00 (a NUL byte)"
#define ESCAPE_REASON "value is not valid percent-encoding ('%' must be followed by two hex digits)"
#define ONE_FAILURE(attr, reason)                                                            \
    "{\"code\":\"invalid_request\",\"message\":\"Invalid request: 1 parameter failed "     \
    "validation\",\"errors\":[{\"attribute\":\"" attr "\",\"reason\":\"" reason "\"}]}"

static void expect_400(const char *path, const char *q, const char *want_body)
{
    mock_reply r;
    assert_int_equal(get(path, q, NULL, &r), 400);
    assert_string_equal(r.body.data, want_body);
    mock_reply_free(&r);
}

static void expect_status(const char *path, const char *q, const char *prefer, unsigned want)
{
    mock_reply r;
    assert_int_equal(get(path, q, prefer, &r), want);
    mock_reply_free(&r);
}

static void test_percent_decode(void **state)
{
    (void)state;
    char out[32];
    assert_int_equal(mock_percent_decode("a%41%7e%7E+b", true, out), MOCK_DECODE_OK);
    assert_string_equal(out, "aA~~ b");
    assert_int_equal(mock_percent_decode("a+b%2B", false, out), MOCK_DECODE_OK);
    assert_string_equal(out, "a+b+");
    assert_int_equal(mock_percent_decode("%C3%A9%ff", false, out), MOCK_DECODE_OK);
    assert_memory_equal(out, "\xc3\xa9\xff", 4);
    assert_int_equal(mock_percent_decode("", true, out), MOCK_DECODE_OK);
    assert_string_equal(out, "");
    /* errors: what was decoded before stays, nothing after */
    assert_int_equal(mock_percent_decode("ab%00cd", true, out), MOCK_DECODE_NUL);
    assert_string_equal(out, "ab");
    assert_int_equal(mock_percent_decode("a%zz", true, out), MOCK_DECODE_BAD_ESCAPE);
    assert_string_equal(out, "a");
    assert_int_equal(mock_percent_decode("a%4", true, out), MOCK_DECODE_BAD_ESCAPE);
    assert_int_equal(mock_percent_decode("%", true, out), MOCK_DECODE_BAD_ESCAPE);
    assert_int_equal(mock_percent_decode("%g0", true, out), MOCK_DECODE_BAD_ESCAPE);
    assert_int_equal(mock_percent_decode("%%41", true, out), MOCK_DECODE_BAD_ESCAPE);
    /* in place */
    char text[] = "x%2Fy%20z";
    assert_int_equal(mock_percent_decode(text, false, text), MOCK_DECODE_OK);
    assert_string_equal(text, "x/y z");
    assert_string_equal(mock_decode_reason(MOCK_DECODE_NUL), NUL_REASON);
    assert_string_equal(mock_decode_reason(MOCK_DECODE_BAD_ESCAPE), ESCAPE_REASON);
}

static void test_query_name(void **state)
{
    (void)state;
    assert_true(mock_query_name_is("projectKey", "projectKey"));
    assert_true(mock_query_name_is("project%4Bey", "projectKey"));
    assert_true(mock_query_name_is("a+b", "a b"));
    assert_false(mock_query_name_is("projectkey", "projectKey")); /* names are case-sensitive */
    assert_false(mock_query_name_is("projectKey%00x", "projectKey"));
    assert_false(mock_query_name_is("projectKey%00", "projectKey"));
    assert_false(mock_query_name_is("projectKe", "projectKey"));
    assert_false(mock_query_name_is("projectKeyy", "projectKey"));
    assert_false(mock_query_name_is("project%4", "project"));
    assert_false(mock_query_name_is("", "q"));
}

static void test_normalize_path(void **state)
{
    (void)state;
    char out[32];
    /* unreserved escapes decoded, the rest kept as sent */
    assert_true(mock_normalize_path("/it%65ms/%41%2d%5F%7e/%2F%00%zz%", out, sizeof out));
    assert_string_equal(out, "/items/A-_~/%2F%00%zz%");
    assert_true(mock_normalize_path("", out, sizeof out));
    assert_string_equal(out, "");
    assert_true(mock_normalize_path("/abc", out, 5));
    assert_string_equal(out, "/abc");
    assert_false(mock_normalize_path("/abcd", out, 5));
    assert_false(mock_normalize_path("", out, 0));
}

static void test_path_values(void **state)
{
    (void)state;
    mock_reply r;
    assert_int_equal(get("/items/42/bob", NULL, NULL, &r), 200);
    assert_string_equal(r.body.data, "{\"ok\":true}");
    mock_reply_free(&r);
    /* an escaped literal segment and escaped values route and decode */
    expect_status("/%69tems/%34%32/b%2Fo%20b", NULL, NULL, 200);
    expect_400("/items/42/bo%00b", NULL, ONE_FAILURE("name", NUL_REASON));
    expect_400("/items/42/%00", NULL, ONE_FAILURE("name", NUL_REASON));
    expect_400("/items/4%002/bob", NULL, ONE_FAILURE("id", NUL_REASON));
    expect_400("/items/42/bo%zzb", NULL, ONE_FAILURE("name", ESCAPE_REASON));
    expect_400("/items/42/bob%", NULL, ONE_FAILURE("name", ESCAPE_REASON));
    /* a decoded value still goes through the schema check */
    expect_400("/items/4+2/bob", NULL, ONE_FAILURE("id", "must be integer, found string \\\"4+2\\\""));
    /* both path values bad: both named */
    assert_int_equal(get("/items/%zz/%00", NULL, NULL, &r), 400);
    assert_string_equal(r.body.data,
                        "{\"code\":\"invalid_request\",\"message\":\"Invalid request: 2 parameters "
                        "failed validation\",\"errors\":[{\"attribute\":\"id\",\"reason\":\""
                        ESCAPE_REASON "\"},{\"attribute\":\"name\",\"reason\":\"" NUL_REASON
                        "\"}]}");
    mock_reply_free(&r);
}

static void test_query_values(void **state)
{
    (void)state;
    expect_status("/items/1/a", "x%41+y%2b", NULL, 200);
    expect_400("/items/1/a", "x%00y", ONE_FAILURE("q", NUL_REASON));
    expect_400("/items/1/a", "%00", ONE_FAILURE("q", NUL_REASON));
    expect_400("/items/1/a", "%zz", ONE_FAILURE("q", ESCAPE_REASON));
    expect_400("/items/1/a", "ab%2", ONE_FAILURE("q", ESCAPE_REASON));
    /* an escape that decodes to invalid UTF-8 reaches the schema check */
    expect_400("/items/1/a", "%ff", ONE_FAILURE("q", "value is not valid UTF-8"));
}

static void test_prefer_header(void **state)
{
    (void)state;
    expect_status("/items/1/a", NULL, "code=404", 404);
    expect_status("/items/1/a", NULL, "xcode=404", 200);
    expect_status("/items/1/a", NULL, "respond-async, code=429", 429);
    expect_status("/items/1/a", NULL, "code=\"404\"", 404);
    expect_status("/items/1/a", NULL, "CODE=429", 429);
    expect_status("/items/1/a", NULL, "Code=404", 404);
    expect_status("/items/1/a", NULL, "garbage", 200);
    expect_status("/items/1/a", NULL, "code=500", 400); /* not declared */
    expect_status("/items/1/a", NULL, "code=500x", 200); /* not a status: ignored */
    mock_reply r;
    assert_int_equal(get("/items/1/a", NULL, "code=429", &r), 429);
    assert_string_equal(r.body.data, "{\"code\":\"slow down\"}");
    assert_true(r.retry_after);
    mock_reply_free(&r);
}

static void test_preferred_status(void **state)
{
    (void)state;
    static const struct {
        const char *prefer;
        int status;
    } cases[] = {
        {NULL, 0},
        {"", 0},
        {"code=429", 429},
        {"CODE=429", 429},
        {"cOdE=404", 404},
        {"code=\"404\"", 404},
        {"code=\"4\\04\"", 404},          /* quoted-pair */
        {"code = 429", 429},              /* BWS around "=" */
        {"\tcode=429\t", 429},
        {"respond-async, code=429", 429},
        {"respond-async,code=429", 429},
        {", ,code=429,", 429},            /* empty list elements */
        {"wait=10; a=\"x,code=404\", code=429", 429},
        {"code=429; foo; bar=\"b a z\"", 429},
        {"code=429;;", 429},
        {"xcode=429", 0},
        {"codex=429", 0},
        {"code", 0},
        {"code=", 0},
        {"code=429abc", 0},
        {"code=42", 0},
        {"code=4290", 0},
        {"code=099", 0},
        {"code=600", 0},
        {"code=\"429", 0},                /* unterminated quoted string */
        {"code=404, code=429", 404},      /* only the first instance counts */
        {"code=abc, code=429", 0},
        {"return=minimal; code=429", 0},  /* a parameter, not a preference */
        {"code=4 29", 0},
        {"code=429 x, code=404", 404},    /* the malformed one is ignored */
        {"=429, code=404", 404},
        {"\"code=429\", code=404", 404},
        {"a=\"unterminated, code=429", 0},
        {"code=\"42\x01\"", 0},           /* a control character */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = mock_preferred_status(cases[i].prefer);
        if (got != cases[i].status)
            fail_msg("Prefer: %s -> %d, expected %d", cases[i].prefer ? cases[i].prefer : "(none)",
                     got, cases[i].status);
    }
}

/* The "example" preference: same list rules as "code"; the name unquoted,
 * cut to the buffer with too_long set; no value or "" asks for nothing. */
static void test_preferred_example(void **state)
{
    (void)state;
    static const struct {
        const char *prefer;
        const char *name; /* NULL: none asked for */
    } cases[] = {
        {"example=gift", "gift"},
        {"EXAMPLE = \"big order\"", "big order"},
        {"code=429, example=slow; x=1", "slow"},
        {"example=a, example=b", "a"},       /* only the first instance counts */
        {"xexample=a", NULL},
        {"return=minimal; example=a", NULL}, /* a parameter, not a preference */
        {"example", NULL},
        {"example=\"\"", NULL},
        {"example=\"a\\\"b\"", "a\"b"},   /* a quoted-pair */
        {NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[16];
        bool too_long = true;
        bool got = mock_preferred_example(cases[i].prefer, name, sizeof name, &too_long);
        if (got != (cases[i].name != NULL) || (got && strcmp(name, cases[i].name) != 0) ||
            (got && too_long))
            fail_msg("Prefer: %s -> %s", cases[i].prefer ? cases[i].prefer : "(none)",
                     got ? name : "(none)");
    }
    char name[8];
    bool too_long = false;
    assert_true(mock_preferred_example("example=abcdefghij", name, sizeof name, &too_long));
    assert_true(too_long);
    assert_string_equal(name, "abcdefg");
}

static void test_overloaded(void **state)
{
    (void)state;
    mock_reply r;
    mock_reply_init(&r);
    mock_reply_overloaded(&r);
    assert_int_equal(r.status, 503);
    assert_true(r.retry_after);
    assert_string_equal(r.content_type, "application/json");
    assert_string_equal(r.body.data, "{\"code\":\"service_unavailable\",\"message\":\"Too many "
                                     "connections to the mock; retry later\"}");
    mock_reply_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_percent_decode),   cmocka_unit_test(test_query_name),
        cmocka_unit_test(test_normalize_path),   cmocka_unit_test(test_path_values),
        cmocka_unit_test(test_query_values),     cmocka_unit_test(test_prefer_header),
        cmocka_unit_test(test_preferred_status), cmocka_unit_test(test_overloaded),
        cmocka_unit_test(test_preferred_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
