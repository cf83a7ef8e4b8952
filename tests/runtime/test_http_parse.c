/* test_http_parse.c - the pure header helpers of oas_http.h: HTTP dates,
 * Retry-After, X-Ratelimit-Reset, backoff bounds, header checks, encoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "oas_buf.h"
#include "oas_http.h"

#define S(lit) lit, sizeof(lit) - 1

static void test_http_dates(void **state)
{
    (void)state;
    /* RFC 7231's three forms of one instant: 784111777 s after the epoch */
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:49:37 GMT")), 784111777000LL);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06-Nov-94 08:49:37 GMT")), 784111777000LL);
    assert_int_equal(oas_http_parse_date(S("Sun Nov  6 08:49:37 1994")), 784111777000LL);
    assert_int_equal(oas_http_parse_date(S("Tue, 29 Feb 2028 00:00:00 GMT")), 1835395200000LL);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:49:37 UTC")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Foo 1994 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 24:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:49:37 GMTx")), -1);
    assert_int_equal(oas_http_parse_date(S("")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun,")), -1);
}

static void test_retry_after(void **state)
{
    (void)state;
    const int64_t now = 784111777000LL;
    assert_int_equal(oas_http_parse_retry_after(S("120"), now), 120000);
    assert_int_equal(oas_http_parse_retry_after(S("  0 "), now), 0);
    assert_int_equal(oas_http_parse_retry_after(S("Sun, 06 Nov 1994 08:49:40 GMT"), now), 3000);
    assert_int_equal(oas_http_parse_retry_after(S("Sun, 06 Nov 1994 08:49:30 GMT"), now), 0);
    assert_int_equal(oas_http_parse_retry_after(S("-5"), now), -1);
    assert_int_equal(oas_http_parse_retry_after(S("1.5"), now), -1);
    assert_int_equal(oas_http_parse_retry_after(S("12a"), now), -1);
    assert_int_equal(oas_http_parse_retry_after(S("9999999999999999999"), now), -1);
    assert_int_equal(oas_http_parse_retry_after(S(""), now), -1);
}

static void test_reset_and_server_wait(void **state)
{
    (void)state;
    assert_int_equal(oas_http_parse_epoch_ms(S("1700000001500")), 1700000001500LL);
    assert_int_equal(oas_http_parse_epoch_ms(S("17e11")), -1);
    assert_int_equal(oas_http_parse_count(S(" 42 ")), 42);
    oas_rate_limit rl = {-1, 1700000001500LL, -1};
    assert_int_equal(oas_http_server_wait_ms(&rl, 1700000000000LL), 1500);
    assert_int_equal(oas_http_server_wait_ms(&rl, 1700000009000LL), 0); /* past: clamped */
    rl.retry_after_ms = 2000;
    assert_int_equal(oas_http_server_wait_ms(&rl, 1700000000000LL), 2000);
    oas_rate_limit none = {-1, -1, -1};
    assert_int_equal(oas_http_server_wait_ms(&none, 0), -1);
}

static void test_backoff_full_jitter(void **state)
{
    (void)state;
    assert_int_equal(oas_http_backoff_ms(0, 500, 8000, 0), 0);
    assert_int_equal(oas_http_backoff_ms(0, 500, 8000, 500), 500);
    assert_int_equal(oas_http_backoff_ms(0, 500, 8000, 501), 0);
    assert_int_equal(oas_http_backoff_ms(3, 500, 8000, 4000), 4000);
    assert_int_equal(oas_http_backoff_ms(3, 500, 8000, 4001), 0);
    /* capped: retry 10 would be 512000 without the cap */
    assert_int_equal(oas_http_backoff_ms(10, 500, 8000, 8000), 8000);
    assert_int_equal(oas_http_backoff_ms(60, 500, 8000, UINT32_MAX), UINT32_MAX % 8001);
}

static void test_header_checks(void **state)
{
    (void)state;
    assert_true(oas_http_header_value_ok(S("beta")));
    assert_false(oas_http_header_value_ok(S("a\rb")));
    assert_false(oas_http_header_value_ok(S("a\nb")));
    assert_false(oas_http_header_value_ok("a\0b", 3));
    assert_true(oas_http_header_name_ok(S("LD-API-Version")));
    assert_false(oas_http_header_name_ok(S("X Y")));
    assert_false(oas_http_header_name_ok(S("X:Y")));
    assert_false(oas_http_header_name_ok(S("")));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_http_dates),
        cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_reset_and_server_wait),
        cmocka_unit_test(test_backoff_full_jitter),
        cmocka_unit_test(test_header_checks),
    };
    return cmocka_run_group_tests_name("http_parse", tests, NULL, NULL);
}
