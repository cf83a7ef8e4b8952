/* test_validate_dupkeys.c - duplicate keys as report entries
 * (oas_report_duplicate_keys) and minProperties/maxProperties counting
 * distinct keys:
 *  - the exact entry (keyword, pointer, offset, params, message, no schema
 *    location) in document order, nested objects and arrays, escaped
 *    pointers, objects without offsets (cJSON);
 *  - the same entries as comparing every key with every earlier one (kept
 *    below as the reference) for random nested documents full of repeats;
 *  - merged into a report of violations in document order, max_errors
 *    keeping the first and total counting all;
 *  - its cost, counted rather than timed (oas_json_dup_work): 65,536 keys
 *    crafted against the old FNV-1a table plus one repeat need n log n
 *    work, with exactly the one entry;
 *  - the depth limit and out of memory. */
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

static oas_json_doc *parse(const char *json)
{
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_json_parse(json, strlen(json), NULL, &doc, NULL), OAS_OK);
    return doc;
}

static void expect_entry(const oas_violation *v, const char *pointer, const char *key,
                         size_t offset)
{
    char params[128], message[128];
    snprintf(params, sizeof params, "{\"duplicateKey\":\"%s\"}", key);
    snprintf(message, sizeof message, "duplicate key \"%s\" (the last one is used)", key);
    assert_string_equal(v->keyword, "duplicateKey");
    assert_string_equal(v->instance_location, pointer);
    assert_string_equal(v->keyword_location, "");
    assert_null(v->absolute_keyword_location);
    assert_string_equal(v->params, params);
    assert_string_equal(v->message, message);
    assert_int_equal(v->offset, offset);
}

static void test_each_repeat_in_document_order(void **state)
{
    (void)state;
    /*                    0         1         2         3         4
     *                    01234567890123456789012345678901234567890123456 */
    const char *json = "{\"a\":1,\"b\":{\"c\":[{\"d\":1,\"d\":2}]},\"a\":3,\"a\":4}";
    oas_json_doc *doc = parse(json);
    oas_report r;
    oas_report_init(&r, 0);
    assert_int_equal(oas_report_duplicate_keys(oas_json_doc_root(doc), &r, NULL), OAS_OK);
    assert_int_equal(r.status, OAS_OK);
    assert_int_equal(r.count, 3);
    assert_int_equal(r.total, 3);
    expect_entry(&r.items[0], "/b/c/0", "d", 24);
    expect_entry(&r.items[1], "", "a", 33);
    expect_entry(&r.items[2], "", "a", 39);

    oas_buf out = OAS_BUF_INIT;
    oas_report_write_json(&r, &out);
    assert_non_null(strstr(out.data, "\"keywordLocation\":\"\",\"absoluteKeywordLocation\":null,"
                                     "\"schemaPath\":null,\"keyword\":\"duplicateKey\","
                                     "\"params\":{\"duplicateKey\":\"d\"},"
                                     "\"message\":\"duplicate key \\\"d\\\" (the last one is "
                                     "used)\",\"offset\":24}"));
    oas_buf_free(&out);
    oas_report_free(&r);
    oas_json_doc_free(doc);

    /* none: nothing added, nothing counted */
    doc = parse("[{\"a\":1,\"b\":{\"a\":1}},{\"a\":2}]");
    oas_report_init(&r, 0);
    assert_int_equal(oas_report_duplicate_keys(oas_json_doc_root(doc), &r, NULL), OAS_OK);
    assert_int_equal(r.total, 0);
    oas_report_free(&r);
    oas_json_doc_free(doc);
}

static void test_pointer_and_key_escaped(void **state)
{
    (void)state;
    oas_json_doc *doc = parse("{\"a/b~\":{\"x\\\"\":1,\"x\\\"\":2}}");
    oas_report r;
    oas_report_init(&r, 0);
    assert_int_equal(oas_report_duplicate_keys(oas_json_doc_root(doc), &r, NULL), OAS_OK);
    assert_int_equal(r.count, 1);
    assert_string_equal(r.items[0].instance_location, "/a~1b~0");
    assert_string_equal(r.items[0].params, "{\"duplicateKey\":\"x\\\"\"}");
    assert_string_equal(r.items[0].message, "duplicate key \"x\\\"\" (the last one is used)");
    oas_report_free(&r);
    oas_json_doc_free(doc);
}

