/* Generated request functions of tests/data/call/shop.yaml over a loopback
 * server: typed parameters in every location go on the wire per their
 * style, model bodies are serialized, typed result bodies are read, and an
 * invalid request is refused with nothing sent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_clock.h"
#include "http_test_server.h"
#include "shop_ops.h"
#include "shop_validate.h"

typedef struct fixture {
    hts_server *srv;
    oas_client *client;
    oas_error err;
} fixture;

static int setup(void **state)
{
    static fixture f;
    assert_int_equal(oas_http_global_init(&f.err), OAS_OK);
    f.srv = hts_start();
    assert_non_null(f.srv);
    assert_int_equal(oas_client_create(&f.client, &f.err), OAS_OK);
    assert_int_equal(oas_client_set_server(f.client, hts_url(f.srv), &f.err), OAS_OK);
    oas_retry_policy once = {1, 1, 1};
    oas_client_set_retry(f.client, &once);
    oas_client_set_validation(f.client, OAS_VALIDATE_STRICT);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    oas_client_destroy(f->client);
    hts_stop(f->srv);
    oas_http_global_cleanup();
    return 0;
}

static const hts_request *last(fixture *f)
{
    return hts_request_at(f->srv, hts_request_count(f->srv) - 1);
}

static void test_typed_path_query_header_and_typed_result(void **state)
{
    fixture *f = *state;
    assert_int_equal(oas_client_set_credential(f->client, "ApiKeyHeader", "k1", &f->err), OAS_OK);
    hts_push(f->srv, 200, "Content-Type: application/json\r\n",
             "{\"id\":9007199254740993,\"total\":12.5,\"note\":\"gift\"}");
    const char *fields[] = {"id", "total"};
    shop_get_order_params p = {.order_id = 9007199254740993, .fields = fields, .fields_count = 2,
                               .x_request_id = "r-1"};
    shop_get_order_result r;
    assert_int_equal(shop_get_order(f->client, &p, &r, &f->err), OAS_OK);
    assert_string_equal(last(f)->target, "/orders/9007199254740993?fields=id&fields=total");
    assert_string_equal(hts_header(last(f), "X-Request-Id"), "r-1");
    assert_string_equal(hts_header(last(f), "X-Api-Key"), "k1");
    assert_non_null(r.body_200);
    assert_true(r.body_200->id == 9007199254740993); /* exact: beyond a double's integers */
    assert_true(r.body_200->total == 12.5);
    assert_string_equal(r.body_200->note, "gift");
    assert_null(r.body_404);
    shop_get_order_result_free(&r);
    assert_null(r.body_200);
}

static void test_documented_error_status_has_its_typed_body(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 404, "Content-Type: application/json\r\n", "{\"message\":\"no order 5\"}");
    shop_get_order_params p = {.order_id = 5};
    shop_get_order_result r;
    assert_int_equal(shop_get_order(f->client, &p, &r, &f->err), OAS_ERR_HTTP_STATUS);
    assert_string_equal(f->err.message, "getOrder: HTTP 404 (No such order): no order 5");
    assert_int_equal(f->err.http_status, 404);
    assert_non_null(r.body_404);
    assert_string_equal(r.body_404->message, "no order 5");
    shop_get_order_result_free(&r);
}

static void test_model_body_is_serialized_and_checked(void **state)
{
    fixture *f = *state;
    assert_int_equal(oas_client_set_credential(f->client, "Bearer", "t0k", &f->err), OAS_OK);
    hts_push(f->srv, 200, "Content-Type: application/json\r\n", "{\"id\":3,\"total\":4}");
    shop_order_update body;
    shop_order_update_init(&body);
    body.note = "ring twice";
    shop_update_order_params p = {.order_id = 3, .body = &body};
    shop_update_order_result r;
    assert_int_equal(shop_update_order(f->client, &p, &r, &f->err), OAS_OK);
    assert_string_equal(last(f)->method, "PATCH");
    assert_string_equal(last(f)->target, "/orders/3");
    assert_string_equal(hts_header(last(f), "Authorization"), "Bearer t0k");
    assert_string_equal(last(f)->body, "{\"note\":\"ring twice\"}");
    shop_update_order_result_free(&r);

    /* Too long for maxLength 20: refused before any I/O. */
    size_t before = hts_request_count(f->srv);
    body.note = "a note far longer than twenty";
    assert_int_equal(shop_update_order(f->client, &p, &r, &f->err), OAS_ERR_INVALID);
    assert_string_equal(f->err.pointer, "/body/note");
    assert_int_equal(hts_request_count(f->srv), before);
    assert_int_equal(r.http.validation.count, 1); /* every violation, in the result */
    assert_string_equal(r.http.validation.items[0].instance_location, "/body/note");
    assert_string_equal(r.http.validation.items[0].keyword, "maxLength");
    shop_update_order_result_free(&r);

    /* The raw-JSON escape hatch. */
    hts_push(f->srv, 200, "Content-Type: application/json\r\n", "{\"id\":3,\"total\":4}");
    shop_update_order_params raw = {.order_id = 3, .body_json = "{\"total\":4}", .body_json_len = 11};
    assert_int_equal(shop_update_order(f->client, &raw, &r, &f->err), OAS_OK);
    assert_string_equal(last(f)->body, "{\"total\":4}");
    shop_update_order_result_free(&r);
}

