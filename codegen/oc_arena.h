/* oc_arena.h - bump allocation for data that lives and dies together (the
 * YAML tree, the IR's literal values): one malloc per chunk instead of one
 * per node, and one free for all of it. Chunks come from oc_malloc, so out
 * of memory behaves as everywhere else in the generator. */
#ifndef OAS2C_OC_ARENA_H
#define OAS2C_OC_ARENA_H

#include <stddef.h>

typedef struct oc_arena_chunk oc_arena_chunk;
typedef struct oc_arena {
    oc_arena_chunk *chunks;  /* newest first; NULL: nothing allocated yet */
} oc_arena;

/* n zeroed bytes, aligned for any type; valid until oc_arena_free. */
void *oc_arena_zalloc(oc_arena *a, size_t n);
/* count * size zeroed bytes (exits on overflow, as on out of memory). */
void *oc_arena_calloc(oc_arena *a, size_t count, size_t size);
/* A NUL-terminated copy of the n bytes at s. */
char *oc_arena_strndup(oc_arena *a, const char *s, size_t n);
/* Releases every allocation; the arena is empty and usable again. */
void oc_arena_free(oc_arena *a);

#endif
