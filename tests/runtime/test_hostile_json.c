/* test_hostile_json.c - hostile input to the strict JSON reader: each case
 * ends in a clear error or the documented result (runtime/include/oas/oas_json.h), on a
 * thread with a 256 KiB stack (so recursion would show as a crash), at a
 * cost that is counted, not timed (a time limit breaks under load or
 * valgrind): the allocations and bytes asked for, and the duplicate-key
 * work. OAS_HOSTILE_SMALL=1 (set by scripts/sanitizers.sh for valgrind)
 * divides the big sizes by 100; the rules checked are the same. */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_json.h"
#include "oas_json_internal.h"
#include "oas_json_parser.h"
#include "support_crafted_keys.h"

#define SMALL_STACK (256u * 1024u)

/* What a parse may ask the allocator for, from what it must do
 * (oas_json_parse.c); the figures measured are in the comments. */

/* A level of nesting costs a frame (72 bytes; twice that while the frame
 * stack doubles), a count byte, and its children: a staging slot each (40
 * bytes; 80 while the slots double) or, counted, an arena array (24 bytes
 * an item, 40 a member). The nested shapes here have at most two children
 * a level: about 300 bytes (measured 160 to 284). */
#define LEVEL_BYTES 512u
/* The arena's and the document's headers and the first sizes of the
 * stacks and of the duplicate-key table: about 6 KiB. */
#define FIXED_BYTES 8192u
/* The arena (a block more when staged children outgrow it) and the
 * stacks of frames, slots and counts, each doubling from 32 entries or
 * more to the 257 a rejection opens at most: about a dozen (measured 6
 * counted, 9 staged). */
#define NESTING_ALLOCATIONS 20u
/* A member costs its node (40 bytes), its staging slot (40; 80 while the
 * slots double) and its share of the duplicate-key table (two to four
 * 16-byte slots): under 200 bytes (measured 29 to 92). */
#define MEMBER_BYTES 256u
/* Probes and key comparisons of the duplicate-key check: a few a member.
 * The table's hash is keyed at random per process, so the figure moves a
 * little from run to run (0.2 to 0.46 a member measured), far below. */
#define MEMBER_DUP_WORK 8u

static size_t scaled(size_t n)
{
    const char *small = getenv("OAS_HOSTILE_SMALL");
    return small && *small == '1' ? n / 100 : n;
}

typedef struct parse_job {
    const char *input;
    size_t len;
    oas_json_options opts;
    oas_status status;
    oas_error err;
    oas_json_doc *doc;
    size_t dup_work; /* the parse's probes and key comparisons (oas_json_dup_work) */
    size_t allocations, bytes; /* what the parse asked the allocator for */
} parse_job;

static void *parse_thread(void *arg)
{
    parse_job *job = arg;
    size_t work = oas_json_dup_work();
    job->status = oas_json_parse(job->input, job->len, &job->opts, &job->doc, &job->err);
    job->dup_work = oas_json_dup_work() - work;
    return NULL;
}

/* Parse on a 256 KiB-stack thread, counting its allocations (the
 * allocator is process-global: installed here, before the thread starts,
 * and restored after it ends); the caller frees job->doc. */
static parse_job parse_small_stack(const char *input, size_t len, size_t max_bytes)
{
    parse_job job = {.input = input, .len = len, .opts = {.max_bytes = max_bytes}};
    pthread_attr_t attr;
    pthread_t thread;
    assert_int_equal(pthread_attr_init(&attr), 0);
    assert_int_equal(pthread_attr_setstacksize(&attr, SMALL_STACK), 0);
    failing_alloc_install();
    assert_int_equal(pthread_create(&thread, &attr, parse_thread, &job), 0);
    assert_int_equal(pthread_join(thread, NULL), 0);
    job.allocations = failing_alloc_calls();
    job.bytes = failing_alloc_bytes();
    failing_alloc_uninstall();
    pthread_attr_destroy(&attr);
    return job;
}

/* The arena a parse reserves before it reads a byte: the input's copy
 * and, for an input small enough to be staged (under
 * OAS_JSON_COUNTING_PASS_MIN bytes), 5 bytes per input byte for the
 * children arrays (STAGED_ARENA_FACTOR); from that size on the counting
 * pass reserves them exactly instead, or, for an input it finds sparse,
 * what the input's start foretells (a few bytes for a long string). */
static size_t arena_reserved(size_t len)
{
    return len + 1 + (len < OAS_JSON_COUNTING_PASS_MIN ? 5 * len : 0);
}

