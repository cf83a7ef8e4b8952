/* support_crafted_keys.c - see support_crafted_keys.h. */
#include "support_crafted_keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOW60 ((UINT64_C(1) << 60) - 1)

/* The old table: the smallest power of two >= 32 at most half full. */
static size_t old_table_size(size_t members)
{
    size_t cap = 32;
    while (cap / 2 < members)
        cap *= 2;
    return cap;
}

size_t crafted_keys_old_slot(const char *key, size_t len, size_t members)
{
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a, as the old detector had it */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 0x100000001b3u;
    h ^= h >> 29;
    return (size_t)h & (old_table_size(members) - 1);
}

/* Candidate i as 12 base-32 digits of a bijection of the 60-bit space, so
 * distinct candidates give distinct keys that do not look sequential. */
static void render_candidate(uint64_t i, char *out)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuv";
    uint64_t x = (i * UINT64_C(0x9e3779b97f4a7c15)) & LOW60;
    x ^= x >> 29;
    x = (x * UINT64_C(0xbf58476d1ce4e5b9)) & LOW60;
    x ^= x >> 32;
    for (int k = CRAFTED_KEY_LEN - 1; k >= 0; k--, x >>= 5)
        out[k] = digits[x & 31];
}

char *crafted_keys_ordinary(size_t count)
{
    char *keys = malloc(count * CRAFTED_KEY_LEN + 1);
    for (size_t i = 0; keys && i < count; i++)
        render_candidate(i, keys + i * CRAFTED_KEY_LEN);
    return keys;
}

char *crafted_keys_colliding(size_t count, size_t members)
{
    char *keys = malloc(count * CRAFTED_KEY_LEN + 1);
    size_t window = old_table_size(members) / 64;
    uint64_t candidate = 0;
    for (size_t found = 0; keys && found < count; candidate++) {
        char *key = keys + found * CRAFTED_KEY_LEN;
        render_candidate(candidate, key);
        if (crafted_keys_old_slot(key, CRAFTED_KEY_LEN, members) < window)
            found++;
    }
    return keys;
}

char *crafted_keys_object(const char *keys, size_t count, size_t repeat_of, size_t *out_len)
{
    size_t members = count + (repeat_of < count);
    size_t cap = 2 + members * (CRAFTED_KEY_LEN + 24), len = 0;
    char *json = malloc(cap);
    if (!json)
        return NULL;
    json[len++] = '{';
    for (size_t i = 0; i < members; i++) {
        const char *key = keys + (i < count ? i : repeat_of) * CRAFTED_KEY_LEN;
        len += (size_t)snprintf(json + len, cap - len, "%s\"%.*s\":%zu", i ? "," : "",
                                CRAFTED_KEY_LEN, key, i);
    }
    json[len++] = '}';
    json[len] = '\0';
    *out_len = len;
    return json;
}
