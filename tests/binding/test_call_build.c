/* Requests built from a registry's operation descriptors (oas_call_build),
 * on tests/data/call/shop.yaml: exact targets and headers for every
 * location and style, credentials per security requirement, and every
 * refusal with nothing built. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "failing_alloc.h"
#include "http_test_server.h"
#include "oas_call.h"
#include "oas_validate_impl.h"
#include "shop_validate.h"

#define ARGS(...) ((const oas_call_arg[]){__VA_ARGS__})
#define NARGS(...) (sizeof((const oas_call_arg[]){__VA_ARGS__}) / sizeof(oas_call_arg))

static const oas_operation_entry *op(const char *id)
{
    const oas_operation_entry *o = oas_registry_find_operation(&shop_registry, id);
    assert_non_null(o);
    return o;
}

static const char *header(const oas_call_request *r, const char *name)
{
    const char *found = NULL;
    for (size_t i = 0; i < r->header_count; i++)
        if (strcmp(r->headers[i].name, name) == 0) {
            assert_null(found); /* never twice */
            found = r->headers[i].value;
        }
    return found;
}

static void test_registry_describes_servers_and_security_schemes(void **state)
{
    (void)state;
    assert_int_equal(shop_registry.server_count, 2);
    const oas_server_entry *s = &shop_registry.servers[0];
    assert_string_equal(s->url, "https://{region}.shop.example/{basePath}");
    assert_int_equal(s->variable_count, 2);
    assert_string_equal(s->variables[0].name, "region");
    assert_string_equal(s->variables[0].default_value, "eu");
    assert_int_equal(s->variables[0].enum_count, 2);
    assert_string_equal(s->variables[0].enum_values[1], "us");
    assert_string_equal(s->variables[1].default_value, "v2");
    assert_null(s->variables[1].enum_values);
    assert_int_equal(shop_registry.servers[1].variable_count, 0);

    assert_int_equal(shop_registry.security_scheme_count, 5);
    const oas_security_scheme_entry *k = shop_registry.security_schemes;
    assert_string_equal(k[0].name, "ApiKeyHeader");
    assert_int_equal(k[0].kind, OAS_SECURITY_API_KEY);
    assert_int_equal(k[0].in, OAS_PARAM_IN_HEADER);
    assert_string_equal(k[0].param_name, "X-Api-Key");
    assert_int_equal(k[1].in, OAS_PARAM_IN_QUERY);
    assert_int_equal(k[2].in, OAS_PARAM_IN_COOKIE);
    assert_int_equal(k[3].kind, OAS_SECURITY_HTTP_BEARER);
    assert_int_equal(k[4].kind, OAS_SECURITY_HTTP_BASIC); /* "Basic": case-insensitive */

    const oas_operation_entry *search = op("searchOrders");
    assert_int_equal(search->security_count, 3);
    assert_int_equal(search->security[0].count, 2);
    assert_int_equal(search->security[2].count, 0); /* {}: anonymous allowed */
    assert_int_equal(op("getOrder")->security_count, 1); /* the document's */
    assert_int_equal(op("deleteLines")->security_count, 0); /* security: [] */
    const oas_param_entry *status = &search->params[0];
    assert_int_equal(status->style, OAS_STYLE_PIPE_DELIMITED);
    assert_false(status->explode);
    assert_int_equal(status->shape, OAS_PARAM_ARRAY);
    assert_int_equal(search->params[2].text_kind, OAS_TEXT_INTEGER);
    assert_int_equal(search->params[3].text_kind, OAS_TEXT_BOOLEAN);
    assert_true(search->params[4].allow_reserved);
    assert_non_null(op("updateOrder")->body);
    assert_string_equal(op("updateOrder")->body->content_type, "application/json");
    assert_true(op("updateOrder")->body->required);

    /* x-oas2c-rate-limit-headers, after Retry-After (the spec omits it) */
    assert_int_equal(shop_registry.rate_limit_header_count, 5);
    const oas_rate_limit_header *rl = shop_registry.rate_limit_headers;
    assert_string_equal(rl[0].name, "Retry-After");
    assert_int_equal(rl[0].meaning, OAS_RATE_LIMIT_RETRY_AFTER);
    assert_string_equal(rl[1].name, "X-RateLimit-Reset");
    assert_int_equal(rl[1].meaning, OAS_RATE_LIMIT_RESET_EPOCH_S);
    assert_string_equal(rl[2].name, "X-RateLimit-Reset-Ms");
    assert_int_equal(rl[2].meaning, OAS_RATE_LIMIT_RESET_EPOCH_MS);
    assert_string_equal(rl[3].name, "X-RateLimit-Reset-After");
    assert_int_equal(rl[3].meaning, OAS_RATE_LIMIT_RESET_DELTA_S);
    assert_string_equal(rl[4].name, "X-RateLimit-Remaining");
    assert_int_equal(rl[4].meaning, OAS_RATE_LIMIT_REMAINING);
}

static void expect_server(size_t index, const char *const *names, const char *const *values,
                          size_t count, oas_status code, const char *text)
{
    oas_buf out = OAS_BUF_INIT;
    oas_buf_puts(&out, "|");
    oas_error err;
    assert_int_equal(oas_registry_server_url(&shop_registry, index, names, values, count, &out, &err),
                     code);
    if (code == OAS_OK) {
        assert_string_equal(out.data + 1, text);
    } else {
        assert_string_equal(err.message, text);
        assert_string_equal(out.data, "|");
    }
    oas_buf_free(&out);
}

static void test_server_urls_fill_variables_from_defaults_or_values(void **state)
{
    (void)state;
    expect_server(0, NULL, NULL, 0, OAS_OK, "https://eu.shop.example/v2");
    const char *names[] = {"region", "basePath"}, *values[] = {"us", "v3/beta"};
    expect_server(0, names, values, 2, OAS_OK, "https://us.shop.example/v3/beta");
    const char *bad[] = {"asia"};
    expect_server(0, names, bad, 1, OAS_ERR_USAGE,
                  "server variable \"region\" must be one of eu, us (got \"asia\")");
    const char *unknown[] = {"port"};
    expect_server(0, unknown, values, 1, OAS_ERR_USAGE,
                  "server https://{region}.shop.example/{basePath} has no variable \"port\"");
    expect_server(1, NULL, NULL, 0, OAS_OK, "http://localhost:8080/v2");
    expect_server(2, NULL, NULL, 0, OAS_ERR_USAGE,
                  "the spec declares 2 servers; there is no server 2");
}