/* A parse refused, or of nested containers only, costs the arena it
 * reserves and a bounded amount per level it opened, however deep the
 * input goes: it opens no more levels than the limit and the one it
 * refuses, nor than the input has bytes. */
static void assert_nesting_cost(const parse_job *job)
{
    size_t levels = job->len < OAS_JSON_DEFAULT_MAX_DEPTH + 1 ? job->len
                                                               : OAS_JSON_DEFAULT_MAX_DEPTH + 1;
    size_t bound = arena_reserved(job->len) + levels * LEVEL_BYTES + FIXED_BYTES;
    if (job->allocations > NESTING_ALLOCATIONS || job->bytes > bound)
        fail_msg("%zu bytes of input: %zu allocations (bound %u) of %zu bytes (bound %zu)",
                 job->len, job->allocations, NESTING_ALLOCATIONS, job->bytes, bound);
}

/* n members cost the arena reserved for the input, a bounded amount and
 * bounded duplicate-key work each. */
static void assert_member_cost(const parse_job *job, size_t n)
{
    size_t bound = arena_reserved(job->len) + n * MEMBER_BYTES + FIXED_BYTES;
    if (job->bytes > bound || job->dup_work > n * MEMBER_DUP_WORK)
        fail_msg("%zu members: %zu bytes (bound %zu), %zu probes and comparisons (bound %zu)", n,
                 job->bytes, bound, job->dup_work, n * MEMBER_DUP_WORK);
}

static void expect_error(const char *input, size_t len, oas_status code, size_t offset)
{
    parse_job job = parse_small_stack(input, len, 0);
    assert_int_equal(job.status, code);
    assert_null(job.doc);
    assert_int_equal(job.err.offset, offset);
    assert_nesting_cost(&job);
}

#define EXPECT_ERROR(lit, code, offset) expect_error(lit, sizeof(lit) - 1, code, offset)

/* A buffer of `open` repeated n times, then `middle`, then `close` n times. */
static char *nest(const char *open, size_t n, const char *middle, const char *close, size_t *len)
{
    size_t lo = strlen(open), lm = strlen(middle), lc = strlen(close);
    *len = n * (lo + lc) + lm;
    char *s = malloc(*len);
    assert_non_null(s);
    char *p = s;
    for (size_t i = 0; i < n; i++, p += lo)
        memcpy(p, open, lo);
    memcpy(p, middle, lm);
    p += lm;
    for (size_t i = 0; i < n; i++, p += lc)
        memcpy(p, close, lc);
    return s;
}

static void expect_depth_error(const char *open, const char *middle, const char *close)
{
    size_t len;
    char *s = nest(open, scaled(1000000), middle, close, &len);
    /* The 257th opener is refused where it stands, before any descent. */
    expect_error(s, len, OAS_ERR_JSON_DEPTH, OAS_JSON_DEFAULT_MAX_DEPTH * strlen(open));
    free(s);
}

static void test_million_deep_arrays(void **state)
{
    (void)state;
    expect_depth_error("[", "", "]");
    expect_depth_error("[", "", ""); /* never closed: still a depth error */
}

static void test_million_deep_objects(void **state)
{
    (void)state;
    expect_depth_error("{\"a\":", "1", "}");
}

static void test_million_deep_last_period_chain(void **state)
{
    (void)state;
    expect_depth_error("{\"score\":1,\"lastPeriod\":", "null", "}");
}

static void test_depth_limit_boundary(void **state)
{
    (void)state;
    size_t len;
    char *s = nest("[", OAS_JSON_DEFAULT_MAX_DEPTH, "", "]", &len);
    parse_job job = parse_small_stack(s, len, 0);
    assert_int_equal(job.status, OAS_OK);
    assert_nesting_cost(&job);
    oas_json_doc_free(job.doc);
    free(s);
    s = nest("[", OAS_JSON_DEFAULT_MAX_DEPTH + 1, "", "]", &len);
    expect_error(s, len, OAS_ERR_JSON_DEPTH, OAS_JSON_DEFAULT_MAX_DEPTH);
    free(s);
}