/* Order.id is {type: integer, format: int64}: a response id beyond int64
 * passes strict validation unless the client asserts formats. */
static void test_response_formats_asserted_when_the_client_says(void **state)
{
    fixture *f = *state;
    assert_int_equal(oas_client_set_credential(f->client, "Bearer", "t0k", &f->err), OAS_OK);
    static const char beyond[] = "{\"id\":99999999999999999999,\"total\":4}";
    shop_update_order_params p = {.order_id = 3, .body_json = "{}", .body_json_len = 2};
    shop_update_order_result r;
    assert_false(oas_client_asserts_formats(f->client));
    hts_push(f->srv, 200, "Content-Type: application/json\r\n", beyond);
    assert_int_equal(shop_update_order(f->client, &p, &r, &f->err), OAS_OK);
    assert_true(r.http.validated);
    assert_int_equal(r.http.validation.total, 0);
    shop_update_order_result_free(&r);

    oas_client_set_assert_formats(f->client, true);
    assert_true(oas_client_asserts_formats(f->client));
    hts_push(f->srv, 200, "Content-Type: application/json\r\n", beyond);
    assert_int_equal(shop_update_order(f->client, &p, &r, &f->err), OAS_ERR_INVALID);
    assert_int_equal(r.http.validation.count, 1);
    assert_string_equal(r.http.validation.items[0].instance_location, "/id");
    assert_string_equal(r.http.validation.items[0].keyword, "format");
    assert_string_equal(r.http.validation.items[0].message,
                        "must match format \"int64\", found integer 99999999999999999999");
    shop_update_order_result_free(&r);
    oas_client_set_assert_formats(f->client, false);
}

static void test_arrays_objects_booleans_and_integers_per_style(void **state)
{
    fixture *f = *state;
    hts_push(f->srv, 200, "Content-Type: application/json\r\n", "[]");
    const char *status[] = {"open", "paid"};
    const oas_param_item filter[] = {{"color", 5, "red", 3}};
    shop_search_orders_params p = {.status = status, .status_count = 2, .filter = filter,
                                   .filter_count = 1, .limit = 0, .has_limit = true,
                                   .tracking = false, .has_tracking = true};
    shop_search_orders_result r;
    assert_int_equal(shop_search_orders(f->client, &p, &r, &f->err), OAS_OK);
    assert_string_equal(last(f)->target, "/orders?status=open%7Cpaid&filter%5Bcolor%5D=red&limit=0");
    assert_string_equal(hts_header(last(f), "Cookie"), "tracking=false");
    shop_search_orders_result_free(&r);

    hts_push(f->srv, 204, NULL, "");
    const int64_t lines[] = {-1, 2};
    shop_delete_lines_params d = {.order_id = 8, .line_ids = lines, .line_ids_count = 2};
    shop_delete_lines_result dr;
    assert_int_equal(shop_delete_lines(f->client, &d, &dr, &f->err), OAS_OK);
    assert_string_equal(last(f)->target, "/orders/.8/lines/;lineIds=-1;lineIds=2");
    shop_delete_lines_result_free(&dr);
}

/* Constant parameters (Shop-Preview: "preview" only; v: 2 only) may stay
 * unset: the one value goes on the wire, once; set, it is sent as set. */
