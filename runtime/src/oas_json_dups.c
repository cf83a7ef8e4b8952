/* oas_json_dups.c - which members of an object repeat a key?
 *
 * Pairwise for the small objects APIs send, and only for keys that share a
 * length-and-first-byte class with an earlier key. Larger ones go through a
 * linear-probing table hashed with SipHash-1-3 under the process's random
 * key, so nobody can choose keys that collide without knowing that key. The
 * worst case does not rest on the key staying secret, though: the table
 * gets a budget of probe steps linear in the member count, and when keys
 * exhaust it (only keys chosen to collide do) the members are sorted by key
 * instead, O(n log n) comparisons whatever the keys. */
#include "oas_json_internal.h"

#include <stdint.h>
#include <string.h>

#include "oas_alloc.h"
#include "oas_siphash.h"

/* Up to this many members pairs are compared (at most 120 comparisons):
 * cheaper than hashing every key for the objects of typical responses,
 * a dozen members or so. */
#define SMALL_OBJECT 16

/* Probe steps onto occupied slots all insertions of one call may take. With
 * a uniform hash and the table at most half full they average under one per
 * member, so 4n + 64 is far beyond what honest keys need, and the cost of
 * hitting it is at most linear before the sort takes over. */
#define PROBE_BUDGET(n) (4 * (n) + 64)

typedef struct dup_slot {
    uint64_t hash;
    size_t index; /* SIZE_MAX: empty */
} dup_slot;

/* One call's job: find the first duplicate, or mark them all. */
typedef struct dup_scan {
    const oas_json_member *m;
    size_t count;
    unsigned char *marks; /* NULL: stop at the first duplicate */
    bool found;
    size_t work; /* slot probes and key comparisons, for oas_json_dup_work */
} dup_scan;

static _Thread_local size_t thread_dup_work;

size_t oas_json_dup_work(void)
{
    return thread_dup_work;
}

/* The first byte inline: distinct keys of the same length mostly differ
 * there, and memcmp is a call. */
/* m[earlier] and m[later] have the same key and no member between them
 * does; false when the scan can stop. */
static bool note_duplicate(dup_scan *s, size_t earlier, size_t later)
{
    s->found = true;
    if (!s->marks)
        return false;
    s->marks[earlier] |= OAS_JSON_DUP_SHADOWED;
    s->marks[later] |= OAS_JSON_DUP_REPEAT;
    return true;
}

/* A key is compared with the earlier ones only when an earlier key is in
 * its class: an object without repeats mostly costs one test per member. */
static void scan_pairwise(dup_scan *s)
{
    const oas_json_member *m = s->m;
    size_t work = 0; /* a local: s->work through the pointer costs a store per pair */
    uint64_t classes = 0;
    for (size_t i = 0; i < s->count; i++) {
        uint64_t bit = oas_json_key_class(m[i].key, m[i].key_len);
        if (classes & bit)
            for (size_t j = i; j-- > 0;) {
                work++;
                if (oas_json_same_key(&m[j], &m[i])) {
                    if (!note_duplicate(s, j, i)) {
                        s->work += work;
                        return;
                    }
                    break;
                }
            }
        classes |= bit;
    }
    s->work += work;
}

static uint64_t key_hash(const oas_json_dup_table *t, const oas_siphash_key *key,
                         const oas_json_member *m)
{
    if (t->pinned_hash)
        return t->pinned_hash(m->key, m->key_len);
    return oas_siphash(key, 1, 3, m->key, m->key_len);
}

typedef enum probe_outcome { PROBE_NEXT, PROBE_STOP, PROBE_OVER_BUDGET } probe_outcome;

/* Put member i (hash h) in the table, or note it as a repeat of the member
 * its slot holds, which it then replaces: each slot holds the latest
 * occurrence of its key. */
static probe_outcome insert_member(dup_scan *s, dup_slot *slots, size_t mask, uint64_t h,
                                   size_t i, size_t *budget)
{
    size_t pos = (size_t)h & mask;
    while (slots[pos].index != SIZE_MAX) {
        s->work++;
        if (slots[pos].hash == h && oas_json_same_key(&s->m[slots[pos].index], &s->m[i])) {
            if (!note_duplicate(s, slots[pos].index, i))
                return PROBE_STOP;
            slots[pos].index = i;
            return PROBE_NEXT;
        }
        if ((*budget)-- == 0)
            return PROBE_OVER_BUDGET;
        pos = (pos + 1) & mask;
    }
    slots[pos].hash = h;
    slots[pos].index = i;
    return PROBE_NEXT;
}