static void test_100mb_string(void **state)
{
    (void)state;
    size_t n = scaled((size_t)100 << 20);
    char *s = malloc(n + 2);
    assert_non_null(s);
    s[0] = '"';
    memset(s + 1, 'x', n);
    s[n + 1] = '"';
    parse_job job = parse_small_stack(s, n + 2, 0);
    assert_int_equal(job.status, OAS_OK);
    /* One arena block: the copy, in which the string is decoded in place,
       and the headers (measured: 1 allocation, 78 bytes beyond the copy). */
    assert_true(job.allocations <= 2);
    assert_true(job.bytes <= arena_reserved(n + 2) + FIXED_BYTES);
    const oas_json *root = oas_json_doc_root(job.doc);
    assert_int_equal(root->type, OAS_JSON_STRING);
    assert_int_equal(root->u.str.len, n);
    assert_int_equal(root->u.str.ptr[n - 1], 'x');
    assert_int_equal(root->u.str.ptr[n], '\0');
    oas_json_doc_free(job.doc);
    /* Under a size cap (the client's is 8 MiB; n is scaled down under
       valgrind, so the cap is taken relative to n) it is refused up front. */
    job = parse_small_stack(s, n + 2, n / 2);
    assert_int_equal(job.status, OAS_ERR_JSON_LIMIT);
    assert_null(job.doc);
    assert_int_equal(job.allocations, 0);
    free(s);
}

/* {"k0":0,"k1":1,...}: distinct keys, or all the same key. */
static char *many_members(size_t n, bool same_key, size_t *len)
{
    char *s = malloc(n * 24 + 2);
    assert_non_null(s);
    char *p = s;
    *p++ = '{';
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s\"k%zu\":%zu", i ? "," : "", same_key ? (size_t)0 : i, i);
    *p++ = '}';
    *len = (size_t)(p - s);
    return s;
}

static void test_million_member_object(void **state)
{
    (void)state;
    size_t n = scaled(1000000), len;
    char *s = many_members(n, false, &len);
    parse_job job = parse_small_stack(s, len, 0);
    assert_int_equal(job.status, OAS_OK);
    assert_member_cost(&job, n);
    const oas_json *root = oas_json_doc_root(job.doc);
    assert_int_equal(root->u.obj.count, n);
    assert_int_equal(root->flags & OAS_JSON_F_DUPKEYS, 0);
    char key[32];
    int klen = sprintf(key, "k%zu", n - 1);
    const oas_json *last = oas_json_get(root, key, (size_t)klen);
    assert_non_null(last);
    assert_int_equal(last->u.num.i, (int64_t)(n - 1));
    oas_json_doc_free(job.doc);
    free(s);
}

/* Duplicates are kept in order, flagged, and the last one wins - also
 * when a million members share one key (no quadratic blow-up). */
static void test_duplicate_keys(void **state)
{
    (void)state;
    size_t n = scaled(1000000), len;
    char *s = many_members(n, true, &len);
    parse_job job = parse_small_stack(s, len, 0);
    assert_int_equal(job.status, OAS_OK);
    assert_member_cost(&job, n);
    const oas_json *root = oas_json_doc_root(job.doc);
    assert_int_equal(root->u.obj.count, n);
    assert_true(root->flags & OAS_JSON_F_DUPKEYS);
    assert_int_equal(oas_json_get(root, "k0", 2)->u.num.i, (int64_t)(n - 1));
    oas_json_doc_free(job.doc);
    free(s);
}

/* 131,072 keys crafted to collide in the FNV-1a table the reader used to
 * have (one window of it, so every insertion walked the whole cluster:
 * about n^2 / 2 probes, tens of seconds). The work is counted, not timed,
 * and must stay within n log2 n terms; nothing is taken for a duplicate,
 * and a single repeat of one of them is found, the last occurrence
 * winning. */
static void test_crafted_colliding_keys(void **state)
{
    (void)state;
    size_t n = scaled(131072), len, log2n = 1;
    while (((size_t)1 << log2n) < n + 1)
        log2n++;
    size_t bound = (n + 1) * (log2n + 6) + 64;
    char *keys = crafted_keys_colliding(n, n);
    assert_non_null(keys);
    for (int repeat = 0; repeat < 2; repeat++) {
        size_t repeated = n / 7 * 2; /* a key from the middle, once more at the end */
        char *s = crafted_keys_object(keys, n, repeat ? repeated : n, &len);
        assert_non_null(s);
        parse_job job = parse_small_stack(s, len, 0);
        assert_int_equal(job.status, OAS_OK);
        if (job.dup_work > bound)
            fail_msg("%zu probes and comparisons for %zu crafted keys (bound %zu)", job.dup_work,
                     n + (size_t)repeat, bound);
        const oas_json *root = oas_json_doc_root(job.doc);
        assert_int_equal(root->u.obj.count, n + (size_t)repeat);
        assert_int_equal(root->flags & OAS_JSON_F_DUPKEYS, repeat ? OAS_JSON_F_DUPKEYS : 0);
        for (size_t i = 0; i < n; i += n / 7) {
            const oas_json *v = oas_json_get(root, keys + i * CRAFTED_KEY_LEN, CRAFTED_KEY_LEN);
            assert_non_null(v);
            assert_int_equal(v->u.num.i, (int64_t)(repeat && i == repeated ? n : i));
        }
        oas_json_doc_free(job.doc);
        free(s);
    }
    free(keys);
}

