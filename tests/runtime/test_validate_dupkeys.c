/* test_validate_dupkeys.c - the validator's duplicate-key reporting
 * (oas_v_dupkeys, minProperties/maxProperties counting distinct keys):
 *  - the same report as the reporter had when it compared every key with
 *    every earlier one (kept below as the reference), field by field, for
 *    random objects full of repeats, under several schemas at once, inside
 *    quiet combinator branches, with max_errors dropping violations, on
 *    parsed documents and on cJSON ones (no offsets);
 *  - its cost, counted rather than timed (oas_json_dup_work): 65,536 keys
 *    crafted against the old FNV-1a table plus one repeat need n log n
 *    work, with exactly the one violation;
 *  - out of memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cjson/cJSON.h>

#include "failing_alloc.h"
#include "oas_json.h"
#include "oas_json_internal.h"
#include "oas_validate_internal.h"
#include "support_crafted_keys.h"

#define SLOC "#/components/schemas/X"

/* The reporter as it was: for each member, the earlier members in turn,
 * then the whole report for a duplicateKey violation at its offset. */
static void reference_dupkeys(oas_vctx *c, const oas_json *obj, const char *sloc)
{
    const oas_json_member *mem = obj->u.obj.members;
    for (size_t i = 1; i < obj->u.obj.count; i++) {
        size_t j = 0;
        while (j < i && !(mem[j].key_len == mem[i].key_len &&
                          memcmp(mem[j].key, mem[i].key, mem[i].key_len) == 0))
            j++;
        if (j == i)
            continue;
        bool seen = false;
        for (size_t k = 0; !c->quiet && k < c->report->count; k++)
            seen |= c->report->items[k].offset == oas_json_offset(mem[i].key_offset) &&
                    strcmp(c->report->items[k].keyword, "duplicateKey") == 0;
        if (seen || !oas_v_fail_begin(c, mem[i].key_offset))
            continue;
        oas_buf p = OAS_BUF_INIT, m = OAS_BUF_INIT;
        oas_buf_puts(&p, "{\"duplicateKey\":");
        oas_buf_json_string(&p, mem[i].key, mem[i].key_len);
        oas_buf_putc(&p, '}');
        oas_buf_puts(&m, "must NOT have duplicate key ");
        oas_buf_json_string(&m, mem[i].key, mem[i].key_len);
        oas_v_record(c, "duplicateKey", sloc, mem[i].key_offset, &p, &m);
    }
}

/* The schemas below call this: the runtime's reporter or the reference. */
static void (*dupkeys)(oas_vctx *c, const oas_json *obj, const char *sloc) = oas_v_dupkeys;

static void v_integer(const oas_json *in, oas_vctx *c)
{
    oas_v_type(c, in, OAS_VT_INTEGER, SLOC);
}

static void v_dups(const oas_json *in, oas_vctx *c)
{
    dupkeys(c, in, SLOC);
}

/* Two schemas on one object, member violations between them. */
static void v_dups_members_dups(const oas_json *in, oas_vctx *c)
{
    dupkeys(c, in, SLOC);
    for (size_t i = 0; i < in->u.obj.count; i++)
        oas_v_member(c, &in->u.obj.members[i], "/additionalProperties", v_integer);
    dupkeys(c, in, SLOC);
}

/* Member violations first (later offsets than some keys), then the keys. */
static void v_members_then_dups(const oas_json *in, oas_vctx *c)
{
    for (size_t i = 0; i < in->u.obj.count; i++)
        oas_v_member(c, &in->u.obj.members[i], "/additionalProperties", v_integer);
    dupkeys(c, in, SLOC);
}

/* Quiet branches count the repeats; the closest branch is replayed. */
static void v_any_of(const oas_json *in, oas_vctx *c)
{
    static const oas_validate_fn branches[] = {v_dups, v_members_then_dups, v_dups_members_dups};
    static const char *const kws[] = {"/anyOf/0", "/anyOf/1", "/anyOf/2"};
    oas_v_any_of(c, in, SLOC, branches, kws, 3);
    dupkeys(c, in, SLOC);
}

static const oas_validate_fn shapes[] = {v_dups, v_dups_members_dups, v_members_then_dups, v_any_of};

static void expect_same_reports(const oas_report *got, const oas_report *want, bool got_ok,
                                bool want_ok)
{
    assert_int_equal(got_ok, want_ok);
    assert_int_equal(got->status, want->status);
    assert_int_equal(got->total, want->total);
    assert_int_equal(got->count, want->count);
    for (size_t i = 0; i < got->count; i++) {
        const oas_violation *a = &got->items[i], *b = &want->items[i];
        assert_string_equal(a->keyword, b->keyword);
        assert_int_equal(a->offset, b->offset);
        assert_string_equal(a->instance_location, b->instance_location);
        assert_string_equal(a->keyword_location, b->keyword_location);
        assert_string_equal(a->absolute_keyword_location, b->absolute_keyword_location);
        assert_string_equal(a->params, b->params);
        assert_string_equal(a->message, b->message);
    }
}

