/* test_json_dups.c - the duplicate-key detector (runtime/src/oas_json_dups.c)
 * and its keyed hash (runtime/src/oas_siphash.h):
 *  - SipHash against published vectors, the process key drawn once for
 *    every thread;
 *  - exact results (which members repeat a key, which are shadowed) against
 *    a pairwise oracle, on the table path and on the sorting fallback;
 *  - the cost bound, counted rather than timed (oas_json_dup_work: slot
 *    probes plus key comparisons): keys crafted against the old FNV-1a
 *    table, and keys that all collide under the hash itself, as if an
 *    attacker knew the key, stay within c * n log2 n;
 *  - out of memory. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "failing_alloc.h"
#include "oas_alloc.h"
#include "oas_json_internal.h"
#include "oas_siphash.h"
#include "support_crafted_keys.h"

/* n log2 n comparisons for the sort, the table's probe budget (4n + 64)
 * before it, and the pass over the sorted keys: the most the detector may
 * do for n keys, whatever they are. */
static size_t work_bound(size_t n)
{
    size_t log2n = 1;
    while (((size_t)1 << log2n) < n)
        log2n++;
    return n * (log2n + 6) + 64;
}

/* Members for the keys; key_offset is the index. */
static oas_json_member *members_of(const char *const *keys, const size_t *lens, size_t n)
{
    oas_json_member *m = calloc(n ? n : 1, sizeof *m);
    assert_non_null(m);
    for (size_t i = 0; i < n; i++) {
        m[i].key = keys[i];
        m[i].key_len = lens[i];
        m[i].key_offset = i;
    }
    return m;
}

/* Members for `count` keys of CRAFTED_KEY_LEN characters, plus one member
 * repeating key repeat_of when repeat_of < count. */
static oas_json_member *members_of_block(const char *keys, size_t count, size_t repeat_of)
{
    size_t n = count + (repeat_of < count);
    oas_json_member *m = calloc(n, sizeof *m);
    assert_non_null(m);
    for (size_t i = 0; i < n; i++) {
        m[i].key = keys + (i < count ? i : repeat_of) * CRAFTED_KEY_LEN;
        m[i].key_len = CRAFTED_KEY_LEN;
        m[i].key_offset = i;
    }
    return m;
}

/* The definition, compared pairwise. */
static void oracle_marks(const oas_json_member *m, size_t n, unsigned char *marks)
{
    memset(marks, 0, n);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (j != i && m[j].key_len == m[i].key_len &&
                memcmp(m[j].key, m[i].key, m[i].key_len) == 0)
                marks[i] |= j < i ? OAS_JSON_DUP_REPEAT : OAS_JSON_DUP_SHADOWED;
}

static uint64_t constant_hash(const char *key, size_t len)
{
    (void)key;
    (void)len;
    return 0x5eed;
}

/* ---- SipHash ----------------------------------------------------------- */

static void test_siphash_reference_vectors(void **state)
{
    (void)state;
    /* SipHash-2-4, key 00 01 .. 0f, message 00 01 .. (len - 1): the
     * reference implementation's vectors (len 15 is the paper's example). */
    static const struct { size_t len; uint64_t hash; } v24[] = {
        {0, UINT64_C(0x726fdb47dd0e0e31)},  {1, UINT64_C(0x74f839c593dc67fd)},
        {2, UINT64_C(0x0d6c8009d9a94f5a)},  {3, UINT64_C(0x85676696d7fb7e2d)},
        {15, UINT64_C(0xa129ca6149be45e5)}, {63, UINT64_C(0x958a324ceb064572)},
    };
    unsigned char key_bytes[16], msg[64];
    for (unsigned i = 0; i < sizeof key_bytes; i++)
        key_bytes[i] = (unsigned char)i;
    for (unsigned i = 0; i < sizeof msg; i++)
        msg[i] = (unsigned char)i;
    oas_siphash_key key = oas_siphash_key_from_bytes(key_bytes);
    for (size_t i = 0; i < sizeof v24 / sizeof v24[0]; i++)
        assert_int_equal(oas_siphash(&key, 2, 4, msg, v24[i].len), v24[i].hash);

    /* SipHash-1-3 with the all-zero key: CPython's hash() of the same bytes
     * under PYTHONHASHSEED=0 (sys.hash_info.algorithm 'siphash13'). */
    static const struct { const char *text; int64_t hash; } v13[] = {
        {"a", INT64_C(4644417185603328019)},
        {"abc", INT64_C(-4594863902769663758)},
        {"hello world", INT64_C(-5642461784034726774)},
        {"0123456789abcdef!", INT64_C(-7754245765261131062)},
    };
    oas_siphash_key zero = {0, 0};
    for (size_t i = 0; i < sizeof v13 / sizeof v13[0]; i++)
        assert_int_equal((int64_t)oas_siphash(&zero, 1, 3, v13[i].text, strlen(v13[i].text)),
                         v13[i].hash);
    assert_int_not_equal(oas_siphash(&zero, 1, 3, NULL, 0), oas_siphash(&key, 1, 3, NULL, 0));
}

