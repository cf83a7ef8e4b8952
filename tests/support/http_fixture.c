/* http_fixture.c - see http_fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "http_fixture.h"

void http_fixture_start(hts_server **srv, oas_client **client, const char *token,
                        const oas_retry_policy *retry)
{
    oas_error err;
    *srv = hts_start();
    assert_non_null(*srv);
    assert_int_equal(oas_client_create(client, &err), OAS_OK);
    assert_int_equal(oas_client_set_server(*client, hts_url(*srv), &err), OAS_OK);
    if (token)
        assert_int_equal(oas_client_set_token(*client, token, &err), OAS_OK);
    if (retry)
        oas_client_set_retry(*client, retry);
}

void http_fixture_stop(hts_server *srv, oas_client *client)
{
    oas_client_destroy(client);
    hts_stop(srv);
}

void http_fixture_fake_clock(oas_client *client, fake_clock *clock)
{
    oas_http_clock k = {fake_clock_mono, fake_clock_wall, fake_clock_sleep, fake_clock_random, clock};
    oas_client_set_clock(client, &k);
}
