/* test_alloc_sweep.c - allocation-failure injection over parse, validate
 * and to_json of the generated ld_ binding: for N = 1, 2, ... until the
 * operation succeeds untouched, fail the Nth allocation (once, then from N
 * on persistently). Every run must end in OAS_ERR_NOMEM - never a partial
 * success after a refused allocation - with nothing left allocated. Prints
 * the runs and the distinct allocation sites exercised.
 *
 * The generator's load is not swept: codegen/ allocates with plain malloc
 * through oc_alloc.c, which exits on failure by design (a short-lived tool),
 * and libyaml has no allocation hook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "ld_model.h"
#include "ld_validate.h"
#include "oas_json.h"
#include "oas_validate.h"

/* One operation under test: returns its status; cleans up after itself. */
typedef oas_status (*sweep_op)(const void *arg);

static char *read_example(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/spec/examples/%s", OAS_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

typedef struct text_arg {
    const char *bytes;
    size_t len;
} text_arg;

static oas_status op_parse(const void *arg)
{
    const text_arg *t = arg;
    ld_insight_scores v;
    oas_error err;
    oas_status st = ld_insight_scores_parse(t->bytes, t->len, &v, &err);
    assert_int_equal(st, err.code);
    ld_insight_scores_free(&v);
    return st;
}

static oas_status op_validate(const void *arg)
{
    oas_report report;
    oas_report_init(&report, 0);
    bool valid = ld_insight_scores_validate(arg, &report);
    oas_status st = report.status;
    assert_true(st == OAS_OK || !valid); /* an unfinished run is never "valid" */
    oas_report_free(&report);
    return st;
}

static oas_status op_to_json(const void *arg)
{
    oas_buf out = OAS_BUF_INIT;
    oas_status st = ld_insight_scores_to_json(arg, &out);
    oas_buf_free(&out);
    return st;
}

/* Sweep one operation; returns the number of runs. A refused allocation
 * that does not end in OAS_ERR_NOMEM is printed and counted (the sweep
 * goes on, so one run lists every such site), then fails the test. */
static size_t sweep(const char *what, sweep_op op, const void *arg)
{
    size_t runs = 0, swallowed = 0, baseline = failing_alloc_live();
    size_t sites_before = failing_alloc_sites();
    for (int persistent = 0; persistent <= 1; persistent++) {
        for (size_t n = 1;; n++) {
            size_t refused_before = failing_alloc_failures();
            failing_alloc_fail_at(n, persistent);
            oas_status st = op(arg);
            failing_alloc_fail_at(0, false); /* cmocka's own checks may allocate */
            runs++;
            assert_int_equal(failing_alloc_live(), baseline); /* no leak */
            if (failing_alloc_failures() == refused_before) {
                assert_int_equal(st, OAS_OK); /* N passed the last allocation */
                break;
            }
            if (st != OAS_ERR_NOMEM && swallowed++ < 20)
                printf("alloc sweep %s: allocation %zu refused (%s) but status %d (%s)\n",
                       what, n, persistent ? "persistent" : "once", (int)st, oas_strerror(st));
        }
    }
    failing_alloc_fail_at(0, false);
    printf("alloc sweep %-9s: %4zu runs, %3zu allocation sites\n", what, runs,
           failing_alloc_sites() - sites_before);
    assert_int_equal(swallowed, 0);
    return runs;
}

static text_arg example(const char *name)
{
    text_arg t;
    t.bytes = read_example(name, &t.len);
    return t;
}

static void test_sweep_parse(void **state)
{
    (void)state;
    text_arg t = example("insight-scores-full.json");
    failing_alloc_install();
    assert_true(sweep("parse", op_parse, &t) > 2);
    failing_alloc_uninstall();
    free((char *)t.bytes);
}

static void test_sweep_validate(void **state)
{
    (void)state;
    text_arg t = example("insight-scores-violations.json");
    failing_alloc_install();
    oas_json_doc *doc = NULL;
    oas_error err;
    assert_int_equal(oas_json_parse(t.bytes, t.len, NULL, &doc, &err), OAS_OK);
    assert_true(sweep("validate", op_validate, oas_json_doc_root(doc)) > 2);
    oas_json_doc_free(doc);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
    free((char *)t.bytes);
}

static void test_sweep_to_json(void **state)
{
    (void)state;
    text_arg t = example("insight-scores-full.json");
    failing_alloc_install();
    ld_insight_scores v;
    oas_error err;
    assert_int_equal(ld_insight_scores_parse(t.bytes, t.len, &v, &err), OAS_OK);
    assert_true(sweep("to_json", op_to_json, &v) > 2);
    ld_insight_scores_free(&v);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
    free((char *)t.bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sweep_parse),
        cmocka_unit_test(test_sweep_validate),
        cmocka_unit_test(test_sweep_to_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