static void *read_process_key(void *out)
{
    *(oas_siphash_key *)out = *oas_siphash_process_key();
    return NULL;
}

/* One key for the whole process, whichever thread asks first, and not the
 * all-zero key of a table that was never seeded. */
static void test_process_key_drawn_once(void **state)
{
    (void)state;
    enum { THREADS = 4 };
    pthread_t threads[THREADS];
    oas_siphash_key seen[THREADS];
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, read_process_key, &seen[i]), 0);
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_join(threads[i], NULL), 0);
    const oas_siphash_key *key = oas_siphash_process_key();
    assert_true(key->k0 != 0 || key->k1 != 0);
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(seen[i].k0, key->k0);
        assert_int_equal(seen[i].k1, key->k1);
    }
    assert_ptr_equal(oas_siphash_process_key(), key);
}

/* ---- exact results --------------------------------------------------------- */

/* marks and found on both paths equal the oracle's for n keys drawn from a
 * small set (short strings of 'a' and 'b', the empty one included), so most
 * keys repeat; one table serves every size in turn. */
static void check_against_oracle(uint64_t (*pinned)(const char *, size_t))
{
    static const size_t sizes[] = {0, 1, 2, 7, 8, 9, 10, 15, 16, 17, 31, 32, 33, 100, 257, 1000};
    static const char *const pool[] = {"", "a", "b", "aa", "ab", "ba", "bb", "aab", "abb",
                                       "bab", "bbb", "aaaa", "abab", "bbbb", "aaab", "baba"};
    enum { POOL = sizeof pool / sizeof pool[0] };
    oas_json_dup_table table = {.pinned_hash = pinned};
    srand(7);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (int round = 0; round < 4; round++) {
            size_t n = sizes[s];
            const char **keys = calloc(n + 1, sizeof *keys);
            size_t *lens = calloc(n + 1, sizeof *lens);
            assert_true(keys && lens);
            /* round 0: all distinct where the pool allows; later rounds draw
             * from fewer and fewer keys */
            size_t spread = round == 0 ? POOL : (size_t)POOL >> round;
            for (size_t i = 0; i < n; i++) {
                keys[i] = pool[round == 0 ? i % POOL : (size_t)rand() % spread];
                lens[i] = strlen(keys[i]);
            }
            oas_json_member *m = members_of(keys, lens, n);
            unsigned char *want = malloc(n + 1), *got = malloc(n + 1);
            assert_true(want && got);
            oracle_marks(m, n, want);
            memset(got, 0xee, n + 1);
            assert_int_equal(oas_json_mark_duplicates(&table, m, n, got), OAS_OK);
            assert_memory_equal(got, want, n);
            assert_int_equal(got[n], 0xee); /* nothing written past the end */
            bool any = false;
            for (size_t i = 0; i < n; i++)
                any |= want[i] != 0;
            bool found = !any; /* must be overwritten */
            assert_int_equal(oas_json_find_duplicates(&table, m, n, &found), OAS_OK);
            assert_int_equal(found, any);
            free(got);
            free(want);
            free(m);
            free(lens);
            free(keys);
        }
    }
    oas_free(table.table);
}

