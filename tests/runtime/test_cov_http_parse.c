/* test_cov_http_parse.c - the pure header helpers of oas_http.h, every
 * rejection point: each field of the three HTTP date forms, calendar range
 * checks, two-digit years, leap seconds, Retry-After / count trimming and
 * bounds, backoff with odd policies, header name and value checks (NULL,
 * NUL bytes, token specials, non-ASCII). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "oas_http.h"

#define S(lit) lit, sizeof(lit) - 1

#define SUNDAY_1994 784111777000LL /* Sun, 06 Nov 1994 08:49:37 GMT */

static void imf_fixdate_fields(void **state)
{
    (void)state;
    assert_int_equal(oas_http_parse_date(S("  Sun, 06 Nov 1994 08:49:37 GMT\t")), SUNDAY_1994);
    assert_int_equal(oas_http_parse_date(S("Thu, 01 Jan 1970 00:00:00 GMT")), 0);
    /* a leap second is accepted: 23 s after 08:49:37 */
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:49:60 GMT")), SUNDAY_1994 + 23000);
    assert_int_equal(oas_http_parse_date(S("Sun,06 Nov 1994 08:49:37 GMT")), -1);   /* no space */
    assert_int_equal(oas_http_parse_date(S("Sun, 6 Nov 1994 08:49:37 GMT")), -1);   /* 1-digit day */
    assert_int_equal(oas_http_parse_date(S("Sun, 06-Nov 1994 08:49:37 GMT")), -1);  /* '-' */
    assert_int_equal(oas_http_parse_date(S("Sun, 06 No")), -1);                      /* cut month */
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov-1994 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 94 08:49:37 GMT")), -1);    /* 2-digit year */
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994T08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 8:49:37 GMT")), -1);   /* 1-digit hour */
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08.49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:4x:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:49.37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:49:3")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:49:37")), -1);       /* no zone */
    /* calendar ranges */
    assert_int_equal(oas_http_parse_date(S("Sun, 00 Nov 1994 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 32 Nov 1994 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:60:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun, 06 Nov 1994 08:49:61 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Wed, 31 Dec 1969 23:59:59 GMT")), -1);   /* pre-epoch */
    assert_int_equal(oas_http_parse_date(NULL, 5), -1);
}

static void rfc850_fields(void **state)
{
    (void)state;
    /* two-digit years: < 70 are 20xx, >= 70 are 19xx */
    assert_int_equal(oas_http_parse_date(S("Saturday, 01-Jan-00 00:00:00 GMT")), 946684800000LL);
    assert_int_equal(oas_http_parse_date(S("Thursday, 01-Jan-70 00:00:00 GMT")), 0);
    assert_int_equal(oas_http_parse_date(S("Wednesday, 31-Dec-69 23:59:59 GMT")), 3155759999000LL);
    assert_int_equal(oas_http_parse_date(S("Sunday,06-Nov-94 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 6-Nov-94 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06 Nov 94 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06-No")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06-Xyz-94 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06-Nov 94 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06-Nov-9x 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06-Nov-1994 08:49:37 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06-Nov-94 08:49 GMT")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06-Nov-94 08:49:37 UTC")), -1);
    assert_int_equal(oas_http_parse_date(S("Sunday, 06-Nov-94 08:49:37 GMTZ")), -1);
}

static void asctime_fields(void **state)
{
    (void)state;
    assert_int_equal(oas_http_parse_date(S("Sun Nov  6 08:49:37 1994")), SUNDAY_1994);
    assert_int_equal(oas_http_parse_date(S("Wed Nov 16 08:49:37 1994")), SUNDAY_1994 + 10 * 86400000LL);
    assert_int_equal(oas_http_parse_date(S("Sun Nov  6 08:49:37 94")), -1);    /* shorter than 24 */
    assert_int_equal(oas_http_parse_date(S("SunXNov  6 08:49:37 1994")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun Foo  6 08:49:37 1994")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun Nov_ 6 08:49:37 1994")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun Nov  x 08:49:37 1994")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun Nov 1x 08:49:37 1994")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun Nov  6_08:49:37 1994")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun Nov  6 08:49:3x 1994")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun Nov  6 08:49:37_1994")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun Nov  6 08:49:37 199x")), -1);
    assert_int_equal(oas_http_parse_date(S("Sun Nov  6 08:49:37 19945")), -1);
}

static void retry_after_and_counts(void **state)
{
    (void)state;
    const int64_t now = SUNDAY_1994;
    assert_int_equal(oas_http_parse_retry_after(NULL, 3, now), -1);
    assert_int_equal(oas_http_parse_retry_after(S("\t7\t"), now), 7000);
    /* 15 digits is the longest delay accepted; 16 is refused */
    assert_int_equal(oas_http_parse_retry_after(S("999999999999999"), now), 999999999999999000LL);
    assert_int_equal(oas_http_parse_retry_after(S("1000000000000000"), now), -1);
    assert_int_equal(oas_http_parse_retry_after(S("Sun Nov  6 08:49:47 1994"), now), 10000);
    assert_int_equal(oas_http_parse_retry_after(S("Sunday, 06-Nov-94 08:49:36 GMT"), now), 0);
    assert_int_equal(oas_http_parse_retry_after(S("soon"), now), -1);
    assert_int_equal(oas_http_parse_count(NULL, 0), -1);
    assert_int_equal(oas_http_parse_count(S(" \t ")), -1);
    assert_int_equal(oas_http_parse_count(S("0")), 0);
    assert_int_equal(oas_http_parse_count(S("123456789012345")), 123456789012345LL);
    assert_int_equal(oas_http_parse_count(S("+1")), -1);
    assert_int_equal(oas_http_parse_count(S("1 2")), -1);
    assert_int_equal(oas_http_parse_epoch_ms(S(" 1700000000000\t")), 1700000000000LL);
    assert_int_equal(oas_http_parse_epoch_ms(NULL, 4), -1);
}