static void test_path_query_header_and_api_key_header(void **state)
{
    (void)state;
    const oas_credential cred[] = {{"ApiKeyHeader", "k1"}};
    oas_call_input in = {ARGS({"orderId", "42"}, {"fields", "id"}, {"fields", "total"},
                              {"X-Request-Id", "abc 1"}),
                         4, NULL, 0, cred, 1, false, false};
    oas_call_request r;
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("getOrder"), &in, &r, NULL, &err), OAS_OK);
    assert_string_equal(r.method, "GET");
    assert_string_equal(r.target, "/orders/42?fields=id&fields=total");
    assert_int_equal(r.header_count, 2);
    assert_string_equal(header(&r, "X-Request-Id"), "abc 1");
    assert_string_equal(header(&r, "X-Api-Key"), "k1");
    assert_null(r.body);
    assert_null(r.content_type);
    oas_call_request_free(&r);
    assert_null(r.target);
}

/* An array parameter given many times keeps every item, in order (the
 * first item is held in place, more on the heap as they come). */
static void test_array_parameter_keeps_every_item_in_order(void **state)
{
    (void)state;
    const oas_credential cred[] = {{"ApiKeyHeader", "k1"}};
    oas_call_input in = {ARGS({"orderId", "42"}, {"fields", "id"}, {"fields", "total"},
                              {"fields", "lines"}, {"fields", "id"}, {"fields", "total"},
                              {"fields", "lines"}, {"fields", "id"}, {"fields", "total"},
                              {"fields", "lines"}, {"fields", "id"}),
                         11, NULL, 0, cred, 1, false, false};
    oas_call_request r;
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("getOrder"), &in, &r, NULL, &err), OAS_OK);
    assert_string_equal(r.target, "/orders/42?fields=id&fields=total&fields=lines&fields=id&"
                                  "fields=total&fields=lines&fields=id&fields=total&"
                                  "fields=lines&fields=id");
    oas_call_request_free(&r);
}

static void test_every_style_and_credentials_in_query_and_cookie(void **state)
{
    (void)state;
    const oas_credential cred[] = {{"ApiKeyQuery", "q k"}, {"Session", "s1"}};
    oas_call_input in = {ARGS({"status", "open"}, {"status", "paid"}, {"filter", "color=red"},
                              {"filter", "size=L"}, {"limit", "5"}, {"tracking", "true"},
                              {"q", "a/b?c&d"}),
                         7, NULL, 0, cred, 2, false, false};
    oas_call_request r;
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("searchOrders"), &in, &r, NULL, &err), OAS_OK);
    assert_string_equal(r.target, "/orders?status=open%7Cpaid&filter%5Bcolor%5D=red&"
                                  "filter%5Bsize%5D=L&limit=5&q=a/b?c&d&api_key=q%20k");
    assert_int_equal(r.header_count, 1);
    assert_string_equal(header(&r, "Cookie"), "tracking=true; sid=s1");
    oas_call_request_free(&r);

    /* The second alternative: basic; the third ({}): nothing at all. */
    const oas_credential basic[] = {{"Basic", "user:pa:ss"}};
    oas_call_input in2 = {ARGS({"limit", "1"}), 1, NULL, 0, basic, 1, false, false};
    assert_int_equal(oas_call_build(&shop_registry, op("searchOrders"), &in2, &r, NULL, &err), OAS_OK);
    assert_string_equal(r.target, "/orders?limit=1");
    assert_string_equal(header(&r, "Authorization"), "Basic dXNlcjpwYTpzcw==");
    oas_call_request_free(&r);
    oas_call_input in3 = {NULL, 0, NULL, 0, NULL, 0, false, false};
    assert_int_equal(oas_call_build(&shop_registry, op("searchOrders"), &in3, &r, NULL, &err), OAS_OK);
    assert_string_equal(r.target, "/orders");
    assert_int_equal(r.header_count, 0);
    oas_call_request_free(&r);
}

static void test_label_and_exploded_matrix_path_without_security(void **state)
{
    (void)state;
    oas_call_input in = {ARGS({"orderId", "3"}, {"lineIds", "1"}, {"lineIds", "20"}), 3, NULL, 0,
                         NULL, 0, false, false};
    oas_call_request r;
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("deleteLines"), &in, &r, NULL, &err), OAS_OK);
    assert_string_equal(r.method, "DELETE");
    assert_string_equal(r.target, "/orders/.3/lines/;lineIds=1;lineIds=20");
    assert_int_equal(r.header_count, 0);
    oas_call_request_free(&r);
}

static void test_json_body_with_bearer(void **state)
{
    (void)state;
    static const char body[] = "{\"note\":\"gift\",\"total\":9.5}";
    const oas_credential cred[] = {{"Bearer", "t0k"}};
    oas_call_input in = {ARGS({"orderId", "7"}), 1, body, sizeof body - 1, cred, 1, false, false};
    oas_call_request r;
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("updateOrder"), &in, &r, NULL, &err), OAS_OK);
    assert_string_equal(r.method, "PATCH");
    assert_string_equal(r.target, "/orders/7");
    assert_string_equal(header(&r, "Authorization"), "Bearer t0k");
    assert_ptr_equal(r.body, body);
    assert_int_equal(r.body_len, sizeof body - 1);
    assert_string_equal(r.content_type, "application/json");
    oas_call_request_free(&r);
}

/* A refusal: the status, the exact message, nothing built. */
static void expect_refused(const char *op_id, const oas_call_input *in, oas_status code,
                           const char *message)
{
    oas_call_request r;
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op(op_id), in, &r, NULL, &err), code);
    assert_string_equal(err.message, message);
    assert_null(r.target);
    assert_null(r.headers);
    assert_int_equal(r.header_count, 0);
}

