/* test_response_validation_unfinished.c - a response body whose validation
 * a bound stops (tests/data/dynamic: a dynamic reference to itself nests
 * schemas past OAS_ERR_SCHEMA_DEPTH's bound) is neither valid nor invalid:
 * strict mode fails a 2xx with OAS_ERR_INVALID saying where; warn mode
 * succeeds with validated false and the bound in validation.status and
 * stopped_at, for the typed caller to tell from a valid body. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dy_ops.h"
#include "dy_validate.h"
#include "http_test_server.h"
#include "oas_http_op.h"

#define OP "postHolder"
/* items of "deep" are the looping schema: validation stops at /deep/0 */
static const char stopping[] = "{\"deep\": [0]}";
static const char json_ct[] = "Content-Type: application/json\r\n";

/* A result holding a copy of body with the given status. */
static void fill(oas_http_result *r, long status, const char *body)
{
    oas_http_result_free(r);
    r->status = status;
    r->body_len = strlen(body);
    r->body = strdup(body);
    assert_non_null(r->body);
}

static void assert_stopped_at_deep_0(const oas_http_result *r)
{
    assert_false(r->validated);
    assert_int_equal(r->validation.status, OAS_ERR_SCHEMA_DEPTH);
    assert_string_equal(r->validation.stopped_at, "/deep/0");
    assert_int_equal(r->validation.stopped_offset, 10);
    assert_int_equal(r->validation.count, 0);
}

static void test_strict_fails_a_2xx_body_that_could_not_be_validated(void **state)
{
    (void)state;
    oas_client *c = NULL;
    oas_error err;
    assert_int_equal(oas_client_create(&c, &err), OAS_OK);
    oas_client_set_validation(c, OAS_VALIDATE_STRICT);
    oas_http_result r;
    oas_http_result_init(&r);
    fill(&r, 200, stopping);
    oas_error_clear(&err);
    assert_int_equal(oas_op_validate(c, &dy_registry, OP, &r, &err), OAS_ERR_INVALID);
    assert_string_equal(err.message, "postHolder: HTTP 200 body could not be validated at "
                                     "/deep/0 (schema references nest too deep)");
    assert_string_equal(err.pointer, "/deep/0");
    assert_int_equal(err.offset, 10);
    assert_int_equal(err.http_status, 200);
    assert_stopped_at_deep_0(&r);
    oas_http_result_free(&r);
    oas_client_destroy(c);
}

/* Warn: OAS_OK, the parsed document kept for the typed read, and the
 * report telling "could not finish" from "valid" (a valid body after it
 * in the same result clears it). */
static void test_warn_succeeds_and_the_report_says_it_could_not_finish(void **state)
{
    (void)state;
    oas_client *c = NULL;
    oas_error err;
    assert_int_equal(oas_client_create(&c, &err), OAS_OK);
    oas_client_set_validation(c, OAS_VALIDATE_WARN);
    oas_http_result r;
    oas_http_result_init(&r);
    fill(&r, 200, stopping);
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_op_validate_doc(c, &dy_registry, OP, &r, &doc, &err), OAS_OK);
    assert_non_null(doc);
    oas_op_parsed(&r, &doc, OAS_OK, &err);
    assert_null(doc);
    assert_stopped_at_deep_0(&r);
    r.validated = true; /* the next run decides it again */
    free(r.body);
    r.body = strdup("{\"deep\": []}");
    r.body_len = strlen(r.body);
    assert_int_equal(oas_op_validate(c, &dy_registry, OP, &r, &err), OAS_OK);
    assert_true(r.validated);
    assert_int_equal(r.validation.status, OAS_OK);
    assert_null(r.validation.stopped_at);
    assert_int_equal(r.validation.total, 0);
    oas_http_result_free(&r);
    oas_client_destroy(c);
}

/* The generated request function, warn mode, over a loopback server: the
 * typed body is read, the call succeeds, and result.http says the body
 * could not be validated. */
static void test_typed_call_in_warn_mode_tells_could_not_validate(void **state)
{
    (void)state;
    oas_error err;
    assert_int_equal(oas_http_global_init(&err), OAS_OK);
    hts_server *srv = hts_start();
    assert_non_null(srv);
    oas_client *c = NULL;
    assert_int_equal(oas_client_create(&c, &err), OAS_OK);
    assert_int_equal(oas_client_set_server(c, hts_url(srv), &err), OAS_OK);
    oas_client_set_validation(c, OAS_VALIDATE_WARN);
    hts_push(srv, 200, json_ct, stopping);
    dy_post_holder_params p = {.body_json = "{}", .body_json_len = 2};
    dy_post_holder_result res;
    dy_post_holder_result_init(&res);
    assert_int_equal(dy_post_holder(c, &p, &res, &err), OAS_OK);
    assert_int_equal(res.http.status, 200);
    assert_non_null(res.body_200);
    assert_stopped_at_deep_0(&res.http);
    dy_post_holder_result_free(&res);
    oas_client_destroy(c);
    hts_stop(srv);
    oas_http_global_cleanup();
}

/* A result reused from an earlier call: a body that is not validated this
 * time (not JSON, validation off, a status without a schema) says so
 * instead of keeping the earlier verdict. */
static void test_a_reused_result_does_not_keep_an_earlier_verdict(void **state)
{
    (void)state;
    oas_client *c = NULL;
    oas_error err;
    assert_int_equal(oas_client_create(&c, &err), OAS_OK);
    oas_client_set_validation(c, OAS_VALIDATE_WARN);
    oas_http_result r;
    oas_http_result_init(&r);
    static const char *const not_validated[] = {"not json", "{\"deep\": []}", "{\"deep\": []}"};
    for (int k = 0; k < 3; k++) {
        fill(&r, 200, stopping); /* an earlier verdict: could not finish */
        oas_client_set_validation(c, OAS_VALIDATE_WARN);
        assert_int_equal(oas_op_validate(c, &dy_registry, OP, &r, &err), OAS_OK);
        assert_int_equal(r.validation.status, OAS_ERR_SCHEMA_DEPTH);
        free(r.body); /* the same result, another body: not fill(), which resets it */
        r.body = strdup(not_validated[k]);
        assert_non_null(r.body);
        r.body_len = strlen(r.body);
        r.status = k == 2 ? 404 : 200;
        if (k == 1)
            oas_client_set_validation(c, OAS_VALIDATE_OFF);
        r.validated = true; /* as an earlier valid body would have left it */
        assert_int_equal(oas_op_validate(c, &dy_registry, OP, &r, &err), OAS_OK);
        assert_false(r.validated);
        assert_int_equal(r.validation.status, OAS_OK);
        assert_null(r.validation.stopped_at);
        assert_int_equal(r.validation.total, 0);
    }
    oas_http_result_free(&r);
    oas_client_destroy(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strict_fails_a_2xx_body_that_could_not_be_validated),
        cmocka_unit_test(test_warn_succeeds_and_the_report_says_it_could_not_finish),
        cmocka_unit_test(test_typed_call_in_warn_mode_tells_could_not_validate),
        cmocka_unit_test(test_a_reused_result_does_not_keep_an_earlier_verdict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