/* Every class of invalid UTF-8 inside a string (value or key) is
 * OAS_ERR_JSON_UTF8 at the offending sequence's first byte. */
static void test_invalid_utf8_classes(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\x80", "\xbf",                     /* lone continuation bytes */
        "\xc0\x80", "\xc1\xbf",             /* overlong 2-byte (C0, C1 never valid) */
        "\xe0\x80\x80", "\xe0\x9f\xbf",     /* overlong 3-byte */
        "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", /* overlong 4-byte */
        "\xed\xa0\x80", "\xed\xbf\xbf",     /* UTF-16 surrogates encoded in UTF-8 */
        "\xf4\x90\x80\x80",                 /* above U+10FFFF */
        "\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80", "\xfc\x84\x80\x80\x80\x80",
        "\xfe", "\xff",                     /* bytes never used */
        "\xc3", "\xe2\x82", "\xf0\x9f\x98", /* truncated sequences */
        "\xc3\x28", "\xe2\x28\xa1",         /* a non-continuation inside */
    };
    char buf[32];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int n = snprintf(buf, sizeof buf, "\"a%s\"", bad[i]);
        expect_error(buf, (size_t)n, OAS_ERR_JSON_UTF8, 2);
        n = snprintf(buf, sizeof buf, "{\"%s\":1}", bad[i]);
        expect_error(buf, (size_t)n, OAS_ERR_JSON_UTF8, 2);
    }
}

/* The boundaries of every UTF-8 length are accepted byte for byte. */
static void test_valid_utf8_boundaries(void **state)
{
    (void)state;
    static const char *const good[] = {
        "\x7f", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf",
        "\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf",
    };
    char buf[16];
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        int n = snprintf(buf, sizeof buf, "\"%s\"", good[i]);
        parse_job job = parse_small_stack(buf, (size_t)n, 0);
        assert_int_equal(job.status, OAS_OK);
        const oas_json *root = oas_json_doc_root(job.doc);
        assert_int_equal(root->u.str.len, strlen(good[i]));
        assert_memory_equal(root->u.str.ptr, good[i], strlen(good[i]));
        oas_json_doc_free(job.doc);
    }
}

static void test_surrogate_escapes(void **state)
{
    (void)state;
    EXPECT_ERROR("\"\\ud800\"", OAS_ERR_JSON_UTF8, 1);
    EXPECT_ERROR("\"\\udc00\"", OAS_ERR_JSON_UTF8, 1);
    EXPECT_ERROR("\"ab\\ud800\\u0041\"", OAS_ERR_JSON_UTF8, 3);
    EXPECT_ERROR("\"\\ud800x\"", OAS_ERR_JSON_UTF8, 1);
    EXPECT_ERROR("\"\\udfff\\ud800\"", OAS_ERR_JSON_UTF8, 1);
    EXPECT_ERROR("{\"\\ud800\":1}", OAS_ERR_JSON_UTF8, 2);
    parse_job job = parse_small_stack("\"\\udbff\\udfff\"", 14, 0);
    assert_int_equal(job.status, OAS_OK);
    assert_memory_equal(oas_json_doc_root(job.doc)->u.str.ptr, "\xf4\x8f\xbf\xbf", 5);
    oas_json_doc_free(job.doc);
}

/* "\u0000" is kept (the DOM has lengths); the typed model refuses it. */
static void test_escaped_nul(void **state)
{
    (void)state;
    parse_job job = parse_small_stack("\"a\\u0000b\"", 10, 0);
    assert_int_equal(job.status, OAS_OK);
    const oas_json *root = oas_json_doc_root(job.doc);
    assert_int_equal(root->u.str.len, 3);
    assert_memory_equal(root->u.str.ptr, "a\0b", 4);
    oas_json_doc_free(job.doc);
    /* A raw NUL byte is a control character: refused. */
    expect_error("\"a\0b\"", 5, OAS_ERR_JSON_SYNTAX, 2);
}