/* Through cJSON there are no offsets; the entries are there all the same. */
static void test_without_offsets(void **state)
{
    (void)state;
    cJSON *cj = cJSON_Parse("{\"o\":{\"k\":1,\"k\":2}}");
    assert_non_null(cj);
    oas_json_doc *doc = NULL;
    assert_int_equal(oas_json_from_cjson(cj, &doc, NULL), OAS_OK);
    oas_report r;
    oas_report_init(&r, 0);
    assert_int_equal(oas_report_duplicate_keys(oas_json_doc_root(doc), &r, NULL), OAS_OK);
    assert_int_equal(r.count, 1);
    expect_entry(&r.items[0], "/o", "k", OAS_NO_OFFSET);
    oas_report_free(&r);
    oas_json_doc_free(doc);
    cJSON_Delete(cj);
}

/* The reference: every member against every earlier one of its object,
 * members in order, containers walked after their key. Offsets are
 * unique per key in parsed text, so (pointer, offset) identifies an entry. */
typedef struct ref_entry {
    char pointer[256];
    size_t offset;
} ref_entry;

static void reference(const oas_json *in, char *pointer, size_t plen, ref_entry *out, size_t *n)
{
    if (in->type == OAS_JSON_ARRAY) {
        for (size_t i = 0; i < in->u.arr.count; i++) {
            int k = snprintf(pointer + plen, 256 - plen, "/%zu", i);
            reference(&in->u.arr.items[i], pointer, plen + (size_t)k, out, n);
            pointer[plen] = '\0';
        }
        return;
    }
    if (in->type != OAS_JSON_OBJECT)
        return;
    const oas_json_member *m = in->u.obj.members;
    for (size_t i = 0; i < in->u.obj.count; i++) {
        for (size_t j = 0; j < i; j++)
            if (m[j].key_len == m[i].key_len && memcmp(m[j].key, m[i].key, m[i].key_len) == 0) {
                snprintf(out[*n].pointer, sizeof out[*n].pointer, "%s", pointer);
                out[(*n)++].offset = m[i].key_offset;
                break;
            }
        /* keys below are plain letters: no escaping */
        int k = snprintf(pointer + plen, 256 - plen, "/%.*s", (int)m[i].key_len, m[i].key);
        reference(&m[i].value, pointer, plen + (size_t)k, out, n);
        pointer[plen] = '\0';
    }
}

/* A random value: objects of up to 12 members with keys from a small set
 * (so most repeat), arrays, integers; depth at most 3. */
static void random_value(oas_buf *b, int depth)
{
    static const char *const keys[] = {"a", "b", "c", "ab", "ba", "k"};
    int kind = depth >= 3 ? 2 : rand() % 3;
    if (kind == 0) {
        int n = rand() % 13;
        oas_buf_putc(b, '{');
        for (int i = 0; i < n; i++) {
            oas_buf_printf(b, "%s\"%s\":", i ? "," : "", keys[rand() % 6]);
            random_value(b, depth + 1);
        }
        oas_buf_putc(b, '}');
    } else if (kind == 1) {
        int n = rand() % 4;
        oas_buf_putc(b, '[');
        for (int i = 0; i < n; i++) {
            if (i)
                oas_buf_putc(b, ',');
            random_value(b, depth + 1);
        }
        oas_buf_putc(b, ']');
    } else {
        oas_buf_printf(b, "%d", rand() % 10);
    }
}

static void test_same_entries_as_pairwise_reference(void **state)
{
    (void)state;
    srand(11);
    static ref_entry want[4096];
    for (int round = 0; round < 300; round++) {
        oas_buf b = OAS_BUF_INIT;
        oas_buf_puts(&b, "{\"r\":");
        random_value(&b, 0);
        oas_buf_puts(&b, ",\"r\":1}");
        assert_int_equal(oas_buf_status(&b), OAS_OK);
        oas_json_doc *doc = parse(b.data);
        char pointer[256] = "";
        size_t n = 0;
        reference(oas_json_doc_root(doc), pointer, 0, want, &n);
        assert_true(n >= 1);
        for (size_t max = 0; max <= 3; max++) {
            oas_report r;
            oas_report_init(&r, max);
            assert_int_equal(oas_report_duplicate_keys(oas_json_doc_root(doc), &r, NULL), OAS_OK);
            assert_int_equal(r.total, n);
            assert_int_equal(r.count, max && max < n ? max : n);
            for (size_t i = 0; i < r.count; i++) {
                assert_string_equal(r.items[i].instance_location, want[i].pointer);
                assert_int_equal(r.items[i].offset, want[i].offset);
            }
            oas_report_free(&r);
        }
        oas_json_doc_free(doc);
        oas_buf_free(&b);
    }
}

