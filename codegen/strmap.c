/* strmap.c - open addressing (linear probing) with FNV-1a hashes. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oc_alloc.h"

typedef struct strmap_slot {
    char *key;       /* NULL = empty */
    size_t len;
    uint64_t hash;
    void *value;
} strmap_slot;

struct strmap {
    strmap_slot *slots;
    size_t cap;      /* power of two */
    size_t used;
};

static uint64_t strmap_hash(const char *key, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211ull;
    }
    return h;
}

strmap *strmap_new(void)
{
    strmap *m = oc_calloc(1, sizeof *m);
    m->cap = 16;
    m->slots = oc_calloc(m->cap, sizeof *m->slots);
    return m;
}

void strmap_free(strmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    free(m);
}

static strmap_slot *strmap_find(const strmap *m, const char *key, size_t len, uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);
    for (;;) {
        strmap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
        i = (i + 1) & (m->cap - 1);
    }
}

void *strmap_get(const strmap *m, const char *key, size_t len)
{
    strmap_slot *s = strmap_find(m, key, len, strmap_hash(key, len));
    return s->key ? s->value : NULL;
}

bool strmap_has(const strmap *m, const char *key, size_t len)
{
    return strmap_find(m, key, len, strmap_hash(key, len))->key != NULL;
}

static void strmap_rehash(strmap *m)
{
    strmap_slot *old = m->slots;
    size_t old_cap = m->cap;
    m->cap *= 2;
    m->slots = oc_calloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            *strmap_find(m, old[i].key, old[i].len, old[i].hash) = old[i];
    free(old);
}

bool strmap_put(strmap *m, const char *key, size_t len, void *value)
{
    uint64_t h = strmap_hash(key, len);
    strmap_slot *s = strmap_find(m, key, len, h);
    if (s->key) {
        s->value = value;
        return false;
    }
    s->key = oc_strndup(key, len);
    s->len = len;
    s->hash = h;
    s->value = value;
    /* Keep the load factor under 1/2 so probes stay short. */
    if (++m->used * 2 > m->cap)
        strmap_rehash(m);
    return true;
}