static void test_usage_errors_name_the_parameter(void **state)
{
    (void)state;
    const oas_credential key[] = {{"ApiKeyHeader", "k"}};
    oas_call_input none = {NULL, 0, NULL, 0, key, 1, false, false};
    expect_refused("getOrder", &none, OAS_ERR_USAGE,
                   "getOrder: missing required path parameter \"orderId\"");
    oas_call_input unknown = {ARGS({"orderId", "1"}, {"nope", "1"}), 2, NULL, 0, key, 1, false, false};
    expect_refused("getOrder", &unknown, OAS_ERR_USAGE, "getOrder: no parameter \"nope\"");
    oas_call_input twice = {ARGS({"orderId", "1"}, {"orderId", "2"}), 2, NULL, 0, key, 1, false, false};
    expect_refused("getOrder", &twice, OAS_ERR_USAGE,
                   "getOrder: path parameter \"orderId\" given more than once");
    oas_call_input object = {ARGS({"filter", "red"}), 1, NULL, 0, NULL, 0, false, false};
    expect_refused("searchOrders", &object, OAS_ERR_USAGE,
                   "searchOrders: query parameter \"filter\" is an object: give each member as "
                   "filter=KEY=VALUE");
    oas_call_input no_cred = {ARGS({"orderId", "1"}), 1, NULL, 0, NULL, 0, false, false};
    expect_refused("getOrder", &no_cred, OAS_ERR_USAGE,
                   "getOrder: needs a credential for security scheme \"ApiKeyHeader\"");
    const oas_credential blank[] = {{"ApiKeyHeader", " \t "}};
    oas_call_input blank_cred = {ARGS({"orderId", "1"}), 1, NULL, 0, blank, 1, false, false};
    expect_refused("getOrder", &blank_cred, OAS_ERR_INVALID_ARG,
                   "getOrder: the credential for \"ApiKeyHeader\" is blank");
    oas_call_input body = {ARGS({"orderId", "1"}), 1, "{}", 2, key, 1, false, false};
    expect_refused("getOrder", &body, OAS_ERR_USAGE, "getOrder: the operation takes no request body");
    const oas_credential bearer[] = {{"Bearer", "t"}};
    oas_call_input no_body = {ARGS({"orderId", "1"}), 1, NULL, 0, bearer, 1, false, false};
    expect_refused("updateOrder", &no_body, OAS_ERR_USAGE,
                   "updateOrder: a request body (application/json) is required");
    oas_call_input injected = {ARGS({"orderId", "1"}, {"X-Request-Id", "a\r\nX-Evil: 1"}), 2, NULL,
                               0, key, 1, true, false};
    expect_refused("getOrder", &injected, OAS_ERR_INVALID_ARG,
                   "header parameter 'X-Request-Id': value contains CR, LF, NUL or another control "
                   "character");
}

static void test_invalid_parameters_report_every_violation(void **state)
{
    (void)state;
    const oas_credential key[] = {{"ApiKeyHeader", "k"}};
    oas_call_input in = {ARGS({"orderId", "0"}, {"fields", "id"}, {"fields", "price"},
                              {"X-Request-Id", "12345678901234567"}),
                         4, NULL, 0, key, 1, false, false};
    oas_call_request r;
    oas_report report;
    oas_report_init(&report, 0);
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("getOrder"), &in, &r, &report, &err),
                     OAS_ERR_INVALID);
    assert_null(r.target);
    assert_int_equal(report.count, 3);
    assert_string_equal(report.items[0].instance_location, "/path/orderId");
    assert_string_equal(report.items[0].keyword, "minimum");
    assert_string_equal(report.items[1].instance_location, "/query/fields/1");
    assert_string_equal(report.items[1].keyword, "enum");
    assert_string_equal(report.items[2].instance_location, "/header/X-Request-Id");
    assert_string_equal(report.items[2].keyword, "maxLength");
    char expect[300];
    snprintf(expect, sizeof expect, "getOrder: invalid request (3 violations): /path/orderId: %s",
             report.items[0].message);
    assert_string_equal(err.message, expect);
    assert_string_equal(err.pointer, "/path/orderId");
    oas_report_free(&report);

    /* Text that is not the declared type is reported as such, not refused. */
    oas_report_init(&report, 0);
    oas_call_input typed = {ARGS({"limit", "ten"}, {"tracking", "yes"}), 2, NULL, 0, NULL, 0, false, false};
    assert_int_equal(oas_call_build(&shop_registry, op("searchOrders"), &typed, &r, &report, &err),
                     OAS_ERR_INVALID);
    assert_int_equal(report.count, 2);
    assert_string_equal(report.items[0].instance_location, "/query/limit");
    assert_string_equal(report.items[0].keyword, "type");
    assert_string_equal(report.items[1].instance_location, "/cookie/tracking");
    assert_string_equal(report.items[1].keyword, "type");
    oas_report_free(&report);

    /* A valid parameter before an invalid one: the violation names its own. */
    oas_report_init(&report, 0);
    oas_call_input one_bad = {ARGS({"limit", "5"}, {"tracking", "yes"}), 2, NULL, 0, NULL, 0, false, false};
    assert_int_equal(oas_call_build(&shop_registry, op("searchOrders"), &one_bad, &r, &report, &err),
                     OAS_ERR_INVALID);
    assert_int_equal(report.count, 1);
    assert_string_equal(report.items[0].instance_location, "/cookie/tracking");
    assert_string_equal(err.pointer, "/cookie/tracking");
    oas_report_free(&report);

    /* skip_validation sends what was given. */
    oas_call_input unchecked = {ARGS({"limit", "ten"}), 1, NULL, 0, NULL, 0, true, false};
    assert_int_equal(oas_call_build(&shop_registry, op("searchOrders"), &unchecked, &r, NULL, &err),
                     OAS_OK);
    assert_string_equal(r.target, "/orders?limit=ten");
    oas_call_request_free(&r);
}

/* orderId is {type: integer, format: int64}: beyond int64 it is a format
 * violation when the input asserts formats, an annotation otherwise. */
