/* Server URLs and tokens the client refuses before any I/O: userinfo (also
 * hidden behind a backslash, "http://a\@b/"), query, fragment, control and
 * non-ASCII bytes, other schemes; blank tokens. Refusal messages show URLs
 * only with credentials redacted (oas_http_url_redacted), and accepted URLs
 * keep their normal form. Loopback only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_test_server.h"
#include "oas_http.h"

typedef struct fixture {
    hts_server *srv;
    oas_client *client;
    oas_error err;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->srv = hts_start();
    assert_non_null(f->srv);
    assert_int_equal(oas_client_create(&f->client, &f->err), OAS_OK);
    assert_int_equal(oas_client_set_server(f->client, hts_url(f->srv), &f->err), OAS_OK);
    oas_retry_policy once = {1, 1, 1};
    oas_client_set_retry(f->client, &once);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    oas_client_destroy(f->client);
    hts_stop(f->srv);
    free(f);
    return 0;
}

/* The URL is refused with exactly this message, the server stays as it
 * was, and nothing was sent anywhere. */
static void refused(fixture *f, const char *url, const char *message)
{
    oas_error_clear(&f->err);
    assert_int_equal(oas_client_set_server(f->client, url, &f->err), OAS_ERR_INVALID_ARG);
    assert_int_equal(f->err.code, OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, message);
    assert_string_equal(oas_client_server(f->client), hts_url(f->srv));
    assert_int_equal(hts_connection_count(f->srv), 0);
}

static void accepted(fixture *f, const char *url, const char *normal)
{
    assert_int_equal(oas_client_set_server(f->client, url, &f->err), OAS_OK);
    assert_string_equal(oas_client_server(f->client), normal);
}

static void test_backslash_before_at_is_refused(void **state)
{
    fixture *f = *state;
    char url[128];
    /* curl reads host 127.0.0.2 here (userinfo "127.0.0.1:P\"): the token
     * would go to the host after the '@' */
    snprintf(url, sizeof url, "http://127.0.0.1:%u\\@127.0.0.2:%u/", (unsigned)hts_port(f->srv),
             (unsigned)hts_port(f->srv));
    refused(f, url, "server URL contains a backslash");
    refused(f, "http://h/a\\b", "server URL contains a backslash");
    refused(f, "http://h\\", "server URL contains a backslash");
    /* the client still talks to the server it had */
    oas_http_request req = {.method = "GET", .path_and_query = "/still"};
    oas_http_response resp;
    hts_push(f->srv, 200, NULL, "{}");
    assert_int_equal(oas_client_request(f->client, &req, &resp, &f->err), OAS_OK);
    assert_int_equal(hts_request_count(f->srv), 1);
    assert_string_equal(hts_request_at(f->srv, 0)->target, "/still");
    oas_http_response_free(&resp);
}

static void test_userinfo_refused_and_redacted(void **state)
{
    fixture *f = *state;
    refused(f, "http://user:secret@host/",
            "server URL must not contain a user name or password: \"http://***@host/\"");
    assert_null(strstr(f->err.message, "secret"));
    refused(f, "https://user@host:8443/p",
            "server URL must not contain a user name or password: \"https://***@host:8443/p\"");
    refused(f, "http://:secret@host",
            "server URL must not contain a user name or password: \"http://***@host\"");
    refused(f, "http://@host/",
            "server URL must not contain a user name or password: \"http://***@host/\"");
    /* a password with '@', '/' or '#' in it is hidden all the same */
    refused(f, "http://u:se@cret@host/",
            "server URL must not contain a user name or password: \"http://***@host/\"");
    refused(f, "http://u:se/cret@host/",
            "server URL is malformed (Port number was not a decimal number between 0 and "
            "65535): \"http://***@host/\"");
    assert_null(strstr(f->err.message, "cret"));
    refused(f, "http://u:se#cret@host/",
            "server URL must not have a query or a fragment: \"http://***@host/\"");
    assert_null(strstr(f->err.message, "cret"));
    /* a scheme that is not http(s), with credentials: still redacted */
    refused(f, "ftp://u:secret@host/",
            "server must be default, federal, eu or an http(s) URL without query: "
            "\"ftp://***@host/\"");
}

