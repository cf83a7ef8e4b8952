/* oc_arena.c - chunked bump allocator (see oc_arena.h). */
#include "oc_arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "oc_alloc.h"

/* Large enough that a big spec needs a few hundred chunks at most. */
#define ARENA_CHUNK_BYTES 65536u
#define ARENA_ALIGN alignof(max_align_t)

struct oc_arena_chunk {
    oc_arena_chunk *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char bytes[];
};

static size_t round_up(size_t n)
{
    if (n > (size_t)-1 - ARENA_ALIGN)
        oc_out_of_memory();
    return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

/* n bytes, not cleared. */
static void *arena_alloc(oc_arena *a, size_t n)
{
    n = round_up(n ? n : 1);
    oc_arena_chunk *c = a->chunks;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > ARENA_CHUNK_BYTES ? n : ARENA_CHUNK_BYTES;
        if (cap > (size_t)-1 - sizeof *c)
            oc_out_of_memory();
        oc_arena_chunk *fresh = oc_malloc(sizeof *fresh + cap);
        fresh->used = 0;
        fresh->cap = cap;
        /* An oversized block goes behind the current chunk, which keeps
           serving the small requests. */
        if (c && cap > ARENA_CHUNK_BYTES) {
            fresh->next = c->next;
            c->next = fresh;
        } else {
            fresh->next = c;
            a->chunks = fresh;
        }
        c = fresh;
    }
    void *p = c->bytes + c->used;
    c->used += n;
    return p;
}

void *oc_arena_zalloc(oc_arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

void *oc_arena_calloc(oc_arena *a, size_t count, size_t size)
{
    if (size && count > (size_t)-1 / size)
        oc_out_of_memory();
    return oc_arena_zalloc(a, count * size);
}

char *oc_arena_strndup(oc_arena *a, const char *s, size_t n)
{
    if (n == (size_t)-1)
        oc_out_of_memory();
    char *copy = arena_alloc(a, n + 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

void oc_arena_free(oc_arena *a)
{
    while (a->chunks) {
        oc_arena_chunk *next = a->chunks->next;
        free(a->chunks);
        a->chunks = next;
    }
}