static void run_both(oas_validate_fn shape, const oas_json *root, oas_report *mine,
                     oas_report *ref)
{
    dupkeys = oas_v_dupkeys;
    bool mine_ok = oas_validate_run(shape, "/$ref", root, mine, NULL);
    dupkeys = reference_dupkeys;
    bool ref_ok = oas_validate_run(shape, "/$ref", root, ref, NULL);
    dupkeys = oas_v_dupkeys;
    expect_same_reports(mine, ref, mine_ok, ref_ok);
}

/* Every shape and max_errors on root into fresh reports, the runtime
 * against the reference. */
static void compare_fresh(const oas_json *root)
{
    static const size_t max_errors[] = {0, 1, 2, 3, 5};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (size_t e = 0; e < sizeof max_errors / sizeof max_errors[0]; e++) {
            oas_report mine, ref;
            oas_report_init(&mine, max_errors[e]);
            oas_report_init(&ref, max_errors[e]);
            run_both(shapes[s], root, &mine, &ref);
            oas_report_free(&mine);
            oas_report_free(&ref);
        }
}

/* Every shape into reports never cleared: violations of earlier documents
 * stay, and one at the same offset counts as reported; a full report
 * drops them as earlier violations come. */
static void compare_carried(const oas_json *root, oas_report *mine, oas_report *ref)
{
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        run_both(shapes[s], root, mine, ref);
}

/* A random object of up to 40 members, keys from a small set so most
 * repeat, values integers or strings (member violations). */
static char *random_object(void)
{
    static const char *const keys[] = {"a", "b", "c", "ab", "ba", "", "k\\u0000", "\\u00e9"};
    enum { KEYS = sizeof keys / sizeof keys[0] };
    size_t n = (size_t)rand() % 41, cap = 16 + n * 24, len = 0;
    char *json = malloc(cap);
    assert_non_null(json);
    json[len++] = '{';
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(json + len, cap - len, "%s\"%s\":%s", i ? "," : "",
                                keys[(size_t)rand() % (size_t)(2 + rand() % (KEYS - 1))],
                                rand() % 3 ? "1" : "\"s\"");
    snprintf(json + len, cap - len, "}");
    return json;
}

static void test_same_report_as_pairwise_reference(void **state)
{
    (void)state;
    srand(11);
    enum { CARRIED = 3 };
    static const size_t carried_max[CARRIED] = {0, 3, 6};
    oas_report mine[CARRIED], ref[CARRIED];
    for (int k = 0; k < CARRIED; k++) {
        oas_report_init(&mine[k], carried_max[k]);
        oas_report_init(&ref[k], carried_max[k]);
    }
    for (int round = 0; round < 300; round++) {
        char *json = random_object();
        oas_json_doc *doc = NULL;
        assert_int_equal(oas_json_parse(json, strlen(json), NULL, &doc, NULL), OAS_OK);
        compare_fresh(oas_json_doc_root(doc));
        for (int k = 0; k < CARRIED; k++)
            compare_carried(oas_json_doc_root(doc), &mine[k], &ref[k]);

        /* through cJSON: no offsets, so one duplicateKey covers them all */
        cJSON *cj = cJSON_Parse(json);
        assert_non_null(cj);
        oas_json_doc *bridged = NULL;
        assert_int_equal(oas_json_from_cjson(cj, &bridged, NULL), OAS_OK);
        compare_fresh(oas_json_doc_root(bridged));
        if (round % 50 == 49) /* now and then, a report with runs of both kinds */
            for (int k = 0; k < CARRIED; k++)
                compare_carried(oas_json_doc_root(bridged), &mine[k], &ref[k]);
        oas_json_doc_free(bridged);
        cJSON_Delete(cj);
        oas_json_doc_free(doc);
        free(json);
    }
    for (int k = 0; k < CARRIED; k++) {
        oas_report_free(&mine[k]);
        oas_report_free(&ref[k]);
    }
}

/* A full report holds, last, a duplicateKey violation at the offset of a
 * repeat (left by an earlier document); an earlier repeat displaces it,
 * after which that later repeat is no longer "reported already": it is
 * counted again (and dropped again, the report being full). */
static void test_full_report_drops_a_reported_repeat(void **state)
{
    (void)state;
    static const char first[] = "{\"\":\"\",\"q\":2,\"r\":3,\"r\":4}";  /* "" at 4, r at 19 */
    static const char second[] = "{\"a\":1,\"a\":2,\"b\":3,\"b\":4}"; /* a at 7, b at 19 */
    oas_json_doc *one = NULL, *two = NULL;
    assert_int_equal(oas_json_parse(first, strlen(first), NULL, &one, NULL), OAS_OK);
    assert_int_equal(oas_json_parse(second, strlen(second), NULL, &two, NULL), OAS_OK);
    oas_report mine, ref;
    oas_report_init(&mine, 2);
    oas_report_init(&ref, 2);
    run_both(v_members_then_dups, oas_json_doc_root(one), &mine, &ref);
    assert_int_equal(mine.count, 2);
    assert_int_equal(mine.items[1].offset, 19);
    run_both(v_dups, oas_json_doc_root(two), &mine, &ref);
    assert_int_equal(mine.count, 2);
    assert_int_equal(mine.items[0].offset, 4);
    assert_string_equal(mine.items[1].keyword, "duplicateKey");
    assert_int_equal(mine.items[1].offset, 7);
    assert_int_equal(mine.total, 4);
    oas_report_free(&mine);
    oas_report_free(&ref);
    oas_json_doc_free(one);
    oas_json_doc_free(two);
}