static void test_marks_match_oracle_keyed(void **state)
{
    (void)state;
    check_against_oracle(NULL);
}

/* Every key hashes alike: the table gives up and the sort answers. */
static void test_marks_match_oracle_all_colliding(void **state)
{
    (void)state;
    check_against_oracle(constant_hash);
}

/* A key repeated a million times: linear, and only the first occurrence is
 * not a repeat, only the last is not shadowed. */
static void test_one_key_many_times(void **state)
{
    (void)state;
    enum { N = 1000000 };
    static const char *const one[] = {"k"};
    static const size_t one_len[] = {1};
    oas_json_member *m = calloc(N, sizeof *m);
    unsigned char *marks = malloc(N);
    assert_true(m && marks);
    for (size_t i = 0; i < N; i++) {
        m[i].key = one[0];
        m[i].key_len = one_len[0];
    }
    for (int pinned = 0; pinned < 2; pinned++) {
        oas_json_dup_table table = {.pinned_hash = pinned ? constant_hash : NULL};
        size_t before = oas_json_dup_work();
        assert_int_equal(oas_json_mark_duplicates(&table, m, N, marks), OAS_OK);
        assert_true(oas_json_dup_work() - before <= 2 * (size_t)N);
        assert_int_equal(marks[0], OAS_JSON_DUP_SHADOWED);
        assert_int_equal(marks[N - 1], OAS_JSON_DUP_REPEAT);
        for (size_t i = 1; i < N - 1; i++)
            if (marks[i] != (OAS_JSON_DUP_REPEAT | OAS_JSON_DUP_SHADOWED))
                fail_msg("member %zu: marks %u", i, marks[i]);
        oas_free(table.table);
    }
    free(marks);
    free(m);
}

/* ---- cost on crafted keys ---------------------------------------------------- */

/* Keys that all landed in one small window of the old FNV-1a table: no
 * duplicate is invented, the one repeat is found exactly, and the work stays
 * within the bound (the old table needed about n^2 / 2 probes). */
static void test_fnv_crafted_keys(void **state)
{
    (void)state;
    enum { N = 16384 };
    char *keys = crafted_keys_colliding(N, N + 1);
    assert_non_null(keys);
    oas_json_member *m = members_of_block(keys, N, N);
    oas_json_dup_table table = {0};
    bool found = true;
    size_t before = oas_json_dup_work();
    assert_int_equal(oas_json_find_duplicates(&table, m, N, &found), OAS_OK);
    size_t work = oas_json_dup_work() - before;
    assert_false(found);
    if (work > work_bound(N))
        fail_msg("%zu probes and comparisons for %d crafted keys (bound %zu)", work, N,
                 work_bound(N));
    free(m);

    m = members_of_block(keys, N, 4321); /* key 4321 once more, at the end */
    unsigned char *marks = malloc(N + 1);
    assert_non_null(marks);
    before = oas_json_dup_work();
    assert_int_equal(oas_json_mark_duplicates(&table, m, N + 1, marks), OAS_OK);
    work = oas_json_dup_work() - before;
    if (work > work_bound(N + 1))
        fail_msg("%zu probes and comparisons to mark %d crafted keys (bound %zu)", work, N + 1,
                 work_bound(N + 1));
    for (size_t i = 0; i <= N; i++)
        assert_int_equal(marks[i], i == 4321 ? OAS_JSON_DUP_SHADOWED
                                   : i == N  ? OAS_JSON_DUP_REPEAT
                                             : 0);
    assert_int_equal(oas_json_find_duplicates(&table, m, N + 1, &found), OAS_OK);
    assert_true(found);
    free(marks);
    free(m);
    oas_free(table.table);
    free(keys);
}

/* Worst case: every key has the same hash (as if the key had leaked). The
 * result is still exact and the work n log n, not n^2. */