static void test_parameter_formats_asserted_only_when_asked(void **state)
{
    (void)state;
    const oas_credential key[] = {{"ApiKeyHeader", "k"}};
    oas_call_input in = {ARGS({"orderId", "99999999999999999999"}), 1, NULL, 0, key, 1, false,
                         false};
    oas_call_request r;
    oas_report report;
    oas_report_init(&report, 0);
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("getOrder"), &in, &r, &report, &err),
                     OAS_OK);
    assert_int_equal(report.total, 0);
    assert_string_equal(r.target, "/orders/99999999999999999999");
    oas_call_request_free(&r);

    in.assert_formats = true;
    assert_int_equal(oas_call_build(&shop_registry, op("getOrder"), &in, &r, &report, &err),
                     OAS_ERR_INVALID);
    assert_null(r.target);
    assert_int_equal(report.count, 1);
    assert_string_equal(report.items[0].instance_location, "/path/orderId");
    assert_string_equal(report.items[0].keyword, "format");
    assert_string_equal(report.items[0].params, "{\"format\":\"int64\"}");
    assert_string_equal(err.message, "getOrder: invalid request (1 violation): /path/orderId: "
                                     "must match format \"int64\", found integer "
                                     "99999999999999999999");
    oas_report_free(&report);
}

static void test_invalid_or_malformed_body(void **state)
{
    (void)state;
    const oas_credential bearer[] = {{"Bearer", "t"}};
    static const char bad[] = "{\"note\":5,\"extra\":true}";
    oas_call_input in = {ARGS({"orderId", "1"}), 1, bad, sizeof bad - 1, bearer, 1, false, false};
    oas_call_request r;
    oas_report report;
    oas_report_init(&report, 0);
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("updateOrder"), &in, &r, &report, &err),
                     OAS_ERR_INVALID);
    assert_int_equal(report.count, 2);
    assert_string_equal(report.items[0].instance_location, "/body");
    assert_string_equal(report.items[0].keyword, "additionalProperties");
    assert_string_equal(report.items[1].instance_location, "/body/note");
    assert_string_equal(report.items[1].keyword, "type");
    oas_report_free(&report);

    static const char broken[] = "{\"note\": }";
    oas_call_input in2 = {ARGS({"orderId", "1"}), 1, broken, sizeof broken - 1, bearer, 1, false, false};
    assert_int_equal(oas_call_build(&shop_registry, op("updateOrder"), &in2, &r, NULL, &err),
                     OAS_ERR_JSON_SYNTAX);
    assert_int_equal(err.offset, 9);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 10);
    assert_non_null(strstr(err.message, "updateOrder: request body: "));
    assert_null(r.target);
}

/* A string parameter that is not UTF-8 cannot be read as the JSON the
 * validator checks: refused at the parameter, saying why, nothing built. */
static void test_parameter_not_utf8_is_refused_at_the_parameter(void **state)
{
    (void)state;
    const oas_credential key[] = {{"ApiKeyQuery", "k"}, {"Session", "s"}};
    oas_call_input in = {ARGS({"q", "a\xff"}), 1, NULL, 0, key, 2, false, false};
    oas_call_request r;
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("searchOrders"), &in, &r, NULL, &err),
                     OAS_ERR_JSON_UTF8);
    assert_string_equal(err.message, "searchOrders: /query/q could not be checked: invalid UTF-8 "
                                     "or lone surrogate in JSON");
    assert_string_equal(err.pointer, "/query/q");
    assert_null(r.target);
}

/* Not UTF-8 either: an encoded surrogate, an overlong form, a cut
 * sequence. */
static void test_parameter_with_ill_formed_utf8_is_refused(void **state)
{
    (void)state;
    const oas_credential key[] = {{"ApiKeyQuery", "k"}, {"Session", "s"}};
    static const char *const texts[] = {"a\xed\xa0\x80", "\xc0\xaf", "ok \xe2\x82"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        oas_call_input in = {ARGS({"q", texts[i]}), 1, NULL, 0, key, 2, false, false};
        oas_call_request r;
        oas_error err;
        assert_int_equal(oas_call_build(&shop_registry, op("searchOrders"), &in, &r, NULL, &err),
                         OAS_ERR_JSON_UTF8);
        assert_string_equal(err.message, "searchOrders: /query/q could not be checked: invalid "
                                         "UTF-8 or lone surrogate in JSON");
        assert_null(r.target);
    }
}

/* ---- what a primitive parameter's validator is given ------------------- */

/* Two trees the same node for node: type, flags, offset, and the string's
 * bytes, the number's text and value, the members' keys. */
static bool same_tree(const oas_json *a, const oas_json *b)
{
    if (a->type != b->type || a->flags != b->flags || a->offset != b->offset)
        return false;
    switch (a->type) {
    case OAS_JSON_STRING:
        return a->u.str.len == b->u.str.len &&
               memcmp(a->u.str.ptr, b->u.str.ptr, a->u.str.len) == 0;
    case OAS_JSON_NUMBER:
        return strcmp(a->u.num.text, b->u.num.text) == 0 &&
               memcmp(&a->u.num.i, &b->u.num.i, sizeof a->u.num.i) == 0;
    case OAS_JSON_ARRAY:
        if (a->u.arr.count != b->u.arr.count)
            return false;
        for (size_t i = 0; i < a->u.arr.count; i++)
            if (!same_tree(&a->u.arr.items[i], &b->u.arr.items[i]))
                return false;
        return true;
    case OAS_JSON_OBJECT:
        if (a->u.obj.count != b->u.obj.count)
            return false;
        for (size_t i = 0; i < a->u.obj.count; i++) {
            const oas_json_member *x = &a->u.obj.members[i], *y = &b->u.obj.members[i];
            if (x->key_len != y->key_len || x->key_offset != y->key_offset ||
                memcmp(x->key, y->key, x->key_len) != 0 || !same_tree(&x->value, &y->value))
                return false;
        }
        return true;
    default:
        return true;
    }
}

static const oas_json *expected_value;
static int validated;

static void record_and_compare(const oas_json *in, oas_vctx *c)
{
    (void)c;
    validated++;
    assert_true(same_tree(in, expected_value));
}

/* A primitive parameter's text is validated as the JSON value its type
 * reads it as (the text itself when it spells one, else the text as a
 * string): exactly the tree that JSON text parses to. */
