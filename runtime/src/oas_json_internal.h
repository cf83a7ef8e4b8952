/* oas_json_internal.h - private helpers shared by the JSON reader, the
 * writers and the cJSON bridge. Not installed. */
#ifndef OAS_JSON_INTERNAL_H
#define OAS_JSON_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "oas_json.h"

/* strtod in the "C" locale whatever the process locale (the text always
 * uses '.'); s must be NUL-terminated. */
double oas_strtod_c(const char *s, char **end);

/* snprintf("%.*g") in the "C" locale. */
int oas_format_double_c(char *out, size_t size, int precision, double v);

/* The text oas_buf_json_double() writes for a finite v, NUL-terminated;
 * returns its length. */
#define OAS_DOUBLE_TEXT_MAX 40
size_t oas_double_text(char text[OAS_DOUBLE_TEXT_MAX], double v);

/* A document from a root node built elsewhere (cJSON bridge). */
typedef struct oas_arena oas_arena;
struct oas_json_doc {
    oas_json root;
    oas_arena *arena;
};

/* Bump allocator made of a few large blocks; everything is freed at once
 * (oas_json_arena.c). The struct is here for the inline fast path only. */
struct oas_arena {
    struct arena_block *blocks; /* newest first; the arena itself lives in the oldest */
    char *cur, *end;
    size_t next_size;
};
oas_arena *oas_arena_new(size_t first_block);
/* oas_arena_alloc when the current block is too small: a new block. */
void *oas_arena_alloc_block(oas_arena *a, size_t size);
void oas_arena_free(oas_arena *a);

/* 8-aligned; NULL on failure. Inline: the reader allocates every
 * container's children here, and most fit the current block. */
static inline void *oas_arena_alloc(oas_arena *a, size_t size)
{
    if (size <= SIZE_MAX / 4) {
        size_t rounded = (size + 7) & ~(size_t)7;
        if (rounded <= (size_t)(a->end - a->cur)) {
            void *p = a->cur;
            a->cur += rounded;
            return p;
        }
    }
    return oas_arena_alloc_block(a, size);
}

/* Duplicate keys (oas_json_dups.c): O(n) expected and O(n log n) key
 * comparisons at worst, whatever the keys. The table is one block reused
 * across calls, freed by the caller with oas_free(t->table); a zeroed
 * struct is an empty table. Both functions fail only with OAS_ERR_NOMEM. */
typedef struct oas_json_dup_table {
    void *table;  /* hash slots, or the index arrays of the sorting fallback */
    size_t bytes; /* size of table */
    /* NULL: SipHash-1-3 with the process's random key. Tests pin a hash of
     * their own to force collisions (as if an attacker knew the key). */
    uint64_t (*pinned_hash)(const char *key, size_t len);
} oas_json_dup_table;

/* One of 64 bits for a key's length, first and last byte: equal keys share
 * it, so a key whose bit no earlier key of its object set repeats none of
 * them. The last byte tells apart the keys that share a prefix (min and
 * max, id and ids), which first byte and length alone put together. */
static inline uint64_t oas_json_class_of(size_t key_len, uint64_t first, uint64_t last)
{
    uint64_t mix = ((uint64_t)key_len + (first << 8) + (last << 16)) * 0x9E3779B97F4A7C15ull;
    return (uint64_t)1 << (mix >> 58); /* the product's top 6 bits mix all three */
}

static inline uint64_t oas_json_key_class(const char *key, size_t key_len)
{
    if (!key_len)
        return oas_json_class_of(0, 0, 0);
    return oas_json_class_of(key_len, (unsigned char)key[0], (unsigned char)key[key_len - 1]);
}

/* The reader's own bits of a container's flags (oas_json.h reserves
 * 0x10-0x80): no object in it or below repeats a key, and the height of
 * that subtree (1: no container inside), rounded up to 4, 16, 64 or 256
 * in two bits. So oas_report_duplicate_keys skips a subtree as a whole
 * when its depth limit cannot be reached inside. A node without the bit
 * (deeper, or not built by the reader) is walked. */