static void test_query_fragment_and_bytes_refused(void **state)
{
    fixture *f = *state;
    refused(f, "http://h/p?token=x",
            "server URL must not have a query or a fragment: \"http://h/p?token=x\"");
    refused(f, "http://h/p#frag",
            "server URL must not have a query or a fragment: \"http://h/p#frag\"");
    const char *bytes_message =
        "server URL contains a space, a control or a non-ASCII character";
    refused(f, "http://h/\x1b]0;x\x07", bytes_message);
    refused(f, "http://h/a b", bytes_message);
    refused(f, "http://h/\x7f", bytes_message);
    refused(f, "http://h/\xc3\xa9", bytes_message);
    refused(f, "http://h\r\nX-Injected: 1", bytes_message);
    refused(f, "http://h:99999/",
            "server URL is malformed (Port number was not a decimal number between 0 and "
            "65535): \"http://h:99999/\"");
    refused(f, "http://[::1/", "server URL is malformed (Bad IPv6 address): \"http://[::1/\"");
    refused(f, "file:///etc/passwd",
            "server must be default, federal, eu or an http(s) URL without query: "
            "\"file:///etc/passwd\"");
    refused(f, "http:///p",
            "server must be default, federal, eu or an http(s) URL without query: "
            "\"http:///p\"");
}

static void test_accepted_urls_normalised(void **state)
{
    fixture *f = *state;
    accepted(f, "http://127.0.0.1:9/base/", "http://127.0.0.1:9/base");
    accepted(f, "https://h:8443/p/q///", "https://h:8443/p/q");
    accepted(f, "http://h", "http://h");
    accepted(f, "http://[::1]:8080/", "http://[::1]:8080");
    accepted(f, "http://h/a/../b", "http://h/b"); /* as curl would send it */
    accepted(f, "http://h/%7Euser", "http://h/%7Euser");
    accepted(f, "http://h/users/@me", "http://h/users/@me"); /* '@' in a path is no userinfo */
}

static void test_url_redacted(void **state)
{
    (void)state;
    char out[64];
    oas_http_url_redacted("http://user:pw@h/p", out, sizeof out);
    assert_string_equal(out, "http://***@h/p");
    oas_http_url_redacted("http://h/p", out, sizeof out);
    assert_string_equal(out, "http://h/p");
    oas_http_url_redacted("u:pw@h", out, sizeof out); /* no scheme */
    assert_string_equal(out, "***@h");
    oas_http_url_redacted("http://a\\@b/", out, sizeof out);
    assert_string_equal(out, "http://***@b/");
    oas_http_url_redacted(NULL, out, sizeof out);
    assert_string_equal(out, "");
    /* cut to the room given, always terminated */
    oas_http_url_redacted("http://user:pw@host/", out, 10);
    assert_string_equal(out, "http://**");
    out[0] = 'x';
    oas_http_url_redacted("http://h", out, 0);
    assert_int_equal(out[0], 'x');
}

static void test_blank_token_refused(void **state)
{
    fixture *f = *state;
    const char *blank[] = {" ", "   ", "\t", " \t \t"};
    for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++) {
        oas_error_clear(&f->err);
        assert_int_equal(oas_client_set_token(f->client, blank[i], &f->err), OAS_ERR_INVALID_ARG);
        assert_int_equal(f->err.code, OAS_ERR_INVALID_ARG);
        assert_string_equal(f->err.message, "access token is only spaces or tabs");
        assert_false(oas_client_has_token(f->client));
    }
    /* a good token, then a blank one: the good one is kept */
    assert_int_equal(oas_client_set_token(f->client, "api-x", &f->err), OAS_OK);
    assert_int_equal(oas_client_set_token(f->client, "  ", &f->err), OAS_ERR_INVALID_ARG);
    assert_true(oas_client_has_token(f->client));
    assert_int_equal(oas_client_set_token(f->client, "", &f->err), OAS_ERR_INVALID_ARG);
    assert_string_equal(f->err.message, "access token is empty or contains CR, LF or NUL");
    assert_int_equal(hts_connection_count(f->srv), 0);
    assert_int_equal(hts_request_count(f->srv), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_backslash_before_at_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_userinfo_refused_and_redacted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_fragment_and_bytes_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_accepted_urls_normalised, setup, teardown),
        cmocka_unit_test(test_url_redacted),
        cmocka_unit_test_setup_teardown(test_blank_token_refused, setup, teardown),
    };
    oas_error err;
    if (oas_http_global_init(&err) != OAS_OK)
        return 1;
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    oas_http_global_cleanup();
    return failed;
}
