/* test_request_oom.c - allocation-failure injection on the request path
 * One run is a whole client session: create, set server, token
 * and strict validation, the generated ld_get_insights_scores() against the
 * scripted loopback server, result free, destroy. For N = 1, 2, ... until a
 * run passes untouched, the Nth allocation fails (once, then from N on
 * persistently). Every run must end in the normal outcome or in a clean
 * OAS_ERR_NOMEM, with nothing left allocated. Prints runs and distinct
 * allocation sites.
 *
 * libcurl allocates with its own malloc unless curl_global_init_mem() gave
 * it others, and oas_http_global_init() calls plain curl_global_init(): so
 * the first two sweeps fail only our allocations. The last sweep routes
 * curl's allocations through oas_malloc too (curl_global_init_mem before
 * oas_http_global_init, which then only adds a reference) to record what
 * curl does when they fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <curl/curl.h>

#include "failing_alloc.h"
#include "http_test_server.h"
#include "ld_ops.h"
#include "oas_alloc.h"

#define METRIC "{\"score\":5,\"indicator\":\"good\",\"indicatorRange\":{\"min\":0,\"max\":100}}"
static const char scores_200[] =
    "{\"period\":{\"startTime\":1700000000000,\"endTime\":1702592000000},"
    "\"lastPeriod\":{\"startTime\":1697408000000,\"endTime\":1700000000000},"
    "\"scores\":{\"overall\":{\"score\":87,\"indicator\":\"excellent\","
    "\"indicatorRange\":{\"min\":80,\"max\":100},\"lastPeriod\":" METRIC "},"
    "\"deploymentFrequency\":" METRIC ",\"deploymentFailureRate\":" METRIC
    ",\"leadTime\":" METRIC ",\"impactSize\":" METRIC ",\"experimentationCoverage\":" METRIC
    ",\"flagHealth\":" METRIC ",\"velocity\":" METRIC ",\"risk\":" METRIC
    ",\"efficiency\":" METRIC "},"
    "\"_links\":{\"self\":{\"href\":\"/api/v2/x\",\"type\":\"application/json\"}}}";
static const char error_400[] =
    "{\"code\":\"invalid_request\",\"message\":\"projectKey is unknown\","
    "\"errors\":[{\"attribute\":\"projectKey\",\"reason\":\"not found\"}]}";
static const char json_ct[] = "Content-Type: application/json\r\n";

typedef struct session {
    int status; /* the canned reply */
    const char *body;
} session;

/* The typed result a run that refused nothing must give, exactly. */
static void check_typed(const session *s, const ld_get_insights_scores_result *r)
{
    assert_int_equal(r->http.status, s->status);
    if (s->status == 200) {
        assert_non_null(r->body_200);
        assert_int_equal(r->body_200->scores.overall.score, 87);
        assert_int_equal(r->body_200->period.end_time, 1702592000000LL);
        assert_true(r->http.validated);
        assert_int_equal(r->http.validation.count, 0);
    } else {
        assert_non_null(r->body_400);
        assert_string_equal(r->body_400->code, "invalid_request");
        assert_int_equal(r->body_400->errors_count, 1);
    }
}

static oas_status normal_status(const session *s)
{
    return s->status == 200 ? OAS_OK : OAS_ERR_HTTP_STATUS;
}

/* One session; returns its status, *err its error. */
static oas_status run_session(const session *s, oas_error *err, bool check)
{
    /* A server per run: a request cut short by a failure in one run must
     * not take the reply meant for the next. */
    hts_server *srv = hts_start();
    assert_non_null(srv);
    hts_push(srv, s->status, json_ct, s->body);
    oas_client *c = NULL;
    oas_status st = oas_client_create(&c, err);
    if (st == OAS_OK)
        st = oas_client_set_server(c, hts_url(srv), err);
    if (st == OAS_OK)
        st = oas_client_set_token(c, "api-oom-test", err);
    ld_get_insights_scores_result r;
    ld_get_insights_scores_result_init(&r);
    if (st == OAS_OK) {
        oas_retry_policy once = {1, 1, 1}; /* a failed attempt is not hidden by a retry */
        oas_client_set_retry(c, &once);
        oas_client_set_validation(c, OAS_VALIDATE_STRICT);
        ld_get_insights_scores_params p = {.project_key = "p", .environment_key = "e"};
        st = ld_get_insights_scores(c, &p, &r, err);
        if (check && st != normal_status(s))
            printf("request oom: a run without failures gave: %s\n", err->message);
        if (check)
            check_typed(s, &r);
    }
    ld_get_insights_scores_result_free(&r);
    oas_client_destroy(c);
    hts_stop(srv);
    if (st != OAS_OK)
        assert_int_equal(err->code, st);
    return st;
}

#define STATUS_SLOTS 64 /* more than oas_status has */

typedef struct sweep_counts {
    size_t runs, refused, sites;
    size_t by_status[STATUS_SLOTS]; /* outcome of each run with a refusal */
} sweep_counts;