#define OAS_JSON_F_NO_DUPS_BELOW 0x10u
#define OAS_JSON_F_HEIGHT_SHIFT 5
#define OAS_JSON_F_HEIGHT_MASK 0x60u

/* The flags for a subtree without a repeated key of the given height; 0
 * beyond 256. */
static inline uint8_t oas_json_no_dups_flags(size_t height)
{
    unsigned cls = height <= 4 ? 0 : height <= 16 ? 1 : height <= 64 ? 2 : 3;
    if (height > 256)
        return 0;
    return (uint8_t)(OAS_JSON_F_NO_DUPS_BELOW | (cls << OAS_JSON_F_HEIGHT_SHIFT));
}

/* A bound on the height of v's subtree when no object in it repeats a key
 * (as the reader flagged it); 0 when that is not known. */
static inline size_t oas_json_no_dups_height(const oas_json *v)
{
    if (!(v->flags & OAS_JSON_F_NO_DUPS_BELOW))
        return 0;
    return (size_t)4 << (2 * ((v->flags & OAS_JSON_F_HEIGHT_MASK) >> OAS_JSON_F_HEIGHT_SHIFT));
}

/* *found: some key occurs twice among m[0..count). */
oas_status oas_json_find_duplicates(oas_json_dup_table *t, const oas_json_member *m,
                                    size_t count, bool *found);

#define OAS_JSON_DUP_REPEAT 0x01u   /* an earlier member has the same key */
#define OAS_JSON_DUP_SHADOWED 0x02u /* a later member has the same key (lookups see the last) */
/* marks[i] = the OAS_JSON_DUP_* bits of m[i]; marks has count entries. */
oas_status oas_json_mark_duplicates(oas_json_dup_table *t, const oas_json_member *m,
                                    size_t count, unsigned char *marks);

/* Slot probes plus key comparisons this thread's duplicate detection has
 * made so far. A test hook: tests bound its growth for crafted keys. */
size_t oas_json_dup_work(void);

/* a and b have the same n bytes, compared inline (object keys are short, a
 * memcmp call costs more than the compare): whole words, two loads cover 4
 * to 16 bytes. */
static inline bool oas_json_key_eq(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    uint32_t u, v;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return false;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        memcpy(&u, a, 4);
        memcpy(&v, b, 4);
        if (u != v)
            return false;
        memcpy(&u, a + n - 4, 4);
        memcpy(&v, b + n - 4, 4);
        return u == v;
    }
    /* 0 to 3 bytes: the first, middle and last cover them all */
    return n == 0 || ((a[0] == b[0]) & (a[n / 2] == b[n / 2]) & (a[n - 1] == b[n - 1]));
}

/* Do two members have the same key? (The first byte is compared before
 * memcmp: most keys that differ differ there.) */
static inline bool oas_json_same_key(const oas_json_member *a, const oas_json_member *b)
{
    return a->key_len == b->key_len &&
           (a->key_len == 0 || (a->key[0] == b->key[0] && memcmp(a->key, b->key, a->key_len) == 0));
}

/* Member indices 0..n-1 sorted by key (length, then bytes), stable so
 * equal keys stay in member order: a bottom-up merge sort, at most
 * n log2 n comparisons (added to *work), no recursion. order and scratch
 * hold n each; returns whichever of the two holds the result. */
size_t *oas_json_sort_members(const oas_json_member *m, size_t n, size_t *order, size_t *scratch,
                              size_t *work);

/* Indices of the effective members of an object (the last occurrence of
 * each key) in key order: O(n log n). One block for oas_free(); NULL when
 * out of memory. */
size_t *oas_json_effective_members(const oas_json *obj, size_t *count);

/* Calls of oas_json_equal() this thread has made so far. A test hook:
 * tests bound its growth for large arrays under uniqueItems. */
size_t oas_json_equal_calls(void);

/* *out = a hash of v keyed with the process's SipHash key: values that
 * oas_json_equal() finds equal hash alike (numbers by value, objects
 * whatever their member order). Iterative. false when out of memory. */
bool oas_json_hash(const oas_json *v, uint64_t *out);

#endif
