/* test_threads.c - 16 threads at once, each with its own client and its
 * own documents: strict parse, typed parse, validate, to_json, and one
 * request over loopback. Every thread must get exactly the results a
 * single thread gets. Run under TSan by scripts/sanitizers.sh (zero
 * reports); in the normal suite it checks the results. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "http_test_server.h"
#include "ld_model.h"
#include "ld_validate.h"
#include "oas_alloc.h"
#include "oas_http.h"
#include "oas_json.h"
#include "oas_validate.h"

#define THREADS 16
#define ROUNDS 25

typedef struct shared_input {
    char *full, *violations;
    size_t full_len, violations_len;
    char *expected_json;      /* to_json of the full document, single-threaded */
    size_t expected_violations;
    const char *url;
} shared_input;

typedef struct worker {
    pthread_t thread;
    const shared_input *in;
    int failures;             /* rounds whose results differed */
    long http_status;
} worker;

static char *read_example(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/spec/examples/%s", OAS_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* One round; returns 0 when every result matches the reference. */
static int one_round(const shared_input *in)
{
    int bad = 0;
    ld_insight_scores v;
    oas_error err;
    if (ld_insight_scores_parse(in->full, in->full_len, &v, &err) != OAS_OK)
        return 1;
    oas_buf out = OAS_BUF_INIT;
    bad |= ld_insight_scores_to_json(&v, &out) != OAS_OK || strcmp(out.data, in->expected_json);
    oas_buf_free(&out);
    ld_insight_scores_free(&v);
    oas_json_doc *doc = NULL;
    if (oas_json_parse(in->violations, in->violations_len, NULL, &doc, &err) != OAS_OK)
        return 1;
    oas_report report;
    oas_report_init(&report, 0);
    bad |= ld_insight_scores_validate(oas_json_doc_root(doc), &report);
    bad |= report.count != in->expected_violations;
    oas_report_free(&report);
    oas_json_doc_free(doc);
    return bad;
}

static void *work(void *arg)
{
    worker *w = arg;
    for (int i = 0; i < ROUNDS; i++)
        w->failures += one_round(w->in);
    /* A client of its own, as oas_http.h requires: one request. */
    oas_client *c = NULL;
    oas_error err;
    oas_http_response resp;
    oas_http_response_init(&resp);
    if (oas_client_create(&c, &err) == OAS_OK &&
        oas_client_set_server(c, w->in->url, &err) == OAS_OK &&
        oas_client_set_token(c, "api-secret-token", &err) == OAS_OK) {
        oas_http_request req = {.method = "GET", .path_and_query = "/api/v2/x"};
        if (oas_client_request(c, &req, &resp, &err) == OAS_OK)
            w->http_status = resp.status;
    }
    oas_http_response_free(&resp);
    oas_client_destroy(c);
    return NULL;
}

static void test_sixteen_threads(void **state)
{
    (void)state;
    shared_input in = {0};
    in.full = read_example("insight-scores-full.json", &in.full_len);
    in.violations = read_example("insight-scores-violations.json", &in.violations_len);
    /* The single-threaded reference. */
    ld_insight_scores v;
    oas_error err;
    assert_int_equal(ld_insight_scores_parse(in.full, in.full_len, &v, &err), OAS_OK);
    oas_buf out = OAS_BUF_INIT;
    assert_int_equal(ld_insight_scores_to_json(&v, &out), OAS_OK);
    in.expected_json = oas_buf_steal(&out, NULL);
    ld_insight_scores_free(&v);
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_json_parse(in.violations, in.violations_len, NULL, &doc, &err), OAS_OK);
    oas_report report;
    oas_report_init(&report, 0);
    assert_false(ld_insight_scores_validate(oas_json_doc_root(doc), &report));
    in.expected_violations = report.count;
    assert_true(in.expected_violations > 0);
    oas_report_free(&report);
    oas_json_doc_free(doc);

    assert_int_equal(oas_http_global_init(&err), OAS_OK);
    hts_server *server = hts_start();
    assert_non_null(server);
    for (int i = 0; i < THREADS; i++)
        hts_push(server, 200, "Content-Type: application/json\r\n", "{}");
    in.url = hts_url(server);

    worker workers[THREADS] = {0};
    for (int i = 0; i < THREADS; i++) {
        workers[i].in = &in;
        assert_int_equal(pthread_create(&workers[i].thread, NULL, work, &workers[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(workers[i].thread, NULL), 0);
        assert_int_equal(workers[i].failures, 0);
        assert_int_equal(workers[i].http_status, 200);
    }
    assert_int_equal(hts_request_count(server), THREADS);
    hts_stop(server);
    oas_http_global_cleanup();
    oas_free(in.expected_json);
    free(in.full);
    free(in.violations);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_sixteen_threads)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