static void test_primitive_parameter_is_validated_as_its_json(void **state)
{
    (void)state;
    static const struct {
        oas_text_kind kind;
        const char *text, *json;
    } cases[] = {
        {OAS_TEXT_STRING, "abc", "\"abc\""},
        {OAS_TEXT_STRING, "", "\"\""},
        {OAS_TEXT_STRING, "42", "\"42\""},
        {OAS_TEXT_STRING, "a\"b\\c\n\t\x01\x1f\x7f", "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\x7f\""},
        {OAS_TEXT_STRING, "h\xc3\xa9llo \xf0\x9f\x98\x80 \xe2\x82\xac", "\"h\\u00e9llo \\ud83d\\ude00 \\u20ac\""},
        {OAS_TEXT_INTEGER, "42", "42"},
        {OAS_TEXT_INTEGER, "-0", "-0"},
        {OAS_TEXT_INTEGER, "1e2", "1e2"},
        {OAS_TEXT_INTEGER, "4.5", "4.5"},
        {OAS_TEXT_INTEGER, "99999999999999999999", "99999999999999999999"},
        {OAS_TEXT_INTEGER, "ten", "\"ten\""},
        {OAS_TEXT_INTEGER, "", "\"\""},
        {OAS_TEXT_INTEGER, " 42\n", " 42\n"}, /* JSON text: the number at offset 1 */
        {OAS_TEXT_INTEGER, "true", "\"true\""},
        {OAS_TEXT_INTEGER, "\"7\"", "\"\\\"7\\\"\""},
        {OAS_TEXT_NUMBER, "4.25", "4.25"},
        {OAS_TEXT_NUMBER, "1e400", "1e400"},
        {OAS_TEXT_NUMBER, "[1]", "\"[1]\""},
        {OAS_TEXT_NUMBER, "01", "\"01\""},
        {OAS_TEXT_BOOLEAN, "true", "true"},
        {OAS_TEXT_BOOLEAN, "false", "false"},
        {OAS_TEXT_BOOLEAN, "True", "\"True\""},
        {OAS_TEXT_BOOLEAN, "1", "\"1\""},
        {OAS_TEXT_BOOLEAN, "", "\"\""},
        {OAS_TEXT_ANY, "[1,{\"a\":\"\\u00e9\"}]", "[1,{\"a\":\"\\u00e9\"}]"},
        {OAS_TEXT_ANY, "null", "null"},
        {OAS_TEXT_ANY, "{\"a\":", "\"{\\\"a\\\":\""},
        {OAS_TEXT_ANY, "", "\"\""},
        {OAS_TEXT_ANY, "caf\xc3\xa9", "\"caf\xc3\xa9\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const oas_param_entry param[] = {
            {"v", "query", 0, "#/v", record_and_compare, OAS_PARAM_IN_QUERY, OAS_STYLE_FORM, true,
             false, OAS_PARAM_PRIMITIVE, cases[i].kind, NULL, 0},
        };
        const oas_operation_entry v_op = {"getV", "GET", "/v", param, 1, NULL, 0, NULL, NULL, 0};
        oas_json_doc *doc = NULL;
        assert_int_equal(oas_json_parse(cases[i].json, strlen(cases[i].json), NULL, &doc, NULL),
                         OAS_OK);
        expected_value = oas_json_doc_root(doc);
        validated = 0;
        oas_call_input in = {ARGS({"v", cases[i].text}), 1, NULL, 0, NULL, 0, false, false};
        oas_call_request r;
        oas_error err;
        assert_int_equal(oas_call_build(&shop_registry, &v_op, &in, &r, NULL, &err), OAS_OK);
        assert_int_equal(validated, 1);
        oas_call_request_free(&r);
        oas_json_doc_free(doc);
    }
}

/* Each item of a free-form array parameter is read as JSON alone: one
 * nested to the bound passes alone but sits a level deeper in the array.
 * The request is refused at the parameter, saying why; one level less is
 * checked and built. (The operation is made here: shop.yaml has no
 * free-form parameter.) */
static void test_parameter_item_nested_past_the_bound_in_its_array(void **state)
{
    (void)state;
    static const oas_param_entry tags[] = {
        {"tags", "query", 0, "#/tags", oas_v_accept, OAS_PARAM_IN_QUERY, OAS_STYLE_FORM, true,
         false, OAS_PARAM_ARRAY, OAS_TEXT_ANY, NULL, 0},
    };
    static const oas_operation_entry tag_op = {"getTags", "GET", "/tags", tags, 1,
                                               NULL, 0, NULL, NULL, 0};
    enum { DEPTH = OAS_JSON_DEFAULT_MAX_DEPTH };
    char item[2 * DEPTH + 1];
    memset(item, '[', DEPTH);
    memset(item + DEPTH, ']', DEPTH);
    item[2 * DEPTH] = '\0';
    oas_call_input in = {ARGS({"tags", item}), 1, NULL, 0, NULL, 0, false, false};
    oas_call_request r;
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, &tag_op, &in, &r, NULL, &err),
                     OAS_ERR_JSON_DEPTH);
    assert_int_equal(err.code, OAS_ERR_JSON_DEPTH);
    assert_string_equal(err.message, "getTags: /query/tags could not be checked: JSON nesting "
                                     "too deep");
    assert_string_equal(err.pointer, "/query/tags");
    assert_null(r.target);
    in.args = ARGS({"tags", item + 1}); /* DEPTH - 1 levels */
    item[2 * DEPTH - 1] = '\0';
    assert_int_equal(oas_call_build(&shop_registry, &tag_op, &in, &r, NULL, &err), OAS_OK);
    assert_int_equal(strncmp(r.target, "/tags?tags=%5B%5B", 17), 0);
    oas_call_request_free(&r);
}

/* getReport: header Shop-Preview admits "preview" only (an enum of one)
 * and is answered 403 when missing, query v admits 2 only (const). Every
 * other operation has neither. */