static void v_integer(const oas_json *in, oas_vctx *c)
{
    oas_v_type(c, in, OAS_VT_INTEGER, SLOC);
}

static void v_members_integer(const oas_json *in, oas_vctx *c)
{
    for (size_t i = 0; i < in->u.obj.count; i++)
        oas_v_member(c, &in->u.obj.members[i], "/additionalProperties", v_integer);
}

/* Added to a report of violations (--strict-json): one list in document
 * order; a full report keeps the first max_errors of both kinds. */
static void test_merged_with_violations(void **state)
{
    (void)state;
    /* "s" at 5 and "u" at 19 are type violations, the repeated "a" is at 9 */
    oas_json_doc *doc = parse("{\"a\":\"s\",\"a\":1,\"t\":\"u\"}");
    const oas_json *root = oas_json_doc_root(doc);
    oas_report r;
    oas_report_init(&r, 0);
    assert_false(oas_validate_run(v_members_integer, "", root, &r, NULL));
    assert_int_equal(r.count, 2);
    assert_int_equal(oas_report_duplicate_keys(root, &r, NULL), OAS_OK);
    assert_int_equal(r.count, 3);
    assert_int_equal(r.total, 3);
    assert_int_equal(r.items[0].offset, 5);
    assert_string_equal(r.items[1].keyword, "duplicateKey");
    assert_int_equal(r.items[1].offset, 9);
    assert_int_equal(r.items[2].offset, 19);
    oas_report_free(&r);

    oas_report_init(&r, 2);
    oas_validate_run(v_members_integer, "", root, &r, NULL);
    oas_report_duplicate_keys(root, &r, NULL);
    assert_int_equal(r.count, 2);
    assert_int_equal(r.total, 3);
    assert_string_equal(r.items[0].keyword, "type");
    assert_string_equal(r.items[1].keyword, "duplicateKey");
    oas_report_free(&r);
    oas_json_doc_free(doc);
}

/* 65,536 keys that all collided in the old FNV-1a table, and the first one
 * again at the end: one entry, at the last key, for n log n work
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
    assert_int_equal(oas_report_duplicate_keys(root, &r, NULL), OAS_OK);
    size_t work = oas_json_dup_work() - before, bound = (size_t)(N + 1) * (17 + 6) + 64;
    if (work > bound)
        fail_msg("%zu probes and comparisons to report %d crafted keys (bound %zu)", work,
                 N + 1, bound);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.total, 1);
    char key[64];
    snprintf(key, sizeof key, "%.*s", CRAFTED_KEY_LEN, keys);
    expect_entry(&r.items[0], "", key, root->u.obj.members[N].key_offset);
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

static void test_depth_limit(void **state)
{
    (void)state;
    oas_json_doc *doc = parse("{\"a\":[{\"b\":{\"c\":1,\"c\":2}}]}");
    oas_validate_options opts = {.max_depth = 3};
    oas_report r;
    oas_report_init(&r, 0);
    assert_int_equal(oas_report_duplicate_keys(oas_json_doc_root(doc), &r, &opts),
                     OAS_ERR_JSON_DEPTH);
    assert_int_equal(r.status, OAS_ERR_JSON_DEPTH);
    oas_report_free(&r);
    opts.max_depth = 4;
    assert_int_equal(oas_report_duplicate_keys(oas_json_doc_root(doc), &r, &opts), OAS_OK);
    assert_int_equal(r.count, 1);
    assert_string_equal(r.items[0].instance_location, "/a/0/b");
    oas_report_free(&r);
    oas_json_doc_free(doc);
}

/* Subtrees without a repeat are skipped whole, but never past the depth
 * limit: nested arrays of height h under an object beside a repeat-free
 * sibling, and with a repeat beside them, fail at a limit of h and pass
 * at h + 1, at heights on both sides of the reader's rounding (4, 16, 64,
 * 256). */