static void print_counts(const char *what, const sweep_counts *k)
{
    printf("request oom %-11s: %4zu runs, %3zu with a refused allocation, %3zu allocation"
           " sites; outcomes:", what, k->runs, k->refused, k->sites);
    for (int i = 0; i < STATUS_SLOTS; i++)
        if (k->by_status[i])
            printf(" %s %zu;", oas_strerror((oas_status)i), k->by_status[i]);
    printf("\n");
}

/* Sweep one canned reply; a run where nothing was refused ends the sweep
 * and must give the normal outcome. With strict, a refusal must end in
 * OAS_ERR_NOMEM (the first dozen exceptions are printed). */
static sweep_counts sweep(const session *s, const char *what, bool strict)
{
    oas_status normal = normal_status(s);
    oas_error err;
    size_t sites_before = failing_alloc_sites();
    assert_int_equal(run_session(s, &err, true), normal); /* warm-up: lazy globals */
    size_t baseline = failing_alloc_live();
    sweep_counts k = {0};
    size_t shown = 0;
    for (int persistent = 0; persistent <= 1; persistent++) {
        for (size_t n = 1;; n++) {
            size_t refused_before = failing_alloc_failures();
            failing_alloc_fail_at(n, persistent);
            oas_status st = run_session(s, &err, false);
            failing_alloc_fail_at(0, false); /* cmocka may allocate */
            k.runs++;
            assert_int_equal(failing_alloc_live(), baseline); /* nothing left */
            if (failing_alloc_failures() == refused_before) {
                assert_int_equal(st, normal); /* past the last allocation */
                break;
            }
            k.refused++;
            assert_true((int)st >= 0 && (int)st < STATUS_SLOTS);
            k.by_status[st]++;
            if (strict && st != OAS_ERR_NOMEM && shown++ < 12)
                printf("request oom %s: allocation %zu refused (%s), status %s: %s\n", what, n,
                       persistent ? "persistent" : "once", oas_strerror(st),
                       st == OAS_OK ? "-" : err.message);
        }
    }
    k.sites = failing_alloc_sites() - sites_before;
    print_counts(what, &k);
    return k;
}

/* Whatever a failed test left: no failures armed, libc allocator, no curl. */
static int reset_globals(void **state)
{
    (void)state;
    failing_alloc_fail_at(0, false);
    failing_alloc_uninstall();
    oas_http_global_cleanup();
    return 0;
}

static void sweep_ours(const session *s, const char *what)
{
    oas_error err;
    assert_int_equal(oas_http_global_init(&err), OAS_OK);
    failing_alloc_install();
    sweep_counts k = sweep(s, what, true);
    failing_alloc_uninstall();
    oas_http_global_cleanup();
    assert_true(k.refused > 20);
    assert_int_equal(k.by_status[OAS_ERR_NOMEM], k.refused);
}

static void test_oom_200(void **state)
{
    (void)state;
    session s = {200, scores_200};
    sweep_ours(&s, "200 body");
}

static void test_oom_400(void **state)
{
    (void)state;
    session s = {400, error_400};
    sweep_ours(&s, "400 body");
}

/* curl's allocator, through ours (curl_global_init_mem wants all five). */
static void *curl_malloc_hook(size_t size) { return oas_malloc(size); }
static void curl_free_hook(void *p) { oas_free(p); }
static void *curl_realloc_hook(void *p, size_t size) { return oas_realloc(p, size); }
static char *curl_strdup_hook(const char *s) { return oas_strdup(s); }
static void *curl_calloc_hook(size_t n, size_t size) { return oas_calloc(n, size); }

static void test_oom_200_curl_routed(void **state)
{
    (void)state;
    session s = {200, scores_200};
    failing_alloc_install(); /* before curl allocates anything through it */
    assert_int_equal(curl_global_init_mem(CURL_GLOBAL_DEFAULT, curl_malloc_hook, curl_free_hook,
                                          curl_realloc_hook, curl_strdup_hook, curl_calloc_hook),
                     CURLE_OK);
    oas_error err;
    assert_int_equal(oas_http_global_init(&err), OAS_OK);
    sweep_counts k = sweep(&s, "200, +curl", false);
    oas_http_global_cleanup();
    curl_global_cleanup();
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
    /* curl reports many of its failed allocations as transport failures
     * ("Empty reply from server", "Could not resolve host") or refused
     * options, and survives some: no clean OAS_ERR_NOMEM to assert, only
     * no crash, no leak, and one of these outcomes. */
    assert_true(k.refused > k.runs / 2);
    assert_int_equal(k.by_status[OAS_OK] + k.by_status[OAS_ERR_NOMEM] +
                         k.by_status[OAS_ERR_HTTP_TRANSPORT] + k.by_status[OAS_ERR_UNSUPPORTED] +
                         k.by_status[OAS_ERR_HTTP_CONTENT] + k.by_status[OAS_ERR_HTTP_STATUS],
                     k.refused);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_oom_200, reset_globals),
        cmocka_unit_test_teardown(test_oom_400, reset_globals),
        cmocka_unit_test_teardown(test_oom_200_curl_routed, reset_globals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
