/* oas_json_arena.c - the document arena: a few large blocks, bump
 * allocation, one free. Keeps a parse to a handful of malloc calls. */
#include "oas_json_internal.h"

#include <stdint.h>

#include "oas_alloc.h"

typedef struct arena_block {
    struct arena_block *next;
} arena_block; /* the arena's blocks: this header, then the bytes */

#define ARENA_ALIGN 8u
#define ARENA_MAX_GROWTH ((size_t)256 << 20) /* stop doubling past 256 MiB */

static size_t round_up(size_t n) { return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1); }

oas_arena *oas_arena_new(size_t first_block)
{
    size_t head = round_up(sizeof(arena_block)) + round_up(sizeof(oas_arena));
    if (first_block > SIZE_MAX / 4 - head)
        return NULL;
    first_block = round_up(first_block);
    arena_block *b = oas_malloc(head + first_block);
    if (!b)
        return NULL;
    b->next = NULL;
    oas_arena *a = (oas_arena *)((char *)b + round_up(sizeof(arena_block)));
    a->blocks = b;
    a->cur = (char *)b + head;
    a->end = a->cur + first_block;
    a->next_size = first_block < ARENA_MAX_GROWTH ? first_block * 2 : first_block;
    return a;
}

void *oas_arena_alloc_block(oas_arena *a, size_t size)
{
    if (size > SIZE_MAX / 4)
        return NULL;
    size = round_up(size);
    if (size > (size_t)(a->end - a->cur)) {
        size_t block = a->next_size > size ? a->next_size : size;
        size_t head = round_up(sizeof(arena_block));
        arena_block *b = oas_malloc(head + block);
        if (!b)
            return NULL;
        b->next = a->blocks;
        a->blocks = b;
        a->cur = (char *)b + head;
        a->end = a->cur + block;
        if (a->next_size < ARENA_MAX_GROWTH)
            a->next_size *= 2;
    }
    void *p = a->cur;
    a->cur += size;
    return p;
}

void oas_arena_free(oas_arena *a)
{
    if (!a)
        return;
    arena_block *b = a->blocks; /* read before the oldest block (and a) goes */
    while (b) {
        arena_block *next = b->next;
        oas_free(b);
        b = next;
    }
}