static void backoff_odd_policies(void **state)
{
    (void)state;
    assert_int_equal(oas_http_backoff_ms(2, 0, 8000, 77), 0);
    assert_int_equal(oas_http_backoff_ms(2, -5, 8000, 77), 0);
    assert_int_equal(oas_http_backoff_ms(2, 500, 0, 77), 0);
    assert_int_equal(oas_http_backoff_ms(2, 500, -1, 77), 0);
    /* base above the cap: the cap bounds even the first retry */
    assert_int_equal(oas_http_backoff_ms(0, 1000, 300, 300), 300);
    assert_int_equal(oas_http_backoff_ms(0, 1000, 300, 301), 0);
    /* retry 1 doubles once: ceiling 200, 250 % 201 */
    assert_int_equal(oas_http_backoff_ms(1, 100, 1000, 250), 49);
    assert_int_equal(oas_http_server_wait_ms(NULL, 0), -1);
    oas_rate_limit rl = {0, 5, -1}; /* Retry-After: 0 beats the reset */
    assert_int_equal(oas_http_server_wait_ms(&rl, 0), 0);
    rl.retry_after_ms = -1;
    assert_int_equal(oas_http_server_wait_ms(&rl, 5), 0); /* reset exactly now */
    assert_int_equal(oas_http_server_wait_ms(&rl, 4), 1);
}

/* Each meaning in its unit, several headers combined cautiously, a
 * malformed value ignored. */
static void rate_limit_add_per_meaning(void **state)
{
    (void)state;
    const int64_t now = 1700000000000LL;
    oas_rate_limit rl = {-1, -1, -1};
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RETRY_AFTER, S(" 3 "), now);
    assert_int_equal(rl.retry_after_ms, 3000);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RETRY_AFTER, S("1"), now); /* shorter: kept 3 s */
    assert_int_equal(rl.retry_after_ms, 3000);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RETRY_AFTER,
                            S("Tue, 14 Nov 2023 22:13:25 GMT"), now); /* 5 s ahead */
    assert_int_equal(rl.retry_after_ms, 5000);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RETRY_AFTER, S("soon"), now);
    assert_int_equal(rl.retry_after_ms, 5000);

    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RESET_EPOCH_MS, S("1700000001500"), now);
    assert_int_equal(rl.reset_epoch_ms, 1700000001500LL);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RESET_EPOCH_S, S("1700000001"), now); /* earlier */
    assert_int_equal(rl.reset_epoch_ms, 1700000001500LL);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RESET_EPOCH_S, S("1700000002"), now);
    assert_int_equal(rl.reset_epoch_ms, 1700000002000LL);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RESET_DELTA_S, S("4"), now);
    assert_int_equal(rl.reset_epoch_ms, now + 4000);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RESET_DELTA_S, S("-1"), now);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_RESET_EPOCH_MS, S("1e15"), now);
    assert_int_equal(rl.reset_epoch_ms, now + 4000);

    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_REMAINING, S("12"), now);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_REMAINING, S("3"), now);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_REMAINING, S("9"), now);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_REMAINING, S("none"), now);
    assert_int_equal(rl.remaining, 3);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_REMAINING, S("0"), now);
    assert_int_equal(rl.remaining, 0);

    /* out-of-range meaning, NULL value or record: nothing */
    oas_rate_limit before = rl;
    oas_http_rate_limit_add(&rl, (oas_rate_limit_meaning)42, S("1"), now);
    oas_http_rate_limit_add(&rl, OAS_RATE_LIMIT_REMAINING, NULL, 0, now);
    oas_http_rate_limit_add(NULL, OAS_RATE_LIMIT_REMAINING, S("1"), now);
    assert_memory_equal(&rl, &before, sizeof rl);
}

static void header_name_and_value_checks(void **state)
{
    (void)state;
    assert_false(oas_http_header_value_ok(NULL, 0));
    assert_true(oas_http_header_value_ok(S("")));
    assert_true(oas_http_header_value_ok(S("tab\tand \x7f and \xc3\xa9")));
    assert_false(oas_http_header_name_ok(NULL, 3));
    assert_true(oas_http_header_name_ok(S("!#$%&'*+-.^_`|~09azAZ")));
    /* a NUL inside the given length: strchr would find the terminator */
    assert_false(oas_http_header_name_ok("X\0Y", 3));
    assert_false(oas_http_header_name_ok(S("X\"Y")));
    assert_false(oas_http_header_name_ok(S("X(Y)")));
    assert_false(oas_http_header_name_ok(S("X\tY")));
    assert_false(oas_http_header_name_ok(S("\xc3\xa9")));
    assert_false(oas_http_header_name_ok(S("X/Y")));
    assert_false(oas_http_header_name_ok(S("[X]")));
    assert_false(oas_http_header_name_ok(S("{X}")));
    assert_false(oas_http_header_name_ok(S("@")));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(imf_fixdate_fields),
        cmocka_unit_test(rfc850_fields),
        cmocka_unit_test(asctime_fields),
        cmocka_unit_test(retry_after_and_counts),
        cmocka_unit_test(backoff_odd_policies),
        cmocka_unit_test(rate_limit_add_per_meaning),
        cmocka_unit_test(header_name_and_value_checks),
    };
    return cmocka_run_group_tests_name("cov_http_parse", tests, NULL, NULL);
}