static const oas_json *parse_number(const char *text, parse_job *job)
{
    *job = parse_small_stack(text, strlen(text), 0);
    assert_int_equal(job->status, OAS_OK);
    const oas_json *root = oas_json_doc_root(job->doc);
    assert_int_equal(root->type, OAS_JSON_NUMBER);
    assert_memory_equal(root->u.num.text, text, strlen(text)); /* text kept */
    return root;
}

static void test_numbers(void **state)
{
    (void)state;
    parse_job job;
    /* -0: an integer, exactly 0 as int64, negative zero as a double. */
    const oas_json *n = parse_number("-0", &job);
    assert_int_equal(n->flags, OAS_JSON_F_INTEGER | OAS_JSON_F_INT64);
    assert_int_equal(n->u.num.i, 0);
    assert_true(oas_json_number_double(n) == 0.0 && signbit(oas_json_number_double(n)));
    oas_json_doc_free(job.doc);
    /* Underflow rounds to 0 (documented); not an integer, beyond double. */
    n = parse_number("1e-400", &job);
    assert_true(oas_json_number_double(n) == 0.0);
    assert_int_equal(n->flags, OAS_JSON_F_BEYOND_DOUBLE);
    oas_json_doc_free(job.doc);
    /* Overflow: an integer (2020-12: 1e400 is one), infinity as a double. */
    n = parse_number("1e400", &job);
    assert_int_equal(n->flags, OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE);
    assert_true(isinf(oas_json_number_double(n)) && oas_json_number_double(n) > 0);
    oas_json_doc_free(job.doc);
    n = parse_number("-1.5e400", &job);
    assert_int_equal(n->flags, OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE);
    assert_true(isinf(oas_json_number_double(n)) && oas_json_number_double(n) < 0);
    oas_json_doc_free(job.doc);
    /* The largest double's next decimal up rounds to infinity. */
    n = parse_number("1.7976931348623159e308", &job);
    assert_int_equal(n->flags, OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE);
    oas_json_doc_free(job.doc);
    /* A saturated exponent, a fraction: not an integer, still a number. */
    n = parse_number("1.5e-99999999999999999999", &job);
    assert_int_equal(n->flags, OAS_JSON_F_BEYOND_DOUBLE);
    oas_json_doc_free(job.doc);
    n = parse_number("0.0e-400", &job); /* zero is no underflow */
    assert_int_equal(n->flags, OAS_JSON_F_INTEGER | OAS_JSON_F_INT64);
    oas_json_doc_free(job.doc);
    /* int64 edges: exact inside, INTEGER without INT64 outside. */
    n = parse_number("-9223372036854775808", &job);
    assert_int_equal(n->flags, OAS_JSON_F_INTEGER | OAS_JSON_F_INT64);
    assert_true(n->u.num.i == INT64_MIN);
    oas_json_doc_free(job.doc);
    n = parse_number("9223372036854775808", &job);
    assert_int_equal(n->flags, OAS_JSON_F_INTEGER);
    oas_json_doc_free(job.doc);
}

/* A 300-digit integer fits a double (approximately) and keeps its exact
 * text; a 400-digit one does not fit a double, and keeps its text too. */
static void test_long_integers(void **state)
{
    (void)state;
    char digits[402];
    memset(digits, '9', 300);
    digits[300] = '\0';
    parse_job job;
    const oas_json *n = parse_number(digits, &job);
    assert_int_equal(n->flags, OAS_JSON_F_INTEGER);
    assert_int_equal(strlen(n->u.num.text), 300);
    assert_true(oas_json_number_double(n) > 9.9e299 && isfinite(oas_json_number_double(n)));
    oas_json_doc_free(job.doc);
    memset(digits, '9', 400);
    digits[400] = '\0';
    n = parse_number(digits, &job);
    assert_int_equal(n->flags, OAS_JSON_F_INTEGER | OAS_JSON_F_BEYOND_DOUBLE);
    assert_int_equal(strlen(n->u.num.text), 400);
    oas_json_doc_free(job.doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_million_deep_arrays),
        cmocka_unit_test(test_million_deep_objects),
        cmocka_unit_test(test_million_deep_last_period_chain),
        cmocka_unit_test(test_depth_limit_boundary),
        cmocka_unit_test(test_100mb_string),
        cmocka_unit_test(test_million_member_object),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_crafted_colliding_keys),
        cmocka_unit_test(test_invalid_utf8_classes),
        cmocka_unit_test(test_valid_utf8_boundaries),
        cmocka_unit_test(test_surrogate_escapes),
        cmocka_unit_test(test_escaped_nul),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_long_integers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