static void test_registry_records_constants(void **state)
{
    (void)state;
    const oas_operation_entry *report = op("getReport");
    assert_int_equal(report->param_count, 3);
    assert_null(report->params[0].constant);
    assert_string_equal(report->params[1].name, "Shop-Preview");
    assert_string_equal(report->params[1].constant, "preview");
    assert_string_equal(report->params[2].name, "v");
    assert_string_equal(report->params[2].constant, "2");
    assert_int_equal(report->params[1].missing_status, 403); /* x-oas2c-missing-status */
    assert_int_equal(report->params[2].missing_status, 0);
    for (size_t i = 0; i < shop_registry.operation_count; i++) {
        const oas_operation_entry *o = &shop_registry.operations[i];
        for (size_t k = 0; o != report && k < o->param_count; k++) {
            assert_null(o->params[k].constant);
            assert_int_equal(o->params[k].missing_status, 0);
        }
    }
}

static void expect_report_request(const oas_call_input *in, const char *target,
                                  const char *preview)
{
    oas_call_request r;
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("getReport"), in, &r, NULL, &err), OAS_OK);
    assert_string_equal(r.target, target);
    assert_int_equal(r.header_count, 2);
    assert_string_equal(header(&r, "Shop-Preview"), preview); /* header(): never twice */
    assert_string_equal(header(&r, "X-Api-Key"), "k1");
    oas_call_request_free(&r);
}

static void test_constants_are_sent_unless_given(void **state)
{
    (void)state;
    const oas_credential cred[] = {{"ApiKeyHeader", "k1"}};
    oas_call_input bare = {ARGS({"reportId", "7"}), 1, NULL, 0, cred, 1, false, false};
    expect_report_request(&bare, "/reports/7?v=2", "preview");
    oas_call_input same = {ARGS({"reportId", "7"}, {"Shop-Preview", "preview"}, {"v", "2"}), 3,
                           NULL, 0, cred, 1, false, false};
    expect_report_request(&same, "/reports/7?v=2", "preview");

    /* Another value replaces the constant, and is checked like any value. */
    oas_call_input other = {ARGS({"reportId", "7"}, {"Shop-Preview", "beta"}, {"v", "3"}), 3,
                            NULL, 0, cred, 1, false, false};
    oas_call_request r;
    oas_report report;
    oas_report_init(&report, 0);
    oas_error err;
    assert_int_equal(oas_call_build(&shop_registry, op("getReport"), &other, &r, &report, &err),
                     OAS_ERR_INVALID);
    assert_int_equal(report.count, 2);
    assert_string_equal(report.items[0].instance_location, "/header/Shop-Preview");
    assert_string_equal(report.items[1].instance_location, "/query/v");
    assert_null(r.target);
    oas_report_free(&report);
    other.skip_validation = true;
    expect_report_request(&other, "/reports/7?v=3", "beta");

    /* Given twice is refused as for any parameter. */
    oas_call_input twice = {ARGS({"reportId", "7"}, {"Shop-Preview", "preview"},
                                 {"Shop-Preview", "preview"}),
                            3, NULL, 0, cred, 1, false, false};
    assert_int_equal(oas_call_build(&shop_registry, op("getReport"), &twice, &r, NULL, &err),
                     OAS_ERR_USAGE);
    assert_string_equal(err.message,
                        "getReport: header parameter \"Shop-Preview\" given more than once");
}

/* Every allocation of a build failing in turn: never OK, nothing leaked;
 * the number of allocation points. */
static size_t oom_sweep(const char *operation_id, const oas_call_input *input)
{
    const oas_call_input in = *input;
    size_t n = 1;
    for (;; n++) {
        failing_alloc_install();
        failing_alloc_fail_at(n, false);
        oas_call_request r;
        oas_report report;
        oas_report_init(&report, 0);
        oas_error err;
        oas_status st = oas_call_build(&shop_registry, op(operation_id), &in, &r, &report, &err);
        bool failed = failing_alloc_failures() > 0;
        if (st == OAS_OK)
            oas_call_request_free(&r);
        oas_report_free(&report);
        size_t live = failing_alloc_live();
        failing_alloc_uninstall();
        assert_int_equal(live, 0);
        if (!failed) {
            assert_int_equal(st, OAS_OK);
            break;
        }
        /* never OK, never a violation the request does not have (a
           number read as a string when reading it ran out of memory) */
        if (st != OAS_ERR_NOMEM)
            fail_msg("allocation %zu failed: %s (%s)", n, oas_strerror(st), err.message);
    }
    return n - 1;
}

static void test_out_of_memory_everywhere_is_clean(void **state)
{
    (void)state;
    const oas_credential cred[] = {{"ApiKeyQuery", "q"}, {"Session", "s"}};
    oas_call_input in = {ARGS({"status", "a"}, {"status", "b"}, {"filter", "k=v"}, {"limit", "5"},
                              {"tracking", "false"}, {"q", "x"}),
                         6, NULL, 0, cred, 2, false, false};
    size_t n = oom_sweep("searchOrders", &in);
    print_message("%zu allocation points failed in turn\n", n);
    assert_true(n > 10);
    const oas_credential key[] = {{"ApiKeyHeader", "k"}};
    oas_call_input report = {ARGS({"reportId", "1"}), 1, NULL, 0, key, 1, false, false};
    assert_true(oom_sweep("getReport", &report) > 5); /* the constants' items too */
}

/* ---- sending: oas_call_perform against a loopback server ------------- */

typedef struct wire {
    hts_server *srv;
    oas_client *client;
} wire;

static int wire_up(void **state)
{
    static wire w;
    oas_error err;
    assert_int_equal(oas_http_global_init(&err), OAS_OK);
    w.srv = hts_start();
    assert_non_null(w.srv);
    assert_int_equal(oas_client_create(&w.client, &err), OAS_OK);
    assert_int_equal(oas_client_set_server(w.client, hts_url(w.srv), &err), OAS_OK);
    oas_retry_policy once = {1, 1, 1};
    oas_client_set_retry(w.client, &once);
    oas_client_set_validation(w.client, OAS_VALIDATE_STRICT);
    *state = &w;
    return 0;
}

static int wire_down(void **state)
{
    wire *w = *state;
    oas_client_destroy(w->client);
    hts_stop(w->srv);
    return 0;
}