/* The table pass; false when it ran out of probe budget (marks and found
 * are then partial). */
static bool scan_hashed(dup_scan *s, const oas_json_dup_table *t, dup_slot *slots, size_t cap)
{
    const oas_siphash_key *key = t->pinned_hash ? NULL : oas_siphash_process_key();
    for (size_t i = 0; i < cap; i++)
        slots[i].index = SIZE_MAX;
    size_t budget = PROBE_BUDGET(s->count);
    for (size_t i = 0; i < s->count; i++) {
        switch (insert_member(s, slots, cap - 1, key_hash(t, key, &s->m[i]), i, &budget)) {
        case PROBE_NEXT: break;
        case PROBE_STOP: return true;
        case PROBE_OVER_BUDGET: return false;
        }
    }
    return true;
}

/* Any total order will do; length first is cheap. */
static bool key_before(const oas_json_member *x, const oas_json_member *y, size_t *work)
{
    ++*work;
    if (x->key_len != y->key_len)
        return x->key_len < y->key_len;
    return memcmp(x->key, y->key, x->key_len) < 0;
}

size_t *oas_json_sort_members(const oas_json_member *m, size_t n, size_t *order, size_t *scratch,
                              size_t *work)
{
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = mid + width < n ? mid + width : n;
            size_t a = lo, b = mid, out = lo;
            while (a < mid && b < hi)
                scratch[out++] = key_before(&m[order[b]], &m[order[a]], work) ? order[b++] : order[a++];
            while (a < mid)
                scratch[out++] = order[a++];
            while (b < hi)
                scratch[out++] = order[b++];
        }
        size_t *swap = order;
        order = scratch;
        scratch = swap;
    }
    return order;
}

/* Equal keys end up adjacent and in member order, so each neighbour pair
 * with the same key is (latest earlier occurrence, repeat). */
static void scan_sorted(dup_scan *s, size_t *order, size_t *scratch)
{
    order = oas_json_sort_members(s->m, s->count, order, scratch, &s->work);
    for (size_t k = 1; k < s->count; k++) {
        s->work++;
        if (oas_json_same_key(&s->m[order[k - 1]], &s->m[order[k]]) &&
            !note_duplicate(s, order[k - 1], order[k]))
            return;
    }
}

/* The block serves either pass: cap slots of 16 bytes hold the sort's two
 * arrays of count indices, since cap >= 2 * count. */
static oas_status reserve(oas_json_dup_table *t, size_t cap)
{
    if (t->table && t->bytes / sizeof(dup_slot) >= cap)
        return OAS_OK;
    oas_free(t->table); /* no realloc: the old contents are not needed */
    t->bytes = 0;
    t->table = oas_realloc_array(NULL, cap, sizeof(dup_slot));
    if (!t->table)
        return OAS_ERR_NOMEM;
    t->bytes = cap * sizeof(dup_slot);
    return OAS_OK;
}

/* Out of line: the small objects of every document should not pay for
 * this path's frame. */
__attribute__((noinline)) static oas_status scan_large(oas_json_dup_table *t, dup_scan *s)
{
    if (s->count > SIZE_MAX / 4 / sizeof(dup_slot))
        return OAS_ERR_NOMEM; /* the table's size would overflow */
    size_t cap = 32;
    while (cap / 2 < s->count)
        cap *= 2;
    oas_status st = reserve(t, cap);
    if (st == OAS_OK && !scan_hashed(s, t, t->table, cap)) {
        s->found = false;
        if (s->marks)
            memset(s->marks, 0, s->count);
        size_t *order = t->table;
        scan_sorted(s, order, order + s->count);
    }
    return st;
}

static oas_status scan(oas_json_dup_table *t, dup_scan *s)
{
    oas_status st = OAS_OK;
    if (s->count <= SMALL_OBJECT)
        scan_pairwise(s);
    else
        st = scan_large(t, s);
    thread_dup_work += s->work;
    return st;
}

oas_status oas_json_find_duplicates(oas_json_dup_table *t, const oas_json_member *m,
                                    size_t count, bool *found)
{
    dup_scan s = {.m = m, .count = count};
    oas_status st = scan(t, &s);
    *found = s.found;
    return st;
}

oas_status oas_json_mark_duplicates(oas_json_dup_table *t, const oas_json_member *m,
                                    size_t count, unsigned char *marks)
{
    if (count)
        memset(marks, 0, count);
    dup_scan s = {.m = m, .count = count, .marks = marks};
    return scan(t, &s);
}