static void test_constants_left_unset_are_sent(void **state)
{
    fixture *f = *state;
    assert_int_equal(oas_client_set_credential(f->client, "ApiKeyHeader", "k1", &f->err), OAS_OK);
    hts_push(f->srv, 200, "Content-Type: application/json\r\n", "{\"id\":7,\"title\":\"q3\"}");
    shop_get_report_params p = {.report_id = 7};
    shop_get_report_result r;
    assert_int_equal(shop_get_report(f->client, &p, &r, &f->err), OAS_OK);
    assert_string_equal(last(f)->target, "/reports/7?v=2");
    assert_int_equal(hts_header_count(last(f), "Shop-Preview"), 1);
    assert_string_equal(hts_header(last(f), "Shop-Preview"), "preview");
    assert_string_equal(r.body_200->title, "q3");
    shop_get_report_result_free(&r);

    hts_push(f->srv, 200, "Content-Type: application/json\r\n", "{\"id\":7}");
    p.shop_preview = SHOP_GET_REPORT_SHOP_PREVIEW_PARAM_PREVIEW;
    p.v = 2;
    p.has_v = true;
    assert_int_equal(shop_get_report(f->client, &p, &r, &f->err), OAS_OK);
    assert_string_equal(last(f)->target, "/reports/7?v=2");
    assert_int_equal(hts_header_count(last(f), "Shop-Preview"), 1);
    shop_get_report_result_free(&r);

    /* A value the spec does not allow is refused before any I/O. */
    size_t before = hts_request_count(f->srv);
    p.v = 3;
    assert_int_equal(shop_get_report(f->client, &p, &r, &f->err), OAS_ERR_INVALID);
    assert_int_equal(r.http.validation.count, 1);
    assert_string_equal(r.http.validation.items[0].instance_location, "/query/v");
    assert_int_equal(hts_request_count(f->srv), before);
    shop_get_report_result_free(&r);
}

/* One client calling two operations in turn: each call goes to its own
 * path and reads its own response type (the client's guess of the last
 * operation never stands for another). */
static void test_operations_in_turn_on_one_client(void **state)
{
    fixture *f = *state;
    assert_int_equal(oas_client_set_credential(f->client, "ApiKeyHeader", "k1", &f->err), OAS_OK);
    for (int i = 0; i < 2; i++) {
        hts_push(f->srv, 200, "Content-Type: application/json\r\n", "{\"id\":7,\"title\":\"q3\"}");
        shop_get_report_params rp = {.report_id = 7};
        shop_get_report_result rr;
        assert_int_equal(shop_get_report(f->client, &rp, &rr, &f->err), OAS_OK);
        assert_string_equal(last(f)->target, "/reports/7?v=2");
        assert_string_equal(rr.body_200->title, "q3");
        shop_get_report_result_free(&rr);

        hts_push(f->srv, 200, "Content-Type: application/json\r\n",
                 "{\"id\":5,\"total\":1.5,\"note\":\"n\"}");
        shop_get_order_params op = {.order_id = 5};
        shop_get_order_result orr;
        assert_int_equal(shop_get_order(f->client, &op, &orr, &f->err), OAS_OK);
        assert_string_equal(last(f)->target, "/orders/5");
        assert_true(orr.body_200->total == 1.5);
        assert_string_equal(orr.body_200->note, "n");
        shop_get_order_result_free(&orr);
    }
}

/* The spec's x-oas2c-rate-limit-headers decide the waits of a client that
 * was given no list: a reset in seconds from now, then in epoch seconds.
 * A list the caller sets stays. */
