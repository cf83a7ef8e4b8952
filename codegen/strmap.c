/* strmap.c - open addressing (linear probing). Keys are copied into chunks
 * owned by the map: a map never deletes, and one allocation per key was a
 * large share of the generator's malloc traffic. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "oc_alloc.h"

/* Chunks start small (most maps are a struct's few member names) and
 * double up to a limit. */
#define STRMAP_FIRST_CHUNK 256u
#define STRMAP_MAX_CHUNK 65536u

typedef struct strmap_slot {
    char *key;       /* NULL = empty */
    size_t len;
    uint64_t hash;
    void *value;
} strmap_slot;

typedef struct strmap_chunk strmap_chunk;
struct strmap_chunk {
    strmap_chunk *next;
    size_t used, cap;
    char bytes[];
};

struct strmap {
    strmap_slot *slots;
    size_t cap;      /* power of two */
    size_t used;
    strmap_chunk *chunks;  /* newest first; only the newest takes new keys */
};

/* Eight bytes per step (names run to 60+ bytes; byte-wise FNV-1a showed in
 * profiles), then a final mix so that the low bits, which pick the slot,
 * depend on every byte. */
uint64_t strmap_hash(const char *key, size_t len)
{
    const uint64_t mul = 0x9E3779B97F4A7C15ull;
    uint64_t h = len * mul;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t word;
        memcpy(&word, key + i, 8);
        h = (h ^ word) * mul;
        h ^= h >> 32;
    }
    uint64_t tail = 0;
    for (size_t k = 0; i + k < len; k++)
        tail |= (uint64_t)(unsigned char)key[i + k] << (8 * k);
    h = (h ^ tail) * mul;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

strmap *strmap_new(void)
{
    return strmap_new_sized(0);
}

strmap *strmap_new_sized(size_t keys)
{
    strmap *m = oc_calloc(1, sizeof *m);
    m->cap = 16;
    while (m->cap / 2 < keys) /* the load factor put() keeps */
        m->cap *= 2;
    m->slots = oc_calloc(m->cap, sizeof *m->slots);
    return m;
}

void strmap_free(strmap *m)
{
    if (!m)
        return;
    while (m->chunks) {
        strmap_chunk *next = m->chunks->next;
        free(m->chunks);
        m->chunks = next;
    }
    free(m->slots);
    free(m);
}

/* A NUL-terminated copy of key in the map's chunks. */
static char *strmap_copy_key(strmap *m, const char *key, size_t len)
{
    strmap_chunk *c = m->chunks;
    if (!c || c->cap - c->used < len + 1) {
        size_t cap = c ? 2 * c->cap : STRMAP_FIRST_CHUNK;
        if (cap > STRMAP_MAX_CHUNK)
            cap = STRMAP_MAX_CHUNK;
        if (cap < len + 1)
            cap = len + 1;
        c = oc_malloc(sizeof *c + cap);
        c->used = 0;
        c->cap = cap;
        c->next = m->chunks;
        m->chunks = c;
    }
    char *copy = c->bytes + c->used;
    memcpy(copy, key, len);
    copy[len] = '\0';
    c->used += len + 1;
    return copy;
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
    return strmap_has_hashed(m, key, len, strmap_hash(key, len));
}

void strmap_prefetch(const strmap *m, uint64_t hash)
{
    __builtin_prefetch(&m->slots[(size_t)hash & (m->cap - 1)]);
}

bool strmap_has_hashed(const strmap *m, const char *key, size_t len, uint64_t hash)
{
    return strmap_find(m, key, len, hash)->key != NULL;
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
    return strmap_put_hashed(m, key, len, strmap_hash(key, len), value);
}

bool strmap_put_hashed(strmap *m, const char *key, size_t len, uint64_t hash, void *value)
{
    strmap_slot *s = strmap_find(m, key, len, hash);
    if (s->key) {
        s->value = value;
        return false;
    }
    s->key = strmap_copy_key(m, key, len);
    s->len = len;
    s->hash = hash;
    s->value = value;
    /* Keep the load factor under 1/2 so probes stay short. */
    if (++m->used * 2 > m->cap)
        strmap_rehash(m);
    return true;
}