static void test_all_keys_colliding(void **state)
{
    (void)state;
    enum { N = 65536 };
    char *keys = crafted_keys_ordinary(N);
    assert_non_null(keys);
    oas_json_dup_table table = {.pinned_hash = constant_hash};
    oas_json_member *m = members_of_block(keys, N, N);
    bool found = true;
    size_t before = oas_json_dup_work();
    assert_int_equal(oas_json_find_duplicates(&table, m, N, &found), OAS_OK);
    size_t work = oas_json_dup_work() - before;
    assert_false(found);
    if (work > work_bound(N))
        fail_msg("%zu probes and comparisons for %d colliding keys (bound %zu)", work, N,
                 work_bound(N));
    free(m);

    /* three members repeat earlier keys: 10 twice (so the middle one is both
     * a repeat and shadowed), 0 once */
    enum { TOTAL = N + 3 };
    m = calloc(TOTAL, sizeof *m);
    assert_non_null(m);
    size_t next = 0;
    for (size_t i = 0; i < TOTAL; i++) {
        size_t k = i == 20000 || i == TOTAL - 1 ? 10 : i == 40001 ? 0 : next++;
        m[i].key = keys + k * CRAFTED_KEY_LEN;
        m[i].key_len = CRAFTED_KEY_LEN;
    }
    unsigned char *marks = malloc(TOTAL), *want = malloc(TOTAL);
    assert_true(marks && want);
    before = oas_json_dup_work();
    assert_int_equal(oas_json_mark_duplicates(&table, m, TOTAL, marks), OAS_OK);
    work = oas_json_dup_work() - before;
    if (work > work_bound(TOTAL))
        fail_msg("%zu probes and comparisons to mark %d colliding keys (bound %zu)", work, TOTAL,
                 work_bound(TOTAL));
    memset(want, 0, TOTAL);
    want[0] = OAS_JSON_DUP_SHADOWED;
    want[10] = OAS_JSON_DUP_SHADOWED;
    want[20000] = OAS_JSON_DUP_REPEAT | OAS_JSON_DUP_SHADOWED;
    want[40001] = OAS_JSON_DUP_REPEAT;
    want[TOTAL - 1] = OAS_JSON_DUP_REPEAT;
    assert_memory_equal(marks, want, TOTAL);
    free(want);
    free(marks);
    free(m);
    oas_free(table.table);
    free(keys);
}

/* ---- out of memory ------------------------------------------------------- */

static void test_out_of_memory(void **state)
{
    (void)state;
    enum { N = 100 };
    char *keys = crafted_keys_ordinary(N);
    assert_non_null(keys);
    oas_json_member *m = members_of_block(keys, N, 0);
    unsigned char marks[N + 1];
    failing_alloc_install();
    failing_alloc_fail_at(1, true);
    oas_json_dup_table table = {0};
    bool found = true;
    assert_int_equal(oas_json_find_duplicates(&table, m, N + 1, &found), OAS_ERR_NOMEM);
    assert_int_equal(oas_json_mark_duplicates(&table, m, N + 1, marks), OAS_ERR_NOMEM);
    assert_null(table.table);
    /* small objects need no table */
    assert_int_equal(oas_json_find_duplicates(&table, m, 8, &found), OAS_OK);
    assert_false(found);
    failing_alloc_fail_at(0, false);
    assert_int_equal(oas_json_find_duplicates(&table, m, N + 1, &found), OAS_OK);
    assert_true(found);
    oas_free(table.table);
    assert_int_equal(failing_alloc_live(), 0);
    failing_alloc_uninstall();
    free(m);
    free(keys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_siphash_reference_vectors),
        cmocka_unit_test(test_process_key_drawn_once),
        cmocka_unit_test(test_marks_match_oracle_keyed),
        cmocka_unit_test(test_marks_match_oracle_all_colliding),
        cmocka_unit_test(test_one_key_many_times),
        cmocka_unit_test(test_fnv_crafted_keys),
        cmocka_unit_test(test_all_keys_colliding),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
