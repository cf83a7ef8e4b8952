/* http_fixture.h - where every HTTP client test starts: a scripted test
 * server (http_test_server.h) and an oas_client aimed at it, with a token
 * and a retry policy when given; and the fake clock (fake_clock.h) plugged
 * into a client. Failures are cmocka failures. */
#ifndef OAS_TEST_HTTP_FIXTURE_H
#define OAS_TEST_HTTP_FIXTURE_H

#include "fake_clock.h"
#include "http_test_server.h"
#include "oas_http.h"

/* *srv: a started server; *client: a client whose server is *srv's URL,
 * with token (when not NULL) and retry (when not NULL: else the default). */
void http_fixture_start(hts_server **srv, oas_client **client, const char *token,
                        const oas_retry_policy *retry);
/* Destroys the client, then stops the server. */
void http_fixture_stop(hts_server *srv, oas_client *client);

/* All four clock callbacks of fake_clock.h, on clock. */
void http_fixture_fake_clock(oas_client *client, fake_clock *clock);

#endif