static void test_perform_sends_exactly_the_built_request(void **state)
{
    wire *w = *state;
    hts_push(w->srv, 200, "Content-Type: application/json\r\n", "{\"id\":42,\"total\":3.5}");
    const oas_credential cred[] = {{"ApiKeyHeader", "k1"}};
    oas_call_input in = {ARGS({"orderId", "42"}, {"fields", "id"}), 2, NULL, 0, cred, 1, false, false};
    oas_http_result res;
    oas_error err;
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("getOrder"), &in, &res, NULL,
                                      &err),
                     OAS_OK);
    assert_int_equal(res.status, 200);
    assert_true(res.validated);
    assert_int_equal(res.validation.count, 0);
    const hts_request *q = hts_request_at(w->srv, hts_request_count(w->srv) - 1);
    assert_string_equal(q->method, "GET");
    assert_string_equal(q->target, "/orders/42?fields=id");
    assert_int_equal(hts_header_count(q, "X-Api-Key"), 1);
    assert_string_equal(hts_header(q, "X-Api-Key"), "k1");
    assert_int_equal(hts_header_count(q, "Authorization"), 0);
    oas_http_result_free(&res);
}

static void test_perform_sends_the_body_with_its_media_type(void **state)
{
    wire *w = *state;
    hts_push(w->srv, 200, "Content-Type: application/json\r\n", "{\"id\":7,\"total\":1}");
    static const char body[] = "{\"note\":\"gift\"}";
    const oas_credential cred[] = {{"Bearer", "t0k"}};
    oas_call_input in = {ARGS({"orderId", "7"}), 1, body, sizeof body - 1, cred, 1, false, false};
    oas_http_result res;
    oas_error err;
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("updateOrder"), &in, &res,
                                      NULL, &err),
                     OAS_OK);
    const hts_request *q = hts_request_at(w->srv, hts_request_count(w->srv) - 1);
    assert_string_equal(q->method, "PATCH");
    assert_string_equal(q->target, "/orders/7");
    assert_string_equal(hts_header(q, "Authorization"), "Bearer t0k");
    assert_string_equal(hts_header(q, "Content-Type"), "application/json");
    assert_int_equal(q->body_len, sizeof body - 1);
    assert_memory_equal(q->body, body, sizeof body - 1);
    oas_http_result_free(&res);
}

static void test_perform_reports_a_documented_error_status(void **state)
{
    wire *w = *state;
    hts_push(w->srv, 404, "Content-Type: application/json\r\n",
             "{\"message\":\"no such order\"}");
    const oas_credential cred[] = {{"ApiKeyHeader", "k1"}};
    oas_call_input in = {ARGS({"orderId", "9"}), 1, NULL, 0, cred, 1, false, false};
    oas_http_result res;
    oas_error err;
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("getOrder"), &in, &res, NULL,
                                      &err),
                     OAS_ERR_HTTP_STATUS);
    assert_string_equal(err.message, "getOrder: HTTP 404: no such order");
    assert_int_equal(err.http_status, 404);
    assert_string_equal(res.body, "{\"message\":\"no such order\"}");
    oas_http_result_free(&res);
}

static void test_perform_sends_nothing_for_an_invalid_request(void **state)
{
    wire *w = *state;
    size_t before = hts_request_count(w->srv);
    const oas_credential cred[] = {{"Bearer", "t"}};
    oas_call_input in = {ARGS({"orderId", "x"}), 1, "{\"total\":-1}", 12, cred, 1, false, false};
    oas_http_result res;
    oas_report report;
    oas_report_init(&report, 0);
    oas_error err;
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("updateOrder"), &in, &res,
                                      &report, &err),
                     OAS_ERR_INVALID);
    assert_int_equal(report.count, 2);
    assert_string_equal(report.items[0].instance_location, "/path/orderId");
    assert_string_equal(report.items[1].instance_location, "/body/total");
    assert_int_equal(hts_request_count(w->srv), before);
    assert_int_equal(res.status, 0);
    oas_report_free(&report);
    oas_http_result_free(&res);
}

/* The last request the server received. */
static const hts_request *last_request(wire *w)
{
    assert_true(hts_request_count(w->srv) > 0);
    return hts_request_at(w->srv, hts_request_count(w->srv) - 1);
}

static void test_perform_sends_api_keys_in_query_and_cookie(void **state)
{
    wire *w = *state;
    hts_push(w->srv, 200, "Content-Type: application/json\r\n", "[]");
    const oas_credential cred[] = {{"ApiKeyQuery", "q k&1"}, {"Session", "s1"}};
    oas_call_input in = {ARGS({"limit", "5"}, {"tracking", "true"}), 2, NULL, 0, cred, 2, false, false};
    oas_http_result res;
    oas_error err;
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("searchOrders"), &in, &res,
                                      NULL, &err),
                     OAS_OK);
    const hts_request *q = last_request(w);
    assert_string_equal(q->method, "GET");
    assert_string_equal(q->target, "/orders?limit=5&api_key=q%20k%261");
    assert_int_equal(hts_header_count(q, "Cookie"), 1);
    assert_string_equal(hts_header(q, "Cookie"), "tracking=true; sid=s1");
    assert_int_equal(hts_header_count(q, "Authorization"), 0);
    assert_int_equal(hts_header_count(q, "X-Api-Key"), 0);
    oas_http_result_free(&res);
}

static void test_perform_sends_http_basic(void **state)
{
    wire *w = *state;
    hts_push(w->srv, 200, "Content-Type: application/json\r\n", "[]");
    const oas_credential cred[] = {{"Basic", "user:pa:ss"}};
    oas_call_input in = {ARGS({"limit", "1"}), 1, NULL, 0, cred, 1, false, false};
    oas_http_result res;
    oas_error err;
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("searchOrders"), &in, &res,
                                      NULL, &err),
                     OAS_OK);
    const hts_request *q = last_request(w);
    assert_string_equal(q->target, "/orders?limit=1");
    assert_int_equal(hts_header_count(q, "Authorization"), 1);
    assert_string_equal(hts_header(q, "Authorization"), "Basic dXNlcjpwYTpzcw==");
    assert_int_equal(hts_header_count(q, "Cookie"), 0);
    oas_http_result_free(&res);
}

