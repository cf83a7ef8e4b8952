/* test_har_match.c - the pieces of `validate --har` below the CLI: URL
 * paths, server prefixes (with variables), media types and ranges,
 * responses per content type, strict base64. Hand-built registry, so
 * every expectation is known exactly. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "oas_alloc.h"
#include "validate_har_base64.h"
#include "validate_har_match.h"

static const oas_response_entry responses[] = {
    {"200", "application/json", NULL, "#/a", NULL, NULL, NULL, 0, false, NULL},
    {"200", "application/vnd.pets+json; version=2", NULL, "#/b", NULL, NULL, NULL, 0, false, NULL},
    {"4XX", "application/*", NULL, "#/c", NULL, NULL, NULL, 0, false, NULL},
    {"default", "*/*", NULL, "#/d", NULL, NULL, NULL, 0, false, NULL},
};
static const oas_operation_entry ops[] = {
    {"get-mine", "GET", "/pets/mine", NULL, 0, NULL, 0, NULL, NULL, 0},
    {"get-pet", "GET", "/pets/{id}", NULL, 0, responses, 4, NULL, NULL, 0},
    {"root", "GET", "/", NULL, 0, NULL, 0, NULL, NULL, 0},
};
static const oas_server_entry servers[] = {
    {"default", "https://api.example.com/v1/", NULL, 0},
    {"server1", "{scheme}://{host}/tenants/{tenant}/v1", NULL, 0},
    {"server2", "/relative", NULL, 0},
};
static const oas_registry reg = {"t", "1", "s.yaml", "00", NULL, 0, ops, 3, servers, 3, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL};

static void expect_path(const char *url, const char *want)
{
    const char *p;
    size_t n;
    assert_true(har_url_path(url, strlen(url), &p, &n));
    assert_int_equal(n, strlen(want));
    assert_memory_equal(p, want, n);
}

static void url_paths(void **state)
{
    (void)state;
    expect_path("https://h.example:8443/a/b?x=1#frag", "/a/b");
    expect_path("http://user@h/a", "/a");
    expect_path("https://h", "/");
    expect_path("https://h?x=/y", "/");
    expect_path("//h/a/b", "/a/b");
    expect_path("/a#b", "/a");
    const char *p;
    size_t n;
    assert_false(har_url_path("h.example/a", 11, &p, &n));
    assert_false(har_url_path("a/b://c", 7, &p, &n));
    assert_false(har_url_path("", 0, &p, &n));
}

static const char *match(const char *method, const char *path)
{
    const oas_operation_entry *op = har_match_operation(&reg, method, path, strlen(path));
    return op ? op->operation_id : "(none)";
}

static void operations_by_path(void **state)
{
    (void)state;
    assert_string_equal(match("GET", "/v1/pets/7"), "get-pet");
    assert_string_equal(match("GET", "/v1/pets/mine"), "get-mine"); /* literal wins */
    assert_string_equal(match("get", "/v1/pets/7/"), "get-pet");
    assert_string_equal(match("GET", "/tenants/acme/v1/pets/7"), "get-pet"); /* variables */
    assert_string_equal(match("GET", "/relative/pets/7"), "get-pet");
    assert_string_equal(match("GET", "/pets/7"), "get-pet");   /* no prefix: as captured */
    assert_string_equal(match("GET", "/v1"), "root");
    assert_string_equal(match("GET", "/v1x/pets/7"), "(none)"); /* whole segments only */
    assert_string_equal(match("GET", "/v2/pets/7"), "(none)");
    assert_string_equal(match("POST", "/v1/pets/7"), "(none)");
    assert_string_equal(match("GET", "/tenants//v1/pets/7"), "(none)");
}

static void media_types(void **state)
{
    (void)state;
    const char *t;
    size_t n;
    har_media_type(" application/json ; charset=utf-8", 33, &t, &n);
    assert_int_equal(n, 16);
    assert_memory_equal(t, "application/json", 16);
    assert_true(har_media_matches("application/json", "Application/JSON", 16));
    assert_true(har_media_matches("application/json; charset=utf-8", "application/json", 16));
    assert_true(har_media_matches("application/*", "application/xml", 15));
    assert_true(har_media_matches("*/*", "text/html", 9));
    assert_false(har_media_matches("application/json", "application/jsonx", 17));
    assert_false(har_media_matches("application/json", "text/json", 9));
    assert_false(har_media_matches("application/json", "", 0));
    assert_false(har_media_matches("application/*", "applications/x", 14));
}

static void responses_per_content_type(void **state)
{
    (void)state;
    const oas_operation_entry *op = &ops[1];
    const oas_response_entry *ok = oas_operation_find_response(op, 200);
    assert_ptr_equal(har_response_for_media(op, ok, "application/json", 16), &responses[0]);
    assert_ptr_equal(har_response_for_media(op, ok, "application/vnd.pets+json", 25),
                     &responses[1]);
    assert_null(har_response_for_media(op, ok, "text/html", 9));
    const oas_response_entry *nf = oas_operation_find_response(op, 404);
    assert_ptr_equal(har_response_for_media(op, nf, "application/problem+json", 24),
                     &responses[2]);
    assert_null(har_response_for_media(op, nf, "text/plain", 10));
}

static void expect_decoded(const char *in, const char *want, size_t want_len)
{
    char *out;
    size_t len, bad;
    assert_int_equal(har_base64_decode(in, strlen(in), &out, &len, &bad), OAS_OK);
    assert_int_equal(len, want_len);
    assert_memory_equal(out, want, want_len);
    assert_int_equal(out[len], '\0');
    oas_free(out);
}

static void expect_refused(const char *in, size_t want_bad)
{
    char *out = (char *)1;
    size_t len, bad;
    assert_int_equal(har_base64_decode(in, strlen(in), &out, &len, &bad), OAS_ERR_JSON_SYNTAX);
    assert_null(out);
    assert_int_equal(bad, want_bad);
}

static void base64_strict(void **state)
{
    (void)state;
    expect_decoded("", "", 0);
    expect_decoded("e30=", "{}", 2);
    expect_decoded("eyJhIjoxfQ==", "{\"a\":1}", 7);
    expect_decoded("AP8A", "\0\xff\0", 3);
    expect_decoded("+/+/", "\xfb\xff\xbf", 3);
    expect_refused("e30", 3);      /* length */
    expect_decoded("e3 0=", "{}", 2); /* whitespace skipped (RFC 2045) */
    expect_refused("e3-_", 2);     /* URL-safe alphabet */
    expect_refused("e=0=", 1);     /* padding inside */
    expect_refused("====", 0);
    expect_refused("e31=", 2);     /* non-zero bits under the padding */
    expect_refused("ZR==", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(url_paths),
        cmocka_unit_test(operations_by_path),
        cmocka_unit_test(media_types),
        cmocka_unit_test(responses_per_content_type),
        cmocka_unit_test(base64_strict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