static void test_depth_limit_in_subtrees_without_repeats(void **state)
{
    (void)state;
    static const size_t heights[] = {1, 2, 3, 4, 5, 15, 16, 17, 63, 64, 65, 100, 254};
    for (size_t h = 0; h < sizeof heights / sizeof *heights; h++) {
        for (int repeat = 0; repeat < 2; repeat++) {
            oas_buf b = OAS_BUF_INIT;
            oas_buf_puts(&b, repeat ? "{\"s\":{},\"s\":{},\"deep\":" : "{\"s\":{},\"deep\":");
            for (size_t i = 0; i < heights[h]; i++)
                oas_buf_putc(&b, '[');
            for (size_t i = 0; i < heights[h]; i++)
                oas_buf_putc(&b, ']');
            oas_buf_putc(&b, '}');
            assert_int_equal(oas_buf_status(&b), OAS_OK);
            oas_json_doc *doc = parse(b.data);
            for (size_t limit = heights[h]; limit <= heights[h] + 1; limit++) {
                /* the root object is one level above the arrays */
                oas_validate_options opts = {.max_depth = limit};
                oas_report r;
                oas_report_init(&r, 0);
                oas_status want = limit < heights[h] + 1 ? OAS_ERR_JSON_DEPTH : OAS_OK;
                if (oas_report_duplicate_keys(oas_json_doc_root(doc), &r, &opts) != want)
                    fail_msg("height %zu, limit %zu, repeat %d: not %s", heights[h] + 1, limit,
                             repeat, oas_strerror(want));
                assert_int_equal(r.status, want);
                if (want == OAS_OK) {
                    assert_int_equal(r.count, (size_t)repeat);
                    if (repeat)
                        expect_entry(&r.items[0], "", "s", 8);
                }
                oas_report_free(&r);
            }
            oas_json_doc_free(doc);
            oas_buf_free(&b);
        }
    }
}

/* Every allocation fails in turn: out of memory, no leak; then the normal
 * report. */
static void test_out_of_memory(void **state)
{
    (void)state;
    /* 100 members (marks and the table are allocated), 40 repeats, and a
     * nested object (the pointer) */
    char json[2048];
    size_t len = 0;
    len += (size_t)snprintf(json + len, sizeof json - len, "{\"n\":{\"x\":1,\"x\":2}");
    for (int i = 0; i < 100; i++)
        len += (size_t)snprintf(json + len, sizeof json - len, ",\"k%d\":%d", i % 60, i);
    json[len++] = '}';
    json[len] = '\0';
    oas_json_doc *doc = parse(json);
    const oas_json *root = oas_json_doc_root(doc);
    for (size_t n = 1;; n++) {
        oas_report r;
        oas_report_init(&r, 0);
        failing_alloc_install();
        failing_alloc_fail_at(n, false);
        oas_status st = oas_report_duplicate_keys(root, &r, NULL);
        size_t failures = failing_alloc_failures();
        if (failures == 0) {
            assert_int_equal(st, OAS_OK);
            assert_int_equal(r.status, OAS_OK);
            assert_int_equal(r.count, 41);
            oas_report_free(&r);
            assert_int_equal(failing_alloc_live(), 0);
            failing_alloc_uninstall();
            assert_true(n > 3);
            break;
        }
        assert_int_equal(st, OAS_ERR_NOMEM);
        assert_int_equal(r.status, OAS_ERR_NOMEM);
        oas_report_free(&r);
        assert_int_equal(failing_alloc_live(), 0);
        failing_alloc_uninstall();
    }
    /* maxProperties on a large object with repeats needs memory too */
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
        cmocka_unit_test(test_each_repeat_in_document_order),
        cmocka_unit_test(test_pointer_and_key_escaped),
        cmocka_unit_test(test_without_offsets),
        cmocka_unit_test(test_same_entries_as_pairwise_reference),
        cmocka_unit_test(test_merged_with_violations),
        cmocka_unit_test(test_crafted_keys_one_repeat),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_depth_limit_in_subtrees_without_repeats),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