/* Every scheme the spec offers holds the one credential (as `NAME-cli
 * call` offers its token): the operation's own requirement picks. */
static void test_perform_offers_one_token_to_every_scheme(void **state)
{
    wire *w = *state;
    const char *token = "t0k";
    oas_credential cred[5];
    assert_int_equal(shop_registry.security_scheme_count, 5);
    for (size_t i = 0; i < 5; i++)
        cred[i] = (oas_credential){shop_registry.security_schemes[i].name, token};
    oas_http_result res;
    oas_error err;

    hts_push(w->srv, 200, "Content-Type: application/json\r\n", "{\"id\":1,\"total\":0}");
    oas_call_input get = {ARGS({"orderId", "1"}), 1, NULL, 0, cred, 5, false, false};
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("getOrder"), &get, &res, NULL,
                                      &err),
                     OAS_OK);
    const hts_request *q = last_request(w);
    assert_string_equal(q->target, "/orders/1");
    assert_string_equal(hts_header(q, "X-Api-Key"), "t0k");
    assert_int_equal(hts_header_count(q, "Authorization"), 0);
    assert_int_equal(hts_header_count(q, "Cookie"), 0);
    oas_http_result_free(&res);

    hts_push(w->srv, 200, "Content-Type: application/json\r\n", "{\"id\":1,\"total\":0}");
    oas_call_input patch = {ARGS({"orderId", "1"}), 1, "{}", 2, cred, 5, false, false};
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("updateOrder"), &patch, &res,
                                      NULL, &err),
                     OAS_OK);
    q = last_request(w);
    assert_string_equal(hts_header(q, "Authorization"), "Bearer t0k");
    assert_int_equal(hts_header_count(q, "X-Api-Key"), 0);
    oas_http_result_free(&res);

    /* The first alternative that every credential meets: query + cookie. */
    hts_push(w->srv, 200, "Content-Type: application/json\r\n", "[]");
    oas_call_input search = {NULL, 0, NULL, 0, cred, 5, false, false};
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("searchOrders"), &search, &res,
                                      NULL, &err),
                     OAS_OK);
    q = last_request(w);
    assert_string_equal(q->target, "/orders?api_key=t0k");
    assert_string_equal(hts_header(q, "Cookie"), "sid=t0k");
    assert_int_equal(hts_header_count(q, "Authorization"), 0);
    oas_http_result_free(&res);
}

/* The constant goes on the wire once; an operation without constants
 * sends no header of its own. */
static void test_perform_sends_the_constant_once(void **state)
{
    wire *w = *state;
    const oas_credential cred[] = {{"ApiKeyHeader", "k1"}};
    oas_http_result res;
    oas_error err;
    hts_push(w->srv, 200, "Content-Type: application/json\r\n", "{\"id\":7}");
    oas_call_input in = {ARGS({"reportId", "7"}), 1, NULL, 0, cred, 1, false, false};
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("getReport"), &in, &res, NULL,
                                      &err),
                     OAS_OK);
    const hts_request *q = last_request(w);
    assert_string_equal(q->target, "/reports/7?v=2");
    assert_int_equal(hts_header_count(q, "Shop-Preview"), 1);
    assert_string_equal(hts_header(q, "Shop-Preview"), "preview");
    oas_http_result_free(&res);

    hts_push(w->srv, 200, "Content-Type: application/json\r\n", "{\"id\":7,\"total\":1}");
    oas_call_input get = {ARGS({"orderId", "7"}), 1, NULL, 0, cred, 1, false, false};
    assert_int_equal(oas_call_perform(w->client, &shop_registry, op("getOrder"), &get, &res, NULL,
                                      &err),
                     OAS_OK);
    q = last_request(w);
    assert_int_equal(hts_header_count(q, "Shop-Preview"), 0);
    assert_int_equal(q->header_count, 4); /* X-Api-Key, User-Agent, Accept, Host */
    oas_http_result_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry_describes_servers_and_security_schemes),
        cmocka_unit_test(test_server_urls_fill_variables_from_defaults_or_values),
        cmocka_unit_test(test_path_query_header_and_api_key_header),
        cmocka_unit_test(test_array_parameter_keeps_every_item_in_order),
        cmocka_unit_test(test_every_style_and_credentials_in_query_and_cookie),
        cmocka_unit_test(test_label_and_exploded_matrix_path_without_security),
        cmocka_unit_test(test_json_body_with_bearer),
        cmocka_unit_test(test_usage_errors_name_the_parameter),
        cmocka_unit_test(test_invalid_parameters_report_every_violation),
        cmocka_unit_test(test_parameter_formats_asserted_only_when_asked),
        cmocka_unit_test(test_invalid_or_malformed_body),
        cmocka_unit_test(test_parameter_item_nested_past_the_bound_in_its_array),
        cmocka_unit_test(test_parameter_not_utf8_is_refused_at_the_parameter),
        cmocka_unit_test(test_parameter_with_ill_formed_utf8_is_refused),
        cmocka_unit_test(test_primitive_parameter_is_validated_as_its_json),
        cmocka_unit_test(test_registry_records_constants),
        cmocka_unit_test(test_constants_are_sent_unless_given),
        cmocka_unit_test(test_out_of_memory_everywhere_is_clean),
    };
    const struct CMUnitTest wire_tests[] = {
        cmocka_unit_test(test_perform_sends_exactly_the_built_request),
        cmocka_unit_test(test_perform_sends_the_body_with_its_media_type),
        cmocka_unit_test(test_perform_reports_a_documented_error_status),
        cmocka_unit_test(test_perform_sends_nothing_for_an_invalid_request),
        cmocka_unit_test(test_perform_sends_api_keys_in_query_and_cookie),
        cmocka_unit_test(test_perform_sends_http_basic),
        cmocka_unit_test(test_perform_offers_one_token_to_every_scheme),
        cmocka_unit_test(test_perform_sends_the_constant_once),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("over a loopback server", wire_tests, wire_up, wire_down);
    oas_http_global_cleanup();
    return failed;
}