/* 65,536 keys that all collided in the old FNV-1a table, and the first one
 * again at the end: one violation, at the last key, for n log n work
 * (comparing every key with every earlier one took n^2 / 2). */
static void test_crafted_keys_one_repeat(void **state)
{
    (void)state;
    enum { N = 65536 };
    char *keys = crafted_keys_colliding(N, N + 1);
    assert_non_null(keys);
    size_t len;
    char *json = crafted_keys_object(keys, N, 0, &len);
    assert_non_null(json);
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_json_parse(json, len, NULL, &doc, NULL), OAS_OK);
    const oas_json *root = oas_json_doc_root(doc);
    assert_true(root->flags & OAS_JSON_F_DUPKEYS);
    assert_int_equal(root->u.obj.count, N + 1);

    oas_report r;
    oas_report_init(&r, 0);
    size_t before = oas_json_dup_work();
    assert_false(oas_validate_run(v_dups, "/$ref", root, &r, NULL));
    size_t work = oas_json_dup_work() - before, bound = (size_t)(N + 1) * (17 + 6) + 64;
    if (work > bound)
        fail_msg("%zu probes and comparisons to report %d crafted keys (bound %zu)", work,
                 N + 1, bound);
    assert_int_equal(r.status, OAS_OK);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.total, 1);
    char params[64], message[64];
    snprintf(params, sizeof params, "{\"duplicateKey\":\"%.*s\"}", CRAFTED_KEY_LEN, keys);
    snprintf(message, sizeof message, "must NOT have duplicate key \"%.*s\"", CRAFTED_KEY_LEN,
             keys);
    assert_string_equal(r.items[0].params, params);
    assert_string_equal(r.items[0].message, message);
    assert_string_equal(r.items[0].keyword_location, "/$ref/duplicateKey");
    assert_int_equal(r.items[0].offset, root->u.obj.members[N].key_offset);
    assert_int_equal(r.items[0].offset, len - 1 - (CRAFTED_KEY_LEN + 2) - 1 - 5);
    oas_report_free(&r);

    /* minProperties counts each key once, as cheaply */
    before = oas_json_dup_work();
    oas_vctx c = {.report = &r};
    assert_true(oas_v_min_properties(&c, root, SLOC, N));
    assert_false(oas_v_min_properties(&c, root, SLOC, N + 1));
    assert_true(oas_json_dup_work() - before <= 2 * bound);
    oas_report_free(&r);
    oas_json_doc_free(doc);
    free(json);
    free(keys);
}

/* Every allocation the reporter makes fails in turn: out of memory, no
 * leak; then the normal report. */
static void test_out_of_memory(void **state)
{
    (void)state;
    /* 100 members (marks and the table are allocated), 40 repeats (so is
     * the record of what is reported) */
    char json[2048];
    size_t len = 0;
    json[len++] = '{';
    for (int i = 0; i < 100; i++)
        len += (size_t)snprintf(json + len, sizeof json - len, "%s\"k%d\":%d", i ? "," : "",
                                i % 60, i);
    json[len++] = '}';
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_json_parse(json, len, NULL, &doc, NULL), OAS_OK);
    const oas_json *root = oas_json_doc_root(doc);
    for (size_t n = 1;; n++) {
        oas_report r;
        oas_report_init(&r, 0);
        failing_alloc_install();
        failing_alloc_fail_at(n, false);
        bool ok = oas_validate_run(v_dups, "", root, &r, NULL);
        size_t failures = failing_alloc_failures();
        assert_false(ok);
        if (failures == 0) {
            assert_int_equal(r.status, OAS_OK);
            assert_int_equal(r.count, 40);
            oas_report_free(&r);
            assert_int_equal(failing_alloc_live(), 0);
            failing_alloc_uninstall();
            assert_true(n > 3); /* marks, table, reported offsets, then the violations */
            break;
        }
        assert_int_equal(r.status, OAS_ERR_NOMEM);
        oas_report_free(&r);
        assert_int_equal(failing_alloc_live(), 0);
        failing_alloc_uninstall();
    }
    /* minProperties on a large object with repeats needs memory too */
    oas_report r;
    oas_report_init(&r, 0);
    oas_vctx c = {.report = &r};
    failing_alloc_install();
    failing_alloc_fail_at(1, true);
    oas_v_max_properties(&c, root, SLOC, 1);
    failing_alloc_uninstall();
    assert_int_equal(r.status, OAS_ERR_NOMEM);
    assert_true(c.stopped);
    oas_report_free(&r);
    oas_json_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_report_as_pairwise_reference),
        cmocka_unit_test(test_full_report_drops_a_reported_repeat),
        cmocka_unit_test(test_crafted_keys_one_repeat),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