static void test_waits_per_the_spec_rate_limit_headers(void **state)
{
    fixture *f = *state;
    oas_client *c = NULL;
    assert_int_equal(oas_client_create(&c, &f->err), OAS_OK);
    assert_int_equal(oas_client_set_server(c, hts_url(f->srv), &f->err), OAS_OK);
    assert_int_equal(oas_client_set_credential(c, "ApiKeyHeader", "k1", &f->err), OAS_OK);
    fake_clock clock = {0};
    oas_http_clock k = {fake_clock_mono, fake_clock_wall, fake_clock_sleep, fake_clock_random,
                        &clock};
    oas_client_set_clock(c, &k);
    oas_retry_policy three = {3, 1, 1};
    oas_client_set_retry(c, &three);

    hts_push(f->srv, 429, "X-RateLimit-Reset-After: 2\r\n", "{\"message\":\"slow\"}");
    hts_push(f->srv, 429, "X-RateLimit-Reset: 1700000005\r\n", "{\"message\":\"slow\"}");
    hts_push(f->srv, 200, "Content-Type: application/json\r\nX-RateLimit-Remaining: 41\r\n",
             "{\"id\":1}");
    shop_get_report_params p = {.report_id = 1};
    shop_get_report_result r;
    assert_int_equal(shop_get_report(c, &p, &r, &f->err), OAS_OK);
    assert_int_equal(r.http.attempts, 3);
    assert_int_equal(clock.sleep_count, 2);
    assert_int_equal(clock.sleeps[0], 2000);
    assert_int_equal(clock.sleeps[1], 3000); /* 5 s after the base, 2 s of which passed */
    assert_int_equal(r.http.waited_ms, 5000);
    assert_int_equal(r.http.rate_limit.remaining, 41);
    shop_get_report_result_free(&r);

    /* Retry-After alone, chosen by the caller: the spec's headers are not read. */
    const oas_rate_limit_header mine[] = {{"Retry-After", OAS_RATE_LIMIT_RETRY_AFTER}};
    assert_int_equal(oas_client_set_rate_limit_headers(c, mine, 1, &f->err), OAS_OK);
    clock.sleep_count = 0;
    hts_push(f->srv, 429, "X-RateLimit-Reset-After: 2\r\n", "{\"message\":\"slow\"}");
    hts_push(f->srv, 200, "Content-Type: application/json\r\nX-RateLimit-Remaining: 40\r\n",
             "{\"id\":1}");
    assert_int_equal(shop_get_report(c, &p, &r, &f->err), OAS_OK);
    assert_int_equal(clock.sleep_count, 1);
    assert_int_equal(clock.sleeps[0], 0); /* backoff, capped at 1 ms, random 0 */
    assert_int_equal(r.http.rate_limit.remaining, -1);
    shop_get_report_result_free(&r);

    /* oas_client_use_registry brings the spec's list back explicitly. */
    assert_int_equal(oas_client_use_registry(c, &shop_registry, &f->err), OAS_OK);
    hts_push(f->srv, 200, "Content-Type: application/json\r\nX-RateLimit-Remaining: 39\r\n",
             "{\"id\":1}");
    assert_int_equal(shop_get_report(c, &p, &r, &f->err), OAS_OK);
    assert_int_equal(r.http.rate_limit.remaining, 39);
    shop_get_report_result_free(&r);
    oas_client_destroy(c);
}

static void test_missing_required_parameter_or_credential_sends_nothing(void **state)
{
    fixture *f = *state;
    size_t before = hts_request_count(f->srv);
    shop_update_order_params p = {.order_id = 1};
    shop_update_order_result r;
    assert_int_equal(shop_update_order(f->client, &p, &r, &f->err), OAS_ERR_USAGE);
    assert_string_equal(f->err.message, "updateOrder: a request body (application/json) is required");
    shop_update_order_result_free(&r);
    assert_int_equal(oas_client_set_credential(f->client, "ApiKeyHeader", NULL, &f->err), OAS_OK);
    shop_get_order_params g = {.order_id = 1};
    shop_get_order_result gr;
    assert_int_equal(shop_get_order(f->client, &g, &gr, &f->err), OAS_ERR_USAGE);
    assert_string_equal(f->err.message,
                        "getOrder: needs a credential for security scheme \"ApiKeyHeader\"");
    shop_get_order_result_free(&gr);
    assert_int_equal(oas_client_set_credential(f->client, "ApiKeyHeader", " ", &f->err),
                     OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "the credential for \"ApiKeyHeader\" is blank");
    assert_int_equal(hts_request_count(f->srv), before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_path_query_header_and_typed_result),
        cmocka_unit_test(test_operations_in_turn_on_one_client),
        cmocka_unit_test(test_documented_error_status_has_its_typed_body),
        cmocka_unit_test(test_model_body_is_serialized_and_checked),
        cmocka_unit_test(test_response_formats_asserted_when_the_client_says),
        cmocka_unit_test(test_arrays_objects_booleans_and_integers_per_style),
        cmocka_unit_test(test_constants_left_unset_are_sent),
        cmocka_unit_test(test_waits_per_the_spec_rate_limit_headers),
        cmocka_unit_test(test_missing_required_parameter_or_credential_sends_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
