/* oas_json_dups.c - does an object repeat a key? Pairwise for the small
 * objects APIs send, a hash table for large ones so that a 1,000,000-member
 * object stays linear. */
#include "oas_json_internal.h"

#include <stdint.h>
#include <string.h>

#include "oas_alloc.h"

#define SMALL_OBJECT 8

static bool same_key(const oas_json_member *a, const oas_json_member *b)
{
    return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

static uint64_t key_hash(const char *key, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 0x100000001b3ull;
    return h ^ (h >> 29); /* the low bits index the table; mix the high ones in */
}

oas_status oas_json_find_duplicates(oas_json_dup_table *t, const oas_json_member *m,
                                    size_t count, bool *found)
{
    *found = false;
    if (count <= SMALL_OBJECT) {
        for (size_t i = 1; i < count; i++)
            for (size_t j = 0; j < i; j++)
                if (same_key(&m[i], &m[j])) {
                    *found = true;
                    return OAS_OK;
                }
        return OAS_OK;
    }
    size_t cap = 32;
    while (cap / 2 < count)
        cap *= 2;
    if (t->cap < cap) {
        oas_free(t->table);
        t->cap = 0;
        t->table = oas_realloc_array(NULL, cap, sizeof *t->table);
        if (!t->table)
            return OAS_ERR_NOMEM;
        t->cap = cap;
    }
    memset(t->table, 0xff, cap * sizeof *t->table); /* SIZE_MAX = empty */
    size_t mask = cap - 1;
    for (size_t i = 0; i < count; i++) {
        size_t h = (size_t)key_hash(m[i].key, m[i].key_len) & mask;
        while (t->table[h] != SIZE_MAX) {
            if (same_key(&m[t->table[h]], &m[i])) {
                *found = true;
                return OAS_OK;
            }
            h = (h + 1) & mask;
        }
        t->table[h] = i;
    }
    return OAS_OK;
}
